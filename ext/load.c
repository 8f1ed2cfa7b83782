/*
** Bulk loads: the shell's `.import --csv file.csv measurements` made all or
** nothing, by the tables' transaction methods (table.c calls these).
**
** A bulk load is a statement INSERT INTO t VALUES(?, ?, ...), placeholders
** only, as the shell's .import prepares (and most CSV loaders). While one
** runs:
**   - a row the map refused inside an explicit transaction makes that
**     transaction fail at COMMIT (xSync), unless a ROLLBACK TO a savepoint
**     from before the row took it back. The shell's .import carries on
**     after a failed row and commits the rest; other statements keep
**     SQLite's rule (a failed statement undoes only itself);
**   - a row whose values are the column names is the CSV file's header
**     line, which .import loads as data into an existing table: skipped;
**   - an empty field ('' from .import) of an optional column is NULL;
**   - a refused row is named by its values in the message.
**
** Savepoint levels, as SQLite gives them to virtual tables: a user's
** savepoints get 0, 1, ...; a statement that may fail half-way gets its
** own, one deeper, which it rolls back to and releases when it fails. A
** single-row statement gets none, so a ROLLBACK TO the level just below the
** failure is the statement's own only when a RELEASE of that level follows
** at once.
*/
#include "load.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <string.h>

/* Skips spaces, then the word zWord (any case); NULL when it is not there. */
static const char *skip_word(const char *z, const char *zWord) {
  size_t n = strlen(zWord);
  while (isspace((unsigned char)*z)) z++;
  if (sqlite3_strnicmp(z, zWord, (int)n) != 0) return 0;
  return z + n;
}

/* Whether zSql is INSERT INTO <name> VALUES(?, ...)[, (?, ...)]... */
static int is_bulk_insert(const char *z) {
  if (!z || !(z = skip_word(z, "insert")) || !isspace((unsigned char)*z) || !(z = skip_word(z, "into"))) return 0;
  /* the table's name, perhaps schema-qualified, perhaps quoted */
  do {
    while (isspace((unsigned char)*z)) z++;
    char close = *z == '"' || *z == '`' ? *z : *z == '[' ? ']' : 0;
    if (close) {
      while (*++z && !(*z == close && z[1] != close)) z += *z == close;
      if (!*z++) return 0;
    } else {
      while (isalnum((unsigned char)*z) || *z == '_' || (unsigned char)*z >= 0x80) z++;
    }
    while (isspace((unsigned char)*z)) z++;
  } while (*z == '.' && z++);
  if (!(z = skip_word(z, "values"))) return 0;
  do {
    if (!(z = skip_word(z, "("))) return 0;
    do {
      if (!(z = skip_word(z, "?"))) return 0;
      while (isdigit((unsigned char)*z)) z++;
      while (isspace((unsigned char)*z)) z++;
    } while (*z == ',' && z++);
    if (!(z = skip_word(z, ")"))) return 0;
    while (isspace((unsigned char)*z)) z++;
  } while (*z == ',' && z++);
  while (isspace((unsigned char)*z) || *z == ';') z++;
  return *z == 0;
}

int bsc_load_running(sqlite3 *db) {
  for (sqlite3_stmt *pStmt = sqlite3_next_stmt(db, 0); pStmt; pStmt = sqlite3_next_stmt(db, pStmt)) {
    if (sqlite3_stmt_busy(pStmt) && is_bulk_insert(sqlite3_sql(pStmt))) return 1;
  }
  return 0;
}

int bsc_load_is_header(sqlite3 *db, const BscEntity *e, sqlite3_value **aVal) {
  for (int i = 0; i < e->nCol; i++) {
    sqlite3_value *v = aVal[i];
    if (sqlite3_value_type(v) == SQLITE_NULL && !(e->aCol[i].flags & BSC_KEY)) continue;
    if (sqlite3_value_type(v) != SQLITE_TEXT) return 0;
    if (sqlite3_stricmp((const char *)sqlite3_value_text(v), e->aCol[i].name) != 0) return 0;
  }
  return bsc_load_running(db);
}

int bsc_load_is_empty_field(sqlite3 *db, sqlite3_value *v) {
  if (sqlite3_value_type(v) != SQLITE_TEXT) return 0;
  const char *z = (const char *)sqlite3_value_text(v);
  while (z && isspace((unsigned char)*z)) z++;
  return z && !*z && bsc_load_running(db);
}

char *bsc_load_name_row(sqlite3 *db, const BscEntity *e, sqlite3_value **aVal, char *zMsg) {
  if (strstr(zMsg, " (row ") || !bsc_load_running(db)) return zMsg;
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendf(s, "%s (row", zMsg);
  for (int i = 0, n = 0; i < e->nCol; i++) {
    if (e->aCol[i].kind == BSC_DERIVED || sqlite3_value_type(aVal[i]) == SQLITE_NULL) continue;
    char *zVal = bsc_quote_value(aVal[i]);
    sqlite3_str_appendf(s, "%s %s %s", n++ ? "," : "", e->aCol[i].name, zVal ? zVal : "?");
    sqlite3_free(zVal);
  }
  sqlite3_str_appendall(s, ")");
  char *zNamed = sqlite3_str_finish(s);
  if (!zNamed) return zMsg;
  sqlite3_free(zMsg);
  return zNamed;
}

/* ------------------------------------------------- the transaction's fate */

static void forget_failure(BscConn *c) {
  sqlite3_free(c->zFailed);
  c->zFailed = 0;
  c->rollbackAmbiguous = 0;
}

void bsc_load_settle(BscConn *c) {
  /* anything after an unexplained ROLLBACK TO shows it was the user's */
  if (c->rollbackAmbiguous) forget_failure(c);
}

void bsc_load_failed(BscConn *c, sqlite3 *db, const char *zErr) {
  int onConflict = sqlite3_vtab_on_conflict(db);
  if (c->zFailed || sqlite3_get_autocommit(db)) return;
  if (onConflict == SQLITE_IGNORE || onConflict == SQLITE_ROLLBACK) return;
  if (!bsc_load_running(db)) return;
  c->zFailed = sqlite3_mprintf("%s", zErr ? zErr : sqlite3_errmsg(db));
  c->failedDepth = c->depth;
}

char *bsc_load_refusal(BscConn *c) {
  bsc_load_settle(c);
  if (!c->zFailed) return 0;
  return sqlite3_mprintf("bsc: COMMIT refused and the transaction rolled back: a write to the map "
                         "failed in it (%s)", c->zFailed);
}

void bsc_load_end(BscConn *c) {
  forget_failure(c);
  c->depth = 0;
}

void bsc_load_savepoint(BscConn *c, int iSavepoint) {
  bsc_load_settle(c);
  c->depth = iSavepoint + 1;
}

void bsc_load_release(BscConn *c, int iSavepoint) {
  /* released right after: the failed statement's own rollback */
  if (c->rollbackAmbiguous && iSavepoint == c->failedDepth - 1) c->rollbackAmbiguous = 0;
  else bsc_load_settle(c);
  c->depth = iSavepoint;
}

void bsc_load_rollback_to(BscConn *c, int iSavepoint) {
  bsc_load_settle(c);
  if (c->zFailed && iSavepoint < c->failedDepth - 1) forget_failure(c);
  else if (c->zFailed && iSavepoint == c->failedDepth - 1) c->rollbackAmbiguous = 1;
  c->depth = iSavepoint + 1;
}
