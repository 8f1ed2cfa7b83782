/*
** A transaction that the map refused a write in does not commit: the
** tables' transaction methods (table.c) call these, so that a bulk load
** (the shell's `.import --csv file.csv measurements`, Python's
** executemany, or any run of writes inside BEGIN ... COMMIT) lands whole or
** not at all.
**
** The rule is the same for every write, however the statement is phrased
** (bsc does not guess what kind of statement it serves): when the map
** refuses a row inside an explicit transaction, the transaction's COMMIT
** fails (xSync) and rolls everything back, unless a ROLLBACK TO a
** savepoint from before the row took it back. The shell's .import carries
** on after a failed row and commits the rest; that commit fails.
** INSERT OR IGNORE (the row is skipped, as asked) and OR ROLLBACK (the
** transaction is gone already) keep their meaning; outside a transaction
** each statement is its own, as in SQLite.
**
** Savepoint levels, as SQLite gives them to virtual tables: a user's
** savepoints get 0, 1, ...; a statement that may fail half-way gets its
** own, one deeper, which it rolls back to and releases when it fails. A
** single-row statement gets none, so a ROLLBACK TO the level just below the
** failure is the statement's own only when a RELEASE of that level follows
** at once.
*/
#include "load.h"
SQLITE_EXTENSION_INIT3

/* ------------------------------------------------- the transaction's fate */

static void forget_failure(BscConn *c) {
  sqlite3_free(c->zFailed);
  c->zFailed = 0;
}

void bsc_load_failed(BscConn *c, sqlite3 *db, const char *zErr) {
  int onConflict = sqlite3_vtab_on_conflict(db);
  if (c->zFailed || sqlite3_get_autocommit(db)) return;
  if (onConflict == SQLITE_IGNORE || onConflict == SQLITE_ROLLBACK) return;
  c->zFailed = sqlite3_mprintf("%s", zErr ? zErr : sqlite3_errmsg(db));
  c->failedDepth = c->depth;
}

char *bsc_load_refusal(BscConn *c) {
  if (!c->zFailed) return 0;
  return sqlite3_mprintf("bsc: COMMIT refused and the transaction rolled back: a write to the map "
                         "failed in it (%s)", c->zFailed);
}

void bsc_load_end(BscConn *c) {
  forget_failure(c);
  c->depth = 0;
}

void bsc_load_savepoint(BscConn *c, int iSavepoint) { c->depth = iSavepoint + 1; }

void bsc_load_release(BscConn *c, int iSavepoint) {
  /* the failure now belongs to the enclosing savepoint */
  if (c->failedDepth > iSavepoint) c->failedDepth = iSavepoint;
  c->depth = iSavepoint;
}

/* Whether a statement that writes is running: during a ROLLBACK TO, only
** the failed statement undoing its own savepoint (SQLite refuses a user's
** ROLLBACK TO while a write is in progress, and transaction statements are
** read-only to sqlite3_stmt_readonly). */
static int writer_running(sqlite3 *db) {
  for (sqlite3_stmt *pStmt = sqlite3_next_stmt(db, 0); pStmt; pStmt = sqlite3_next_stmt(db, pStmt)) {
    if (sqlite3_stmt_busy(pStmt) && !sqlite3_stmt_readonly(pStmt)) return 1;
  }
  return 0;
}

void bsc_load_rollback_to(BscConn *c, sqlite3 *db, int iSavepoint) {
  if (c->zFailed && writer_running(db)) {
    /* a statement undid itself: the transaction stays refused, and the
    ** failure belongs to the level the statement started at */
    if (c->failedDepth > iSavepoint) c->failedDepth = iSavepoint;
  } else if (c->zFailed && iSavepoint < c->failedDepth) {
    /* the user's ROLLBACK TO a savepoint from before the failure */
    forget_failure(c);
  }
  c->depth = iSavepoint + 1;
}
