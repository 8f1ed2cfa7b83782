/*
** The scorecard: KPIs scored per period from their measurements, rolled up
** to objectives, perspectives and the whole map. One path serves the
** derived columns of kpis and objectives (entity.c) and the table-valued
** functions below.
**
** SQL surface (eponymous virtual tables; read only bsc's own data, so they
** are SQLITE_VTAB_INNOCUOUS and views over them work with trusted_schema=OFF):
**
**   bsc_scorecard([period [, schema]])           one row per KPI
**     perspective, objective, kpi, title, unit, period, actual, target, red,
**     score, status, trend; HIDDEN for_period, schema
**   bsc_objective_scores([period [, schema]])    one row per objective
**     perspective, objective, title, score, status, kpis_scored, kpis_total;
**     HIDDEN period, schema
**   bsc_perspective_scores([period [, schema]])  financial, customer,
**     internal, learning, then `map` for the whole map
**     perspective, score, status, objectives_scored, objectives_total;
**     HIDDEN period, schema
**
** bsc_scorecard's output column is called `period`, so its hidden argument
** is `for_period`; `WHERE period = '2026-Q3'` on it (or on a view over it)
** asks for that period too. Rows come top to bottom: perspectives in
** Kaplan & Norton's order, then objectives and KPIs in the order they were
** entered.
**
** xBestIndex idxNum bits: 1 the period argument, 2 the schema, 4 the period
** given through the visible `period` column; values arrive in that order.
**
** Scoring a KPI at a period P: the measurements inside P (period.c) that
** have an actual are aggregated with the KPI's aggregation: their actuals,
** their targets (a measurement's own, else the KPI's) and their red flags
** (the KPI's red, else its baseline), so that a sum of three months meets a
** sum of three months' targets and red flags. With no actual inside P the
** targets of the measurements inside P are shown, or the KPI's own when
** there are none. With no period asked, P is the latest stored period with
** an actual (the latest end; at equal ends the shortest). The trend compares
** the score at P with the score at the period of the same kind just before
** it (2026-Q3 with 2026-Q2, YTD:2026-09 with YTD:2026-08). Thresholds that
** cannot be scored (older maps could store them) give no score.
*/
#include "bsc.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- KPIs */

void bsc_kpi_def(BscKpiDef *k, const char *zId, const char *zPolarity, const char *zAggregation,
                 double baseline, double target, double red) {
  int pol = bsc_vocab_rank(&bscPolarities, zPolarity);
  int agg = bsc_vocab_rank(&bscAggregations, zAggregation);
  k->zId = zId;
  k->polarity = pol < 0 ? BSC_POLARITY_DEFAULT : (BscPolarity)pol;
  k->agg = agg < 0 ? BSC_AGG_LAST : (BscAggregation)agg;
  k->target = target;
  k->red = isnan(red) ? baseline : red;
}

static double column_number(sqlite3_stmt *pStmt, int i) {
  return sqlite3_column_type(pStmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double(pStmt, i);
}

/* One measurement of a KPI. */
typedef struct Obs {
  BscPeriod period;
  double actual, target; /* NaN = NULL */
} Obs;

static int obs_compare(const void *a, const void *b) {
  return bsc_period_compare(&((const Obs *)a)->period, &((const Obs *)b)->period);
}

/* Reads the measurements of KPI zKpi in period order; *paObs gets room for
** 3 doubles per measurement after the array (aggregation scratch). */
static int load_obs(BscStore *pStore, const char *zKpi, Obs **paObs, int *pn) {
  const char *zTable = pStore->azTable[BSC_MEASUREMENTS];
  sqlite3_stmt *pStmt;
  Obs *a = 0;
  int n = 0, nAlloc = 0, rc;
  *paObs = 0;
  *pn = 0;
  if (!zTable) return SQLITE_OK;
  rc = bsc_store_stmt(pStore, &pStmt, "SELECT period, actual, target FROM \"%w\".\"%w_data\" WHERE kpi=?",
                      pStore->zSchema, zTable);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    if (n == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 16;
      /* each Obs also pays for 3 scratch doubles at the end */
      Obs *aNew = sqlite3_realloc64(a, (sqlite3_uint64)nNew * (sizeof(Obs) + 3 * sizeof(double)));
      if (!aNew) {
        rc = SQLITE_NOMEM;
        break;
      }
      a = aNew;
      nAlloc = nNew;
    }
    if (!bsc_period_parse((const char *)sqlite3_column_text(pStmt, 0), &a[n].period, 0)) continue;
    a[n].actual = column_number(pStmt, 1);
    a[n].target = column_number(pStmt, 2);
    n++;
  }
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc != SQLITE_OK) {
    sqlite3_free(a);
    return rc;
  }
  if (n > 1) qsort(a, (size_t)n, sizeof(Obs), obs_compare);
  *paObs = a;
  *pn = n;
  return SQLITE_OK;
}

/* Scores the KPI at period pAt from its n measurements aObs; aBuf holds
** 3n doubles. Fills everything but the period and the trend. */
static void score_at(const BscKpiDef *k, const Obs *aObs, int n, double *aBuf, const BscPeriod *pAt,
                     BscKpiScore *pOut) {
  double *aActual = aBuf, *aTarget = aBuf + n, *aRed = aBuf + 2 * n;
  int nActual = 0, m = 0;
  for (int i = 0; i < n; i++) {
    if (!isnan(aObs[i].actual) && bsc_period_contains(pAt, &aObs[i].period)) nActual++;
  }
  for (int i = 0; i < n; i++) {
    if (nActual > 0 && isnan(aObs[i].actual)) continue;
    if (!bsc_period_contains(pAt, &aObs[i].period)) continue;
    aActual[m] = aObs[i].actual;
    aTarget[m] = isnan(aObs[i].target) ? k->target : aObs[i].target;
    aRed[m] = k->red;
    m++;
  }
  pOut->actual = bsc_aggregate(k->agg, aActual, m);
  pOut->target = m ? bsc_aggregate(k->agg, aTarget, m) : k->target;
  pOut->red = m ? bsc_aggregate(k->agg, aRed, m) : k->red;
  pOut->score = bsc_score_of(pOut->actual, pOut->target, pOut->red, k->polarity);
}

int bsc_kpi_score(BscStore *pStore, const BscKpiDef *k, const BscPeriod *pAt, BscKpiScore *pOut) {
  Obs *aObs;
  int n;
  BscPeriod latest, before;
  memset(pOut, 0, sizeof(*pOut));
  int rc = load_obs(pStore, k->zId, &aObs, &n);
  if (rc != SQLITE_OK) return rc;
  double *aBuf = aObs ? (double *)(aObs + n) : 0; /* load_obs's scratch */
  if (!pAt) {
    for (int i = n - 1; i >= 0 && !pAt; i--) {
      if (!isnan(aObs[i].actual)) latest = aObs[i].period, pAt = &latest;
    }
  }
  if (pAt) {
    BscKpiScore prior;
    score_at(k, aObs, n, aBuf, pAt, pOut);
    bsc_period_format(pAt, pOut->zPeriod);
    bsc_period_previous(pAt, &before);
    if (before.kind != BSC_PERIOD_NONE) {
      score_at(k, aObs, n, aBuf, &before, &prior);
      pOut->zTrend = bsc_trend_of(pOut->score, prior.score);
    }
  } else {
    /* no actual ever: show the KPI's own thresholds */
    pOut->actual = pOut->score = NAN;
    pOut->target = k->target;
    pOut->red = k->red;
  }
  sqlite3_free(aObs);
  return SQLITE_OK;
}

/* ---------------------------------------------------------- objectives */

int bsc_objective_score(BscStore *pStore, const char *zId, BscRollup how, const BscPeriod *pAt,
                        BscObjectiveScore *pOut,
                        int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *), void *pArg) {
  const char *zKpis = pStore->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  double *aScore = 0;
  int n = 0, nAlloc = 0, rc;
  pOut->score = NAN;
  pOut->nScored = pOut->nTotal = 0;
  if (!zKpis || !zId) return SQLITE_OK;
  rc = bsc_store_stmt(pStore, &pStmt,
                      "SELECT id, objective, title, unit, polarity, baseline, target, red, weight,"
                      " aggregation FROM \"%w\".\"%w_data\" WHERE objective=? ORDER BY rid",
                      pStore->zSchema, zKpis);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    BscKpiDef k;
    BscKpiScore s;
    if (n == nAlloc) {
      /* scores in the first half, weights in the second */
      int nNew = nAlloc ? nAlloc * 2 : 8;
      double *aNew = sqlite3_realloc64(aScore, (sqlite3_uint64)nNew * 2 * sizeof(double));
      if (!aNew) {
        rc = SQLITE_NOMEM;
        break;
      }
      memmove(aNew + nNew, aNew + nAlloc, (size_t)n * sizeof(double));
      aScore = aNew;
      nAlloc = nNew;
    }
    bsc_kpi_def(&k, (const char *)sqlite3_column_text(pStmt, 0),
                (const char *)sqlite3_column_text(pStmt, 4), (const char *)sqlite3_column_text(pStmt, 9),
                column_number(pStmt, 5), column_number(pStmt, 6), column_number(pStmt, 7));
    if (!k.zId) continue;
    rc = bsc_kpi_score(pStore, &k, pAt, &s);
    if (rc == SQLITE_OK && xKpi) rc = xKpi(pArg, pStmt, &s);
    aScore[n] = s.score;
    aScore[nAlloc + n] = column_number(pStmt, 8);
    n++;
  }
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK) {
    pOut->score = bsc_rollup(how, aScore, aScore + nAlloc, n, &pOut->nScored);
    pOut->nTotal = n;
  }
  sqlite3_free(aScore);
  return rc;
}

/* ------------------------------------------------------------ validation */

/* The message for thresholds that cannot be scored: zRedOf and zTargetOf
** say whose values they are, zRow names the row written. */
static char *threshold_problem(const char *zColumn, BscScoreError e, int redIsBaseline, double red,
                               const char *zRedOf, double target, const char *zTargetOf,
                               BscPolarity pol, const char *zRow, int *pRc) {
  char *zRed = sqlite3_mprintf("%s %.15g%s", redIsBaseline ? "baseline" : "red flag", red, zRedOf);
  char *zTarget = sqlite3_mprintf("target %.15g%s", target, zTargetOf);
  char *zProblem = zRed && zTarget ? bsc_score_problem(e, zRed, zTarget, pol) : 0;
  char *zMsg = zProblem ? sqlite3_mprintf("bsc: %s: %s%s (row %s)", zColumn, zProblem,
                                          redIsBaseline ? "; with red NULL the baseline is the red flag" : "",
                                          zRow)
                        : 0;
  sqlite3_free(zRed);
  sqlite3_free(zTarget);
  sqlite3_free(zProblem);
  if (!zMsg) *pRc = SQLITE_NOMEM;
  return zMsg;
}

char *bsc_kpi_check(BscStore *pStore, const char *zTable, const char *zId, const char *zPolarity,
                    double baseline, double target, double red, int *pRc) {
  BscKpiDef k;
  BscPolarity resolved;
  BscScoreError e;
  const char *zMeasurements = pStore->azTable[BSC_MEASUREMENTS];
  *pRc = SQLITE_OK;
  bsc_kpi_def(&k, zId, zPolarity, 0, baseline, target, red);
  if (isnan(k.red) || !zId) return 0;
  char *zColumn = sqlite3_mprintf("%s.%s", zTable, isnan(red) ? "baseline" : "red");
  char *zRow = sqlite3_mprintf("id '%q'", zId);
  char *zMsg = 0;
  if (!zColumn || !zRow) *pRc = SQLITE_NOMEM;
  if (*pRc == SQLITE_OK && !isnan(target) &&
      (e = bsc_score_check(target, k.red, k.polarity, &resolved)) != BSC_SCORE_OK) {
    zMsg = threshold_problem(zColumn, e, isnan(red), k.red, "", target, "", k.polarity, zRow, pRc);
  }
  /* the per-period targets already stored must fit the new thresholds */
  if (*pRc == SQLITE_OK && !zMsg && zMeasurements) {
    sqlite3_stmt *pStmt;
    *pRc = bsc_store_stmt(pStore, &pStmt,
                          "SELECT period, target FROM \"%w\".\"%w_data\" WHERE kpi=? AND target IS NOT NULL"
                          " ORDER BY rid",
                          pStore->zSchema, zMeasurements);
    if (*pRc == SQLITE_OK) {
      sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
      while (!zMsg && *pRc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
        double t = sqlite3_column_double(pStmt, 1);
        if ((e = bsc_score_check(t, k.red, k.polarity, &resolved)) == BSC_SCORE_OK) continue;
        char *zOf = sqlite3_mprintf(" of %s row (kpi '%q', period '%q')", zMeasurements, zId,
                                    (const char *)sqlite3_column_text(pStmt, 0));
        zMsg = zOf ? threshold_problem(zColumn, e, isnan(red), k.red, "", t, zOf, k.polarity, zRow, pRc) : 0;
        if (!zOf) *pRc = SQLITE_NOMEM;
        sqlite3_free(zOf);
      }
      int rc2 = sqlite3_reset(pStmt);
      if (*pRc == SQLITE_OK) *pRc = rc2;
    }
  }
  sqlite3_free(zColumn);
  sqlite3_free(zRow);
  return zMsg;
}

char *bsc_measurement_check(BscStore *pStore, const char *zTable, const char *zKpi, const char *zPeriod,
                            double target, int *pRc) {
  const char *zKpis = pStore->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  char *zMsg = 0;
  *pRc = SQLITE_OK;
  if (!zKpis || !zKpi || !zPeriod || isnan(target)) return 0;
  *pRc = bsc_store_stmt(pStore, &pStmt, "SELECT polarity, baseline, red FROM \"%w\".\"%w_data\" WHERE id=?",
                        pStore->zSchema, zKpis);
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    BscKpiDef k;
    BscPolarity resolved;
    double red = column_number(pStmt, 2);
    bsc_kpi_def(&k, zKpi, (const char *)sqlite3_column_text(pStmt, 0), 0, column_number(pStmt, 1),
                target, red);
    BscScoreError e = isnan(k.red) ? BSC_SCORE_OK : bsc_score_check(target, k.red, k.polarity, &resolved);
    if (e != BSC_SCORE_OK) {
      char *zColumn = sqlite3_mprintf("%s.target", zTable);
      char *zOf = sqlite3_mprintf(" of KPI '%q'", zKpi);
      char *zRow = sqlite3_mprintf("kpi '%q', period '%q'", zKpi, zPeriod);
      if (zColumn && zOf && zRow) {
        zMsg = threshold_problem(zColumn, e, isnan(red), k.red, zOf, target, "", k.polarity, zRow, pRc);
      } else {
        *pRc = SQLITE_NOMEM;
      }
      sqlite3_free(zColumn);
      sqlite3_free(zOf);
      sqlite3_free(zRow);
    }
  }
  int rc2 = sqlite3_reset(pStmt);
  if (*pRc == SQLITE_OK) *pRc = rc2;
  return zMsg;
}

/* ------------------------------------------------- table-valued functions */

typedef struct ScoreCursor ScoreCursor;

/* One of the three functions: its columns and how it fills its rows. */
typedef struct ScoreFunc {
  const char *zName;
  const char *zDecl;
  int nCol;   /* visible columns; the hidden period and schema follow them */
  int iAlias; /* visible column that also takes the period, or -1 */
  int (*xObjective)(void *, sqlite3_stmt *pObjective, const BscObjectiveScore *);
  int (*xKpi)(void *, sqlite3_stmt *pKpi, const BscKpiScore *);
  int (*xFinish)(ScoreCursor *);
} ScoreFunc;

typedef struct ScoreVtab {
  sqlite3_vtab base;
  sqlite3 *db;
  const ScoreFunc *pFunc;
} ScoreVtab;

/* The whole result, computed in xFilter: the map is read once, and no
** statement of it stays open between calls. */
struct ScoreCursor {
  sqlite3_vtab_cursor base;
  const ScoreFunc *pFunc;
  BscCell *aCell; /* nRow rows of pFunc->nCol cells */
  int nRow, nAlloc, iRow;
  char *zPeriod; /* the period asked for, normalised; NULL: each KPI's latest */
  char *zSchema;
  sqlite3_stmt *pObjective; /* while building: id, perspective, title, weight, rollup */
  double *aAcc;             /* bsc_perspective_scores: score, weight, rank per objective */
  int nAcc, nAccAlloc;
};

enum { ARG_PERIOD = 1, ARG_SCHEMA = 2, ARG_ALIAS = 4 };

static void cursor_reset(ScoreCursor *pCur) {
  for (int i = 0; i < pCur->nRow * pCur->pFunc->nCol; i++) {
    if (pCur->aCell[i].type == SQLITE_TEXT) sqlite3_free(pCur->aCell[i].z);
  }
  sqlite3_free(pCur->aCell);
  sqlite3_free(pCur->zPeriod);
  sqlite3_free(pCur->zSchema);
  sqlite3_free(pCur->aAcc);
  pCur->aCell = 0;
  pCur->zPeriod = pCur->zSchema = 0;
  pCur->aAcc = 0;
  pCur->nRow = pCur->nAlloc = pCur->iRow = pCur->nAcc = pCur->nAccAlloc = 0;
}

/* Appends a row of NULLs; NULL when memory ran out. */
static BscCell *add_row(ScoreCursor *pCur) {
  int nCol = pCur->pFunc->nCol;
  if (pCur->nRow == pCur->nAlloc) {
    int nNew = pCur->nAlloc ? pCur->nAlloc * 2 : 16;
    BscCell *aNew = sqlite3_realloc64(pCur->aCell, (sqlite3_uint64)nNew * nCol * sizeof(BscCell));
    if (!aNew) return 0;
    pCur->aCell = aNew;
    pCur->nAlloc = nNew;
  }
  BscCell *aRow = &pCur->aCell[pCur->nRow++ * nCol];
  memset(aRow, 0, (size_t)nCol * sizeof(BscCell));
  for (int i = 0; i < nCol; i++) aRow[i].type = SQLITE_NULL;
  return aRow;
}

/* Setters return 0 when memory ran out. */
static int set_text(BscCell *c, const char *z) {
  if (!z) return 1;
  c->z = sqlite3_mprintf("%s", z);
  c->type = SQLITE_TEXT;
  if (c->z) return 1;
  c->type = SQLITE_NULL;
  return 0;
}

static int set_column_text(BscCell *c, sqlite3_stmt *pStmt, int i) {
  return set_text(c, (const char *)sqlite3_column_text(pStmt, i));
}

static void set_number(BscCell *c, double r) {
  if (isnan(r)) return;
  c->type = SQLITE_FLOAT;
  c->r = r;
}

static void set_int(BscCell *c, int i) {
  c->type = SQLITE_INTEGER;
  c->i = i;
}

/* bsc_scorecard: a row per KPI. */
static int scorecard_kpi(void *pArg, sqlite3_stmt *pKpi, const BscKpiScore *s) {
  ScoreCursor *pCur = pArg;
  BscCell *a = add_row(pCur);
  if (!a) return SQLITE_NOMEM;
  int ok = set_column_text(&a[0], pCur->pObjective, 1) && set_column_text(&a[1], pCur->pObjective, 0) &&
           set_column_text(&a[2], pKpi, 0) && set_column_text(&a[3], pKpi, 2) &&
           set_column_text(&a[4], pKpi, 3) && set_text(&a[5], s->zPeriod[0] ? s->zPeriod : 0) &&
           set_text(&a[10], bsc_status_of(s->score)) && set_text(&a[11], s->zTrend);
  set_number(&a[6], s->actual);
  set_number(&a[7], s->target);
  set_number(&a[8], s->red);
  set_number(&a[9], s->score);
  return ok ? SQLITE_OK : SQLITE_NOMEM;
}

/* bsc_objective_scores: a row per objective. */
static int objective_row(void *pArg, sqlite3_stmt *pObjective, const BscObjectiveScore *s) {
  ScoreCursor *pCur = pArg;
  BscCell *a = add_row(pCur);
  if (!a) return SQLITE_NOMEM;
  int ok = set_column_text(&a[0], pObjective, 1) && set_column_text(&a[1], pObjective, 0) &&
           set_column_text(&a[2], pObjective, 2) && set_text(&a[4], bsc_status_of(s->score));
  set_number(&a[3], s->score);
  set_int(&a[5], s->nScored);
  set_int(&a[6], s->nTotal);
  return ok ? SQLITE_OK : SQLITE_NOMEM;
}

/* bsc_perspective_scores: keeps each objective's score, weight and rank. */
static int perspective_collect(void *pArg, sqlite3_stmt *pObjective, const BscObjectiveScore *s) {
  ScoreCursor *pCur = pArg;
  if (pCur->nAcc == pCur->nAccAlloc) {
    int nNew = pCur->nAccAlloc ? pCur->nAccAlloc * 2 : 32;
    double *aNew = sqlite3_realloc64(pCur->aAcc, (sqlite3_uint64)nNew * 3 * sizeof(double));
    if (!aNew) return SQLITE_NOMEM;
    pCur->aAcc = aNew;
    pCur->nAccAlloc = nNew;
  }
  double *a = &pCur->aAcc[pCur->nAcc++ * 3];
  a[0] = s->score;
  a[1] = column_number(pObjective, 3);
  a[2] = bsc_vocab_rank(&bscPerspectives, (const char *)sqlite3_column_text(pObjective, 1));
  return SQLITE_OK;
}

/* Four perspective rows, top to bottom, and the map's: each the weighted
** roll-up of its objectives' scores by objective weight. */
static int perspective_finish(ScoreCursor *pCur) {
  int n = pCur->nAcc;
  double *aScore = sqlite3_malloc64((sqlite3_uint64)(n ? n : 1) * 2 * sizeof(double));
  if (!aScore) return SQLITE_NOMEM;
  double *aWeight = aScore + n;
  int rc = SQLITE_OK;
  for (int r = 0; rc == SQLITE_OK && r <= bscPerspectives.n; r++) {
    int m = 0, nScored;
    for (int i = 0; i < n; i++) {
      const double *a = &pCur->aAcc[i * 3];
      if (r < bscPerspectives.n && a[2] != r) continue;
      aScore[m] = a[0];
      aWeight[m++] = a[1];
    }
    double score = bsc_rollup(BSC_ROLLUP_WEIGHTED, aScore, aWeight, m, &nScored);
    BscCell *c = add_row(pCur);
    if (!c || !set_text(&c[0], r < bscPerspectives.n ? bscPerspectives.a[r].id : "map") ||
        !set_text(&c[2], bsc_status_of(score))) {
      rc = SQLITE_NOMEM;
      break;
    }
    set_number(&c[1], score);
    set_int(&c[3], nScored);
    set_int(&c[4], m);
  }
  sqlite3_free(aScore);
  return rc;
}

static const ScoreFunc aScoreFunc[] = {
  {"bsc_scorecard",
   "CREATE TABLE x(perspective TEXT, objective TEXT, kpi TEXT, title TEXT, unit TEXT, period TEXT,"
   " actual REAL, target REAL, red REAL, score REAL, status TEXT, trend TEXT,"
   " for_period HIDDEN, schema HIDDEN)",
   12, 5, 0, scorecard_kpi, 0},
  {"bsc_objective_scores",
   "CREATE TABLE x(perspective TEXT, objective TEXT, title TEXT, score REAL, status TEXT,"
   " kpis_scored INTEGER, kpis_total INTEGER, period HIDDEN, schema HIDDEN)",
   7, -1, objective_row, 0, 0},
  {"bsc_perspective_scores",
   "CREATE TABLE x(perspective TEXT, score REAL, status TEXT, objectives_scored INTEGER,"
   " objectives_total INTEGER, period HIDDEN, schema HIDDEN)",
   5, -1, perspective_collect, 0, perspective_finish},
};

/* Scores every objective of the map, top to bottom (perspective, then the
** order of entry), telling pCur's function about each KPI and objective. */
static int score_map(ScoreCursor *pCur, BscStore *pStore, const BscPeriod *pAt) {
  const ScoreFunc *f = pCur->pFunc;
  const char *zObjectives = pStore->azTable[BSC_OBJECTIVES];
  char zData[200];
  int rc = SQLITE_OK;
  if (!zObjectives) return f->xFinish ? f->xFinish(pCur) : SQLITE_OK;
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
  rc = bsc_store_stmt(pStore, &pCur->pObjective, "%s", zSql);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return rc;
  while (rc == SQLITE_OK && sqlite3_step(pCur->pObjective) == SQLITE_ROW) {
    BscObjectiveScore os;
    int how = bsc_vocab_rank(&bscRollups, (const char *)sqlite3_column_text(pCur->pObjective, 4));
    rc = bsc_objective_score(pStore, (const char *)sqlite3_column_text(pCur->pObjective, 0),
                             how < 0 ? BSC_ROLLUP_WEIGHTED : (BscRollup)how, pAt, &os, f->xKpi, pCur);
    if (rc == SQLITE_OK && f->xObjective) rc = f->xObjective(pCur, pCur->pObjective, &os);
  }
  int rc2 = sqlite3_reset(pCur->pObjective);
  pCur->pObjective = 0;
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK && f->xFinish) rc = f->xFinish(pCur);
  return rc;
}

static int score_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  const ScoreFunc *f = pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  int rc = sqlite3_declare_vtab(db, f->zDecl);
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) return rc;
  ScoreVtab *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->pFunc = f;
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int score_disconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* The hidden period and schema, and the visible alias of the period, are
** taken when constrained by equality. A hidden argument that is
** constrained but not usable in this plan makes the plan unusable. */
static int score_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const ScoreFunc *f = ((ScoreVtab *)pVtab)->pFunc;
  int aArg[3] = {-1, -1, -1}; /* constraint of: period, schema, alias */
  int unusable = 0;
  for (int j = 0; j < pInfo->nConstraint; j++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[j];
    int slot = c->iColumn == f->nCol ? 0 : c->iColumn == f->nCol + 1 ? 1 : c->iColumn == f->iAlias ? 2 : -1;
    if (slot < 0 || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!c->usable) {
      if (slot < 2) unusable |= 1 << slot;
      continue;
    }
    aArg[slot] = j;
  }
  if ((unusable & 1 && aArg[0] < 0) || (unusable & 2 && aArg[1] < 0)) return SQLITE_CONSTRAINT;
  if (aArg[0] >= 0) aArg[2] = -1; /* the argument wins; SQLite checks the column */
  int idxNum = 0, nArg = 0;
  for (int slot = 0; slot < 3; slot++) {
    if (aArg[slot] < 0) continue;
    idxNum |= 1 << slot;
    pInfo->aConstraintUsage[aArg[slot]].argvIndex = ++nArg;
    pInfo->aConstraintUsage[aArg[slot]].omit = 1;
  }
  pInfo->idxNum = idxNum;
  pInfo->estimatedCost = (idxNum & (ARG_PERIOD | ARG_ALIAS)) ? 1000 : 2000;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

static int score_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  ScoreCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->pFunc = ((ScoreVtab *)pVtab)->pFunc;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int score_close(sqlite3_vtab_cursor *cur) {
  cursor_reset((ScoreCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int filter_error(ScoreCursor *pCur, int rc, char *zMsg) {
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zMsg;
  return zMsg ? rc : SQLITE_NOMEM;
}

static int score_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  ScoreCursor *pCur = (ScoreCursor *)cur;
  ScoreVtab *pTab = (ScoreVtab *)cur->pVtab;
  const char *zFunc = pCur->pFunc->zName;
  sqlite3_value *pPeriod = 0;
  const char *zSchema = "main";
  BscPeriod at, *pAt = 0;
  BscStore store;
  int i = 0;
  (void)idxStr;
  (void)argc;
  cursor_reset(pCur);
  if (idxNum & ARG_PERIOD) pPeriod = argv[i++];
  if (idxNum & ARG_SCHEMA) {
    if (sqlite3_value_type(argv[i]) != SQLITE_NULL) zSchema = (const char *)sqlite3_value_text(argv[i]);
    i++;
  }
  if (idxNum & ARG_ALIAS) {
    pPeriod = argv[i++];
    if (sqlite3_value_type(pPeriod) == SQLITE_NULL) return SQLITE_OK; /* period = NULL: nothing */
  }
  if (pPeriod && sqlite3_value_type(pPeriod) != SQLITE_NULL) {
    char zNorm[BSC_PERIOD_MAX];
    if (sqlite3_value_type(pPeriod) == SQLITE_BLOB ||
        !bsc_period_parse((const char *)sqlite3_value_text(pPeriod), &at, 1)) {
      char *zVal = bsc_quote_value(pPeriod);
      char *zMsg = sqlite3_mprintf("bsc: %s: period %s is not a period; use 2026, 2026-H2, 2026-Q3, "
                                   "2026-09, 2026-09-30, 2026-W38 or YTD:2026-09",
                                   zFunc, zVal ? zVal : "?");
      sqlite3_free(zVal);
      return filter_error(pCur, SQLITE_ERROR, zMsg);
    }
    pAt = &at;
    bsc_period_format(&at, zNorm);
    if (!(pCur->zPeriod = sqlite3_mprintf("%s", zNorm))) return SQLITE_NOMEM;
  }
  if (!zSchema || !sqlite3_db_filename(pTab->db, zSchema)) {
    return filter_error(pCur, SQLITE_ERROR,
                        sqlite3_mprintf("bsc: %s: schema '%q' is not a database of this connection",
                                        zFunc, zSchema ? zSchema : ""));
  }
  if (!(pCur->zSchema = sqlite3_mprintf("%s", zSchema))) return SQLITE_NOMEM;
  int rc = bsc_store_init(&store, pTab->db, zSchema);
  if (rc == SQLITE_OK) rc = bsc_store_refresh(&store);
  if (rc == SQLITE_OK) rc = score_map(pCur, &store, pAt);
  bsc_store_clear(&store);
  if (rc != SQLITE_OK) {
    return filter_error(pCur, rc, sqlite3_mprintf("bsc: %s: %s", zFunc, sqlite3_errmsg(pTab->db)));
  }
  return SQLITE_OK;
}

static int score_next(sqlite3_vtab_cursor *cur) {
  ((ScoreCursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int score_eof(sqlite3_vtab_cursor *cur) {
  ScoreCursor *pCur = (ScoreCursor *)cur;
  return pCur->iRow >= pCur->nRow;
}

static int score_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  ScoreCursor *pCur = (ScoreCursor *)cur;
  int nCol = pCur->pFunc->nCol;
  if (iCol >= nCol) {
    const char *z = iCol == nCol ? pCur->zPeriod : pCur->zSchema;
    if (z) sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
    return SQLITE_OK;
  }
  const BscCell *c = &pCur->aCell[pCur->iRow * nCol + iCol];
  switch (c->type) {
    case SQLITE_TEXT: sqlite3_result_text(ctx, c->z, -1, SQLITE_TRANSIENT); break;
    case SQLITE_FLOAT: sqlite3_result_double(ctx, c->r); break;
    case SQLITE_INTEGER: sqlite3_result_int64(ctx, c->i); break;
    default: break;
  }
  return SQLITE_OK;
}

static int score_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((ScoreCursor *)cur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module scoreModule = {
  /* iVersion    */ 0,
  /* xCreate     */ 0, /* eponymous only */
  /* xConnect    */ score_connect,
  /* xBestIndex  */ score_best_index,
  /* xDisconnect */ score_disconnect,
  /* xDestroy    */ 0,
  /* xOpen       */ score_open,
  /* xClose      */ score_close,
  /* xFilter     */ score_filter,
  /* xNext       */ score_next,
  /* xEof        */ score_eof,
  /* xColumn     */ score_column,
  /* xRowid      */ score_rowid,
  /* xUpdate     */ 0, /* read only */
  /* xBegin      */ 0,
  /* xSync       */ 0,
  /* xCommit     */ 0,
  /* xRollback   */ 0,
  /* xFindMethod */ 0,
  /* xRename     */ 0,
  /* xSavepoint  */ 0,
  /* xRelease    */ 0,
  /* xRollbackTo */ 0,
  /* xShadowName */ 0,
};

int bsc_register_scorecard(sqlite3 *db) {
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < (int)(sizeof(aScoreFunc) / sizeof(aScoreFunc[0])); i++) {
    rc = sqlite3_create_module_v2(db, aScoreFunc[i].zName, &scoreModule, (void *)&aScoreFunc[i], 0);
  }
  return rc;
}
