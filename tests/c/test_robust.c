/*
** Robustness, kept in make test: every function of bsc called with
** hostile arguments, and out of memory at every allocation of every
** scenario (create, bulk insert, update, delete, every function and view),
** each run ending in success or an out-of-memory error, with SQLite's
** integrity check and bsc_integrity clean and, after an error, the map as
** it was before.
*/
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *zFill =
    "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('p1', 'Make', 'ops', 'produce');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('f1', 'R', 'F', NULL), ('i1', 'S', 'I', 'ops'),"
    " ('c1', 'C', 'customer', NULL), ('l1', 'L', 'learning', NULL);"
    "INSERT INTO links(cause, effect, weight) VALUES ('p1', 'i1', 1), ('i1', 'c1', 0.5), ('c1', 'f1', 2), ('l1', 'i1', 1);"
    "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k1', 'f1', 'Sales', 100, 80), ('k2', 'c1', 'NPS', 40, 20);"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-q1', 90), ('k1', '2026-q2', 95), ('k2', '2026-05', 30);"
    "INSERT INTO targets(kpi, period, target, red) VALUES ('k1', '2026', 110, 85);";

static sqlite3 *filled_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "CREATE VIRTUAL TABLE targets USING bsc_targets");
  exec_ok(db, zFill);
  return db;
}

/* ------------------------------------------------- hostile arguments */

static const char *azHostile[] = {
  "NULL", "''", "' '", "x''", "x'00ff'", "0", "-1", "1e308", "-1e308", "9e999", "'NaN'", "2147483648",
  "-9223372036854775808", "'2026-Q3'", "'YTD:'", "'ytd:2026-13'", "'%s%n%x'", "'main'", "'temp'", "'nowhere'",
  "'p1'", "'f1'", "'up'", "'range'", "char(0)", "'a' || char(0) || 'b'", "zeroblob(100000)",
  "printf('%.*c', 5000, 'x')", "'''; DROP TABLE kpis; --'", "'\"'",
};
#define N_HOSTILE (int)(sizeof(azHostile) / sizeof(azHostile[0]))

/* Runs zSql: it must end, and an error must be SQLite's own about the call
** or a bsc: message; never a crash (the sanitizers watch) or "not an error". */
static void call_survives(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    }
  }
  const char *zErr = sqlite3_errmsg(db);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    ck_assert_msg(strstr(zErr, "not an error") == 0, "%s: %s", zSql, zErr);
    ck_assert_msg(strncmp(zErr, "bsc: ", 5) == 0 || strstr(zErr, "wrong number of arguments") ||
                      strstr(zErr, "too many arguments") || strstr(zErr, "no such") ||
                      strstr(zErr, "string or blob too big") || strstr(zErr, "unsafe use of") ||
                      strstr(zErr, "run it as a statement of its own"),
                  "%s: %s", zSql, zErr);
  }
  sqlite3_finalize(pStmt);
}

START_TEST(hostile_arguments_to_every_function) {
  sqlite3 *db = filled_map();
  int nCall = 0;
  /* every function and table-valued function bsc registers, as SQLite lists them */
  const char *zList = query_rows(db, "SELECT name, narg, 0 FROM pragma_function_list WHERE name LIKE 'bsc%'"
                                     " UNION ALL SELECT m.name, (SELECT count(*) FROM pragma_table_xinfo(m.name)"
                                     " WHERE hidden), 1 FROM pragma_module_list AS m WHERE m.name LIKE 'bsc%'"
                                     " AND m.name NOT IN ('bsc_processes', 'bsc_objectives', 'bsc_links',"
                                     " 'bsc_kpis', 'bsc_measurements', 'bsc_targets') ORDER BY 1, 2");
  char *zCopy = sqlite3_mprintf("%s", zList);
  int nFunc = 0;
  for (char *zLine = strtok(zCopy, "\n"); zLine; zLine = strtok(0, "\n")) {
    char zName[64];
    int nArg = 0, isTvf = 0;
    ck_assert_int_eq(sscanf(zLine, "%63[^|]|%d|%d", zName, &nArg, &isTvf), 3);
    nFunc++;
    /* each argument position with each hostile value, the others plain */
    for (int iArg = 0; iArg < (nArg ? nArg : 1); iArg++) {
      for (int h = 0; h < N_HOSTILE; h++) {
        sqlite3_str *s = sqlite3_str_new(0);
        sqlite3_str_appendf(s, isTvf ? "SELECT * FROM %s(" : "SELECT %s(", zName);
        for (int k = 0; k < nArg; k++) {
          sqlite3_str_appendf(s, "%s%s", k ? ", " : "", k == iArg ? azHostile[h] : azHostile[(h + k) % N_HOSTILE]);
        }
        sqlite3_str_appendall(s, ")");
        char *zSql = sqlite3_str_finish(s);
        call_survives(db, zSql);
        sqlite3_free(zSql);
        nCall++;
      }
    }
  }
  sqlite3_free(zCopy);
  ck_assert_int_ge(nFunc, 20); /* the list did list them */
  ck_assert_int_gt(nCall, 500);
  /* the map is unharmed */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_integrity"), 0);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), 3);
  db_close(db);
}
END_TEST

/* ------------------------------------------------------ out of memory */

static sqlite3_mem_methods oomReal;
static int oomCountdown = -1; /* -1: never fail */
static long oomCalls;

static int oom_now(void) {
  oomCalls++;
  if (oomCountdown > 0) oomCountdown--;
  return oomCountdown == 0;
}
static void *oom_malloc(int n) { return oom_now() ? 0 : oomReal.xMalloc(n); }
static void *oom_realloc(void *p, int n) { return oom_now() ? 0 : oomReal.xRealloc(p, n); }

/* Every stored row of the map, in order: what "as before" compares. */
static char *map_dump(sqlite3 *db) {
  static const char *azTable[] = {"processes", "objectives", "links", "kpis", "measurements", "targets",
                                  "initiatives", "commentary", "settings", "units"};
  sqlite3_str *s = sqlite3_str_new(0);
  for (int t = 0; t < (int)(sizeof(azTable) / sizeof(azTable[0])); t++) {
    char *zSql = sqlite3_mprintf("SELECT * FROM \"%w_data\" ORDER BY rid", azTable[t]);
    sqlite3_stmt *pStmt = 0;
    if (sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) == SQLITE_OK) {
      while (sqlite3_step(pStmt) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(pStmt); i++) {
          const char *z = (const char *)sqlite3_column_text(pStmt, i);
          sqlite3_str_appendf(s, "%s|", z ? z : "NULL");
        }
        sqlite3_str_appendall(s, "\n");
      }
    } else {
      sqlite3_str_appendf(s, "%s: absent\n", azTable[t]);
    }
    sqlite3_finalize(pStmt);
    sqlite3_free(zSql);
  }
  return sqlite3_str_finish(s);
}

static const char *azScenario[] = {
  /* create */
  "CREATE VIRTUAL TABLE temp.more USING bsc_objectives",
  /* bulk insert, as .import does it, and with literal values */
  "INSERT INTO measurements VALUES ('k1', '2026-07', 1, NULL, NULL), ('k1', '2026-08', '', ' ', ''),"
  " ('k2', '2026-06', 3, 41, 'n')",
  "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('i2', 'T', 'internal process', 'CRM'),"
  " ('c2', 'U', 'klant', NULL)",
  "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', 'nowhere')",
  "INSERT OR REPLACE INTO kpis(rowid, id, objective, title) VALUES (1, 'k1', 'i1', 'x')",
  /* update, delete */
  "UPDATE objectives SET title = title || '!', rollup = 'worst' WHERE perspective <> 'financial'",
  "UPDATE kpis SET target = 120, red = 70",
  "DELETE FROM measurements WHERE kpi = 'k1'",
  "DELETE FROM objectives WHERE id = 'f1'",
  "BEGIN; SAVEPOINT s; UPDATE objectives SET title = 'y'; ROLLBACK TO s; INSERT INTO links(cause, effect)"
  " VALUES ('l1', 'c1'); COMMIT",
  "ALTER TABLE objectives RENAME TO goals",
  /* every function and view: those marked "cold:" as a connection's first
  ** call (the damage check of every table it reads, the graph read from
  ** scratch), the others on a connection that has read the map before
  ** (WARM_UP: its graph and damage verdicts cached), as most calls are */
  "cold: SELECT * FROM bsc_scorecard('2026')", "SELECT * FROM bsc_objective_scores",
  "SELECT * FROM bsc_perspective_scores('YTD:2026-06')", "cold: SELECT * FROM bsc_chains",
  "SELECT * FROM bsc_reach('p1', 'down')", "SELECT * FROM bsc_clusters", "SELECT * FROM bsc_catalog",
  "cold: SELECT * FROM bsc_check", "SELECT * FROM bsc_vital_few", "SELECT * FROM bsc_whatif('l1', 1)",
  "cold: SELECT * FROM bsc_link_evidence", "SELECT * FROM bsc_integrity",
  "cold: SELECT bsc_dot(), bsc_cluster_gaps(), bsc_score(1, 2, 3), bsc_status(5), bsc_progress(1, 0, 2),"
  " bsc_version(), bsc_debug()",
  "SELECT bsc_upgrade()",
  "SELECT id, kpis, score, status FROM objectives", "SELECT * FROM kpis",
  "SELECT * FROM scorecard", "SELECT * FROM objective_scores", "SELECT * FROM perspective_scores",
  "SELECT * FROM cluster_coverage", "SELECT * FROM causal_chains", "SELECT * FROM map_issues",
  "SELECT * FROM attention", "SELECT * FROM initiative_portfolio", "SELECT * FROM scorecard_report",
  /* the companion tables, and the function on the initiatives */
  "BEGIN; INSERT INTO initiatives(id, title, status, budget) VALUES ('n2', 'Six Sigma', 'planned', 10);"
  " INSERT INTO links(cause, effect) VALUES ('n2', 'c1'); COMMIT",
  "BEGIN; UPDATE units SET title = 'Whole' WHERE id = 'top'; INSERT INTO units(id, title, parent)"
  " VALUES ('u1', 'U', 'top'); COMMIT",
  "INSERT INTO commentary(subject, period, author, analysis) VALUES ('k1', '2026-Q1', 'CFO', 'Behind')",
  "BEGIN; UPDATE settings SET value = 'as asked' WHERE key = 'finer_periods'; DELETE FROM initiatives"
  " WHERE id = 'n1'; COMMIT",
  "cold: SELECT * FROM bsc_portfolio", "SELECT * FROM initiatives", "SELECT * FROM units",
  "SELECT * FROM commentary",
  /* a scorecard remembered, asked again, and following a write (memo.c): it
  ** is the KPIs' own scores, or an error that is not out of memory (these
  ** two begin with a SELECT: on a connection that has read the map) */
  "SELECT * FROM bsc_scorecard(); BEGIN; SELECT * FROM bsc_scorecard();"
  " INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-09', 9);"
  " SELECT CASE WHEN (SELECT group_concat(kpi || ':' || coalesce(score, ''), ',') FROM (SELECT kpi, score FROM"
  " bsc_scorecard() ORDER BY kpi)) IS (SELECT group_concat(id || ':' || coalesce(score, ''), ',') FROM (SELECT id,"
  " score FROM kpis ORDER BY id)) THEN 1 ELSE json('stale') END; COMMIT",
  /* a cached graph patched after a node's update (graph.c): its new title
  ** and perspective, or an error that is not out of memory */
  "SELECT * FROM bsc_chains; BEGIN; UPDATE objectives SET title = 'Clients', perspective = 'financial' WHERE id = 'c1';"
  " SELECT CASE WHEN bsc_dot() LIKE '%Clients%' AND (SELECT count(*) FROM bsc_chains WHERE goal = 'c1') = 1 THEN 1"
  " ELSE json('stale') END; COMMIT",
};
#define WARM_UP "SELECT count(*) FROM bsc_objective_scores; SELECT bsc_cluster_gaps()"

static char *read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  ck_assert_ptr_nonnull(f);
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof(buf) - 1, f);
  fclose(f);
  buf[n] = 0;
  return buf;
}

static sqlite3 *oom_map(const char *zViews) {
  sqlite3 *db = 0;
  char *zErr = 0;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  exec_ok(db, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
              "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
              "CREATE VIRTUAL TABLE links USING bsc_links;"
              "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
              "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
              "CREATE VIRTUAL TABLE targets USING bsc_targets;"
              "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "CREATE VIRTUAL TABLE commentary USING bsc_commentary;"
              "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "CREATE VIRTUAL TABLE units USING bsc_units;");
  exec_ok(db, zFill);
  exec_ok(db, "INSERT INTO units(id, title) VALUES ('top', 'Top');"
              "INSERT INTO initiatives(id, title, start, due, budget, spent, progress, status) VALUES"
              " ('n1', 'Lean', '2026-01-01', '2026-12-31', 100, 40, 50, 'active');"
              "INSERT INTO links(cause, effect) VALUES ('n1', 'i1');"
              "INSERT INTO commentary(subject, period, author, status, analysis) VALUES"
              " ('c1', '2026-Q2', 'CEO', 'approved', 'Held up');"
              "INSERT INTO settings(key, value) VALUES ('finer_periods', 'latest')");
  exec_ok(db, zViews);
  return db;
}

/* The filled map as a database image, made once: each run starts from a
** copy of it (sqlite3_deserialize), so that a run costs its scenario and
** its checks, not the making of a map. malloc'd, not SQLite's memory. */
static unsigned char *aImage;
static sqlite3_int64 nImage;

static void image_make(const char *zViews) {
  sqlite3 *db = oom_map(zViews);
  sqlite3_int64 n = 0;
  unsigned char *a = sqlite3_serialize(db, "main", &n, 0);
  ck_assert_ptr_nonnull(a);
  aImage = malloc((size_t)n);
  ck_assert_ptr_nonnull(aImage);
  memcpy(aImage, a, (size_t)n);
  nImage = n;
  sqlite3_free(a);
  db_close(db);
}

/* A connection on a fresh copy of the image, bsc loaded and its tables
** connected, as oom_map leaves them; warm: WARM_UP run on it. */
static sqlite3 *image_open(int warm) {
  sqlite3 *db = 0;
  char *zErr = 0;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  unsigned char *a = sqlite3_malloc64((sqlite3_uint64)nImage);
  ck_assert_ptr_nonnull(a);
  memcpy(a, aImage, (size_t)nImage);
  ck_assert_int_eq(sqlite3_deserialize(db, "main", a, nImage, nImage,
                                       SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE),
                   SQLITE_OK);
  exec_ok(db, "SELECT 1 FROM processes, objectives, links, kpis, measurements, targets, initiatives, commentary,"
              " settings, units LIMIT 0");
  if (warm) exec_ok(db, WARM_UP);
  return db;
}

/* Fails each allocation of each scenario in turn, the first to the last:
** every run ends in the scenario's own outcome or an out-of-memory error,
** with PRAGMA integrity_check ok, bsc_integrity empty and, after an error,
** the map as before. bsc_integrity runs when the map differs from one
** already found whole (the filled map, or the scenario's own outcome). */
START_TEST(out_of_memory_in_every_scenario) {
  sqlite3_mem_methods m;
  /* not sqlite3_malloc: it would count as SQLite's memory, left after close */
  const char *zRead = read_file("sql/views.sql");
  char *zViews = malloc(strlen(zRead) + 1);
  ck_assert_ptr_nonnull(zViews);
  memcpy(zViews, zRead, strlen(zRead) + 1);
  image_make(zViews);
  ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &oomReal), SQLITE_OK);
  m = oomReal;
  m.xMalloc = oom_malloc;
  m.xRealloc = oom_realloc;
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &m), SQLITE_OK);
  ck_assert_int_eq(sqlite3_initialize(), SQLITE_OK);
  long nRun = 0, nFailed = 0;
  /* BSC_OOM_STRIDE=n fails every n-th allocation only: a quick look while
  ** developing; make test fails each one */
  long stride = getenv("BSC_OOM_STRIDE") ? atol(getenv("BSC_OOM_STRIDE")) : 1;
  if (stride < 1) stride = 1;
  /* BSC_OOM_SHARE=a-b/n (or a/n) runs the scenarios whose number modulo n
  ** lies in a..b only: make test hands each sanitizer build its share
  ** (tests/run.sh), so that together they fail every allocation of every
  ** scenario in bounded time */
  int shareLo = 0, shareHi = 0, nShare = 1;
  const char *zShare = getenv("BSC_OOM_SHARE");
  if (zShare) {
    int ok = sscanf(zShare, "%d-%d/%d", &shareLo, &shareHi, &nShare) == 3;
    if (!ok) ok = sscanf(zShare, "%d/%d", &shareLo, &nShare) == 2, shareHi = shareLo;
    ck_assert_msg(ok && nShare >= 1 && 0 <= shareLo && shareLo <= shareHi && shareHi < nShare,
                  "BSC_OOM_SHARE is a-b/n or a/n with 0 <= a <= b < n, not %s", zShare);
  }
  sqlite3 *db = image_open(0);
  char *zBase = map_dump(db), *zBefore = malloc(strlen(zBase) + 1);
  ck_assert_ptr_nonnull(zBefore);
  strcpy(zBefore, zBase);
  sqlite3_free(zBase);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_integrity"), 0);
  db_close(db);
  for (int sc = 0; sc < (int)(sizeof(azScenario) / sizeof(azScenario[0])); sc++) {
    if (sc % nShare < shareLo || sc % nShare > shareHi) continue;
    const char *zSql = azScenario[sc];
    /* BSC_OOM_ONLY=text runs only the scenarios that hold it: a quick look */
    if (getenv("BSC_OOM_ONLY") && !strstr(zSql, getenv("BSC_OOM_ONLY"))) continue;
    int cold = strncmp(zSql, "cold: ", 6) == 0, warm = !cold && strncmp(zSql, "SELECT ", 7) == 0;
    if (cold) zSql += 6;
    /* the scenario's own outcome, and the map it leaves */
    db = image_open(warm);
    char *zErrNormal = 0, zNormal[512] = "";
    oomCalls = 0;
    int rcNormal = sqlite3_exec(db, zSql, 0, 0, &zErrNormal);
    long nAlloc = oomCalls;
    if (getenv("BSC_OOM_REPORT")) fprintf(stderr, "%6ld allocations: %s\n", nAlloc, zSql);
    if (zErrNormal) snprintf(zNormal, sizeof(zNormal), "%s", zErrNormal);
    sqlite3_free(zErrNormal); /* before db_close counts what is left */
    char *zDump = map_dump(db), *zOutcome = malloc(strlen(zDump) + 1);
    ck_assert_ptr_nonnull(zOutcome);
    strcpy(zOutcome, zDump);
    sqlite3_free(zDump);
    ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_integrity"), 0);
    db_close(db);
    for (long n = 1; n <= nAlloc; n += stride) {
      db = image_open(warm);
      char *zErr = 0;
      oomCountdown = (int)n;
      int rc = sqlite3_exec(db, zSql, 0, 0, &zErr);
      int fired = oomCountdown == 0;
      oomCountdown = -1;
      nRun++;
      /* the scenario's own outcome, or out of memory */
      int isNormal = rc == rcNormal && (rc == SQLITE_OK || (zErr && strcmp(zErr, zNormal) == 0));
      if (!isNormal) {
        nFailed++;
        ck_assert_msg(fired && (rc == SQLITE_NOMEM || (zErr && strstr(zErr, "out of memory"))),
                      "%s (allocation %ld): %d %s", zSql, n, rc, zErr ? zErr : "");
      }
      sqlite3_free(zErr);
      if (rc != SQLITE_OK && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
      char *zAfter = map_dump(db);
      if (rc != SQLITE_OK) {
        ck_assert_msg(strcmp(zBefore, zAfter) == 0, "%s (allocation %ld) changed the map:\n%s\nwas:\n%s", zSql, n,
                      zAfter, zBefore);
      }
      int known = strcmp(zAfter, zBefore) == 0 || strcmp(zAfter, zOutcome) == 0;
      sqlite3_free(zAfter);
      ck_assert_str_eq(query_text(db, "PRAGMA integrity_check"), "ok");
      if (!known) {
        ck_assert_msg(query_int(db, "SELECT count(*) FROM bsc_integrity") == 0, "%s (allocation %ld): %s", zSql, n,
                      query_rows(db, "SELECT * FROM bsc_integrity"));
      }
      db_close(db);
      /* the last allocation of the normal run was failed: none is left */
      ck_assert_msg(fired, "%s: allocation %ld of %ld was never made", zSql, n, nAlloc);
    }
    free(zOutcome);
  }
  ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &oomReal), SQLITE_OK);
  free(zViews);
  free(zBefore);
  free(aImage);
  aImage = 0;
  if (getenv("BSC_OOM_REPORT")) fprintf(stderr, "out of memory: %ld runs, %ld failed\n", nRun, nFailed);
  if (!getenv("BSC_OOM_ONLY")) {
    ck_assert_int_gt(nRun, 20000 / stride / nShare * (shareHi - shareLo + 1));
    ck_assert_int_gt(nFailed, 10000 / stride / nShare * (shareHi - shareLo + 1));
  }
}
END_TEST

Suite *robust_suite(void) {
  Suite *s = suite_create("robust");
  TCase *tc = tcase_create("hostile arguments");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, hostile_arguments_to_every_function);
  suite_add_tcase(s, tc);
  tc = tcase_create("out of memory everywhere");
  /* some 140,000 runs: the two sanitizer builds share them (tests/run.sh) */
  tcase_set_tags(tc, "oom");
  tcase_set_timeout(tc, 3600);
  tcase_add_test(tc, out_of_memory_in_every_scenario);
  suite_add_tcase(s, tc);
  return s;
}
