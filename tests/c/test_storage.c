/* Where the map lives: shadow tables, persistence, transactions, DDL on the
** tables, attached schemas, WAL, security settings (ext/table.c, ext/store.c). */
#include "harness.h"

#include <stdio.h>
#include <string.h>

static const char *zSchemaSql =
    "CREATE VIRTUAL TABLE processes    USING bsc_processes;"
    "CREATE VIRTUAL TABLE objectives   USING bsc_objectives;"
    "CREATE VIRTUAL TABLE links        USING bsc_links;"
    "CREATE VIRTUAL TABLE kpis         USING bsc_kpis;"
    "CREATE VIRTUAL TABLE measurements USING bsc_measurements;";

static const char *zFillSql =
    "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('p1', 'Make', 'ops', 'produce');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
    " ('f1', 'Revenue', 'F', NULL), ('c1', 'Loyalty', 'C', NULL), ('i1', 'Speed', 'I', 'ops');"
    "INSERT INTO links(cause, effect, lag) VALUES ('p1', 'i1', 1), ('i1', 'c1', 2), ('c1', 'f1', 3);"
    "INSERT INTO kpis(id, objective, title, target) VALUES ('k1', 'f1', 'Sales', 100);"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-q1', 90), ('k1', '2026-Q2', 95);";

/* Every row of the map as one line of text, to compare states. */
static const char *map_text(sqlite3 *db, const char *zSchema) {
  char zSql[1200];
  snprintf(zSql, sizeof(zSql),
           "SELECT (SELECT group_concat(id || ',' || title || ',' || cluster || ',' || ifnull(subprocess, '-'), ';')"
           "        FROM \"%s\".processes) || ' | ' ||"
           "       (SELECT group_concat(id || ',' || perspective || ',' || weight || ',' || kpis, ';')"
           "        FROM \"%s\".objectives) || ' | ' ||"
           "       (SELECT group_concat(cause || '>' || effect || ',' || lag, ';') FROM \"%s\".links) || ' | ' ||"
           "       (SELECT group_concat(id || ',' || objective || ',' || target, ';') FROM \"%s\".kpis) || ' | ' ||"
           "       (SELECT group_concat(kpi || ',' || period || ',' || actual, ';') FROM \"%s\".measurements)",
           zSchema, zSchema, zSchema, zSchema, zSchema);
  return query_text(db, zSql);
}

static const char *zFilled =
    "p1,Make,operations,produce | f1,financial,1.0,1;c1,customer,1.0,0;i1,internal,1.0,0 | "
    "p1>i1,1;i1>c1,2;c1>f1,3 | k1,f1,100.0 | k1,2026-Q1,90.0;k1,2026-Q2,95.0";

/* Names of the schema's tables, indexes left out, in creation order. */
static const char *table_names(sqlite3 *db, const char *zSchema) {
  char zSql[300];
  snprintf(zSql, sizeof(zSql),
           "SELECT ifnull(group_concat(name, ' '), '') FROM (SELECT name FROM \"%s\".sqlite_master"
           " WHERE type='table' ORDER BY rowid)",
           zSchema);
  return query_text(db, zSql);
}

/* ------------------------------------------------------------ persistence */

START_TEST(map_persists_across_connections) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("persist"));
  sqlite3 *db = db_open(zPath);
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  db_close(db);

  db = db_open(zPath);
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  /* the storage records its format and its module */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(k || '=' || iif(k='changes', typeof(v), v), ' ')"
                                  " FROM objectives_config"),
                   "changes=integer format=3 module=bsc_objectives");
  ck_assert_str_eq(query_text(db, "SELECT v FROM measurements_config WHERE k='format'"), "3");
  /* rules hold against what is stored */
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('p1', 'T', 'F')",
             "bsc: objectives.id: 'p1' is already the id of a process; processes and objectives "
             "share one set of ids");
  exec_fails(db, "DELETE FROM kpis",
             "bsc: kpis.id: cannot delete KPI 'k1': measurements row (kpi 'k1', period '2026-Q1') "
             "still refers to it; change or delete that row first");
  exec_ok(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'c1', 'NPS'); DELETE FROM links WHERE lag=1");
  db_close(db);

  db = db_open(zPath);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM objectives"), "f1=1,c1=1,i1=0");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 2);
  db_close(db);

  /* without bsc the map cannot be read, but nothing is lost */
  sqlite3 *plain = 0;
  ck_assert_int_eq(sqlite3_open(zPath, &plain), SQLITE_OK);
  exec_fails(plain, "SELECT * FROM objectives", "no such module: bsc_objectives");
  ck_assert_int_eq(query_int(plain, "SELECT count(*) FROM objectives_data"), 3);
  db_close(plain);
  db_remove_file(zPath);
}
END_TEST

START_TEST(vacuum_keeps_the_map) {
  char zPath[256], zCopy[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("vacuum"));
  snprintf(zCopy, sizeof(zCopy), "%s", temp_db_path("vacuum-into"));
  sqlite3 *db = db_open(zPath);
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('gone', 'T', 'L'); DELETE FROM objectives WHERE id='gone'");
  exec_ok(db, "VACUUM");
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  /* with every table connected (map_text read them): a declared PRIMARY KEY
  ** gave each an index whose root page was an opcode number, 11, which
  ** integrity_check took for a second use of page 11 */
  ck_assert_str_eq(query_text(db, "PRAGMA integrity_check"), "ok");
  ck_assert_str_eq(query_text(db, "PRAGMA quick_check"), "ok");
  char zSql[300];
  snprintf(zSql, sizeof(zSql), "VACUUM INTO '%s'", zCopy);
  exec_ok(db, zSql);
  db_close(db);
  db = db_open(zCopy);
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  exec_fails(db, "DELETE FROM processes",
             "bsc: processes.id: cannot delete process 'p1': links row (cause 'p1', effect 'i1') "
             "still refers to it; change or delete that row first");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'T', 'L')");
  db_close(db);
  db_remove_file(zPath);
  db_remove_file(zCopy);
}
END_TEST

START_TEST(newer_storage_format_is_refused) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("format"));
  sqlite3 *db = db_open(zPath);
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  db_close(db);
  sqlite3 *plain = 0;
  ck_assert_int_eq(sqlite3_open(zPath, &plain), SQLITE_OK);
  exec_ok(plain, "UPDATE kpis_config SET v=4 WHERE k='format'");
  db_close(plain);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM kpis",
             "bsc: kpis: storage format 4 is not one this bsc (format 3) reads; use a newer bsc");
  /* the other tables still work */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 3);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

START_TEST(map_of_format_1_opens) {
  /* tests/fixtures/format1.db was made by the first storage format */
  sqlite3 *db = db_open_readonly("tests/fixtures/format1.db");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM objectives"),
                   "profit=1,loyalty=1,reliable=1,skills=1");
  ck_assert_int_gt(query_int(db, "SELECT count(*) FROM measurements"), 0);
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', 'F')",
             "attempt to write a readonly database");
  db_close(db);
}
END_TEST

/* ----------------------------------------------------------- transactions */

START_TEST(rollback_undoes_writes) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  exec_ok(db,
          "BEGIN;"
          "INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'Skills', 'L');"
          "INSERT INTO links(cause, effect) VALUES ('l1', 'i1');"
          "UPDATE kpis SET target=1 WHERE id='k1';"
          "UPDATE processes SET title='Build';"
          "DELETE FROM measurements;"
          "DELETE FROM kpis;"
          "ROLLBACK");
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  /* after the rollback the map is fully usable: the rolled-back id is free again */
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('l1', 'Train', 'ops')");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('i1', 'l1')",
             "bsc: links.effect: 'l1' is a process, not an objective");
  db_close(db);
}
END_TEST

START_TEST(creating_the_map_rolls_back) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db, "BEGIN");
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  exec_ok(db, "ROLLBACK");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM sqlite_master"), 0);
  exec_fails(db, "SELECT * FROM objectives", "no such table: objectives");
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  db_close(db);
}
END_TEST

START_TEST(savepoints_undo_writes) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "BEGIN;"
          "INSERT INTO objectives(id, title, perspective) VALUES ('f1', 'Revenue', 'F');"
          "SAVEPOINT a;"
          "INSERT INTO objectives(id, title, perspective) VALUES ('c1', 'Loyalty', 'C');"
          "INSERT INTO links(cause, effect) VALUES ('c1', 'f1');"
          "SAVEPOINT b;"
          "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'c1', 'NPS');"
          "DELETE FROM links;"
          "ROLLBACK TO b;");
  ck_assert_str_eq(query_text(db, "SELECT (SELECT count(*) FROM kpis) || (SELECT count(*) FROM links)"), "01");
  exec_ok(db, "ROLLBACK TO a");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives"), "f1");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 0);
  /* the ids rolled back are free, and the work after ROLLBACK TO is kept */
  exec_ok(db,
          "INSERT INTO processes(id, title, cluster) VALUES ('c1', 'Serve', 'CRM');"
          "INSERT INTO links(cause, effect) VALUES ('c1', 'f1');"
          "RELEASE a;"
          "SAVEPOINT c;"
          "UPDATE links SET weight=9;"
          "RELEASE c;"
          "COMMIT");
  ck_assert_str_eq(query_text(db, "SELECT cause || '>' || effect || ' ' || weight FROM links"), "c1>f1 9.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM processes"), "c1");
  /* a savepoint outside BEGIN is a transaction of its own */
  exec_ok(db, "SAVEPOINT s; DELETE FROM links; DELETE FROM processes; ROLLBACK TO s; RELEASE s");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM processes"), 1);
  db_close(db);
}
END_TEST

START_TEST(failed_statement_writes_nothing) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  /* inside an explicit transaction: the earlier rows of the failing
  ** statement are undone, the earlier statements are kept until COMMIT */
  exec_ok(db, "BEGIN; INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'Skills', 'L')");
  exec_fails(db,
             "INSERT INTO objectives(id, title, perspective) VALUES ('l2', 'A', 'L'), ('l3', 'B', 'L'),"
             " ('l4', 'C', 'somewhere')",
             "bsc: objectives.perspective: 'somewhere' is not a perspective; use financial, customer, "
             "internal, learning or mission (row id 'l4')");
  exec_fails(db,
             "INSERT INTO links(cause, effect) VALUES ('l1', 'c1'), ('l1', 'f1'), ('l1', 'p1')",
             "bsc: links.effect: 'p1' is a process, not an objective");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', '2026-Q3'), ('k1', '2026-q1')",
             "bsc: measurements: a measurement with kpi 'k1', period '2026-Q1' already exists");
  /* an UPDATE that fails on its last row: objectives are scanned in rowid order */
  exec_fails(db, "UPDATE objectives SET perspective='customer'",
             "bsc: objectives.cluster: 'operations' given for a customer objective; only "
             "internal-process objectives belong to a cluster");
  exec_fails(db, "UPDATE links SET lag = 4 - lag * 2",
             "bsc: links.lag: -2 is negative; lag must be >= 0 (row cause 'c1', effect 'f1')");
  exec_fails(db, "UPDATE objectives SET id = id || '2'",
             "bsc: objectives.id: cannot rename objective 'f1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "DELETE FROM objectives WHERE perspective <> 'financial'",
             "bsc: objectives.id: cannot delete objective 'c1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  /* OR REPLACE removes the old row only for good: a later row's failure brings it back */
  exec_fails(db,
             "INSERT OR REPLACE INTO kpis(id, objective, title) VALUES ('k1', 'c1', 'New'), ('k2', 'c1', '')",
             "bsc: kpis.title: '' is empty; kpis.title is required (row id 'k2')");
  ck_assert_str_eq(query_text(db, "SELECT objective || title || target FROM kpis"), "f1Sales100.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || perspective) FROM objectives"),
                   "f1:financial,c1:customer,i1:internal,l1:learning");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect || ',' || lag, ';') FROM links"),
                   "p1>i1,1;i1>c1,2;c1>f1,3");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), 2);
  /* and the transaction, which the map refused writes in, does not commit (load.c) */
  exec_fails(db, "COMMIT",
             "bsc: COMMIT refused and the transaction rolled back: a write to the map failed in it (bsc: "
             "objectives.perspective: 'somewhere' is not a perspective; use financial, customer, internal, "
             "learning or mission (row id 'l4'))");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives"), "f1,c1,i1");
  /* in autocommit mode likewise */
  exec_fails(db,
             "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'c1', 'A'), ('k3', 'c1', NULL)",
             "bsc: kpis.title: NULL is not allowed; kpis.title is required (row id 'k3')");
  exec_ok(db, "INSERT INTO kpis(id, objective, title, target) VALUES ('k2', 'c1', 'NPS', 40)");
  exec_fails(db, "UPDATE kpis SET target = CASE WHEN target > 50 THEN 1 ELSE 1e999 END",
             "bsc: kpis.target: Inf is not a finite number (row id 'k2')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || target) FROM kpis"), "k1=100.0,k2=40.0");
  db_close(db);
}
END_TEST

START_TEST(statements_reading_the_table_they_write) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  /* each source row is read once, before the new ones appear */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) SELECT id || '2', title, 'learning' FROM objectives");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives"), "f1,c1,i1,f12,c12,i12");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual)"
              " SELECT kpi, substr(period, 1, 5) || 'H' || substr(period, 7, 1), actual * 2 FROM measurements");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period || '=' || actual) FROM measurements"),
                   "2026-Q1=90.0,2026-Q2=95.0,2026-H1=180.0,2026-H2=190.0");
  exec_ok(db, "UPDATE objectives SET id = id || 'x' WHERE id LIKE '%2'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives"), "f1,c1,i1,f12x,c12x,i12x");
  exec_ok(db, "DELETE FROM objectives WHERE id IN (SELECT id FROM objectives WHERE perspective='learning')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 3);
  db_close(db);
}
END_TEST

/* -------------------------------------------------------- DDL on the map */

START_TEST(drop_table_removes_shadow_tables) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  ck_assert_str_eq(table_names(db, "main"),
                   "processes processes_data processes_config objectives objectives_data "
                   "objectives_config links links_data links_config kpis kpis_data kpis_config "
                   "measurements measurements_data measurements_config");
  /* a dropped table inside a transaction comes back with ROLLBACK */
  exec_ok(db, "BEGIN; DROP TABLE measurements; DROP TABLE kpis; ROLLBACK");
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  exec_ok(db, "DROP TABLE measurements");
  ck_assert_str_eq(table_names(db, "main"),
                   "processes processes_data processes_config objectives objectives_data "
                   "objectives_config links links_data links_config kpis kpis_data kpis_config");
  /* nothing refers to the KPI any more */
  exec_ok(db, "DELETE FROM kpis");
  exec_ok(db, "DROP TABLE links; DROP TABLE objectives");
  /* with the objectives gone, the KPIs have nothing to name */
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'f1', 'T')",
             "bsc: kpis.objective: 'f1' is not an objective of this map");
  exec_ok(db, "DROP TABLE kpis; DROP TABLE processes");
  ck_assert_str_eq(table_names(db, "main"), "");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM sqlite_master"), 0);
  /* and a fresh map starts empty */
  exec_ok(db, zSchemaSql);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 0);
  exec_ok(db, zFillSql);
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  db_close(db);
}
END_TEST

START_TEST(rename_keeps_data_and_references) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  exec_ok(db,
          "ALTER TABLE objectives RENAME TO goals;"
          "ALTER TABLE kpis RENAME TO measures;"
          "ALTER TABLE links RENAME TO arrows");
  ck_assert_str_eq(table_names(db, "main"),
                   "processes processes_data processes_config goals goals_data goals_config "
                   "arrows arrows_data arrows_config measures measures_data measures_config "
                   "measurements measurements_data measurements_config");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM goals"), "f1=1,c1=0,i1=0");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM arrows"), 3);
  /* references find the renamed tables, and errors name them */
  exec_ok(db,
          "INSERT INTO arrows(cause, effect) VALUES ('p1', 'c1');"
          "INSERT INTO measures(id, objective, title) VALUES ('k2', 'c1', 'NPS');"
          "INSERT INTO measurements(kpi, period) VALUES ('k2', '2026')");
  exec_fails(db, "INSERT INTO arrows(cause, effect) VALUES ('k2', 'c1')",
             "bsc: arrows.cause: 'k2' is not a process or an objective of this map");
  exec_fails(db, "DELETE FROM goals WHERE id='f1'",
             "bsc: goals.id: cannot delete objective 'f1': arrows row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "DELETE FROM measures WHERE id='k2'",
             "bsc: measures.id: cannot delete KPI 'k2': measurements row (kpi 'k2', period '2026') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('c1', 'T', 'ops')",
             "bsc: processes.id: 'c1' is already the id of an objective; processes and objectives "
             "share one set of ids");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM goals"), "f1=1,c1=1,i1=0");
  /* renamed back, everything is where it was */
  exec_ok(db, "ALTER TABLE goals RENAME TO objectives; ALTER TABLE arrows RENAME TO links;"
              "ALTER TABLE measures RENAME TO kpis");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 4);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 2);
  exec_fails(db, "DELETE FROM objectives WHERE id='c1'",
             "bsc: objectives.id: cannot delete objective 'c1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  /* a rename rolled back */
  exec_ok(db, "BEGIN; ALTER TABLE processes RENAME TO steps; INSERT INTO steps(id, title, cluster)"
              " VALUES ('p2', 'T', 'ops'); ROLLBACK");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM processes"), "p1");
  exec_fails(db, "DELETE FROM processes",
             "bsc: processes.id: cannot delete process 'p1': links row (cause 'p1', effect 'c1') "
             "still refers to it; change or delete that row first");
  db_close(db);
}
END_TEST

START_TEST(rename_on_a_file_survives_reopen) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("rename"));
  sqlite3 *db = db_open(zPath);
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  exec_ok(db, "ALTER TABLE objectives RENAME TO \"our goals\"");
  db_close(db);
  db = db_open(zPath);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM \"our goals\""), "f1,c1,i1");
  exec_fails(db, "DELETE FROM \"our goals\" WHERE id='i1'",
             "bsc: our goals.id: cannot delete objective 'i1': links row (cause 'i1', effect 'c1') "
             "still refers to it; change or delete that row first");
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('p1', 'f1')");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

START_TEST(one_table_per_module_per_schema) {
  sqlite3 *db = db_with_map();
  static const char *aModule[] = {"processes", "objectives", "links", "kpis", "measurements"};
  for (int i = 0; i < 5; i++) {
    char zSql[200], zMsg[300];
    snprintf(zSql, sizeof(zSql), "CREATE VIRTUAL TABLE second USING bsc_%s", aModule[i]);
    snprintf(zMsg, sizeof(zMsg),
             "bsc: second: schema main already has a bsc_%s table, %s; a schema holds one map "
             "(attach another database for a second map)",
             aModule[i], aModule[i]);
    exec_fails(db, zSql, zMsg);
  }
  /* however the module is spelled */
  exec_fails(db, "CREATE VIRTUAL TABLE second USING BSC_Objectives",
             "bsc: second: schema main already has a bsc_objectives table, objectives; a schema holds "
             "one map (attach another database for a second map)");
  exec_fails(db, "CREATE VIRTUAL TABLE \"x y\" USING \"bsc_kpis\"",
             "bsc: x y: schema main already has a bsc_kpis table, kpis; a schema holds "
             "one map (attach another database for a second map)");
  ck_assert_str_eq(table_names(db, "main"),
                   "processes processes_data processes_config objectives objectives_data "
                   "objectives_config links links_data links_config kpis kpis_data kpis_config "
                   "measurements measurements_data measurements_config");
  /* IF NOT EXISTS on the existing name is a no-op; after a DROP the module is free */
  exec_ok(db, "CREATE VIRTUAL TABLE IF NOT EXISTS objectives USING bsc_objectives");
  exec_ok(db, "DROP TABLE links; CREATE VIRTUAL TABLE arrows USING bsc_links");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a', 'T', 'F'), ('b', 'T', 'C');"
              "INSERT INTO arrows(cause, effect) VALUES ('b', 'a')");
  /* in the temp schema, a separate map */
  exec_ok(db, "CREATE VIRTUAL TABLE temp.objectives USING bsc_objectives");
  exec_ok(db, "INSERT INTO temp.objectives(id, title, perspective) VALUES ('a', 'T', 'L')");
  ck_assert_str_eq(query_text(db, "SELECT perspective FROM temp.objectives"), "learning");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(perspective) FROM main.objectives"), "financial,customer");
  db_close(db);
}
END_TEST

START_TEST(map_found_whatever_the_create_statement_says) {
  /* the stored CREATE statement keeps comments, quotes and line breaks */
  sqlite3 *db = db_open(":memory:");
  exec_ok(db,
          "CREATE VIRTUAL TABLE IF NOT EXISTS goals /* what we want */ USING bsc_objectives;"
          "CREATE VIRTUAL TABLE \"cause \"\"n\"\" effect\" -- the arrows\n\t USING \"bsc_links\";"
          "CREATE VIRTUAL TABLE [kpi list]\n/* one\n-- two */ USING BSC_KPIS ( ) ;");
  exec_ok(db,
          "INSERT INTO goals(id, title, perspective) VALUES ('a', 'T', 'F'), ('b', 'T', 'C');"
          "INSERT INTO \"cause \"\"n\"\" effect\"(cause, effect) VALUES ('b', 'a');"
          "INSERT INTO [kpi list](id, objective, title) VALUES ('k', 'b', 'T')");
  exec_fails(db, "DELETE FROM goals WHERE id='a'",
             "bsc: goals.id: cannot delete objective 'a': cause \"n\" effect row (cause 'b', effect 'a') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "INSERT INTO \"cause \"\"n\"\" effect\"(cause, effect) VALUES ('a', 'k')",
             "bsc: cause \"n\" effect.effect: 'k' is not an objective of this map");
  exec_fails(db, "CREATE VIRTUAL TABLE more USING bsc_objectives",
             "bsc: more: schema main already has a bsc_objectives table, goals; a schema holds one map "
             "(attach another database for a second map)");
  exec_fails(db, "CREATE VIRTUAL TABLE more USING bsc_links",
             "bsc: more: schema main already has a bsc_links table, cause \"n\" effect; a schema holds "
             "one map (attach another database for a second map)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM goals"), "a=0,b=1");
  /* a name with a quote survives a rename, shadow tables included */
  exec_ok(db, "ALTER TABLE goals RENAME TO \"it's\"");
  exec_fails(db, "DELETE FROM \"it's\" WHERE id='b'",
             "bsc: it's.id: cannot delete objective 'b': cause \"n\" effect row (cause 'b', effect 'a') "
             "still refers to it; change or delete that row first");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM \"it's_data\""), 2);
  db_close(db);
}
END_TEST

START_TEST(storage_name_taken) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db, "CREATE TABLE goals_config(x); BEGIN");
  exec_fails(db, "CREATE VIRTUAL TABLE goals USING bsc_objectives",
             "bsc: goals: cannot create its storage: table \"goals_config\" already exists");
  /* goals_data, made before the clash, went with the failed statement */
  exec_ok(db, "COMMIT");
  ck_assert_str_eq(table_names(db, "main"), "goals_config");
  exec_ok(db, "CREATE TABLE objectives_data(x)");
  exec_fails(db, "CREATE VIRTUAL TABLE objectives USING bsc_objectives",
             "bsc: objectives: cannot create its storage: table \"objectives_data\" already exists");
  ck_assert_str_eq(table_names(db, "main"), "goals_config objectives_data");
  db_close(db);
}
END_TEST

START_TEST(rename_onto_a_taken_storage_name) {
  /* the message used to be SQLite's bare "SQL logic error" */
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  exec_ok(db, "CREATE TABLE goals_data(x); CREATE TABLE aims_config(x)");
  exec_fails(db, "ALTER TABLE objectives RENAME TO goals",
             "bsc: objectives: cannot rename it to goals: there is already another table or index "
             "with this name: goals_data");
  /* the second shadow table clashes after the first was renamed: both stay */
  exec_fails(db, "ALTER TABLE objectives RENAME TO aims",
             "bsc: objectives: cannot rename it to aims: there is already another table or index "
             "with this name: aims_config");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name GLOB 'objectives_*'"
                              " OR name GLOB 'goals*' OR name GLOB 'aims*'"), 4);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM objectives"), "f1=1,c1=0,i1=0");
  exec_fails(db, "DELETE FROM objectives WHERE id='f1'",
             "bsc: objectives.id: cannot delete objective 'f1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  db_close(db);
}
END_TEST

START_TEST(module_arguments_are_refused) {
  sqlite3 *db = db_open(":memory:");
  exec_fails(db, "CREATE VIRTUAL TABLE objectives USING bsc_objectives(goals)",
             "bsc: objectives: bsc_objectives takes no arguments, not 'goals'");
  exec_fails(db, "CREATE VIRTUAL TABLE links USING bsc_links(weight REAL, sign)",
             "bsc: links: bsc_links takes no arguments, not 'weight REAL'");
  exec_fails(db, "CREATE VIRTUAL TABLE m USING bsc_measurements('format=2')",
             "bsc: m: bsc_measurements takes no arguments, not ''format=2''");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM sqlite_master"), 0);
  /* empty parentheses are no argument */
  exec_ok(db, "CREATE VIRTUAL TABLE kpis USING bsc_kpis()");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 0);
  db_close(db);
}
END_TEST

/* ------------------------------------------------------- attached schemas */

START_TEST(attached_map_is_independent) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("aux"));
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  char zSql[400];
  snprintf(zSql, sizeof(zSql), "ATTACH '%s' AS aux", zPath);
  exec_ok(db, zSql);
  /* names are free: a map in aux with other names */
  exec_ok(db,
          "CREATE VIRTUAL TABLE aux.steps USING bsc_processes;"
          "CREATE VIRTUAL TABLE aux.goals USING bsc_objectives;"
          "CREATE VIRTUAL TABLE aux.links USING bsc_links();"
          "CREATE VIRTUAL TABLE aux.kpis USING bsc_kpis;");
  exec_fails(db, "CREATE VIRTUAL TABLE aux.more USING bsc_objectives",
             "bsc: more: schema aux already has a bsc_objectives table, goals; a schema holds one map "
             "(attach another database for a second map)");
  /* the same ids in both maps; references resolve within their own schema */
  exec_ok(db,
          "INSERT INTO aux.goals(id, title, perspective) VALUES ('f1', 'Profit', 'F'), ('p1', 'People', 'L');"
          "INSERT INTO aux.links(cause, effect) VALUES ('p1', 'f1')");
  exec_fails(db, "INSERT INTO aux.links(cause, effect) VALUES ('i1', 'f1')",
             "bsc: links.cause: 'i1' is not a process or an objective of this map");
  exec_fails(db, "INSERT INTO aux.kpis(id, objective, title) VALUES ('k1', 'c1', 'T')",
             "bsc: kpis.objective: 'c1' is not an objective of this map");
  /* in main, p1 is a process; in aux, an objective */
  exec_fails(db, "INSERT INTO aux.steps(id, title, cluster) VALUES ('p1', 'T', 'ops')",
             "bsc: steps.id: 'p1' is already the id of an objective; processes and objectives share "
             "one set of ids");
  exec_ok(db, "INSERT INTO aux.steps(id, title, cluster) VALUES ('i1', 'T', 'ops')");
  exec_fails(db, "DELETE FROM aux.goals WHERE id='f1'",
             "bsc: goals.id: cannot delete objective 'f1': links row (cause 'p1', effect 'f1') "
             "still refers to it; change or delete that row first");
  /* main's rows are untouched, and its referrers do not reach into aux */
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  exec_ok(db, "DELETE FROM main.links WHERE cause='c1'; DELETE FROM main.objectives WHERE id='f1' AND 0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis) FROM aux.goals"), "f1=0,p1=0");
  /* unqualified names find main's tables first */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 2);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM aux.links"), 1);
  /* renaming in aux renames aux's storage */
  exec_ok(db, "ALTER TABLE aux.links RENAME TO arrows");
  exec_fails(db, "DELETE FROM aux.goals WHERE id='p1'",
             "bsc: goals.id: cannot delete objective 'p1': arrows row (cause 'p1', effect 'f1') "
             "still refers to it; change or delete that row first");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM main.links_data"), 2);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM aux.arrows_data"), 1);
  exec_ok(db, "ALTER TABLE aux.arrows RENAME TO links");
  /* dropping aux's table of a name main also has removes aux's storage, not main's */
  exec_ok(db, "DROP TABLE aux.kpis");
  ck_assert_str_eq(table_names(db, "aux"),
                   "steps steps_data steps_config goals goals_data goals_config links links_data links_config");
  ck_assert_str_eq(map_text(db, "main"), "p1,Make,operations,produce | f1,financial,1.0,1;c1,customer,1.0,0;"
                                         "i1,internal,1.0,0 | p1>i1,1;i1>c1,2 | k1,f1,100.0 | "
                                         "k1,2026-Q1,90.0;k1,2026-Q2,95.0");
  exec_ok(db, "CREATE VIRTUAL TABLE aux.kpis USING bsc_kpis");
  /* the attached map persists in its own file */
  exec_ok(db, "DETACH aux");
  db_close(db);
  db = db_open(zPath);
  ck_assert_str_eq(table_names(db, "main"),
                   "steps steps_data steps_config goals goals_data goals_config links links_data "
                   "links_config kpis kpis_data kpis_config");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect) FROM links"), "p1>f1");
  exec_ok(db, "DROP TABLE links; DROP TABLE goals");
  ck_assert_str_eq(table_names(db, "main"), "steps steps_data steps_config kpis kpis_data kpis_config");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* --------------------------------------------------- several connections */

START_TEST(wal_mode_with_two_connections) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("wal"));
  sqlite3 *a = db_open(zPath);
  ck_assert_str_eq(query_text(a, "PRAGMA journal_mode=WAL"), "wal");
  exec_ok(a, zSchemaSql);
  exec_ok(a, zFillSql);
  sqlite3 *b = db_open(zPath);
  ck_assert_str_eq(query_text(b, "PRAGMA journal_mode"), "wal");
  ck_assert_str_eq(map_text(b, "main"), zFilled);
  /* b writes; a sees it once committed, not before */
  exec_ok(b, "BEGIN; INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'Skills', 'L')");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM objectives"), 3);
  /* one writer at a time */
  exec_fails(a, "INSERT INTO processes(id, title, cluster) VALUES ('p2', 'T', 'ops')", "database is locked");
  exec_ok(b, "COMMIT");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM objectives"), 4);
  exec_ok(a, "INSERT INTO links(cause, effect) VALUES ('l1', 'i1')");
  /* a's committed link protects b's objective from b */
  exec_fails(b, "DELETE FROM objectives WHERE id='l1'",
             "bsc: objectives.id: cannot delete objective 'l1': links row (cause 'l1', effect 'i1') "
             "still refers to it; change or delete that row first");
  /* a reader keeps its snapshot while the other writes */
  exec_ok(b, "BEGIN; SELECT count(*) FROM kpis");
  exec_ok(a, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'l1', 'Training hours')");
  ck_assert_int_eq(query_int(b, "SELECT count(*) FROM kpis"), 1);
  ck_assert_str_eq(query_text(b, "SELECT kpis FROM objectives WHERE id='l1'"), "0");
  exec_ok(b, "COMMIT");
  ck_assert_int_eq(query_int(b, "SELECT count(*) FROM kpis"), 2);
  ck_assert_str_eq(query_text(b, "SELECT kpis FROM objectives WHERE id='l1'"), "1");
  /* a schema change by one connection is seen by the other */
  exec_ok(a, "ALTER TABLE links RENAME TO arrows");
  exec_fails(b, "DELETE FROM objectives WHERE id='l1'",
             "bsc: objectives.id: cannot delete objective 'l1': arrows row (cause 'l1', effect 'i1') "
             "still refers to it; change or delete that row first");
  exec_ok(a, "DELETE FROM arrows WHERE cause='l1'");
  exec_fails(b, "DELETE FROM objectives WHERE id='l1'",
             "bsc: objectives.id: cannot delete objective 'l1': kpis row (id 'k2') "
             "still refers to it; change or delete that row first");
  exec_ok(b, "DELETE FROM kpis WHERE id='k2'; DELETE FROM objectives WHERE id='l1'");
  exec_ok(a, "ALTER TABLE arrows RENAME TO links");
  ck_assert_int_eq(sqlite3_close(a), SQLITE_OK);
  ck_assert_str_eq(map_text(b, "main"), zFilled);
  db_close(b);
  db_remove_file(zPath);
}
END_TEST

START_TEST(loading_twice_on_one_connection) {
  sqlite3 *db = db_open(":memory:");
  char *zErr = 0;
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  ck_assert_ptr_null(zErr);
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  /* again, with the tables in use */
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  ck_assert_ptr_null(zErr);
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'T', 'L')");
  exec_fails(db, "DELETE FROM kpis",
             "bsc: kpis.id: cannot delete KPI 'k1': measurements row (kpi 'k1', period '2026-Q1') "
             "still refers to it; change or delete that row first");
  ck_assert_int_eq(sqlite3_bsc_init(db, &zErr, 0), SQLITE_OK);
  exec_ok(db, "DROP TABLE measurements; CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
              "INSERT INTO measurements(kpi, period) VALUES ('k1', '2027')");
  ck_assert_str_eq(query_text(db, "SELECT bsc_version() = bsc_version()"), "1");
  db_close(db);
}
END_TEST

START_TEST(loading_bsc_so_twice) {
  /* the built extension, as clients load it (make test builds ./bsc.so first) */
  sqlite3 *db = 0;
  char *zErr = 0;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_enable_load_extension(db, 1), SQLITE_OK);
  int rc = sqlite3_load_extension(db, "./bsc", 0, &zErr);
  ck_assert_msg(rc == SQLITE_OK, "load: %s", zErr ? zErr : "?");
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  rc = sqlite3_load_extension(db, "./bsc", "sqlite3_bsc_init", &zErr);
  ck_assert_msg(rc == SQLITE_OK, "second load: %s", zErr ? zErr : "?");
  ck_assert_str_eq(map_text(db, "main"), zFilled);
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('f1', 'p1')",
             "bsc: links.effect: 'p1' is a process, not an objective");
  exec_ok(db, "UPDATE kpis SET target=120");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------- security settings */

START_TEST(defensive_mode_protects_shadow_tables) {
  sqlite3 *db = db_open(":memory:");
  int on = -1;
  ck_assert_int_eq(sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on), SQLITE_OK);
  ck_assert_int_eq(on, 1);
  /* creating, writing, renaming and dropping through bsc all work */
  exec_ok(db, zSchemaSql);
  exec_ok(db, zFillSql);
  exec_ok(db,
          "UPDATE objectives SET title='Profit' WHERE id='f1';"
          "DELETE FROM measurements WHERE period='2026-Q2';"
          "INSERT OR REPLACE INTO kpis(id, objective, title, target) VALUES ('k1', 'f1', 'Sales', 100);"
          "ALTER TABLE links RENAME TO arrows;"
          "BEGIN; SAVEPOINT a; DELETE FROM arrows; ROLLBACK TO a; COMMIT");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM arrows"), 3);
  ck_assert_str_eq(query_text(db, "SELECT title FROM objectives WHERE id='f1'"), "Profit");
  /* direct writes to the storage are refused; reading it is fine */
  exec_fails(db, "INSERT INTO objectives_data(id, title, perspective) VALUES ('x', 'T', 'nonsense')",
             "table objectives_data may not be modified");
  exec_fails(db, "UPDATE kpis_data SET target=-1", "table kpis_data may not be modified");
  exec_fails(db, "DELETE FROM arrows_data", "table arrows_data may not be modified");
  exec_fails(db, "DELETE FROM measurements_config", "table measurements_config may not be modified");
  exec_fails(db, "DROP TABLE processes_data", "table processes_data may not be dropped");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM (SELECT id FROM objectives_data ORDER BY rid)"), "f1,c1,i1");
  exec_ok(db, "DROP TABLE arrows");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'arrows%'"), 0);
  db_close(db);
}
END_TEST

START_TEST(untrusted_schema_views_and_triggers) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zFillSql);
  exec_ok(db,
          "CREATE VIEW scorecard AS SELECT o.id, o.perspective, o.kpis, k.id AS kpi, m.period, m.actual"
          " FROM objectives o JOIN kpis k ON k.objective = o.id JOIN measurements m ON m.kpi = k.id;"
          "CREATE VIEW chain AS SELECT cause, effect FROM links WHERE effect IN (SELECT id FROM objectives);"
          "CREATE TABLE inbox(kpi TEXT, period TEXT, actual REAL);"
          "CREATE TRIGGER file_it AFTER INSERT ON inbox BEGIN"
          "  INSERT INTO measurements(kpi, period, actual) VALUES (new.kpi, new.period, new.actual);"
          " END;"
          "PRAGMA trusted_schema=OFF");
  ck_assert_int_eq(query_int(db, "PRAGMA trusted_schema"), 0);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ',' || kpis || ',' || kpi || ',' || period || ','"
                                  " || actual, ';') FROM scorecard"),
                   "f1,1,k1,2026-Q1,90.0;f1,1,k1,2026-Q2,95.0");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM chain"), 3);
  /* a trigger writes into the map, validated as usual */
  exec_ok(db, "INSERT INTO inbox VALUES ('k1', '2026-q3', 99)");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM measurements WHERE period='2026-Q3'"), "99.0");
  exec_fails(db, "INSERT INTO inbox VALUES ('k9', '2026-Q4', 1)",
             "bsc: measurements.kpi: 'k9' is not a KPI of this map");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM inbox"), 1);
  db_close(db);
}
END_TEST

/* ---------------------------------------------------------- out of memory */

/* An allocator that fails from the nth call on. */
static sqlite3_mem_methods oomReal;
static int oomCountdown = -1;

static int oom_now(void) {
  if (oomCountdown > 0) oomCountdown--;
  return oomCountdown == 0;
}
static void *oom_malloc(int n) { return oom_now() ? 0 : oomReal.xMalloc(n); }
static void *oom_realloc(void *p, int n) { return oom_now() ? 0 : oomReal.xRealloc(p, n); }

START_TEST(out_of_memory_anywhere_leaks_nothing) {
  static const char *aSql[] = {
    "CREATE VIRTUAL TABLE processes USING bsc_processes;"
    "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
    "CREATE VIRTUAL TABLE links USING bsc_links;"
    "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
    "CREATE VIRTUAL TABLE measurements USING bsc_measurements;",
    "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('p1', 'Make', 'ops', 'produce');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('f1', 'R', 'F', NULL), ('i1', 'S', 'I', 'ops');"
    "INSERT INTO links(cause, effect) VALUES ('p1', 'i1'), ('i1', 'f1');"
    "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'f1', 'Sales');"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-q1', 90)",
    "SELECT id, kpis FROM objectives",
    /* the readers of the map: graph functions and scorecard */
    "SELECT * FROM bsc_chains", "SELECT * FROM bsc_reach('p1')", "SELECT * FROM bsc_check",
    "SELECT * FROM bsc_clusters", "SELECT bsc_dot(), bsc_cluster_gaps()",
    "SELECT * FROM bsc_scorecard('2026')", "SELECT * FROM bsc_perspective_scores",
    "SELECT score, status, trend FROM kpis", "SELECT score, status FROM objectives",
    "INSERT OR REPLACE INTO kpis(rowid, id, objective, title) VALUES (1, 'k1', 'i1', 'x')",
    "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', 'nowhere')",
    "DELETE FROM objectives WHERE id='f1'",
    "BEGIN; SAVEPOINT s; UPDATE objectives SET title='y'; ROLLBACK TO s; COMMIT",
    "ALTER TABLE objectives RENAME TO goals",
    "DROP TABLE measurements",
  };
  sqlite3_mem_methods m;
  ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &oomReal), SQLITE_OK);
  m = oomReal;
  m.xMalloc = oom_malloc;
  m.xRealloc = oom_realloc;
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &m), SQLITE_OK);
  ck_assert_int_eq(sqlite3_initialize(), SQLITE_OK);
  /* every 89th allocation point, and the last run completes without failure */
  int completed = 0;
  for (int n = 1; !completed; n += 89) {
    sqlite3 *db = 0;
    char *zErr = 0;
    oomCountdown = -1;
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    oomCountdown = n;
    int rc = sqlite3_bsc_init(db, &zErr, 0);
    sqlite3_free(zErr);
    for (int i = 0; rc == SQLITE_OK && i < (int)(sizeof(aSql) / sizeof(aSql[0])); i++) {
      sqlite3_exec(db, aSql[i], 0, 0, 0);
    }
    completed = oomCountdown != 0;
    oomCountdown = -1;
    db_close(db);
  }
  ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
  ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &oomReal), SQLITE_OK);
}
END_TEST

Suite *storage_suite(void) {
  Suite *s = suite_create("storage");
  TCase *tc = tcase_create("persistence");
  tcase_add_test(tc, map_persists_across_connections);
  tcase_add_test(tc, vacuum_keeps_the_map);
  tcase_add_test(tc, newer_storage_format_is_refused);
  tcase_add_test(tc, map_of_format_1_opens);
  suite_add_tcase(s, tc);
  tc = tcase_create("transactions");
  tcase_add_test(tc, rollback_undoes_writes);
  tcase_add_test(tc, creating_the_map_rolls_back);
  tcase_add_test(tc, savepoints_undo_writes);
  tcase_add_test(tc, failed_statement_writes_nothing);
  tcase_add_test(tc, statements_reading_the_table_they_write);
  suite_add_tcase(s, tc);
  tc = tcase_create("ddl");
  tcase_add_test(tc, drop_table_removes_shadow_tables);
  tcase_add_test(tc, rename_keeps_data_and_references);
  tcase_add_test(tc, rename_on_a_file_survives_reopen);
  tcase_add_test(tc, one_table_per_module_per_schema);
  tcase_add_test(tc, map_found_whatever_the_create_statement_says);
  tcase_add_test(tc, storage_name_taken);
  tcase_add_test(tc, rename_onto_a_taken_storage_name);
  tcase_add_test(tc, module_arguments_are_refused);
  suite_add_tcase(s, tc);
  tc = tcase_create("connections");
  tcase_add_test(tc, attached_map_is_independent);
  tcase_add_test(tc, wal_mode_with_two_connections);
  tcase_add_test(tc, loading_twice_on_one_connection);
  tcase_add_test(tc, loading_bsc_so_twice);
  suite_add_tcase(s, tc);
  tc = tcase_create("security");
  tcase_add_test(tc, defensive_mode_protects_shadow_tables);
  tcase_add_test(tc, untrusted_schema_views_and_triggers);
  suite_add_tcase(s, tc);
  tc = tcase_create("out of memory");
  tcase_add_test(tc, out_of_memory_anywhere_leaks_nothing);
  tcase_set_timeout(tc, 60); /* a hang guard: the loop runs the scenario some 150 times */
  suite_add_tcase(s, tc);
  return s;
}
