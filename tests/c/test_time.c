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

/* --------------------------------------------------------- settings */

START_TEST(settings_are_checked_and_normalised) {
  sqlite3 *db = time_map();
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "INSERT INTO settings(key, value) VALUES ('Finer periods', ' Latest '), ('taal', 'Nederlands'),"
              " ('number format', 'NL')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(key || '=' || value, ' ') FROM settings"),
                   "finer_periods=latest language=nl number_format=nl");
  exec_fails(db, "INSERT INTO settings(key, value) VALUES ('currency', 'EUR')",
             "bsc: settings.key: 'currency' is not a setting; use finer_periods, language, number_format, "
             "perspective_order, outcomes or fiscal_year_start");
  exec_fails(db, "UPDATE settings SET value = 'fr' WHERE key = 'language'",
             "bsc: settings.value: 'fr' is not a value of setting language; use en or nl");
  exec_fails(db, "UPDATE settings SET value = 'sometimes' WHERE key = 'finer_periods'",
             "bsc: settings.value: 'sometimes' is not a value of setting finer_periods; use unscored or latest");
  exec_fails(db, "INSERT INTO settings(key, value) VALUES ('language', 'en')",
             "bsc: settings: a setting with key 'language' already exists");
  exec_fails(db, "INSERT INTO settings(key) VALUES ('language')",
             "bsc: settings.value: NULL is not allowed; settings.value is required (row key 'language')");
  db_close(db);
}
END_TEST

START_TEST(number_format_nl_reads_decimal_commas) {
  sqlite3 *db = time_map();
  /* without the setting, 7,5 is no number, as before */
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2026-07', '7,5')",
             "bsc: measurements.actual: '7,5' is not a number (row kpi 'sales', period '2026-07')");
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "INSERT INTO settings(key, value) VALUES ('number_format', 'nl');"
              "INSERT INTO measurements(kpi, period, actual, target) VALUES ('sales', '2026-07', '7,5', '1.234,5'),"
              " ('sales', '2026-08', ' -0,25 ', '1.234.567'), ('sales', '2026-09', '12', 3.5),"
              " ('sales', '2026-10', '1234,5', NULL)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(actual || '/' || coalesce(target, '-'), ' ') FROM measurements"
                                  " WHERE kpi = 'sales' AND period > '2026-06'"),
                   "7.5/1234.5 -0.25/1234567.0 12.0/3.5 1234.5/-");
  static const char *aBad[] = {"7.5", "1.23,4", "12.3456", ",5", "7,", "1,2,3", "7,5 kg", "1..234"};
  for (int i = 0; i < (int)(sizeof(aBad) / sizeof(aBad[0])); i++) {
    char zSql[200], zMsg[300];
    snprintf(zSql, sizeof(zSql), "UPDATE measurements SET actual = '%s' WHERE kpi = 'sales' AND period = '2026-07'",
             aBad[i]);
    snprintf(zMsg, sizeof(zMsg),
             "bsc: measurements.actual: '%s' is not a number in the map's number format nl (7,5 or 1.234,5) "
             "(row kpi 'sales', period '2026-07')", aBad[i]);
    exec_fails(db, zSql, zMsg);
  }
  /* other tables' numbers too */
  exec_ok(db, "UPDATE kpis SET target = '37,5' WHERE id = 'nps'");
  ck_assert_str_eq(query_text(db, "SELECT target FROM kpis WHERE id = 'nps'"), "37.5");
  db_close(db);
}
END_TEST

START_TEST(language_nl_labels_the_picture_and_clusters) {
  sqlite3 *db = time_map();
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;");
  ck_assert_int_gt(query_int(db, "SELECT instr(bsc_dot(), 'label=\"Financial\"')"), 0);
  exec_ok(db, "INSERT INTO settings(key, value) VALUES ('language', 'nl')");
  /* the graph is read again after the write: no stale English labels */
  ck_assert_int_gt(query_int(db, "SELECT instr(bsc_dot(), 'label=\"Financieel\"')"), 0);
  ck_assert_int_gt(query_int(db, "SELECT instr(bsc_dot(), 'Sociale en maatschappelijke processen (12-24 maanden): "
                                 "geen doelstellingen')"), 0);
  ck_assert_int_eq(query_int(db, "SELECT instr(bsc_dot(), 'Financial')"), 0);
  ck_assert_str_eq(query_text(db, "SELECT label || ', ' || horizon FROM bsc_clusters WHERE cluster = 'innovation'"),
                   "Innovatieprocessen, 24-48 maanden");
  exec_ok(db, "DELETE FROM settings");
  ck_assert_str_eq(query_text(db, "SELECT label || ', ' || horizon FROM bsc_clusters WHERE cluster = 'innovation'"),
                   "Innovation, 24-48 months");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------- frequencies */

START_TEST(finer_periods_show_the_latest_complete_period) {
  sqlite3 *db = time_map();
  /* by default (as bsc 0.1) a quarterly KPI has nothing at a month */
  ck_assert_str_eq(query_text(db, "SELECT period || ' ' || quote(actual) FROM bsc_scorecard('2026-05') WHERE kpi = 'eva'"),
                   "2026-05 NULL");
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "INSERT INTO settings(key, value) VALUES ('finer_periods', 'latest')");
  /* 2026-05: the quarter that has ended by 31 May is 2026-Q1 */
  ck_assert_str_eq(query_text(db, "SELECT period || ' ' || actual || ' ' || coalesce(trend, '-') FROM bsc_scorecard('2026-05')"
                                  " WHERE kpi = 'eva'"),
                   "2026-Q1 42.0 -");
  /* 2026-06 ends 2026-Q2; a week and a day inside it, too */
  ck_assert_str_eq(query_text(db, "SELECT period FROM bsc_scorecard('2026-06') WHERE kpi = 'eva'"), "2026-Q2");
  ck_assert_str_eq(query_text(db, "SELECT period FROM bsc_scorecard('2026-W27') WHERE kpi = 'eva'"), "2026-Q2");
  ck_assert_str_eq(query_text(db, "SELECT period FROM bsc_scorecard('2026-03-30') WHERE kpi = 'eva'"), "2025-Q4");
  /* its trend compares 2026-Q2 with 2026-Q1 */
  ck_assert_str_eq(query_text(db, "SELECT trend FROM bsc_scorecard('2026-07') WHERE kpi = 'eva'"), "down");
  /* coarser periods and year to date are scored as asked */
  ck_assert_str_eq(query_text(db, "SELECT period FROM bsc_scorecard('2026-H1') WHERE kpi = 'eva'"), "2026-H1");
  ck_assert_str_eq(query_text(db, "SELECT period FROM bsc_scorecard('YTD:2026-05') WHERE kpi = 'eva'"),
                   "YTD:2026-05");
  /* a KPI with actuals inside the period asked keeps them: a monthly KPI
  ** measured weekly, or one stored finer than its frequency */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2026-W30', 70)");
  ck_assert_str_eq(query_text(db, "SELECT period || ' ' || actual FROM bsc_scorecard('2026-W30') WHERE kpi = 'sales'"),
                   "2026-W30 70.0");
  ck_assert_str_eq(query_text(db, "SELECT period || ' ' || actual FROM bsc_scorecard('2026-W31') WHERE kpi = 'sales'"),
                   "2026-07 70.0");
  /* objectives and perspectives at a month now count the quarterly KPI
  ** (sales has no target, nps no actual for 2026-05) */
  ck_assert_str_eq(query_text(db, "SELECT kpis_scored || '/' || kpis_total FROM bsc_objective_scores('2026-05')"),
                   "1/3");
  exec_ok(db, "UPDATE settings SET value = 'unscored'");
  ck_assert_str_eq(query_text(db, "SELECT kpis_scored || '/' || kpis_total FROM bsc_objective_scores('2026-05')"),
                   "0/3");
  db_close(db);
}
END_TEST

START_TEST(kpi_overdue_follows_frequency) {
  sqlite3 *db = time_map();
  /* latest data: 2026-Q4 (eva), so everything due by 2026-12-31 */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(subject || ': ' || message, ' | ') FROM bsc_check"
                                  " WHERE rule = 'kpi_overdue'"),
                   "nps: KPI 'nps' has no actual for 2026-12, the last month due by 2026-12-31 (the end of the "
                   "map's latest data); record it in measurements, or correct its frequency | "
                   "sales: KPI 'sales' has no actual for 2026-12, the last month due by 2026-12-31 (the end of the "
                   "map's latest data); record it in measurements, or correct its frequency");
  ck_assert_str_eq(query_text(db, "SELECT severity FROM bsc_check WHERE rule = 'kpi_overdue' LIMIT 1"), "warning");
  /* without eva's 2026-Q4, the latest data ends 2026-09-30 */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'eva' AND period = '2026-Q4'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(subject || ' ' || substr(message, instr(message, 'for ') + 4, 7), ', ')"
                                  " FROM bsc_check WHERE rule = 'kpi_overdue'"),
                   "nps 2026-09, sales 2026-09");
  /* weekly actuals inside the month due count for it; a yearly KPI is due 2025 */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2026-W38', 70), ('nps', '2026-09', 30);"
              "UPDATE kpis SET frequency = 'year' WHERE id = 'eva'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(subject || ' ' || substr(message, instr(message, 'for ') + 4, 4), ', ')"
                                  " FROM bsc_check WHERE rule = 'kpi_overdue'"),
                   "eva 2025");
  /* a KPI without any actual is kpi_without_data's, not overdue */
  exec_ok(db, "INSERT INTO kpis(id, objective, title) VALUES ('new', 'fin', 'New')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_overdue' AND subject = 'new'"), 0);
  db_close(db);
}
END_TEST

START_TEST(latest_complete_periods) {
  BscPeriod p, at;
  char z[BSC_PERIOD_MAX];
  static const struct {
    BscPeriodKind kind;
    const char *zAt, *zWant;
  } a[] = {
    {BSC_PERIOD_QUARTER, "2026-05", "2026-Q1"},   {BSC_PERIOD_QUARTER, "2026-06", "2026-Q2"},
    {BSC_PERIOD_QUARTER, "2026-01-15", "2025-Q4"}, {BSC_PERIOD_YEAR, "2026-12-31", "2026"},
    {BSC_PERIOD_YEAR, "2026-12-30", "2025"},      {BSC_PERIOD_HALF, "2026-W27", "2026-H1"},
    {BSC_PERIOD_MONTH, "2026-W01", "2025-12"},    {BSC_PERIOD_WEEK, "2026-01-04", "2026-W01"},
    {BSC_PERIOD_WEEK, "2026-01-03", "2025-W52"},  {BSC_PERIOD_WEEK, "2027-01-03", "2026-W53"},
    {BSC_PERIOD_DAY, "2026-02", "2026-02-28"},
  };
  for (int i = 0; i < (int)(sizeof(a) / sizeof(a[0])); i++) {
    ck_assert(bsc_period_parse(a[i].zAt, &at, 0));
    ck_assert(bsc_period_latest(a[i].kind, at.last, &p));
    bsc_period_format(&p, z);
    ck_assert_msg(strcmp(z, a[i].zWant) == 0, "%s: %s, expected %s", a[i].zAt, z, a[i].zWant);
  }
}
END_TEST

/* Fiscal periods: their spans (a fiscal year is named by the calendar
** year in which it ends), their normal forms, and the latest complete one. */
START_TEST(fiscal_periods) {
  BscPeriod p, at;
  char z[BSC_PERIOD_MAX], zFirst[BSC_PERIOD_MAX], zLast[BSC_PERIOD_MAX];
  static const struct {
    int fy;
    const char *zIn, *zNorm, *zFirst, *zLast;
  } a[] = {
    {4, "FY2027", "FY2027", "2026-04-01", "2027-03-31"},
    {4, "fy2027 q1", "FY2027-Q1", "2026-04-01", "2026-06-30"},
    {4, "FY2027-K4", "FY2027-Q4", "2027-01-01", "2027-03-31"},
    {4, "FY2027-H2", "FY2027-H2", "2026-10-01", "2027-03-31"},
    {7, "FY2027-Q2", "FY2027-Q2", "2026-10-01", "2026-12-31"},
    {10, "FY2027", "FY2027", "2026-10-01", "2027-09-30"},
    {2, "FY2028-Q4", "FY2028-Q4", "2027-11-01", "2028-01-31"},
    {4, "YTD:FY2027-Q2", "YTD:FY2027-Q2", "2026-04-01", "2026-09-30"},
    {4, "fytd:2026-08", "FYTD:2026-08", "2026-04-01", "2026-08-31"},
    {4, "FYTD:2027-02-14", "FYTD:2027-02-14", "2026-04-01", "2027-02-14"},
    {4, "FYTD:2026-03", "FYTD:2026-03", "2025-04-01", "2026-03-31"},
    {4, "2026-Q2", "2026-Q2", "2026-04-01", "2026-06-30"},
  };
  for (int i = 0; i < (int)(sizeof(a) / sizeof(a[0])); i++) {
    ck_assert_msg(bsc_period_parse_fy(a[i].zIn, &p, 1, a[i].fy), "%s", a[i].zIn);
    bsc_period_format(&p, z);
    ck_assert_str_eq(z, a[i].zNorm);
    bsc_period_latest(BSC_PERIOD_DAY, p.first, &at);
    bsc_period_format(&at, zFirst);
    bsc_period_latest(BSC_PERIOD_DAY, p.last, &at);
    bsc_period_format(&at, zLast);
    ck_assert_msg(strcmp(zFirst, a[i].zFirst) == 0 && strcmp(zLast, a[i].zLast) == 0, "%s: %s to %s", a[i].zIn,
                  zFirst, zLast);
  }
  /* not periods: without a fiscal year, a year-to-date outside targets, FYTD of a quarter */
  ck_assert(!bsc_period_parse_fy("FY2027", &p, 0, 0));
  ck_assert(!bsc_period_parse("FY2027", &p, 0));
  ck_assert(!bsc_period_parse_fy("YTD:FY2027-Q2", &p, 0, 4));
  ck_assert(!bsc_period_parse_fy("FYTD:2026-Q3", &p, 1, 4));
  ck_assert(!bsc_period_parse_fy("FY2027-Q5", &p, 0, 4));
  ck_assert(bsc_period_is_fiscal("FY2027-Q1") && !bsc_period_is_fiscal("2026-Q1"));
  /* the one before: FY2027-Q1 follows FY2026-Q4 */
  ck_assert(bsc_period_parse_fy("FY2027-Q1", &p, 0, 4));
  bsc_period_previous(&p, &at);
  bsc_period_format(&at, z);
  ck_assert_str_eq(z, "FY2026-Q4");
  /* the latest complete fiscal period by a day */
  static const struct {
    BscPeriodKind kind;
    const char *zAt, *zWant;
  } b[] = {
    {BSC_PERIOD_QUARTER, "2026-05", "FY2026-Q4"}, {BSC_PERIOD_QUARTER, "2026-06", "FY2027-Q1"},
    {BSC_PERIOD_HALF, "2026-12", "FY2027-H1"},    {BSC_PERIOD_YEAR, "2026-10", "FY2026"},
    {BSC_PERIOD_YEAR, "2027-03", "FY2027"},       {BSC_PERIOD_MONTH, "2026-10", "2026-10"},
  };
  for (int i = 0; i < (int)(sizeof(b) / sizeof(b[0])); i++) {
    ck_assert(bsc_period_parse(b[i].zAt, &at, 0));
    ck_assert(bsc_period_latest_fy(b[i].kind, at.last, 4, &p));
    bsc_period_format(&p, z);
    ck_assert_msg(strcmp(z, b[i].zWant) == 0, "%s: %s, expected %s", b[i].zAt, z, b[i].zWant);
  }
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
  tc = tcase_create("settings");
  tcase_add_test(tc, settings_are_checked_and_normalised);
  tcase_add_test(tc, number_format_nl_reads_decimal_commas);
  tcase_add_test(tc, language_nl_labels_the_picture_and_clusters);
  suite_add_tcase(s, tc);
  tc = tcase_create("frequencies");
  tcase_add_test(tc, finer_periods_show_the_latest_complete_period);
  tcase_add_test(tc, kpi_overdue_follows_frequency);
  tcase_add_test(tc, latest_complete_periods);
  tcase_add_test(tc, fiscal_periods);
  suite_add_tcase(s, tc);
  return s;
}
