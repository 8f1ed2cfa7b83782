/* Real maps over real time: the targets table and the order in which a
** period's target and red flag are found (ext/scorecard.c), Dutch period
** spellings (ext/period.c). Expected values are computed by hand in the
** comments. */
#include "harness.h"
#include "bsc.h"

#include <stdio.h>
#include <string.h>

/* A map with one objective and three KPIs:
**   eva    quarterly, sum, higher: target 40, red 30 a quarter
**   sales  monthly, sum, higher, no target of its own
**   nps    monthly, average, higher: target 35, red 20 */
static sqlite3 *time_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "CREATE VIRTUAL TABLE targets USING bsc_targets;"
              "INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'Value', 'financial');"
              "INSERT INTO kpis(id, objective, title, polarity, target, red, frequency, aggregation) VALUES"
              " ('eva', 'fin', 'EVA', 'higher', 40, 30, 'quarter', 'sum'),"
              " ('sales', 'fin', 'Sales', 'higher', NULL, NULL, 'month', 'sum'),"
              " ('nps', 'fin', 'NPS', 'higher', 35, 20, 'month', 'average');"
              "INSERT INTO measurements(kpi, period, actual) VALUES"
              " ('eva', '2026-Q1', 42), ('eva', '2026-Q2', 38), ('eva', '2026-Q3', 45), ('eva', '2026-Q4', 40),"
              " ('sales', '2026-01', 300), ('sales', '2026-02', 290), ('sales', '2026-03', 320),"
              " ('sales', '2026-04', 310), ('sales', '2026-05', 300), ('sales', '2026-06', 305),"
              " ('nps', '2026-01', 30), ('nps', '2026-02', 32);");
  return db;
}

/* "target red target_source red_source" of a KPI in the scorecard at zPeriod. */
static const char *thresholds(sqlite3 *db, const char *zKpi, const char *zPeriod) {
  static char zOut[300];
  char *zSql = sqlite3_mprintf("SELECT iif(target IS NULL, 'NULL', printf('%%.4f', target)) || ' ' ||"
                               " iif(red IS NULL, 'NULL', printf('%%.4f', red)) || ' ' ||"
                               " coalesce(target_source, 'NULL') || ' ' || coalesce(red_source, 'NULL')"
                               " FROM bsc_scorecard(%Q) WHERE kpi = %Q",
                               zPeriod, zKpi);
  snprintf(zOut, sizeof(zOut), "%s", query_text(db, zSql));
  sqlite3_free(zSql);
  return zOut;
}

/* ---------------------------------------------------------- the table */

START_TEST(targets_rows_are_checked) {
  sqlite3 *db = time_map();
  /* periods are normalised, year to date included; Dutch quarters too */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-K1', 30, 20),"
              " ('eva', 'ytd:2026-q2', 70, 50), ('eva', 'Q3 2026', 45, 35)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period, ' ') FROM targets"), "2026-Q1 YTD:2026-Q2 2026-Q3");
  exec_fails(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q4', 40, 50)",
             "bsc: targets.red: red flag 50 is above target 40, which contradicts polarity 'higher' "
             "(row kpi 'eva', period '2026-Q4')");
  exec_fails(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q4', 40, 40)",
             "bsc: targets.red: red flag 40 equals target 40 (row kpi 'eva', period '2026-Q4')");
  exec_fails(db, "INSERT INTO targets(kpi, period, target) VALUES ('eva', '2026-Q4', 40)",
             "bsc: targets.red: NULL is not allowed; targets.red is required (row kpi 'eva', period '2026-Q4')");
  exec_fails(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q5', 40, 30)",
             "bsc: targets.period: '2026-Q5' is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
             "2026-09-30 or 2026-W38 (or YTD:2026-09)");
  exec_fails(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('fin', '2026', 40, 30)",
             "bsc: targets.kpi: 'fin' is not a KPI of this map");
  exec_fails(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', 'k1 2026', 40, 30)",
             "bsc: targets: a target with kpi 'eva', period '2026-Q1' already exists");
  /* a KPI with targets rows stays, and keeps a polarity they fit */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'eva'");
  exec_fails(db, "DELETE FROM kpis WHERE id = 'eva'",
             "bsc: kpis.id: cannot delete KPI 'eva': targets row (kpi 'eva', period '2026-Q1') still "
             "refers to it; change or delete that row first");
  exec_fails(db, "UPDATE kpis SET polarity = 'lower', target = 30, red = 40 WHERE id = 'eva'",
             "bsc: kpis.polarity: red flag 20 of targets row (kpi 'eva', period '2026-Q1') is below "
             "target 30, which contradicts polarity 'lower' (row id 'eva')");
  /* a ramp: each row against its own red flag, not the KPI's */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2027-Q1', 25, 10)");
  db_close(db);
}
END_TEST

/* --------------------------------------------------- resolution order */

START_TEST(targets_row_for_the_period_comes_first) {
  sqlite3 *db = time_map();
  /* without targets: the KPI's own, and a year sums its quarters' */
  ck_assert_str_eq(thresholds(db, "eva", "2026-Q1"), "40.0000 30.0000 kpi kpi");
  ck_assert_str_eq(thresholds(db, "eva", "2026"), "160.0000 120.0000 periods periods");
  /* an annual target typed as such is the year's, not four times it */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026', 170, 130)");
  ck_assert_str_eq(thresholds(db, "eva", "2026"), "170.0000 130.0000 targets:2026 targets:2026");
  /* score: actual 165, target 170, red 130: 10/3 * (1 + 35/40) = 6.25 */
  ck_assert_str_eq(query_text(db, "SELECT printf('%.4f', score) FROM bsc_scorecard('2026') WHERE kpi='eva'"),
                   "6.2500");
  /* a targets row beats the measurement's own target for that period */
  exec_ok(db, "UPDATE measurements SET target = 41 WHERE kpi = 'eva' AND period = '2026-Q2'");
  ck_assert_str_eq(thresholds(db, "eva", "2026-Q2"), "41.0000 30.0000 measurements:2026-Q2 kpi");
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q2', 36, 28)");
  ck_assert_str_eq(thresholds(db, "eva", "2026-Q2"), "36.0000 28.0000 targets:2026-Q2 targets:2026-Q2");
  /* year to date: a row for exactly that */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', 'YTD:2026-Q2', 75, 55)");
  ck_assert_str_eq(thresholds(db, "eva", "YTD:2026-Q2"), "75.0000 55.0000 targets:YTD:2026-Q2 targets:YTD:2026-Q2");
  db_close(db);
}
END_TEST

START_TEST(finer_targets_are_aggregated) {
  sqlite3 *db = time_map();
  /* a ramp per quarter, summed over the half: 30 + 36 and 20 + 28 */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q1', 30, 20),"
              " ('eva', '2026-Q2', 36, 28)");
  ck_assert_str_eq(thresholds(db, "eva", "2026-H1"), "66.0000 48.0000 periods periods");
  /* one quarter with a row, one with the KPI's: 30 + 40, 20 + 30 */
  exec_ok(db, "DELETE FROM targets WHERE period = '2026-Q2'");
  ck_assert_str_eq(thresholds(db, "eva", "2026-H1"), "70.0000 50.0000 periods periods");
  /* an average KPI: the months' targets averaged, (30 + 40) / 2 */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('nps', '2026-01', 30, 15),"
              " ('nps', '2026-02', 40, 25)");
  ck_assert_str_eq(thresholds(db, "nps", "2026-Q1"), "35.0000 20.0000 periods periods");
  ck_assert_str_eq(thresholds(db, "nps", "2026-02"), "40.0000 25.0000 targets:2026-02 targets:2026-02");
  db_close(db);
}
END_TEST

START_TEST(coarser_targets_are_phased_by_days) {
  sqlite3 *db = time_map();
  /* 3650 a year, red 2920: 10 and 8 a day in 2026 (365 days) */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('sales', '2026', 3650, 2920)");
  /* February: 28 days */
  ck_assert_str_eq(thresholds(db, "sales", "2026-02"), "280.0000 224.0000 phased:2026 phased:2026");
  /* the first quarter: January 310 + February 280 + March 310 */
  ck_assert_str_eq(thresholds(db, "sales", "2026-Q1"), "900.0000 720.0000 periods periods");
  /* year to date June: the 181 days from 1 January, about half */
  ck_assert_str_eq(thresholds(db, "sales", "YTD:2026-06"), "1810.0000 1448.0000 periods periods");
  /* a quarter with no measurement yet: 92 days of the third */
  ck_assert_str_eq(thresholds(db, "sales", "2026-Q3"), "920.0000 736.0000 phased:2026 phased:2026");
  /* a week counts its seven days */
  ck_assert_str_eq(thresholds(db, "sales", "2026-W10"), "70.0000 56.0000 phased:2026 phased:2026");
  /* the smallest coarser row: a half of 1900 (181 days) for its March */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('sales', '2026-H1', 1810, 1448)");
  ck_assert_str_eq(thresholds(db, "sales", "2026-03"), "310.0000 248.0000 phased:2026-H1 phased:2026-H1");
  /* a measurement's own target comes before phasing; the red flag then
  ** is the KPI's, and this KPI has none */
  exec_ok(db, "UPDATE measurements SET target = 333 WHERE kpi = 'sales' AND period = '2026-03'");
  ck_assert_str_eq(thresholds(db, "sales", "2026-03"), "333.0000 NULL measurements:2026-03 NULL");
  /* a year-to-date row is phased into nothing */
  exec_ok(db, "DELETE FROM targets WHERE kpi = 'sales';"
              "INSERT INTO targets(kpi, period, target, red) VALUES ('sales', 'YTD:2026-06', 2000, 1500)");
  ck_assert_str_eq(query_text(db, "SELECT quote(target_source) FROM bsc_scorecard('2026-05') WHERE kpi='sales'"),
                   "NULL");
  /* an average KPI takes a coarser target as it is */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('nps', '2026', 38, 25)");
  ck_assert_str_eq(thresholds(db, "nps", "2026-02"), "38.0000 25.0000 phased:2026 phased:2026");
  ck_assert_str_eq(thresholds(db, "nps", "2026-Q1"), "38.0000 25.0000 periods periods");
  db_close(db);
}
END_TEST

START_TEST(latest_period_shows_its_sources) {
  sqlite3 *db = time_map();
  /* no period asked: each KPI at its latest, with where its values come from */
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('eva', '2026-Q4', 44, 33)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(kpi || ' ' || period || ' ' || coalesce(target_source, '-')"
                                  " || ' ' || coalesce(red_source, '-'), '; ') FROM bsc_scorecard"),
                   "eva 2026-Q4 targets:2026-Q4 targets:2026-Q4; sales 2026-06 - -; nps 2026-02 kpi kpi");
  /* with red NULL the baseline is the red flag, and says so */
  exec_ok(db, "UPDATE kpis SET red = NULL, baseline = 25 WHERE id = 'nps'");
  ck_assert_str_eq(thresholds(db, "nps", "2026-02"), "35.0000 25.0000 kpi baseline");
  /* a KPI with targets rows only has a target, for the checker too */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_without_target'"), 1);
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('sales', '2026', 3650, 2920)");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_without_target'"), 0);
  db_close(db);
}
END_TEST

Suite *time_suite(void) {
  Suite *s = suite_create("time");
  TCase *tc = tcase_create("targets");
  tcase_add_test(tc, targets_rows_are_checked);
  tcase_add_test(tc, targets_row_for_the_period_comes_first);
  tcase_add_test(tc, finer_targets_are_aggregated);
  tcase_add_test(tc, coarser_targets_are_phased_by_days);
  tcase_add_test(tc, latest_period_shows_its_sources);
  suite_add_tcase(s, tc);
  return s;
}
