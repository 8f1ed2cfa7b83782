#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

sqlite3 *db_open(const char *zPath) {
  sqlite3 *db = 0;
  char *zErr = 0;
  ck_assert_int_eq(sqlite3_open(zPath, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  ck_assert_ptr_null(zErr);
  return db;
}

sqlite3 *db_open_readonly(const char *zPath) {
  sqlite3 *db = 0;
  char *zErr = 0;
  char zUri[512];
  snprintf(zUri, sizeof(zUri), "file:%s?mode=ro", zPath);
  ck_assert_int_eq(sqlite3_open_v2(zUri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  ck_assert_ptr_null(zErr);
  return db;
}

sqlite3 *db_with_map(void) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db,
          "CREATE VIRTUAL TABLE processes    USING bsc_processes;"
          "CREATE VIRTUAL TABLE objectives   USING bsc_objectives;"
          "CREATE VIRTUAL TABLE links        USING bsc_links;"
          "CREATE VIRTUAL TABLE kpis         USING bsc_kpis;"
          "CREATE VIRTUAL TABLE measurements USING bsc_measurements;");
  return db;
}

const char *temp_db_path(const char *zTag) {
  static char zPath[256];
  snprintf(zPath, sizeof(zPath), "/tmp/bsc-test-%ld-%s.db", (long)getpid(), zTag);
  db_remove_file(zPath);
  return zPath;
}

void db_remove_file(const char *zPath) {
  char z[300];
  remove(zPath);
  snprintf(z, sizeof(z), "%s-journal", zPath);
  remove(z);
  snprintf(z, sizeof(z), "%s-wal", zPath);
  remove(z);
  snprintf(z, sizeof(z), "%s-shm", zPath);
  remove(z);
}

void exec_ok_at(sqlite3 *db, const char *zSql, const char *file, int line) {
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql, 0, 0, &zErr);
  ck_assert_msg(rc == SQLITE_OK, "%s:%d: %s\n  failed: %s", file, line, zSql, zErr ? zErr : "?");
  sqlite3_free(zErr);
}

void exec_fails_at(sqlite3 *db, const char *zSql, const char *zMsg, const char *file, int line) {
  char *zErr = 0;
  int rc = sqlite3_exec(db, zSql, 0, 0, &zErr);
  ck_assert_msg(rc != SQLITE_OK, "%s:%d: %s\n  succeeded, expected: %s", file, line, zSql, zMsg);
  ck_assert_msg(zErr && strcmp(zErr, zMsg) == 0, "%s:%d: %s\n  said:     %s\n  expected: %s", file,
                line, zSql, zErr ? zErr : "(nothing)", zMsg);
  sqlite3_free(zErr);
}

const char *query_text_at(sqlite3 *db, const char *zQuery, const char *file, int line) {
  static char zOut[4096];
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zQuery, -1, &pStmt, 0);
  ck_assert_msg(rc == SQLITE_OK, "%s:%d: %s\n  prepare failed: %s", file, line, zQuery, sqlite3_errmsg(db));
  rc = sqlite3_step(pStmt);
  ck_assert_msg(rc == SQLITE_ROW || rc == SQLITE_DONE, "%s:%d: %s\n  failed: %s", file, line, zQuery,
                sqlite3_errmsg(db));
  if (rc == SQLITE_DONE) snprintf(zOut, sizeof(zOut), "(no row)");
  else if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) snprintf(zOut, sizeof(zOut), "NULL");
  else snprintf(zOut, sizeof(zOut), "%s", (const char *)sqlite3_column_text(pStmt, 0));
  sqlite3_finalize(pStmt);
  return zOut;
}

const char *query_rows_at(sqlite3 *db, const char *zQuery, const char *file, int line) {
  static char zOut[65536];
  sqlite3_stmt *pStmt = 0;
  size_t n = 0;
  int rc = sqlite3_prepare_v2(db, zQuery, -1, &pStmt, 0);
  ck_assert_msg(rc == SQLITE_OK, "%s:%d: %s\n  prepare failed: %s", file, line, zQuery, sqlite3_errmsg(db));
  zOut[0] = 0;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(pStmt); i++) {
      const char *z = (const char *)sqlite3_column_text(pStmt, i);
      n += (size_t)snprintf(zOut + n, sizeof(zOut) - n, "%s%s", i ? "|" : "", z ? z : "NULL");
      ck_assert_uint_lt(n, sizeof(zOut) - 2);
    }
    zOut[n++] = '\n';
    zOut[n] = 0;
  }
  ck_assert_msg(rc == SQLITE_DONE, "%s:%d: %s\n  failed: %s", file, line, zQuery, sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  return zOut;
}

long long query_int(sqlite3 *db, const char *zQuery) {
  return strtoll(query_text(db, zQuery), 0, 10);
}

void db_close(sqlite3 *db) {
  ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
  ck_assert_msg(sqlite3_memory_used() == 0, "%lld bytes still allocated after close",
                (long long)sqlite3_memory_used());
}

const char *sql_file(const char *zPath) {
  static char zSql[16384];
  FILE *f = fopen(zPath, "r");
  ck_assert_msg(f != 0, "cannot open %s", zPath);
  size_t n = fread(zSql, 1, sizeof(zSql) - 1, f);
  fclose(f);
  ck_assert_uint_lt(n, sizeof(zSql) - 1);
  zSql[n] = 0;
  return zSql;
}

int count_runs(unsigned type, void *pArg, void *pStmt, void *pX) {
  Runs *r = pArg;
  (void)pX;
  const char *zSql = type == SQLITE_TRACE_STMT ? sqlite3_sql(pStmt) : 0;
  if (zSql && strncmp(zSql, r->zPrefix, strlen(r->zPrefix)) == 0) r->n++;
  return 0;
}

unsigned next_random(unsigned *pState) {
  *pState = *pState * 1103515245u + 12345u;
  return (*pState >> 16) & 0x7fff;
}

char *transaction_step(sqlite3 *db, unsigned *pState, int step, int *pnSavepoint) {
  char *zSql = 0;
  if (step == 0) {
    if (sqlite3_get_autocommit(db)) {
      zSql = sqlite3_mprintf("BEGIN");
      *pnSavepoint = 0;
    } else {
      zSql = sqlite3_mprintf("SAVEPOINT s%d", (*pnSavepoint)++);
    }
  } else if (step == 1 && *pnSavepoint > 0) {
    int i = (int)(next_random(pState) % (unsigned)*pnSavepoint);
    if (next_random(pState) % 2) {
      zSql = sqlite3_mprintf("ROLLBACK TO s%d", i);
    } else {
      zSql = sqlite3_mprintf("RELEASE s%d", i);
      *pnSavepoint = i;
    }
  } else if (step == 2) {
    if (!sqlite3_get_autocommit(db)) zSql = sqlite3_mprintf(next_random(pState) % 2 ? "COMMIT" : "ROLLBACK");
    *pnSavepoint = 0;
  }
  return zSql;
}
