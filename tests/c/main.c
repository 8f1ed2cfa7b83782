/* Runs every Check suite of bsc. */
#include "harness.h"

#include <stdlib.h>

int main(void) {
  SRunner *sr = srunner_create(tables_suite());
  srunner_add_suite(sr, writes_suite());
  srunner_add_suite(sr, storage_suite());
  srunner_add_suite(sr, vocab_suite());
  srunner_add_suite(sr, score_suite());
  srunner_add_suite(sr, graph_suite());
  srunner_add_suite(sr, graph_diff_suite());
  srunner_add_suite(sr, cache_suite());
  srunner_add_suite(sr, time_suite());
  srunner_add_suite(sr, initiatives_suite());
  srunner_add_suite(sr, analytics_suite());
  srunner_add_suite(sr, integrity_suite());
  srunner_add_suite(sr, robust_suite());
  srunner_add_suite(sr, units_suite());
  srunner_add_suite(sr, memo_suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
