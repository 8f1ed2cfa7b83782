/* What is cached stays true: the graph cache keyed by the tables' change
** stamps (graph.c, store.c), and the statements the tables keep by number
** (table.c): each runs once per use, with parameters any connection
** allows, and reports its own error. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char zTables[] = "CREATE VIRTUAL TABLE %s.processes USING bsc_processes;"
                              "CREATE VIRTUAL TABLE %s.objectives USING bsc_objectives;"
                              "CREATE VIRTUAL TABLE %s.links USING bsc_links;"
                              "CREATE VIRTUAL TABLE %s.kpis USING bsc_kpis;"
                              "CREATE VIRTUAL TABLE %s.measurements USING bsc_measurements;";

static void create_map(sqlite3 *db, const char *zSchema) {
  char *zSql = sqlite3_mprintf(zTables, zSchema, zSchema, zSchema, zSchema, zSchema);
  exec_ok(db, zSql);
  sqlite3_free(zSql);
}

/* ------------------------------------------------ statements kept by number */

/* Issue 9, item 4: writes bound ?2000 and ?2001, past a lowered limit. */
START_TEST(writes_under_a_low_variable_limit) {
  sqlite3 *db = db_with_map();
  /* kpis has the most stored columns: 11, and two rowids after them */
  sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 13);
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations')");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial'),"
              " ('c', 'C', 'customer')");
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('p', 'c'), ('c', 'o')");
  exec_ok(db, "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k', 'o', 'K', 10, 5)");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 7)");
  exec_ok(db, "UPDATE kpis SET title = 'K2', rowid = 40 WHERE id = 'k'");
  exec_ok(db, "UPDATE measurements SET actual = 8");
  exec_ok(db, "INSERT INTO objectives(rowid, id, title, perspective) VALUES (9, 'n', 'N', 'learning')");
  exec_ok(db, "DELETE FROM links WHERE cause = 'p'");
  ck_assert_str_eq(query_text(db, "SELECT rowid || title FROM kpis"), "40K2");
  ck_assert_int_eq(query_int(db, "SELECT actual FROM measurements"), 8);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 1);
  sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 999);
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('p', 'c')");
  db_close(db);
}
END_TEST


/* Issue 9, item 5: a probe that found nothing ran a second time. */
START_TEST(probes_run_once) {
  sqlite3 *db = db_with_map();
  Runs r = {"SELECT rid FROM \"main\".\"objectives_data\"", 0};
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial')");
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &r);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('c', 'C', 'customer')");
  ck_assert_int_eq(r.n, 0); /* an INSERT's own UNIQUE constraint looks for the key */
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('c', 'C', 'customer')",
             "bsc: objectives: an objective with id 'c' already exists");
  ck_assert_int_eq(r.n, 1); /* taken: one look, for the message */
  r.n = 0;
  exec_ok(db, "UPDATE objectives SET title = 'C2' WHERE id = 'c'");
  ck_assert_int_eq(r.n, 1); /* an UPDATE looks once */
  r.n = 0;
  r.zPrefix = "SELECT 1 FROM \"main\".\"processes_data\"";
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('c', 'o')");
  ck_assert_int_eq(r.n, 0); /* the link's INSERT looks for its cause and effect itself */
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('z', 'o')",
             "bsc: links.cause: 'z' is not a process or an objective of this map");
  ck_assert_int_eq(r.n, 1); /* missing: looked for once more, for the message */
  r.n = 0;
  exec_ok(db, "UPDATE links SET weight = 2 WHERE cause = 'c'");
  ck_assert_int_eq(r.n, 1); /* an UPDATE looks once: 'c' is no process */
  sqlite3_trace_v2(db, 0, 0, 0);
  db_close(db);
}
END_TEST

/* A new map in file zPath (of temp_db_path(zTag)), on two connections:
** the one returned, and *pOther. */
static sqlite3 *map_on_two_connections(const char *zTag, char *zPath, size_t nPath, sqlite3 **pOther) {
  snprintf(zPath, nPath, "%s", temp_db_path(zTag));
  db_remove_file(zPath);
  sqlite3 *db = db_open(zPath);
  create_map(db, "main");
  *pOther = db_open(zPath);
  return db;
}

/* What reaches 'rev', as connection db sees it. */
static const char *up_from_rev(sqlite3 *db) {
  return query_text(db, "SELECT coalesce(group_concat(id), '') FROM (SELECT id FROM bsc_reach('rev', 'up') ORDER BY id)");
}

/* A write stamps its table once a transaction (an INSERT of many rows
** writes one stamp), and again once a reader of the connection read the
** stamps or a rollback may have undone the stamp: no answer is stale,
** in this connection or another. */
START_TEST(stamp_once_until_read_or_rolled_back) {
  char zPath[256];
  sqlite3 *other, *db = map_on_two_connections("stamp-once", zPath, sizeof(zPath), &other);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial'),"
              " ('cust', 'C', 'customer'), ('ops', 'O', 'internal'), ('hr', 'H', 'learning')");
  Runs r = {"INSERT INTO \"main\".\"links_config\"", 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &r);
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('cust', 'rev'), ('ops', 'cust'), ('hr', 'ops')");
  ck_assert_int_eq(r.n, 1);
  exec_ok(db, "BEGIN; DELETE FROM links WHERE cause = 'hr'; DELETE FROM links WHERE cause = 'ops'");
  ck_assert_int_eq(r.n, 2);
  ck_assert_str_eq(up_from_rev(db), "cust"); /* read: the next write stamps again */
  exec_ok(db, "DELETE FROM links; COMMIT");
  ck_assert_int_eq(r.n, 3);
  sqlite3_trace_v2(db, 0, 0, 0);
  ck_assert_str_eq(up_from_rev(other), ""); /* cached by the other connection */
  /* a savepoint rolled back took the stamp with it */
  exec_ok(db, "BEGIN; SAVEPOINT a; INSERT INTO links(cause, effect) VALUES ('cust', 'rev'); ROLLBACK TO a;"
              " INSERT INTO links(cause, effect) VALUES ('ops', 'rev'); COMMIT");
  ck_assert_str_eq(up_from_rev(other), "ops");
  /* so did a statement rolled back (by an error of its own: a write the
  ** map refused would make the transaction fail to commit) */
  exec_ok(db, "BEGIN");
  exec_fails(db, "INSERT INTO links(cause, effect) SELECT column1, column2 FROM (VALUES ('cust', 'rev'),"
                 " ('ops', abs(-9223372036854775807 - 1)))", "integer overflow");
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('hr', 'rev'); COMMIT");
  ck_assert_str_eq(up_from_rev(other), "hr,ops");
  /* read between two writes of one transaction */
  exec_ok(db, "BEGIN; INSERT INTO links(cause, effect) VALUES ('cust', 'rev')");
  ck_assert_str_eq(up_from_rev(db), "cust,hr,ops");
  exec_ok(db, "DELETE FROM links WHERE cause = 'hr'");
  ck_assert_str_eq(up_from_rev(db), "cust,ops");
  exec_ok(db, "COMMIT");
  ck_assert_str_eq(up_from_rev(other), "cust,ops");
  ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* The derived score columns of kpis and objectives check the tables a score
** reads for damaged rows once a scan, not once a row: a check reads the
** change stamps, and a read of them makes the next write stamp again. A
** later run of a statement checks anew, so damage that another
** connection's write brings in is refused, never scored. */
START_TEST(derived_scores_check_once_a_scan) {
  char zPath[256];
  sqlite3 *other, *db = map_on_two_connections("check-once", zPath, sizeof(zPath), &other);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial'), ('c', 'C', 'customer');"
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)"
              " INSERT INTO kpis(id, objective, title, target, red)"
              "  SELECT 'k' || i, iif(i % 2, 'o', 'c'), 'K', 100, 50 FROM n;"
              "INSERT INTO measurements(kpi, period, actual) SELECT id, '2026-01', 60 + rowid FROM kpis");
  Runs reads = {"SELECT (SELECT v FROM \"main\".\"processes_config\"", 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &reads);
  ck_assert_int_eq(query_int(db, "SELECT count(score) FROM kpis"), 20);
  ck_assert_int_eq(reads.n, 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis WHERE status IS NOT NULL AND trend IS NULL"), 20);
  ck_assert_int_eq(reads.n, 2);
  ck_assert_int_eq(query_int(db, "SELECT count(score) FROM objectives"), 2);
  ck_assert_int_eq(reads.n, 3);
  /* a write that reads the scores row by row stamps its table once */
  Runs stamps = {"INSERT INTO \"main\".\"measurements_config\"", 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &stamps);
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) SELECT id, '2026-02', score FROM kpis");
  ck_assert_int_eq(stamps.n, 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), 40);
  /* each run of a statement checks: another connection's write stamps
  ** the damage written around bsc before it */
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &reads);
  reads.n = 0;
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(score) FROM kpis", -1, &pStmt, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(pStmt, 0), 20);
  ck_assert_int_eq(sqlite3_reset(pStmt), SQLITE_OK);
  exec_ok(other, "UPDATE measurements_data SET actual = 'abc' WHERE kpi = 'k7' AND period = '2026-01';"
                 "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-03', 70)");
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ERROR);
  ck_assert_str_eq(sqlite3_errmsg(db), "bsc: kpis: measurements row (kpi 'k7', period '2026-01') is damaged: "
                                       "actual 'abc' is not a number; SELECT * FROM bsc_integrity('main') lists "
                                       "every damaged row");
  ck_assert_int_eq(sqlite3_reset(pStmt), SQLITE_ERROR);
  ck_assert_int_eq(reads.n, 2);
  /* mended through bsc, it scores again */
  exec_ok(other, "UPDATE measurements SET actual = 71 WHERE kpi = 'k7' AND period = '2026-01'");
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int(pStmt, 0), 20);
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  ck_assert_int_eq(reads.n, 3);
  sqlite3_trace_v2(db, 0, 0, 0);
  ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* Interrupts the k-th callback of the progress handler only. */
static int interrupt_once(void *pArg) {
  int *pn = pArg;
  return --*pn == 0;
}

/* Issue 9, item 5: a probe's failed step was stepped again, which reran it
** and lost the error: an interrupted reference check read as a missing
** id. Interrupted anywhere, a write either lands or fails as interrupted.
** (Interrupted after its row was written, at the end of the user's
** statement, SQLite keeps the row: it takes a statement that writes only
** a virtual table for a reader, which an interrupt does not roll back.) */
START_TEST(interrupted_write_reports_the_interrupt) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations');"
              "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial'),"
              " ('c', 'C', 'customer');");
  int nLanded = 0, nInterrupted = 0;
  for (int k = 1; k < 4000 && nLanded == 0; k++) {
    int n = k;
    sqlite3_progress_handler(db, 1, interrupt_once, &n);
    int rc = sqlite3_exec(db, "INSERT INTO links(cause, effect) VALUES ('p', 'c')", 0, 0, 0);
    sqlite3_progress_handler(db, 0, 0, 0);
    ck_assert_msg(rc == SQLITE_OK || rc == SQLITE_INTERRUPT, "interrupt at %d: %s", k, sqlite3_errmsg(db));
    ck_assert_int_le(query_int(db, "SELECT count(*) FROM links"), 1);
    if (rc == SQLITE_OK) {
      nLanded++;
    } else {
      nInterrupted++;
      exec_ok(db, "DELETE FROM links");
    }
  }
  ck_assert_int_eq(nLanded, 1);
  ck_assert_int_gt(nInterrupted, 10);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 1);
  db_close(db);
}
END_TEST

/* ------------------------------------------------------ the graph cache */

/* Issue 9, item 6: attach a WAL map, read bsc_reach, detach, let another
** connection add a link, attach again: the answer was the old graph's
** (the file's change counter, its key then, stays put in WAL mode). */
START_TEST(reattached_wal_map_is_read_again) {
  char zPath[256], zAttach[400];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("wal-map"));
  snprintf(zAttach, sizeof(zAttach), "ATTACH '%s' AS m", zPath);
  sqlite3 *other = db_open(zPath), *db = db_open(":memory:");
  exec_ok(other, "PRAGMA journal_mode=WAL");
  create_map(other, "main");
  exec_ok(other, "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial'),"
                 " ('cust', 'C', 'customer'), ('ops', 'O', 'internal');"
                 "INSERT INTO links(cause, effect) VALUES ('cust', 'rev')");
  exec_ok(db, zAttach);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM bsc_reach('rev', 'up', 'm')"), "cust");
  exec_ok(db, "DETACH m");
  exec_ok(other, "INSERT INTO links(cause, effect) VALUES ('ops', 'cust')");
  exec_ok(db, zAttach);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM bsc_reach('rev', 'up', 'm')"), "cust,ops");
  ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* A write to measurements leaves the cached graph as it is (the graph is
** not built from them), yet what bsc_check says of data follows it. */
START_TEST(measurement_write_keeps_the_graph) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial');"
              "INSERT INTO kpis(id, objective, title) VALUES ('k', 'rev', 'K')");
  const char *zNoData = "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_without_data'";
  const char *zNoTarget = "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_without_target'";
  ck_assert_int_eq(query_int(db, zNoData), 1);
  ck_assert_int_eq(query_int(db, zNoTarget), 1);
  long long before = query_int(db, "SELECT v FROM kpis_config WHERE k = 'changes'");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('k', '2026-01', 1, 2)");
  ck_assert_int_eq(query_int(db, "SELECT v FROM kpis_config WHERE k = 'changes'"), before);
  ck_assert_int_eq(query_int(db, zNoData), 0);
  ck_assert_int_eq(query_int(db, zNoTarget), 0);
  db_close(db);
}
END_TEST

/* Initiatives are nodes of the graph too: a new one is seen at once. */
START_TEST(initiative_write_rebuilds_the_graph) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_reach('rev', 'up')"), 0);
  exec_ok(db, "INSERT INTO initiatives(id, title) VALUES ('i', 'I')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains('i')"), 0);
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('i', 'rev')");
  ck_assert_str_eq(query_text(db, "SELECT path FROM bsc_chains('i')"), "i > rev");
  db_close(db);
}
END_TEST

/* A map made before stamps (no 'changes' key) is read anew every time
** until its first write gives it one. */
START_TEST(map_without_stamps_is_never_stale) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial'),"
              " ('cust', 'C', 'customer');"
              "DELETE FROM objectives_config WHERE k = 'changes';"
              "DELETE FROM links_config WHERE k = 'changes';");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_reach('rev', 'up')"), "0");
  /* written behind bsc's back: no stamp to tell, so nothing is trusted */
  exec_ok(db, "INSERT INTO links_data(cause, effect, weight, sign, lag) VALUES ('cust', 'rev', 1, 'positive', 0)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM bsc_reach('rev', 'up')"), "cust");
  exec_ok(db, "DELETE FROM links");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links_config WHERE k = 'changes'"), 1);
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_reach('rev', 'up')"), "0");
  db_close(db);
}
END_TEST

/* The property: whatever sequence of attaches, detaches, writes of this
** and other connections, transactions, savepoints and rollbacks, bsc_reach
** on the attached map answers what a recursive query over its shadow
** tables answers at that moment. Two files, one in WAL mode and one with
** a rollback journal, with the same nodes (and so the same schema version)
** but other links. */
static const char *const azNode[] = {"o0", "o1", "o2", "o3", "o4", "o5", "p0", "p1"};
#define N_NODE 8

static void seed_file(const char *zPath, const char *zMode, unsigned seed) {
  sqlite3 *db = db_open(zPath);
  exec_ok(db, zMode);
  create_map(db, "main");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o0', 'x', 'financial'),"
              " ('o1', 'x', 'customer'), ('o2', 'x', 'customer'), ('o3', 'x', 'internal'),"
              " ('o4', 'x', 'internal'), ('o5', 'x', 'learning');"
              "INSERT INTO processes(id, title, cluster) VALUES ('p0', 'x', 'operations'),"
              " ('p1', 'x', 'innovation');");
  for (int i = 0; i < 6; i++) {
    char *zSql = sqlite3_mprintf("INSERT OR IGNORE INTO links(cause, effect) VALUES (%Q, %Q)",
                                 azNode[(seed + 3 * i) % N_NODE], azNode[(seed + 5 * i + 1) % 6]);
    sqlite3_exec(db, zSql, 0, 0, 0); /* a self-link is refused: fine */
    sqlite3_free(zSql);
  }
  db_close(db);
}

static const char zBscReach[] =
    "SELECT coalesce(group_concat(id || ':' || distance, ','), '') FROM bsc_reach('o0', 'up', 'm')";
static const char zPlainReach[] =
    "WITH RECURSIVE r(id, d) AS (SELECT 'o0', 0 UNION SELECT l.cause, r.d + 1 FROM m.links_data l"
    "  JOIN r ON l.effect = r.id WHERE r.d < 10)"
    "SELECT coalesce(group_concat(id || ':' || d, ','), '') FROM (SELECT id, min(d) AS d FROM r"
    "  WHERE id != 'o0' AND id IN (SELECT id FROM m.objectives_data) GROUP BY id ORDER BY d, id)";

START_TEST(no_sequence_gives_a_stale_answer) {
  char azPath[2][256];
  const char *azMode[2] = {"PRAGMA journal_mode=WAL", "PRAGMA journal_mode=DELETE"};
  sqlite3 *aOther[2];
  for (int f = 0; f < 2; f++) {
    snprintf(azPath[f], sizeof(azPath[f]), "%s", temp_db_path(f ? "stale-b" : "stale-a"));
    seed_file(azPath[f], azMode[f], 7u + 11u * (unsigned)f);
  }
  for (int f = 0; f < 2; f++) aOther[f] = db_open(azPath[f]);
  sqlite3 *db = db_open(":memory:");
  unsigned state = 20261129u;
  int attached = -1, nSavepoint = 0, nChecked = 0;
  for (int step = 0; step < 1500; step++) {
    int op = (int)(next_random(&state) % 9);
    int autocommit = sqlite3_get_autocommit(db);
    char *zSql = 0;
    const char *zFrom = azNode[next_random(&state) % N_NODE], *zTo = azNode[next_random(&state) % 6];
    switch (op) {
      case 0: /* attach one of the files */
        if (attached < 0) {
          attached = (int)(next_random(&state) % 2);
          zSql = sqlite3_mprintf("ATTACH %Q AS m", azPath[attached]);
          exec_ok(db, zSql);
        }
        break;
      case 1: /* detach (not inside a transaction) */
        if (attached >= 0 && autocommit) {
          exec_ok(db, "DETACH m");
          attached = -1;
        }
        break;
      case 2: /* another connection writes a link to either file */
      case 3: {
        int f = (int)(next_random(&state) % 2);
        zSql = next_random(&state) % 3 ? sqlite3_mprintf("INSERT INTO links(cause, effect) VALUES (%Q, %Q)", zFrom, zTo)
                                        : sqlite3_mprintf("DELETE FROM links WHERE cause = %Q", zFrom);
        sqlite3_exec(aOther[f], zSql, 0, 0, 0); /* busy, or a refused link: fine */
        break;
      }
      case 4: /* this connection writes a link */
      case 5:
        if (attached >= 0) {
          zSql = next_random(&state) % 3
                     ? sqlite3_mprintf("INSERT INTO m.links(cause, effect) VALUES (%Q, %Q)", zFrom, zTo)
                     : sqlite3_mprintf("DELETE FROM m.links WHERE effect = %Q", zTo);
          sqlite3_exec(db, zSql, 0, 0, 0);
        }
        break;
      case 6: /* a transaction or a savepoint begins */
        if (autocommit && next_random(&state) % 2) {
          exec_ok(db, "BEGIN");
          nSavepoint = 0;
        } else {
          zSql = sqlite3_mprintf("SAVEPOINT s%d", nSavepoint++);
          exec_ok(db, zSql);
        }
        break;
      case 7: /* a savepoint is rolled back to, or released */
        if (nSavepoint > 0) {
          int i = (int)(next_random(&state) % (unsigned)nSavepoint);
          zSql = next_random(&state) % 2 ? sqlite3_mprintf("ROLLBACK TO s%d", i)
                                         : sqlite3_mprintf("RELEASE s%d", i);
          if (sqlite3_exec(db, zSql, 0, 0, 0) == SQLITE_OK && strncmp(zSql, "RELEASE", 7) == 0) nSavepoint = i;
        }
        break;
      case 8: /* the transaction ends */
        if (!autocommit) {
          sqlite3_exec(db, next_random(&state) % 2 ? "COMMIT" : "ROLLBACK", 0, 0, 0);
          if (sqlite3_get_autocommit(db)) nSavepoint = 0;
          else exec_ok(db, "ROLLBACK"); /* a busy COMMIT */
          nSavepoint = 0;
        }
        break;
    }
    sqlite3_free(zSql);
    if (attached < 0) continue;
    char zBsc[512];
    snprintf(zBsc, sizeof(zBsc), "%s", query_text(db, zBscReach));
    ck_assert_msg(strcmp(zBsc, query_text(db, zPlainReach)) == 0, "step %d (op %d): bsc_reach says %s, the map %s",
                  step, op, zBsc, query_text(db, zPlainReach));
    nChecked++;
  }
  ck_assert_int_gt(nChecked, 500);
  if (!sqlite3_get_autocommit(db)) exec_ok(db, "ROLLBACK");
  for (int f = 0; f < 2; f++) {
    ck_assert_int_eq(sqlite3_close(aOther[f]), SQLITE_OK);
  }
  db_close(db);
  for (int f = 0; f < 2; f++) db_remove_file(azPath[f]);
}
END_TEST

/* A write to the links patches the cached graph: the links written are
** read again by rowid, the nodes and KPIs are not; so does an update of a
** node that keeps its id: its row is read again by rowid. A write that
** adds, removes or renames a node, or to another table of the graph, reads
** the map anew. */
START_TEST(link_write_patches_the_graph) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'R', 'financial'),"
              " ('cust', 'C', 'customer'), ('ops', 'O', 'internal');"
              "INSERT INTO links(cause, effect, weight) VALUES ('cust', 'rev', 2), ('ops', 'cust', 3)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(strength) FROM bsc_chains('ops')"), "6.0");
  /* the map read anew: its KPIs are read whole */
  Runs nodes = {"SELECT id, objective FROM \"main\".\"kpis_data\"", 0}, rows = {"SELECT cause, effect, weight, sign, lag FROM \"main\".\"links_data\" WHERE rid", 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &nodes);
  exec_ok(db, "UPDATE links SET weight = 5, sign = 'negative' WHERE cause = 'ops'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(strength) FROM bsc_chains('ops')"), "-10.0");
  ck_assert_int_eq(nodes.n, 0);
  exec_ok(db, "UPDATE objectives SET title = 'Revenue' WHERE id = 'rev'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(strength) FROM bsc_chains('ops')"), "-10.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_dot() LIKE '%Revenue%'"), "1");
  ck_assert_int_eq(nodes.n, 0);
  /* another perspective: the chains end elsewhere */
  exec_ok(db, "UPDATE objectives SET perspective = 'financial' WHERE id = 'cust'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > cust;ops > cust > rev");
  ck_assert_int_eq(nodes.n, 0);
  exec_ok(db, "UPDATE objectives SET perspective = 'customer' WHERE id = 'cust'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > cust > rev");
  ck_assert_int_eq(nodes.n, 0);
  /* a node added, renamed: read anew */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('new', 'N', 'financial')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > cust > rev");
  ck_assert_int_eq(nodes.n, 1);
  exec_ok(db, "UPDATE objectives SET id = 'newer' WHERE id = 'new'; INSERT INTO links(cause, effect) VALUES ('ops', 'newer')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > newer;ops > cust > rev");
  ck_assert_int_eq(nodes.n, 2);
  exec_ok(db, "DELETE FROM links WHERE effect = 'newer'; DELETE FROM objectives WHERE id = 'newer'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > cust > rev");
  ck_assert_int_eq(nodes.n, 3);
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &rows);
  exec_ok(db, "DELETE FROM links WHERE cause = 'cust'; INSERT INTO links(cause, effect) VALUES ('ops', 'rev')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path) FROM bsc_chains('ops')"), "ops > rev");
  ck_assert_int_eq(rows.n, 1);
  sqlite3_trace_v2(db, 0, 0, 0);
  /* a cursor still reads the graph: it is not patched under it, the map is read anew */
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT path FROM bsc_chains('ops')", -1, &pStmt, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('cust', 'rev')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"),
                   "ops > rev;ops > cust > rev");
  ck_assert_str_eq((const char *)sqlite3_column_text(pStmt, 0), "ops > rev");
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  exec_ok(db, "DELETE FROM links WHERE cause = 'cust'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('ops')"), "ops > rev");
  db_close(db);
}
END_TEST

/* The property of the patched graph: after any sequence of writes to the
** links (inserts, updates of values and of keys, deletes, replaces,
** statements refused halfway), transactions, savepoints and rollbacks,
** and now and then a write to another table, bsc_chains answers what a
** recursive query over the shadow tables answers. */
static const char zBscChains[] = "SELECT start, goal, length, strength, path FROM bsc_chains(NULL, 5)";
static const char zPlainChains[] =
    "WITH RECURSIVE ch(start, node, len, path, s, seen) AS ("
    " SELECT id, id, 0, id, 1.0, '/' || id || '/' FROM processes_data"
    " UNION ALL SELECT ch.start, l.effect, ch.len + 1, ch.path || ' > ' || l.effect,"
    "  ch.s * CASE WHEN l.sign = 'negative' THEN -l.weight ELSE l.weight END, ch.seen || l.effect || '/'"
    "  FROM ch JOIN links_data l ON l.cause = ch.node WHERE ch.len < 5 AND instr(ch.seen, '/' || l.effect || '/') = 0)"
    " SELECT start, node, len, s, path FROM ch JOIN objectives_data o ON o.id = ch.node"
    "  AND o.perspective = 'financial' WHERE len > 0 ORDER BY start, len, path";

START_TEST(patched_graph_is_the_map) {
  static const char *const azId[] = {"o0", "o1", "o2", "o3", "o4", "o5", "o6", "p0", "p1"};
  static const char *const azWeight[] = {"0.5", "1", "1.5", "2"};
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o0', 'x', 'financial'),"
              " ('o1', 'x', 'financial'), ('o2', 'x', 'customer'), ('o3', 'x', 'customer'),"
              " ('o4', 'x', 'internal'), ('o5', 'x', 'internal'), ('o6', 'x', 'learning');"
              "INSERT INTO processes(id, title, cluster) VALUES ('p0', 'x', 'operations'), ('p1', 'x', 'innovation')");
  unsigned state = 4242u;
  int nSavepoint = 0, nChains = 0;
  for (int step = 0; step < 1200; step++) {
    int op = (int)(next_random(&state) % 11);
    const char *zFrom = azId[next_random(&state) % 9], *zTo = azId[next_random(&state) % 7];
    const char *zTo2 = azId[next_random(&state) % 7], *zW = azWeight[next_random(&state) % 4];
    const char *zSign = next_random(&state) % 3 ? "positive" : "negative";
    char *zSql = 0;
    switch (op) {
      case 0:
      case 1:
        zSql = sqlite3_mprintf("INSERT INTO links(cause, effect, weight, sign) VALUES (%Q, %Q, %s, %Q)", zFrom, zTo,
                               zW, zSign);
        break;
      case 2:
        zSql = sqlite3_mprintf("UPDATE links SET weight = %s, sign = %Q, lag = 1 WHERE cause = %Q", zW, zSign, zFrom);
        break;
      case 3:
        zSql = sqlite3_mprintf("UPDATE links SET effect = %Q WHERE cause = %Q AND effect = %Q", zTo2, zFrom, zTo);
        break;
      case 4:
        zSql = sqlite3_mprintf("DELETE FROM links WHERE effect = %Q", zTo);
        break;
      case 5: /* the second row is refused (no such node): the statement changes nothing */
        zSql = sqlite3_mprintf("INSERT OR REPLACE INTO links(cause, effect, weight) VALUES (%Q, %Q, %s),"
                               " (%Q, 'nowhere', 1)", zFrom, zTo, zW, zFrom);
        break;
      case 6:
        zSql = sqlite3_mprintf("INSERT OR REPLACE INTO links(cause, effect, weight) VALUES (%Q, %Q, %s)", zFrom, zTo, zW);
        break;
      case 7: /* a transaction or savepoint begins, is rolled back or ends */
      case 8:
      case 9:
        zSql = transaction_step(db, &state, op - 7, &nSavepoint);
        break;
      case 10: /* a node: patched (title, perspective), or read anew (an id) */
        switch (next_random(&state) % 4) {
          case 0: zSql = sqlite3_mprintf("UPDATE objectives SET title = 'y%d' WHERE id = %Q", step, zTo); break;
          case 1:
            zSql = sqlite3_mprintf("UPDATE objectives SET perspective = %Q WHERE id = %Q",
                                   next_random(&state) % 2 ? "financial" : "customer", zTo);
            break;
          case 2: zSql = sqlite3_mprintf("UPDATE processes SET title = 'p%d', cluster = 'innovation' WHERE id = 'p0'", step); break;
          default: zSql = sqlite3_mprintf("UPDATE objectives SET id = %Q || 'x' WHERE id = %Q", zTo, zTo); break;
        }
        break;
    }
    if (zSql) sqlite3_exec(db, zSql, 0, 0, 0); /* a refused write: fine */
    sqlite3_free(zSql);
    char zBsc[65536];
    snprintf(zBsc, sizeof(zBsc), "%s", query_rows(db, zBscChains));
    ck_assert_msg(strcmp(zBsc, query_rows(db, zPlainChains)) == 0, "step %d (op %d): bsc_chains says\n%s\nthe map\n%s",
                  step, op, zBsc, query_rows(db, zPlainChains));
    nChains += zBsc[0] != 0;
  }
  ck_assert_int_gt(nChains, 300);
  if (!sqlite3_get_autocommit(db)) exec_ok(db, "ROLLBACK");
  db_close(db);
}
END_TEST

Suite *cache_suite(void) {
  Suite *s = suite_create("cache");
  TCase *tc = tcase_create("statements");
  tcase_add_test(tc, writes_under_a_low_variable_limit);
  tcase_add_test(tc, probes_run_once);
  tcase_add_test(tc, stamp_once_until_read_or_rolled_back);
  tcase_add_test(tc, derived_scores_check_once_a_scan);
  tcase_add_test(tc, interrupted_write_reports_the_interrupt);
  suite_add_tcase(s, tc);
  tc = tcase_create("graph");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, reattached_wal_map_is_read_again);
  tcase_add_test(tc, measurement_write_keeps_the_graph);
  tcase_add_test(tc, map_without_stamps_is_never_stale);
  tcase_add_test(tc, initiative_write_rebuilds_the_graph);
  tcase_add_test(tc, no_sequence_gives_a_stale_answer);
  tcase_add_test(tc, link_write_patches_the_graph);
  tcase_add_test(tc, patched_graph_is_the_map);
  suite_add_tcase(s, tc);
  return s;
}
