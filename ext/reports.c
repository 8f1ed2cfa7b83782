/*
** The scorecard as table-valued functions, on the engine of tvf.c; the
** scoring itself (a KPI at a period, an objective's roll-up) is
** scorecard.c's.
**
**   bsc_scorecard([period [, schema]])           one row per KPI
**     perspective, objective, kpi, title, unit, period, actual, target, red,
**     score, status, trend, target_source, red_source; HIDDEN for_period,
**     schema
**   bsc_objective_scores([period [, schema]])    one row per objective
**     perspective, objective, title, score, status, kpis_scored, kpis_total;
**     HIDDEN period, schema
**   bsc_perspective_scores([period [, schema]])  financial, customer,
**     internal, learning, then `map` for the whole map
**     perspective, score, status, objectives_scored, objectives_total;
**     HIDDEN period, schema
**
** With no period (or NULL) each KPI is scored at its latest period with an
** actual. bsc_scorecard's output column is called `period`, so its hidden
** argument is `for_period`; `WHERE period = '2026-Q3'` on it (or on a view
** over it) asks for that period too (tvf.c's BscTvfAlias). The hidden
** columns show the period normalised and the schema read ('main' when none
** is given). Rows come top to bottom: perspectives in Kaplan & Norton's
** order, then objectives and KPIs in the order they were entered.
*/
#include "reports.h"
#include "damage.h"
#include "scorecard.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <math.h>

enum { ARG_PERIOD, ARG_SCHEMA };

/* One call: its rows, and what scoring the map hands along to them. */
typedef struct Scoring Scoring;
struct Scoring {
  BscCall *c;
  sqlite3_stmt *pObjective; /* while scoring: id, perspective, title, weight, rollup */
  double *aAcc;             /* bsc_perspective_scores: score, weight, rank per objective */
  int nAcc, nAccAlloc;
};

/* What one function does with each KPI and objective scored, and at the end. */
typedef struct ScoreFunc {
  int (*xObjective)(void *, sqlite3_stmt *pObjective, const BscObjectiveScore *);
  int (*xKpi)(void *, sqlite3_stmt *pKpi, const BscKpiScore *);
  int (*xFinish)(Scoring *);
} ScoreFunc;

/* Text column i of pStmt, copied. */
static int out_column(BscOut *o, sqlite3_stmt *pStmt, int i) {
  return bsc_out_copy(o, (const char *)sqlite3_column_text(pStmt, i));
}

/* bsc_scorecard: a row per KPI. */
static int scorecard_kpi(void *pArg, sqlite3_stmt *pKpi, const BscKpiScore *s) {
  Scoring *p = pArg;
  BscOut *a = bsc_rows_add(&p->c->rows);
  if (!a) return SQLITE_NOMEM;
  int rc = out_column(&a[0], p->pObjective, 1);
  if (rc == SQLITE_OK) rc = out_column(&a[1], p->pObjective, 0);
  if (rc == SQLITE_OK) rc = out_column(&a[2], pKpi, 0);
  if (rc == SQLITE_OK) rc = out_column(&a[3], pKpi, 2);
  if (rc == SQLITE_OK) rc = out_column(&a[4], pKpi, 3);
  if (rc == SQLITE_OK) rc = bsc_out_copy(&a[5], s->zPeriod[0] ? s->zPeriod : 0);
  bsc_out_real(&a[6], s->actual);
  bsc_out_real(&a[7], s->target);
  bsc_out_real(&a[8], s->red);
  bsc_out_real(&a[9], s->score);
  bsc_out_text(&a[10], bsc_status_of(s->score));
  bsc_out_text(&a[11], s->zTrend);
  if (rc == SQLITE_OK) rc = bsc_out_copy(&a[12], s->zTargetFrom[0] ? s->zTargetFrom : 0);
  if (rc == SQLITE_OK) rc = bsc_out_copy(&a[13], s->zRedFrom[0] ? s->zRedFrom : 0);
  return rc;
}

/* bsc_objective_scores: a row per objective. */
static int objective_row(void *pArg, sqlite3_stmt *pObjective, const BscObjectiveScore *s) {
  Scoring *p = pArg;
  BscOut *a = bsc_rows_add(&p->c->rows);
  if (!a) return SQLITE_NOMEM;
  int rc = out_column(&a[0], pObjective, 1);
  if (rc == SQLITE_OK) rc = out_column(&a[1], pObjective, 0);
  if (rc == SQLITE_OK) rc = out_column(&a[2], pObjective, 2);
  bsc_out_real(&a[3], s->score);
  bsc_out_text(&a[4], bsc_status_of(s->score));
  bsc_out_int(&a[5], s->nScored);
  bsc_out_int(&a[6], s->nTotal);
  return rc;
}

/* bsc_perspective_scores: keeps each objective's score, weight and rank. */
static int perspective_collect(void *pArg, sqlite3_stmt *pObjective, const BscObjectiveScore *s) {
  Scoring *p = pArg;
  if (p->nAcc == p->nAccAlloc) {
    int nNew = p->nAccAlloc ? p->nAccAlloc * 2 : 32;
    double *aNew = sqlite3_realloc64(p->aAcc, (sqlite3_uint64)nNew * 3 * sizeof(double));
    if (!aNew) return SQLITE_NOMEM;
    p->aAcc = aNew;
    p->nAccAlloc = nNew;
  }
  double *a = &p->aAcc[p->nAcc++ * 3];
  a[0] = s->score;
  a[1] = sqlite3_column_type(pObjective, 3) == SQLITE_NULL ? NAN : sqlite3_column_double(pObjective, 3);
  a[2] = bsc_vocab_rank(&bscPerspectives, (const char *)sqlite3_column_text(pObjective, 1));
  return SQLITE_OK;
}

/* Four perspective rows, top to bottom, and the map's: each the weighted
** roll-up of its objectives' scores by objective weight. */
static int perspective_finish(Scoring *p) {
  int n = p->nAcc;
  double *aScore = sqlite3_malloc64((sqlite3_uint64)(n ? n : 1) * 2 * sizeof(double));
  if (!aScore) return SQLITE_NOMEM;
  double *aWeight = aScore + n;
  int rc = SQLITE_OK;
  for (int r = 0; rc == SQLITE_OK && r <= bscPerspectives.n; r++) {
    int m = 0, nScored;
    for (int i = 0; i < n; i++) {
      const double *a = &p->aAcc[i * 3];
      if (r < bscPerspectives.n && a[2] != r) continue;
      aScore[m] = a[0];
      aWeight[m++] = a[1];
    }
    double score = bsc_rollup(BSC_ROLLUP_WEIGHTED, aScore, aWeight, m, &nScored);
    BscOut *c = bsc_rows_add(&p->c->rows);
    if (!c) {
      rc = SQLITE_NOMEM;
      break;
    }
    bsc_out_text(&c[0], r < bscPerspectives.n ? bscPerspectives.a[r].id : "map");
    bsc_out_real(&c[1], score);
    bsc_out_text(&c[2], bsc_status_of(score));
    bsc_out_int(&c[3], nScored);
    bsc_out_int(&c[4], m);
  }
  sqlite3_free(aScore);
  return rc;
}

/* Scores every objective of the map, top to bottom (perspective, then the
** order of entry), telling f about each KPI and objective. */
static int score_map(Scoring *p, const ScoreFunc *f, BscStore *pStore, const BscPeriod *pAt) {
  const char *zObjectives = pStore->azTable[BSC_OBJECTIVES];
  char zData[200];
  int rc = SQLITE_OK;
  if (!zObjectives) return f->xFinish ? f->xFinish(p) : SQLITE_OK;
  if (pStore->aSlot[BSC_SLOT_SCORE_MAP]) {
    p->pObjective = pStore->aSlot[BSC_SLOT_SCORE_MAP];
    goto scored;
  }
  /* a format-1 map not connected since the upgrade has no rollup yet */
  sqlite3_snprintf(sizeof(zData), zData, "%s_data", zObjectives);
  int hasRollup = sqlite3_table_column_metadata(pStore->db, pStore->zSchema, zData, "rollup", 0, 0, 0,
                                                0, 0) == SQLITE_OK;
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendf(s, "SELECT id, perspective, title, weight, %s FROM \"%w\".\"%w_data\""
                      " ORDER BY CASE perspective",
                      hasRollup ? "rollup" : "NULL", pStore->zSchema, zObjectives);
  for (int i = 0; i < bscPerspectives.n; i++) {
    sqlite3_str_appendf(s, " WHEN '%q' THEN %d", bscPerspectives.a[i].id, i);
  }
  sqlite3_str_appendf(s, " ELSE %d END, rid", bscPerspectives.n);
  char *zSql = sqlite3_str_finish(s);
  if (!zSql) return SQLITE_NOMEM;
  rc = bsc_store_slot(pStore, BSC_SLOT_SCORE_MAP, &p->pObjective, "%s", zSql);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return rc;
scored:
  while (rc == SQLITE_OK && sqlite3_step(p->pObjective) == SQLITE_ROW) {
    BscObjectiveScore os;
    int how = bsc_vocab_rank(&bscRollups, (const char *)sqlite3_column_text(p->pObjective, 4));
    rc = bsc_objective_score(pStore, (const char *)sqlite3_column_text(p->pObjective, 0),
                             how < 0 ? BSC_ROLLUP_WEIGHTED : (BscRollup)how, pAt, &os, f->xKpi, p);
    if (rc == SQLITE_OK && f->xObjective) rc = f->xObjective(p, p->pObjective, &os);
  }
  int rc2 = sqlite3_reset(p->pObjective);
  p->pObjective = 0;
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK && f->xFinish) rc = f->xFinish(p);
  return rc;
}

/* The three functions' one fill: reads the period and schema arguments,
** then scores the map for f. */
static int score_fill(BscCall *c, const ScoreFunc *f) {
  sqlite3_value *pPeriod = c->aArg[ARG_PERIOD], *pSchema = c->aArg[ARG_SCHEMA];
  const char *zSchema = "main";
  BscPeriod at, *pAt = 0;
  int rc = SQLITE_OK;
  if (pSchema && sqlite3_value_type(pSchema) != SQLITE_NULL) zSchema = (const char *)sqlite3_value_text(pSchema);
  if (pPeriod && sqlite3_value_type(pPeriod) != SQLITE_NULL) {
    char zNorm[BSC_PERIOD_MAX];
    if (sqlite3_value_type(pPeriod) == SQLITE_BLOB ||
        !bsc_period_parse((const char *)sqlite3_value_text(pPeriod), &at, 1)) {
      return bsc_call_error(c, "bsc: %s: period %z is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
                            "2026-09-30, 2026-W38 or YTD:2026-09", c->zFunc, bsc_quote_value(pPeriod));
    }
    pAt = &at;
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
  BscStore *pStore;
  Scoring scoring = {c, 0, 0, 0, 0};
  rc = bsc_call_store(c, zSchema, &pStore);
  if (rc == SQLITE_OK) rc = bsc_store_refresh(pStore);
  /* as the graph functions do: an empty answer would hide a wrong database */
  if (rc == SQLITE_OK) rc = bsc_store_require_map(pStore, c->zFunc, &c->zErr);
  /* a damaged row is refused, never scored as if valid */
  if (rc == SQLITE_OK) rc = bsc_damage_check(pStore, c->conn, 0, BSC_SCORE_SOURCES, c->zFunc, &c->zErr);
  if (rc == SQLITE_OK) rc = score_map(&scoring, f, pStore, pAt);
  sqlite3_free(scoring.aAcc);
  /* SQLite's message may be gone by now (a later call cleared it): then
  ** say where to look, never "not an error" */
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !c->zErr &&
      (sqlite3_errcode(c->db) != SQLITE_OK
           ? bsc_call_error(c, "bsc: %s: %s", c->zFunc, sqlite3_errmsg(c->db))
           : bsc_call_error(c, "bsc: %s: the map's storage cannot be read (%s); SELECT * FROM "
                               "bsc_integrity('%q') says what is wrong with it",
                            c->zFunc, sqlite3_errstr(rc), zSchema)) == SQLITE_NOMEM) {
    return SQLITE_NOMEM;
  }
  return rc;
}

static int scorecard_fill(BscCall *c) {
  static const ScoreFunc f = {0, scorecard_kpi, 0};
  return score_fill(c, &f);
}

static int objective_scores_fill(BscCall *c) {
  static const ScoreFunc f = {objective_row, 0, 0};
  return score_fill(c, &f);
}

static int perspective_scores_fill(BscCall *c) {
  static const ScoreFunc f = {perspective_collect, 0, perspective_finish};
  return score_fill(c, &f);
}

/* `WHERE period = ...` asks for that period, as for_period does; every row
** then shows it normalised ('ytd:2026-05' asks for YTD:2026-05). */
static const BscTvfAlias scorecardAlias = {5, ARG_PERIOD, 1};

const BscTvf bscScorecardTvf = {
  "bsc_scorecard",
  "perspective " BSC_T_WORD ", objective " BSC_T_ID ", kpi " BSC_T_ID ", title " BSC_T_SHORT
  ", unit " BSC_T_SHORT ", period " BSC_T_PERIOD ", actual REAL, target REAL, red REAL, score REAL,"
  " status " BSC_T_WORD ", trend " BSC_T_WORD ", target_source " BSC_T_WORD ", red_source " BSC_T_WORD
  ", for_period TEXT HIDDEN, schema TEXT HIDDEN",
  14, 2, 0, 0, scorecard_fill, &scorecardAlias,
};

const BscTvf bscObjectiveScoresTvf = {
  "bsc_objective_scores",
  "perspective " BSC_T_WORD ", objective " BSC_T_ID ", title " BSC_T_SHORT ", score REAL, status "
  BSC_T_WORD ", kpis_scored INTEGER, kpis_total INTEGER, period HIDDEN " BSC_T_PERIOD ","
  " schema TEXT HIDDEN",
  7, 2, 0, 0, objective_scores_fill, 0,
};

const BscTvf bscPerspectiveScoresTvf = {
  "bsc_perspective_scores",
  "perspective " BSC_T_WORD ", score REAL, status " BSC_T_WORD ", objectives_scored INTEGER,"
  " objectives_total INTEGER, period HIDDEN " BSC_T_PERIOD ", schema TEXT HIDDEN",
  5, 2, 0, 0, perspective_scores_fill, 0,
};
