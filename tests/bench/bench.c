/* `make bench`: each operation of bsc against its plain-SQL twin, in one
** process, on maps generated deterministically from a seed.
**
**   tests/build/bench [small|medium|large]...   (default: all three)
**
** Sizes (objectives, links, KPIs, months of measurements):
**   small   25, ~60, 50, 36         medium  2,500, ~6k, 5k, 36
**   large   100,000, ~300k, 200k, 34 (6.8M measurements; generated once and
**           kept in tests/build/bench-large.db, as it takes minutes)
** Maps are layered by perspective, links mostly upward, a few down (cycles).
** Processes are a tenth of the objectives.
**
** Plain SQL is what an analyst writes on ordinary indexed tables holding
** the same rows: a UNION recursive CTE for reach, a revisit-stopping path
** CTE for chains, CASE expressions for the scores, an indexed table with
** foreign keys on for inserts. The floor is a counting CTE handing out as
** many rows as bsc returns. Every answer is checked equal to its twin's;
** a difference is an error (exit 1). Times are CPU medians; nothing here
** is a test of speed: `make test` runs the small size only, to keep this
** code working.
**
** Prints one table and writes it to tests/bench/results.md (or the file
** BENCH_RESULTS names; none when it is empty), with the machine and the
** SQLite version. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "bench: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "");
  exit(1);
}

static void exec(sqlite3 *db, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench: %s\n  %.300s\n", zErr ? zErr : "?", zSql);
    exit(1);
  }
}

/* Runs zSql; its rows, joined with '|' and '\n', in a static buffer. */
static const char *answer(sqlite3 *db, const char *zSql) {
  static char z[2][4096];
  static int i;
  sqlite3_stmt *pStmt;
  char *o = z[i ^= 1];
  size_t n = 0;
  o[0] = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) die(db, zSql);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(pStmt); c++) {
      const char *v = (const char *)sqlite3_column_text(pStmt, c);
      n += (size_t)snprintf(o + n, n < 4000 ? 4000 - n : 0, "%s%s", c ? "|" : "", v ? v : "NULL");
    }
    n += (size_t)snprintf(o + n, n < 4000 ? 4000 - n : 0, "\n");
  }
  if (n > 0 && n < 4000 && o[n - 1] == '\n') o[n - 1] = 0; /* one row reads as a line */
  if (sqlite3_finalize(pStmt) != SQLITE_OK) die(db, zSql);
  return o;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The median CPU time of running zSql (to its last row) nMin times, or
** more (up to nMax, at most 64) while the runs take less than a second in
** all, in ms: a fast operation on the large map is not judged by three
** runs; *pPeak gets SQLite's peak memory during the runs. */
static double timed_runs(sqlite3 *db, const char *zSql, int nMin, int nMax, sqlite3_int64 *pPeak) {
  double a[64], total = 0;
  int n = 0;
  sqlite3_memory_highwater(1);
  sqlite3_int64 base = sqlite3_memory_used();
  for (int i = 0; i < 64 && i < nMax && (i < nMin || total < 1000); i++, n++) {
    sqlite3_stmt *pStmt;
    double t0 = cpu_now();
    if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) != SQLITE_OK) die(db, zSql);
    while (sqlite3_step(pStmt) == SQLITE_ROW) {
    }
    if (sqlite3_finalize(pStmt) != SQLITE_OK) die(db, zSql);
    a[i] = (cpu_now() - t0) * 1000;
    total += a[i];
  }
  if (pPeak) *pPeak = sqlite3_memory_highwater(0) - base;
  qsort(a, (size_t)n, sizeof(double), cmp_double);
  return a[n / 2];
}

/* The same, n runs exactly. */
static double timed(sqlite3 *db, const char *zSql, int n, sqlite3_int64 *pPeak) {
  return timed_runs(db, zSql, n, n, pPeak);
}

/* ------------------------------------------------------------ the maps */

typedef struct Size {
  const char *zName;
  int nObjective, nMonth;
} Size;

static const Size aSize[] = {{"small", 25, 36}, {"medium", 2500, 36}, {"large", 100000, 34}};

/* Fills the bsc tables' shadow tables directly (the rows obey every rule,
** and going through the validated tables would take minutes at large),
** then the plain twins from them. Deterministic: every choice comes from
** the row numbers. */
static void generate(sqlite3 *db, const Size *s) {
  char zSql[8000];
  int nO = s->nObjective, nP = nO / 10 > 3 ? nO / 10 : 3;
  exec(db, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
           "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
           "CREATE VIRTUAL TABLE links USING bsc_links;"
           "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
           "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
           "BEGIN;");
  /* objective i: rank 0 financial (15%), 1 customer (25%), 2 internal (30%), 3 learning (30%) */
  snprintf(zSql, sizeof(zSql),
           "CREATE TEMP TABLE n(i INTEGER PRIMARY KEY, id TEXT, r INTEGER);"
           "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < %d - 1)"
           " INSERT INTO n SELECT i, printf('o%%06d', i), CASE WHEN i * 100 < %d * 15 THEN 0"
           "  WHEN i * 100 < %d * 40 THEN 1 WHEN i * 100 < %d * 70 THEN 2 ELSE 3 END FROM k;"
           "CREATE TEMP TABLE rk AS SELECT r, min(i) AS lo, count(*) AS n FROM n GROUP BY r;"
           "INSERT INTO objectives_data(id, title, perspective, weight, rollup)"
           " SELECT id, 'Objective ' || i, CASE r WHEN 0 THEN 'financial' WHEN 1 THEN 'customer'"
           "  WHEN 2 THEN 'internal' ELSE 'learning' END, 1, 'weighted' FROM n;"
           "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < %d - 1)"
           " INSERT INTO processes_data(id, title, cluster) SELECT printf('p%%05d', i), 'Process ' || i,"
           "  CASE i %% 4 WHEN 0 THEN 'operations' WHEN 1 THEN 'customer_management'"
           "  WHEN 2 THEN 'innovation' ELSE 'regulatory_social' END FROM k;"
           /* two links up from every objective above financial, one in three
           ** a third; one in 50 financial or customer objectives links down */
           "CREATE TEMP TABLE l(cause TEXT, effect TEXT, UNIQUE(cause, effect));"
           "INSERT OR IGNORE INTO l SELECT a.id, printf('o%%06d', rk.lo + (a.i * 7 + j.j * 131) %% rk.n)"
           " FROM n a JOIN rk ON rk.r = a.r - 1, (SELECT 0 AS j UNION ALL SELECT 1 UNION ALL SELECT 2) j"
           " WHERE a.r > 0 AND (j.j < 2 OR a.i %% 3 = 0);"
           "INSERT OR IGNORE INTO l SELECT a.id, printf('o%%06d', rk.lo + (a.i * 13) %% rk.n)"
           " FROM n a JOIN rk ON rk.r = 2 WHERE a.r < 2 AND a.i %% 50 = 7;"
           /* each process drives two internal objectives */
           "INSERT OR IGNORE INTO l SELECT printf('p%%05d', p.i), printf('o%%06d', rk.lo + (p.i * 17 + j.j * 7) %% rk.n)"
           " FROM (SELECT i FROM k2) p JOIN rk ON rk.r = 2, (SELECT 0 AS j UNION ALL SELECT 1) j;",
           nO, nO, nO, nO, nP);
  /* k2: the processes' numbers (the recursive CTE above is gone by now) */
  char zK2[300];
  snprintf(zK2, sizeof(zK2),
           "CREATE TEMP TABLE k2 AS WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < %d - 1)"
           " SELECT i FROM k;", nP);
  exec(db, zK2);
  exec(db, zSql);
  exec(db, "DELETE FROM l WHERE cause = effect;"
           "INSERT INTO links_data(cause, effect, weight, sign, lag) SELECT cause, effect, 0.5 + (rowid % 5) / 4.0,"
           " 'positive', 0 FROM l;"
           "INSERT INTO kpis_data(id, objective, title, unit, polarity, baseline, target, red, weight, frequency,"
           " aggregation) SELECT printf('k%06d', i * 2 + j.j), id, 'KPI', NULL, 'higher', NULL, 100, 50, 1, 'month',"
           " 'sum' FROM n, (SELECT 0 AS j UNION ALL SELECT 1) j;");
  snprintf(zSql, sizeof(zSql),
           "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < %d - 1)"
           " INSERT INTO measurements_data(kpi, period, actual, target, note)"
           " SELECT k.id, printf('%%04d-%%02d', 2024 + m.i / 12, m.i %% 12 + 1),"
           "  (k.rid * 37 + m.i * 11) %% 151, NULL, NULL FROM kpis_data k, m;",
           s->nMonth);
  exec(db, zSql);
  /* the plain twins: what an analyst keeps, indexed */
  exec(db, "CREATE TABLE p_processes(id TEXT PRIMARY KEY, cluster TEXT);"
           "CREATE TABLE p_objectives(id TEXT PRIMARY KEY, perspective TEXT);"
           "CREATE TABLE p_links(cause TEXT, effect TEXT, weight REAL, PRIMARY KEY(cause, effect));"
           "CREATE INDEX p_links_effect ON p_links(effect);"
           "CREATE TABLE p_kpis(id TEXT PRIMARY KEY, objective TEXT REFERENCES p_objectives(id), target REAL,"
           " red REAL);"
           "CREATE INDEX p_kpis_objective ON p_kpis(objective);"
           "CREATE TABLE p_measurements(kpi TEXT REFERENCES p_kpis(id), period TEXT, actual REAL,"
           " PRIMARY KEY(kpi, period));"
           "INSERT INTO p_processes SELECT id, cluster FROM processes_data;"
           "INSERT INTO p_objectives SELECT id, perspective FROM objectives_data;"
           "INSERT INTO p_links SELECT cause, effect, weight FROM links_data;"
           "INSERT INTO p_kpis SELECT id, objective, target, red FROM kpis_data;"
           "INSERT INTO p_measurements SELECT kpi, period, actual FROM measurements_data;"
           "DROP TABLE n; DROP TABLE rk; DROP TABLE l; DROP TABLE k2;"
           "COMMIT; ANALYZE;");
}

static sqlite3 *open_map(const Size *s) {
  sqlite3 *db;
  char zPath[300];
  int cached = strcmp(s->zName, "large") == 0;
  snprintf(zPath, sizeof(zPath), cached ? "tests/build/bench-large.db" : ":memory:");
  int exists = cached && access(zPath, F_OK) == 0;
  if (sqlite3_open(zPath, &db) != SQLITE_OK || sqlite3_bsc_init(db, 0, 0) != SQLITE_OK) die(db, "open");
  exec(db, "PRAGMA cache_size = -200000");
  /* a large map kept from an older bsc: brought to this one's storage */
  if (exists) answer(db, "SELECT bsc_upgrade()");
  if (!exists) {
    double t0 = cpu_now();
    if (cached) exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    generate(db, s);
    fprintf(stderr, "bench: generated the %s map in %.1f s\n", s->zName, cpu_now() - t0);
  }
  return db;
}

/* ------------------------------------------------------------ the table */

typedef struct Row {
  char zOp[80], zSize[8];
  double bsc, plain, floor;
  sqlite3_int64 peakBsc, peakPlain;
} Row;

static Row aRow[64];
static int nRow;

/* The graph cache of each size. */
typedef struct Cache {
  char zSize[8];
  sqlite3_int64 nByte;
  long long nNode, nLink, nKpi;
  sqlite3_int64 nMemo; /* a remembered scorecard's bytes */
} Cache;
static Cache aCache[3];
static int nCache;

static void record(const char *zOp, const Size *s, double bsc, double plain, double floor,
                   sqlite3_int64 peakBsc, sqlite3_int64 peakPlain) {
  Row *r = &aRow[nRow++];
  snprintf(r->zOp, sizeof(r->zOp), "%s", zOp);
  snprintf(r->zSize, sizeof(r->zSize), "%s", s->zName);
  r->bsc = bsc;
  r->plain = plain;
  r->floor = floor;
  r->peakBsc = peakBsc;
  r->peakPlain = peakPlain;
  printf("  %-6s %-44s bsc %10.3f ms  plain %10.3f ms  floor %8.3f ms  bsc/plain %6.3f\n", s->zName, zOp, bsc,
         plain, floor, plain > 0 ? bsc / plain : 0);
  fflush(stdout);
}

/* Both answers must be the same. */
static void same(const char *zWhat, const char *zBsc, const char *zPlain) {
  if (strcmp(zBsc, zPlain) == 0) return;
  fprintf(stderr, "bench: %s: bsc and plain SQL differ:\n  bsc:   %.200s\n  plain: %.200s\n", zWhat, zBsc, zPlain);
  exit(1);
}

static double floor_of(sqlite3 *db, const char *zCount, int n) {
  char zSql[300];
  long long nRows = atoll(zCount);
  snprintf(zSql, sizeof(zSql),
           "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %lld) SELECT x FROM c", nRows);
  return timed_runs(db, zSql, n, 64, 0);
}

static const char zBscReach[] =
    "SELECT count(*), sum(r.distance) FROM processes p, bsc_reach(p.id) r";
/* The walk stops at a depth (%d): the map's longest shortest distance plus
** one, which bsc tells and the answers' check confirms; any less gives
** another answer, any more only costs the plain SQL time. */
static const char zPlainReachFmt[] =
    "WITH RECURSIVE r(start, id, d) AS (SELECT id, id, 0 FROM p_processes"
    " UNION SELECT r.start, l.effect, r.d + 1 FROM r JOIN p_links l ON l.cause = r.id WHERE r.d < %d)"
    " SELECT count(*), sum(d) FROM (SELECT start, id, min(d) AS d FROM r"
    "  WHERE d > 0 AND id IN (SELECT id FROM p_objectives) GROUP BY start, id)";
static const char zBscChains[] = "SELECT count(*), sum(length) FROM bsc_chains(NULL, 8)";
static const char zPlainChains[] =
    "WITH RECURSIVE ch(node, len, path) AS (SELECT id, 0, '/' || id || '/' FROM p_processes"
    " UNION ALL SELECT l.effect, ch.len + 1, ch.path || l.effect || '/' FROM ch JOIN p_links l ON l.cause = ch.node"
    "  WHERE ch.len < 8 AND instr(ch.path, '/' || l.effect || '/') = 0)"
    " SELECT count(*), sum(len) FROM ch JOIN p_objectives o ON o.id = ch.node AND o.perspective = 'financial'"
    " WHERE ch.len > 0";
/* a quarter of sums: targets and red flags add up over the months with data */
static const char zBscScore[] =
    "SELECT count(score), printf('%.6f', sum(score)) FROM bsc_scorecard('2025-Q2')";
static const char zPlainScore[] =
    "SELECT count(s), printf('%.6f', sum(s)) FROM (SELECT max(0, min(10, 10.0 * (1 + (m.a - k.red * m.n) /"
    "  ((k.target - k.red) * m.n)) / 3)) AS s FROM p_kpis k JOIN (SELECT kpi, sum(actual) AS a, count(*) AS n"
    "  FROM p_measurements WHERE period BETWEEN '2025-04' AND '2025-06' AND actual IS NOT NULL GROUP BY kpi) m"
    "  ON m.kpi = k.id)";

/* The first run of zBsc after zWriteBsc, against zPlain's after its twin
** write: medians of nRun (at most 16) rounds, the answers checked equal.
** No peak memory: the write may send pages out of the page cache, and
** reading them back would count as the query's. */
static void first_after_write(sqlite3 *db, const Size *s, int nRun, const char *zWhat, const char *zWriteBsc,
                              const char *zWritePlain, const char *zBsc, const char *zPlain) {
  double a[2][16];
  int n = nRun < 16 ? nRun : 16;
  for (int i = 0; i < n; i++) {
    exec(db, zWriteBsc);
    a[0][i] = timed(db, zBsc, 1, 0);
    exec(db, zWritePlain);
    a[1][i] = timed(db, zPlain, 1, 0);
  }
  same(zWhat, answer(db, zBsc), answer(db, zPlain));
  qsort(a[0], (size_t)n, sizeof(double), cmp_double);
  qsort(a[1], (size_t)n, sizeof(double), cmp_double);
  record(zWhat, s, a[0][n / 2], a[1][n / 2], 0, 0, 0);
}

static void bench_size(const Size *s, int nRun) {
  sqlite3 *db = open_map(s);
  sqlite3_int64 pb, pp;
  const char *zA, *zB;
  printf("%s: %s objectives, links, KPIs, measurements\n", s->zName,
         answer(db, "SELECT (SELECT count(*) FROM objectives_data) || ', ' || (SELECT count(*) FROM links_data)"
                    " || ', ' || (SELECT count(*) FROM kpis_data) || ', ' || (SELECT count(*) FROM measurements_data)"));
  /* the graph cache: what the first call leaves allocated (its statements
  ** too), once the pages it reads are in SQLite's page cache, which the
  ** graph does not keep */
  answer(db, "SELECT (SELECT sum(length(id) + length(title) + length(cluster)) FROM processes_data),"
             " (SELECT sum(length(id) + length(title) + length(perspective)) FROM objectives_data),"
             " (SELECT sum(length(cause) + length(effect) + weight + length(sign) + lag) FROM links_data),"
             " (SELECT sum(length(id) + length(objective)) FROM kpis_data)");
  sqlite3_int64 before = sqlite3_memory_used();
  answer(db, "SELECT count(*) FROM bsc_reach('o000000', 'up')");
  sqlite3_int64 cache = sqlite3_memory_used() - before;
  long long nNode = atoll(answer(db, "SELECT (SELECT count(*) FROM objectives_data) + (SELECT count(*) FROM processes_data)"));
  long long nLink = atoll(answer(db, "SELECT count(*) FROM links_data"));
  printf("  graph cache: %lld bytes, %.0f per node and link\n", (long long)cache,
         (double)cache / (double)(nNode + nLink));
  Cache *pc = &aCache[nCache++];
  snprintf(pc->zSize, sizeof(pc->zSize), "%s", s->zName);
  pc->nByte = cache;
  pc->nNode = nNode;
  pc->nLink = nLink;
  pc->nKpi = atoll(answer(db, "SELECT count(*) FROM kpis_data"));
  char zPlainReach[sizeof(zPlainReachFmt) + 16];
  snprintf(zPlainReach, sizeof(zPlainReach), zPlainReachFmt,
           1 + atoi(answer(db, "SELECT max(r.distance) FROM processes p, bsc_reach(p.id) r")));

  zA = answer(db, zBscReach);
  zB = answer(db, zPlainReach);
  same("reach", zA, zB);
  double b = timed_runs(db, zBscReach, nRun, 64, &pb), p = timed_runs(db, zPlainReach, nRun, 64, &pp);
  record("reach from every process", s, b, p, floor_of(db, zA, nRun), pb, pp);

  zA = answer(db, zBscChains);
  zB = answer(db, zPlainChains);
  same("chains", zA, zB);
  b = timed_runs(db, zBscChains, nRun, 64, &pb);
  p = timed_runs(db, zPlainChains, nRun, 64, &pp);
  record("chains (max_length 8) from every process", s, b, p, floor_of(db, zA, nRun), pb, pp);

  zA = answer(db, zBscScore);
  zB = answer(db, zPlainScore);
  same("scorecard", zA, zB);
  b = timed_runs(db, zBscScore, nRun, 64, &pb);
  p = timed_runs(db, zPlainScore, nRun, 64, &pp);
  record("scorecard of a quarter", s, b, p, floor_of(db, zA, nRun), pb, pp);
  /* what remembering a scorecard keeps: the memory a new question leaves,
  ** less the pages it brought into SQLite's page cache */
  {
    int cur, hi;
    sqlite3_int64 used = sqlite3_memory_used();
    sqlite3_status(SQLITE_STATUS_PAGECACHE_OVERFLOW, &cur, &hi, 0);
    sqlite3_int64 pages = cur;
    answer(db, "SELECT count(score) FROM bsc_scorecard('2025-Q1')");
    sqlite3_status(SQLITE_STATUS_PAGECACHE_OVERFLOW, &cur, &hi, 0);
    pc->nMemo = sqlite3_memory_used() - used - (cur - pages);
    printf("  remembered scorecard: %lld bytes, %.1f per KPI\n", (long long)pc->nMemo, (double)pc->nMemo / (double)pc->nKpi);
  }

  /* inserts: 1,000 measurements of a new month in one transaction, rolled back */
  exec(db, "PRAGMA foreign_keys = ON");
  const char *zIns[2] = {
    "BEGIN; WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 999)"
    " INSERT INTO measurements(kpi, period, actual) SELECT printf('k%06d', i % (SELECT count(*) FROM kpis_data)),"
    " '2030-01', i FROM k WHERE i < (SELECT count(*) FROM kpis_data); ROLLBACK;",
    "BEGIN; WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 999)"
    " INSERT INTO p_measurements(kpi, period, actual) SELECT printf('k%06d', i % (SELECT count(*) FROM p_kpis)),"
    " '2030-01', i FROM k WHERE i < (SELECT count(*) FROM p_kpis); ROLLBACK;"};
  double aT[2];
  for (int w = 0; w < 2; w++) {
    double a[16];
    for (int i = 0; i < nRun && i < 16; i++) {
      double t0 = cpu_now();
      exec(db, zIns[w]);
      a[i] = (cpu_now() - t0) * 1000;
    }
    qsort(a, (size_t)(nRun < 16 ? nRun : 16), sizeof(double), cmp_double);
    aT[w] = a[(nRun < 16 ? nRun : 16) / 2];
  }
  record("insert measurements in one transaction", s, aT[0], aT[1], 0, 0, 0);

  /* the first reach after a write: to measurements (the graph stays), to
  ** links (the graph is patched), to objectives (it is read again) */
  first_after_write(db, s, nRun, "first reach after writing a measurement",
                    "INSERT OR REPLACE INTO measurements(kpi, period, actual) VALUES ('k000000', '2024-01', 1)",
                    "INSERT OR REPLACE INTO p_measurements(kpi, period, actual) VALUES ('k000000', '2024-01', 1)",
                    zBscReach, zPlainReach);
  first_after_write(db, s, nRun, "first reach after writing a link", "UPDATE links SET weight = weight + 1 WHERE rowid = 1",
                    "UPDATE p_links SET weight = weight + 1 WHERE rowid = 1", zBscReach, zPlainReach);
  first_after_write(db, s, nRun, "first reach after writing an objective",
                    "UPDATE objectives SET title = title || '' WHERE rowid = 1",
                    "UPDATE p_objectives SET perspective = perspective WHERE rowid = 1", zBscReach, zPlainReach);
  /* the first scorecard after a write: to measurements (the remembered
  ** scorecard scores that KPI again), to an objective's title (no score
  ** changes), of a new KPI (it is scored anew: what a scorecard costs when
  ** nothing of it is remembered) */
  first_after_write(db, s, nRun, "first scorecard after writing a measurement",
                    "INSERT OR REPLACE INTO measurements(kpi, period, actual) VALUES ('k000000', '2025-05', 7)",
                    "INSERT OR REPLACE INTO p_measurements(kpi, period, actual) VALUES ('k000000', '2025-05', 7)",
                    zBscScore, zPlainScore);
  first_after_write(db, s, nRun, "first scorecard after writing an objective",
                    "UPDATE objectives SET title = title || '' WHERE rowid = 1",
                    "UPDATE p_objectives SET perspective = perspective WHERE rowid = 1", zBscScore, zPlainScore);
  first_after_write(db, s, nRun, "first scorecard after adding a KPI (anew)",
                    "INSERT OR REPLACE INTO kpis(id, objective, title) VALUES ('kbench', 'o000000', 'B')",
                    "INSERT OR REPLACE INTO p_kpis(id, objective) VALUES ('kbench', 'o000000')", zBscScore, zPlainScore);
  /* an empty call: a process that drives nothing */
  exec(db, "DELETE FROM processes WHERE id = 'lonely';" /* the large map is kept from run to run */
           "INSERT INTO processes(id, title, cluster) VALUES ('lonely', 'L', 'operations')");
  b = timed(db, "SELECT * FROM bsc_reach('lonely')", 64, 0);
  double c = timed(db, "SELECT * FROM bsc_chains('lonely', 8)", 64, 0);
  record("empty call: bsc_reach (plain: bsc_chains)", s, b, c, 0, 0, 0);
  sqlite3_close(db);
}

static void write_results(const char *zFile, const char *zLoad, const char *zSizes) {
  FILE *f = fopen(zFile, "w");
  struct utsname u;
  if (!f) return;
  uname(&u);
  fprintf(f, "# bsc benchmark results\n\n"
             "Written by `make bench` (tests/bench/bench.c). Machine: %s %s %s, %ld cores; SQLite %s. %s\n"
             "Sizes run: %s.\n\n"
             "CPU medians in milliseconds; ratio = bsc / plain (below 1: bsc is faster); peak = SQLite's peak\n"
             "memory during the runs, in KiB. The floor is a counting CTE giving as many rows as bsc.\n\n"
             "| size | operation | bsc | plain | floor | bsc / plain | bsc / floor | peak bsc | peak plain |\n"
             "|---|---|---:|---:|---:|---:|---:|---:|---:|\n",
          u.sysname, u.release, u.machine, sysconf(_SC_NPROCESSORS_ONLN), sqlite3_libversion(), zLoad, zSizes);
  for (int i = 0; i < nRow; i++) {
    Row *r = &aRow[i];
    fprintf(f, "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %lld | %lld |\n", r->zSize, r->zOp, r->bsc, r->plain,
            r->floor, r->plain > 0 ? r->bsc / r->plain : 0, r->floor > 0 ? r->bsc / r->floor : 0,
            (long long)r->peakBsc / 1024, (long long)r->peakPlain / 1024);
  }
  fprintf(f, "\nThe graph cache: what the first graph call leaves allocated (the graph with its KPIs, its\n"
             "scratch space and the call's statements), once the pages it reads are in the page cache.\n\n"
             "| size | nodes | links | KPIs | bytes | bytes per node and link |\n|---|---:|---:|---:|---:|---:|\n");
  for (int i = 0; i < nCache; i++) {
    Cache *c = &aCache[i];
    fprintf(f, "| %s | %lld | %lld | %lld | %lld | %.1f |\n", c->zSize, c->nNode, c->nLink, c->nKpi,
            (long long)c->nByte, (double)c->nByte / (double)(c->nNode + c->nLink));
  }
  fprintf(f, "\nA remembered scorecard: what a connection keeps of a scorecard asked for (a quarter: every\n"
             "KPI's numbers, and its and its objective's rowids), less the pages it read into the page cache.\n\n"
             "| size | KPIs | bytes | bytes per KPI |\n|---|---:|---:|---:|\n");
  for (int i = 0; i < nCache; i++) {
    Cache *c = &aCache[i];
    fprintf(f, "| %s | %lld | %lld | %.1f |\n", c->zSize, c->nKpi, (long long)c->nMemo, (double)c->nMemo / (double)c->nKpi);
  }
  fclose(f);
}

int main(int argc, char **argv) {
  const char *azDefault[] = {"small", "medium", "large"};
  int nSize = argc > 1 ? argc - 1 : 3;
  const char **azSize = argc > 1 ? (const char **)argv + 1 : azDefault;
  for (int i = 0; i < nSize; i++) {
    const Size *s = 0;
    for (size_t k = 0; k < sizeof(aSize) / sizeof(aSize[0]); k++) {
      if (strcmp(azSize[i], aSize[k].zName) == 0) s = &aSize[k];
    }
    if (!s) {
      fprintf(stderr, "bench: no size %s; use small, medium or large\n", azSize[i]);
      return 2;
    }
    bench_size(s, strcmp(s->zName, "large") == 0 ? 3 : strcmp(s->zName, "medium") == 0 ? 11 : 15);
  }
  const char *zFile = getenv("BENCH_RESULTS");
  if (!zFile) zFile = "tests/bench/results.md";
  double load[1] = {0};
  char zLoad[120] = "";
  FILE *f = fopen("/proc/loadavg", "r");
  if (f && fscanf(f, "%lf", &load[0]) == 1) {
    snprintf(zLoad, sizeof(zLoad), "Load average when it ended: %.2f (the machine is shared).", load[0]);
  }
  if (f) fclose(f);
  char zSizes[100] = "";
  for (int i = 0; i < nSize; i++) {
    size_t n = strlen(zSizes);
    snprintf(zSizes + n, sizeof(zSizes) - n, "%s%s", i ? ", " : "", azSize[i]);
  }
  if (zFile[0]) write_results(zFile, zLoad, zSizes);
  return 0;
}
