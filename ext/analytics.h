/*
** analytics.c: bsc_vital_few, bsc_link_evidence, bsc_whatif.
*/
#ifndef BSC_ANALYTICS_H
#define BSC_ANALYTICS_H

#include "sqlite3ext.h"
#include "chains.h"

extern const BscTvfStream bscVitalFewStream, bscLinkEvidenceStream, bscWhatifStream;

/* One node's chains to the outcome, summed as bsc_vital_few ranks them. */
typedef struct BscReach {
  int iNode;
  double influence; /* its chains' strengths, each halved once per link beyond the first */
  sqlite3_int64 nPath;
  int nGoal;
  int shortest; /* links; 0 when it has no chain */
} BscReach;
/* Walks the chains from iNode (w set up as bsc_vital_few does: at most
** BSC_CHAIN_LENGTH links) into *r; aSeen[goal] (nNode entries, zero at
** first) becomes iNode + 1 for every outcome reached. */
int bsc_influence(BscWalk *w, int iNode, int *aSeen, BscReach *r);


#endif
