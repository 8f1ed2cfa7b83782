/*
** score.c: the goal / red-flag scale, status bands, roll-ups (pure math).
*/
#ifndef BSC_SCORE_H
#define BSC_SCORE_H

#include "sqlite3ext.h"
#include "vocab.h"

/* What is wrong with a target and a red flag. */
typedef enum BscScoreError {
  BSC_SCORE_OK,
  BSC_SCORE_EQUAL,     /* red == target */
  BSC_SCORE_RED_ABOVE, /* red > target with polarity higher */
  BSC_SCORE_RED_BELOW  /* red < target with polarity lower */
} BscScoreError;

/* Checks thresholds against a polarity (BSC_POLARITY_DEFAULT: from their
** order); *pResolved gets the polarity to score with. */
BscScoreError bsc_score_check(double target, double red, BscPolarity pol, BscPolarity *pResolved);
/* The 0..10 score of actual; the thresholds passed bsc_score_check. */
double bsc_score_value(double actual, double target, double red, BscPolarity resolved);
/* Both at once: NaN when a value is NaN or the thresholds are unusable. */
double bsc_score_of(double actual, double target, double red, BscPolarity pol);
/* "red flag 80 equals target 80", from sqlite3_malloc, where zRed and
** zTarget say the values ("red flag 80", "target 80 of ..."); e is not OK. */
char *bsc_score_problem(BscScoreError e, const char *zRed, const char *zTarget, BscPolarity pol);
/* "red", "amber", "green", or "none" for NaN. */
const char *bsc_status_of(double score);
/* "up", "down", "flat", or NULL when either score is NaN. */
const char *bsc_trend_of(double now, double before);
/* Rolls up n child scores (NaN = unscored, left out; its weight goes to the
** others in proportion). NaN weights count as 1. *pnScored (may be NULL)
** gets the number of scored children; NaN when there is none. */
double bsc_rollup(BscRollup how, const double *aScore, const double *aWeight, int n, int *pnScored);
int bsc_register_score(sqlite3 *db);

#endif
