/*
** settings.c: a map's settings, read for its other readers (storage).
*/
#ifndef BSC_SETTINGS_H
#define BSC_SETTINGS_H

#include "sqlite3ext.h"
#include "store.h"

/* The settings of the store's map, read at most once per refresh of the
** store; the defaults when the map has no settings table. */
const BscSettings *bsc_store_settings(BscStore *, int *pRc);
/* A fiscal period (FY2027-Q1, FYTD:2026-08) stored in the map's
** measurements, targets or commentary, and its table's name, both
** sqlite3_malloc'd; NULL and NULL when there is none. */
int bsc_store_fiscal_period(BscStore *, char **pzTable, char **pzPeriod);
/* The settings table's rule over the stored map (scorecard.c's hooks):
** fiscal_year_start may not change while fiscal periods are stored. */
char *bsc_settings_rule(BscTable *, BscCell *aRow);
/* ... nor be deleted (or renamed) while they are: they would name no months. */
char *bsc_settings_gone(BscTable *, BscCell *aOld);
/* The settings of a map that has none. */
void bsc_settings_default(BscSettings *);

/* Every reader asks these, never a perspective's number: perspective p's
** row in the map, counted from the top (0), by the setting
** perspective_order; and whether objectives of perspective p are the
** map's outcomes (setting outcomes), where causal chains end. graph.h has
** the same for a node. */
static inline int bsc_persp_rank(const BscSettings *pSet, int p) {
  return pSet->aRank[p];
}
static inline int bsc_persp_outcome(const BscSettings *pSet, int p) {
  return (int)(pSet->outcomes >> p & 1u);
}
/* What messages call an outcome: "financial objective" when the map
** neither sets outcomes nor has mission objectives (bMission), as 0.1
** said; else "outcome (a mission or customer objective)". From
** sqlite3_malloc, NULL on OOM. */
char *bsc_outcome_noun(const BscSettings *, int bMission);

#endif
