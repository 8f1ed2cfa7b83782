/*
** Scoring: the goal / red-flag scale, status bands, progress, trends and
** roll-ups. The math is pure (no SQLite state); the map-reading side is in
** scorecard.c.
**
** SQL surface (all SQLITE_DETERMINISTIC|SQLITE_INNOCUOUS):
**   bsc_score(actual, target, red [, polarity])  0..10, or NULL
**   bsc_status(score)                            'red', 'amber', 'green' or 'none'
**   bsc_progress(actual, baseline, target)       percent of the way from baseline
**
** The scale: with d = target - red, the score is 0 at red - d, 10/3 at red,
** 20/3 at target and 10 at target + d, linear between and clamped to
** [0, 10]. The same formula serves `lower` (target < red, d < 0). `range`
** scores |actual - target| as `lower` with goal 0 and red flag
** |red - target|, so its best score is 20/3, reached at the target. An
** actual within 1e-12 (relative) of the target or the red flag counts as
** on it, as sums and averages of decimal numbers miss by that much.
*/
#include "score.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <float.h>
#include <math.h>

BscScoreError bsc_score_check(double target, double red, BscPolarity pol, BscPolarity *pResolved) {
  if (target == red) return BSC_SCORE_EQUAL;
  if (pol == BSC_POLARITY_DEFAULT) pol = target > red ? BSC_HIGHER : BSC_LOWER;
  if (pol == BSC_HIGHER && red > target) return BSC_SCORE_RED_ABOVE;
  if (pol == BSC_LOWER && red < target) return BSC_SCORE_RED_BELOW;
  *pResolved = pol;
  return BSC_SCORE_OK;
}

/* Whether a - b overflows; halving both operands then keeps it finite. */
static int overflows(double a, double b) { return !isfinite(a - b); }

double bsc_score_value(double actual, double target, double red, BscPolarity pol) {
  /* thresholds so far apart that d overflows (1e308 and -1e308) would
  ** divide by infinity: halved, every ratio stays the same */
  if (overflows(target, red) || (pol == BSC_RANGE && overflows(actual, target))) {
    actual /= 2;
    target /= 2;
    red /= 2;
  }
  /* sums and averages of decimal data miss by an ulp or so (0.1 + 0.2 is
  ** 0.30000000000000004): that close to the target or the red flag, an
  ** actual is on it, and scores exactly 20/3 or 10/3 */
  double noise = 1e-12 * fmax(fabs(actual), fmax(fabs(target), fabs(red)));
  if (pol == BSC_RANGE) {
    red = fabs(red - target);
    actual = fabs(actual - target);
    target = 0;
  }
  if (fabs(actual - target) <= noise) actual = target;
  else if (fabs(actual - red) <= noise) actual = red;
  /* 10/3 per d: 1 at the red flag, 2 at the target */
  double s = 10.0 * (1.0 + (actual - red) / (target - red)) / 3.0;
  return s < 0 ? 0 : s > 10 ? 10 : s;
}

double bsc_score_of(double actual, double target, double red, BscPolarity pol) {
  BscPolarity resolved;
  if (isnan(actual) || isnan(target) || isnan(red)) return NAN;
  if (bsc_score_check(target, red, pol, &resolved) != BSC_SCORE_OK) return NAN;
  return bsc_score_value(actual, target, red, resolved);
}

char *bsc_score_problem(BscScoreError e, const char *zRed, const char *zTarget, BscPolarity pol) {
  if (e == BSC_SCORE_EQUAL) return sqlite3_mprintf("%s equals %s", zRed, zTarget);
  return sqlite3_mprintf("%s is %s %s, which contradicts polarity '%s'", zRed,
                         e == BSC_SCORE_RED_ABOVE ? "above" : "below", zTarget, bscPolarities.a[pol].id);
}

const char *bsc_status_of(double score) {
  if (isnan(score)) return "none";
  if (score < 10.0 / 3.0) return "red";
  if (score < 20.0 / 3.0) return "amber";
  return "green";
}

const char *bsc_trend_of(double now, double before) {
  if (isnan(now) || isnan(before)) return 0;
  if (fabs(now - before) < 1e-9) return "flat";
  return now > before ? "up" : "down";
}

double bsc_rollup(BscRollup how, const double *aScore, const double *aWeight, int n, int *pnScored) {
  double r = NAN, sum = 0, weights = 0, plain = 0, scale = 1;
  int nScored = 0;
  /* weights so huge (1e308) that the sums below would overflow count in
  ** proportion to the largest (scores are at most 10) */
  for (int i = 0; i < n; i++) {
    if (!isnan(aScore[i]) && aWeight[i] > scale) scale = aWeight[i];
  }
  if (scale == 1 || scale <= DBL_MAX / 10 / n) scale = 1;
  for (int i = 0; i < n; i++) {
    double s = aScore[i];
    if (isnan(s)) continue;
    double w = (isnan(aWeight[i]) ? 1 : aWeight[i]) / scale;
    if (nScored++ == 0) r = s;
    if (how == BSC_ROLLUP_WORST && s < r) r = s;
    if (how == BSC_ROLLUP_BEST && s > r) r = s;
    sum += w * s;
    weights += w;
    plain += s;
  }
  if (pnScored) *pnScored = nScored;
  /* aligned: the aligned objectives' scores by their links' weights */
  if ((how != BSC_ROLLUP_WEIGHTED && how != BSC_ROLLUP_ALIGNED) || nScored == 0) return r;
  /* all scored children weigh 0: weights set proportions, so count them alike */
  return weights > 0 ? sum / weights : plain / nScored;
}

/* --------------------------------------------------------- SQL functions */

/* Reads numeric argument i into *pr; NaN for NULL. On a value that is no
** number, sets the error and returns 0. */
static int number_arg(sqlite3_context *ctx, sqlite3_value **argv, int i, const char *zFunc,
                      const char *zArg, double *pr) {
  sqlite3_value *v = argv[i];
  int t = sqlite3_value_numeric_type(v);
  if (t == SQLITE_NULL) {
    *pr = NAN;
    return 1;
  }
  if ((t == SQLITE_INTEGER || t == SQLITE_FLOAT) && isfinite(sqlite3_value_double(v))) {
    *pr = sqlite3_value_double(v);
    return 1;
  }
  char *zVal = bsc_quote_value(v);
  char *zMsg = sqlite3_mprintf("bsc: %s: %s %s is not a finite number", zFunc, zArg,
                               zVal ? zVal : "?");
  if (zMsg) sqlite3_result_error(ctx, zMsg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(zVal);
  sqlite3_free(zMsg);
  return 0;
}

static void result_problem(sqlite3_context *ctx, const char *zFunc, char *zProblem) {
  char *zMsg = zProblem ? sqlite3_mprintf("bsc: %s: %s", zFunc, zProblem) : 0;
  if (zMsg) sqlite3_result_error(ctx, zMsg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(zProblem);
  sqlite3_free(zMsg);
}

static void fn_score(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double actual, target, red;
  BscPolarity pol = BSC_POLARITY_DEFAULT, resolved;
  if (!number_arg(ctx, argv, 0, "bsc_score", "actual", &actual) ||
      !number_arg(ctx, argv, 1, "bsc_score", "target", &target) ||
      !number_arg(ctx, argv, 2, "bsc_score", "red", &red)) {
    return;
  }
  if (argc > 3 && sqlite3_value_type(argv[3]) != SQLITE_NULL) {
    const BscWord *w = sqlite3_value_type(argv[3]) == SQLITE_TEXT
                           ? bsc_vocab_find(&bscPolarities, (const char *)sqlite3_value_text(argv[3]))
                           : 0;
    if (!w) {
      char *zList = bsc_vocab_list(&bscPolarities, 0);
      char *zVal = bsc_quote_value(argv[3]);
      result_problem(ctx, "bsc_score",
                     sqlite3_mprintf("polarity %s is not a polarity; use %s", zVal ? zVal : "?",
                                     zList ? zList : ""));
      sqlite3_free(zList);
      sqlite3_free(zVal);
      return;
    }
    pol = (BscPolarity)bsc_vocab_rank(&bscPolarities, w->id);
  }
  if (isnan(actual) || isnan(target) || isnan(red)) {
    sqlite3_result_null(ctx);
    return;
  }
  BscScoreError e = bsc_score_check(target, red, pol, &resolved);
  if (e != BSC_SCORE_OK) {
    char zRed[40], zTarget[40];
    sqlite3_snprintf(sizeof(zRed), zRed, "red flag %.15g", red);
    sqlite3_snprintf(sizeof(zTarget), zTarget, "target %.15g", target);
    result_problem(ctx, "bsc_score", bsc_score_problem(e, zRed, zTarget, pol));
    return;
  }
  sqlite3_result_double(ctx, bsc_score_value(actual, target, red, resolved));
}

static void fn_status(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double score;
  (void)argc;
  if (!number_arg(ctx, argv, 0, "bsc_status", "score", &score)) return;
  sqlite3_result_text(ctx, bsc_status_of(score), -1, SQLITE_STATIC);
}

static void fn_progress(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  double actual, baseline, target;
  (void)argc;
  if (!number_arg(ctx, argv, 0, "bsc_progress", "actual", &actual) ||
      !number_arg(ctx, argv, 1, "bsc_progress", "baseline", &baseline) ||
      !number_arg(ctx, argv, 2, "bsc_progress", "target", &target)) {
    return;
  }
  if (isnan(actual) || isnan(baseline) || isnan(target)) {
    sqlite3_result_null(ctx);
    return;
  }
  if (target == baseline) {
    result_problem(ctx, "bsc_progress",
                   sqlite3_mprintf("target %.15g equals baseline %.15g", target, baseline));
    return;
  }
  if (overflows(actual, baseline) || overflows(target, baseline)) {
    actual /= 2;
    baseline /= 2;
    target /= 2;
  }
  sqlite3_result_double(ctx, (actual - baseline) / (target - baseline) * 100.0);
}

int bsc_register_score(sqlite3 *db) {
  static const struct {
    const char *zName;
    int nArg;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  } aFunc[] = {
    {"bsc_score", 3, fn_score},
    {"bsc_score", 4, fn_score},
    {"bsc_status", 1, fn_status},
    {"bsc_progress", 3, fn_progress},
  };
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < (int)(sizeof(aFunc) / sizeof(aFunc[0])); i++) {
    rc = sqlite3_create_function_v2(db, aFunc[i].zName, aFunc[i].nArg,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0,
                                    aFunc[i].xFunc, 0, 0, 0);
  }
  return rc;
}
