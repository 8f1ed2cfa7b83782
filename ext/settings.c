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
**   language       en | nl    the language of bsc_dot's labels (dot.c)
**   number_format  en | nl    text written to a number column: 7.5 (the
**                             default) or 7,5 and 1.234,5 (table.c)
**
** A map without the table, or without a row for a key, has the default.
*/
#include "settings.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

const BscSettings *bsc_store_settings(BscStore *p, int *pRc) {
  const char *zTable = p->azTable[BSC_SETTINGS];
  sqlite3_stmt *pStmt;
  *pRc = SQLITE_OK;
  if (p->settingsRead) return &p->settings;
  memset(&p->settings, 0, sizeof(p->settings));
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
    }
    *pRc = sqlite3_reset(pStmt);
    if (*pRc != SQLITE_OK) return &p->settings;
  }
  p->settingsRead = 1;
  return &p->settings;
}
