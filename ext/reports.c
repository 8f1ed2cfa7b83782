/*
** The scorecard as table-valued functions, on the engine of tvf.c; the
** scoring itself (a KPI at a period, an objective's roll-up) is
** scorecard.c's.
**
**   bsc_scorecard([period [, schema [, unit]]])           one row per KPI
**     perspective, objective, kpi, title, unit, period, actual, target, red,
**     score, status, trend, target_source, red_source; HIDDEN for_period,
**     schema, for_unit
**   bsc_objective_scores([period [, schema [, unit]]])    one row per objective
**     perspective, objective, title, score, status, kpis_scored, kpis_total;
**     HIDDEN period, schema, unit
**   bsc_perspective_scores([period [, schema [, unit]]])  financial, customer,
**     internal, learning (or the order of the setting perspective_order,
**     mission among them when the map has it), then `map` for the whole map
**     perspective, score, status, objectives_scored, objectives_total;
**     HIDDEN period, schema, unit
**
** With no period (or NULL) each KPI is scored at its latest period with an
** actual. bsc_scorecard's output column is called `period`, so its hidden
** argument is `for_period`; `WHERE period = '2026-Q3'` on it (or on a view
** over it) asks for that period too (tvf.c's BscTvfAlias). The hidden
** columns show the period normalised and the schema read ('main' when none
** is given). Rows come top to bottom: perspectives in Kaplan & Norton's
** order (or the setting perspective_order's), then objectives and KPIs in
** the order they were entered.
**
** A unit (a row of the units table; bsc_scorecard's `unit` column is the
** KPI's unit of measure, so its argument is for_unit) scores that unit's
** own objectives alone. With none (or NULL) it is the top unit, whose
** objectives are also those with unit NULL: a map without units is all
** top unit and scores as before units existed. The hidden column shows the
** unit scored (NULL when the map has no units).
*/
#include "reports.h"
#include "damage.h"
#include "memo.h"
#include "scorecard.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <string.h>

enum { ARG_PERIOD, ARG_SCHEMA, ARG_UNIT };

/* bsc_scorecard's columns */
enum {
  SC_PERSPECTIVE, SC_OBJECTIVE, SC_KPI, SC_TITLE, SC_UNIT, SC_PERIOD, SC_ACTUAL, SC_TARGET, SC_RED, SC_SCORE,
  SC_STATUS, SC_TREND, SC_TARGET_SOURCE, SC_RED_SOURCE
};
/* bsc_objective_scores' text columns, from the objectives statement */
enum { OS_PERSPECTIVE, OS_OBJECTIVE, OS_TITLE };

/* One call of the three, streamed: the objectives top to bottom (and for
** bsc_scorecard the KPIs of the current one) are statements of the call's
** own, borrowed from the store, so that two calls at once never share one. */
typedef struct Scoring {
  BscStore *pStore;
  BscStamps stamps;         /* the map's when the call started */
  BscPeriod at, *pAt;       /* the period asked for; NULL: each KPI's latest */
  sqlite3_stmt *pObjective; /* id, perspective, title, weight, rollup, rid */
  const char *zUnit;        /* the unit scored (the call's aShown); NULL: all */
  int isTop;                /* it is the top unit, which holds unit NULL too */
  int objectiveGen;
  int iRank;                /* the perspective pObjective scans: its row from the top */
  sqlite3_stmt *pKpi; /* bsc_scorecard: the current objective's KPIs */
  int kpiGen, kpiOpen;
  BscKpiScore kpi;  /* bsc_scorecard: the current KPI's score */
  double *aAcc;     /* bsc_perspective_scores: score, weight, perspective per objective */
  int nAcc, nAccAlloc, iPerspective;
  const BscSettings *pSet; /* the map's: the perspectives' order */
  /* bsc_scorecard: the rows of the same question asked before, handed out
  ** again (iMemo the next), or those of this call, kept for the next
  ** (memo.c); the texts of a remembered row are read by rowid */
  BscMemo *pMemo, *pBuild;
  int iMemo;
  sqlite3_stmt *apRow[2]; /* the objective's (id, perspective), the KPI's (id, objective, title, unit) */
  int aRowGen[2];
  sqlite3_int64 aRowAt[2]; /* the rowid each is on, 0: none */
} Scoring;

/* Text column i of pStmt, as its row holds it (tvf.c copies it). */
static void out_column(BscOut *o, sqlite3_stmt *pStmt, int i) {
  bsc_out_text(o, (const char *)sqlite3_column_text(pStmt, i));
}

/* Binds the perspective of row p->iRank from the top (the setting
** perspective_order's), or NULL past the last: any other (none, unless
** written around bsc: then the damage check refused the call). */
static int bind_rank(Scoring *p) {
  const char *zPersp = p->iRank < bscPerspectives.n ? bscPerspectives.a[p->pSet->aOrder[p->iRank]].id : 0;
  return sqlite3_bind_text(p->pObjective, 3, zPersp, -1, SQLITE_STATIC);
}

/* The objectives of the map, top to bottom (perspective, then the order of
** entry); only p->zUnit's when not NULL. One scan in rowid order for each
** perspective (next_objective): no sort, whose memory grows with the map. */
static int open_objectives(Scoring *p) {
  BscStore *pStore = p->pStore;
  const char *zObjectives = pStore->azTable[BSC_OBJECTIVES];
  char zData[200];
  if (!zObjectives) return SQLITE_OK;
  /* a format-1 map not connected since the upgrade has no rollup yet */
  sqlite3_snprintf(sizeof(zData), zData, "%s_data", zObjectives);
  int hasRollup = sqlite3_table_column_metadata(pStore->db, pStore->zSchema, zData, "rollup", 0, 0, 0,
                                                0, 0) == SQLITE_OK;
  int hasUnit = sqlite3_table_column_metadata(pStore->db, pStore->zSchema, zData, "unit", 0, 0, 0, 0, 0) ==
                SQLITE_OK;
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendf(s, "SELECT id, perspective, title, weight, %s, rid FROM \"%w\".\"%w_data\" WHERE (%s)"
                      " AND (perspective = ?3 OR (?3 IS NULL AND perspective NOT IN (",
                      hasRollup ? "rollup" : "NULL", pStore->zSchema, zObjectives,
                      hasUnit ? "?1 IS NULL OR unit = ?1 OR (?2 AND unit IS NULL)" : "?1 IS NULL OR ?2");
  for (int i = 0; i < bscPerspectives.n; i++) {
    sqlite3_str_appendf(s, "%s'%q'", i ? ", " : "", bscPerspectives.a[i].id);
  }
  sqlite3_str_appendall(s, "))) ORDER BY rid");
  char *zSql = sqlite3_str_finish(s);
  if (!zSql) return SQLITE_NOMEM;
  int rc = bsc_store_borrow(pStore, zSql, &p->pObjective, &p->objectiveGen);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(p->pObjective, 1, p->zUnit, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int(p->pObjective, 2, p->isTop);
  p->iRank = 0;
  if (rc == SQLITE_OK) rc = bind_rank(p);
  return rc;
}

/* The unit to score: zUnit, or the top unit when NULL; its id goes to
** the unit argument's hidden column, and p->isTop says whether it is the
** top. A map without units (or none yet) leaves it NULL: all is top. A
** unit the map does not hold is an error for c. */
static int find_unit(BscCall *c, Scoring *p, const char *zUnit) {
  BscStore *pStore = p->pStore;
  const char *zUnits = pStore->azTable[BSC_UNITS];
  sqlite3_stmt *pStmt;
  if (!zUnits) {
    return !zUnit ? SQLITE_OK
                  : bsc_call_error(c, "bsc: %s: no unit '%q' in the map of schema '%q', which has no units table",
                                   c->zFunc, zUnit, pStore->zSchema);
  }
  int rc = bsc_store_slot(pStore, BSC_SLOT_SCORE_UNIT, &pStmt,
                          "SELECT id, parent IS NULL FROM \"%w\".\"%w_data\" WHERE id = ?1 OR (?1 IS NULL AND"
                          " parent IS NULL) ORDER BY rid LIMIT 1",
                          pStore->zSchema, zUnits);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zUnit, -1, SQLITE_STATIC);
  rc = bsc_stmt_step(pStmt);
  if (rc == SQLITE_DONE) {
    return !zUnit ? SQLITE_OK
                  : bsc_call_error(c, "bsc: %s: no unit '%q' in the map of schema '%q'", c->zFunc, zUnit,
                                   pStore->zSchema);
  }
  if (rc != SQLITE_ROW) return rc;
  p->isTop = sqlite3_column_int(pStmt, 1);
  rc = bsc_out_copy(&c->aShown[ARG_UNIT], (const char *)sqlite3_column_text(pStmt, 0));
  p->zUnit = c->aShown[ARG_UNIT].z;
  int rc2 = sqlite3_reset(pStmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* The next objective: SQLITE_ROW, SQLITE_DONE (none left) or an error. */
static int next_objective(Scoring *p) {
  if (!p->pObjective) return SQLITE_DONE;
  for (;;) {
    if (sqlite3_step(p->pObjective) == SQLITE_ROW) return SQLITE_ROW;
    int rc = sqlite3_reset(p->pObjective);
    if (rc != SQLITE_OK) return rc;
    if (p->iRank == bscPerspectives.n) return SQLITE_DONE;
    p->iRank++; /* the next perspective down */
    if ((rc = bind_rank(p)) != SQLITE_OK) return rc;
  }
}

/* The current objective scored, its KPIs with it. */
static int score_objective(Scoring *p, BscObjectiveScore *os) {
  int how = bsc_vocab_rank(&bscRollups, (const char *)sqlite3_column_text(p->pObjective, 4));
  return bsc_objective_score(p->pStore, (const char *)sqlite3_column_text(p->pObjective, 0),
                             how < 0 ? BSC_ROLLUP_WEIGHTED : (BscRollup)how, p->pAt, os, 0, 0);
}

static void score_stop(BscCall *c) {
  Scoring *p = c->pState;
  bsc_store_return(p->pStore, p->pObjective, p->objectiveGen);
  bsc_store_return(p->pStore, p->pKpi, p->kpiGen);
  for (int i = 0; i < 2; i++) bsc_store_return(p->pStore, p->apRow[i], p->aRowGen[i]);
  bsc_memo_unref(p->pMemo);
  bsc_memo_unref(p->pBuild); /* a call stopped before its last row */
  sqlite3_free(p->aAcc);
  sqlite3_free(p);
  c->pState = 0;
}

/* An error of a call: a reader's own message (a damaged row), SQLite's,
** or where to look; never "not an error" (SQLite's message may be gone by
** now, a later call cleared it). */
static int score_error(BscCall *c, int rc) {
  Scoring *p = c->pState;
  BscStore *pStore = p ? p->pStore : 0;
  if (rc == SQLITE_OK || rc == SQLITE_NOMEM || c->zErr) return rc;
  if (pStore && pStore->zErr) {
    c->zErr = pStore->zErr;
    pStore->zErr = 0;
    return rc;
  }
  if ((sqlite3_errcode(c->db) != SQLITE_OK
           ? bsc_call_error(c, "bsc: %s: %s", c->zFunc, sqlite3_errmsg(c->db))
           : bsc_call_error(c, "bsc: %s: the map's storage cannot be read (%s); SELECT * FROM "
                               "bsc_integrity('%q') says what is wrong with it",
                            c->zFunc, sqlite3_errstr(rc), pStore ? pStore->zSchema : "main")) == SQLITE_NOMEM) {
    return SQLITE_NOMEM;
  }
  return rc;
}

/* bsc_scorecard's remembered rows for the question of call c (memo.c):
** handed out when the map is as it was (p->pMemo), else this call's kept
** as they come (p->pBuild). zUnit: the unit as asked. */
static int find_memo(BscCall *c, Scoring *p, const char *zUnit) {
  const char *zPeriod = p->pAt ? c->aShown[ARG_PERIOD].z : 0;
  int rc = bsc_memo_find(p->pStore, c->conn, &p->stamps, zPeriod, zUnit, &p->pMemo);
  if (rc != SQLITE_OK || !p->pMemo) return rc;
  p->isTop = p->pMemo->isTop;
  p->zUnit = 0;
  if (!p->pMemo->zUnitShown) return SQLITE_OK;
  rc = bsc_out_copy(&c->aShown[ARG_UNIT], p->pMemo->zUnitShown);
  p->zUnit = c->aShown[ARG_UNIT].z;
  return rc;
}

/* The three functions' one start: reads the period, schema and unit
** arguments and opens the objectives (the unit's); bMemo: bsc_scorecard,
** which remembers its rows. */
static int score_start_as(BscCall *c, int bMemo) {
  sqlite3_value *pPeriod = c->aArg[ARG_PERIOD], *pSchema = c->aArg[ARG_SCHEMA], *pUnit = c->aArg[ARG_UNIT];
  const char *zUnit = pUnit && sqlite3_value_type(pUnit) != SQLITE_NULL ? (const char *)sqlite3_value_text(pUnit) : 0;
  const char *zSchema = "main";
  BscPeriod at;
  int hasAt = 0, rc;
  if (pSchema && sqlite3_value_type(pSchema) != SQLITE_NULL) zSchema = (const char *)sqlite3_value_text(pSchema);
  /* a fiscal period (FY2027-Q1) is read once the map's fiscal year is known */
  int fiscal = pPeriod && sqlite3_value_type(pPeriod) == SQLITE_TEXT &&
               bsc_period_is_fiscal((const char *)sqlite3_value_text(pPeriod));
  if (pPeriod && sqlite3_value_type(pPeriod) != SQLITE_NULL && !fiscal) {
    char zNorm[BSC_PERIOD_MAX];
    if (sqlite3_value_type(pPeriod) == SQLITE_BLOB ||
        !bsc_period_parse((const char *)sqlite3_value_text(pPeriod), &at, 1)) {
      return bsc_call_error(c, "bsc: %s: period %z is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
                            "2026-09-30, 2026-W38 or YTD:2026-09", c->zFunc, bsc_quote_value(pPeriod));
    }
    hasAt = 1;
    bsc_period_format(&at, zNorm);
    rc = bsc_out_copy(&c->aShown[ARG_PERIOD], zNorm);
    if (rc != SQLITE_OK) return rc;
  }
  /* temp has no file name until something is first created in it */
  if (!zSchema || (!sqlite3_db_filename(c->db, zSchema) && sqlite3_stricmp(zSchema, "temp") != 0)) {
    return bsc_call_error(c, "bsc: %s: no schema '%q'; name main, temp or an attached database", c->zFunc,
                          zSchema ? zSchema : "");
  }
  bsc_out_text(&c->aShown[ARG_SCHEMA], zSchema); /* lives as long as the argument */
  Scoring *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  c->pState = p;
  if (hasAt) p->at = at, p->pAt = &p->at;
  rc = bsc_call_store(c, zSchema, &p->pStore);
  if (rc == SQLITE_OK) rc = bsc_store_refresh(p->pStore);
  /* as the graph functions do: an empty answer would hide a wrong database */
  if (rc == SQLITE_OK) rc = bsc_store_require_map(p->pStore, c->zFunc, &c->zErr);
  if (rc == SQLITE_OK) rc = bsc_store_stamps(p->pStore, c->conn, &p->stamps);
  /* a damaged row is refused, never scored as if valid */
  if (rc == SQLITE_OK) rc = bsc_damage_check(p->pStore, c->conn, &p->stamps, BSC_SCORE_SOURCES, c->zFunc, &c->zErr);
  if (rc == SQLITE_OK) p->pSet = bsc_store_settings(p->pStore, &rc);
  if (rc == SQLITE_OK && fiscal) {
    char zNorm[BSC_PERIOD_MAX];
    if (!bsc_period_parse_fy((const char *)sqlite3_value_text(pPeriod), &p->at, 1, p->pSet->fyStart)) {
      return bsc_call_error(c, "bsc: %s: period %z is a fiscal period and the map in schema '%q' has no fiscal "
                            "year; set fiscal_year_start in settings first (4 for a year from April)",
                            c->zFunc, bsc_quote_value(pPeriod), zSchema);
    }
    p->pAt = &p->at;
    bsc_period_format(&p->at, zNorm);
    rc = bsc_out_copy(&c->aShown[ARG_PERIOD], zNorm);
  }
  if (rc == SQLITE_OK && bMemo) rc = find_memo(c, p, zUnit);
  if (p->pMemo || rc != SQLITE_OK) return score_error(c, rc);
  if (rc == SQLITE_OK) rc = find_unit(c, p, zUnit);
  if (rc == SQLITE_OK) rc = open_objectives(p);
  if (rc == SQLITE_OK && bMemo) {
    /* NULL (out of memory, no cache): this call's rows are not kept */
    p->pBuild = bsc_memo_begin(p->pStore, c->conn, &p->stamps, p->pAt, p->pAt ? c->aShown[ARG_PERIOD].z : 0, zUnit,
                               p->zUnit, p->isTop);
  }
  return score_error(c, rc);
}

static int score_start(BscCall *c) { return score_start_as(c, 0); }

/* ------------------------------------------------------- bsc_scorecard */

static int scorecard_start(BscCall *c) { return score_start_as(c, 1); }

/* The next KPI, objective after objective; scored, its texts left for
** scorecard_column. */
static int scorecard_step(BscCall *c) {
  Scoring *p = c->pState;
  int rc = SQLITE_OK;
  if (p->pMemo) {
    if (p->iMemo < p->pMemo->nRow) bsc_memo_score(p->pMemo, p->iMemo++, &p->kpi);
    else c->bEof = 1;
  }
  while (!p->pMemo) {
    if (p->kpiOpen) {
      rc = sqlite3_step(p->pKpi);
      if (rc == SQLITE_ROW) {
        BscKpiDef k;
        bsc_kpi_def_row(&k, p->pKpi);
        if (!k.zId) continue;
        rc = bsc_kpi_score(p->pStore, &k, p->pAt, &p->kpi);
        if (rc == SQLITE_OK && p->pBuild &&
            bsc_memo_add(p->pBuild, sqlite3_column_int64(p->pObjective, 5), sqlite3_column_int64(p->pKpi, BSC_KPI_RID),
                         &p->kpi) != SQLITE_OK) {
          bsc_memo_unref(p->pBuild); /* out of memory: the rows are not kept */
          p->pBuild = 0;
        }
        break;
      }
      p->kpiOpen = 0;
      rc = sqlite3_reset(p->pKpi);
      if (rc != SQLITE_OK) break;
    }
    rc = next_objective(p);
    if (rc != SQLITE_ROW) {
      if (rc == SQLITE_DONE) rc = SQLITE_OK, c->bEof = 1;
      break;
    }
    if (!p->pKpi) {
      char *zSql = bsc_objective_kpis_sql(p->pStore, &rc);
      if (!zSql) {
        if (rc == SQLITE_OK) c->bEof = 1; /* no KPIs table: no rows */
        break;
      }
      rc = bsc_store_borrow(p->pStore, zSql, &p->pKpi, &p->kpiGen);
      sqlite3_free(zSql);
      if (rc != SQLITE_OK) break;
    }
    rc = sqlite3_bind_value(p->pKpi, 1, sqlite3_column_value(p->pObjective, 0));
    if (rc != SQLITE_OK) break;
    p->kpiOpen = 1;
  }
  if (rc == SQLITE_OK && c->bEof && p->pBuild) {
    bsc_memo_keep(p->pBuild, p->pStore, c->conn); /* every row: kept for the next call */
    p->pBuild = 0;
  }
  if (rc == SQLITE_OK && !c->bEof) {
    const BscKpiScore *s = &p->kpi;
    BscOut *row = c->rows.a;
    bsc_out_real(&row[SC_ACTUAL], s->actual);
    bsc_out_real(&row[SC_TARGET], s->target);
    bsc_out_real(&row[SC_RED], s->red);
    bsc_out_real(&row[SC_SCORE], s->score);
    bsc_out_text(&row[SC_STATUS], bsc_status_of(s->score));
    bsc_out_text(&row[SC_TREND], s->zTrend);
    /* a NULL number is type 0 too: scorecard_column leaves it NULL */
  }
  return score_error(c, rc);
}

/* The stored row of the current remembered row's objective (i 0) or KPI
** (i 1), read by rowid into p->apRow[i], whose columns are those of
** p->pObjective and p->pKpi that scorecard_column reads. */
static int memo_row(Scoring *p, int i, sqlite3_stmt **pp) {
  const BscMemoRow *r = &p->pMemo->aRow[p->iMemo - 1];
  sqlite3_int64 rid = i ? r->kpiRid : p->pMemo->aObjective[r->iObjective];
  BscStore *pStore = p->pStore;
  int rc = SQLITE_OK;
  *pp = 0;
  if (!p->apRow[i]) {
    char *zSql = sqlite3_mprintf(i ? "SELECT id, objective, title, unit FROM \"%w\".\"%w_data\" WHERE rid=?1"
                                   : "SELECT id, perspective FROM \"%w\".\"%w_data\" WHERE rid=?1",
                                 pStore->zSchema, pStore->azTable[i ? BSC_KPIS : BSC_OBJECTIVES]);
    rc = zSql ? bsc_store_borrow(pStore, zSql, &p->apRow[i], &p->aRowGen[i]) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) return rc;
  }
  if (p->aRowAt[i] != rid) {
    sqlite3_reset(p->apRow[i]);
    p->aRowAt[i] = 0;
    sqlite3_bind_int64(p->apRow[i], 1, rid);
    rc = bsc_stmt_step(p->apRow[i]);
    /* the stamps are those the row was kept at: it is there */
    if (rc == SQLITE_DONE) rc = SQLITE_CORRUPT;
    if (rc != SQLITE_ROW) return rc;
    p->aRowAt[i] = rid;
  }
  *pp = p->apRow[i];
  return SQLITE_OK;
}

/* The current KPI's texts, formatted only when asked for. */
static int scorecard_column(BscCall *c, int iCol, BscOut *o) {
  Scoring *p = c->pState;
  char z[BSC_SOURCE_MAX];
  sqlite3_stmt *pObjective = p->pObjective, *pKpi = p->pKpi;
  int rc = SQLITE_OK;
  if (p->pMemo && (iCol == SC_PERSPECTIVE || iCol == SC_OBJECTIVE)) rc = memo_row(p, 0, &pObjective);
  if (p->pMemo && (iCol == SC_KPI || iCol == SC_TITLE || iCol == SC_UNIT)) rc = memo_row(p, 1, &pKpi);
  if (rc != SQLITE_OK) return score_error(c, rc);
  switch (iCol) {
    case SC_PERSPECTIVE: out_column(o, pObjective, 1); break;
    case SC_OBJECTIVE: out_column(o, pObjective, 0); break;
    case SC_KPI: out_column(o, pKpi, 0); break;
    case SC_TITLE: out_column(o, pKpi, 2); break;
    case SC_UNIT: out_column(o, pKpi, 3); break;
    case SC_PERIOD: bsc_kpi_period(&p->kpi, z); return bsc_out_copy(o, z[0] ? z : 0);
    case SC_TARGET_SOURCE:
    case SC_RED_SOURCE: bsc_kpi_source(&p->kpi, iCol == SC_RED_SOURCE, z); return bsc_out_copy(o, z[0] ? z : 0);
    default: break;
  }
  return SQLITE_OK;
}

/* ------------------------------------------------ bsc_objective_scores */

static int objective_step(BscCall *c) {
  Scoring *p = c->pState;
  BscObjectiveScore os;
  int rc = next_objective(p);
  if (rc == SQLITE_DONE) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  if (rc == SQLITE_ROW) rc = score_objective(p, &os);
  if (rc == SQLITE_OK) {
    BscOut *row = c->rows.a;
    bsc_out_real(&row[3], os.score);
    bsc_out_text(&row[4], bsc_status_of(os.score));
    bsc_out_int(&row[5], os.nScored);
    bsc_out_int(&row[6], os.nTotal);
  }
  return score_error(c, rc);
}

static int objective_column(BscCall *c, int iCol, BscOut *o) {
  Scoring *p = c->pState;
  if (iCol == OS_PERSPECTIVE) out_column(o, p->pObjective, 1);
  if (iCol == OS_OBJECTIVE) out_column(o, p->pObjective, 0);
  if (iCol == OS_TITLE) out_column(o, p->pObjective, 2);
  return SQLITE_OK;
}

/* ---------------------------------------------- bsc_perspective_scores */

/* Keeps each objective's score, weight and perspective's rank: a
** perspective's row needs all of its objectives. */
static int perspective_collect(Scoring *p) {
  int rc;
  while ((rc = next_objective(p)) == SQLITE_ROW) {
    BscObjectiveScore os;
    if ((rc = score_objective(p, &os)) != SQLITE_OK) return rc;
    if (p->nAcc == p->nAccAlloc) {
      int nNew = p->nAccAlloc ? p->nAccAlloc * 2 : 32;
      double *aNew = sqlite3_realloc64(p->aAcc, (sqlite3_uint64)nNew * 3 * sizeof(double));
      if (!aNew) return SQLITE_NOMEM;
      p->aAcc = aNew;
      p->nAccAlloc = nNew;
    }
    double *a = &p->aAcc[p->nAcc++ * 3];
    a[0] = os.score;
    a[1] = sqlite3_column_type(p->pObjective, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(p->pObjective, 3);
    a[2] = bsc_vocab_rank(&bscPerspectives, (const char *)sqlite3_column_text(p->pObjective, 1));
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int perspective_start(BscCall *c) {
  int rc = score_start(c);
  if (rc == SQLITE_OK) rc = score_error(c, perspective_collect(c->pState));
  return rc;
}

/* Whether the map has objectives of perspective persp. */
static int has_perspective(const Scoring *p, int persp) {
  for (int i = 0; i < p->nAcc; i++) {
    if (p->aAcc[i * 3 + 2] == persp) return 1;
  }
  return 0;
}

/* The perspective rows, top to bottom (the setting perspective_order;
** mission only when the order names it or an objective has it), and the
** map's: each the weighted roll-up of its objectives' scores by objective
** weight. */
static int perspective_step(BscCall *c) {
  Scoring *p = c->pState;
  int r = p->iPerspective++, n = p->nAcc, m = 0, nScored;
  int persp = r < bscPerspectives.n ? p->pSet->aOrder[r] : -1;
  if (persp == BSC_MISSION && !p->pSet->missionPlaced && !has_perspective(p, BSC_MISSION)) {
    r = p->iPerspective++;
    persp = r < bscPerspectives.n ? p->pSet->aOrder[r] : -1;
  }
  if (r > bscPerspectives.n) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  double *aScore = sqlite3_malloc64((sqlite3_uint64)(n ? n : 1) * 2 * sizeof(double));
  if (!aScore) return SQLITE_NOMEM;
  double *aWeight = aScore + n;
  for (int i = 0; i < n; i++) {
    const double *a = &p->aAcc[i * 3];
    if (persp >= 0 && a[2] != persp) continue;
    aScore[m] = a[0];
    aWeight[m++] = a[1];
  }
  double score = bsc_rollup(BSC_ROLLUP_WEIGHTED, aScore, aWeight, m, &nScored);
  sqlite3_free(aScore);
  BscOut *row = c->rows.a;
  bsc_out_text(&row[0], persp >= 0 ? bscPerspectives.a[persp].id : "map");
  bsc_out_real(&row[1], score);
  bsc_out_text(&row[2], bsc_status_of(score));
  bsc_out_int(&row[3], nScored);
  bsc_out_int(&row[4], m);
  return SQLITE_OK;
}

/* `WHERE period = ...` asks for that period, as for_period does; every row
** then shows it normalised ('ytd:2026-05' asks for YTD:2026-05). */
static const BscTvfAlias scorecardAlias = {5, ARG_PERIOD, 1};

const BscTvfStream bscScorecardStream = {
  {"bsc_scorecard",
   "perspective " BSC_T_WORD ", objective " BSC_T_ID ", kpi " BSC_T_ID ", title " BSC_T_SHORT
   ", unit " BSC_T_SHORT ", period " BSC_T_PERIOD ", actual REAL, target REAL, red REAL, score REAL,"
   " status " BSC_T_WORD ", trend " BSC_T_WORD ", target_source " BSC_T_WORD ", red_source " BSC_T_WORD
   ", for_period TEXT HIDDEN, schema TEXT HIDDEN, for_unit TEXT HIDDEN",
   14, 3, 0, 0, bsc_tvf_stream, &scorecardAlias},
  scorecard_start, scorecard_step, scorecard_column, score_stop,
};

const BscTvfStream bscObjectiveScoresStream = {
  {"bsc_objective_scores",
   "perspective " BSC_T_WORD ", objective " BSC_T_ID ", title " BSC_T_SHORT ", score REAL, status "
   BSC_T_WORD ", kpis_scored INTEGER, kpis_total INTEGER, period HIDDEN " BSC_T_PERIOD ","
   " schema TEXT HIDDEN, unit TEXT HIDDEN",
   7, 3, 0, 0, bsc_tvf_stream, 0},
  score_start, objective_step, objective_column, score_stop,
};

const BscTvfStream bscPerspectiveScoresStream = {
  {"bsc_perspective_scores",
   "perspective " BSC_T_WORD ", score REAL, status " BSC_T_WORD ", objectives_scored INTEGER,"
   " objectives_total INTEGER, period HIDDEN " BSC_T_PERIOD ", schema TEXT HIDDEN, unit TEXT HIDDEN",
   5, 3, 0, 0, bsc_tvf_stream, 0},
  perspective_start, perspective_step, 0, score_stop,
};
