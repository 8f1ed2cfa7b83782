/*
** A map's settings, read for the map's other readers: the table (module
** bsc_settings) is entity.c's, the values its keys take vocab.c's.
**
**   key            value      what it changes
**   finer_periods  unscored   a KPI asked at a period finer than its
**                             frequency is scored from that period (the
**                             default, as bsc 0.1)
**                  latest     it shows its latest complete period of its
**                             own frequency instead (scorecard.c)
**   language       en | nl    the language of bsc_dot's labels (dot.c) and
**                             of bsc_clusters' and bsc_catalog's (coverage.c)
**   number_format  en | nl    text written to a number column: 7.5 (the
**                             default) or 7,5 and 1.234,5 (table.c)
**   perspective_order         the perspectives from top to bottom, as
**                  financial,customer,internal,learning (the default,
**                             Kaplan & Norton's business order): the four
**                             once each; mission, when not named, stands
**                             above them (reports, chains, checker, dot)
**   fiscal_year_start 2..12   the month the fiscal year starts: years,
**                             halves and quarters are then fiscal (FY2027-Q1,
**                             period.c) where bsc derives them (a KPI's
**                             latest period, kpi_overdue); default none
**   outcomes       financial  the perspectives whose objectives are the
**                             map's outcomes, where causal chains end
**                             (default financial and mission)
**
** A map without the table, or without a row for a key, has the default.
*/
#include "settings.h"
SQLITE_EXTENSION_INIT3

#include <stdlib.h>
#include <string.h>

/* Row r from the top holds perspective aOrder[r]. */
static void set_ranks(BscSettings *pSet, const int *aOrder) {
  for (int r = 0; r < BSC_N_PERSP; r++) {
    pSet->aOrder[r] = (unsigned char)aOrder[r];
    pSet->aRank[aOrder[r]] = (unsigned char)r;
  }
}

void bsc_settings_default(BscSettings *pSet) {
  static const int aDefault[BSC_N_PERSP] = {BSC_MISSION, 0, 1, 2, 3};
  memset(pSet, 0, sizeof(*pSet));
  set_ranks(pSet, aDefault);
  pSet->outcomes = 1u << 0 | 1u << BSC_MISSION;
}

/* A stored perspective_order (checked when written, vocab.c): mission
** first unless it is named. */
static void set_order(BscSettings *pSet, const char *zValue) {
  int aList[BSC_N_PERSP], aOrder[BSC_N_PERSP], n = bsc_perspective_list(zValue, aList), m = 0, bMission = 0;
  for (int i = 0; i < n; i++) bMission |= aList[i] == BSC_MISSION;
  if (n != BSC_N_PERSP - !bMission) return; /* not written through bsc: the default */
  if (!bMission) aOrder[m++] = BSC_MISSION;
  for (int i = 0; i < n; i++) aOrder[m++] = aList[i];
  set_ranks(pSet, aOrder);
  pSet->missionPlaced = bMission;
}

static void set_outcomes(BscSettings *pSet, const char *zValue) {
  int aList[BSC_N_PERSP], n = bsc_perspective_list(zValue, aList);
  if (n == 0) return;
  pSet->outcomes = 0;
  for (int i = 0; i < n; i++) pSet->outcomes |= 1u << aList[i];
  pSet->outcomesSet = 1;
}

const BscSettings *bsc_store_settings(BscStore *p, int *pRc) {
  const char *zTable = p->azTable[BSC_SETTINGS];
  sqlite3_stmt *pStmt;
  *pRc = SQLITE_OK;
  if (p->settingsRead) return &p->settings;
  bsc_settings_default(&p->settings);
  if (zTable) {
    *pRc = bsc_store_slot(p, BSC_SLOT_SETTINGS, &pStmt, "SELECT key, value FROM \"%w\".\"%w_data\"",
                          p->zSchema, zTable);
    if (*pRc != SQLITE_OK) return &p->settings;
    while (sqlite3_step(pStmt) == SQLITE_ROW) {
      const char *zKey = (const char *)sqlite3_column_text(pStmt, 0);
      const char *zValue = (const char *)sqlite3_column_text(pStmt, 1);
      if (!zKey || !zValue) continue;
      if (strcmp(zKey, "finer_periods") == 0) p->settings.finerLatest = strcmp(zValue, "latest") == 0;
      if (strcmp(zKey, "language") == 0) p->settings.nl = strcmp(zValue, "nl") == 0;
      if (strcmp(zKey, "number_format") == 0) p->settings.numberNl = strcmp(zValue, "nl") == 0;
      if (strcmp(zKey, "perspective_order") == 0) set_order(&p->settings, zValue);
      if (strcmp(zKey, "outcomes") == 0) set_outcomes(&p->settings, zValue);
      if (strcmp(zKey, "fiscal_year_start") == 0) p->settings.fyStart = atoi(zValue);
    }
    *pRc = sqlite3_reset(pStmt);
    if (*pRc != SQLITE_OK) return &p->settings;
  }
  p->settingsRead = 1;
  return &p->settings;
}

char *bsc_outcome_noun(const BscSettings *pSet, int bMission) {
  if (!pSet->outcomesSet && !bMission) return sqlite3_mprintf("financial objective");
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0, nAll = 0;
  for (int p = 0; p < BSC_N_PERSP; p++) nAll += bsc_persp_outcome(pSet, p);
  sqlite3_str_appendall(s, "outcome (a");
  for (int r = 0; r < BSC_N_PERSP; r++) {
    int p = pSet->aOrder[r];
    if (!bsc_persp_outcome(pSet, p)) continue;
    n++;
    sqlite3_str_appendf(s, "%s%s", n == 1 ? (strchr("aeiou", bscPerspectives.a[p].id[0]) ? "n " : " ")
                                         : n == nAll ? " or " : ", ",
                        bscPerspectives.a[p].id);
  }
  sqlite3_str_appendall(s, " objective)");
  return sqlite3_str_finish(s);
}

int bsc_store_fiscal_period(BscStore *p, char **pzTable, char **pzPeriod) {
  static const BscEntityId aHolder[] = {BSC_MEASUREMENTS, BSC_TARGETS, BSC_COMMENTARY};
  int rc = SQLITE_OK;
  *pzTable = *pzPeriod = 0;
  for (size_t i = 0; rc == SQLITE_OK && !*pzPeriod && i < sizeof(aHolder) / sizeof(aHolder[0]); i++) {
    const char *zTable = p->azTable[aHolder[i]];
    sqlite3_stmt *pStmt = 0;
    if (!zTable) continue;
    /* FY2027-Q1 and FYTD:2026-08 sort between 'FY' and 'FZ' */
    char *zSql = sqlite3_mprintf("SELECT period FROM \"%w\".\"%w_data\" WHERE (period >= 'FY' AND period < 'FZ')"
                                 " OR (period >= 'YTD:FY' AND period < 'YTD:FZ') LIMIT 1",
                                 p->zSchema, zTable);
    if (!zSql) return SQLITE_NOMEM;
    rc = sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0);
    sqlite3_free(zSql);
    if (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
      *pzPeriod = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 0));
      *pzTable = sqlite3_mprintf("%s", zTable);
      if (!*pzPeriod || !*pzTable) rc = SQLITE_NOMEM;
    }
    int rc2 = sqlite3_finalize(pStmt);
    if (rc == SQLITE_OK) rc = rc2;
  }
  if (rc != SQLITE_OK) {
    sqlite3_free(*pzTable);
    sqlite3_free(*pzPeriod);
    *pzTable = *pzPeriod = 0;
  }
  return rc;
}

/* The refusal of a change to fiscal_year_start (now fyStart) while a table
** holds fiscal periods: zNew, the start it is given, would move them to
** other months; zNew NULL, the setting goes, leaves them none. NULL when no
** table holds one. rc is the caller's reading of the settings so far: an
** error there, or in looking, is the message. */
static char *fiscal_refusal(BscTable *pTab, int rc, int fyStart, const char *zNew) {
  char *zTable = 0, *zPeriod = 0, *zMsg = 0;
  if (rc == SQLITE_OK) rc = bsc_store_fiscal_period(bsc_table_store(pTab), &zTable, &zPeriod);
  if (rc != SQLITE_OK) {
    zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  } else if (zPeriod && zNew) {
    zMsg = sqlite3_mprintf("bsc: %s.value: fiscal_year_start is %d and table %s holds fiscal periods such as '%q'; "
                           "with %s they would mean other months: rewrite or delete those rows first",
                           bsc_table_name(pTab), fyStart, zTable, zPeriod, zNew);
  } else if (zPeriod) {
    zMsg = sqlite3_mprintf("bsc: %s.key: fiscal_year_start cannot go while table %s holds fiscal periods such as "
                           "'%q': without it they would name no months; rewrite or delete those rows first",
                           bsc_table_name(pTab), zTable, zPeriod);
  }
  sqlite3_free(zTable);
  sqlite3_free(zPeriod);
  return zMsg;
}

/* The settings table's rule above the engine (scorecard.c's hooks): a
** fiscal_year_start that would move the stored fiscal periods to other
** months is refused. */
char *bsc_settings_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *key = &aRow[SETTING_KEY], *value = &aRow[SETTING_VALUE];
  if (key->type != SQLITE_TEXT || value->type != SQLITE_TEXT || strcmp(key->z, "fiscal_year_start") != 0) return 0;
  int rc;
  const BscSettings *pSet = bsc_store_settings(bsc_table_store(pTab), &rc);
  if (rc == SQLITE_OK && (pSet->fyStart == 0 || pSet->fyStart == atoi(value->z))) return 0;
  return fiscal_refusal(pTab, rc, pSet->fyStart, value->z);
}

/* ... and the fiscal_year_start row leaves only while no table holds a
** fiscal period. */
char *bsc_settings_gone(BscTable *pTab, BscCell *aOld) {
  const BscCell *key = &aOld[SETTING_KEY];
  if (key->type != SQLITE_TEXT || strcmp(key->z, "fiscal_year_start") != 0) return 0;
  return fiscal_refusal(pTab, SQLITE_OK, 0, 0);
}
