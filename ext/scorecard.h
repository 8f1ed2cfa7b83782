/*
** scorecard.c: the scoring core: KPIs per period, objectives' roll-ups.
*/
#ifndef BSC_SCORECARD_H
#define BSC_SCORECARD_H

#include "sqlite3ext.h"
#include "store.h"
#include "settings.h"
#include "period.h"
#include "score.h"
#include "schedule.h"
#include "units.h"

/* A KPI as scoring sees it. */
typedef struct BscKpiDef {
  const char *zId;
  BscPolarity polarity;
  BscAggregation agg;
  double target; /* NaN = NULL */
  double red;    /* the red flag, or the baseline when red is NULL; NaN = neither */
  int redIsBaseline;
  /* its frequency: at a finer period with no actual inside, the KPI shows
  ** its latest complete period of this kind (with the setting
  ** finer_periods 'latest'); NONE to score as asked */
  BscPeriodKind freq;
} BscKpiDef;

/* Fills a BscKpiDef from stored values (texts may be NULL; NaN = NULL). */
void bsc_kpi_def(BscKpiDef *, const char *zId, const char *zPolarity, const char *zAggregation,
                 double baseline, double target, double red);

/* What a KPI scores at one period. Its texts are formatted only when
** asked (bsc_kpi_period, bsc_kpi_source): a scorecard that shows the
** scores alone formats none. */
typedef struct BscKpiScore {
  BscPeriod at;                      /* kind BSC_PERIOD_NONE: no period applies */
  double actual, target, red, score; /* NaN = NULL */
  const char *zTrend;                /* "up", "down", "flat" or NULL */
  int tFrom, rFrom;                  /* where the target and red flag come from */
  BscPeriod tAt, rAt;                /* the period of that targets row or measurement */
} BscKpiScore;

/* The period scored ("" when none applies). */
void bsc_kpi_period(const BscKpiScore *, char zOut[BSC_PERIOD_MAX]);
/* Where the target (bRed 0) or red flag (bRed 1) comes from: "targets:2026-Q3"
** (that row), "phased:2026" (a coarser targets row, phased),
** "measurements:2026-05" (that measurement's own target), "periods"
** (aggregated over the periods inside), "kpi", "baseline" (the KPI's); ""
** when there is none. */
#define BSC_SOURCE_MAX (BSC_PERIOD_MAX + 16)
void bsc_kpi_source(const BscKpiScore *, int bRed, char zOut[BSC_SOURCE_MAX]);

/* Scores a KPI at pAt, or at its latest period with an actual when pAt is NULL. */
int bsc_kpi_score(BscStore *, const BscKpiDef *, const BscPeriod *pAt, BscKpiScore *);

typedef struct BscObjectiveScore {
  double score; /* NaN = unscored */
  int nScored, nTotal;
} BscObjectiveScore;

/* Scores every KPI of objective zId at pAt (NULL: each at its latest) and
** rolls them up. xKpi, when not NULL, sees each KPI: pRow holds its stored
** columns id, objective, title, unit, polarity, baseline, target, red,
** weight, aggregation, frequency (in that order). */
/* The columns of a KPI's row that bsc_kpi_def_row reads, its rowid last. */
#define BSC_KPI_COLUMNS "id, objective, title, unit, polarity, baseline, target, red, weight, aggregation, frequency, rid"
#define BSC_KPI_RID 11
/* The SQL of a statement reading the KPIs of objective ?1 in the order
** they were entered, with the columns BSC_KPI_COLUMNS;
** sqlite3_malloc'd, NULL when the map has no KPIs table (*pRc: OK) or on
** out of memory. */
char *bsc_objective_kpis_sql(BscStore *, int *pRc);
/* The KPI of a row of that statement. */
void bsc_kpi_def_row(BscKpiDef *, sqlite3_stmt *pRow);

int bsc_objective_score(BscStore *, const char *zId, BscRollup, const BscPeriod *pAt,
                        BscObjectiveScore *,
                        int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *), void *pArg);

/* Checks a KPI's thresholds, and the per-period targets of its
** measurements, against its polarity: NULL when fine, else a message for
** column zTable.<red|baseline>. */
char *bsc_kpi_check(BscStore *, const char *zTable, const char *zId, const char *zPolarity,
                    double baseline, double target, double red, int *pRc);
/* Checks a targets row's red flag against its target, by its KPI's polarity. */
char *bsc_target_check(BscStore *, const char *zTable, const char *zKpi, const char *zPeriod,
                       double target, double red, int *pRc);
/* Checks a measurement's own target against its KPI's red flag and polarity. */
char *bsc_measurement_check(BscStore *, const char *zTable, const char *zKpi, const char *zPeriod,
                            double target, int *pRc);

/* The scoring rules and derived columns of the map tables (objectives'
** and KPIs' scores, thresholds that must stay scorable), for the table
** engine: indexed by entity. */
extern const BscEntityHooks bscScoringHooks[BSC_N_ENTITY];

/* The tables a score reads (for readers that refuse damaged rows, damage.c). */
#define BSC_SCORE_SOURCES                                                                               \
  (BSC_MASK(BSC_OBJECTIVES) | BSC_MASK(BSC_KPIS) | BSC_MASK(BSC_MEASUREMENTS) | BSC_MASK(BSC_TARGETS) | \
   BSC_MASK(BSC_SETTINGS) | BSC_MASK(BSC_UNITS))

#endif
