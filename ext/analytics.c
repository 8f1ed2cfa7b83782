/*
** Strategy analytics: which processes matter most, whether the data bear
** the map's links out, and what a change at one node does to the others.
** They read the causal graph (graph.c), its chains (chains.c) and the
** scores (scorecard.c), on the engine of tvf.c.
**
**   SELECT * FROM bsc_vital_few([schema]);
**     process, cluster, rank, influence, goals, paths, shortest, share,
**     vital; HIDDEN schema
**   One row per process, ranked by its influence on the outcome (the
**   financial objectives): the sum over its causal chains (bsc_chains' rows
**   from it, at most 12 links) of the chain's strength, halved once per
**   link beyond the first. goals counts the financial objectives its chains
**   reach, paths the chains, shortest the links of the shortest (NULL when
**   it has none). Ranks follow the size of the influence (its absolute
**   value: a process that harms the outcome matters as much as one that
**   helps it), ties by process id; share is the influence's part of the sum
**   of all (absolute) influences, 0 when that is 0; vital is 1 for the top
**   rows whose shares first add up to 80% or more, else 0.
**
**   SELECT * FROM bsc_link_evidence([period_from, period_to [, schema]]);
**     cause, effect, declared_sign, lag, pairs, correlation, best_lag,
**     best_correlation, verdict, frequency; HIDDEN period_from, period_to,
**     schema
**   One row per link, ordered by cause, effect: whether the scores moved
**   together as the link says. A side's series: an objective's score at
**   each stored period of its KPIs' measurements with an actual (the
**   scorecard's score at that period); a process's, the mean of the series
**   of the objectives it causes directly. The series of a link run at the
**   finer frequency of its two sides (a side's frequency is the finest kind
**   of period its scores come at); a score of a coarser period counts once,
**   at the period of that frequency holding its last day, never carried
**   into the others. When one side has scores of several kinds at the same
**   period, the finest counts. Only periods inside period_from ..
**   period_to count (NULL: no bound on that side). pairs: the periods t at
**   which the cause has a score and the effect one at t + lag (lag counted
**   in periods of the link's frequency); correlation: Pearson's r over
**   them (NULL when a side does not vary); best_lag: the lag from 0 to 6
**   whose r, over 8 pairs or more, is the strongest of the declared sign
**   (the smallest lag of equal ones), with its r as best_correlation;
**   verdict: 'insufficient data' under 8 pairs, else 'supported' or
**   'contradicted' when |r| >= 0.5 with or against the declared sign, else
**   'weak'. frequency names the link's frequency (NULL: no scores).
**
**   SELECT * FROM bsc_whatif(node, delta [, schema]);
**     id, perspective, delta, via; HIDDEN node, node_delta, schema
**   A change of delta score points at a process or objective, carried along
**   every simple path from it (no node twice, so cycles end): each link
**   passes on the change times its signed weight, divided by the number of
**   causes its effect has; an objective's delta sums what reaches it. One
**   row per objective reached, top perspective first, then by id; via is
**   the path that carries the most of it (by size; at equal size the
**   shortest, then the first in id order), as 'a > b > c'.
*/
#include "analytics.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The node argument v names; an error naming it when there is none. */
static int find_node(BscCall *c, const char *zWhat, sqlite3_value *v, int *piNode) {
  char *zQuoted = bsc_quote_value(v);
  *piNode = sqlite3_value_type(v) == SQLITE_BLOB ? -1
                                                  : bsc_graph_find(c->pGraph, (const char *)sqlite3_value_text(v));
  if (*piNode >= 0) {
    sqlite3_free(zQuoted);
    return SQLITE_OK;
  }
  if (!zQuoted) return SQLITE_NOMEM;
  return bsc_call_error(c, "bsc: %s: %s %z is neither a process nor an objective of the map in schema '%q'",
                        c->zFunc, zWhat, zQuoted, c->pGraph->zSchema);
}

static int is_given(sqlite3_value *v) { return v && sqlite3_value_type(v) != SQLITE_NULL; }

/* ---------------------------------------------------------- bsc_vital_few */

enum { VF_PROCESS, VF_CLUSTER, VF_RANK, VF_INFLUENCE, VF_GOALS, VF_PATHS, VF_SHORTEST, VF_SHARE, VF_VITAL };

#define VITAL_SHARE 0.8

/* One process's chains, summed. */
typedef struct Reach {
  int iNode;
  double influence;
  sqlite3_int64 nPath;
  int nGoal;
  int shortest; /* links; 0 when it has no chain */
} Reach;

typedef struct Vital {
  Reach *pCur;
  int *aSeen; /* aSeen[v]: 1 + the process whose chains reached goal v last */
} Vital;

static int vital_chain(void *pArg, const BscWalk *w, int iEdge, double strength) {
  Vital *p = pArg;
  Reach *r = p->pCur;
  int goal = w->g->aEdge[iEdge].to;
  /* halved once per link beyond the first: nearer outcomes weigh more */
  r->influence += ldexp(strength, 1 - w->nPath);
  r->nPath++;
  if (r->shortest == 0 || w->nPath < r->shortest) r->shortest = w->nPath;
  if (p->aSeen[goal] != r->iNode + 1) {
    p->aSeen[goal] = r->iNode + 1;
    r->nGoal++;
  }
  return SQLITE_OK;
}

/* Larger influence (in size) first; then by id, which node numbers follow. */
static int cmp_reach(const void *a, const void *b) {
  const Reach *x = a, *y = b;
  double fx = fabs(x->influence), fy = fabs(y->influence);
  if (fx != fy) return fx > fy ? -1 : 1;
  return (x->iNode > y->iNode) - (x->iNode < y->iNode);
}

static int vital_rows(BscCall *c, Reach *aReach, int nReach) {
  const BscGraph *g = c->pGraph;
  double total = 0, before = 0;
  qsort(aReach, (size_t)nReach, sizeof(Reach), cmp_reach);
  for (int i = 0; i < nReach; i++) total += fabs(aReach[i].influence);
  for (int i = 0; i < nReach; i++) {
    const Reach *r = &aReach[i];
    const BscNode *n = &g->aNode[r->iNode];
    BscOut *row = bsc_rows_add(&c->rows);
    if (!row) return SQLITE_NOMEM;
    bsc_out_text(&row[VF_PROCESS], n->zId);
    bsc_out_text(&row[VF_CLUSTER], n->cluster >= 0 ? bscClusters.a[n->cluster].id : 0);
    bsc_out_int(&row[VF_RANK], i + 1);
    bsc_out_real(&row[VF_INFLUENCE], r->influence == 0 ? 0.0 : r->influence);
    bsc_out_int(&row[VF_GOALS], r->nGoal);
    bsc_out_int(&row[VF_PATHS], r->nPath);
    if (r->shortest > 0) bsc_out_int(&row[VF_SHORTEST], r->shortest);
    bsc_out_real(&row[VF_SHARE], total > 0 ? fabs(r->influence) / total : 0.0);
    /* vital while the rows above it hold less than 80% of the total; the
    ** margin keeps 0.5 + 0.3 from falling short of 0.8 by a rounding */
    bsc_out_int(&row[VF_VITAL], total > 0 && before < VITAL_SHARE * total * (1 - 1e-9));
    before += fabs(r->influence);
  }
  return SQLITE_OK;
}

static int vital_fill(BscCall *c) {
  int rc = bsc_call_graph(c, c->aArg[0]);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  bsc_out_text(&c->aShown[0], g->zSchema);
  Reach *aReach = sqlite3_malloc64(sizeof(Reach) * ((sqlite3_uint64)g->nNode + 1));
  int *aSeen = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  BscWalk w;
  if (!aReach || !aSeen || bsc_walk_init(&w, g) != SQLITE_OK) {
    sqlite3_free(aReach);
    sqlite3_free(aSeen);
    return SQLITE_NOMEM;
  }
  memset(aSeen, 0, sizeof(int) * (size_t)g->nNode);
  w.mxLen = BSC_CHAIN_LENGTH < g->nNode ? BSC_CHAIN_LENGTH : g->nNode;
  w.mxStep = BSC_CHAIN_MAX_STEPS;
  Vital vital = {0, aSeen};
  int nReach = 0;
  for (int v = 0; rc == SQLITE_OK && !w.bOverBudget && v < g->nNode; v++) {
    if (!g->aNode[v].isProcess) continue;
    Reach *r = &aReach[nReach++];
    memset(r, 0, sizeof(*r));
    r->iNode = v;
    vital.pCur = r;
    rc = bsc_chain_walk(&w, v, vital_chain, &vital);
  }
  bsc_walk_clear(&w);
  if (rc == SQLITE_OK && w.bOverBudget) {
    rc = bsc_call_error(c, "bsc: %s: too many causal paths to search in the map of schema '%q'; "
                        "bsc_chains(process, max_length) lists them a few links at a time",
                        c->zFunc, g->zSchema);
  }
  if (rc == SQLITE_OK) rc = vital_rows(c, aReach, nReach);
  sqlite3_free(aReach);
  sqlite3_free(aSeen);
  return rc;
}

static const int aVitalOrder[] = {VF_RANK};
const BscTvf bscVitalFewTvf = {
  "bsc_vital_few",
  "process TEXT, cluster TEXT, rank INTEGER, influence REAL, goals INTEGER, paths INTEGER,"
  " shortest INTEGER, share REAL, vital INTEGER, schema TEXT HIDDEN",
  9, 1, aVitalOrder, 1, vital_fill, 0,
};

/* ------------------------------------------------------------- bsc_whatif */

enum { WI_ID, WI_PERSPECTIVE, WI_DELTA, WI_VIA };
enum { WI_ARG_NODE, WI_ARG_DELTA, WI_ARG_SCHEMA };

typedef struct Whatif {
  double *aCarry; /* aCarry[i]: the change that reaches the path's node i */
  double *aDelta; /* per node: the sum of what reaches it */
  double *aBest;  /* per node: the size of the strongest path's part; -1 unreached */
  int *aBestLen;  /* per node: that path's links */
  char **azVia;   /* per node: that path */
} Whatif;

/* 'a > b > c': the walk's path, then node iLast. */
static char *path_text(const BscWalk *w, int iLast) {
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; i < w->nPath; i++) {
    sqlite3_str_appendall(s, w->g->aNode[w->aPath[i]].zId);
    sqlite3_str_appendall(s, " > ");
  }
  sqlite3_str_appendall(s, w->g->aNode[iLast].zId);
  return sqlite3_str_finish(s);
}

static int whatif_link(BscWalk *w, int iEdge, int *pEnter) {
  Whatif *p = w->pArg;
  const BscEdge *e = &w->g->aEdge[iEdge];
  int to = e->to;
  *pEnter = 0;
  if (w->aOn[to]) return SQLITE_OK; /* each node once per path: cycles end */
  /* an effect with several causes takes a share of each cause's change */
  double carry = p->aCarry[w->nPath - 1] * bsc_link_factor(e) / w->g->aNode[to].nIn;
  p->aDelta[to] += carry;
  /* the walk puts `to` at aPath[nPath] next, when it enters */
  p->aCarry[w->nPath] = carry;
  *pEnter = 1;
  int nLen = w->nPath; /* links of the path to `to` */
  if (p->aBest[to] < 0 || fabs(carry) > p->aBest[to] || (fabs(carry) == p->aBest[to] && nLen < p->aBestLen[to])) {
    char *z = path_text(w, to);
    if (!z) return SQLITE_NOMEM;
    sqlite3_free(p->azVia[to]);
    p->azVia[to] = z;
    p->aBest[to] = fabs(carry);
    p->aBestLen[to] = nLen;
  }
  return SQLITE_OK;
}

/* Top perspective first, then by id (node numbers follow ids). */
static int cmp_whatif(const void *a, const void *b, const BscGraph *g) {
  int x = *(const int *)a, y = *(const int *)b;
  if (g->aNode[x].persp != g->aNode[y].persp) return g->aNode[x].persp < g->aNode[y].persp ? -1 : 1;
  return (x > y) - (x < y);
}

static int whatif_rows(BscCall *c, Whatif *p) {
  const BscGraph *g = c->pGraph;
  int *aOrder = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  int n = 0;
  if (!aOrder) return SQLITE_NOMEM;
  for (int v = 0; v < g->nNode; v++) {
    if (p->aBest[v] >= 0 && !g->aNode[v].isProcess) aOrder[n++] = v;
  }
  /* an insertion sort: qsort has no context argument in C11 */
  for (int i = 1; i < n; i++) {
    int x = aOrder[i], j = i;
    while (j > 0 && cmp_whatif(&aOrder[j - 1], &x, g) > 0) aOrder[j] = aOrder[j - 1], j--;
    aOrder[j] = x;
  }
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    int v = aOrder[i];
    BscOut *row = bsc_rows_add(&c->rows);
    if (!row) {
      rc = SQLITE_NOMEM;
      break;
    }
    bsc_out_text(&row[WI_ID], g->aNode[v].zId);
    bsc_out_text(&row[WI_PERSPECTIVE], bsc_persp_id(g, v));
    bsc_out_real(&row[WI_DELTA], p->aDelta[v] == 0 ? 0.0 : p->aDelta[v]);
    rc = bsc_out_owned(&row[WI_VIA], p->azVia[v]);
    p->azVia[v] = 0; /* the row owns it now */
  }
  sqlite3_free(aOrder);
  return rc;
}

/* delta: a finite number of score points. */
static int read_delta(BscCall *c, sqlite3_value *v, double *pDelta) {
  if (!is_given(v)) {
    return bsc_call_error(c, "bsc: %s: delta is missing; give the change in score points, such as "
                          "%s('on_time', 1)", c->zFunc, c->zFunc);
  }
  int type = sqlite3_value_numeric_type(v);
  *pDelta = sqlite3_value_double(v);
  if ((type != SQLITE_INTEGER && type != SQLITE_FLOAT) || !isfinite(*pDelta)) {
    return bsc_call_error(c, "bsc: %s: delta %z is not a number of score points, such as 1 or -0.5",
                          c->zFunc, bsc_quote_value(v));
  }
  return SQLITE_OK;
}

static int whatif_fill(BscCall *c) {
  sqlite3_value *pNode = c->aArg[WI_ARG_NODE];
  double delta = 0;
  int iStart;
  if (!is_given(pNode)) {
    return bsc_call_error(c, "bsc: %s: node is missing; name a process or an objective, such as "
                          "%s('on_time', 1)", c->zFunc, c->zFunc);
  }
  int rc = read_delta(c, c->aArg[WI_ARG_DELTA], &delta);
  if (rc == SQLITE_OK) rc = bsc_call_graph(c, c->aArg[WI_ARG_SCHEMA]);
  if (rc == SQLITE_OK) rc = find_node(c, "node", pNode, &iStart);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  bsc_out_text(&c->aShown[WI_ARG_SCHEMA], g->zSchema);
  sqlite3_uint64 n = (sqlite3_uint64)g->nNode + 1;
  Whatif p;
  BscWalk w;
  memset(&p, 0, sizeof(p));
  p.aCarry = sqlite3_malloc64(sizeof(double) * 3 * n);
  p.aBestLen = sqlite3_malloc64(sizeof(int) * n);
  p.azVia = sqlite3_malloc64(sizeof(char *) * n);
  if (!p.aCarry || !p.aBestLen || !p.azVia || bsc_walk_init(&w, g) != SQLITE_OK) {
    sqlite3_free(p.aCarry);
    sqlite3_free(p.aBestLen);
    sqlite3_free(p.azVia);
    return SQLITE_NOMEM;
  }
  p.aDelta = p.aCarry + n;
  p.aBest = p.aDelta + n;
  for (int v = 0; v < g->nNode; v++) {
    p.aDelta[v] = 0;
    p.aBest[v] = -1;
    p.azVia[v] = 0;
  }
  p.aCarry[0] = delta;
  w.mxLen = g->nNode;
  w.mxStep = BSC_CHAIN_MAX_STEPS;
  w.xLink = whatif_link;
  w.pArg = &p;
  rc = bsc_walk_run(&w, iStart);
  if (rc == SQLITE_OK && w.bOverBudget) {
    rc = bsc_call_error(c, "bsc: %s: too many causal paths to follow from '%q' in the map of schema '%q'",
                        c->zFunc, g->aNode[iStart].zId, g->zSchema);
  }
  bsc_walk_clear(&w);
  if (rc == SQLITE_OK) rc = whatif_rows(c, &p);
  for (int v = 0; v < g->nNode; v++) sqlite3_free(p.azVia[v]);
  sqlite3_free(p.aCarry);
  sqlite3_free(p.aBestLen);
  sqlite3_free(p.azVia);
  return rc;
}

const BscTvf bscWhatifTvf = {
  "bsc_whatif",
  "id TEXT, perspective TEXT, delta REAL, via TEXT,"
  " node TEXT HIDDEN, node_delta REAL HIDDEN, schema TEXT HIDDEN",
  4, 3, 0, 0, whatif_fill, 0,
};
