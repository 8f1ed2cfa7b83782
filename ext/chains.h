/*
** chains.c: bsc_chains and bsc_reach: causal paths and reachability.
*/
#ifndef BSC_CHAINS_H
#define BSC_CHAINS_H

#include "sqlite3ext.h"
#include "tvf.h"

extern const BscTvfStream bscChainsStream, bscReachStream;

/* chains.c: a causal chain is a simple path from a node to an outcome
** (bsc_is_outcome); its strength is the product of its links' signed weights. */
#define BSC_CHAIN_LENGTH 12           /* links: bsc_chains' default max_length */
#define BSC_CHAIN_MAX_STEPS 20000000  /* links looked at: bounds one call's time */
/* A link's signed weight: its weight, negated when its sign is negative. */
double bsc_link_factor(const BscEdge *);
/* Sees one chain: the walk's path extended by link iEdge, whose end is the
** outcome reached; w->nPath is then its length in links. */
typedef int (*BscChainFn)(void *pArg, const BscWalk *w, int iEdge, double strength);
/* Walks every chain from iStart of at most w->mxLen links (w is
** bsc_walk_init'ed, mxLen and mxStep set), calling xChain on each. */
int bsc_chain_walk(BscWalk *w, int iStart, BscChainFn xChain, void *pArg);
/* The same within the map of one unit (a node's unit; BSC_UNIT_ANY: all). */
int bsc_chain_walk_unit(BscWalk *w, int iStart, int unit, BscChainFn xChain, void *pArg);

#endif
