/* The domain's words and the period syntax (ext/vocab.c). */
#include "harness.h"
#include "bsc.h"

#include <stdio.h>
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
  ck_assert_str_eq(period("Q5 2026"), "(none)");
  ck_assert_str_eq(period("Q3 2026x"), "(none)");
  ck_assert_str_eq(period("K 2026"), "(none)");
  ck_assert_str_eq(period("2026-K5"), "(none)");
  ck_assert_str_eq(period("H3 2026"), "(none)");
  ck_assert_str_eq(period("Q3"), "(none)");
  /* Dutch and spreadsheet spellings of quarters and halves */
  ck_assert_str_eq(period("2026-K1"), "2026-Q1");
  ck_assert_str_eq(period("2026-k4"), "2026-Q4");
  ck_assert_str_eq(period("Q1 2026"), "2026-Q1");
  ck_assert_str_eq(period("K3 2026"), "2026-Q3");
  ck_assert_str_eq(period("q2-2026"), "2026-Q2");
  ck_assert_str_eq(period("H2 2026"), "2026-H2");
  ck_assert_str_eq(period("2026 Q3"), "2026-Q3");
  ck_assert_str_eq(period(" 2026  K2 "), "2026-Q2");
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
  /* the spellings of Dutch maps and of Kaplan & Norton's 1996 book */
  ck_assert_str_eq(bsc_vocab_find(&bscClusters, "maatschappelijke processen")->id, "regulatory_social");
  ck_assert_str_eq(bsc_vocab_find(&bscClusters, "sociale processen")->id, "regulatory_social");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Patiënt")->id, "customer");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Burgers")->id, "customer");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Medewerkers")->id, "learning");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Innovatie en leren")->id, "learning");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "Internal business process")->id, "internal");
  ck_assert_str_eq(bsc_vocab_find(&bscPerspectives, "internal business process perspective")->id, "internal");
  ck_assert_ptr_null(bsc_vocab_find(&bscPerspectives, "strategy"));
  ck_assert_ptr_null(bsc_vocab_find(&bscPerspectives, ""));
  ck_assert_ptr_null(bsc_vocab_find(&bscSigns, "--"));
}
END_TEST

START_TEST(the_sources_dutch_and_kaplan_nortons_names) {
  /* as the user's source (seed/) and Kaplan & Norton write them */
  static const struct {
    const BscVocab *v;
    const char *zText, *zId;
  } aCase[] = {
    {&bscPerspectives, "Leer- en groeiperspectief", "learning"},
    {&bscPerspectives, "leren & groei perspectief", "learning"},
    {&bscPerspectives, "het procesperspectief", 0},
    {&bscPerspectives, "procesperspectief", "internal"},
    {&bscPerspectives, "klant- en marktperspectief", "customer"},
    {&bscPerspectives, "financiële perspectief", "financial"},
    {&bscPerspectives, "Learning and Growth Perspective ", "learning"},
    {&bscPerspectives, "perspective", 0},
    {&bscPerspectives, "strategy perspective", 0},
    {&bscClusters, "Sociale & maatschappelijke processen", "regulatory_social"},
    {&bscClusters, "klantmanagementprocessen", "customer_management"},
    {&bscClusters, "innovatieprocessen", "innovation"},
    {&bscClusters, "Innovation processes", "innovation"},
    {&bscClusters, "Operations management processes", "operations"},
    {&bscClusters, "Regulatory and social process", "regulatory_social"},
    {&bscClusters, "processen", 0},
    {&bscSubprocesses, "Selecteren van de klanten", "select"},
    {&bscSubprocesses, "Acquireren van geselecteerde klanten", "acquire"},
    {&bscSubprocesses, "Klanten behouden", "retain"},
    {&bscSubprocesses, "Omzet en afzet verhogen bij de bestaande klanten", "grow"},
    {&bscSubprocesses, "managen van de R&D portfolio", "portfolio"},
    {&bscSubprocesses, "ontwerpen en ontwikkelen", "develop"},
    {&bscSubprocesses, "op de markt zetten", "launch"},
    {&bscSubprocesses, "milieu", "environment"},
    {&bscSubprocesses, "goed werkgeverschap", "employment"},
    {&bscFrequencies, "Maandelijks", "month"},
    {&bscFrequencies, "per kwartaal", "quarter"},
    {&bscAggregations, "gemiddelde", "average"},
    {&bscPolarities, "lager is beter", "lower"},
    {&bscSigns, "negatief", "negative"},
  };
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    const BscWord *w = bsc_vocab_find(aCase[i].v, aCase[i].zText);
    ck_assert_msg(aCase[i].zId ? w && strcmp(w->id, aCase[i].zId) == 0 : !w, "'%s' gave %s, not %s",
                  aCase[i].zText, w ? w->id : "no word", aCase[i].zId ? aCase[i].zId : "no word");
  }
}
END_TEST

START_TEST(every_spelling_finds_its_own_word) {
  /* an alias that another word of its vocabulary also spells would be shadowed */
  const BscVocab *aVocab[] = {&bscPerspectives, &bscClusters, &bscSubprocesses, &bscSigns,
                              &bscPolarities, &bscFrequencies, &bscAggregations, &bscRollups};
  for (size_t i = 0; i < sizeof(aVocab) / sizeof(aVocab[0]); i++) {
    for (int j = 0; j < aVocab[i]->n; j++) {
      const BscWord *pWord = &aVocab[i]->a[j];
      char zAlias[200];
      ck_assert_ptr_eq(bsc_vocab_find(aVocab[i], pWord->id), pWord);
      ck_assert_ptr_eq(bsc_vocab_find(aVocab[i], pWord->label), pWord);
      for (const char *p = pWord->aliases; *p;) {
        size_t n = strcspn(p, "|");
        snprintf(zAlias, sizeof(zAlias), "%.*s", (int)n, p);
        const BscWord *w = bsc_vocab_find(aVocab[i], zAlias);
        ck_assert_msg(w == pWord, "%s '%s' finds %s, not %s", aVocab[i]->noun, zAlias, w ? w->id : "nothing",
                      pWord->id);
        p += n + (p[n] == '|');
      }
    }
  }
}
END_TEST

/* The n of "VARCHAR(n)". */
static int varchar_size(const char *zType) {
  int n = 0;
  ck_assert_int_eq(sscanf(zType, "VARCHAR(%d)", &n), 1);
  return n;
}

START_TEST(declared_sizes_hold_every_id_word_and_period) {
  /* bsc.h's sizes are promises to ODBC clients: no stored word, label,
  ** horizon or period may exceed its column's */
  const BscVocab *aVocab[] = {&bscPerspectives, &bscClusters, &bscSubprocesses, &bscSigns,
                              &bscPolarities, &bscFrequencies, &bscAggregations, &bscRollups};
  ck_assert_int_eq(varchar_size(BSC_T_ID), BSC_ID_MAX_CHARS);
  for (size_t i = 0; i < sizeof(aVocab) / sizeof(aVocab[0]); i++) {
    for (int j = 0; j < aVocab[i]->n; j++) {
      const BscWord *w = &aVocab[i]->a[j];
      ck_assert_int_le((int)strlen(w->id), varchar_size(BSC_T_WORD));
      ck_assert_int_le((int)strlen(w->label), varchar_size(BSC_T_ID));
      if (w->extra) ck_assert_int_le((int)strlen(w->extra), varchar_size(BSC_T_WORD));
    }
  }
  /* statuses, trends, severities and the perspective row `map` */
  const char *azWord[] = {"green", "amber", "red", "none", "up", "down", "flat", "error", "warning", "info", "map"};
  for (size_t i = 0; i < sizeof(azWord) / sizeof(azWord[0]); i++) {
    ck_assert_int_le((int)strlen(azWord[i]), varchar_size(BSC_T_WORD));
  }
  /* the longest periods (years have four digits), and year to date */
  ck_assert_str_eq(period("9999-12-31"), "9999-12-31");
  ck_assert_str_eq(period("1000"), "1000");
  ck_assert_int_le((int)strlen("YTD:9999-12-31"), varchar_size(BSC_T_PERIOD));
  ck_assert_str_eq(period("10000"), "(none)");
}
END_TEST

Suite *vocab_suite(void) {
  Suite *s = suite_create("vocab");
  TCase *tc = tcase_create("words");
  tcase_add_test(tc, periods_normalise);
  tcase_add_test(tc, words_match_their_spellings);
  tcase_add_test(tc, the_sources_dutch_and_kaplan_nortons_names);
  tcase_add_test(tc, every_spelling_finds_its_own_word);
  tcase_add_test(tc, declared_sizes_hold_every_id_word_and_period);
  suite_add_tcase(s, tc);
  return s;
}
