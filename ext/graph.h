/*
** graph.c: the causal graph of a map: loading, caching, traversals.
*/
#ifndef BSC_GRAPH_H
#define BSC_GRAPH_H

#include "sqlite3ext.h"
#include "store.h"
#include "settings.h"
#include "conn.h"

#include <string.h>

/* The causal graph of one schema's map, read from the shadow tables. Nodes
** are the processes and objectives (and the initiatives, when the map has
** them), sorted by id (node numbers follow the ids' BINARY order); edges are
** the links, sorted by cause then effect. A graph is immutable and
** reference-counted: a cached graph outlives a change of the map for as
** long as a cursor still reads it.
**
** What a node is. Processes and initiatives are causes only (no link ends
** at them, no KPI measures them): isProcess, "not an objective", holds for
** both, and kind tells them apart. An initiative has no perspective (persp
** reads internal, as a process's) and no cluster. */
typedef enum BscNodeKind { BSC_NODE_OBJECTIVE, BSC_NODE_PROCESS, BSC_NODE_INITIATIVE } BscNodeKind;
#define bsc_is_initiative(n) ((n)->kind == BSC_NODE_INITIATIVE)

/* Small fields are narrow, so that the cache stays within 64 bytes a node
** plus 64 a link; ids and titles live in one block of text per graph. */
typedef struct BscNode {
  const char *zId;    /* its title follows it in the graph's text: bsc_node_title() */
  int iOut, nOut;     /* links from it: aEdge[iOut .. iOut+nOut-1] */
  int iIn, nIn;       /* links into it: aEdge[aIn[iIn .. iIn+nIn-1]] */
  int finDist;        /* fewest links to an outcome (bsc_is_outcome): 0 for one, -1 for none */
  int finNext;        /* fewest links on to an outcome other than itself, -1 */
  int nKpi;           /* KPIs that measure the objective */
  unsigned clusters;  /* internal objective: bit c for each cluster it counts in */
  int unit;           /* its unit (aUnit): NULL is the top's; -1 when the map has no units */
  signed char persp;  /* bscPerspectives index (0 financial .. 3 learning, 4 mission); its
                      ** row is bsc_node_rank() */
  signed char cluster; /* bscClusters index, -1 for none */
  unsigned char isProcess;
  unsigned char kind; /* BscNodeKind */
} BscNode;

/* A unit of the organisation (the units table, units.c): each has a map
** of its own, the nodes whose unit it is. */
typedef struct BscUnit {
  char *zId;
  char *zTitle;
  int iParent; /* -1 for the top */
  int depth;   /* 0 for the top */
} BscUnit;
#define BSC_UNIT_ANY (-2) /* an analysis over every unit's map at once */

typedef struct BscEdge {
  int from, to;
  double weight;
  int lag; /* periods before the effect shows (links.lag) */
  unsigned char negative;
  /* Of the effect, kept here so that a walk need not read the node of
  ** every link it looks at (they fill the struct's padding, derive() sets
  ** them): whether its finDist is 0, its finNext + 1 up to 255 (0: -1; 255:
  ** read the node), and whether it is of its cause's unit. */
  unsigned char toFin, toFinNext;
  unsigned char sameUnit; /* its cause and effect are of one unit (BscNode.unit) */
} BscEdge;

typedef struct BscKpi {
  int iId;        /* its id: bsc_kpi_id() */
  int iObjective; /* node, -1 when the objective is missing */
  /* Read from the measurements only by bsc_graph_kpi_facts(), so that
  ** writing a measurement leaves the cached graph current: */
  unsigned char hasTarget; /* a target, or a per-period target in a measurement */
  unsigned char hasData;   /* a measurement with an actual */
} BscKpi;

/* Scratch space the size of a graph, lent to one call at a time and kept
** with the graph for the next: a call costs what it touches, not the size
** of the map. aMark holds -1 and aOn 0 everywhere when lent, and the
** borrower puts back what it changed; aInt (3 ints per node) is free. */
typedef struct BscScratch BscScratch;
struct BscScratch {
  int *aMark;
  unsigned char *aOn;
  int *aInt;
  BscScratch *pNext;
};

/* A graph patched after a write to the links starts as a copy of the one
** before (graph.c's graph_copy): what a new field owns is copied there. */
typedef struct BscGraph {
  int nRef;
  char *zSchema;
  char *azTable[BSC_N_ENTITY]; /* the map's table names, NULL when absent */
  int nNode, nEdge, nKpi;
  BscNode *aNode;
  BscEdge *aEdge;
  int *aIn;
  /* links from v: aEdge[aOutStart[v] .. aOutStart[v + 1] - 1], in an array of
  ** 4 bytes a node that the chain walk reads rather than the nodes (it stays
  ** in the caches close to the processor on a large map); it lives in aIn's
  ** block, after the links */
  int *aOutStart;
  BscKpi *aKpi; /* sorted by id */
  char *zText;    /* the nodes' ids and titles, one after another */
  char *zKpiText; /* the KPIs' ids */
  sqlite3_int64 nText, nKpiText; /* their bytes */
  int nUnit;
  BscUnit *aUnit; /* sorted by id */
  int iTop;       /* the top unit, -1 when the map has no units */
  BscSettings settings; /* the map's, as when the graph was read */
  BscScratch *pScratch; /* free scratch (bsc_scratch_get), not part of the map */
  /* Node numbers order paths as their texts order ("a > b" by strcmp):
  ** true unless an id extends another with a character that sorts before
  ** " > " does (a control character, or " " and one before ">"). */
  int bIdPathOrder;
} BscGraph;

#define BSC_INTERNAL 2 /* the internal-process perspective's number */

/* Node v's perspective's row from the top (settings.h's bsc_persp_rank:
** a process and an initiative stand in internal's), and whether v is an
** outcome: an objective of a perspective the setting outcomes names
** (financial and mission by default). Compare ranks, never persp. */
static inline int bsc_node_rank(const BscGraph *g, int v) {
  return bsc_persp_rank(&g->settings, g->aNode[v].persp);
}
static inline int bsc_is_outcome(const BscGraph *g, int v) {
  return !g->aNode[v].isProcess && bsc_persp_outcome(&g->settings, g->aNode[v].persp);
}
/* Whether the map has a mission perspective: the setting perspective_order
** names it, or an objective has it (otherwise reports leave it out). */
static inline int bsc_has_mission(const BscGraph *g) {
  for (int v = 0; !g->settings.missionPlaced && v < g->nNode; v++) {
    if (!g->aNode[v].isProcess && g->aNode[v].persp == BSC_MISSION) return 1;
  }
  return g->settings.missionPlaced;
}

/* The graph of the schema that pSchema names (NULL or SQL NULL: main),
** from the connection's cache when the map has not changed since it was
** read. On success *pp holds a reference for the caller; on failure *pzErr
** gets a message starting "bsc: zFunc: " (or is NULL on OOM). */
int bsc_graph_get(sqlite3 *db, BscConn *, const char *zFunc, sqlite3_value *pSchema,
                  BscGraph **pp, char **pzErr);
/* The same, for the map whose tables pStore names (a store kept from call
** to call finds the map without preparing anything). Both refuse a map
** whose graph tables hold a damaged row (damage.c), naming it in *pzErr. */
int bsc_graph_get_store(BscStore *pStore, BscConn *, const char *zFunc, BscGraph **pp, char **pzErr);
/* The graph as the tables hold it, damaged rows read as graph.c reads
** them (a bad perspective as internal, a link to nothing left out): for
** bsc_check alone, which reports the damage first. */
int bsc_graph_get_as_is(BscStore *pStore, BscConn *, const char *zFunc, BscGraph **pp, char **pzErr);
void bsc_graph_unref(BscGraph *);
/* Fills the KPIs' hasTarget and hasData from the tables as they are now. */
int bsc_graph_kpi_facts(sqlite3 *db, BscGraph *);
/* A node's title, a KPI's id. */
#define bsc_node_title(g, v) ((g)->aNode[v].zId + strlen((g)->aNode[v].zId) + 1)
#define bsc_kpi_id(g, pKpi) ((g)->zKpiText + (pKpi)->iId)
/* The node whose id is zId, or -1. */
int bsc_graph_find(const BscGraph *, const char *zId);
/* The unit whose id is zId, or -1. */
int bsc_unit_find(const BscGraph *, const char *zId);
/* Whether unit u is strictly below unit anc. */
int bsc_unit_below(const BscGraph *, int u, int anc);
/* Whether link iEdge aligns its cause with a unit above: its effect
** belongs to an ancestor of its cause's unit (an alignment link). */
int bsc_edge_aligns(const BscGraph *, int iEdge);
/* Whether node v belongs to the map of unit u (BSC_UNIT_ANY: any). */
#define bsc_in_unit(g, v, u) ((u) == BSC_UNIT_ANY || (g)->aNode[v].unit == (u))
/* The unit a function's argument v names (NULL or absent: the top unit,
** or -1 when the map has no units); an error "bsc: zFunc: no unit ..."
** in *pzErr when there is no such unit. */
int bsc_unit_arg(const BscGraph *, const char *zFunc, sqlite3_value *v, int *pUnit, char **pzErr);
/* The perspective's or cluster's id, for messages. */
#define bsc_persp_id(g, i) (bscPerspectives.a[(g)->aNode[i].persp].id)

/* Lends scratch space for g (NULL on out of memory), and takes it back. */
BscScratch *bsc_scratch_get(const BscGraph *g);
void bsc_scratch_put(const BscGraph *g, BscScratch *);

/* Breadth-first search from the nodes aStart[0..nStart-1], along the links
** or (up) against them. aDist[v] gets the fewest links from a start (0 for a
** start, -1 unreached); aVia[v], if not NULL, the smallest first hop on a
** shortest path; aOrder the nodes reached, in order of distance. Returns how
** many nodes were reached. Every array holds nNode entries. */
int bsc_graph_bfs(const BscGraph *, const int *aStart, int nStart, int up, int *aDist,
                  int *aVia, int *aOrder);

/* Depth-first enumeration of simple paths (no node twice). xLink is called
** for each link out of the path's last node, and sets *pEnter to extend the
** path along it; the walk refuses a node already on the path and a path
** longer than mxLen links itself. nStep counts links looked at over all
** runs; when it passes mxStep the walk stops and sets bOverBudget. */
typedef struct BscWalk BscWalk;
struct BscWalk {
  const BscGraph *g;
  int mxLen;
  sqlite3_int64 mxStep, nStep;
  int bOverBudget;
  int (*xLink)(BscWalk *, int iEdge, int *pEnter);
  void *pArg;
  int nPath;         /* nodes on the path */
  int *aPath;        /* the path's nodes, aPath[0] the start */
  int *aLink;        /* aLink[i]: the edge into aPath[i], for i >= 1 */
  int *aNext;        /* internal: the next edge to try from aPath[i] */
  unsigned char *aOn; /* aOn[v]: v is on the path */
  BscScratch *pScratch; /* internal: where the arrays come from */
};
int bsc_walk_init(BscWalk *, const BscGraph *);
/* Walks every simple path from iStart; returns the first error of xLink. */
int bsc_walk_run(BscWalk *, int iStart);
void bsc_walk_clear(BscWalk *);

/* Strongly connected components: aComp[v] numbers v's component, and nodes
** share a number exactly when each reaches the other. */
int bsc_graph_components(const BscGraph *, int *aComp);

#endif
