/*
** Strategy analytics: which processes matter most, whether the data bear
** the map's links out, and what a change at one node does to the others.
** They read the causal graph (graph.c), its chains (chains.c) and the
** scores (scorecard.c), on the engine of tvf.c, and stream their rows
** (BscTvfStream): what needs every node first (ranks and shares, sums over
** every path) is worked out once as numbers, and the rows are made from
** them as SQLite asks; text nobody reads (whatif's via) is never made, and
** a link's evidence is scored only when one of its columns is read.
**
**   SELECT * FROM bsc_vital_few([schema]);
**     process, cluster, rank, influence, goals, paths, shortest, share,
**     vital; HIDDEN schema
**   One row per process of the top unit's map (units table; the whole map
**   when it has none), ranked by its influence on the outcomes (the
**   objectives bsc_is_outcome names: financial and mission ones unless the
**   setting outcomes says otherwise): the sum over its causal chains
**   (bsc_chains' rows from it, at most 12 links, in its unit's map) of the
**   chain's strength, halved once per link beyond the first. goals counts
**   the outcomes its chains
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
**   One row per link of the top unit's map (no alignment link, no link of
**   another unit), ordered by cause, effect: whether the scores moved
**   together as the link says. A side's series: an objective's score (the
**   scorecard's) at each period of its frequency that holds a measurement
**   with an actual, its frequency being the finest of its KPIs' (a KPI's:
**   its declared frequency, or the finest kind of its measurements when
**   those are all coarser); a process's, period by period, the mean of the
**   series of the objectives it causes directly, its frequency the finest
**   of theirs. The series of a link run at the finer frequency of its two
**   sides; a score of a coarser period counts once (never carried
**   forward, whatever the setting finer_periods),
**   at the period of that frequency holding its last day, never carried
**   into the others; a period without a score is left out, never 0. Only
**   periods inside period_from .. period_to count (NULL: no bound on that
**   side; fiscal periods in a map with a fiscal year, whose quarters,
**   halves and years are then the fiscal ones). pairs: the periods t at
**   which the cause has a score and the effect one at t + lag (lag
**   counted in periods of the link's
**   frequency); correlation: Pearson's r over them (NULL when a side does
**   not vary); best_lag: the lag from 0 to 6 whose r, over 8 pairs or
**   more, is the strongest of the declared sign (the smallest lag of equal
**   ones), with its r as best_correlation; verdict: 'insufficient data'
**   under 8 pairs, else 'supported' or 'contradicted' when |r| >= 0.5 with
**   or against the declared sign, else 'weak'. frequency names the link's
**   frequency (NULL: a side has no score).
**
**   SELECT * FROM bsc_whatif(node, delta [, schema]);
**     id, perspective, delta, via; HIDDEN node, node_delta, schema
**   A change of delta score points at a process or objective, carried along
**   every simple path from it (no node twice, so cycles end) in its unit's
**   map (an alignment link up to another unit's objective is not followed):
**   each link passes on the change times its signed weight, divided by the
**   number of causes its effect has in that map; an objective's delta sums
**   what reaches it. One row per objective reached, top perspective first
**   (bsc_node_rank: the setting perspective_order), then by id; via is
**   the path that carries the most of it (by size; at equal size the
**   shortest, then the first in id order), as 'a > b > c'.
*/
#include "analytics.h"
#include "damage.h"
#include "scorecard.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
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
  return bsc_call_error(c, "bsc: %s: %s %z is neither a process%s of the map in schema '%q'", c->zFunc, zWhat, zQuoted,
                        c->pGraph->azTable[BSC_INITIATIVES] ? ", an objective nor an initiative" : " nor an objective",
                        c->pGraph->zSchema);
}

static int is_given(sqlite3_value *v) { return v && sqlite3_value_type(v) != SQLITE_NULL; }

/* ---------------------------------------------------------- bsc_vital_few */

enum { VF_PROCESS, VF_CLUSTER, VF_RANK, VF_INFLUENCE, VF_GOALS, VF_PATHS, VF_SHORTEST, VF_SHARE, VF_VITAL };

#define VITAL_SHARE 0.8

typedef BscReach Reach;

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

int bsc_influence(BscWalk *w, int iNode, int *aSeen, BscReach *r) {
  Vital vital = {r, aSeen};
  memset(r, 0, sizeof(*r));
  r->iNode = iNode;
  /* within its own unit's map, as bsc_chains from it */
  return bsc_chain_walk_unit(w, iNode, w->g->aNode[iNode].unit, vital_chain, &vital);
}

/* Larger influence (in size) first; then by id, which node numbers follow. */
static int cmp_reach(const void *a, const void *b) {
  const Reach *x = a, *y = b;
  double fx = fabs(x->influence), fy = fabs(y->influence);
  if (fx != fy) return fx > fy ? -1 : 1;
  return (x->iNode > y->iNode) - (x->iNode < y->iNode);
}

/* A call ranks every process in xStart (a rank and a share need every
** influence) into compact numbers, then streams one row per step. */
typedef struct VitalRows {
  Reach *aReach; /* ranked */
  int nReach, iNext;
  double total;  /* the sum of all influences' sizes */
  double before; /* that of the rows handed out so far */
} VitalRows;

static void vital_stop(BscCall *c) {
  VitalRows *p = c->pState;
  sqlite3_free(p->aReach);
  sqlite3_free(p);
}

static int vital_start(BscCall *c) {
  int rc = bsc_call_graph(c, c->aArg[0]);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  bsc_out_text(&c->aShown[0], g->zSchema);
  VitalRows *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  c->pState = p;
  p->aReach = sqlite3_malloc64(sizeof(Reach) * ((sqlite3_uint64)g->nNode + 1));
  int *aSeen = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  BscWalk w;
  if (!p->aReach || !aSeen || bsc_walk_init(&w, g) != SQLITE_OK) {
    sqlite3_free(aSeen);
    return SQLITE_NOMEM;
  }
  memset(aSeen, 0, sizeof(int) * (size_t)g->nNode);
  w.mxLen = BSC_CHAIN_LENGTH < g->nNode ? BSC_CHAIN_LENGTH : g->nNode;
  w.mxStep = BSC_CHAIN_MAX_STEPS;
  for (int v = 0; rc == SQLITE_OK && !w.bOverBudget && v < g->nNode; v++) {
    if (g->aNode[v].kind != BSC_NODE_PROCESS) continue; /* the vital few rank processes, not initiatives */
    if (g->aNode[v].unit != g->iTop) continue;         /* of the top unit's map */
    rc = bsc_influence(&w, v, aSeen, &p->aReach[p->nReach++]);
  }
  bsc_walk_clear(&w);
  sqlite3_free(aSeen);
  if (rc == SQLITE_OK && w.bOverBudget) {
    return bsc_call_error(c, "bsc: %s: too many causal paths to search in the map of schema '%q'; "
                          "bsc_chains(process, max_length) lists them a few links at a time",
                          c->zFunc, g->zSchema);
  }
  if (rc != SQLITE_OK) return rc;
  qsort(p->aReach, (size_t)p->nReach, sizeof(Reach), cmp_reach);
  for (int i = 0; i < p->nReach; i++) p->total += fabs(p->aReach[i].influence);
  return SQLITE_OK;
}

static int vital_step(BscCall *c) {
  VitalRows *p = c->pState;
  if (p->iNext >= p->nReach) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  const BscGraph *g = c->pGraph;
  int i = p->iNext++;
  const Reach *r = &p->aReach[i];
  const BscNode *n = &g->aNode[r->iNode];
  BscOut *row = c->rows.a;
  bsc_out_text(&row[VF_PROCESS], n->zId);
  bsc_out_text(&row[VF_CLUSTER], n->cluster >= 0 ? bscClusters.a[n->cluster].id : 0);
  bsc_out_int(&row[VF_RANK], i + 1);
  bsc_out_real(&row[VF_INFLUENCE], r->influence == 0 ? 0.0 : r->influence);
  bsc_out_int(&row[VF_GOALS], r->nGoal);
  bsc_out_int(&row[VF_PATHS], r->nPath);
  if (r->shortest > 0) bsc_out_int(&row[VF_SHORTEST], r->shortest);
  bsc_out_real(&row[VF_SHARE], p->total > 0 ? fabs(r->influence) / p->total : 0.0);
  /* vital while the rows above it hold less than 80% of the total; the
  ** margin keeps 0.5 + 0.3 from falling short of 0.8 by a rounding */
  bsc_out_int(&row[VF_VITAL], p->total > 0 && p->before < VITAL_SHARE * p->total * (1 - 1e-9));
  p->before += fabs(r->influence);
  return SQLITE_OK;
}

static const int aVitalOrder[] = {VF_RANK};
const BscTvfStream bscVitalFewStream = {
  {"bsc_vital_few",
   "process " BSC_T_ID ", cluster " BSC_T_WORD ", rank INTEGER, influence REAL, goals INTEGER,"
   " paths INTEGER, shortest INTEGER, share REAL, vital INTEGER, schema TEXT HIDDEN",
   9, 1, aVitalOrder, 1, bsc_tvf_stream, 0},
  vital_start, vital_step, 0, vital_stop,
};

/* ------------------------------------------------------------- bsc_whatif */

enum { WI_ID, WI_PERSPECTIVE, WI_DELTA, WI_VIA };
enum { WI_ARG_NODE, WI_ARG_DELTA, WI_ARG_SCHEMA };

/* A call follows every path in xStart (an objective's delta sums them
** all), keeping per node the nodes of its strongest path, then streams one
** row per objective reached; via is formatted only when asked for. */
typedef struct Whatif {
  double *aCarry; /* aCarry[i]: the change that reaches the path's node i */
  double *aDelta; /* per node: the sum of what reaches it */
  double *aBest;  /* per node: the size of the strongest path's part; -1 unreached */
  int *aBestLen;  /* per node: that path's links */
  int *aViaCap;   /* per node: room in apVia[v] */
  int **apVia;    /* per node: that path's nodes, the start first */
  int *aOrder;    /* the objectives reached, in row order */
  int nOrder, iNext;
  int unit; /* the start's unit: the change stays in its map */
} Whatif;

/* How many causes node v has in unit's map: all of them when the map has
** no units. */
static int causes_in_unit(const BscGraph *g, int v, int unit) {
  const BscNode *n = &g->aNode[v];
  int nCause = 0;
  for (int i = n->iIn; i < n->iIn + n->nIn; i++) nCause += bsc_in_unit(g, g->aEdge[g->aIn[i]].from, unit);
  return nCause;
}

static int whatif_link(BscWalk *w, int iEdge, int *pEnter) {
  Whatif *p = w->pArg;
  const BscEdge *e = &w->g->aEdge[iEdge];
  int to = e->to;
  *pEnter = 0;
  if (w->aOn[to]) return SQLITE_OK; /* each node once per path: cycles end */
  if (!bsc_in_unit(w->g, to, p->unit)) return SQLITE_OK; /* an alignment link leaves the unit's map */
  /* an effect with several causes takes a share of each cause's change */
  double carry = p->aCarry[w->nPath - 1] * bsc_link_factor(e) / causes_in_unit(w->g, to, p->unit);
  p->aDelta[to] += carry;
  /* the walk puts `to` at aPath[nPath] next, when it enters */
  p->aCarry[w->nPath] = carry;
  *pEnter = 1;
  int nLen = w->nPath; /* links of the path to `to` */
  if (p->aBest[to] < 0 || fabs(carry) > p->aBest[to] || (fabs(carry) == p->aBest[to] && nLen < p->aBestLen[to])) {
    if (p->aViaCap[to] < nLen + 1) {
      int *aNew = sqlite3_realloc64(p->apVia[to], sizeof(int) * ((sqlite3_uint64)nLen + 1));
      if (!aNew) return SQLITE_NOMEM;
      p->apVia[to] = aNew;
      p->aViaCap[to] = nLen + 1;
    }
    memcpy(p->apVia[to], w->aPath, sizeof(int) * (size_t)nLen);
    p->apVia[to][nLen] = to;
    p->aBest[to] = fabs(carry);
    p->aBestLen[to] = nLen;
  }
  return SQLITE_OK;
}

/* Top perspective first, then by id (node numbers follow ids). */
static int cmp_whatif(const void *a, const void *b, const BscGraph *g) {
  int x = *(const int *)a, y = *(const int *)b;
  int rx = bsc_node_rank(g, x), ry = bsc_node_rank(g, y);
  if (rx != ry) return rx < ry ? -1 : 1;
  return (x > y) - (x < y);
}

/* The objectives reached, in row order, into p->aOrder. */
static int whatif_order(const BscGraph *g, Whatif *p) {
  p->aOrder = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  if (!p->aOrder) return SQLITE_NOMEM;
  for (int v = 0; v < g->nNode; v++) {
    if (p->aBest[v] >= 0 && !g->aNode[v].isProcess) p->aOrder[p->nOrder++] = v;
  }
  /* an insertion sort: qsort has no context argument in C11 */
  for (int i = 1; i < p->nOrder; i++) {
    int x = p->aOrder[i], j = i;
    while (j > 0 && cmp_whatif(&p->aOrder[j - 1], &x, g) > 0) p->aOrder[j] = p->aOrder[j - 1], j--;
    p->aOrder[j] = x;
  }
  return SQLITE_OK;
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

static void whatif_stop(BscCall *c) {
  Whatif *p = c->pState;
  for (int v = 0; p->apVia && v < c->pGraph->nNode; v++) sqlite3_free(p->apVia[v]);
  sqlite3_free(p->aCarry);
  sqlite3_free(p->aBestLen);
  sqlite3_free(p->apVia);
  sqlite3_free(p->aOrder);
  sqlite3_free(p);
}

static int whatif_start(BscCall *c) {
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
  Whatif *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  c->pState = p;
  p->aCarry = sqlite3_malloc64(sizeof(double) * 3 * n);
  p->aBestLen = sqlite3_malloc64(sizeof(int) * 2 * n);
  p->apVia = sqlite3_malloc64(sizeof(int *) * n);
  if (p->apVia) memset(p->apVia, 0, sizeof(int *) * n);
  BscWalk w;
  if (!p->aCarry || !p->aBestLen || !p->apVia || bsc_walk_init(&w, g) != SQLITE_OK) return SQLITE_NOMEM;
  p->aDelta = p->aCarry + n;
  p->aBest = p->aDelta + n;
  p->aViaCap = p->aBestLen + n;
  for (int v = 0; v < g->nNode; v++) {
    p->aDelta[v] = 0;
    p->aBest[v] = -1;
    p->aViaCap[v] = 0;
  }
  p->aCarry[0] = delta;
  p->unit = g->aNode[iStart].unit;
  w.mxLen = g->nNode;
  w.mxStep = BSC_CHAIN_MAX_STEPS;
  w.xLink = whatif_link;
  w.pArg = p;
  rc = bsc_walk_run(&w, iStart);
  if (rc == SQLITE_OK && w.bOverBudget) {
    rc = bsc_call_error(c, "bsc: %s: too many causal paths to follow from '%q' in the map of schema '%q'",
                        c->zFunc, g->aNode[iStart].zId, g->zSchema);
  }
  bsc_walk_clear(&w);
  if (rc == SQLITE_OK) rc = whatif_order(g, p);
  return rc;
}

static int whatif_step(BscCall *c) {
  Whatif *p = c->pState;
  if (p->iNext >= p->nOrder) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  const BscGraph *g = c->pGraph;
  int v = p->aOrder[p->iNext++];
  BscOut *row = c->rows.a;
  bsc_out_text(&row[WI_ID], g->aNode[v].zId);
  bsc_out_text(&row[WI_PERSPECTIVE], bsc_persp_id(g, v));
  bsc_out_real(&row[WI_DELTA], p->aDelta[v] == 0 ? 0.0 : p->aDelta[v]);
  return SQLITE_OK;
}

/* via, when asked for: 'a > b > c'. */
static int whatif_column(BscCall *c, int iCol, BscOut *pOut) {
  Whatif *p = c->pState;
  const BscGraph *g = c->pGraph;
  if (iCol != WI_VIA) return SQLITE_OK;
  int v = p->aOrder[p->iNext - 1];
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; i <= p->aBestLen[v]; i++) {
    if (i > 0) sqlite3_str_appendall(s, " > ");
    sqlite3_str_appendall(s, g->aNode[p->apVia[v][i]].zId);
  }
  return bsc_out_owned(pOut, sqlite3_str_finish(s));
}

const BscTvfStream bscWhatifStream = {
  {"bsc_whatif",
   "id " BSC_T_ID ", perspective " BSC_T_WORD ", delta REAL, via " BSC_T_LONG ","
   " node TEXT HIDDEN, node_delta REAL HIDDEN, schema TEXT HIDDEN",
   4, 3, 0, 0, bsc_tvf_stream, 0},
  whatif_start, whatif_step, whatif_column, whatif_stop,
};

/* ------------------------------------------------------- bsc_link_evidence */

enum {
  LE_CAUSE,
  LE_EFFECT,
  LE_SIGN,
  LE_LAG,
  LE_PAIRS,
  LE_CORRELATION,
  LE_BEST_LAG,
  LE_BEST_CORRELATION,
  LE_VERDICT,
  LE_FREQUENCY
};
enum { LE_ARG_FROM, LE_ARG_TO, LE_ARG_SCHEMA };

#define EVIDENCE_PAIRS 8     /* fewer pairs than this is insufficient data */
#define EVIDENCE_R 0.5       /* |r| from which a link is supported or contradicted */
#define EVIDENCE_MAX_LAG 6   /* best_lag tries 0 .. this */

/* One score of a side at one period. */
typedef struct Obs {
  BscPeriod period;
  double score;
} Obs;

/* One point of a series at the link's frequency. */
typedef struct Point {
  sqlite3_int64 slot; /* the period's number at that frequency */
  double value;
} Point;

/* An objective's scores, read once per call. */
typedef struct Scores {
  int done;
  int kind; /* finest kind of period among them; BSC_PERIOD_NONE for no score */
  int n;
  Obs *a;
} Scores;

/* A call streams one link per step. The link's ends go out at once; its
** series, read and scored when a column of the evidence is first asked
** for, then fill the rest of the row: a query that reads only cause and
** effect, or stops at a LIMIT, scores nothing more. Each objective's
** scores are read once per call, when a link first needs them. */
typedef struct Evidence {
  BscCall *c;
  BscStore *pStore; /* the call's, kept from call to call with its statements */
  BscPeriod from, to; /* kind BSC_PERIOD_NONE: no bound */
  Scores *aScores;    /* per node */
  int *aRollup;       /* per node: its BscRollup, from the objectives table */
  int iNext;          /* the next link */
  int bDone;          /* the current row's evidence is filled in */
  /* one objective's KPIs at one period, as scored (evidence_kpi) */
  const BscPeriod *pAt;
  double *aKpi; /* score, weight per KPI */
  int nKpi, nKpiAlloc, nCarried;
} Evidence;

static sqlite3_int64 floor_div(sqlite3_int64 a, sqlite3_int64 b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The number of the period of kind f that holds the last day of q, which
** is of kind f or coarser: consecutive periods have consecutive numbers.
** Years, halves and quarters are the fiscal ones when the map's fiscal
** year starts in month fyStart (0: January). */
static sqlite3_int64 slot_of(const BscPeriod *q, int f, int fyStart) {
  if (f == BSC_PERIOD_DAY) return q->last;
  /* ISO weeks from Monday; day 0 (1970-01-01) is a Thursday */
  if (f == BSC_PERIOD_WEEK) return floor_div((sqlite3_int64)q->last + 3, 7);
  assert(q->kind >= BSC_PERIOD_YEAR && q->kind <= BSC_PERIOD_MONTH && (int)q->kind <= f);
  int y, m, d;
  bsc_civil_date(q->last, &y, &m, &d);
  sqlite3_int64 month = (sqlite3_int64)y * 12 + m - 1;
  if (f == BSC_PERIOD_MONTH) return month;
  /* counted from the first month of a (fiscal) year, a quarter is a run of 3 */
  month -= fyStart > 1 ? fyStart - 1 : 0;
  return floor_div(month, f == BSC_PERIOD_YEAR ? 12 : f == BSC_PERIOD_HALF ? 6 : 3);
}

/* The period of a kind that holds a day: a year, half or quarter is the
** fiscal one in a map whose fiscal year starts in month fyStart, as the
** scorecard works periods out. */
static void period_holding(int kind, int day, int fyStart, BscPeriod *p) {
  BscPeriod month;
  if (fyStart > 1 && kind >= BSC_PERIOD_YEAR && kind <= BSC_PERIOD_QUARTER) {
    /* the latest that has ended by the end of the day's month or of one of
    ** the 11 after it: a fiscal period ends at a month's end */
    bsc_period_of_day(BSC_PERIOD_MONTH, day, &month);
    for (int i = 0; i < 12; i++) {
      if (bsc_period_latest_fy(kind, month.last, fyStart, p) && p->first <= day && day <= p->last) return;
      bsc_period_of_day(BSC_PERIOD_MONTH, month.last + 1, &month);
    }
  }
  bsc_period_of_day(kind, day, p);
}

/* The frequency word of a kind of period. */
static const char *frequency_of(int kind) {
  switch (kind) {
    case BSC_PERIOD_YEAR: return "year";
    case BSC_PERIOD_HALF: return "half";
    case BSC_PERIOD_QUARTER: return "quarter";
    case BSC_PERIOD_MONTH: return "month";
    case BSC_PERIOD_WEEK: return "week";
    case BSC_PERIOD_DAY: return "day";
    default: return 0;
  }
}

static int in_range(const Evidence *p, const BscPeriod *q) {
  if (p->from.kind != BSC_PERIOD_NONE && q->first < p->from.first) return 0;
  if (p->to.kind != BSC_PERIOD_NONE && q->last > p->to.last) return 0;
  return 1;
}

/* The roll-up of each objective, as the scorecard rolls it up. */
static int read_rollups(Evidence *p) {
  const BscGraph *g = p->c->pGraph;
  const char *zObjectives = p->pStore->azTable[BSC_OBJECTIVES];
  char zData[200];
  sqlite3_stmt *pStmt;
  for (int v = 0; v < g->nNode; v++) p->aRollup[v] = BSC_ROLLUP_WEIGHTED;
  if (!zObjectives) return SQLITE_OK;
  /* a format-1 map not connected since the upgrade has no rollup yet */
  sqlite3_snprintf(sizeof(zData), zData, "%s_data", zObjectives);
  if (sqlite3_table_column_metadata(p->pStore->db, p->pStore->zSchema, zData, "rollup", 0, 0, 0, 0, 0) != SQLITE_OK) {
    return SQLITE_OK;
  }
  int rc = bsc_store_stmt(p->pStore, &pStmt, "SELECT id, rollup FROM \"%w\".\"%w_data\"", p->pStore->zSchema,
                          zObjectives);
  if (rc != SQLITE_OK) return rc;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
    int how = bsc_vocab_rank(&bscRollups, (const char *)sqlite3_column_text(pStmt, 1));
    if (v >= 0 && how >= 0) p->aRollup[v] = how;
  }
  return sqlite3_reset(pStmt);
}

/* A KPI's declared frequency as a kind of period; BSC_PERIOD_DAY (no
** bound) for a word bsc does not know, as a map written around bsc may hold. */
static int kind_of_frequency(const char *z) {
  static const struct {
    const char *z;
    int kind;
  } a[] = {{"year", BSC_PERIOD_YEAR},   {"half", BSC_PERIOD_HALF}, {"quarter", BSC_PERIOD_QUARTER},
           {"month", BSC_PERIOD_MONTH}, {"week", BSC_PERIOD_WEEK}, {"day", BSC_PERIOD_DAY}};
  for (size_t i = 0; z && i < sizeof(a) / sizeof(a[0]); i++) {
    if (strcmp(z, a[i].z) == 0) return a[i].kind;
  }
  return BSC_PERIOD_DAY;
}

static int cmp_obs(const void *a, const void *b) {
  const BscPeriod *x = &((const Obs *)a)->period, *y = &((const Obs *)b)->period;
  return (x->first > y->first) - (x->first < y->first);
}

/* Room for one more Obs in s. */
static int obs_grow(Scores *s, int *pnAlloc) {
  if (s->n < *pnAlloc) return SQLITE_OK;
  int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
  Obs *aNew = sqlite3_realloc64(s->a, sizeof(Obs) * (sqlite3_uint64)nNew);
  if (!aNew) return SQLITE_NOMEM;
  s->a = aNew;
  *pnAlloc = nNew;
  return SQLITE_OK;
}

/* Sees each KPI an objective's score rolls up: its score and weight, and
** whether it shows a coarser period than the one asked (the setting
** finer_periods 'latest' carries a quarter into its months). */
static int evidence_kpi(void *pArg, sqlite3_stmt *pRow, const BscKpiScore *k) {
  Evidence *p = pArg;
  if (k->at.kind != BSC_PERIOD_NONE && (k->at.first != p->pAt->first || k->at.last != p->pAt->last)) {
    p->nCarried++;
    return SQLITE_OK;
  }
  if (p->nKpi == p->nKpiAlloc) {
    int nNew = p->nKpiAlloc ? p->nKpiAlloc * 2 : 8;
    double *aNew = sqlite3_realloc64(p->aKpi, sizeof(double) * 2 * (sqlite3_uint64)nNew);
    if (!aNew) return SQLITE_NOMEM;
    p->aKpi = aNew;
    p->nKpiAlloc = nNew;
  }
  p->aKpi[2 * p->nKpi] = k->score;
  /* the KPI's stored weight: the ninth column (bsc_objective_score) */
  p->aKpi[2 * p->nKpi + 1] = sqlite3_column_type(pRow, 8) == SQLITE_NULL ? NAN : sqlite3_column_double(pRow, 8);
  p->nKpi++;
  return SQLITE_OK;
}

/* Objective v's score at period *pAt, as the scorecard rolls it up, but
** of the KPIs measured in that period only: a value carried forward from
** a coarser period is no new observation. */
static int evidence_score(Evidence *p, int v, const BscPeriod *pAt, double *pScore) {
  BscObjectiveScore os;
  BscRollup how = (BscRollup)p->aRollup[v];
  p->pAt = pAt;
  p->nKpi = p->nCarried = 0;
  int rc = bsc_objective_score(p->pStore, p->c->pGraph->aNode[v].zId, how, pAt, &os, evidence_kpi, p);
  *pScore = os.score;
  if (rc == SQLITE_OK && p->nCarried > 0) {
    /* the same roll-up over the others: scores, then weights */
    double *a = sqlite3_malloc64(sizeof(double) * 2 * ((sqlite3_uint64)p->nKpi + 1));
    int nScored;
    if (!a) return SQLITE_NOMEM;
    for (int i = 0; i < p->nKpi; i++) a[i] = p->aKpi[2 * i], a[p->nKpi + i] = p->aKpi[2 * i + 1];
    *pScore = bsc_rollup(how, a, a + p->nKpi, p->nKpi, &nScored);
    sqlite3_free(a);
  }
  return rc;
}

/* Objective v's scores. Its frequency is the finest of its KPIs', a KPI's
** being its declared frequency, or the finest kind of its measurements (in
** range, with an actual) when those are all coarser (a KPI left at the
** default 'month' with quarterly data is quarterly). The objective is
** scored, as the scorecard scores it, at each period of its frequency that
** holds a measurement; a coarser measurement makes no period of its own. */
static int read_scores(Evidence *p, int v) {
  const BscGraph *g = p->c->pGraph;
  const char *zK = p->pStore->azTable[BSC_KPIS], *zM = p->pStore->azTable[BSC_MEASUREMENTS];
  Scores *s = &p->aScores[v];
  sqlite3_stmt *pStmt;
  int nAlloc = 0, rc, kind = BSC_PERIOD_NONE;
  s->done = 1;
  if (!zK || !zM || g->aNode[v].isProcess) return SQLITE_OK;
  rc = bsc_store_stmt(p->pStore, &pStmt,
                      "SELECT m.kpi, k.frequency, m.period FROM \"%w\".\"%w_data\" AS m JOIN \"%w\".\"%w_data\""
                      " AS k ON k.id = m.kpi WHERE k.objective = ? AND m.actual IS NOT NULL ORDER BY m.kpi",
                      p->pStore->zSchema, zM, p->pStore->zSchema, zK);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, g->aNode[v].zId, -1, SQLITE_STATIC);
  /* the periods first: scoring uses statements of the same store */
  char *zKpi = 0;
  int declared = BSC_PERIOD_NONE, finest = BSC_PERIOD_NONE;
  for (int more = 1; rc == SQLITE_OK && more;) {
    more = sqlite3_step(pStmt) == SQLITE_ROW;
    const char *z = more ? (const char *)sqlite3_column_text(pStmt, 0) : 0;
    if (!more || !zKpi || !z || strcmp(z, zKpi) != 0) {
      /* the KPI before ends: its frequency counts */
      int k = declared < finest ? declared : finest;
      if (finest != BSC_PERIOD_NONE && k > kind) kind = k;
      sqlite3_free(zKpi);
      zKpi = more ? sqlite3_mprintf("%s", z ? z : "") : 0;
      if (more && !zKpi) rc = SQLITE_NOMEM;
      declared = more ? kind_of_frequency((const char *)sqlite3_column_text(pStmt, 1)) : BSC_PERIOD_NONE;
      finest = BSC_PERIOD_NONE;
    }
    BscPeriod q;
    if (rc != SQLITE_OK || !more ||
        !bsc_period_parse_fy((const char *)sqlite3_column_text(pStmt, 2), &q, 0, g->settings.fyStart) ||
        !in_range(p, &q)) {
      continue;
    }
    if ((int)q.kind > finest) finest = q.kind;
    if ((rc = obs_grow(s, &nAlloc)) == SQLITE_OK) s->a[s->n++].period = q;
  }
  sqlite3_free(zKpi);
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  /* the periods of the objective's frequency that hold a measurement */
  int n = 0;
  for (int i = 0; rc == SQLITE_OK && i < s->n; i++) {
    const BscPeriod *q = &s->a[i].period;
    if ((int)q->kind < kind) continue; /* coarser */
    BscPeriod at = *q;
    /* a week lies in the month (quarter, ...) that holds its Thursday */
    if ((int)q->kind != kind) {
      period_holding(kind, q->kind == BSC_PERIOD_WEEK ? q->first + 3 : q->first, g->settings.fyStart, &at);
    }
    if (!in_range(p, &at)) continue;
    s->a[n++].period = at;
  }
  if (n > 1) qsort(s->a, (size_t)n, sizeof(Obs), cmp_obs);
  s->n = 0;
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    double score;
    if (s->n > 0 && s->a[s->n - 1].period.first == s->a[i].period.first) continue;
    rc = evidence_score(p, v, &s->a[i].period, &score);
    if (rc != SQLITE_OK || isnan(score)) continue; /* thresholds that cannot score: no value */
    s->a[s->n] = s->a[i];
    s->a[s->n++].score = score;
  }
  s->kind = s->n ? kind : BSC_PERIOD_NONE;
  return rc;
}

static int scores_of(Evidence *p, int v, Scores **pp) {
  int rc = p->aScores[v].done ? SQLITE_OK : read_scores(p, v);
  *pp = &p->aScores[v];
  return rc;
}

/* The finest kind of period among a side's scores: an objective's own, a
** process's those of the objectives it causes directly. */
static int side_kind(Evidence *p, int v, int *pKind) {
  const BscGraph *g = p->c->pGraph;
  const BscNode *n = &g->aNode[v];
  Scores *s;
  int rc = SQLITE_OK;
  *pKind = BSC_PERIOD_NONE;
  if (!n->isProcess) {
    rc = scores_of(p, v, &s);
    *pKind = s->kind;
    return rc;
  }
  for (int i = n->iOut; rc == SQLITE_OK && i < n->iOut + n->nOut; i++) {
    rc = scores_of(p, g->aEdge[i].to, &s);
    if (s->kind > *pKind) *pKind = s->kind;
  }
  return rc;
}

static int cmp_point(const void *a, const void *b) {
  const Point *x = a, *y = b;
  return (x->slot > y->slot) - (x->slot < y->slot);
}

/* Appends objective v's scores at the periods of its finest kind, as
** points at frequency f, to *paPoint. Scores of its coarser periods are
** left out: they cover other KPIs than the finer ones, so the series would
** change what it measures from point to point. */
static int add_points(Evidence *p, int v, int f, Point **paPoint, int *pn, int *pnAlloc) {
  Scores *s;
  int rc = scores_of(p, v, &s);
  if (rc != SQLITE_OK) return rc;
  for (int i = 0; i < s->n; i++) {
    if ((int)s->a[i].period.kind != s->kind) continue;
    if (*pn == *pnAlloc) {
      int nNew = *pnAlloc ? *pnAlloc * 2 : 32;
      Point *aNew = sqlite3_realloc64(*paPoint, sizeof(Point) * (sqlite3_uint64)nNew);
      if (!aNew) return SQLITE_NOMEM;
      *paPoint = aNew;
      *pnAlloc = nNew;
    }
    /* periods of one kind, at f or coarser, fall in distinct slots */
    Point *pt = &(*paPoint)[(*pn)++];
    pt->slot = slot_of(&s->a[i].period, f, p->c->pGraph->settings.fyStart);
    pt->value = s->a[i].score;
  }
  return SQLITE_OK;
}

/* Side v's series at frequency f, sorted by slot: an objective's points,
** or, for a process, at each slot the mean of the points that the
** objectives it causes directly have there. */
static int side_series(Evidence *p, int v, int f, Point **paPoint, int *pn) {
  const BscGraph *g = p->c->pGraph;
  const BscNode *n = &g->aNode[v];
  int nAlloc = 0, rc = SQLITE_OK;
  *paPoint = 0;
  *pn = 0;
  if (!n->isProcess) rc = add_points(p, v, f, paPoint, pn, &nAlloc);
  for (int i = n->iOut; n->isProcess && rc == SQLITE_OK && i < n->iOut + n->nOut; i++) {
    rc = add_points(p, g->aEdge[i].to, f, paPoint, pn, &nAlloc);
  }
  if (rc != SQLITE_OK) return rc;
  Point *a = *paPoint;
  if (*pn > 1) qsort(a, (size_t)*pn, sizeof(Point), cmp_point);
  int m = 0;
  for (int i = 0; i < *pn;) {
    int j = i;
    double sum = 0;
    while (j < *pn && a[j].slot == a[i].slot) sum += a[j++].value;
    a[m] = a[i];
    a[m++].value = sum / (j - i);
    i = j;
  }
  *pn = m;
  return SQLITE_OK;
}

/* Pearson's r of the pairs (x at t, y at t + lag); NaN when a side does
** not vary. *pnPair gets the number of pairs; aX, aY hold nx entries. */
static double correlation(const Point *x, int nx, const Point *y, int ny, int lag, double *aX, double *aY,
                          int *pnPair) {
  int n = 0;
  for (int i = 0, j = 0; i < nx && j < ny;) {
    sqlite3_int64 want = x[i].slot + lag;
    if (y[j].slot < want) j++;
    else if (y[j].slot > want) i++;
    else aX[n] = x[i++].value, aY[n++] = y[j++].value;
  }
  *pnPair = n;
  if (n < 2) return NAN;
  double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < n; i++) mx += aX[i], my += aY[i];
  mx /= n;
  my /= n;
  for (int i = 0; i < n; i++) {
    double dx = aX[i] - mx, dy = aY[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx == 0 || syy == 0) return NAN;
  double r = sxy / sqrt(sxx * syy);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

static const char *verdict_of(int nPair, double r, int negative) {
  if (nPair < EVIDENCE_PAIRS) return "insufficient data";
  if (isnan(r) || fabs(r) < EVIDENCE_R) return "weak";
  return (r < 0) == negative ? "supported" : "contradicted";
}

/* The evidence columns of the current row, link e's. */
static int evidence_fill_row(Evidence *p, const BscEdge *e) {
  Point *x = 0, *y = 0;
  double *aBuf = 0;
  int kCause, kEffect, nx = 0, ny = 0, nPair = 0;
  double r = NAN;
  int rc = side_kind(p, e->from, &kCause);
  if (rc == SQLITE_OK) rc = side_kind(p, e->to, &kEffect);
  if (rc != SQLITE_OK) return rc;
  /* the finer frequency of the two; none when either side has no score */
  int f = kCause == BSC_PERIOD_NONE || kEffect == BSC_PERIOD_NONE ? BSC_PERIOD_NONE
          : kCause > kEffect                                     ? kCause
                                                                 : kEffect;
  BscOut *row = p->c->rows.a;
  bsc_out_text(&row[LE_FREQUENCY], frequency_of(f));
  if (f != BSC_PERIOD_NONE) {
    rc = side_series(p, e->from, f, &x, &nx);
    if (rc == SQLITE_OK) rc = side_series(p, e->to, f, &y, &ny);
    if (rc == SQLITE_OK && !(aBuf = sqlite3_malloc64(sizeof(double) * 2 * ((sqlite3_uint64)nx + 1)))) {
      rc = SQLITE_NOMEM;
    }
  }
  if (rc == SQLITE_OK && f != BSC_PERIOD_NONE) {
    r = correlation(x, nx, y, ny, e->lag, aBuf, aBuf + nx + 1, &nPair);
    /* the lag whose r is the strongest of the declared sign, on enough pairs */
    int best = -1;
    double rBest = 0;
    for (int lag = 0; lag <= EVIDENCE_MAX_LAG; lag++) {
      int n;
      double rl = correlation(x, nx, y, ny, lag, aBuf, aBuf + nx + 1, &n);
      if (n < EVIDENCE_PAIRS || isnan(rl) || (e->negative ? rl >= 0 : rl <= 0)) continue;
      if (best < 0 || fabs(rl) > fabs(rBest)) best = lag, rBest = rl;
    }
    if (best >= 0) {
      bsc_out_int(&row[LE_BEST_LAG], best);
      bsc_out_real(&row[LE_BEST_CORRELATION], rBest);
    }
  }
  bsc_out_int(&row[LE_PAIRS], nPair);
  bsc_out_real(&row[LE_CORRELATION], r);
  bsc_out_text(&row[LE_VERDICT], verdict_of(nPair, r, e->negative));
  /* a NULL filled in is not asked for again */
  for (int i = LE_PAIRS; i <= LE_FREQUENCY; i++) {
    if (row[i].type == 0) row[i].type = SQLITE_NULL;
  }
  sqlite3_free(x);
  sqlite3_free(y);
  sqlite3_free(aBuf);
  return rc;
}

/* An error of the map's tables, named as this function's. */
static int evidence_error(BscCall *c, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !c->zErr &&
      bsc_call_error(c, "bsc: %s: %s", c->zFunc, sqlite3_errmsg(c->db)) == SQLITE_NOMEM) {
    return SQLITE_NOMEM;
  }
  return rc;
}

/* A period_from or period_to argument: NULL or absent is no bound. A
** fiscal period (FY2027-Q1) is read once the map's fiscal year is known:
** called first with fyStart -1 (*pOut set, fiscal periods left), then
** with the map's fyStart (only those read). */
static int read_bound(BscCall *c, int iArg, const char *zName, int fyStart, BscPeriod *pOut) {
  sqlite3_value *v = c->aArg[iArg];
  const char *z = is_given(v) && sqlite3_value_type(v) != SQLITE_BLOB ? (const char *)sqlite3_value_text(v) : 0;
  int fiscal = z && bsc_period_is_fiscal(z);
  char zNorm[BSC_PERIOD_MAX];
  if (fyStart < 0) memset(pOut, 0, sizeof(*pOut));
  if (!is_given(v) || fiscal != (fyStart >= 0)) return SQLITE_OK;
  if (fiscal && fyStart == 0) {
    return bsc_call_error(c, "bsc: %s: %s %z is a fiscal period and the map in schema '%q' has no fiscal "
                          "year; set fiscal_year_start in settings first (4 for a year from April)",
                          c->zFunc, zName, bsc_quote_value(v), c->pGraph->zSchema);
  }
  if (!z || !bsc_period_parse_fy(z, pOut, 0, fyStart > 0 ? fyStart : 0)) {
    return bsc_call_error(c, "bsc: %s: %s %z is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
                          "2026-09-30 or 2026-W38", c->zFunc, zName, bsc_quote_value(v));
  }
  bsc_period_format(pOut, zNorm);
  return bsc_out_copy(&c->aShown[iArg], zNorm);
}

static void evidence_stop(BscCall *c) {
  Evidence *p = c->pState;
  for (int v = 0; p->aScores && v < c->pGraph->nNode; v++) sqlite3_free(p->aScores[v].a);
  sqlite3_free(p->aScores);
  sqlite3_free(p->aRollup);
  sqlite3_free(p->aKpi);
  sqlite3_free(p);
}

static int evidence_start(BscCall *c) {
  BscPeriod from, to;
  int rc = read_bound(c, LE_ARG_FROM, "period_from", -1, &from);
  if (rc == SQLITE_OK) rc = read_bound(c, LE_ARG_TO, "period_to", -1, &to);
  if (rc == SQLITE_OK) rc = bsc_call_graph(c, c->aArg[LE_ARG_SCHEMA]);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  rc = read_bound(c, LE_ARG_FROM, "period_from", g->settings.fyStart, &from);
  if (rc == SQLITE_OK) rc = read_bound(c, LE_ARG_TO, "period_to", g->settings.fyStart, &to);
  if (rc != SQLITE_OK) return rc;
  if (from.kind != BSC_PERIOD_NONE && to.kind != BSC_PERIOD_NONE && from.first > to.last) {
    return bsc_call_error(c, "bsc: %s: period_from '%s' starts after period_to '%s' ends", c->zFunc,
                          c->aShown[LE_ARG_FROM].z, c->aShown[LE_ARG_TO].z);
  }
  bsc_out_text(&c->aShown[LE_ARG_SCHEMA], g->zSchema);
  Evidence *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  c->pState = p;
  p->c = c;
  p->from = from;
  p->to = to;
  p->aScores = sqlite3_malloc64(sizeof(Scores) * ((sqlite3_uint64)g->nNode + 1));
  p->aRollup = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  if (p->aScores) memset(p->aScores, 0, sizeof(Scores) * ((size_t)g->nNode + 1));
  rc = p->aScores && p->aRollup ? bsc_call_store(c, g->zSchema, &p->pStore) : SQLITE_NOMEM;
  if (rc == SQLITE_OK) rc = bsc_store_refresh(p->pStore);
  /* the scores' tables are read too, not only the graph's */
  if (rc == SQLITE_OK) rc = bsc_damage_check(p->pStore, c->conn, 0, BSC_SCORE_SOURCES, c->zFunc, &c->zErr);
  if (rc == SQLITE_OK) rc = read_rollups(p);
  return evidence_error(c, rc);
}

static int evidence_step(BscCall *c) {
  Evidence *p = c->pState;
  const BscGraph *g = c->pGraph;
  /* the links of the top unit's map */
  while (p->iNext < g->nEdge && !(bsc_in_unit(g, g->aEdge[p->iNext].from, g->iTop) &&
                                  bsc_in_unit(g, g->aEdge[p->iNext].to, g->iTop))) {
    p->iNext++;
  }
  if (p->iNext >= g->nEdge) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  const BscEdge *e = &g->aEdge[p->iNext++];
  BscOut *row = c->rows.a;
  p->bDone = 0;
  bsc_out_text(&row[LE_CAUSE], g->aNode[e->from].zId);
  bsc_out_text(&row[LE_EFFECT], g->aNode[e->to].zId);
  bsc_out_text(&row[LE_SIGN], e->negative ? "negative" : "positive");
  bsc_out_int(&row[LE_LAG], e->lag);
  return SQLITE_OK;
}

/* The evidence of the current link, when one of its columns is asked for. */
static int evidence_column(BscCall *c, int iCol, BscOut *pOut) {
  Evidence *p = c->pState;
  (void)pOut; /* the row's own: the fill sets every evidence column at once */
  assert(pOut == &c->rows.a[iCol]);
  if (iCol < LE_PAIRS || p->bDone) return SQLITE_OK;
  p->bDone = 1;
  return evidence_error(c, evidence_fill_row(p, &c->pGraph->aEdge[p->iNext - 1]));
}

/* Links come sorted by cause, then effect (graph.c), ids in BINARY order. */
static const int aEvidenceOrder[] = {LE_CAUSE, LE_EFFECT};
const BscTvfStream bscLinkEvidenceStream = {
  {"bsc_link_evidence",
   "cause " BSC_T_ID ", effect " BSC_T_ID ", declared_sign " BSC_T_WORD ", lag INTEGER, pairs INTEGER,"
   " correlation REAL, best_lag INTEGER, best_correlation REAL, verdict " BSC_T_WORD ", frequency " BSC_T_WORD ","
   " period_from TEXT HIDDEN, period_to TEXT HIDDEN, schema TEXT HIDDEN",
   10, 3, aEvidenceOrder, 2, bsc_tvf_stream, 0},
  evidence_start, evidence_step, evidence_column, evidence_stop,
};
