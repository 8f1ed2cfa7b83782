/*
** Writers at once, and writers killed: kept in make test (tests/run.sh
** stress), and run under helgrind by `make valgrind`.
**
**   stress concurrent   two processes of eight threads each, every thread on
**                       a connection of its own, write measurements into one
**                       WAL map at once, and now and then an objective and a
**                       link from the thread's process to it; each thread
**                       reads back its KPI's latest actual after each write
**                       (through the table and the scorecard) and what its
**                       process reaches (the graph) after each link.
**                       Afterwards every write is there once, none is lost,
**                       none duplicated, no answer was stale, and the map
**                       is whole.
**   stress killed       a writer is killed with SIGKILL in the middle of a
**                       transaction, in rollback-journal and in WAL mode:
**                       the map afterwards holds what was committed and
**                       nothing of the killed transaction, and is whole.
**   stress              both.
** Prints one line per check and "N passed, N failed"; exits 1 on a failure.
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

#define N_PROC 2
#define N_THREAD 8 /* per process */
#define N_WRITE 30 /* per thread */
#define LINK_EVERY 5 /* a link with every fifth write */

static int nPass, nFail;
static void check(int ok, const char *zWhat) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", zWhat);
  if (ok) nPass++;
  else nFail++;
}

static sqlite3 *open_map(const char *zPath) {
  sqlite3 *db = 0;
  if (sqlite3_open(zPath, &db) != SQLITE_OK || sqlite3_bsc_init(db, 0, 0) != SQLITE_OK) {
    fprintf(stderr, "stress: cannot open %s with bsc: %s\n", zPath, sqlite3_errmsg(db));
    exit(2);
  }
  sqlite3_busy_timeout(db, 60000);
  return db;
}

static long long query_int(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  long long v = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    v = sqlite3_column_int64(pStmt, 0);
  }
  sqlite3_finalize(pStmt);
  return v;
}

static int map_is_whole(sqlite3 *db) {
  sqlite3_stmt *pStmt = 0;
  int ok = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &pStmt, 0) == SQLITE_OK &&
           sqlite3_step(pStmt) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(pStmt, 0), "ok") == 0;
  sqlite3_finalize(pStmt);
  return ok && query_int(db, "SELECT count(*) FROM bsc_integrity") == 0;
}

static void make_map(const char *zPath, const char *zJournal, int nKpi) {
  char zSql[300];
  unlink(zPath);
  sqlite3 *db = open_map(zPath);
  snprintf(zSql, sizeof(zSql), "PRAGMA journal_mode=%s", zJournal);
  sqlite3_exec(db, zSql, 0, 0, 0);
  sqlite3_exec(db,
               "CREATE VIRTUAL TABLE processes USING bsc_processes;"
               "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
               "CREATE VIRTUAL TABLE links USING bsc_links;"
               "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
               "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
               "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'customer');",
               0, 0, 0);
  for (int k = 0; k < nKpi; k++) {
    snprintf(zSql, sizeof(zSql),
             "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k%d', 'o', 'K', 100, 50);"
             "INSERT INTO processes(id, title, cluster) VALUES ('p%d', 'P', 'operations')",
             k, k);
    if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) {
      fprintf(stderr, "stress: %s\n", sqlite3_errmsg(db));
      exit(2);
    }
  }
  sqlite3_close(db);
}

/* ------------------------------------------------------------ concurrent */

typedef struct Writer {
  const char *zPath;
  int iKpi;
  int nStale, nFailed;
} Writer;

/* Writes N_WRITE measurements of its own KPI, day after day, each in a
** transaction of its own (with every LINK_EVERY-th an objective of its
** own and a link to it from its process), and reads the KPI's latest
** actual and what its process reaches back at once. */
static void *writer(void *pArg) {
  Writer *w = pArg;
  sqlite3 *db = open_map(w->zPath);
  int nLink = 0;
  for (int i = 0; i < N_WRITE; i++) {
    char zSql[400], zLink[200] = "";
    int rc, link = i % LINK_EVERY == 0;
    if (link) {
      snprintf(zLink, sizeof(zLink),
               "INSERT INTO objectives(id, title, perspective) VALUES ('o%d_%d', 'O', 'customer');"
               "INSERT INTO links(cause, effect) VALUES ('p%d', 'o%d_%d');",
               w->iKpi, i, w->iKpi, w->iKpi, i);
    }
    snprintf(zSql, sizeof(zSql),
             "BEGIN IMMEDIATE; %sINSERT INTO measurements(kpi, period, actual) VALUES ('k%d', '2026-%02d-%02d', %d);"
             " COMMIT",
             zLink, w->iKpi, 1 + i / 28, 1 + i % 28, 1000 * w->iKpi + i);
    while ((rc = sqlite3_exec(db, zSql, 0, 0, 0)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
    }
    if (rc != SQLITE_OK) {
      w->nFailed++;
      sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
      continue;
    }
    snprintf(zSql, sizeof(zSql), "SELECT actual FROM kpis WHERE id = 'k%d'", w->iKpi);
    if (query_int(db, zSql) != 1000 * w->iKpi + i) w->nStale++;
    snprintf(zSql, sizeof(zSql), "SELECT actual FROM bsc_scorecard WHERE kpi = 'k%d'", w->iKpi);
    if (query_int(db, zSql) != 1000 * w->iKpi + i) w->nStale++;
    /* the graph, cached per connection, is the map as it is now */
    nLink += link;
    snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM bsc_reach('p%d')", w->iKpi);
    if (query_int(db, zSql) != nLink) w->nStale++;
  }
  sqlite3_close(db);
  return 0;
}

/* One process's threads; returns how many writes failed or read stale. */
static int run_writers(const char *zPath, int iProc) {
  pthread_t aThread[N_THREAD];
  Writer aW[N_THREAD];
  int nBad = 0;
  for (int t = 0; t < N_THREAD; t++) {
    aW[t] = (Writer){zPath, iProc * N_THREAD + t, 0, 0};
    pthread_create(&aThread[t], 0, writer, &aW[t]);
  }
  for (int t = 0; t < N_THREAD; t++) {
    pthread_join(aThread[t], 0);
    nBad += aW[t].nStale + aW[t].nFailed;
  }
  return nBad;
}

static void concurrent(void) {
  const char *zPath = "tests/build/stress-concurrent.db";
  make_map(zPath, "wal", N_PROC * N_THREAD);
  pid_t child = fork();
  if (child == 0) _exit(run_writers(zPath, 1) == 0 ? 0 : 1);
  int nBad = run_writers(zPath, 0);
  int status = 0;
  waitpid(child, &status, 0);
  check(nBad == 0, "concurrent: every write of this process landed, and was read back at once");
  check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "concurrent: every write of the other process too");
  sqlite3 *db = open_map(zPath);
  check(query_int(db, "SELECT count(*) FROM measurements") == N_PROC * N_THREAD * N_WRITE,
        "concurrent: no write lost");
  check(query_int(db, "SELECT count(*) FROM (SELECT DISTINCT kpi, period FROM measurements)") ==
            N_PROC * N_THREAD * N_WRITE,
        "concurrent: no write duplicated");
  check(query_int(db, "SELECT count(*) FROM kpis WHERE actual = 1000 * CAST(substr(id, 2) AS INTEGER) + 29") ==
            N_PROC * N_THREAD,
        "concurrent: every KPI shows its last write to a new connection");
  int nLinks = N_PROC * N_THREAD * ((N_WRITE + LINK_EVERY - 1) / LINK_EVERY);
  check(query_int(db, "SELECT count(*) FROM links") == nLinks &&
            query_int(db, "SELECT count(*) FROM objectives") == 1 + nLinks &&
            query_int(db, "SELECT count(*) FROM bsc_reach('p0')") == nLinks / (N_PROC * N_THREAD),
        "concurrent: every objective and link is there once, and in the graph");
  check(map_is_whole(db), "concurrent: integrity_check and bsc_integrity are clean");
  sqlite3_close(db);
}

/* ---------------------------------------------------------------- killed */

static void killed(const char *zJournal, int nBeforeKill) {
  char zPath[100], zWhat[160];
  snprintf(zPath, sizeof(zPath), "tests/build/stress-killed-%s.db", zJournal);
  make_map(zPath, zJournal, 1);
  sqlite3 *db = open_map(zPath);
  sqlite3_exec(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k0', '2025', 1), ('k0', '2024', 2)", 0, 0, 0);
  sqlite3_close(db);
  int aPipe[2];
  if (pipe(aPipe) != 0) exit(2);
  pid_t child = fork();
  if (child == 0) {
    sqlite3 *dbc = open_map(zPath);
    sqlite3_exec(dbc, "BEGIN", 0, 0, 0);
    for (int i = 0;; i++) {
      char zSql[160];
      snprintf(zSql, sizeof(zSql), "INSERT INTO measurements(kpi, period, actual) VALUES ('k0', '2026-%02d-%02d', %d)",
               1 + i / 28 % 12, 1 + i % 28, i);
      sqlite3_exec(dbc, zSql, 0, 0, 0);
      if (i + 1 == nBeforeKill && write(aPipe[1], "x", 1) != 1) _exit(3);
      if (i > nBeforeKill) { /* waits to be killed, mid-transaction */
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, 0);
      }
    }
  }
  char c;
  if (read(aPipe[0], &c, 1) != 1) exit(2);
  kill(child, SIGKILL);
  waitpid(child, 0, 0);
  close(aPipe[0]);
  close(aPipe[1]);
  db = open_map(zPath);
  snprintf(zWhat, sizeof(zWhat), "killed (%s, after %d writes): the committed rows stay, the killed transaction's are gone",
           zJournal, nBeforeKill);
  check(query_int(db, "SELECT count(*) FROM measurements") == 2 && query_int(db, "SELECT actual FROM kpis") == 1, zWhat);
  snprintf(zWhat, sizeof(zWhat), "killed (%s, after %d writes): the map is whole and takes writes", zJournal,
           nBeforeKill);
  check(map_is_whole(db) &&
            sqlite3_exec(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k0', '2026', 3)", 0, 0, 0) ==
                SQLITE_OK,
        zWhat);
  sqlite3_close(db);
}

int main(int argc, char **argv) {
  const char *zMode = argc > 1 ? argv[1] : "all";
  if (strcmp(zMode, "concurrent") == 0 || strcmp(zMode, "all") == 0) concurrent();
  if (strcmp(zMode, "killed") == 0 || strcmp(zMode, "all") == 0) {
    static const char *azJournal[] = {"delete", "wal"};
    static const int aAt[] = {1, 7, 40};
    for (int j = 0; j < 2; j++) {
      for (int k = 0; k < 3; k++) killed(azJournal[j], aAt[k]);
    }
  }
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail != 0;
}
