/*
** coverage.c: bsc_clusters, bsc_catalog, bsc_cluster_gaps: the four clusters.
*/
#ifndef BSC_COVERAGE_H
#define BSC_COVERAGE_H

#include "sqlite3ext.h"
#include "tvf.h"

extern const BscTvf bscClustersTvf, bscCatalogTvf;

/* coverage.c: objectives, processes and KPIs per cluster. */
typedef struct BscCoverage {
  int nProcess[4], nObjective[4], nKpi[4];
  int nInternal; /* internal-process objectives */
} BscCoverage;
/* Of the map of unit `unit` (a node's unit; BSC_UNIT_ANY: every unit's). */
void bsc_coverage(const BscGraph *, int unit, BscCoverage *);

void bsc_fn_cluster_gaps(sqlite3_context *, int, sqlite3_value **);

#endif
