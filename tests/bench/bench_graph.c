/* Times the graph functions on a large generated map: `make bench`.
** Not a test (it asserts nothing about speed); it prints what each query
** took, so that a change that slows them down shows.
**
** The map: 400 processes and 3,600 objectives in four perspectives, each
** node linked to about three nodes of the perspective above, some within
** its own, and a few links down that close cycles. */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "bench: %s: %s\n", zWhat, sqlite3_errmsg(db));
  exit(1);
}

static void exec(sqlite3 *db, const char *zSql) {
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) die(db, zSql);
}

/* Runs zSql n times and prints the time per run and the rows (or error) it gave. */
static void timed(sqlite3 *db, const char *zLabel, const char *zSql, int n) {
  sqlite3_stmt *pStmt;
  long long nRow = 0;
  const char *zErr = 0;
  double t0 = now();
  for (int i = 0; i < n; i++) {
    if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) die(db, zSql);
    nRow = 0;
    int rc;
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) nRow++;
    if (rc != SQLITE_DONE) zErr = sqlite3_errmsg(db);
    sqlite3_finalize(pStmt);
  }
  double ms = (now() - t0) * 1000 / n;
  printf("  %-52s %10.3f ms  %s", zLabel, ms, zErr ? "error: " : "");
  if (zErr) printf("%.70s...\n", zErr);
  else printf("%lld rows\n", nRow);
}

int main(void) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_bsc_init(db, 0, 0) != SQLITE_OK) {
    die(db, "open");
  }
  double t0 = now();
  exec(db, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
           "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
           "CREATE VIRTUAL TABLE links USING bsc_links;"
           "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
           "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
           "BEGIN;"
           /* perspective rank r: 0 financial (400), 1 customer (800), 2 internal (1200), 3 learning (1200) */
           "CREATE TEMP TABLE n(i INTEGER PRIMARY KEY, id TEXT, r INTEGER, proc INTEGER);"
           "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 3999)"
           " INSERT INTO n SELECT i, printf('n%05d', i),"
           "  CASE WHEN i < 400 THEN 0 WHEN i < 1200 THEN 1 WHEN i < 2400 THEN 2 ELSE 3 END,"
           "  i >= 2000 AND i < 2400 FROM k;"
           "INSERT INTO processes(id, title, cluster) SELECT id, 'Process ' || i,"
           "  CASE i % 4 WHEN 0 THEN 'operations' WHEN 1 THEN 'customer_management'"
           "  WHEN 2 THEN 'innovation' ELSE 'regulatory_social' END FROM n WHERE proc;"
           "INSERT INTO objectives(id, title, perspective) SELECT id, 'Objective ' || i,"
           "  CASE r WHEN 0 THEN 'financial' WHEN 1 THEN 'customer' WHEN 2 THEN 'internal' ELSE 'learning' END"
           "  FROM n WHERE NOT proc;"
           /* three links up, one sideways, one in fifty down (the cycles) */
           "CREATE TEMP TABLE l(cause, effect, UNIQUE(cause, effect));"
           "INSERT OR IGNORE INTO l SELECT a.id, b.id FROM n a, (SELECT 0 AS j UNION SELECT 1 UNION SELECT 2) k,"
           "  n b WHERE a.r > 0 AND b.r = a.r - 1 AND NOT b.proc"
           "  AND b.i = (SELECT min(i) FROM n WHERE r = a.r - 1) + (a.i * 7 + k.j * 131) %"
           "  (SELECT count(*) FROM n WHERE r = a.r - 1 AND NOT proc);"
           "INSERT OR IGNORE INTO l SELECT a.id, b.id FROM n a, n b WHERE b.i = a.i + 1 AND b.r = a.r"
           "  AND NOT b.proc AND a.i % 3 = 0;"
           "INSERT OR IGNORE INTO l SELECT a.id, b.id FROM n a, n b WHERE a.i % 50 = 7 AND a.r < 2"
           "  AND b.i = 1200 + (a.i * 13) % 800;"
           "INSERT INTO links(cause, effect, weight) SELECT cause, effect, 0.5 + (rowid % 5) / 4.0 FROM l;"
           "INSERT INTO kpis(id, objective, title, target) SELECT 'k' || id, id, 'KPI', CASE WHEN i % 3 THEN 1 END"
           "  FROM n WHERE NOT proc AND i % 2 = 0;"
           "COMMIT;");
  printf("bench: generated the map through the bsc tables in %.0f ms\n", (now() - t0) * 1000);
  timed(db, "map size (nodes, links)",
        "SELECT (SELECT count(*) FROM processes), (SELECT count(*) FROM objectives),"
        " (SELECT count(*) FROM links)", 1);
  timed(db, "first call: reads the graph", "SELECT * FROM bsc_clusters", 1);
  timed(db, "bsc_clusters, graph cached", "SELECT * FROM bsc_clusters", 200);
  timed(db, "bsc_reach from one process", "SELECT * FROM bsc_reach('n02000')", 200);
  timed(db, "bsc_reach up from one financial objective", "SELECT * FROM bsc_reach('n00000', 'up')", 200);
  timed(db, "bsc_reach from each of 400 processes", "SELECT * FROM processes p, bsc_reach(p.id)", 3);
  timed(db, "bsc_chains from one process, 4 links", "SELECT * FROM bsc_chains('n02000', 4)", 20);
  timed(db, "bsc_chains from every process, 3 links", "SELECT * FROM bsc_chains(NULL, 3)", 3);
  timed(db, "bsc_chains from every process, 4 links", "SELECT * FROM bsc_chains(NULL, 4)", 3);
  timed(db, "bsc_chains from one process, 12 links", "SELECT * FROM bsc_chains('n02000')", 3);
  timed(db, "bsc_chains from each of 1200 learning objs, 6 links",
        "SELECT o.id, c.* FROM objectives o, bsc_chains(o.id, 6) c WHERE o.perspective = 'learning'", 1);
  timed(db, "bsc_check", "SELECT * FROM bsc_check", 3);
  timed(db, "bsc_dot", "SELECT bsc_dot()", 3);
  timed(db, "bsc_vital_few (every process's chains, 12 links)", "SELECT * FROM bsc_vital_few", 1);
  timed(db, "bsc_whatif from one process", "SELECT * FROM bsc_whatif('n02000', 1)", 1);
  timed(db, "bsc_link_evidence", "SELECT * FROM bsc_link_evidence", 1);
  /* a clique of ten: the 100,000 paths' limit */
  exec(db, "ATTACH ':memory:' AS dense;"
           "CREATE VIRTUAL TABLE dense.o USING bsc_objectives;"
           "CREATE VIRTUAL TABLE dense.l USING bsc_links;"
           "INSERT INTO dense.o(id, title, perspective) VALUES ('f', 'F', 'financial'), ('s', 'S', 'learning');"
           "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 10)"
           " INSERT INTO dense.o(id, title, perspective) SELECT 'k' || i, 'K', 'internal' FROM k;"
           "INSERT INTO dense.l(cause, effect) SELECT a.id, b.id FROM dense.o a, dense.o b"
           " WHERE a.perspective = 'internal' AND b.perspective = 'internal' AND a.id <> b.id;"
           "INSERT INTO dense.l(cause, effect) SELECT id, 'f' FROM dense.o WHERE perspective = 'internal';"
           "INSERT INTO dense.l(cause, effect) SELECT 's', id FROM dense.o WHERE perspective = 'internal';");
  timed(db, "bsc_chains up to the limit (36,100 paths)", "SELECT * FROM bsc_chains('s', 6, 'dense')", 3);
  timed(db, "bsc_chains past the limit", "SELECT * FROM bsc_chains('s', 12, 'dense')", 3);
  timed(db, "bsc_check on a clique (cycles bounded)", "SELECT * FROM bsc_check('dense')", 3);
  timed(db, "bsc_whatif on a clique (the step budget)", "SELECT * FROM bsc_whatif('s', 1, 'dense')", 1);
  exec(db, "UPDATE links SET weight = 2 WHERE rowid = 1");
  timed(db, "after a write: reads the graph again", "SELECT * FROM bsc_clusters", 1);
  sqlite3_close(db);
  return 0;
}
