/*
** A map's settings: the values its settings table (module bsc_settings,
** entity.c) may hold, and the reader that the map's other readers call.
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
#include "bsc.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The values each key takes: the stored word, then its other spellings. */
static const char *const azFiner[] = {"unscored", "unscored|none|asked|niet", "latest",
                                      "latest|latest complete|laatste|laatst|last"};
static const char *const azLanguage[] = {"en", "en|english|engels", "nl", "nl|dutch|nederlands"};

/* The stored word that zValue spells among the n pairs of az, or NULL. */
static const char *find_value(const char *const *az, int n, const char *zValue) {
  for (int i = 0; i < n; i++) {
    const char *p = az[2 * i + 1];
    while (*p) {
      const char *end = strchr(p, '|');
      size_t len = end ? (size_t)(end - p) : strlen(p);
      if (strlen(zValue) == len && sqlite3_strnicmp(zValue, p, (int)len) == 0) return az[2 * i];
      p = end ? end + 1 : p + len;
    }
  }
  return 0;
}

char *bsc_setting_check(const char *zColumn, const char *zKey, const char *zValue, char **pzOut) {
  const char *zWord = 0, *zUse = "";
  char zTrim[64];
  size_t n = strlen(zValue);
  *pzOut = 0;
  while (n && isspace((unsigned char)zValue[n - 1])) n--;
  while (n && isspace((unsigned char)*zValue)) zValue++, n--;
  if (n < sizeof(zTrim)) {
    memcpy(zTrim, zValue, n);
    zTrim[n] = 0;
    if (strcmp(zKey, "finer_periods") == 0) {
      zWord = find_value(azFiner, 2, zTrim);
      zUse = "unscored or latest";
    } else if (strcmp(zKey, "language") == 0 || strcmp(zKey, "number_format") == 0) {
      zWord = find_value(azLanguage, 2, zTrim);
      zUse = "en or nl";
    }
  }
  if (zWord) {
    *pzOut = sqlite3_mprintf("%s", zWord);
    return 0;
  }
  char *zQuoted = bsc_quote_text(zValue);
  char *zMsg = sqlite3_mprintf("bsc: %s: %s is not a value of setting %s; use %s", zColumn,
                               zQuoted ? zQuoted : "", zKey, zUse);
  sqlite3_free(zQuoted);
  return zMsg;
}

int bsc_number_nl(const char *z, double *pr) {
  /* digits in groups of three after each '.', at most one ',' */
  char zBuf[128];
  int n = 0, nDigit = 0, nGroup = -1, comma = 0;
  while (isspace((unsigned char)*z)) z++;
  if (*z == '-' || *z == '+') zBuf[n++] = *z++;
  for (; *z && !isspace((unsigned char)*z); z++) {
    if (n >= (int)sizeof(zBuf) - 2) return 0;
    if (isdigit((unsigned char)*z)) {
      zBuf[n++] = *z;
      nDigit++;
      if (nGroup >= 0 && !comma) nGroup++;
    } else if (*z == '.' && !comma) {
      /* a thousands separator: after 1 to 3 digits, or after a full group */
      if (nDigit == 0 || (nGroup < 0 ? nDigit > 3 : nGroup != 3)) return 0;
      nGroup = 0;
    } else if (*z == ',' && !comma && nDigit > 0) {
      if (nGroup >= 0 && nGroup != 3) return 0;
      comma = 1;
      zBuf[n++] = '.';
      nDigit = 0;
    } else {
      return 0;
    }
  }
  while (isspace((unsigned char)*z)) z++;
  if (*z || nDigit == 0 || (nGroup >= 0 && !comma && nGroup != 3)) return 0;
  zBuf[n] = 0;
  *pr = strtod(zBuf, 0);
  return 1;
}

const BscSettings *bsc_store_settings(BscStore *p, int *pRc) {
  const char *zTable = p->azTable[BSC_SETTINGS];
  sqlite3_stmt *pStmt;
  *pRc = SQLITE_OK;
  if (p->settingsRead) return &p->settings;
  memset(&p->settings, 0, sizeof(p->settings));
  if (zTable) {
    *pRc = bsc_store_stmt(p, &pStmt, "SELECT key, value FROM \"%w\".\"%w_data\"", p->zSchema, zTable);
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
