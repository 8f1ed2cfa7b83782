/* Writes to the map tables: duplicate keys, INSERT OR REPLACE / OR IGNORE,
** UPDATE of keys and of other columns, rowids (ext/table.c). */
#include "harness.h"

static sqlite3 *small_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO processes(id, title, cluster) VALUES ('p1', 'Make', 'ops'), ('p2', 'Sell', 'CRM');"
          "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
          " ('f1', 'Revenue', 'F', NULL), ('c1', 'Loyalty', 'C', NULL), ('i1', 'Speed', 'I', 'ops');"
          "INSERT INTO links(cause, effect, weight) VALUES ('p1', 'i1', 2), ('i1', 'c1', 1), ('c1', 'f1', 1);"
          "INSERT INTO kpis(id, objective, title, target) VALUES ('k1', 'f1', 'Sales', 100), ('k2', 'c1', 'NPS', 50);"
          "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-01', 90), ('k1', '2026-02', 95)");
  return db;
}

START_TEST(duplicate_keys_are_refused) {
  sqlite3 *db = small_map();
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('p1', 'Again', 'ops')",
             "bsc: processes: a process with id 'p1' already exists");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f1', 'Again', 'F')",
             "bsc: objectives: an objective with id 'f1' already exists");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('p1', ' i1 ')",
             "bsc: links: a link with cause 'p1', effect 'i1' already exists");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'c1', 'Again')",
             "bsc: kpis: a KPI with id 'k1' already exists");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', '2026-1')",
             "bsc: measurements: a measurement with kpi 'k1', period '2026-01' already exists");
  /* within one statement, the second row collides with the first */
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k3', 'c1', 'A'), ('k3', 'c1', 'B')",
             "bsc: kpis: a KPI with id 'k3' already exists");
  /* an UPDATE onto another row's key */
  exec_fails(db, "UPDATE processes SET id='p2' WHERE id='p1'",
             "bsc: processes.id: cannot rename process 'p1': links row (cause 'p1', effect 'i1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "UPDATE kpis SET id='k1' WHERE id='k2'", "bsc: kpis: a KPI with id 'k1' already exists");
  exec_fails(db, "UPDATE links SET cause='i1', effect='c1' WHERE cause='c1'",
             "bsc: links: a link with cause 'i1', effect 'c1' already exists");
  exec_fails(db, "UPDATE measurements SET period='2026-02' WHERE period='2026-01'",
             "bsc: measurements: a measurement with kpi 'k1', period '2026-02' already exists");
  ck_assert_str_eq(query_text(db, "SELECT (SELECT count(*) FROM processes) || (SELECT count(*) FROM objectives)"
                                  " || (SELECT count(*) FROM links) || (SELECT count(*) FROM kpis)"
                                  " || (SELECT count(*) FROM measurements)"),
                   "23322");
  ck_assert_str_eq(query_text(db, "SELECT title FROM kpis WHERE id='k1'"), "Sales");
  /* the same key in different tables' keys is no clash: (k1, 2026-01) and (k2, 2026-01) */
  exec_ok(db, "INSERT INTO measurements(kpi, period) VALUES ('k2', '2026-01')");
  db_close(db);
}
END_TEST

START_TEST(insert_or_replace_replaces_the_row) {
  sqlite3 *db = small_map();
  exec_ok(db, "INSERT OR REPLACE INTO kpis(id, objective, title, unit) VALUES ('k1', 'c1', 'Orders', 'each')");
  ck_assert_int_eq(sqlite3_changes(db), 1);
  /* the whole row is the new one: omitted columns are NULL or their default */
  ck_assert_str_eq(query_text(db, "SELECT objective || ' ' || title || ' ' || unit || ' ' || quote(target)"
                                  " || ' ' || polarity FROM kpis WHERE id='k1'"),
                   "c1 Orders each NULL higher");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 2);
  /* its measurements still refer to it */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements m JOIN kpis k ON k.id=m.kpi"), 2);
  exec_ok(db,
          "REPLACE INTO links(cause, effect, weight, sign) VALUES ('p1', 'i1', 5, '-');"
          "INSERT OR REPLACE INTO measurements(kpi, period, actual) VALUES ('k1', '2026-2', 97);"
          "INSERT OR REPLACE INTO objectives(id, title, perspective) VALUES ('c1', 'Trust', 'customer');"
          "INSERT OR REPLACE INTO processes(id, title, cluster) VALUES ('p2', 'Serve', 'customer management');"
          "INSERT OR REPLACE INTO processes(id, title, cluster) VALUES ('p3', 'New', 'innovation')");
  ck_assert_str_eq(query_text(db, "SELECT weight || sign FROM links WHERE cause='p1'"), "5.0negative");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period || '=' || actual, ' ') FROM measurements"),
                   "2026-01=90.0 2026-02=97.0");
  ck_assert_str_eq(query_text(db, "SELECT title || kpis FROM objectives WHERE id='c1'"), "Trust2");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || title, ' ') FROM processes"),
                   "p1:Make p2:Serve p3:New");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 3);
  /* a replacing row is validated like any other, and the old row stays */
  exec_fails(db, "INSERT OR REPLACE INTO objectives(id, title, perspective) VALUES ('c1', 'T', 'nowhere')",
             "bsc: objectives.perspective: 'nowhere' is not a perspective; use financial, customer, "
             "internal, learning or mission (row id 'c1')");
  exec_fails(db, "INSERT OR REPLACE INTO links(cause, effect) VALUES ('p1', 'p2')",
             "bsc: links.effect: 'p2' is a process, not an objective");
  ck_assert_str_eq(query_text(db, "SELECT title FROM objectives WHERE id='c1'"), "Trust");
  ck_assert_str_eq(query_text(db, "SELECT weight FROM links WHERE cause='p1'"), "5.0");
  /* UPDATE OR REPLACE onto another row's key removes that row */
  exec_ok(db, "UPDATE OR REPLACE links SET effect='f1' WHERE cause='i1'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect, ' ') FROM links"),
                   "i1>f1 c1>f1 p1>i1");
  exec_ok(db, "UPDATE OR REPLACE measurements SET period='2026-01' WHERE period='2026-02'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period || '=' || actual, ' ') FROM measurements"),
                   "2026-01=97.0");
  db_close(db);
}
END_TEST

START_TEST(insert_or_ignore_skips_bad_rows) {
  sqlite3 *db = small_map();
  exec_ok(db,
          "INSERT OR IGNORE INTO kpis(id, objective, title) VALUES"
          " ('k1', 'c1', 'Duplicate'),"     /* key taken */
          " ('k3', 'nowhere', 'Orphan'),"   /* no such objective */
          " ('k4', 'i1', 'Cycle time'),"    /* fine */
          " ('k5', 'i1', NULL),"            /* title required */
          " ('k6', 'i1', 'Defects')");      /* fine */
  ck_assert_int_eq(sqlite3_changes(db), 2);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || title, ' ') FROM kpis"),
                   "k1:Sales k2:NPS k4:Cycle time k6:Defects");
  exec_ok(db,
          "INSERT OR IGNORE INTO objectives(id, title, perspective) VALUES ('p1', 'T', 'F'), ('f1', 'T', 'F');"
          "INSERT OR IGNORE INTO links(cause, effect) VALUES ('f1', 'f1'), ('p1', 'i1');"
          "INSERT OR IGNORE INTO measurements(kpi, period, actual) VALUES ('k1', '2026-01', 1), ('k1', 'soon', 1)");
  ck_assert_str_eq(query_text(db, "SELECT (SELECT count(*) FROM objectives) || (SELECT count(*) FROM links)"
                                  " || (SELECT group_concat(actual) FROM measurements)"),
                   "3390.0,95.0");
  /* UPDATE OR IGNORE leaves the rows it cannot change as they were */
  exec_ok(db, "UPDATE OR IGNORE measurements SET period='2026-02', actual=0 WHERE period='2026-01'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period || '=' || actual, ' ') FROM measurements"),
                   "2026-01=90.0 2026-02=95.0");
  exec_ok(db, "UPDATE OR IGNORE kpis SET target = CASE id WHEN 'k2' THEN 'high' ELSE 7 END");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || quote(target), ' ') FROM kpis"),
                   "k1=7.0 k2=50.0 k4=7.0 k6=7.0");
  /* a delete that is refused is skipped too */
  exec_ok(db, "DELETE FROM processes WHERE id='p2'; INSERT INTO links(cause, effect) VALUES ('f1', 'c1');"
              "UPDATE OR IGNORE objectives SET id = id || 'x'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ' ') FROM objectives"), "f1 c1 i1");
  db_close(db);
}
END_TEST

START_TEST(update_changes_columns_and_keys) {
  sqlite3 *db = small_map();
  /* other columns */
  exec_ok(db,
          "UPDATE processes SET title='Manufacture', subprocess='produce', owner='Ann' WHERE id='p1';"
          "UPDATE objectives SET perspective='internal', cluster='innovation' WHERE id='i1';"
          "UPDATE links SET weight=weight * 2, lag=lag + 3, note='slow' WHERE effect='i1';"
          "UPDATE kpis SET target=target + 10, unit='EUR' WHERE id='k1';"
          "UPDATE measurements SET actual=actual + 1");
  ck_assert_str_eq(query_text(db, "SELECT title || subprocess || owner FROM processes WHERE id='p1'"),
                   "ManufactureproduceAnn");
  ck_assert_str_eq(query_text(db, "SELECT cluster FROM objectives WHERE id='i1'"), "innovation");
  ck_assert_str_eq(query_text(db, "SELECT weight || ' ' || lag || ' ' || note FROM links WHERE effect='i1'"),
                   "4.0 3 slow");
  ck_assert_str_eq(query_text(db, "SELECT target || unit FROM kpis WHERE id='k1'"), "110.0EUR");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(actual, ' ') FROM measurements"), "91.0 96.0");
  ck_assert_int_eq(sqlite3_changes(db), 2);
  /* keys nobody refers to */
  exec_ok(db,
          "UPDATE processes SET id='p9' WHERE id='p2';"
          "UPDATE objectives SET id='i2' WHERE id='i1' AND 0;"
          "UPDATE kpis SET id='nps' WHERE id='k2';"
          "UPDATE links SET effect='c1' WHERE cause='p1';"
          "UPDATE links SET cause='p9' WHERE cause='c1';"
          "UPDATE measurements SET period='2026-Q1' WHERE period='2026-01'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ' ') FROM processes"), "p1 p9");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ' ') FROM kpis"), "k1 nps");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect, ' ') FROM links"),
                   "p1>c1 i1>c1 p9>f1");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period, ' ') FROM measurements"), "2026-Q1 2026-02");
  /* a freed id: the objective nobody refers to any more can be renamed */
  exec_ok(db, "UPDATE objectives SET id='speed' WHERE id='i1' AND 0");
  exec_ok(db, "DELETE FROM links WHERE cause='i1'; UPDATE objectives SET id='speed' WHERE id='i1'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ' ') FROM objectives"), "f1 c1 speed");
  /* every row of a multi-row key UPDATE */
  exec_ok(db, "DELETE FROM measurements; UPDATE kpis SET id = upper(id)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ' ') FROM kpis"), "K1 NPS");
  db_close(db);
}
END_TEST

START_TEST(rowids) {
  sqlite3 *db = small_map();
  exec_ok(db, "INSERT INTO objectives(rowid, id, title, perspective) VALUES (100, 'l1', 'T', 'L')");
  ck_assert_int_eq(sqlite3_last_insert_rowid(db), 100);
  ck_assert_int_eq(query_int(db, "SELECT rowid FROM objectives WHERE id='l1'"), 100);
  /* the next INSERT without a rowid gets a fresh one, not the last given */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('l2', 'T', 'L')");
  ck_assert_int_eq(query_int(db, "SELECT rowid FROM objectives WHERE id='l2'"), 101);
  exec_fails(db, "INSERT INTO objectives(rowid, id, title, perspective) VALUES (1, 'l3', 'T', 'L')",
             "bsc: objectives: rowid 1 already belongs to the row with id 'f1'");
  exec_fails(db, "UPDATE objectives SET rowid=1 WHERE id='l2'",
             "bsc: objectives: rowid 1 already belongs to the row with id 'f1'");
  exec_fails(db, "INSERT INTO links(rowid, cause, effect) VALUES (2, 'p2', 'c1')",
             "bsc: links: rowid 2 already belongs to the row with cause 'i1', effect 'c1'");
  /* OR REPLACE takes the rowid over, unless something refers to its row */
  exec_fails(db, "INSERT OR REPLACE INTO objectives(rowid, id, title, perspective) VALUES (1, 'l3', 'T', 'L')",
             "bsc: objectives.id: cannot delete objective 'f1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  exec_ok(db, "INSERT OR REPLACE INTO objectives(rowid, id, title, perspective) VALUES (100, 'l3', 'T', 'L')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rowid || ':' || id, ' ') FROM objectives"),
                   "1:f1 2:c1 3:i1 100:l3 101:l2");
  /* the same row by key and by rowid */
  exec_ok(db, "INSERT OR REPLACE INTO objectives(rowid, id, title, perspective) VALUES (101, 'l2', 'New', 'L')");
  ck_assert_str_eq(query_text(db, "SELECT rowid || title FROM objectives WHERE id='l2'"), "101New");
  /* by key and by rowid, two rows */
  exec_ok(db, "INSERT OR REPLACE INTO objectives(rowid, id, title, perspective) VALUES (100, 'l2', 'Both', 'L')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rowid || ':' || id || ':' || title, ' ') FROM objectives"
                                  " WHERE perspective='learning'"),
                   "100:l2:Both");
  exec_ok(db, "UPDATE objectives SET rowid=200 WHERE id='l2'");
  ck_assert_int_eq(query_int(db, "SELECT rowid FROM objectives WHERE id='l2'"), 200);
  ck_assert_str_eq(query_text(db, "SELECT id FROM objectives WHERE rowid=200"), "l2");
  ck_assert_str_eq(query_text(db, "SELECT rowid FROM objectives_data WHERE id='l2'"), "200");
  /* the rowid also looks rows up */
  exec_ok(db, "DELETE FROM objectives WHERE rowid=200");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 3);
  db_close(db);
}
END_TEST

START_TEST(lookups_by_key) {
  sqlite3 *db = small_map();
  /* equality on key columns is pushed down; results are what a scan gives */
  ck_assert_str_eq(query_text(db, "SELECT title FROM objectives WHERE id='c1'"), "Loyalty");
  ck_assert_str_eq(query_text(db, "SELECT weight FROM links WHERE cause='p1' AND effect='i1'"), "2.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(effect) FROM links WHERE cause='i1'"), "c1");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM measurements WHERE kpi='k1' AND period='2026-02'"),
                   "95.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM kpis WHERE objective='c1'"), "k2");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives WHERE weight=1"), "f1,c1,i1");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM objectives WHERE id='nope'"), "0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(o.id || ':' || k.id) FROM objectives o"
                                  " JOIN kpis k ON k.objective = o.id"),
                   "f1:k1,c1:k2");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives WHERE kpis=1"), "f1,c1");
  /* an equality with another collation than BINARY is the caller's to check, not T_data's */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives WHERE id = 'C1' COLLATE NOCASE"), "c1");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect) FROM links"
                                  " WHERE cause = 'I1' COLLATE NOCASE AND effect = 'c1'"),
                   "i1>c1");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM objectives WHERE id = 'C1'"), "0");
  exec_ok(db, "CREATE TABLE wanted(id TEXT COLLATE NOCASE); INSERT INTO wanted VALUES ('F1'), ('K2')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(o.id) FROM wanted w JOIN objectives o ON w.id = o.id"), "f1");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(k.id) FROM wanted w JOIN kpis k ON w.id = k.id"), "k2");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM wanted w JOIN kpis k ON k.id = w.id"), "0");
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'K1' COLLATE NOCASE AND period = '2026-02'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period) FROM measurements"), "2026-01");
  db_close(db);
}
END_TEST

Suite *writes_suite(void) {
  Suite *s = suite_create("writes");
  TCase *tc = tcase_create("writes");
  tcase_add_test(tc, duplicate_keys_are_refused);
  tcase_add_test(tc, insert_or_replace_replaces_the_row);
  tcase_add_test(tc, insert_or_ignore_skips_bad_rows);
  tcase_add_test(tc, update_changes_columns_and_keys);
  tcase_add_test(tc, rowids);
  tcase_add_test(tc, lookups_by_key);
  suite_add_tcase(s, tc);
  return s;
}
