/*
** libFuzzer target: arbitrary SQL against a small strategy map, so the
** tables' validation, the graph functions and the scorecard meet inputs
** nobody wrote by hand. Any crash, leak or sanitizer report is a bug.
**
** The seed map must load: when it does not, the target aborts (saying why)
** instead of skipping every input, so that a map the rules refuse can never
** again turn the fuzzer and the corpus replay into tests of nothing.
**
**   make fuzz                 run libFuzzer (clang) for FUZZ_SECONDS
**   tests/run.sh fuzz-corpus  replay tests/fuzz/corpus (part of make test)
*/
#include <ctype.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char zSeedMap[] =
    "CREATE VIRTUAL TABLE processes USING bsc_processes;"
    "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
    "CREATE VIRTUAL TABLE links USING bsc_links;"
    "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
    "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
    "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('f', 'F', 'financial', NULL),"
    " ('c', 'C', 'customer', NULL), ('i', 'I', 'internal', 'innovation'), ('l', 'L', 'learning', NULL);"
    "INSERT INTO links(cause, effect, weight, sign) VALUES ('p', 'i', 1, 'positive'), ('i', 'c', 0.5, 'positive'),"
    " ('c', 'f', 1, 'negative'), ('l', 'i', 1, 'positive'), ('f', 'c', 1, 'positive');"
    "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k', 'c', 'K', 10, 5);"
    "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('m', 'f', 'M', 'lower', 1, 3);"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 7), ('k', '2026-Q1', 11),"
    " ('m', '2026', 2);";

/* Keeps the input inside the database: no files, no other databases. */
static int deny_files(void *p, int op, const char *a, const char *b, const char *c, const char *d) {
  (void)p, (void)a, (void)b, (void)c, (void)d;
  return (op == SQLITE_ATTACH || op == SQLITE_DETACH) ? SQLITE_DENY : SQLITE_OK;
}

/* Bounds the work of one input (recursive CTEs can run forever). */
static int stop_late(void *pCount) {
  return ++*(int *)pCount > 20000;
}

/* Opens the seed map; aborts when it cannot be made (out of memory aside). */
static int setup(sqlite3 **pDb) {
  char *zErr = 0;
  int rc = sqlite3_open(":memory:", pDb);
  if (rc == SQLITE_OK) rc = sqlite3_bsc_init(*pDb, &zErr, 0);
  if (rc == SQLITE_OK) rc = sqlite3_exec(*pDb, zSeedMap, 0, 0, &zErr);
  if (rc == SQLITE_NOMEM) {
    sqlite3_free(zErr);
    return 0;
  }
  if (rc != SQLITE_OK) {
    fprintf(stderr, "fuzz_map: the seed map does not load (%d): %s\n", rc,
            zErr ? zErr : sqlite3_errmsg(*pDb));
    abort();
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sqlite3 *db = 0;
  int nStep = 0;
  if (size > 4000) return 0;
  char *zSql = malloc(size + 1);
  if (!zSql) return 0;
  memcpy(zSql, data, size);
  zSql[size] = 0;
  /* VACUUM INTO would write a file */
  for (char *z = zSql; *z; z++) *z = *z == 0 ? ' ' : *z;
  for (const char *z = zSql; *z; z++) {
    int n = 0;
    while (n < 6 && z[n] && tolower((unsigned char)z[n]) == "vacuum"[n]) n++;
    if (n == 6) {
      free(zSql);
      return 0;
    }
  }
  if (setup(&db)) {
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
    sqlite3_set_authorizer(db, deny_files, 0);
    sqlite3_progress_handler(db, 100, stop_late, &nStep);
    sqlite3_exec(db, zSql, 0, 0, 0);
    /* whatever the input did, the map must still answer */
    nStep = 0;
    sqlite3_exec(db, "SELECT * FROM bsc_check; SELECT * FROM bsc_scorecard; SELECT bsc_dot();", 0, 0, 0);
  }
  if (sqlite3_close(db) != SQLITE_OK) abort(); /* a statement left open by bsc */
  free(zSql);
  return 0;
}
