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
