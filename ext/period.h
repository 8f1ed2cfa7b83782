/*
** period.c: period syntax and arithmetic (pure).
*/
#ifndef BSC_PERIOD_H
#define BSC_PERIOD_H

#include "sqlite3ext.h"
#include "vocab.h"

/* Period granularities, coarse to fine. */
typedef enum BscPeriodKind {
  BSC_PERIOD_NONE = 0,
  BSC_PERIOD_YEAR,
  BSC_PERIOD_HALF,
  BSC_PERIOD_QUARTER,
  BSC_PERIOD_MONTH,
  BSC_PERIOD_WEEK,
  BSC_PERIOD_DAY
} BscPeriodKind;

#define BSC_PERIOD_MAX 24
/* Normalises a period ("2026-q3" -> "2026-Q3") into out; returns its kind,
** or BSC_PERIOD_NONE when `in` is no period. */
BscPeriodKind bsc_period_normalize(const char *in, char out[BSC_PERIOD_MAX]);

/* A parsed period: what it is, and the days it spans. */
typedef struct BscPeriod {
  BscPeriodKind kind;
  int ytd;         /* "YTD:...": from 1 January to the end of the period */
  int year;        /* for a week, its ISO year */
  int n;           /* half, quarter, month or week number; a day's month */
  int day;         /* a day's day of the month */
  int first, last; /* the first and last day, as days since 1970-01-01 */
  int fy;          /* a fiscal period (FY2027-Q1, FYTD:2026-09): the month its
                   ** fiscal year starts, 2..12; year is the fiscal year's name,
                   ** the calendar year in which it ends. 0: a calendar period */
} BscPeriod;

/* Parses a period, "YTD:" forms too when allowYtd; 1 on success. */
int bsc_period_parse(const char *in, BscPeriod *p, int allowYtd);
/* The same in a map whose fiscal year starts in month fyStart (2..12; 0:
** the map has none, and fiscal forms are no periods): FY2027, FY2027-H1,
** FY2027-Q1 and, when allowYtd, YTD:FY2027-Q2 and FYTD:2026-09. */
int bsc_period_parse_fy(const char *in, BscPeriod *p, int allowYtd, int fyStart);
/* Whether `in` is written as a fiscal period (whatever the map's year). */
int bsc_period_is_fiscal(const char *in);
void bsc_period_format(const BscPeriod *p, char out[BSC_PERIOD_MAX]);
/* The civil date (year, month, day) of a day number (days since 1970-01-01). */
void bsc_civil_date(int z, int *py, int *pm, int *pd);
/* Whether stored period pInner falls inside pOuter (see period.c). */
int bsc_period_contains(const BscPeriod *pOuter, const BscPeriod *pInner);
/* The period of the given kind that holds day number `day` (days since
** 1970-01-01): for a week, the ISO week. */
void bsc_period_of_day(BscPeriodKind kind, int day, BscPeriod *p);
/* The period of the same kind just before p (YTD:2026-09 -> YTD:2026-08);
** kind BSC_PERIOD_NONE before the year 1000. */
void bsc_period_previous(const BscPeriod *p, BscPeriod *pPrev);
/* The latest period of `kind` that has ended by day lastDay (days since
** 1970-01-01): for a quarter and 2026-05-31, 2026-Q1. 0 when there is none. */
int bsc_period_latest(BscPeriodKind kind, int lastDay, BscPeriod *p);
/* The same in a map whose fiscal year starts in month fyStart (0: none):
** a year, half or quarter is then the fiscal one (FY2027-Q1). */
int bsc_period_latest_fy(BscPeriodKind kind, int lastDay, int fyStart, BscPeriod *p);
/* The period kind of a frequency word (bscFrequencies' id), or NONE. */
BscPeriodKind bsc_frequency_kind(const char *zFrequency);
/* Orders periods by their last day, then their first: "later" is greater. */
int bsc_period_compare(const BscPeriod *a, const BscPeriod *b);
/* Aggregates the values of a (in period order; NaN = no value, left out);
** NaN when none has a value. */
double bsc_aggregate(BscAggregation agg, const double *a, int n);

#endif
