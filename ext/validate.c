/*
** Validation for the table engine: each value written to a map table is
** checked and normalised by its column's kind (entity.c's descriptors)
** before anything is stored; a refused value gets a message naming the
** table, the column and the value.
*/
#include "validate.h"
#include "text.h"
#include "period.h"
#include "settings.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- small helpers */


int bsc_is_stored(const BscColumn *c) { return c->kind != BSC_DERIVED; }

/* The shadow table's column list: "c1","c2",... (stored columns only),
** each optionally followed by zSuffix ("=?" for an UPDATE). */
char *bsc_column_list(const BscEntity *e, const char *zSuffix) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0;
  for (int i = 0; i < e->nCol; i++) {
    if (!bsc_is_stored(&e->aCol[i])) continue;
    sqlite3_str_appendf(s, "%s[%s]%s", n++ ? "," : "", e->aCol[i].name, zSuffix);
  }
  return sqlite3_str_finish(s);
}

void bsc_cell_clear(BscCell *c) {
  if (c->type == SQLITE_TEXT) sqlite3_free(c->z);
  memset(c, 0, sizeof(*c));
  c->type = SQLITE_NULL;
}

void bsc_row_clear(BscCell *a, int n) {
  for (int i = 0; i < n; i++) bsc_cell_clear(&a[i]);
}

int bsc_cell_set_text(BscCell *c, const char *z, int n) {
  bsc_cell_clear(c);
  /* copied as "%.*s" would, without formatting: every value written passes here */
  size_t len = n < 0 ? strlen(z) : (size_t)n;
  const char *zNul = n < 0 ? 0 : memchr(z, 0, len);
  if (zNul) len = (size_t)(zNul - z);
  if (!(c->z = sqlite3_malloc64(len + 1))) return SQLITE_NOMEM;
  memcpy(c->z, z, len);
  c->z[len] = 0;
  c->type = SQLITE_TEXT;
  return SQLITE_OK;
}

void bsc_cell_bind(sqlite3_stmt *pStmt, int i, const BscCell *c) {
  switch (c->type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(pStmt, i, c->i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(pStmt, i, c->r); break;
    case SQLITE_TEXT: sqlite3_bind_text(pStmt, i, c->z, -1, SQLITE_STATIC); break;
    default: sqlite3_bind_null(pStmt, i); break;
  }
}

int bsc_cell_from_value(BscCell *c, sqlite3_value *v) {
  bsc_cell_clear(c);
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: c->type = SQLITE_INTEGER; c->i = sqlite3_value_int64(v); break;
    case SQLITE_FLOAT: c->type = SQLITE_FLOAT; c->r = sqlite3_value_double(v); break;
    case SQLITE_NULL: break;
    default:
      return bsc_cell_set_text(c, (const char *)sqlite3_value_text(v), sqlite3_value_bytes(v));
  }
  return SQLITE_OK;
}

/* "kpi 'sales', period '2026-Q1'": a row's key, for messages. */
char *bsc_row_key_label(const BscEntity *e, const BscCell *aRow) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0;
  for (int i = 0; i < e->nCol; i++) {
    if (!(e->aCol[i].flags & BSC_KEY)) continue;
    if (aRow[i].type != SQLITE_TEXT) continue;
    sqlite3_str_appendf(s, "%s%s '%q'", n++ ? ", " : "", e->aCol[i].name, aRow[i].z);
  }
  return sqlite3_str_finish(s);
}

/* ------------------------------------------------------------- validation */

/* The length in bytes of the white space character that the n bytes at z
** start with, or 0: ASCII white space, and the Unicode spaces that text
** pasted from a spreadsheet or a word processor brings along (no-break
** spaces, the typographic spaces, zero-width spaces, the byte order mark).
** z holds UTF-8: no byte of a longer character is taken for a space. */
static size_t space_at(const unsigned char *z, size_t n) {
  if (n >= 1 && z[0] && strchr(" \t\n\v\f\r", z[0])) return 1; /* isspace() but any locale */
  if (n >= 2 && z[0] == 0xc2 && z[1] == 0xa0) return 2;                         /* U+00A0 */
  if (n < 3) return 0;
  if (z[0] == 0xe1 && z[1] == 0x9a && z[2] == 0x80) return 3;                   /* U+1680 */
  if (z[0] == 0xe2 && z[1] == 0x80 && (z[2] <= 0x8b || z[2] == 0xa8 || z[2] == 0xa9 || z[2] == 0xaf)) {
    return 3; /* U+2000..U+200B, U+2028, U+2029, U+202F */
  }
  if (z[0] == 0xe2 && z[1] == 0x81 && z[2] == 0x9f) return 3;                   /* U+205F */
  if (z[0] == 0xe3 && z[1] == 0x80 && z[2] == 0x80) return 3;                   /* U+3000 */
  if (z[0] == 0xef && z[1] == 0xbb && z[2] == 0xbf) return 3;                   /* U+FEFF */
  return 0;
}

/* The start of zIn without its leading white space; *pn gets the length of
** what is left without the trailing white space. */
static const char *trim_spaces(const char *zIn, size_t *pn) {
  const unsigned char *z = (const unsigned char *)zIn;
  size_t n = strlen(zIn), k;
  for (int more = 1; more && n;) {
    more = 0;
    for (k = 1; k <= 3 && k <= n; k++) {
      if (space_at(z + n - k, k) == k) {
        n -= k;
        more = 1;
        break;
      }
    }
  }
  while (n && (k = space_at(z, n)) != 0) z += k, n -= k;
  *pn = n;
  return (const char *)z;
}

/* Characters (not bytes) of a UTF-8 text. */
static int utf8_chars(const char *z) {
  int n = 0;
  for (const unsigned char *u = (const unsigned char *)z; *u; u++) n += (*u & 0xc0) != 0x80;
  return n;
}

/* The n of a declared VARCHAR(n) (bsc.h's BSC_T_*), or 0 for another type. */
int bsc_declared_chars(const char *zType) {
  return strncmp(zType, "VARCHAR(", 8) == 0 ? atoi(zType + 8) : 0;
}

/* Trims, and checks the rules every id obeys. Returns an error message or
** 0 (*pRc is SQLITE_NOMEM when memory ran out). */
static char *check_id(BscTable *p, const BscColumn *col, BscCell *c, int *pRc) {
  size_t n;
  const unsigned char *z = (const unsigned char *)trim_spaces(c->z, &n);
  if (n == 0) {
    return sqlite3_mprintf("bsc: %s.%s: '%q' is not an id; ids must not be empty", bsc_table_name(p),
                           col->name, c->z);
  }
  int nChar = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = z[i];
    if (ch < 0x20 || ch == 0x7f) {
      return sqlite3_mprintf("bsc: %s.%s: %z is not an id; ids may not hold control characters",
                             bsc_table_name(p), col->name, bsc_quote_text(c->z));
    }
    if ((ch & 0xc0) != 0x80) nChar++;
  }
  if (nChar > BSC_ID_MAX_CHARS) {
    return sqlite3_mprintf("bsc: %s.%s: %z is not an id; ids are at most %d characters",
                           bsc_table_name(p), col->name, bsc_quote_text(c->z), BSC_ID_MAX_CHARS);
  }
  if ((const char *)z != c->z || n != strlen(c->z)) {
    char *zTrim = sqlite3_mprintf("%.*s", (int)n, (const char *)z);
    if (!zTrim) {
      *pRc = SQLITE_NOMEM;
      return 0;
    }
    sqlite3_free(c->z);
    c->z = zTrim;
  }
  return 0;
}

static const char *period_help = "use 2026, 2026-H2, 2026-Q3, 2026-09, 2026-09-30 or 2026-W38";

/* Whether z, which parsed as p, is already written as bsc_period_format
** writes p ("2026-09", not "2026-9"): the common case, which then needs no
** formatting (every period written passes here). Any other form, or a
** kind this does not know, is formatted. */
static int period_as_stored(const char *z, size_t n, const BscPeriod *p) {
  static const char *const azShape[] = {
    [BSC_PERIOD_YEAR] = "", [BSC_PERIOD_HALF] = "-H9", [BSC_PERIOD_QUARTER] = "-Q9",
    [BSC_PERIOD_MONTH] = "-99", [BSC_PERIOD_WEEK] = "-W99", [BSC_PERIOD_DAY] = "-99-99",
  };
  if (p->ytd) {
    if (n < 4 || memcmp(z, "YTD:", 4) != 0) return 0;
    z += 4, n -= 4;
  }
  if (p->fy || (size_t)p->kind >= sizeof(azShape) / sizeof(azShape[0]) || !azShape[p->kind]) return 0;
  const char *zShape = azShape[p->kind];
  if (n != 4 + strlen(zShape)) return 0;
  for (size_t i = 0; i < n; i++) {
    char want = i < 4 ? '9' : zShape[i - 4];
    if (want == '9' ? (z[i] < '0' || z[i] > '9') : z[i] != want) return 0;
  }
  return 1;
}

/* A word of a vocabulary or a period, trimmed as ids are (a perspective
** pasted with a no-break space is still that perspective). */
static char *normalize_word(BscTable *p, const BscColumn *col, sqlite3_value *v, BscCell *c, int *pRc) {
  const char *zIn = (const char *)sqlite3_value_text(v);
  size_t n;
  const char *z = zIn ? trim_spaces(zIn, &n) : 0;
  char *zCopy = z && n != strlen(z) ? sqlite3_mprintf("%.*s", (int)n, z) : 0;
  char *zMsg = 0;
  char zPeriod[BSC_PERIOD_MAX];
  if (!z || (n != strlen(z) && !zCopy)) {
    *pRc = SQLITE_NOMEM;
    return 0;
  }
  if (zCopy) z = zCopy;
  if (col->kind == BSC_DATE) {
    if (bsc_period_normalize(z, zPeriod) == BSC_PERIOD_DAY) {
      *pRc = bsc_cell_set_text(c, zPeriod, -1);
    } else {
      zMsg = sqlite3_mprintf("bsc: %s.%s: %z is not a date; use YYYY-MM-DD, such as 2026-09-30",
                             bsc_table_name(p), col->name, bsc_quote_value(v));
    }
  } else if (col->kind == BSC_PERIOD) {
    BscPeriod per;
    /* FY2027-Q1 is a period of a map with a fiscal year (settings.c) */
    const BscSettings *pSet = bsc_store_settings(bsc_table_store(p), pRc);
    if (*pRc != SQLITE_OK) {
      sqlite3_free(zCopy);
      return 0;
    }
    if (bsc_period_parse_fy(z, &per, (col->flags & BSC_YTD) != 0, pSet->fyStart)) {
      if (period_as_stored(z, n, &per)) {
        *pRc = bsc_cell_set_text(c, z, (int)n);
      } else {
        bsc_period_format(&per, zPeriod);
        *pRc = bsc_cell_set_text(c, zPeriod, -1);
      }
    } else if (!pSet->fyStart && bsc_period_is_fiscal(z)) {
      zMsg = sqlite3_mprintf("bsc: %s.%s: %z is a fiscal period and the map has no fiscal year; set "
                             "fiscal_year_start in settings first (4 for a year from April)",
                             bsc_table_name(p), col->name, bsc_quote_value(v));
    } else {
      zMsg = sqlite3_mprintf("bsc: %s.%s: %z is not a period; %s%s", bsc_table_name(p), col->name,
                             bsc_quote_value(v), period_help,
                             (col->flags & BSC_YTD) ? " (or YTD:2026-09)" : "");
    }
  } else {
    const BscWord *w = bsc_vocab_find(col->vocab, z);
    if (w) {
      *pRc = bsc_cell_set_text(c, w->id, -1);
    } else {
      char *zList = bsc_vocab_list(col->vocab, 0);
      const char *zNoun = col->vocab->noun;
      zMsg = sqlite3_mprintf("bsc: %s.%s: %z is not %s %s; use %s", bsc_table_name(p), col->name,
                             bsc_quote_value(v), zNoun[0] && strchr("aeiou", zNoun[0]) ? "an" : "a",
                             zNoun, zList ? zList : "");
      sqlite3_free(zList);
    }
  }
  sqlite3_free(zCopy);
  /* neither a value nor a message: the message ran out of memory */
  if (*pRc == SQLITE_OK && !zMsg && c->type == SQLITE_NULL) *pRc = SQLITE_NOMEM;
  return zMsg;
}

/* Normalises input v of column col of table p into *c. Returns 0, or an error message
** (*pRc is SQLITE_NOMEM when memory ran out). */
char *bsc_normalize_value(BscTable *p, const BscColumn *col, sqlite3_value *v, BscCell *c, int *pRc) {
  int type = sqlite3_value_type(v);
  *pRc = SQLITE_OK;
  bsc_cell_clear(c);
  if (type == SQLITE_TEXT) {
    /* everything here reads texts up to their first NUL: refused, not cut */
    const char *z = (const char *)sqlite3_value_text(v);
    int n = sqlite3_value_bytes(v);
    if (z && (int)strlen(z) < n) {
      return sqlite3_mprintf("bsc: %s.%s: %z followed by a NUL character (byte %d of %d) is not "
                             "allowed; text may not hold NUL characters",
                             bsc_table_name(p), col->name, bsc_quote_text(z), (int)strlen(z) + 1, n);
    }
  }
  /* an empty or blank text (a CSV file's empty field) is NULL in an
  ** optional column that holds no free text, whatever the statement */
  if (type == SQLITE_TEXT && !(col->flags & BSC_NOTNULL) && col->kind != BSC_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    size_t n;
    if (!z) {
      *pRc = SQLITE_NOMEM;
      return 0;
    }
    trim_spaces(z, &n);
    if (n == 0) type = SQLITE_NULL;
  }
  if (type == SQLITE_NULL && col->dflt) {
    if (col->dflt[0] == '\'') {
      *pRc = bsc_cell_set_text(c, col->dflt + 1, (int)strlen(col->dflt) - 2);
    } else if (col->kind == BSC_COUNT) {
      c->type = SQLITE_INTEGER;
      c->i = (sqlite3_int64)atof(col->dflt);
    } else {
      c->type = SQLITE_FLOAT;
      c->r = atof(col->dflt);
    }
    return 0;
  }
  if (type == SQLITE_NULL) {
    if (!(col->flags & BSC_NOTNULL)) return 0;
    return sqlite3_mprintf("bsc: %s.%s: NULL is not allowed; %s.%s is required", bsc_table_name(p),
                           col->name, bsc_table_name(p), col->name);
  }
  if (type == SQLITE_BLOB) {
    return sqlite3_mprintf("bsc: %s.%s: %z is not allowed; give text or a number", bsc_table_name(p),
                           col->name, bsc_quote_value(v));
  }
  switch (col->kind) {
    case BSC_TEXT:
    case BSC_ID:
    case BSC_REF:
      if ((*pRc = bsc_cell_set_text(c, (const char *)sqlite3_value_text(v), sqlite3_value_bytes(v)))) return 0;
      if (col->kind != BSC_TEXT) return check_id(p, col, c, pRc);
      if ((col->flags & BSC_NOTNULL)) {
        size_t n;
        trim_spaces(c->z, &n);
        if (n == 0) {
          return sqlite3_mprintf("bsc: %s.%s: '%q' is empty; %s.%s is required", bsc_table_name(p),
                                 col->name, c->z, bsc_table_name(p), col->name);
        }
      }
      /* the declared size is what ODBC promises a client: refused, not cut */
      int nMax = bsc_declared_chars(col->type), nChar = nMax ? utf8_chars(c->z) : 0;
      if (nChar > nMax) {
        return sqlite3_mprintf("bsc: %s.%s: %z is %d characters long; %s.%s is at most %d characters",
                               bsc_table_name(p), col->name, bsc_quote_text(c->z), nChar, bsc_table_name(p), col->name,
                               nMax);
      }
      return 0;
    case BSC_WORD:
    case BSC_DATE:
    case BSC_PERIOD: return normalize_word(p, col, v, c, pRc);
    case BSC_REAL:
    case BSC_WEIGHT:
    case BSC_PERCENT:
    case BSC_COUNT: {
      const BscSettings *pSet = type == SQLITE_TEXT ? bsc_store_settings(bsc_table_store(p), pRc) : 0;
      if (*pRc != SQLITE_OK) return 0;
      double r;
      int numeric;
      if (pSet && pSet->numberNl) {
        /* the map reads 7,5 and 1.234,5 (settings.c); 7.5 would be a typo */
        if (!bsc_number_nl((const char *)sqlite3_value_text(v), &r)) {
          return sqlite3_mprintf("bsc: %s.%s: %z is not a number in the map's number format nl "
                                 "(7,5 or 1.234,5)", bsc_table_name(p), col->name, bsc_quote_value(v));
        }
        numeric = SQLITE_FLOAT;
      } else {
        numeric = sqlite3_value_numeric_type(v);
        r = sqlite3_value_double(v);
      }
      if (numeric != SQLITE_INTEGER && numeric != SQLITE_FLOAT) {
        return sqlite3_mprintf("bsc: %s.%s: %z is not a number", bsc_table_name(p), col->name,
                               bsc_quote_value(v));
      }
      if (!isfinite(r)) {
        return sqlite3_mprintf("bsc: %s.%s: %z is not a finite number", bsc_table_name(p), col->name,
                               bsc_quote_value(v));
      }
      if (col->kind == BSC_PERCENT && (r < 0 || r > 100)) {
        return sqlite3_mprintf("bsc: %s.%s: %z is not a percentage; %s must be from 0 to 100", bsc_table_name(p),
                               col->name, bsc_quote_value(v), col->name);
      }
      if (col->kind != BSC_REAL && r < 0) {
        return sqlite3_mprintf("bsc: %s.%s: %z is negative; %s must be >= 0", bsc_table_name(p),
                               col->name, bsc_quote_value(v), col->name);
      }
      if (col->kind == BSC_COUNT) {
        if (r != floor(r)) {
          return sqlite3_mprintf("bsc: %s.%s: %z is not a whole number", bsc_table_name(p), col->name,
                                 bsc_quote_value(v));
        }
        if (r > 1e15) { /* well inside what a 64-bit integer holds exactly */
          return sqlite3_mprintf("bsc: %s.%s: %z is too large; %s must be at most 1000000000000000",
                                 bsc_table_name(p), col->name, bsc_quote_value(v), col->name);
        }
        c->type = SQLITE_INTEGER;
        c->i = (sqlite3_int64)r;
      } else {
        c->type = SQLITE_FLOAT;
        c->r = r;
      }
      return 0;
    }
    case BSC_DERIVED: break;
  }
  return 0;
}

