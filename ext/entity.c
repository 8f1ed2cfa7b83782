/*
** What each of the map's tables holds: one column-descriptor table per
** entity, plus the few rules that span columns. table.c turns these
** descriptors into a virtual table; nothing else about an entity lives
** anywhere else.
*/
#include "bsc.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <string.h>

#define P BSC_MASK(BSC_PROCESSES)
#define O BSC_MASK(BSC_OBJECTIVES)
#define K BSC_MASK(BSC_KPIS)
#define KEY (BSC_KEY | BSC_NOTNULL)


static const BscColumn aProcessCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"cluster", BSC_T_WORD, BSC_WORD, BSC_NOTNULL, 0, &bscClusters, 0},
  {"subprocess", BSC_T_WORD, BSC_WORD, 0, 0, &bscSubprocesses, 0},
  {"owner", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
  {"description", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};
enum { PROCESS_CLUSTER = 2, PROCESS_SUBPROCESS = 3 };

static const BscColumn aObjectiveCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"perspective", BSC_T_WORD, BSC_WORD, BSC_NOTNULL, 0, &bscPerspectives, 0},
  {"cluster", BSC_T_WORD, BSC_WORD, 0, 0, &bscClusters, 0},
  {"weight", "REAL", BSC_WEIGHT, 0, "1", 0, 0},
  {"owner", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
  {"description", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
  {"kpis", "INTEGER", BSC_DERIVED, 0, 0, 0, 0},
  /* format 2 (scoring): appended, so older maps only gain columns */
  {"rollup", BSC_T_WORD, BSC_WORD, 0, "'weighted'", &bscRollups, 0},
  {"score", "REAL", BSC_DERIVED, 0, 0, 0, 0},
  {"status", BSC_T_WORD, BSC_DERIVED, 0, 0, 0, 0},
};
enum {
  OBJECTIVE_ID = 0,
  OBJECTIVE_PERSPECTIVE = 2,
  OBJECTIVE_CLUSTER = 3,
  OBJECTIVE_KPIS = 7,
  OBJECTIVE_ROLLUP = 8,
  OBJECTIVE_SCORE = 9,
  OBJECTIVE_STATUS = 10
};

static const BscColumn aLinkCol[] = {
  {"cause", BSC_T_ID, BSC_REF, KEY, 0, 0, P | O},
  {"effect", BSC_T_ID, BSC_REF, KEY, 0, 0, O},
  {"weight", "REAL", BSC_WEIGHT, 0, "1", 0, 0},
  {"sign", BSC_T_WORD, BSC_WORD, 0, "'positive'", &bscSigns, 0},
  {"lag", "INTEGER", BSC_COUNT, 0, "0", 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};
enum { LINK_CAUSE = 0, LINK_EFFECT = 1 };

static const BscColumn aKpiCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"objective", BSC_T_ID, BSC_REF, BSC_NOTNULL, 0, 0, O},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"unit", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
  {"polarity", BSC_T_WORD, BSC_WORD, 0, "'higher'", &bscPolarities, 0},
  {"baseline", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"target", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"red", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"weight", "REAL", BSC_WEIGHT, 0, "1", 0, 0},
  {"frequency", BSC_T_WORD, BSC_WORD, 0, "'month'", &bscFrequencies, 0},
  {"aggregation", BSC_T_WORD, BSC_WORD, 0, "'last'", &bscAggregations, 0},
  /* scoring, at the latest period with an actual (scorecard.c) */
  {"period", BSC_T_PERIOD, BSC_DERIVED, 0, 0, 0, 0},
  {"actual", "REAL", BSC_DERIVED, 0, 0, 0, 0},
  {"score", "REAL", BSC_DERIVED, 0, 0, 0, 0},
  {"status", BSC_T_WORD, BSC_DERIVED, 0, 0, 0, 0},
  {"trend", BSC_T_WORD, BSC_DERIVED, 0, 0, 0, 0},
};
enum {
  KPI_ID = 0,
  KPI_POLARITY = 4,
  KPI_BASELINE = 5,
  KPI_TARGET = 6,
  KPI_RED = 7,
  KPI_AGGREGATION = 10,
  KPI_PERIOD = 11,
  KPI_ACTUAL = 12,
  KPI_SCORE = 13,
  KPI_STATUS = 14,
  KPI_TREND = 15
};

static const BscColumn aMeasurementCol[] = {
  {"kpi", BSC_T_ID, BSC_REF, KEY, 0, 0, K},
  {"period", BSC_T_PERIOD, BSC_PERIOD, KEY, 0, 0, 0},
  {"actual", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"target", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};
enum { MEASUREMENT_KPI = 0, MEASUREMENT_PERIOD = 1, MEASUREMENT_TARGET = 3 };

/* A target series: a target and red flag for any period of a KPI, so that
** targets can rise over the years and be set per year (scorecard.c). */
static const BscColumn aTargetCol[] = {
  {"kpi", BSC_T_ID, BSC_REF, KEY, 0, 0, K},
  {"period", BSC_T_PERIOD, BSC_PERIOD, KEY | BSC_YTD, 0, 0, 0},
  {"target", "REAL", BSC_REAL, BSC_NOTNULL, 0, 0, 0},
  {"red", "REAL", BSC_REAL, BSC_NOTNULL, 0, 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};
enum { TARGET_KPI = 0, TARGET_PERIOD = 1, TARGET_TARGET = 2, TARGET_RED = 3 };

/* How the map reads: its settings (settings.c), one row per key. */
static const BscColumn aSettingCol[] = {
  {"key", BSC_T_WORD, BSC_WORD, KEY, 0, &bscSettings, 0},
  {"value", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
};
enum { SETTING_KEY = 0, SETTING_VALUE = 1 };

#define COLUMNS(a) (int)(sizeof(a) / sizeof(a[0])), a

static char *process_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *cluster = &aRow[PROCESS_CLUSTER], *sub = &aRow[PROCESS_SUBPROCESS];
  if (sub->type != SQLITE_TEXT || cluster->type != SQLITE_TEXT) return 0;
  const BscWord *w = bsc_vocab_find(&bscSubprocesses, sub->z);
  if (w && strcmp(w->group, cluster->z) == 0) return 0;
  char *zList = bsc_vocab_list(&bscSubprocesses, cluster->z);
  char *zMsg = sqlite3_mprintf(
      "bsc: %s.subprocess: '%q' is not a sub-process of cluster %s; use %s",
      bsc_table_name(pTab), sub->z, cluster->z, zList ? zList : "");
  sqlite3_free(zList);
  return zMsg;
}

static char *objective_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *cluster = &aRow[OBJECTIVE_CLUSTER], *persp = &aRow[OBJECTIVE_PERSPECTIVE];
  if (cluster->type == SQLITE_NULL || persp->type != SQLITE_TEXT) return 0;
  if (strcmp(persp->z, "internal") == 0) return 0;
  return sqlite3_mprintf(
      "bsc: %s.cluster: '%q' given for a %s objective; only internal-process objectives "
      "belong to a cluster",
      bsc_table_name(pTab), cluster->z, persp->z);
}

static char *link_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *cause = &aRow[LINK_CAUSE], *effect = &aRow[LINK_EFFECT];
  if (cause->type != SQLITE_TEXT || effect->type != SQLITE_TEXT) return 0;
  if (strcmp(cause->z, effect->z) != 0) return 0;
  return sqlite3_mprintf("bsc: %s.effect: '%q' cannot cause itself", bsc_table_name(pTab),
                         effect->z);
}

static double cell_number(const BscCell *c) {
  if (c->type == SQLITE_FLOAT) return c->r;
  if (c->type == SQLITE_INTEGER) return (double)c->i;
  return NAN;
}

static const char *cell_text(const BscCell *c) { return c->type == SQLITE_TEXT ? c->z : 0; }

/* A KPI's thresholds must be scoreable: red (or baseline) apart from the
** target(s), on the side the polarity says. */
static char *kpi_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_kpi_check(bsc_table_store(pTab), bsc_table_name(pTab), cell_text(&aRow[KPI_ID]),
                             cell_text(&aRow[KPI_POLARITY]), cell_number(&aRow[KPI_BASELINE]),
                             cell_number(&aRow[KPI_TARGET]), cell_number(&aRow[KPI_RED]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

static char *measurement_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_measurement_check(bsc_table_store(pTab), bsc_table_name(pTab),
                                     cell_text(&aRow[MEASUREMENT_KPI]), cell_text(&aRow[MEASUREMENT_PERIOD]),
                                     cell_number(&aRow[MEASUREMENT_TARGET]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

static char *target_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_target_check(bsc_table_store(pTab), bsc_table_name(pTab), cell_text(&aRow[TARGET_KPI]),
                                cell_text(&aRow[TARGET_PERIOD]), cell_number(&aRow[TARGET_TARGET]),
                                cell_number(&aRow[TARGET_RED]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

/* A setting's value must be one its key takes; it is stored normalised. */
static char *setting_rule(BscTable *pTab, BscCell *aRow) {
  BscCell *key = &aRow[SETTING_KEY], *value = &aRow[SETTING_VALUE];
  if (key->type != SQLITE_TEXT || value->type != SQLITE_TEXT) return 0;
  char *zColumn = sqlite3_mprintf("%s.value", bsc_table_name(pTab)), *zOut = 0;
  char *zMsg = zColumn ? bsc_setting_check(zColumn, key->z, value->z, &zOut) : 0;
  sqlite3_free(zColumn);
  if (zOut) {
    sqlite3_free(value->z);
    value->z = zOut;
  } else if (!zMsg) {
    zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(SQLITE_NOMEM));
  }
  return zMsg;
}

/* Results as SQL values: NaN is NULL. */
static void result_number(sqlite3_context *ctx, double r) {
  if (!isnan(r)) sqlite3_result_double(ctx, r);
}

/* objectives.kpis: how many KPIs measure the objective; score and status:
** its KPIs' scores at their latest periods, rolled up its way. */
static int objective_derive(BscTable *pTab, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *ctx) {
  BscStore *pStore = bsc_table_store(pTab);
  sqlite3_stmt *pStmt;
  int rc = SQLITE_OK;
  const char *zKpis = pStore->azTable[BSC_KPIS];
  if (iCol == OBJECTIVE_KPIS) {
    if (!zKpis || aRow[OBJECTIVE_ID].type != SQLITE_TEXT) {
      sqlite3_result_int(ctx, 0);
      return SQLITE_OK;
    }
    rc = bsc_store_stmt(pStore, &pStmt, "SELECT count(*) FROM \"%w\".\"%w_data\" WHERE objective=?",
                        pStore->zSchema, zKpis);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_text(pStmt, 1, aRow[OBJECTIVE_ID].z, -1, SQLITE_STATIC);
    if (sqlite3_step(pStmt) == SQLITE_ROW) sqlite3_result_int64(ctx, sqlite3_column_int64(pStmt, 0));
    return sqlite3_reset(pStmt);
  }
  /* score and status share one roll-up, kept in *ppRow */
  BscObjectiveScore *pScore = *ppRow;
  if (!pScore) {
    int how = bsc_vocab_rank(&bscRollups, cell_text(&aRow[OBJECTIVE_ROLLUP]));
    if (!(pScore = sqlite3_malloc(sizeof(*pScore)))) return SQLITE_NOMEM;
    rc = bsc_objective_score(pStore, cell_text(&aRow[OBJECTIVE_ID]),
                             how < 0 ? BSC_ROLLUP_WEIGHTED : (BscRollup)how, 0, pScore, 0, 0);
    if (rc != SQLITE_OK) {
      sqlite3_free(pScore);
      return rc;
    }
    *ppRow = pScore;
  }
  if (iCol == OBJECTIVE_SCORE) result_number(ctx, pScore->score);
  if (iCol == OBJECTIVE_STATUS) sqlite3_result_text(ctx, bsc_status_of(pScore->score), -1, SQLITE_STATIC);
  return SQLITE_OK;
}

/* kpis.period, actual, score, status, trend: at the latest period with an actual. */
static int kpi_derive(BscTable *pTab, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *ctx) {
  /* the five columns share one scoring, kept in *ppRow */
  BscKpiScore *pScore = *ppRow;
  if (!pScore) {
    BscKpiDef k;
    if (!(pScore = sqlite3_malloc(sizeof(*pScore)))) return SQLITE_NOMEM;
    bsc_kpi_def(&k, cell_text(&aRow[KPI_ID]), cell_text(&aRow[KPI_POLARITY]),
                cell_text(&aRow[KPI_AGGREGATION]), cell_number(&aRow[KPI_BASELINE]),
                cell_number(&aRow[KPI_TARGET]), cell_number(&aRow[KPI_RED]));
    int rc = bsc_kpi_score(bsc_table_store(pTab), &k, 0, pScore);
    if (rc != SQLITE_OK) {
      sqlite3_free(pScore);
      return rc;
    }
    *ppRow = pScore;
  }
  switch (iCol) {
    case KPI_PERIOD:
      if (pScore->zPeriod[0]) sqlite3_result_text(ctx, pScore->zPeriod, -1, SQLITE_TRANSIENT);
      break;
    case KPI_ACTUAL: result_number(ctx, pScore->actual); break;
    case KPI_SCORE: result_number(ctx, pScore->score); break;
    case KPI_STATUS: sqlite3_result_text(ctx, bsc_status_of(pScore->score), -1, SQLITE_STATIC); break;
    case KPI_TREND:
      if (pScore->zTrend) sqlite3_result_text(ctx, pScore->zTrend, -1, SQLITE_STATIC);
      break;
  }
  return SQLITE_OK;
}

const BscEntity bscEntities[BSC_N_ENTITY] = {
  {BSC_PROCESSES, "bsc_processes", "process", "a process", COLUMNS(aProcessCol), O, process_rule, 0},
  {BSC_OBJECTIVES, "bsc_objectives", "objective", "an objective", COLUMNS(aObjectiveCol), P, objective_rule,
   objective_derive},
  {BSC_LINKS, "bsc_links", "link", "a link", COLUMNS(aLinkCol), 0, link_rule, 0},
  {BSC_KPIS, "bsc_kpis", "KPI", "a KPI", COLUMNS(aKpiCol), 0, kpi_rule, kpi_derive},
  {BSC_MEASUREMENTS, "bsc_measurements", "measurement", "a measurement", COLUMNS(aMeasurementCol), 0,
   measurement_rule, 0},
  {BSC_TARGETS, "bsc_targets", "target", "a target", COLUMNS(aTargetCol), 0, target_rule, 0},
  {BSC_SETTINGS, "bsc_settings", "setting", "a setting", COLUMNS(aSettingCol), 0, setting_rule, 0},
};

const BscEntity *bsc_entity_by_module(const char *zModule) {
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (sqlite3_stricmp(bscEntities[i].module, zModule) == 0) return &bscEntities[i];
  }
  return 0;
}
