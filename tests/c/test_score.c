/* Scoring (ext/score.c), periods (ext/period.c), the scorecard
** (ext/scorecard.c), the format-2 upgrade and all-or-nothing loads
** (ext/table.c). */
#include "harness.h"
#include "bsc.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define THIRD (10.0 / 3.0)
#define TWO_THIRDS (20.0 / 3.0)

/* Scores with the default polarity, as bsc_score(a, t, r) does. */
static double score(double actual, double target, double red, BscPolarity pol) {
  BscPolarity resolved;
  ck_assert_int_eq(bsc_score_check(target, red, pol, &resolved), BSC_SCORE_OK);
  return bsc_score_value(actual, target, red, resolved);
}

#define ck_score(a, t, r, pol, want) ck_assert_double_eq_tol(score(a, t, r, pol), want, 1e-12)

/* ------------------------------------------------------------- formula */

START_TEST(formula_higher_corners) {
  /* target 12, red 8: d = 4 */
  ck_score(4, 12, 8, BSC_HIGHER, 0);            /* red - d */
  ck_score(8, 12, 8, BSC_HIGHER, THIRD);        /* red */
  ck_score(12, 12, 8, BSC_HIGHER, TWO_THIRDS);  /* target */
  ck_score(16, 12, 8, BSC_HIGHER, 10);          /* target + d */
  ck_score(10, 12, 8, BSC_HIGHER, 5);           /* linear between */
  ck_score(6, 12, 8, BSC_HIGHER, THIRD / 2);
  ck_score(-100, 12, 8, BSC_HIGHER, 0);         /* beyond both ends: clamped */
  ck_score(100, 12, 8, BSC_HIGHER, 10);
  /* exact at the bands, not merely close */
  ck_assert(score(8, 12, 8, BSC_HIGHER) == THIRD);
  ck_assert(score(12, 12, 8, BSC_HIGHER) == TWO_THIRDS);
  ck_assert(score(16, 12, 8, BSC_HIGHER) == 10);
  /* the default polarity follows the thresholds */
  ck_score(12, 12, 8, BSC_POLARITY_DEFAULT, TWO_THIRDS);
}
END_TEST

START_TEST(formula_lower_corners) {
  /* target 5, red 10: d = -5 */
  ck_score(15, 5, 10, BSC_LOWER, 0);
  ck_score(10, 5, 10, BSC_LOWER, THIRD);
  ck_score(5, 5, 10, BSC_LOWER, TWO_THIRDS);
  ck_score(0, 5, 10, BSC_LOWER, 10);
  ck_score(7.5, 5, 10, BSC_LOWER, 5);
  ck_score(40, 5, 10, BSC_LOWER, 0);
  ck_score(-40, 5, 10, BSC_LOWER, 10);
  ck_assert(score(5, 5, 10, BSC_LOWER) == TWO_THIRDS);
  ck_score(0, 5, 10, BSC_POLARITY_DEFAULT, 10);
}
END_TEST

START_TEST(formula_range_corners) {
  /* target 50, red 40: |red - target| = 10, either side */
  ck_score(50, 50, 40, BSC_RANGE, TWO_THIRDS); /* the best a range scores */
  ck_score(40, 50, 40, BSC_RANGE, THIRD);
  ck_score(60, 50, 40, BSC_RANGE, THIRD);
  ck_score(45, 50, 40, BSC_RANGE, 5);
  ck_score(55, 50, 40, BSC_RANGE, 5);
  ck_score(30, 50, 40, BSC_RANGE, 0);
  ck_score(70, 50, 40, BSC_RANGE, 0);
  ck_score(0, 50, 40, BSC_RANGE, 0);
  ck_score(1000, 50, 40, BSC_RANGE, 0);
  /* a red flag above the target means the same band */
  ck_score(45, 50, 60, BSC_RANGE, 5);
  ck_score(60, 50, 60, BSC_RANGE, THIRD);
}
END_TEST

START_TEST(formula_negative_and_zero_targets) {
  /* negative: target -2, red -6 (d = 4) */
  ck_score(-10, -2, -6, BSC_HIGHER, 0);
  ck_score(-6, -2, -6, BSC_HIGHER, THIRD);
  ck_score(-2, -2, -6, BSC_HIGHER, TWO_THIRDS);
  ck_score(2, -2, -6, BSC_HIGHER, 10);
  /* lower with negatives: target -6, red -2 */
  ck_score(-6, -6, -2, BSC_LOWER, TWO_THIRDS);
  ck_score(-10, -6, -2, BSC_LOWER, 10);
  ck_score(2, -6, -2, BSC_LOWER, 0);
  /* thresholds on both sides of zero */
  ck_score(0, 3, -3, BSC_HIGHER, 5);
  /* target 0: defects, lower is better, red 5 */
  ck_score(0, 0, 5, BSC_LOWER, TWO_THIRDS);
  ck_score(5, 0, 5, BSC_LOWER, THIRD);
  ck_score(-5, 0, 5, BSC_LOWER, 10);
  ck_score(10, 0, 5, BSC_LOWER, 0);
  /* target 0, higher: red -5 */
  ck_score(0, 0, -5, BSC_HIGHER, TWO_THIRDS);
  ck_score(5, 0, -5, BSC_HIGHER, 10);
  /* red 0 */
  ck_score(0, 4, 0, BSC_HIGHER, THIRD);
  ck_score(0, 0, 4, BSC_RANGE, TWO_THIRDS);
  ck_score(-4, 0, 4, BSC_RANGE, THIRD);
}
END_TEST

/* Thresholds whose distance overflows a double still score, and rightly. */
START_TEST(formula_at_the_ends_of_the_doubles) {
  ck_score(0, 1e308, -1e308, BSC_HIGHER, 5);
  ck_score(1e308, 1e308, -1e308, BSC_HIGHER, TWO_THIRDS);
  ck_score(-1e308, 1e308, -1e308, BSC_HIGHER, THIRD);
  ck_score(0, -DBL_MAX, DBL_MAX, BSC_LOWER, 5);
  ck_score(-DBL_MAX, -DBL_MAX, DBL_MAX, BSC_LOWER, TWO_THIRDS);
  ck_score(0, 1e308, -1e308, BSC_RANGE, 5);
  ck_score(-1e308, 1e308, -1e308, BSC_RANGE, THIRD);
  ck_score(DBL_MAX, -DBL_MAX, 0, BSC_RANGE, 0);
  ck_score(DBL_MAX, 1, 0, BSC_HIGHER, 10); /* only the actual far off: clamped */
  ck_score(-DBL_MAX, 1, 0, BSC_HIGHER, 0);
  ck_score(5e-324, 1e-323, 0, BSC_HIGHER, 5); /* and the smallest */

  static const char *aSql[][2] = {
    {"SELECT bsc_score(1e308, 1e308, -1e308) = 20.0/3", "1"},
    {"SELECT bsc_score(0, 1e308, -1e308, 'range')", "5.0"},
    {"SELECT bsc_progress(0, -1e308, 1e308)", "50.0"},
    {"SELECT bsc_progress(1e308, -1e308, 1e308)", "100.0"},
  };
  sqlite3 *db = db_open(":memory:");
  for (size_t i = 0; i < sizeof(aSql) / sizeof(aSql[0]); i++) {
    ck_assert_str_eq(query_text(db, aSql[i][0]), aSql[i][1]);
  }
  db_close(db);
}
END_TEST

START_TEST(formula_refuses_bad_thresholds) {
  BscPolarity r;
  ck_assert_int_eq(bsc_score_check(80, 80, BSC_HIGHER, &r), BSC_SCORE_EQUAL);
  ck_assert_int_eq(bsc_score_check(80, 80, BSC_RANGE, &r), BSC_SCORE_EQUAL);
  ck_assert_int_eq(bsc_score_check(80, 80, BSC_POLARITY_DEFAULT, &r), BSC_SCORE_EQUAL);
  ck_assert_int_eq(bsc_score_check(80, 90, BSC_HIGHER, &r), BSC_SCORE_RED_ABOVE);
  ck_assert_int_eq(bsc_score_check(80, 70, BSC_LOWER, &r), BSC_SCORE_RED_BELOW);
  ck_assert_int_eq(bsc_score_check(80, 90, BSC_POLARITY_DEFAULT, &r), BSC_SCORE_OK);
  ck_assert_int_eq(r, BSC_LOWER);
  ck_assert_int_eq(bsc_score_check(80, 70, BSC_POLARITY_DEFAULT, &r), BSC_SCORE_OK);
  ck_assert_int_eq(r, BSC_HIGHER);
  ck_assert(isnan(bsc_score_of(1, 80, 80, BSC_HIGHER)));
  ck_assert(isnan(bsc_score_of(NAN, 80, 70, BSC_HIGHER)));
}
END_TEST

START_TEST(sql_score_function) {
  sqlite3 *db = db_open(":memory:");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(8, 12, 8) = 10.0/3"), "1");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(12, 12, 8) = 20.0/3"), "1");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(16, 12, 8)"), "10.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(0, 5, 10)"), "10.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(45, 50, 40, 'range')"), "5.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(7.5, 5, 10, 'Lower is better')"), "5.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score('10', '12', '8')"), "5.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(10, 12, 8, NULL)"), "5.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(NULL, 12, 8)"), "NULL");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(10, NULL, 8)"), "NULL");
  ck_assert_str_eq(query_text(db, "SELECT bsc_score(10, 12, NULL, 'higher')"), "NULL");
  exec_fails(db, "SELECT bsc_score(1, 80, 80)", "bsc: bsc_score: red flag 80 equals target 80");
  exec_fails(db, "SELECT bsc_score(1, 80, 80, 'range')", "bsc: bsc_score: red flag 80 equals target 80");
  exec_fails(db, "SELECT bsc_score(1, 80, 90, 'higher')",
             "bsc: bsc_score: red flag 90 is above target 80, which contradicts polarity 'higher'");
  exec_fails(db, "SELECT bsc_score(1, 80, 70.5, 'lower')",
             "bsc: bsc_score: red flag 70.5 is below target 80, which contradicts polarity 'lower'");
  exec_fails(db, "SELECT bsc_score(1, 80, 70, 'sideways')",
             "bsc: bsc_score: polarity 'sideways' is not a polarity; use higher, lower or range");
  exec_fails(db, "SELECT bsc_score(1, 80, 70, 3)",
             "bsc: bsc_score: polarity 3 is not a polarity; use higher, lower or range");
  exec_fails(db, "SELECT bsc_score('abc', 80, 70)", "bsc: bsc_score: actual 'abc' is not a finite number");
  exec_fails(db, "SELECT bsc_score(1, x'0000', 70)",
             "bsc: bsc_score: target a blob of 2 bytes is not a finite number");
  exec_fails(db, "SELECT bsc_score(1, 80, 'red')", "bsc: bsc_score: red 'red' is not a finite number");
  db_close(db);
}
END_TEST

START_TEST(status_bands_exactly) {
  ck_assert_str_eq(bsc_status_of(0), "red");
  ck_assert_str_eq(bsc_status_of(nextafter(THIRD, 0)), "red");
  ck_assert_str_eq(bsc_status_of(THIRD), "amber");
  ck_assert_str_eq(bsc_status_of(nextafter(TWO_THIRDS, 0)), "amber");
  ck_assert_str_eq(bsc_status_of(TWO_THIRDS), "green");
  ck_assert_str_eq(bsc_status_of(10), "green");
  ck_assert_str_eq(bsc_status_of(NAN), "none");
  /* the scores the formula gives at red and target land on the bands */
  ck_assert_str_eq(bsc_status_of(score(8, 12, 8, BSC_HIGHER)), "amber");
  ck_assert_str_eq(bsc_status_of(score(12, 12, 8, BSC_HIGHER)), "green");
  ck_assert_str_eq(bsc_status_of(score(10, 5, 10, BSC_LOWER)), "amber");
  ck_assert_str_eq(bsc_status_of(score(5, 5, 10, BSC_LOWER)), "green");
  ck_assert_str_eq(bsc_status_of(score(50, 50, 40, BSC_RANGE)), "green");
  ck_assert_str_eq(bsc_status_of(score(60, 50, 40, BSC_RANGE)), "amber");

  sqlite3 *db = db_open(":memory:");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(10.0/3)"), "amber");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(20.0/3)"), "green");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(3.3333333333333)"), "red");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(6.6666666666666)"), "amber");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(NULL)"), "none");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(bsc_score(8, 12, 8))"), "amber");
  ck_assert_str_eq(query_text(db, "SELECT bsc_status(bsc_score(NULL, 12, 8))"), "none");
  exec_fails(db, "SELECT bsc_status('high')", "bsc: bsc_status: score 'high' is not a finite number");
  db_close(db);
}
END_TEST

/* Sums and averages of decimal data miss the target or the red flag by an
** ulp; on it they are, and their status is the band's. */
START_TEST(rounding_noise_lands_on_the_bands) {
  ck_assert(score(0.1 + 0.2, 0.3, 0.5, BSC_LOWER) == TWO_THIRDS); /* 0.30000000000000004 */
  ck_assert(score(0.1 + 0.2, 0.1, 0.3, BSC_LOWER) == THIRD);
  ck_assert(score((8.2 + 7.6 + 4.3) / 3, 6.7, 4.9, BSC_HIGHER) == TWO_THIRDS); /* 6.699999999999999 */
  ck_assert(score((0.1 + 0.3 + 0.2) / 3, 0.2, 0.5, BSC_RANGE) == TWO_THIRDS);
  ck_assert(score(1e6 + 0.1 + 0.2, 1e6 + 0.3, 1e6, BSC_HIGHER) == TWO_THIRDS);
  /* a real difference, however small against d, still counts */
  ck_assert(score(0.3 - 1e-9, 0.3, 0.5, BSC_LOWER) > TWO_THIRDS);
  ck_assert(score(0.3 + 1e-9, 0.3, 0.5, BSC_LOWER) < TWO_THIRDS);

  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'Care', 'customer');"
          "INSERT INTO kpis(id, objective, title, target, red, aggregation) VALUES"
          " ('sat', 'o', 'Satisfaction', 6.7, 4.9, 'average');"
          "INSERT INTO measurements(kpi, period, actual) VALUES"
          " ('sat', '2026-01', 8.2), ('sat', '2026-02', 7.6), ('sat', '2026-03', 4.3);");
  ck_assert_str_eq(query_text(db, "SELECT printf('%g %g ', actual, target) || status FROM bsc_scorecard('2026-Q1')"),
                   "6.7 6.7 green");
  db_close(db);
}
END_TEST

START_TEST(progress_function) {
  sqlite3 *db = db_open(":memory:");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(25, 10, 40)"), "50.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(40, 10, 40)"), "100.0");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(5, 10, 40)"), "-16.6666666666667");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(7.5, 10, 5)"), "50.0"); /* downwards */
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(NULL, 10, 40)"), "NULL");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(25, NULL, 40)"), "NULL");
  ck_assert_str_eq(query_text(db, "SELECT bsc_progress(25, 10, NULL)"), "NULL");
  exec_fails(db, "SELECT bsc_progress(25, 40, 40)", "bsc: bsc_progress: target 40 equals baseline 40");
  exec_fails(db, "SELECT bsc_progress(25, 'low', 40)",
             "bsc: bsc_progress: baseline 'low' is not a finite number");
  db_close(db);
}
END_TEST

/* Deterministic and innocuous: usable in generated columns and in views
** read with trusted_schema=OFF. */
START_TEST(functions_are_pure) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db, "CREATE TABLE t(a REAL, s REAL AS (bsc_score(a, 12, 8)), st TEXT AS (bsc_status(s)),"
              " p REAL AS (bsc_progress(a, 8, 12)));"
              "CREATE INDEX t_s ON t(bsc_score(a, 12, 8, 'higher'));"
              "INSERT INTO t(a) VALUES (10), (16);"
              "CREATE VIEW v AS SELECT bsc_status(bsc_score(a, 12, 8)) AS st FROM t;"
              "PRAGMA trusted_schema=OFF;");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(s || ' ' || st || ' ' || p, ', ') FROM t"),
                   "5.0 amber 50.0, 10.0 green 200.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(st) FROM v"), "amber,green");
  db_close(db);
}
END_TEST

START_TEST(rollup_core) {
  double s[] = {9, NAN, 3}, w[] = {1, 5, 2};
  int n;
  /* the unscored KPI's weight 5 is spread: (9*1 + 3*2) / 3 */
  ck_assert_double_eq_tol(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, w, 3, &n), 5, 1e-12);
  ck_assert_int_eq(n, 2);
  ck_assert_double_eq(bsc_rollup(BSC_ROLLUP_WORST, s, w, 3, &n), 3);
  ck_assert_double_eq(bsc_rollup(BSC_ROLLUP_BEST, s, w, 3, &n), 9);
  double none[] = {NAN, NAN};
  ck_assert(isnan(bsc_rollup(BSC_ROLLUP_WEIGHTED, none, w, 2, &n)));
  ck_assert_int_eq(n, 0);
  ck_assert(isnan(bsc_rollup(BSC_ROLLUP_WORST, none, w, 2, 0)));
  ck_assert(isnan(bsc_rollup(BSC_ROLLUP_BEST, s, w, 0, &n)));
  /* weights that are all 0 count alike; a NaN weight counts 1 */
  double zero[] = {0, 0, 0};
  ck_assert_double_eq(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, zero, 3, &n), 6);
  double nanw[] = {NAN, 1, 2};
  ck_assert_double_eq_tol(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, nanw, 3, &n), 5, 1e-12);
  /* a weight of 0 leaves its score out */
  double w0[] = {0, 1, 1};
  ck_assert_double_eq(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, w0, 3, &n), 3);
  /* weights whose sum overflows keep their proportions */
  double huge[] = {1e308, 5, 1e308};
  ck_assert_double_eq_tol(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, huge, 3, &n), 6, 1e-12);
  double most[] = {DBL_MAX, 1, DBL_MAX / 2};
  ck_assert_double_eq_tol(bsc_rollup(BSC_ROLLUP_WEIGHTED, s, most, 3, &n), 7, 1e-12);
}
END_TEST

START_TEST(trend_words) {
  ck_assert_str_eq(bsc_trend_of(5, 4), "up");
  ck_assert_str_eq(bsc_trend_of(4, 5), "down");
  ck_assert_str_eq(bsc_trend_of(5, 5), "flat");
  ck_assert_ptr_null(bsc_trend_of(NAN, 5));
  ck_assert_ptr_null(bsc_trend_of(5, NAN));
}
END_TEST

/* ------------------------------------------------------------- periods */

static BscPeriod per(const char *z) {
  BscPeriod p;
  ck_assert_msg(bsc_period_parse(z, &p, 1), "%s is no period", z);
  return p;
}

static int inside(const char *zOuter, const char *zInner) {
  BscPeriod o = per(zOuter), i = per(zInner);
  return bsc_period_contains(&o, &i);
}

static const char *before(const char *z) {
  static char out[BSC_PERIOD_MAX];
  BscPeriod p = per(z), q;
  bsc_period_previous(&p, &q);
  bsc_period_format(&q, out);
  return out;
}

START_TEST(periods_nest) {
  ck_assert(inside("2026", "2026-H2"));
  ck_assert(inside("2026", "2026-Q3"));
  ck_assert(inside("2026", "2026-09"));
  ck_assert(inside("2026", "2026-09-30"));
  ck_assert(inside("2026", "2026"));
  ck_assert(!inside("2026", "2025-12-31"));
  ck_assert(inside("2026-H2", "2026-Q3"));
  ck_assert(inside("2026-H2", "2026-07"));
  ck_assert(!inside("2026-H2", "2026-Q2"));
  ck_assert(!inside("2026-H2", "2026"));
  ck_assert(inside("2026-Q3", "2026-09"));
  ck_assert(!inside("2026-Q3", "2026-10"));
  ck_assert(!inside("2026-Q3", "2026-H2"));
  ck_assert(inside("2026-09", "2026-09-01"));
  ck_assert(!inside("2026-09", "2026-Q3"));
  ck_assert(inside("2026-09-30", "2026-09-30"));
  ck_assert(!inside("2026-09-30", "2026-09"));
}
END_TEST

START_TEST(weeks_belong_to_their_thursday) {
  /* 2026-W01 runs from Monday 2025-12-29; its Thursday is 1 January 2026 */
  ck_assert(inside("2026", "2026-W01"));
  ck_assert(inside("2026-01", "2026-W01"));
  ck_assert(inside("2026-Q1", "2026-W01"));
  ck_assert(!inside("2025", "2026-W01"));
  ck_assert(!inside("2025-12", "2026-W01"));
  /* 2025-W01 runs from Monday 2024-12-30, Thursday 2 January 2025 */
  ck_assert(inside("2025", "2025-W01"));
  ck_assert(!inside("2024", "2025-W01"));
  /* 2026-W14: Monday 30 March, Thursday 2 April: second quarter */
  ck_assert(inside("2026-04", "2026-W14"));
  ck_assert(inside("2026-Q2", "2026-W14"));
  ck_assert(!inside("2026-Q1", "2026-W14"));
  ck_assert(!inside("2026-03", "2026-W14"));
  ck_assert(inside("2026-H1", "2026-W14"));
  /* 2026-W53: Monday 28 December, Thursday 31 December 2026 */
  ck_assert(inside("2026-12", "2026-W53"));
  ck_assert(inside("2026-H2", "2026-W53"));
  ck_assert(!inside("2027", "2026-W53"));
  /* inside a week: its days, and itself; a week is inside no day */
  ck_assert(inside("2026-W14", "2026-03-30"));
  ck_assert(inside("2026-W14", "2026-04-05"));
  ck_assert(!inside("2026-W14", "2026-04-06"));
  ck_assert(!inside("2026-W14", "2026-03-29"));
  ck_assert(inside("2026-W14", "2026-W14"));
  ck_assert(!inside("2026-W14", "2026-W15"));
  ck_assert(!inside("2026-W14", "2026-04"));
  ck_assert(!inside("2026-04-02", "2026-W14"));
}
END_TEST

START_TEST(year_to_date) {
  char out[BSC_PERIOD_MAX];
  BscPeriod p = per(" ytd:2026-9 ");
  bsc_period_format(&p, out);
  ck_assert_str_eq(out, "YTD:2026-09");
  ck_assert(inside("YTD:2026-09", "2026-01"));
  ck_assert(inside("YTD:2026-09", "2026-09"));
  ck_assert(inside("YTD:2026-09", "2026-09-30"));
  ck_assert(inside("YTD:2026-09", "2026-Q3"));
  ck_assert(inside("YTD:2026-09", "2026-H1"));
  ck_assert(inside("YTD:2026-09", "2026-W01"));
  ck_assert(!inside("YTD:2026-09", "2026-10"));
  ck_assert(!inside("YTD:2026-09", "2026-Q4"));
  ck_assert(!inside("YTD:2026-09", "2026-H2"));
  ck_assert(!inside("YTD:2026-09", "2026"));
  ck_assert(!inside("YTD:2026-09", "2025-12"));
  ck_assert(!inside("YTD:2026-08", "2026-Q3")); /* a quarter counts only when whole */
  ck_assert(inside("YTD:2026-Q2", "2026-06"));
  ck_assert(inside("YTD:2026-12", "2026"));
  ck_assert(inside("YTD:2026-W14", "2026-Q1"));
  ck_assert(inside("YTD:2026-W14", "2026-04-05"));
  ck_assert(!inside("YTD:2026-W14", "2026-04"));
  /* a week's year to date is its ISO year's: 2026-W01 starts on 2025-12-29,
  ** and 2027-01-01..03 lie in 2026-W53, not in 2027-W01 */
  static const struct { const char *zOuter, *zInner; int in; } aIso[] = {
    {"YTD:2026-W01", "2025-12-29", 1}, {"YTD:2026-W01", "2026-W01", 1},
    {"YTD:2026-W01", "2025-12-28", 0}, {"YTD:2026-W01", "2025-12", 0},
    {"YTD:2026-W53", "2027-01-03", 1}, {"YTD:2027-W01", "2027-01-03", 0},
    {"YTD:2027-W01", "2027-01-04", 1}, {"YTD:2027-W01", "2026", 0},
  };
  for (size_t i = 0; i < sizeof(aIso) / sizeof(aIso[0]); i++) {
    ck_assert_msg(inside(aIso[i].zOuter, aIso[i].zInner) == aIso[i].in, "%s in %s", aIso[i].zInner,
                  aIso[i].zOuter);
  }
  /* stored periods never say YTD */
  ck_assert_int_eq(bsc_period_parse("YTD:2026-09", &p, 0), 0);
  ck_assert_int_eq(bsc_period_normalize("YTD:2026-09", out), BSC_PERIOD_NONE);
  ck_assert_int_eq(bsc_period_parse("YTD:", &p, 1), 0);
  ck_assert_int_eq(bsc_period_parse("YTD:2026-13", &p, 1), 0);
}
END_TEST

START_TEST(periods_before) {
  ck_assert_str_eq(before("2026"), "2025");
  ck_assert_str_eq(before("2026-H1"), "2025-H2");
  ck_assert_str_eq(before("2026-H2"), "2026-H1");
  ck_assert_str_eq(before("2026-Q1"), "2025-Q4");
  ck_assert_str_eq(before("2026-Q3"), "2026-Q2");
  ck_assert_str_eq(before("2026-01"), "2025-12");
  ck_assert_str_eq(before("2026-W01"), "2025-W52");
  ck_assert_str_eq(before("2021-W01"), "2020-W53");
  ck_assert_str_eq(before("2026-W38"), "2026-W37");
  ck_assert_str_eq(before("2026-03-01"), "2026-02-28");
  ck_assert_str_eq(before("2024-03-01"), "2024-02-29");
  ck_assert_str_eq(before("2026-01-01"), "2025-12-31");
  ck_assert_str_eq(before("YTD:2026-09"), "YTD:2026-08");
  ck_assert_str_eq(before("YTD:2026-01"), "YTD:2025-12");
  ck_assert_str_eq(before("1000"), ""); /* none before the first year */
}
END_TEST

START_TEST(aggregate_core) {
  double a[] = {4, NAN, 5, 6};
  ck_assert_double_eq(bsc_aggregate(BSC_AGG_SUM, a, 4), 15);
  ck_assert_double_eq(bsc_aggregate(BSC_AGG_AVERAGE, a, 4), 5);
  ck_assert_double_eq(bsc_aggregate(BSC_AGG_LAST, a, 4), 6);
  ck_assert_double_eq(bsc_aggregate(BSC_AGG_MIN, a, 4), 4);
  ck_assert_double_eq(bsc_aggregate(BSC_AGG_MAX, a, 4), 6);
  ck_assert(isnan(bsc_aggregate(BSC_AGG_SUM, a, 0)));
  ck_assert(isnan(bsc_aggregate(BSC_AGG_MAX, a + 1, 1)));
}
END_TEST

/* ------------------------------------------------------------ the map */

/* One KPI per aggregation (target 10, red 5, higher is better) with an
** actual of m in every month m of 2026, and a few per-period targets. */
static sqlite3 *aggregation_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'Grow', 'financial');"
          "INSERT INTO kpis(id, objective, title, target, red, aggregation) VALUES"
          " ('ksum', 'o', 'Sum', 10, 5, 'sum'), ('kavg', 'o', 'Average', 10, 5, 'average'),"
          " ('klast', 'o', 'Last', 10, 5, 'last'), ('kmin', 'o', 'Min', 10, 5, 'min'),"
          " ('kmax', 'o', 'Max', 10, 5, 'max');"
          "WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 12)"
          " INSERT INTO measurements(kpi, period, actual) SELECT id, printf('2026-%02d', i), i"
          " FROM m, kpis;"
          "UPDATE measurements SET target = 20 WHERE kpi = 'ksum' AND period = '2026-05';"
          "UPDATE measurements SET target = 16 WHERE kpi = 'kavg' AND period = '2026-05';"
          "UPDATE measurements SET target = 7 WHERE kpi = 'klast' AND period = '2026-06';"
          "UPDATE measurements SET target = 8 WHERE kpi = 'kmin' AND period = '2026-04';"
          "UPDATE measurements SET target = 13 WHERE kpi = 'kmax' AND period = '2026-06';");
  return db;
}

/* "kpi=actual/target/red ..." of bsc_scorecard at zPeriod. */
static const char *card(sqlite3 *db, const char *zPeriod) {
  char zSql[512];
  snprintf(zSql, sizeof(zSql),
           "SELECT group_concat(kpi || '=' || iif(actual IS NULL, '-', printf('%%g', actual)) || '/' ||"
           " printf('%%g', target) || '/' || printf('%%g', red), ' ') FROM bsc_scorecard('%s')",
           zPeriod);
  return query_text(db, zSql);
}

START_TEST(aggregation_over_quarters_halves_years_ytd) {
  sqlite3 *db = aggregation_map();
  ck_assert_str_eq(card(db, "2026-Q1"), "ksum=6/30/15 kavg=2/10/5 klast=3/10/5 kmin=1/10/5 kmax=3/10/5");
  ck_assert_str_eq(card(db, "2026-Q2"), "ksum=15/40/15 kavg=5/12/5 klast=6/7/5 kmin=4/8/5 kmax=6/13/5");
  ck_assert_str_eq(card(db, "2026-H2"), "ksum=57/60/30 kavg=9.5/10/5 klast=12/10/5 kmin=7/10/5 kmax=12/10/5");
  ck_assert_str_eq(card(db, "2026-H1"), "ksum=21/70/30 kavg=3.5/11/5 klast=6/7/5 kmin=1/8/5 kmax=6/13/5");
  ck_assert_str_eq(card(db, "2026"), "ksum=78/130/60 kavg=6.5/10.5/5 klast=12/10/5 kmin=1/8/5 kmax=12/13/5");
  ck_assert_str_eq(card(db, "YTD:2026-09"), "ksum=45/100/45 kavg=5/10.6667/5 klast=9/10/5 kmin=1/8/5 kmax=9/13/5");
  ck_assert_str_eq(card(db, "ytd:2026-Q2"), "ksum=21/70/30 kavg=3.5/11/5 klast=6/7/5 kmin=1/8/5 kmax=6/13/5");
  ck_assert_str_eq(card(db, "2026-05"), "ksum=5/20/5 kavg=5/16/5 klast=5/10/5 kmin=5/10/5 kmax=5/10/5");
  /* nothing inside: no actual, the KPI's own thresholds */
  ck_assert_str_eq(card(db, "2025"), "ksum=-/10/5 kavg=-/10/5 klast=-/10/5 kmin=-/10/5 kmax=-/10/5");
  ck_assert_str_eq(card(db, "2026-W20"), "ksum=-/10/5 kavg=-/10/5 klast=-/10/5 kmin=-/10/5 kmax=-/10/5");
  /* scores from the aggregated values: sum Q2 is 15 against 40 and red 15 */
  ck_assert_str_eq(query_text(db, "SELECT score = 10.0/3 FROM bsc_scorecard('2026-Q2') WHERE kpi = 'ksum'"), "1");
  ck_assert_str_eq(query_text(db, "SELECT status FROM bsc_scorecard('2026-Q2') WHERE kpi = 'ksum'"), "amber");
  ck_assert_str_eq(query_text(db, "SELECT status FROM bsc_scorecard('2026') WHERE kpi = 'kmax'"), "amber");
  ck_assert_str_eq(query_text(db, "SELECT status FROM bsc_scorecard('2026') WHERE kpi = 'kmin'"), "red");
  ck_assert_str_eq(query_text(db, "SELECT status FROM bsc_scorecard('2025') WHERE kpi = 'kmin'"), "none");
  db_close(db);
}
END_TEST

START_TEST(aggregation_of_weeks_days_and_quarters) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'Grow', 'financial');"
          "INSERT INTO kpis(id, objective, title, target, red, aggregation, frequency) VALUES"
          " ('kw', 'o', 'Weekly', 10, 5, 'sum', 'month'), ('kd', 'o', 'Daily', 10, 5, 'sum', 'month'),"
          " ('kq', 'o', 'Quarterly', 10, 5, 'sum', 'quarter');"
          "INSERT INTO measurements(kpi, period, actual) VALUES"
          " ('kw', '2026-W01', 4), ('kw', '2026-W13', 2), ('kw', '2026-W14', 1), ('kw', '2026-W53', 8),"
          " ('kd', '2026-03-30', 1), ('kd', '2026-04-05', 2), ('kd', '2026-04-06', 4),"
          " ('kq', '2026-Q1', 1), ('kq', '2026-Q2', 2), ('kq', '2026-Q3', 4), ('kq', '2026-Q4', 8);");
  ck_assert_str_eq(card(db, "2026-Q1"), "kw=6/20/10 kd=1/10/5 kq=1/10/5");
  ck_assert_str_eq(card(db, "2026-04"), "kw=1/10/5 kd=6/20/10 kq=-/10/5");
  ck_assert_str_eq(card(db, "2026-W14"), "kw=1/10/5 kd=3/20/10 kq=-/10/5");
  ck_assert_str_eq(card(db, "2026-12"), "kw=8/10/5 kd=-/10/5 kq=-/10/5");
  ck_assert_str_eq(card(db, "2026"), "kw=15/40/20 kd=7/30/15 kq=15/40/20");
  ck_assert_str_eq(card(db, "YTD:2026-03"), "kw=6/20/10 kd=1/10/5 kq=1/10/5");
  ck_assert_str_eq(card(db, "2025"), "kw=-/10/5 kd=-/10/5 kq=-/10/5");
  /* latest periods: the latest end, and at equal ends the shortest */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(kpi || '@' || period, ' ') FROM bsc_scorecard"),
                   "kw@2026-W53 kd@2026-04-06 kq@2026-Q4");
  db_close(db);
}
END_TEST

/* KPIs with no target of their own, and a month without one: a sum over
** the quarter has no target (three months' actuals against two months'
** targets would be green for nothing), `last` meets the target of its own
** month, an average the targets there are. */
START_TEST(aggregation_with_a_month_without_target) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'Grow', 'financial');"
          "INSERT INTO kpis(id, objective, title, red, aggregation) VALUES"
          " ('ksum', 'o', 'Sum', 5, 'sum'), ('klast', 'o', 'Last', 5, 'last'), ('kavg', 'o', 'Average', 5, 'average');"
          "INSERT INTO measurements(kpi, period, actual, target) SELECT id, column1, column2, column3"
          " FROM kpis, (VALUES ('2026-01', 10, 8), ('2026-02', 6, NULL));");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(kpi || '=' || ifnull(target, '-') || '/' || status, ' ')"
                                  " FROM bsc_scorecard('2026-Q1')"),
                   "ksum=-/none klast=-/none kavg=8.0/green");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(kpi || '=' || ifnull(target, '-') || '/' || status, ' ')"
                                  " FROM bsc_scorecard('2026-01')"),
                   "ksum=8.0/green klast=8.0/green kavg=8.0/green");
  db_close(db);
}
END_TEST

/* A map to roll up: objective o1 (weight 2) with a KPI scoring 10, one
** unscored (no data, weight 5) and one scoring 0 (weight 3); o2 (weight
** 1) scoring 5; o3 (weight 4) with no KPI; o4 in customer scoring 20/3. */
static sqlite3 *rollup_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective, weight) VALUES"
          " ('o1', 'One', 'financial', 2), ('o2', 'Two', 'financial', 1),"
          " ('o3', 'Three', 'financial', 4), ('o4', 'Four', 'customer', 1);"
          "INSERT INTO kpis(id, objective, title, target, red, weight) VALUES"
          " ('ka', 'o1', 'A', 10, 5, 1), ('kb', 'o1', 'B', 10, 5, 5), ('kc', 'o1', 'C', 10, 5, 3),"
          " ('kd', 'o2', 'D', 10, 5, 1), ('ke', 'o4', 'E', 10, 5, 1);"
          "INSERT INTO measurements(kpi, period, actual) VALUES"
          " ('ka', '2026-01', 20), ('kc', '2026-01', 0), ('kd', '2026-01', 7.5), ('ke', '2026-02', 10);");
  return db;
}

START_TEST(weights_spread_over_scored_kpis) {
  sqlite3 *db = rollup_map();
  /* o1: (10*1 + 0*3) / 4; kb's weight is spread */
  ck_assert_str_eq(query_text(db, "SELECT score || ' ' || status || ' ' || kpis_scored || '/' || kpis_total"
                                  " FROM bsc_objective_scores WHERE objective = 'o1'"),
                   "2.5 red 2/3");
  ck_assert_str_eq(query_text(db, "SELECT score || ' ' || status || ' ' || kpis FROM objectives WHERE id = 'o1'"),
                   "2.5 red 3");
  ck_assert_str_eq(query_text(db, "SELECT ifnull(score, 'NULL') || ' ' || status || ' ' || kpis_scored || '/' ||"
                                  " kpis_total FROM bsc_objective_scores WHERE objective = 'o3'"),
                   "NULL none 0/0");
  ck_assert_str_eq(query_text(db, "SELECT status FROM objectives WHERE id = 'o3'"), "none");
  /* a KPI's score leaves when its data go, and comes back */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'kc'");
  ck_assert_str_eq(query_text(db, "SELECT score FROM objectives WHERE id = 'o1'"), "10.0");
  db_close(db);
}
END_TEST

START_TEST(worst_and_best_rollups) {
  sqlite3 *db = rollup_map();
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rollup) FROM objectives"), "weighted,weighted,weighted,weighted");
  exec_ok(db, "UPDATE objectives SET rollup = 'worst' WHERE id = 'o1'");
  ck_assert_str_eq(query_text(db, "SELECT score || ' ' || status FROM objectives WHERE id = 'o1'"), "0.0 red");
  exec_ok(db, "UPDATE objectives SET rollup = 'Highest' WHERE id = 'o1'");
  ck_assert_str_eq(query_text(db, "SELECT rollup || ' ' || score || ' ' || status FROM objectives WHERE id = 'o1'"),
                   "best 10.0 green");
  ck_assert_str_eq(query_text(db, "SELECT score FROM bsc_objective_scores WHERE objective = 'o1'"), "10.0");
  exec_ok(db, "UPDATE objectives SET rollup = NULL WHERE id = 'o1'");
  ck_assert_str_eq(query_text(db, "SELECT rollup || ' ' || score FROM objectives WHERE id = 'o1'"), "weighted 2.5");
  exec_fails(db, "UPDATE objectives SET rollup = 'median' WHERE id = 'o1'",
             "bsc: objectives.rollup: 'median' is not a roll-up; use weighted, worst, best or aligned (row id 'o1')");
  exec_fails(db, "UPDATE objectives SET score = 3 WHERE id = 'o1'",
             "bsc: objectives.score: 3 not written; score is derived from the map and read-only (row id 'o1')");
  db_close(db);
}
END_TEST

START_TEST(perspective_and_map_scores) {
  sqlite3 *db = rollup_map();
  /* financial: (2.5*2 + 5*1) / 3, o3 unscored; customer: 20/3; the map:
  ** (2.5*2 + 5*1 + 20/3*1) / 4 */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(perspective || ':' || iif(score IS NULL, '-', printf('%.4f', score)) || ':' ||"
                                  " status || ':' || objectives_scored || '/' || objectives_total, ' ')"
                                  " FROM bsc_perspective_scores"),
                   "financial:3.3333:amber:2/3 customer:6.6667:green:1/1 internal:-:none:0/0 "
                   "learning:-:none:0/0 map:4.1667:amber:3/4");
  ck_assert_str_eq(query_text(db, "SELECT status FROM bsc_perspective_scores WHERE perspective = 'map'"), "amber");
  /* weight 0 leaves an objective out of its perspective */
  exec_ok(db, "UPDATE objectives SET weight = 0 WHERE id = 'o2'");
  ck_assert_str_eq(query_text(db, "SELECT score FROM bsc_perspective_scores WHERE perspective = 'financial'"), "2.5");
  db_close(db);
}
END_TEST

START_TEST(trend_is_better_or_worse_whatever_the_polarity) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'Quality', 'internal');"
          "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES"
          " ('defects', 'o', 'Defects', 'lower', 2, 6), ('sales', 'o', 'Sales', 'higher', 6, 2),"
          " ('band', 'o', 'Temperature', 'range', 20, 24);"
          "INSERT INTO measurements(kpi, period, actual) VALUES"
          " ('defects', '2026-01', 5), ('defects', '2026-02', 4),"
          " ('sales', '2026-01', 5), ('sales', '2026-02', 4),"
          " ('band', '2026-01', 23), ('band', '2026-02', 18);");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || trend, ' ') FROM kpis"),
                   "defects:up sales:down band:up");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES"
              " ('defects', '2026-03', 4), ('sales', '2026-03', 5), ('band', '2026-03', 25)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || trend, ' ') FROM kpis"),
                   "defects:flat sales:up band:down");
  /* no period before with an actual: no trend */
  exec_ok(db, "DELETE FROM measurements WHERE period = '2026-02'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || ifnull(trend, 'NULL'), ' ') FROM kpis"),
                   "defects:NULL sales:NULL band:NULL");
  /* asked for a quarter, the trend compares with the quarter before */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('sales', '2025-12', 1)");
  ck_assert_str_eq(query_text(db, "SELECT trend FROM bsc_scorecard('2026-Q1') WHERE kpi = 'sales'"), "up");
  ck_assert_str_eq(query_text(db, "SELECT ifnull(trend, 'NULL') FROM bsc_scorecard('2026-Q1') WHERE kpi = 'band'"),
                   "NULL");
  db_close(db);
}
END_TEST

START_TEST(kpi_derived_columns) {
  sqlite3 *db = rollup_map();
  ck_assert_str_eq(query_text(db, "SELECT group_concat(name, ',') FROM pragma_table_info('kpis')"),
                   "id,objective,title,unit,polarity,baseline,target,red,weight,frequency,aggregation,"
                   "period,actual,score,status,trend");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(name, ',') FROM pragma_table_info('objectives')"),
                   "id,title,perspective,cluster,weight,owner,description,kpis,rollup,score,status,unit");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || ifnull(period, '-') || ':' ||"
                                  " ifnull(actual, '-') || ':' || ifnull(score, '-') || ':' || status, ' ') FROM kpis"),
                   "ka:2026-01:20.0:10.0:green kb:-:-:-:none kc:2026-01:0.0:0.0:red "
                   "kd:2026-01:7.5:5.0:amber ke:2026-02:10.0:6.66666666666667:green");
  /* red falls back to the baseline; with neither the KPI is unscored */
  exec_ok(db, "INSERT INTO kpis(id, objective, title, target, baseline) VALUES ('kf', 'o2', 'F', 10, 5);"
              "INSERT INTO kpis(id, objective, title, target) VALUES ('kg', 'o2', 'G', 10);"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('kf', '2026-01', 5), ('kg', '2026-01', 5)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || ifnull(score, '-') || ':' || status, ' ')"
                                  " FROM kpis WHERE objective = 'o2'"),
                   "kd:5.0:amber kf:3.33333333333333:amber kg:-:none");
  /* a measurement's own target overrides the KPI's */
  exec_ok(db, "UPDATE measurements SET target = 7.5 WHERE kpi = 'kd'");
  ck_assert_str_eq(query_text(db, "SELECT score FROM kpis WHERE id = 'kd'"), "6.66666666666667");
  /* setting a derived column to the value it has changes nothing, so it passes */
  exec_ok(db, "UPDATE kpis SET status = 'green' WHERE id = 'kd'");
  exec_fails(db, "UPDATE kpis SET status = 'red' WHERE id = 'kd'",
             "bsc: kpis.status: 'red' not written; status is derived from the map and read-only (row id 'kd')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, trend) VALUES ('kz', 'o1', 'Z', 'up')",
             "bsc: kpis.trend: 'up' not written; trend is derived from the map and read-only (row id 'kz')");
  /* only the derived columns asked for are computed, and a filter on them works */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM kpis WHERE status = 'green'"), "ka,kd,ke");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis WHERE trend IS NULL"), 7);
  db_close(db);
}
END_TEST

/* ----------------------------------------------------------- validation */

START_TEST(kpi_thresholds_checked_on_write) {
  sqlite3 *db = rollup_map();
  exec_fails(db, "INSERT INTO kpis(id, objective, title, target, red) VALUES ('x', 'o1', 'X', 80, 80)",
             "bsc: kpis.red: red flag 80 equals target 80 (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, target, red) VALUES ('x', 'o1', 'X', 80, 90)",
             "bsc: kpis.red: red flag 90 is above target 80, which contradicts polarity 'higher' (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('x', 'o1', 'X', 'lower', 2, 1.5)",
             "bsc: kpis.red: red flag 1.5 is below target 2, which contradicts polarity 'lower' (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('x', 'o1', 'X', 'range', 20, 20)",
             "bsc: kpis.red: red flag 20 equals target 20 (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, target, baseline) VALUES ('x', 'o1', 'X', 80, 90)",
             "bsc: kpis.baseline: baseline 90 is above target 80, which contradicts polarity 'higher'; "
             "with red NULL the baseline is the red flag (row id 'x')");
  exec_ok(db, "INSERT INTO kpis(id, objective, title, polarity, target, red, baseline) VALUES"
              " ('x', 'o1', 'X', 'lower', 2, 6, 1);"                       /* a baseline past the target is fine when red is set */
              "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('y', 'o1', 'Y', 'range', 20, 18);"
              "INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('z', 'o1', 'Z', 'range', 20, 22);"
              "INSERT INTO kpis(id, objective, title, red) VALUES ('w', 'o1', 'W', 3)");
  exec_fails(db, "UPDATE kpis SET polarity = 'higher' WHERE id = 'x'",
             "bsc: kpis.red: red flag 6 is above target 2, which contradicts polarity 'higher' (row id 'x')");
  /* per-period targets must fit their KPI, and a KPI its per-period targets */
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('ka', '2026-02', 1, 4)",
             "bsc: measurements.target: red flag 5 of KPI 'ka' is above target 4, which contradicts "
             "polarity 'higher' (row kpi 'ka', period '2026-02')");
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('ka', '2026-02', 1, 5)",
             "bsc: measurements.target: red flag 5 of KPI 'ka' equals target 5 (row kpi 'ka', period '2026-02')");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('ka', '2026-02', 1, 6)");
  exec_fails(db, "UPDATE kpis SET red = 7 WHERE id = 'ka'",
             "bsc: kpis.red: red flag 7 is above target 6 of measurements row (kpi 'ka', period '2026-02'), "
             "which contradicts polarity 'higher' (row id 'ka')");
  exec_ok(db, "UPDATE kpis SET red = 5.5 WHERE id = 'ka'");
  exec_ok(db, "INSERT INTO kpis(id, objective, title, target, baseline) VALUES ('v', 'o1', 'V', 10, 2);");
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('v', '2026-02', 1, 1)",
             "bsc: measurements.target: baseline 2 of KPI 'v' is above target 1, which contradicts "
             "polarity 'higher'; with red NULL the baseline is the red flag (row kpi 'v', period '2026-02')");
  /* nothing of the refused writes landed */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 10);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements WHERE period = '2026-02'"), 2);
  db_close(db);
}
END_TEST

/* ---------------------------------------------------- table functions */

START_TEST(scorecard_columns_and_order) {
  sqlite3 *db = rollup_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('l1', 'Learn', 'learning');"
              "INSERT INTO kpis(id, objective, title, unit, target, red) VALUES ('kl', 'l1', 'Hours', 'h', 40, 20);"
              "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('i1', 'Run', 'internal', 'operations');"
              "INSERT INTO kpis(id, objective, title, unit, target, red) VALUES ('ki', 'i1', 'Uptime', '%', 98, 94);");
  struct {
    const char *zSql, *zCols;
  } aCase[] = {
    {"SELECT * FROM bsc_scorecard",
     "perspective,objective,kpi,title,unit,period,actual,target,red,score,status,trend,"
       "target_source,red_source"},
    {"SELECT * FROM bsc_objective_scores",
     "perspective,objective,title,score,status,kpis_scored,kpis_total"},
    {"SELECT * FROM bsc_perspective_scores", "perspective,score,status,objectives_scored,objectives_total"},
  };
  for (int i = 0; i < 3; i++) {
    sqlite3_stmt *pStmt;
    char zCols[300] = "";
    ck_assert_int_eq(sqlite3_prepare_v2(db, aCase[i].zSql, -1, &pStmt, 0), SQLITE_OK);
    for (int c = 0; c < sqlite3_column_count(pStmt); c++) {
      strcat(zCols, c ? "," : "");
      strcat(zCols, sqlite3_column_name(pStmt, c));
    }
    sqlite3_finalize(pStmt);
    ck_assert_str_eq(zCols, aCase[i].zCols);
  }
  ck_assert_str_eq(query_text(db, "SELECT group_concat(perspective || '/' || objective || '/' || kpi, ' ')"
                                  " FROM bsc_scorecard"),
                   "financial/o1/ka financial/o1/kb financial/o1/kc financial/o2/kd customer/o4/ke "
                   "internal/i1/ki learning/l1/kl");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(objective, ' ') FROM bsc_objective_scores"),
                   "o1 o2 o3 o4 i1 l1");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(perspective, ' ') FROM bsc_perspective_scores"),
                   "financial customer internal learning map");
  ck_assert_str_eq(query_text(db, "SELECT title || ' ' || unit || ' ' || ifnull(period, '-') || ' ' || target || ' '"
                                  " || red || ' ' || status FROM bsc_scorecard WHERE kpi = 'ki'"),
                   "Uptime % - 98.0 94.0 none");
  db_close(db);
}
END_TEST

START_TEST(scorecard_arguments) {
  sqlite3 *db = aggregation_map();
  /* the period argument, positional or named; the visible period asks too */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(DISTINCT period) FROM bsc_scorecard('2026-q2')"), "2026-Q2");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(DISTINCT period) FROM bsc_scorecard WHERE for_period = '2026'"),
                   "2026");
  ck_assert_str_eq(query_text(db, "SELECT actual FROM bsc_scorecard WHERE period = '2026-Q2' AND kpi = 'ksum'"), "15.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(period || '=' || actual) FROM bsc_scorecard"
                                  " WHERE period IN ('2026-Q1', '2026-Q2') AND kpi = 'ksum'"),
                   "2026-Q1=6.0,2026-Q2=15.0");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_scorecard WHERE period = NULL"), 0);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(DISTINCT period) FROM bsc_scorecard(NULL)"), "2026-12");
  ck_assert_str_eq(query_text(db, "SELECT for_period || ' ' || schema FROM bsc_scorecard('ytd:2026-9', 'main')"),
                   "YTD:2026-09 main");
  ck_assert_str_eq(query_text(db, "SELECT period || ' ' || schema FROM bsc_objective_scores('2026-H1')"), "2026-H1 main");
  ck_assert_str_eq(query_text(db, "SELECT printf('%.4f', score) FROM bsc_objective_scores('2026-05')"), "3.3333");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_perspective_scores('2026-Q3')"), "5");
  /* arguments from a join */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(p.column1 || '=' || s.actual, ' ') FROM"
                                  " (VALUES ('2026-Q1'), ('2026-Q4')) p, bsc_scorecard(p.column1) s WHERE s.kpi = 'ksum'"),
                   "2026-Q1=6.0 2026-Q4=33.0");
  exec_fails(db, "SELECT * FROM bsc_scorecard('2026-Q5')",
             "bsc: bsc_scorecard: period '2026-Q5' is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
             "2026-09-30, 2026-W38 or YTD:2026-09");
  exec_fails(db, "SELECT * FROM bsc_perspective_scores(x'0102')",
             "bsc: bsc_perspective_scores: period a blob of 2 bytes is not a period; use 2026, 2026-H2, "
             "2026-Q3, 2026-09, 2026-09-30, 2026-W38 or YTD:2026-09");
  exec_fails(db, "SELECT * FROM bsc_objective_scores(NULL, 'elsewhere')",
             "bsc: bsc_objective_scores: no schema 'elsewhere'; name main, temp or an attached database");
  db_close(db);
}
END_TEST

/* A join on the visible period asks for each row's period, whichever side
** is written first: a plan that scanned the latest scorecard and filtered it
** would answer differently, so it is never chosen. */
START_TEST(scorecard_period_column_in_joins) {
  sqlite3 *db = aggregation_map();
  exec_ok(db, "CREATE TABLE asked(p TEXT); INSERT INTO asked VALUES ('2026-Q1'), ('2026-03'), ('ytd:2026-2');");
  const char *zWant = "2026-03=3.0 2026-Q1=6.0 YTD:2026-02=3.0";
  ck_assert_str_eq(query_text(db, "SELECT group_concat(s.period || '=' || s.actual, ' ') FROM"
                                  " (SELECT * FROM asked ORDER BY p) a JOIN bsc_scorecard s ON s.period = a.p"
                                  " WHERE s.kpi = 'ksum'"),
                   zWant);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(s.period || '=' || s.actual, ' ') FROM"
                                  " bsc_scorecard s JOIN (SELECT * FROM asked ORDER BY p) a ON s.period = a.p"
                                  " WHERE s.kpi = 'ksum'"),
                   zWant);
  /* each measurement meets its own KPI at its own month */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements m JOIN bsc_scorecard s"
                                 " ON s.period = m.period AND s.kpi = m.kpi AND s.actual = m.actual"),
                   60);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_scorecard s JOIN measurements m"
                                 " ON s.period = m.period AND s.kpi = m.kpi AND s.actual = m.actual"),
                   60);
  db_close(db);
}
END_TEST

START_TEST(scorecard_of_an_attached_map) {
  sqlite3 *db = rollup_map();
  exec_ok(db, "ATTACH ':memory:' AS unit_b;"
              "CREATE VIRTUAL TABLE unit_b.o USING bsc_objectives;"
              "CREATE VIRTUAL TABLE unit_b.k USING bsc_kpis;"
              "CREATE VIRTUAL TABLE unit_b.m USING bsc_measurements;"
              "INSERT INTO unit_b.o(id, title, perspective) VALUES ('b1', 'B', 'customer');"
              "INSERT INTO unit_b.k(id, objective, title, target, red) VALUES ('bk', 'b1', 'BK', 4, 2);"
              "INSERT INTO unit_b.m(kpi, period, actual) VALUES ('bk', '2026-Q1', 3);");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(kpi || '=' || score) FROM bsc_scorecard(NULL, 'unit_b')"),
                   "bk=5.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(objective) FROM bsc_objective_scores(NULL, 'UNIT_B')"), "b1");
  ck_assert_str_eq(query_text(db, "SELECT score FROM bsc_perspective_scores(NULL, 'unit_b') WHERE perspective = 'map'"),
                   "5.0");
  ck_assert_str_eq(query_text(db, "SELECT score || ' ' || kpis FROM unit_b.o"), "5.0 1");
  /* a schema with no map is an error, as for the graph functions: an
  ** empty scorecard would hide that the wrong database was opened */
  exec_ok(db, "ATTACH ':memory:' AS empty");
  exec_fails(db, "SELECT count(*) FROM bsc_scorecard(NULL, 'empty')",
             "bsc: bsc_scorecard: schema 'empty' holds no strategy map; create its tables first "
             "(CREATE VIRTUAL TABLE empty.objectives USING bsc_objectives, and likewise bsc_processes, "
             "bsc_links, bsc_kpis and bsc_measurements)");
  exec_ok(db, "CREATE VIRTUAL TABLE empty.objectives USING bsc_objectives");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_scorecard(NULL, 'empty')"), 0);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(objectives_total) FROM bsc_perspective_scores(NULL, 'empty')"),
                   "0,0,0,0,0");
  db_close(db);
  /* temp, as the message for an unknown schema offers, before anything is in it */
  db = db_open(":memory:");
  exec_fails(db, "SELECT count(*) FROM bsc_scorecard(NULL, 'temp')",
             "bsc: bsc_scorecard: schema 'temp' holds no strategy map; create its tables first "
             "(CREATE VIRTUAL TABLE temp.objectives USING bsc_objectives, and likewise bsc_processes, "
             "bsc_links, bsc_kpis and bsc_measurements)");
  exec_fails(db, "SELECT * FROM bsc_objective_scores(NULL, 'nosuch')",
             "bsc: bsc_objective_scores: no schema 'nosuch'; name main, temp or an attached database");
  db_close(db);
}
END_TEST

/* The views of sql/views.sql, read with trusted_schema=OFF. */
START_TEST(views_work_untrusted) {
  sqlite3 *db = rollup_map();
  const char *zSql = sql_file("sql/views.sql");
  exec_ok(db, zSql);
  exec_ok(db, zSql); /* may be read again */
  exec_ok(db, "PRAGMA trusted_schema=OFF");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM scorecard"), 5);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objective_scores"), 4);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM perspective_scores"), 5);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(DISTINCT period) FROM scorecard WHERE period = '2026-Q1'"),
                   "2026-Q1");
  db_close(db);
}
END_TEST

/* The worst-trending report joins the objectives' scores with the KPIs':
** each table-valued function must be read once (MATERIALIZE), not scored
** all over again for every objective, as a plain join does. */
START_TEST(worst_trending_scores_the_map_once) {
  sqlite3 *db = rollup_map();
  sqlite3_stmt *pStmt;
  char *zSql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql_file("sql/reports/worst_trending.sql"));
  ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0), SQLITE_OK);
  sqlite3_free(zSql);
  int aMaterialize[16], nMaterialize = 0, nScan = 0; /* ids of the MATERIALIZE rows */
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    int id = sqlite3_column_int(pStmt, 0), parent = sqlite3_column_int(pStmt, 1), i = 0;
    const char *zDetail = (const char *)sqlite3_column_text(pStmt, 3);
    if (strncmp(zDetail, "MATERIALIZE", 11) == 0 && nMaterialize < 16) aMaterialize[nMaterialize++] = id;
    if (!strstr(zDetail, "VIRTUAL TABLE")) continue;
    while (i < nMaterialize && aMaterialize[i] != parent) i++;
    ck_assert_msg(i < nMaterialize, "scanned for every row: %s", zDetail);
    nScan++;
  }
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  ck_assert_int_eq(nScan, 2);
  db_close(db);
}
END_TEST

/* -------------------------------------------------------------- upgrade */

static sqlite3 *open_format1_copy(const char *zTag, const char **pzPath) {
  const char *zPath = temp_db_path(zTag);
  FILE *in = fopen("tests/fixtures/format1.db", "rb");
  ck_assert_ptr_nonnull(in);
  FILE *out = fopen(zPath, "wb");
  ck_assert_ptr_nonnull(out);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), in)) > 0) ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
  fclose(in);
  fclose(out);
  *pzPath = zPath;
  return db_open(zPath);
}

static const char *all_formats(sqlite3 *db) {
  return query_text(db, "SELECT (SELECT v FROM processes_config WHERE k='format') ||"
                        " (SELECT v FROM objectives_config WHERE k='format') ||"
                        " (SELECT v FROM links_config WHERE k='format') ||"
                        " (SELECT v FROM kpis_config WHERE k='format') ||"
                        " (SELECT v FROM measurements_config WHERE k='format')");
}

START_TEST(format1_map_upgrades_without_loss) {
  const char *zPath;
  sqlite3 *db = open_format1_copy("format1", &zPath);
  ck_assert_str_eq(all_formats(db), "11111");
  /* every row survives */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '/' || title || '/' || cluster || '/' || subprocess"
                                  " || '/' || owner) FROM processes"),
                   "fleet/Fleet maintenance/operations/produce/Ops lead");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '/' || title || '/' || perspective || '/' ||"
                                  " ifnull(cluster, '-') || '/' || weight || '/' || kpis || '/' || rollup, ' ') FROM objectives"),
                   "profit/Grow profit/financial/-/2.0/1/weighted loyalty/Keep customers loyal/customer/-/1.0/1/weighted "
                   "reliable/Reliable operations/internal/operations/1.0/1/weighted "
                   "skills/Skilled technicians/learning/-/1.0/1/weighted");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect || ':' || weight, ' ') FROM links"),
                   "fleet>reliable:1.0 skills>reliable:0.5 reliable>loyalty:1.0 loyalty>profit:1.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '/' || objective || '/' || unit || '/' || polarity || '/' ||"
                                  " baseline || '/' || target || '/' || red || '/' || aggregation, ' ') FROM kpis"),
                   "margin/profit/%/higher/5.0/12.0/8.0/last nps/loyalty/points/higher/10.0/40.0/20.0/last "
                   "uptime/reliable/%/higher/90.0/98.0/94.0/last training/skills/h/higher/10.0/40.0/20.0/last");
  ck_assert_str_eq(query_text(db, "SELECT count(*) || ' ' || sum(actual) FROM measurements"), "9 409.0");
  /* reading writes nothing (upgrade.c says why) */
  ck_assert_str_eq(all_formats(db), "11111");
  /* a write to the table that lacks a column is refused with advice */
  exec_fails(db, "UPDATE objectives SET rollup = 'worst' WHERE id = 'profit'",
             "bsc: objectives: its storage (format 1, from an older bsc) has no column rollup; bsc reads it as it "
             "is, and writes it after an upgrade: run SELECT bsc_upgrade('main') once");
  /* bsc_upgrade() refuses to run inside another statement */
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('margin', '2026-07', bsc_upgrade())",
             "bsc: bsc_upgrade: run it as a statement of its own, SELECT bsc_upgrade('main'), while no other "
             "statement of the connection runs");
  ck_assert_int_eq(query_int(db, "SELECT bsc_upgrade()"), 5);
  ck_assert_str_eq(all_formats(db), "33333");
  ck_assert_int_eq(query_int(db, "SELECT bsc_upgrade('main')"), 0);
  /* the new columns work */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || period || ':' || printf('%.4f', score) || ':' ||"
                                  " status || ':' || ifnull(trend, '-'), ' ') FROM kpis"),
                   "margin:2026-Q2:4.1667:amber:up nps:2026-03:5.1667:amber:up uptime:2026-03:2.5000:red:down "
                   "training:2026-Q1:5.0000:amber:-");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(status) FROM objectives"), "amber,amber,red,amber");
  exec_ok(db, "UPDATE objectives SET rollup = 'worst' WHERE id = 'profit';"
              "INSERT INTO objectives(id, title, perspective, rollup) VALUES ('new', 'New', 'customer', 'best')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rollup) FROM objectives"), "worst,weighted,weighted,weighted,best");
  ck_assert_str_eq(query_text(db, "SELECT printf('%.2f', score) FROM bsc_perspective_scores WHERE perspective = 'map'"),
                   "4.20");
  db_close(db);
  /* the file itself now says format 3, and opens as such */
  db = db_open(zPath);
  ck_assert_str_eq(all_formats(db), "33333");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rollup) FROM objectives"), "worst,weighted,weighted,weighted,best");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* The scorecard may be the first thing read; an upgrade inside a
** transaction rolled back is undone, schema and all; a table whose storage
** lacks nothing takes writes before any upgrade. */
START_TEST(format1_map_read_in_any_order) {
  const char *zPath;
  sqlite3 *db = open_format1_copy("format1-order", &zPath);
  ck_assert_str_eq(query_text(db, "SELECT printf('%.2f', score) FROM bsc_perspective_scores WHERE perspective = 'map'"),
                   "4.20");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(status) FROM objectives"), "amber,amber,red,amber");
  ck_assert_str_eq(query_text(db, "SELECT v FROM objectives_config WHERE k = 'format'"), "1");
  db_close(db);
  db_remove_file(zPath);

  db = open_format1_copy("format1-rollback", &zPath);
  exec_ok(db, "BEGIN");
  ck_assert_int_eq(query_int(db, "SELECT bsc_upgrade()"), 5);
  exec_ok(db, "UPDATE objectives SET rollup = 'best' WHERE id = 'profit'");
  exec_ok(db, "ROLLBACK");
  ck_assert_str_eq(query_text(db, "SELECT v FROM objectives_config WHERE k = 'format'"), "1");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rollup) FROM objectives"), "weighted,weighted,weighted,weighted");
  exec_fails(db, "UPDATE objectives SET rollup = 'best' WHERE id = 'profit'",
             "bsc: objectives: its storage (format 1, from an older bsc) has no column rollup; bsc reads it as it "
             "is, and writes it after an upgrade: run SELECT bsc_upgrade('main') once");
  db_close(db);
  db_remove_file(zPath);

  /* a write as the first statement: refused where a column is lacking,
  ** taken where nothing is */
  db = open_format1_copy("format1-write", &zPath);
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('n', 'N', 'l')",
             "bsc: objectives: its storage (format 1, from an older bsc) has no column rollup; bsc reads it as it "
             "is, and writes it after an upgrade: run SELECT bsc_upgrade('main') once");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('margin', '2026-07', 13)");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements WHERE period = '2026-07'"), 1);
  ck_assert_int_eq(query_int(db, "SELECT bsc_upgrade()"), 5);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('n', 'N', 'l')");
  ck_assert_str_eq(query_text(db, "SELECT rollup FROM objectives WHERE id = 'n'"), "weighted");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* A damaged format is named as damage, not read as format 0. */
START_TEST(bad_format_is_named) {
  const char *zPath = temp_db_path("badformat");
  sqlite3 *db = db_open(zPath);
  exec_ok(db, "CREATE VIRTUAL TABLE kpis USING bsc_kpis; UPDATE kpis_config SET v = 'abc' WHERE k = 'format'");
  db_close(db);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM kpis",
             "bsc: kpis: its storage kpis_config records format 'abc', which is no storage format (a whole "
             "number): the table is damaged; SELECT * FROM bsc_integrity('main') lists what is wrong");
  exec_fails(db, "SELECT bsc_upgrade()",
             "bsc: kpis: its storage kpis_config records format 'abc', which is no storage format (a whole "
             "number): the table is damaged; SELECT * FROM bsc_integrity('main') lists what is wrong");
  db_close(db);
  db = db_open(zPath);
  exec_ok(db, "DELETE FROM kpis_config WHERE k = 'format'");
  exec_fails(db, "SELECT * FROM kpis",
             "bsc: kpis: its storage kpis_config records no format (the row k = 'format' is missing): the table "
             "is damaged; SELECT * FROM bsc_integrity('main') lists what is wrong");
  db_close(db);
  db = db_open(zPath);
  exec_ok(db, "INSERT INTO kpis_config VALUES ('format', 2.5)");
  db_close(db);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM kpis",
             "bsc: kpis: its storage kpis_config records format 2.5, which is no storage format (a whole "
             "number): the table is damaged; SELECT * FROM bsc_integrity('main') lists what is wrong");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* A format-1 file this connection may not write is read as it is. */
START_TEST(format1_map_read_only_as_it_is) {
  sqlite3 *db = db_open_readonly("tests/fixtures/format1.db");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || rollup || ':' || status) FROM objectives"),
                   "profit:weighted:amber,loyalty:weighted:amber,reliable:weighted:red,skills:weighted:amber");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id) FROM objectives WHERE rollup = 'weighted' AND id > 'p'"),
                   "profit,reliable,skills");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || status) FROM kpis"),
                   "margin:amber,nps:amber,uptime:red,training:amber");
  ck_assert_str_eq(query_text(db, "SELECT printf('%.2f', score) FROM bsc_perspective_scores WHERE perspective = 'map'"),
                   "4.20");
  ck_assert_str_eq(all_formats(db), "11111");
  exec_fails(db, "UPDATE objectives SET rollup = 'worst'", "attempt to write a readonly database");
  exec_fails(db, "SELECT bsc_upgrade()",
             "bsc: bsc_upgrade: schema 'main' is read-only; bsc reads its older storage as it is, and an upgrade "
             "needs write access");
  db_close(db);
}
END_TEST

/* ---------------------------------------------------- all-or-nothing loads */

static sqlite3 *load_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial');"
              "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k', 'o', 'K', 10, 5);");
  return db;
}

static const char *periods(sqlite3 *db) {
  return query_text(db, "SELECT ifnull(group_concat(period, ' '), '') FROM measurements");
}

/* Loads measurements (kpi 'k') the way the shell's .import does: one
** prepared INSERT INTO t VALUES(?, ...) stepped per row, going on after a
** failed row. zActuals: "period=actual ..."; returns the first error. */
static const char *bulk_load(sqlite3 *db, const char *zInsert, const char *zActuals) {
  static char zErr[512];
  char zPeriod[16], zActual[16];
  int n;
  sqlite3_stmt *pStmt;
  zErr[0] = 0;
  ck_assert_int_eq(sqlite3_prepare_v2(db, zInsert, -1, &pStmt, 0), SQLITE_OK);
  for (const char *z = zActuals; sscanf(z, " %15[^=]=%15s%n", zPeriod, zActual, &n) == 2; z += n) {
    sqlite3_bind_text(pStmt, 1, "k", -1, SQLITE_STATIC);
    sqlite3_bind_text(pStmt, 2, zPeriod, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(pStmt, 3, zActual, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(pStmt) != SQLITE_DONE && !zErr[0]) snprintf(zErr, sizeof(zErr), "%s", sqlite3_errmsg(db));
    sqlite3_reset(pStmt);
  }
  sqlite3_finalize(pStmt);
  return zErr;
}

#define IMPORT "INSERT INTO \"measurements\" VALUES(?,?,?,?,?)"
#define REFUSED "bsc: COMMIT refused and the transaction rolled back: a write to the map failed in it "

START_TEST(bulk_load_is_all_or_nothing) {
  sqlite3 *db = load_map();
  exec_ok(db, "BEGIN");
  ck_assert_str_eq(bulk_load(db, IMPORT, "2026-01=1 2026-02=x 2026-03=3"),
                   "bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-02')");
  ck_assert_str_eq(periods(db), "2026-01 2026-03");
  exec_fails(db, "COMMIT",
             REFUSED "(bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-02'))");
  ck_assert_int_eq(sqlite3_get_autocommit(db), 1);
  ck_assert_str_eq(periods(db), "");
  /* the next transaction starts clean */
  exec_ok(db, "BEGIN");
  ck_assert_str_eq(bulk_load(db, IMPORT, "2026-04=4 2026-05=5"), "");
  exec_ok(db, "COMMIT");
  ck_assert_str_eq(periods(db), "2026-04 2026-05");
  /* any spelling of the insert */
  exec_ok(db, "BEGIN");
  ck_assert_str_eq(bulk_load(db, " insert  INTO main . [measurements] values ( ?1 , ?2, ?3 ,?4,?5 ) ;",
                             "2026-06=6 2026-07=y"),
                   "bsc: measurements.actual: 'y' is not a number (row kpi 'k', period '2026-07')");
  exec_fails(db, "COMMIT", REFUSED "(bsc: measurements.actual: 'y' is not a number (row kpi 'k', period '2026-07'))");
  ck_assert_str_eq(periods(db), "2026-04 2026-05");
  /* outside a transaction each row stands alone */
  ck_assert_str_eq(bulk_load(db, IMPORT, "2026-08=8 2026-09=z 2026-10=10"),
                   "bsc: measurements.actual: 'z' is not a number (row kpi 'k', period '2026-09')");
  ck_assert_str_eq(periods(db), "2026-04 2026-05 2026-08 2026-10");
  /* ROLLBACK ends it as usual */
  exec_ok(db, "BEGIN");
  bulk_load(db, IMPORT, "2026-11=x");
  exec_ok(db, "ROLLBACK; BEGIN; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-11', 11); COMMIT");
  ck_assert_str_eq(periods(db), "2026-04 2026-05 2026-08 2026-10 2026-11");
  db_close(db);
}
END_TEST

/* The rule holds for every write, however phrased: a column list, literal
** values, an UPDATE, a DELETE. INSERT OR IGNORE skips the row as asked. */
START_TEST(every_refused_write_spoils_the_transaction) {
  static const struct {
    const char *zSql, *zErr;
  } aWrite[] = {
    {"INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-02', 'x')",
     "bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-02')"},
    {"INSERT INTO measurements VALUES ('k', '2026-03', 'x', NULL, NULL)",
     "bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-03')"},
    {"UPDATE kpis SET red = 10 WHERE id = 'k'", "bsc: kpis.red: red flag 10 equals target 10 (row id 'k')"},
    {"DELETE FROM objectives", "bsc: objectives.id: cannot delete objective 'o': kpis row (id 'k') still refers "
                               "to it; change or delete that row first"},
  };
  sqlite3 *db = load_map();
  for (int i = 0; i < (int)(sizeof(aWrite) / sizeof(aWrite[0])); i++) {
    char zRefused[600];
    exec_ok(db, "BEGIN; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 1)");
    exec_fails(db, aWrite[i].zSql, aWrite[i].zErr);
    snprintf(zRefused, sizeof(zRefused), REFUSED "(%s)", aWrite[i].zErr);
    exec_fails(db, "COMMIT", zRefused);
    ck_assert_str_eq(periods(db), "");
  }
  exec_ok(db, "BEGIN");
  ck_assert_str_eq(bulk_load(db, "INSERT INTO measurements(kpi, period, actual) VALUES(?, ?, ?)", "2026-04=x"),
                   "bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-04')");
  exec_fails(db, "COMMIT", REFUSED "(bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-04'))");
  exec_ok(db, "BEGIN; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 1)");
  exec_ok(db, "INSERT OR IGNORE INTO measurements(kpi, period, actual) VALUES ('k', '2026-05', 'x'), ('k', '2026-06', 6)");
  exec_ok(db, "COMMIT");
  ck_assert_str_eq(periods(db), "2026-01 2026-06");
  db_close(db);
}
END_TEST

START_TEST(rollback_to_before_the_failure_lets_commit) {
  sqlite3 *db = load_map();
  /* single-row statements that failed, then ROLLBACK TO */
  exec_ok(db, "BEGIN; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 1); SAVEPOINT a");
  bulk_load(db, IMPORT, "2026-02=2 2026-03=x");
  exec_ok(db, "ROLLBACK TO a; COMMIT");
  ck_assert_str_eq(periods(db), "2026-01");
  /* a multi-row statement fails and rolls back to its own savepoint: still refused */
  exec_ok(db, "BEGIN; SAVEPOINT a");
  /* (its second row repeats the first: that row fails, the first is undone) */
  ck_assert_str_eq(bulk_load(db, "INSERT INTO measurements VALUES (?, ?, ?, ?, ?), (?1, ?2, ?3, ?4, ?5)", "2026-04=4"),
                   "bsc: measurements: a measurement with kpi 'k', period '2026-04' already exists");
  ck_assert_str_eq(periods(db), "2026-01");
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-05', 5)");
  exec_fails(db, "COMMIT", REFUSED "(bsc: measurements: a measurement with kpi 'k', period '2026-04' already exists)");
  ck_assert_str_eq(periods(db), "2026-01");
  /* ... unless rolled back to a savepoint from before it */
  exec_ok(db, "BEGIN; SAVEPOINT a; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-06', 6)");
  ck_assert_str_eq(bulk_load(db, "INSERT INTO measurements VALUES (?, ?, ?, ?, ?), (?1, ?2, ?3, ?4, ?5)", "2026-08=8"),
                   "bsc: measurements: a measurement with kpi 'k', period '2026-08' already exists");
  exec_ok(db, "ROLLBACK TO a; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-09', 9); COMMIT");
  ck_assert_str_eq(periods(db), "2026-01 2026-09");
  /* a failure inside a savepoint released later still counts */
  exec_ok(db, "BEGIN; SAVEPOINT a");
  bulk_load(db, IMPORT, "2026-10=x");
  exec_ok(db, "RELEASE a; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-11', 11)");
  exec_fails(db, "COMMIT", REFUSED "(bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-10'))");
  ck_assert_str_eq(periods(db), "2026-01 2026-09");
  /* ... even when a savepoint opened after it is rolled back */
  exec_ok(db, "BEGIN; SAVEPOINT a");
  bulk_load(db, IMPORT, "2026-10=x");
  exec_ok(db, "RELEASE a; SAVEPOINT b; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-11', 11)");
  exec_ok(db, "ROLLBACK TO b");
  exec_fails(db, "COMMIT", REFUSED "(bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-10'))");
  /* a single-row statement refused in a savepoint, rolled back to and
  ** released by the user: the savepoint's earlier writes commit */
  exec_ok(db, "BEGIN; INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-10', 10); SAVEPOINT s");
  exec_fails(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-11', 'x')",
             "bsc: measurements.actual: 'x' is not a number (row kpi 'k', period '2026-11')");
  exec_ok(db, "ROLLBACK TO s; RELEASE s; COMMIT");
  ck_assert_str_eq(periods(db), "2026-01 2026-09 2026-10");
  db_close(db);
}
END_TEST

/* An empty or blank text (the shell's .import gives an empty CSV field as
** '') is NULL in an optional column that holds no free text, and stays a
** text where a text fits, whatever the statement. */
START_TEST(empty_texts_are_null_where_no_text_fits) {
  sqlite3 *db = load_map();
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO measurements VALUES(?, ?, ?, ?, ?)", -1, &pStmt, 0), SQLITE_OK);
  const char *azRow[] = {"k", "2026-01", "", " ", ""};
  for (int i = 0; i < 5; i++) sqlite3_bind_text(pStmt, i + 1, azRow[i], -1, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  sqlite3_reset(pStmt);
  sqlite3_bind_text(pStmt, 2, "", -1, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_CONSTRAINT);
  ck_assert_str_eq(sqlite3_errmsg(db), "bsc: measurements.period: '' is not a period; use 2026, 2026-H2, 2026-Q3, "
                                       "2026-09, 2026-09-30 or 2026-W38");
  sqlite3_finalize(pStmt);
  ck_assert_str_eq(query_text(db, "SELECT typeof(actual) || typeof(target) || quote(note) FROM measurements"),
                   "nullnull''");
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO kpis VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      -1, &pStmt, 0),
                   SQLITE_OK);
  const char *azKpi[] = {"k2", "o", "K2", "", "", "", "", "", "", "", ""};
  for (int i = 0; i < 11; i++) sqlite3_bind_text(pStmt, i + 1, azKpi[i], -1, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  sqlite3_finalize(pStmt);
  ck_assert_str_eq(query_text(db, "SELECT quote(unit) || '|' || polarity || ' ' || weight || ' ' || aggregation || ' ' ||"
                                  " typeof(target) FROM kpis WHERE id = 'k2'"),
                   "''|higher 1.0 last null");
  /* the same with a column list and literal values */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual, target, note) VALUES ('k', '2026-02', '', ' ', '')");
  ck_assert_str_eq(query_text(db, "SELECT typeof(actual) || typeof(target) || quote(note) FROM measurements"
                                  " WHERE period = '2026-02'"),
                   "nullnull''");
  /* a required column refuses it */
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k3', '', 'K3')",
             "bsc: kpis.objective: '' is not an id; ids must not be empty (row id 'k3')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k3', 'o', ' ')",
             "bsc: kpis.title: ' ' is empty; kpis.title is required (row id 'k3')");
  db_close(db);
}
END_TEST

Suite *score_suite(void) {
  Suite *s = suite_create("score");
  TCase *tc = tcase_create("formula");
  tcase_add_test(tc, formula_higher_corners);
  tcase_add_test(tc, formula_lower_corners);
  tcase_add_test(tc, formula_range_corners);
  tcase_add_test(tc, formula_negative_and_zero_targets);
  tcase_add_test(tc, formula_at_the_ends_of_the_doubles);
  tcase_add_test(tc, formula_refuses_bad_thresholds);
  tcase_add_test(tc, sql_score_function);
  tcase_add_test(tc, status_bands_exactly);
  tcase_add_test(tc, rounding_noise_lands_on_the_bands);
  tcase_add_test(tc, progress_function);
  tcase_add_test(tc, functions_are_pure);
  tcase_add_test(tc, rollup_core);
  tcase_add_test(tc, trend_words);
  suite_add_tcase(s, tc);

  tc = tcase_create("periods");
  tcase_add_test(tc, periods_nest);
  tcase_add_test(tc, weeks_belong_to_their_thursday);
  tcase_add_test(tc, year_to_date);
  tcase_add_test(tc, periods_before);
  tcase_add_test(tc, aggregate_core);
  suite_add_tcase(s, tc);

  tc = tcase_create("scorecard");
  tcase_add_test(tc, aggregation_over_quarters_halves_years_ytd);
  tcase_add_test(tc, aggregation_of_weeks_days_and_quarters);
  tcase_add_test(tc, aggregation_with_a_month_without_target);
  tcase_add_test(tc, weights_spread_over_scored_kpis);
  tcase_add_test(tc, worst_and_best_rollups);
  tcase_add_test(tc, perspective_and_map_scores);
  tcase_add_test(tc, trend_is_better_or_worse_whatever_the_polarity);
  tcase_add_test(tc, kpi_derived_columns);
  tcase_add_test(tc, kpi_thresholds_checked_on_write);
  tcase_add_test(tc, scorecard_columns_and_order);
  tcase_add_test(tc, scorecard_arguments);
  tcase_add_test(tc, scorecard_period_column_in_joins);
  tcase_add_test(tc, scorecard_of_an_attached_map);
  tcase_add_test(tc, views_work_untrusted);
  tcase_add_test(tc, worst_trending_scores_the_map_once);
  suite_add_tcase(s, tc);

  tc = tcase_create("storage");
  tcase_add_test(tc, format1_map_upgrades_without_loss);
  tcase_add_test(tc, format1_map_read_in_any_order);
  tcase_add_test(tc, format1_map_read_only_as_it_is);
  tcase_add_test(tc, bad_format_is_named);
  tcase_add_test(tc, bulk_load_is_all_or_nothing);
  tcase_add_test(tc, every_refused_write_spoils_the_transaction);
  tcase_add_test(tc, rollback_to_before_the_failure_lets_commit);
  tcase_add_test(tc, empty_texts_are_null_where_no_text_fits);
  suite_add_tcase(s, tc);
  return s;
}
