/* The domain's words and the period syntax (ext/vocab.c). */
#include "harness.h"
#include "bsc.h"

#include <string.h>

static const char *period(const char *in) {
  static char out[BSC_PERIOD_MAX];
  if (bsc_period_normalize(in, out) == BSC_PERIOD_NONE) return "(none)";
  return out;
}

START_TEST(periods_normalise) {
  ck_assert_str_eq(period("2026"), "2026");
  ck_assert_str_eq(period("2026-q3"), "2026-Q3");
  ck_assert_str_eq(period("2026-h2"), "2026-H2");
  ck_assert_str_eq(period("2026-9"), "2026-09");
  ck_assert_str_eq(period("2026-09-30"), "2026-09-30");
  ck_assert_str_eq(period("2026-w38"), "2026-W38");
  ck_assert_str_eq(period(" 2026-W5 "), "2026-W05");
  ck_assert_str_eq(period("2024-02-29"), "2024-02-29");
  ck_assert_str_eq(period("2026-W53"), "2026-W53"); /* 1 January 2026 is a Thursday */
  ck_assert_str_eq(period("2025-W53"), "(none)");
  ck_assert_str_eq(period("2020-W53"), "2020-W53");
  ck_assert_str_eq(period("2026-02-29"), "(none)");
  ck_assert_str_eq(period("2026-13"), "(none)");
  ck_assert_str_eq(period("2026-Q5"), "(none)");
  ck_assert_str_eq(period("2026-H3"), "(none)");
  ck_assert_str_eq(period("26"), "(none)");
  ck_assert_str_eq(period("2026/09"), "(none)");
  ck_assert_str_eq(period("2026-09-31"), "(none)");
  ck_assert_str_eq(period(""), "(none)");
  ck_assert_str_eq(period("Q3 2026"), "(none)");
}
END_TEST

START_TEST(words_match_their_spellings) {
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Learning & Growth")->id, "learning");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "leren en groeien")->id, "learning");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "F")->id, "financial");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "interne processen")->id, "internal");
  ck_assert_str_eq(bsc_vocab_find(&bscClusters, "CRM")->id, "customer_management");
  ck_assert_str_eq(bsc_vocab_find(&bscClusters, "customer-management")->id, "customer_management");
  ck_assert_str_eq(bsc_vocab_find(&bscClusters, "sociale en maatschappelijke processen")->id,
                   "regulatory_social");
  ck_assert_str_eq(bsc_vocab_find(&bscSigns, "-")->id, "negative");
  ck_assert_ptr_null(bsc_vocab_find(&bscPerspectives, "strategy"));
  ck_assert_ptr_null(bsc_vocab_find(&bscPerspectives, ""));
  ck_assert_ptr_null(bsc_vocab_find(&bscSigns, "--"));
}
END_TEST

Suite *vocab_suite(void) {
  Suite *s = suite_create("vocab");
  TCase *tc = tcase_create("words");
  tcase_add_test(tc, periods_normalise);
  tcase_add_test(tc, words_match_their_spellings);
  suite_add_tcase(s, tc);
  return s;
}
