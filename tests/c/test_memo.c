/* Remembered scorecards (memo.c): bsc_scorecard asked again hands out the
** rows it kept while the map is unchanged, scores again only the KPIs whose
** measurements or targets this connection wrote, and otherwise reads anew;
** never a stale row. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* What scoring a KPI reads first: its measurements (scorecard.c). */
static const char zReadsMeasurements[] = "SELECT period, actual, target FROM";

static const char zMap[] =
    "INSERT INTO objectives(id, title, perspective) VALUES ('rev', 'Revenue', 'financial'),"
    " ('cust', 'Customers', 'customer'), ('ops', 'Operations', 'internal');"
    "INSERT INTO kpis(id, objective, title, unit, target, red, aggregation, polarity) VALUES"
    " ('sales', 'rev', 'Sales', 'EUR', 100, 50, 'sum', 'higher'), ('nps', 'cust', 'NPS', 'pts', 40, 10, 'average', 'higher'),"
    " ('churn', 'cust', 'Churn', '%', 5, 15, 'last', 'lower'), ('cycle', 'ops', 'Cycle time', 'days', 3, 9, 'average', 'lower');"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2026-04', 30), ('sales', '2026-05', 35),"
    " ('nps', '2026-04', 20), ('nps', '2026-06', 30), ('churn', '2026-05', 9), ('cycle', '2026-01', 4),"
    " ('cycle', '2026-05', 6)";

static const char zAll[] = "SELECT * FROM bsc_scorecard('2026-Q2')";

/* A connection to a new map of every table, holding zMap. */
static sqlite3 *memo_map(void) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db, sql_file("sql/schema.sql"));
  exec_ok(db, zMap);
  return db;
}

START_TEST(scorecard_is_remembered_and_follows_writes) {
  sqlite3 *db = memo_map();
  char zFirst[4096];
  snprintf(zFirst, sizeof(zFirst), "%s", query_rows(db, zAll));
  Runs r = {zReadsMeasurements, 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &r);
  /* asked again: the same rows, texts and all, and no KPI scored */
  ck_assert_str_eq(query_rows(db, zAll), zFirst);
  ck_assert_int_eq(r.n, 0);
  /* a measurement written: that KPI alone is scored again */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2026-06', 40)");
  ck_assert_str_eq(query_rows(db, "SELECT actual || ' ' || score FROM bsc_scorecard('2026-Q2') WHERE kpi = 'sales'"),
                   "105.0 2.33333333333333\n");
  ck_assert_int_eq(r.n, 1);
  /* a target written, updated and deleted: followed the same way */
  r.n = 0;
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('nps', '2026-Q2', 20, 5)");
  ck_assert_str_eq(query_rows(db, "SELECT target_source FROM bsc_scorecard('2026-Q2') WHERE kpi = 'nps'"),
                   "targets:2026-Q2\n");
  exec_ok(db, "UPDATE measurements SET kpi = 'churn' WHERE kpi = 'nps' AND period = '2026-06'");
  ck_assert_str_eq(query_rows(db, "SELECT kpi, actual FROM bsc_scorecard('2026-Q2') WHERE kpi IN ('nps', 'churn')"),
                   "nps|20.0\nchurn|30.0\n");
  ck_assert_int_eq(r.n, 3); /* nps; then nps and churn, the update's KPIs before and after */
  /* a KPI's thresholds written: that KPI scored again */
  r.n = 0;
  exec_ok(db, "UPDATE kpis SET target = 120 WHERE id = 'sales'");
  ck_assert_str_eq(query_rows(db, "SELECT target FROM bsc_scorecard('2026-Q2') WHERE kpi = 'sales'"), "360.0\n");
  ck_assert_int_eq(r.n, 1);
  /* texts are read where they are: a title written changes no score */
  r.n = 0;
  exec_ok(db, "UPDATE kpis SET title = 'Net sales' WHERE id = 'sales';"
              "UPDATE objectives SET title = 'Net revenue' WHERE id = 'rev';"
              "INSERT INTO objectives(id, title, perspective) VALUES ('new', 'New', 'customer')");
  ck_assert_str_eq(query_rows(db, "SELECT objective, kpi, title FROM bsc_scorecard('2026-Q2') WHERE kpi = 'sales'"),
                   "rev|sales|Net sales\n");
  ck_assert_int_eq(r.n, 1);
  /* a KPI moved to another objective, an objective to another
  ** perspective, a new KPI: rows move, read anew */
  const char *azMove[] = {"UPDATE kpis SET objective = 'ops' WHERE id = 'nps'",
                          "UPDATE objectives SET perspective = 'learning' WHERE id = 'cust'",
                          "INSERT INTO kpis(id, objective, title) VALUES ('hires', 'new', 'Hires')"};
  const char *azKpis[] = {"sales,churn,nps,cycle\n", "sales,nps,cycle,churn\n", "sales,hires,nps,cycle,churn\n"};
  for (int i = 0; i < 3; i++) {
    r.n = 0;
    exec_ok(db, azMove[i]);
    ck_assert_str_eq(query_rows(db, "SELECT group_concat(kpi) FROM bsc_scorecard('2026-Q2')"), azKpis[i]);
    ck_assert_int_eq(r.n, 4 + (i == 2));
  }
  /* another period: remembered apart */
  r.n = 0;
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_scorecard('2026-01')"), "5");
  ck_assert_int_eq(r.n, 5);
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_scorecard('2026-Q2')"), "5");
  ck_assert_int_eq(r.n, 5);
  sqlite3_trace_v2(db, 0, 0, 0);
  db_close(db);
}
END_TEST

/* A call stopped by a LIMIT keeps nothing, a cursor reading remembered
** rows keeps reading them while a write changes the map, and a rollback
** brings back the rows of the map rolled back to. */
START_TEST(remembered_rows_are_never_stale) {
  sqlite3 *db = memo_map();
  ck_assert_str_eq(query_text(db, "SELECT kpi FROM bsc_scorecard('2026-Q2') LIMIT 1"), "sales");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('churn', '2026-06', 12)");
  ck_assert_str_eq(query_rows(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "12.0\n");
  sqlite3_stmt *pStmt; /* it reads the rows just kept */
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT kpi, actual FROM bsc_scorecard('2026-Q2')", -1, &pStmt, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  exec_ok(db, "UPDATE measurements SET actual = 1 WHERE kpi = 'churn'");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "1.0");
  /* the cursor reads the scorecard as it was when it started */
  int bSeen = 0;
  do {
    if (strcmp((const char *)sqlite3_column_text(pStmt, 0), "churn") == 0) {
      ck_assert_str_eq((const char *)sqlite3_column_text(pStmt, 1), "12.0");
      bSeen = 1;
    }
  } while (sqlite3_step(pStmt) == SQLITE_ROW);
  ck_assert_int_eq(bSeen, 1);
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  exec_ok(db, "BEGIN; UPDATE measurements SET actual = 2 WHERE kpi = 'churn'");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "2.0");
  exec_ok(db, "ROLLBACK");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "1.0");
  exec_ok(db, "BEGIN; SAVEPOINT a; UPDATE measurements SET actual = 3 WHERE kpi = 'churn'");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "3.0");
  exec_ok(db, "ROLLBACK TO a");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "1.0");
  exec_ok(db, "COMMIT");
  /* a write around bsc keeps the table's stamp (docs/data-model.md): seen
  ** once its changes row is gone, and then on every call */
  ck_assert_str_eq(query_rows(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "1.0\n");
  exec_ok(db, "UPDATE measurements_data SET actual = 4 WHERE kpi = 'churn'");
  ck_assert_str_eq(query_rows(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "1.0\n");
  exec_ok(db, "DELETE FROM measurements_config WHERE k = 'changes'");
  ck_assert_str_eq(query_rows(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "4.0\n");
  exec_ok(db, "UPDATE measurements_data SET actual = 5 WHERE kpi = 'churn'");
  ck_assert_str_eq(query_rows(db, "SELECT actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'churn'"), "5.0\n");
  /* a setting changes how every KPI reads its periods: read anew */
  exec_ok(db, "INSERT INTO settings(key, value) VALUES ('fiscal_year_start', '4')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period) FROM bsc_scorecard('2026-Q2')"),
                   "2026-Q2,2026-Q2,2026-Q2,2026-Q2");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period) FROM bsc_scorecard('FY2027-Q1')"),
                   "FY2027-Q1,FY2027-Q1,FY2027-Q1,FY2027-Q1");
  db_close(db);
}
END_TEST

/* Each unit's scorecard is remembered apart, with the unit it shows. */
START_TEST(units_are_remembered_apart) {
  sqlite3 *db = memo_map();
  exec_ok(db, "INSERT INTO units(id, title) VALUES ('grp', 'Group');"
              "INSERT INTO units(id, title, parent) VALUES ('shop', 'Shop', 'grp');"
              "INSERT INTO objectives(id, title, perspective, unit) VALUES ('shop_rev', 'Shop revenue', 'financial', 'shop');"
              "INSERT INTO kpis(id, objective, title, target, red) VALUES ('shop_sales', 'shop_rev', 'Shop sales', 10, 5);"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('shop_sales', '2026-05', 8)");
  Runs r = {zReadsMeasurements, 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &r);
  for (int i = 0; i < 2; i++) {
    ck_assert_str_eq(query_rows(db, "SELECT group_concat(kpi) || ' ' || for_unit FROM bsc_scorecard('2026-Q2', NULL, 'shop')"),
                     "shop_sales shop\n");
    ck_assert_str_eq(query_rows(db, "SELECT group_concat(kpi) || ' ' || for_unit FROM bsc_scorecard('2026-Q2')"),
                     "sales,nps,churn,cycle grp\n");
    ck_assert_int_eq(r.n, 5); /* the second time, none is scored */
  }
  exec_fails(db, "SELECT * FROM bsc_scorecard('2026-Q2', NULL, 'nowhere')",
             "bsc: bsc_scorecard: no unit 'nowhere' in the map of schema 'main'");
  sqlite3_trace_v2(db, 0, 0, 0);
  db_close(db);
}
END_TEST

/* The scorecard at each KPI's latest period, and the same as a fresh
** reading gives it: the derived columns of kpis score each KPI anew. */
static const char zRemembered[] = "SELECT kpi, title, period, actual, score, trend FROM bsc_scorecard() ORDER BY kpi";
static const char zFresh[] = "SELECT id, title, period, actual, score, trend FROM kpis ORDER BY id";

/* The property: after any sequence of writes to the measurements and
** targets (inserts, updates of values and keys, deletes, replaces, writes
** refused halfway), transactions, savepoints and rollbacks, and now and
** then a write to the KPIs or the settings, and scans stopped early, the
** remembered scorecard is what the KPIs' own derived scores say, and what
** another connection reads once the transaction is over. */
START_TEST(remembered_scorecard_is_the_map) {
  static const char *const azKpi[] = {"sales", "nps", "churn", "cycle", "ghost"};
  static const char *const azPeriod[] = {"2026-04", "2026-05", "2026-06", "2026-Q2", "2026-03", "2025-12"};
  const char *zPath = temp_db_path("memo");
  db_remove_file(zPath);
  sqlite3 *db = db_open(zPath), *pOther = db_open(zPath);
  exec_ok(db, sql_file("sql/schema.sql"));
  exec_ok(db, zMap);
  unsigned state = 777u;
  int nSavepoint = 0, nCompared = 0;
  for (int step = 0; step < 600; step++) {
    int op = (int)(next_random(&state) % 15);
    const char *zKpi = azKpi[next_random(&state) % 5], *zKpi2 = azKpi[next_random(&state) % 4];
    const char *zPeriod = azPeriod[next_random(&state) % 6];
    int v = (int)(next_random(&state) % 50);
    char *zSql = 0;
    switch (op) {
      case 0:
      case 1:
        zSql = sqlite3_mprintf("INSERT INTO measurements(kpi, period, actual) VALUES (%Q, %Q, %d)", zKpi, zPeriod, v);
        break;
      case 2:
        zSql = sqlite3_mprintf("UPDATE measurements SET actual = %d, target = %d WHERE kpi = %Q", v, v + 1, zKpi);
        break;
      case 3:
        zSql = sqlite3_mprintf("UPDATE measurements SET kpi = %Q WHERE kpi = %Q AND period = %Q", zKpi2, zKpi, zPeriod);
        break;
      case 4:
        zSql = sqlite3_mprintf("DELETE FROM measurements WHERE period = %Q", zPeriod);
        break;
      case 5:
        zSql = sqlite3_mprintf("INSERT OR REPLACE INTO targets(kpi, period, target, red) VALUES (%Q, %Q, %d, %d)", zKpi,
                               zPeriod, v + 20, v + 20 - (strcmp(zKpi, "churn") == 0 || strcmp(zKpi, "cycle") == 0 ? -5 : 5));
        break;
      case 6:
        zSql = sqlite3_mprintf("INSERT OR REPLACE INTO measurements(kpi, period, actual) VALUES (%Q, %Q, %d)", zKpi,
                               zPeriod, v);
        break;
      case 7: /* a transaction or savepoint begins, is rolled back or ends */
      case 8:
      case 9:
        zSql = transaction_step(db, &state, op - 7, &nSavepoint);
        break;
      case 10: /* read anew */
        zSql = next_random(&state) % 2
                   ? sqlite3_mprintf("UPDATE kpis SET aggregation = %Q WHERE id = %Q", v % 2 ? "sum" : "last", zKpi)
                   : sqlite3_mprintf("INSERT OR REPLACE INTO settings(key, value) VALUES ('finer_periods', %Q)",
                                     v % 2 ? "latest" : "unscored");
        break;
      case 11: /* a scan stopped early keeps nothing */
        query_rows(db, "SELECT kpi FROM bsc_scorecard() LIMIT 2");
        break;
      case 12: { /* followed (a title) or not (a perspective) */
        static const char *const azObj[] = {"rev", "cust", "ops"};
        static const char *const azPersp[] = {"financial", "customer", "internal", "learning"};
        const char *zObj = azObj[next_random(&state) % 3];
        zSql = next_random(&state) % 2
                   ? sqlite3_mprintf("UPDATE objectives SET title = 't%d' WHERE id = %Q", v, zObj)
                   : sqlite3_mprintf("UPDATE objectives SET perspective = %Q WHERE id = %Q", azPersp[v % 4], zObj);
        break;
      }
      case 13: /* followed (thresholds) or not (another objective) */
        zSql = next_random(&state) % 2
                   ? sqlite3_mprintf("UPDATE kpis SET target = %d, red = %d WHERE id = %Q", v + 10,
                                     strcmp(zKpi, "churn") == 0 || strcmp(zKpi, "cycle") == 0 ? v + 20 : v, zKpi)
                   : sqlite3_mprintf("UPDATE kpis SET objective = %Q WHERE id = %Q", v % 2 ? "ops" : "cust", zKpi);
        break;
      case 14: /* a KPI comes and goes */
        zSql = sqlite3_mprintf(v % 2 ? "INSERT INTO kpis(id, objective, title, target) VALUES ('extra', 'rev', 'X', %d)"
                                     : "DELETE FROM kpis WHERE id = 'extra'", v);
        break;
    }
    if (zSql) sqlite3_exec(db, zSql, 0, 0, 0); /* a refused write: fine */
    sqlite3_free(zSql);
    char zBsc[8192];
    snprintf(zBsc, sizeof(zBsc), "%s", query_rows(db, zRemembered));
    ck_assert_msg(strcmp(zBsc, query_rows(db, zFresh)) == 0, "step %d (op %d): remembered\n%s\nfresh\n%s", step, op,
                  zBsc, query_rows(db, zFresh));
    /* a period asked for: another connection reads the committed map */
    if (sqlite3_get_autocommit(db) && step % 5 == 0) {
      snprintf(zBsc, sizeof(zBsc), "%s", query_rows(db, zAll));
      ck_assert_msg(strcmp(zBsc, query_rows(pOther, zAll)) == 0, "step %d (op %d): remembered\n%s\nanother\n%s", step,
                    op, zBsc, query_rows(pOther, zAll));
      nCompared++;
    }
  }
  ck_assert_int_gt(nCompared, 40);
  if (!sqlite3_get_autocommit(db)) exec_ok(db, "ROLLBACK");
  ck_assert_int_eq(sqlite3_close(pOther), SQLITE_OK);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

Suite *memo_suite(void) {
  Suite *s = suite_create("memo");
  TCase *tc = tcase_create("scorecard");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, scorecard_is_remembered_and_follows_writes);
  tcase_add_test(tc, remembered_rows_are_never_stale);
  tcase_add_test(tc, units_are_remembered_apart);
  tcase_add_test(tc, remembered_scorecard_is_the_map);
  suite_add_tcase(s, tc);
  return s;
}
