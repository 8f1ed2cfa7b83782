/*
** Text helpers for messages and output: quoting a value as a message shows
** it, JSON strings, and how SQL names a table. Pure: the bottom layer.
*/
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

char *bsc_quote_text(const char *z) {
  int nChar = 0;
  for (const unsigned char *u = (const unsigned char *)z; *u; u++) nChar += (*u & 0xc0) != 0x80;
  /* '!' makes the precision count characters, so no UTF-8 sequence is cut */
  if (nChar > 80) return sqlite3_mprintf("'%!.77q...'", z);
  return sqlite3_mprintf("'%q'", z);
}

char *bsc_quote_value(sqlite3_value *v) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL: return sqlite3_mprintf("NULL");
    case SQLITE_INTEGER: return sqlite3_mprintf("%lld", sqlite3_value_int64(v));
    case SQLITE_FLOAT: return sqlite3_mprintf("%!.15g", sqlite3_value_double(v));
    case SQLITE_BLOB: {
      int n = sqlite3_value_bytes(v);
      return sqlite3_mprintf("a blob of %d byte%s", n, n == 1 ? "" : "s");
    }
    default: return bsc_quote_text((const char *)sqlite3_value_text(v));
  }
}

void bsc_json_string(sqlite3_str *s, const char *z) {
  sqlite3_str_appendchar(s, 1, '"');
  for (; *z; z++) {
    unsigned char c = (unsigned char)*z;
    if (c == '"' || c == '\\') sqlite3_str_appendf(s, "\\%c", c);
    else if (c < 0x20) sqlite3_str_appendf(s, "\\u%04x", c);
    else sqlite3_str_appendchar(s, 1, (char)c);
  }
  sqlite3_str_appendchar(s, 1, '"');
}

/* Appends an SQL name: bare when it is a plain identifier and no keyword
** (temp is one, yet names a schema as it is), else in double quotes. */
static void append_name(sqlite3_str *s, const char *z) {
  int plain = isalpha((unsigned char)z[0]) || z[0] == '_';
  for (const char *p = z; plain && *p; p++) plain = isalnum((unsigned char)*p) || *p == '_';
  if (plain && sqlite3_stricmp(z, "temp") != 0) plain = !sqlite3_keyword_check(z, (int)strlen(z));
  if (plain) sqlite3_str_appendall(s, z);
  else sqlite3_str_appendf(s, "\"%w\"", z);
}

char *bsc_table_ref(const char *zSchema, const char *zTable) {
  sqlite3_str *s = sqlite3_str_new(0);
  if (sqlite3_stricmp(zSchema, "main") != 0) {
    append_name(s, zSchema);
    sqlite3_str_appendchar(s, 1, '.');
  }
  append_name(s, zTable);
  return sqlite3_str_finish(s);
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

char *bsc_damage_msg(const char *zFunc, const char *zSchema, const char *zTable, const char *zKey,
                     const char *zColumn, const char *zProblem) {
  sqlite3_str *s = sqlite3_str_new(0);
  size_t nColumn = zColumn ? strlen(zColumn) : 0;
  sqlite3_str_appendall(s, "bsc: ");
  if (zFunc) sqlite3_str_appendf(s, "%s: ", zFunc);
  if (zKey) sqlite3_str_appendf(s, "%s row (%s) is damaged: ", zTable, zKey);
  else if (strstr(zProblem, "damaged")) sqlite3_str_appendf(s, "%s: ", zTable); /* it says so itself */
  else sqlite3_str_appendf(s, "%s is damaged: ", zTable);
  /* "weight Inf is not a finite number", but "red flag 40 equals target 40" */
  if (zColumn && strncmp(zProblem, zColumn, nColumn) != 0) sqlite3_str_appendf(s, "%s ", zColumn);
  sqlite3_str_appendall(s, zProblem);
  /* a table's own problem may point there already */
  if (!strstr(zProblem, "bsc_integrity(")) {
    sqlite3_str_appendf(s, "; SELECT * FROM bsc_integrity('%q') lists every damaged row", zSchema);
  }
  return sqlite3_str_finish(s);
}

int bsc_grow(void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return SQLITE_OK;
  int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
  void *aNew = sqlite3_realloc64(*(void **)pa, (sqlite3_uint64)nNew * sz);
  if (!aNew) return SQLITE_NOMEM;
  *(void **)pa = aNew;
  *pnAlloc = nNew;
  return SQLITE_OK;
}

void bsc_trim(void *pa, int n, size_t sz) {
  if (n == 0) return;
  void *aNew = sqlite3_realloc64(*(void **)pa, (sqlite3_uint64)n * sz);
  if (aNew) *(void **)pa = aNew;
}
