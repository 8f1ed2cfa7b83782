/* The five map tables: validation, persistence, transactions (ext/table.c). */
#include "harness.h"

START_TEST(schema_creates_map) {
  sqlite3 *db = db_with_map();
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM processes"), 0);
  db_close(db);
}
END_TEST

Suite *tables_suite(void) {
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("basics");
  tcase_add_test(tc, schema_creates_map);
  suite_add_tcase(s, tc);
  return s;
}
