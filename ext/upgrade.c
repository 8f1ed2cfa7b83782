/*
** Storage formats, and bringing a map made by an older bsc up to date.
**
**   SELECT bsc_upgrade();          -- the map of schema main
**   SELECT bsc_upgrade('schema');  -- the map of an attached database
**
** returns how many of the map's tables it upgraded (0 when all are
** current). Each map table T records its storage format in T_config
** (k = 'format'); BSC_FORMAT is the one this bsc writes.
**
** Why an explicit step: an upgrade may need DDL (format 2 adds
** objectives_data.rollup), and DDL is safe at no point SQLite gives a
** virtual table by itself. xConnect runs while SQLite prepares the user's
** statement, and a schema change there frees what the parser still holds;
** xBegin runs inside the user's write, whose statement rollback would undo
** the DDL on disk but not in SQLite's parsed schema. So a table connects
** without writing anything: older storage is read as it is (the columns
** it lacks read as their defaults), a write to a table that lacks a column
** is refused with advice to run bsc_upgrade(), and bsc_upgrade() runs the
** DDL as a statement of its own: a SELECT, which has no statement
** rollback, with no other statement of the connection running.
*/
#include "upgrade.h"
#include "store.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

int bsc_format_read(sqlite3 *db, const char *zSchema, const char *zTable, int *pFormat, char **pzErr) {
  sqlite3_stmt *pStmt = 0;
  *pFormat = 0;
  char *zSql = sqlite3_mprintf("SELECT v FROM \"%w\".\"%w_config\" WHERE k='format'", zSchema, zTable);
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    if (rc != SQLITE_NOMEM) {
      *pzErr = sqlite3_mprintf("bsc: %s: its storage %s_config cannot be read (%s)", zTable, zTable,
                               sqlite3_errmsg(db));
    }
    sqlite3_finalize(pStmt);
    return rc;
  }
  int found = sqlite3_step(pStmt) == SQLITE_ROW;
  /* a format is a whole number, stored as one: 'abc' or 2.5 is damage, not format 0 */
  int isInt = found && sqlite3_column_type(pStmt, 0) == SQLITE_INTEGER;
  sqlite3_int64 v = isInt ? sqlite3_column_int64(pStmt, 0) : 0;
  char *zBad = found && !isInt ? bsc_quote_value(sqlite3_column_value(pStmt, 0)) : 0;
  rc = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK && found && !isInt && !zBad) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    sqlite3_free(zBad);
    return rc;
  }
  if (!found) {
    *pzErr = sqlite3_mprintf("bsc: %s: its storage %s_config records no format (the row k = 'format' is "
                             "missing): the table is damaged; SELECT * FROM bsc_integrity('%q') lists "
                             "what is wrong",
                             zTable, zTable, zSchema);
  } else if (!isInt) {
    *pzErr = sqlite3_mprintf("bsc: %s: its storage %s_config records format %s, which is no storage format "
                             "(a whole number): the table is damaged; SELECT * FROM bsc_integrity('%q') "
                             "lists what is wrong",
                             zTable, zTable, zBad, zSchema);
  } else if (v < 1 || v > BSC_FORMAT) {
    *pzErr = sqlite3_mprintf("bsc: %s: storage format %lld is not one this bsc (format %d) reads; "
                             "use a newer bsc", zTable, v, BSC_FORMAT);
  } else {
    *pFormat = (int)v;
    return SQLITE_OK;
  }
  sqlite3_free(zBad);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* The DDL and DML that bring table zTable of entity e from format to
** BSC_FORMAT, appended to s. */
static void upgrade_steps(sqlite3_str *s, const BscEntity *e, const char *zSchema, const char *zTable,
                          int format) {
  if (format < 2 && e->id == BSC_OBJECTIVES) {
    sqlite3_str_appendf(s,
                        "ALTER TABLE \"%w\".\"%w_data\" ADD COLUMN \"rollup\" TEXT;"
                        "UPDATE \"%w\".\"%w_data\" SET \"rollup\"='weighted';",
                        zSchema, zTable, zSchema, zTable);
  }
  if (format < 3 && (e->id == BSC_PROCESSES || e->id == BSC_OBJECTIVES || e->id == BSC_INITIATIVES)) {
    /* NULL: every row stays in the top unit, as the map read before */
    sqlite3_str_appendf(s, "ALTER TABLE \"%w\".\"%w_data\" ADD COLUMN \"unit\" TEXT;", zSchema, zTable);
  }
  sqlite3_str_appendf(s, "UPDATE \"%w\".\"%w_config\" SET v=%d WHERE k='format';", zSchema, zTable,
                      BSC_FORMAT);
}

/* Whether the calling statement is the only one running, and reads only:
** then a schema change cannot pull anything from under a statement, and
** no statement rollback can undo the DDL behind SQLite's back. */
static int runs_alone(sqlite3 *db) {
  int nBusy = 0;
  for (sqlite3_stmt *pStmt = sqlite3_next_stmt(db, 0); pStmt; pStmt = sqlite3_next_stmt(db, pStmt)) {
    if (!sqlite3_stmt_busy(pStmt)) continue;
    if (!sqlite3_stmt_readonly(pStmt) || ++nBusy > 1) return 0;
  }
  return 1;
}

static void fn_upgrade(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zSchema = "main";
  char *zErr = 0;
  int rc = SQLITE_OK, nDone = 0;
  if (argc > 0 && sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    zSchema = (const char *)sqlite3_value_text(argv[0]);
    if (!zSchema) {
      sqlite3_result_error_nomem(ctx);
      return;
    }
  }
  if (sqlite3_db_filename(db, zSchema) == 0 && sqlite3_stricmp(zSchema, "temp") != 0) {
    zErr = sqlite3_mprintf("bsc: bsc_upgrade: no schema '%q'; name main, temp or an attached database", zSchema);
    rc = SQLITE_ERROR;
  } else if (!runs_alone(db)) {
    zErr = sqlite3_mprintf("bsc: bsc_upgrade: run it as a statement of its own, SELECT bsc_upgrade('%q'), "
                           "while no other statement of the connection runs",
                           zSchema);
    rc = SQLITE_ERROR;
  }
  /* the map's tables, and the steps that bring each up to date */
  sqlite3_str *s = sqlite3_str_new(db);
  sqlite3_str_appendall(s, "SAVEPOINT bsc_upgrade;");
  int nTable = 0;
  for (int i = 0; rc == SQLITE_OK && i < BSC_N_ENTITY; i++) {
    char *zTable = 0;
    int format = 0;
    rc = bsc_find_table(db, zSchema, bscEntities[i].module, 0, &zTable);
    if (rc == SQLITE_OK && zTable) {
      nTable++;
      rc = bsc_format_read(db, zSchema, zTable, &format, &zErr);
    }
    if (rc == SQLITE_OK && zTable && format < BSC_FORMAT) {
      upgrade_steps(s, &bscEntities[i], zSchema, zTable, format);
      nDone++;
    }
    sqlite3_free(zTable);
  }
  sqlite3_str_appendall(s, "RELEASE bsc_upgrade;");
  char *zSql = sqlite3_str_finish(s);
  if (rc == SQLITE_OK && !zSql) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && nTable == 0) {
    zErr = sqlite3_mprintf("bsc: bsc_upgrade: schema '%q' has no map table; there is nothing to upgrade",
                           zSchema);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK && nDone > 0 && sqlite3_db_readonly(db, zSchema) == 1) {
    zErr = sqlite3_mprintf("bsc: bsc_upgrade: schema '%q' is read-only; bsc reads its older storage as it "
                           "is, and an upgrade needs write access",
                           zSchema);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK && nDone > 0) {
    rc = sqlite3_exec(db, zSql, 0, 0, 0);
    if (rc != SQLITE_OK) {
      if (rc != SQLITE_NOMEM) {
        zErr = sqlite3_mprintf("bsc: bsc_upgrade: the upgrade to storage format %d failed and changed "
                               "nothing: %s",
                               BSC_FORMAT, sqlite3_errmsg(db));
      }
      sqlite3_exec(db, "ROLLBACK TO bsc_upgrade; RELEASE bsc_upgrade;", 0, 0, 0);
    }
  }
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) {
    sqlite3_result_int(ctx, nDone);
  } else if (rc == SQLITE_NOMEM || !zErr) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_error(ctx, zErr, -1);
    sqlite3_result_error_code(ctx, rc);
  }
  sqlite3_free(zErr);
}

int bsc_register_upgrade(sqlite3 *db) {
  /* it changes the database: not from views, triggers or untrusted schemas */
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function_v2(db, "bsc_upgrade", 0, flags, 0, fn_upgrade, 0, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "bsc_upgrade", 1, flags, 0, fn_upgrade, 0, 0, 0);
  return rc;
}
