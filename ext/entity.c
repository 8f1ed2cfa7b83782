/*
** What each of the map's tables holds (the five of every map, the targets,
** and the optional initiatives and commentary): one column-descriptor table per
** entity, plus the few rules that span columns. table.c turns these
** descriptors into a virtual table. The rules and derived columns that read
** other tables to score (kpis, objectives, measurements, targets) live with the
** scoring core (scorecard.c: bscScoringHooks), above the engine, which is
** handed them at registration.
*/
#include "entity.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <string.h>

#define P BSC_MASK(BSC_PROCESSES)
#define O BSC_MASK(BSC_OBJECTIVES)
#define K BSC_MASK(BSC_KPIS)
#define I BSC_MASK(BSC_INITIATIVES)
#define U BSC_MASK(BSC_UNITS)
#define KEY (BSC_KEY | BSC_NOTNULL)


static const BscColumn aProcessCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"cluster", BSC_T_WORD, BSC_WORD, BSC_NOTNULL, 0, &bscClusters, 0},
  {"subprocess", BSC_T_WORD, BSC_WORD, 0, 0, &bscSubprocesses, 0},
  {"owner", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
  {"description", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
  /* format 3 (cascading): the unit whose map it is in; NULL for the top unit */
  {"unit", BSC_T_ID, BSC_REF, 0, 0, 0, U},
};

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
  /* format 3 (cascading): the unit whose map it is in; NULL for the top unit */
  {"unit", BSC_T_ID, BSC_REF, 0, 0, 0, U},
};

static const BscColumn aLinkCol[] = {
  {"cause", BSC_T_ID, BSC_REF, KEY, 0, 0, P | O | I},
  {"effect", BSC_T_ID, BSC_REF, KEY, 0, 0, O},
  {"weight", "REAL", BSC_WEIGHT, 0, "1", 0, 0},
  {"sign", BSC_T_WORD, BSC_WORD, 0, "'positive'", &bscSigns, 0},
  {"lag", "INTEGER", BSC_COUNT, 0, "0", 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};

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

static const BscColumn aMeasurementCol[] = {
  {"kpi", BSC_T_ID, BSC_REF, KEY, 0, 0, K},
  {"period", BSC_T_PERIOD, BSC_PERIOD, KEY, 0, 0, 0},
  {"actual", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"target", "REAL", BSC_REAL, 0, 0, 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};

/* A target series: a target and red flag for any period of a KPI, so that
** targets can rise over the years and be set per year (scorecard.c). */
static const BscColumn aTargetCol[] = {
  {"kpi", BSC_T_ID, BSC_REF, KEY, 0, 0, K},
  {"period", BSC_T_PERIOD, BSC_PERIOD, KEY | BSC_YTD, 0, 0, 0},
  {"target", "REAL", BSC_REAL, BSC_NOTNULL, 0, 0, 0},
  {"red", "REAL", BSC_REAL, BSC_NOTNULL, 0, 0, 0},
  {"note", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};

/* Projects meant to close the gap on the objectives they drive (links
** with the initiative as cause); schedule.c derives the schedule. */
static const BscColumn aInitiativeCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"owner", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
  {"start", BSC_T_PERIOD, BSC_DATE, 0, 0, 0, 0},
  {"due", BSC_T_PERIOD, BSC_DATE, 0, 0, 0, 0},
  {"budget", "REAL", BSC_WEIGHT, 0, 0, 0, 0},
  {"spent", "REAL", BSC_WEIGHT, 0, 0, 0, 0},
  {"progress", "REAL", BSC_PERCENT, 0, "0", 0, 0},
  {"status", BSC_T_WORD, BSC_WORD, 0, "'planned'", &bscInitiativeStatuses, 0},
  {"description", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
  {"schedule", BSC_T_WORD, BSC_DERIVED, 0, 0, 0, 0},
  {"objectives", "INTEGER", BSC_DERIVED, 0, 0, 0, 0},
  /* format 3 (cascading): the unit that runs it; NULL for the top unit */
  {"unit", BSC_T_ID, BSC_REF, 0, 0, 0, U},
};

/* What the owners say about a period: one row per subject, period and author. */
static const BscColumn aCommentaryCol[] = {
  {"subject", BSC_T_ID, BSC_REF, KEY, 0, 0, O | K | I},
  {"period", BSC_T_PERIOD, BSC_PERIOD, KEY, 0, 0, 0},
  {"author", BSC_T_SHORT, BSC_TEXT, KEY, 0, 0, 0},
  {"written", BSC_T_PERIOD, BSC_DATE, 0, 0, 0, 0},
  {"status", BSC_T_WORD, BSC_WORD, 0, "'draft'", &bscCommentStatuses, 0},
  {"analysis", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
  {"recommendation", BSC_T_LONG, BSC_TEXT, 0, 0, 0, 0},
};

/* How the map reads: its settings (settings.c), one row per key. */
static const BscColumn aSettingCol[] = {
  {"key", BSC_T_WORD, BSC_WORD, KEY, 0, &bscSettings, 0},
  {"value", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
};

/* The organisation's units: a tree under one top unit (the group), whose
** parents units.c keeps free of cycles; each unit has a map of its own. */
static const BscColumn aUnitCol[] = {
  {"id", BSC_T_ID, BSC_ID, KEY, 0, 0, 0},
  {"title", BSC_T_SHORT, BSC_TEXT, BSC_NOTNULL, 0, 0, 0},
  {"parent", BSC_T_ID, BSC_REF, 0, 0, 0, U},
  {"owner", BSC_T_SHORT, BSC_TEXT, 0, 0, 0, 0},
};

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

/* An initiative is due on or after its start. */
static char *initiative_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *start = &aRow[INITIATIVE_START], *due = &aRow[INITIATIVE_DUE];
  /* normalised YYYY-MM-DD: text order is date order */
  if (start->type != SQLITE_TEXT || due->type != SQLITE_TEXT || strcmp(start->z, due->z) <= 0) return 0;
  return sqlite3_mprintf("bsc: %s.due: '%q' is before start '%q'; an initiative is due on or after its start",
                         bsc_table_name(pTab), due->z, start->z);
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

const BscEntity bscEntities[BSC_N_ENTITY] = {
  {BSC_PROCESSES, "bsc_processes", "process", "a process", COLUMNS(aProcessCol), O | I, process_rule, 0, 0},
  {BSC_OBJECTIVES, "bsc_objectives", "objective", "an objective", COLUMNS(aObjectiveCol), P | I, objective_rule,
   0, 0},
  {BSC_LINKS, "bsc_links", "link", "a link", COLUMNS(aLinkCol), 0, link_rule, 0, 0},
  {BSC_KPIS, "bsc_kpis", "KPI", "a KPI", COLUMNS(aKpiCol), 0, 0, 0, 0},
  {BSC_MEASUREMENTS, "bsc_measurements", "measurement", "a measurement", COLUMNS(aMeasurementCol), 0,
   0, 0, 0},
  {BSC_TARGETS, "bsc_targets", "target", "a target", COLUMNS(aTargetCol), 0, 0, 0, 0},
  /* schedule and objectives are derived by schedule.c, a hook of scorecard.c's */
  {BSC_INITIATIVES, "bsc_initiatives", "initiative", "an initiative", COLUMNS(aInitiativeCol), P | O,
   initiative_rule, 0, 1},
  {BSC_COMMENTARY, "bsc_commentary", "comment", "a comment", COLUMNS(aCommentaryCol), 0, 0, 0, 1},
  {BSC_SETTINGS, "bsc_settings", "setting", "a setting", COLUMNS(aSettingCol), 0, setting_rule, 0, 1},
  /* the tree's rules read the other units: units.c, a hook of scorecard.c's */
  {BSC_UNITS, "bsc_units", "unit", "a unit", COLUMNS(aUnitCol), 0, 0, 0, 1},
};

const BscEntity *bsc_entity_by_module(const char *zModule) {
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (sqlite3_stricmp(bscEntities[i].module, zModule) == 0) return &bscEntities[i];
  }
  return 0;
}
