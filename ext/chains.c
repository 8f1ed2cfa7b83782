/*
** Causal chains and reachability: how a process, objective or initiative
** drives the financial outcome.
**
**   SELECT * FROM bsc_chains(start, max_length, schema);
**     start, goal, length, strength, path, nodes; HIDDEN start_id,
**     max_length, schema
**   One row per simple path (no node twice) that follows links from cause
**   to effect, starting at `start` (a process, objective or initiative;
**   NULL or absent: at every process) and
**   ending at a financial objective, at most max_length (default 12) links
**   long. strength is the product of the links' weights, negated once per
**   negative link; path joins the ids with ' > ', nodes is a JSON array of
**   them. Rows come ordered by start, length, path. More than
**   BSC_MAX_PATHS paths, or a search that would take more than
**   BSC_MAX_STEPS steps, is an error that asks for a lower max_length.
**   The hidden start is start_id, as `start` is a column; `WHERE start =
**   'x'` asks for x too (tvf.c's BscTvfAlias), and finds no chain, rather
**   than an error, when x is no node: it filters, as joins such as
**   `kpis k JOIN bsc_chains c ON c.start = k.id` expect.
**
**   SELECT * FROM bsc_reach(start, direction, schema);
**     id, perspective, distance, via
**   One row per objective reachable from `start` (itself left out):
**   direction 'down' (default) follows links to what start drives, 'up'
**   goes against them to what drives start. distance is the fewest links;
**   via the first hop on a shortest path (the smallest id when several
**   tie). Rows come ordered by distance, id.
*/
#include "chains.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define BSC_MAX_PATHS 100000
#define BSC_MAX_STEPS BSC_CHAIN_MAX_STEPS
#define BSC_DEFAULT_LENGTH BSC_CHAIN_LENGTH

/* The node that argument v names; an error naming it when there is none. */
static int find_start(BscCall *c, sqlite3_value *v, int *piNode) {
  /* quoted first: reading a blob as text would make the message show text */
  char *zQuoted = bsc_quote_value(v);
  *piNode = sqlite3_value_type(v) == SQLITE_BLOB ? -1 /* an id is text, as = says */
                                                  : bsc_graph_find(c->pGraph, (const char *)sqlite3_value_text(v));
  if (*piNode >= 0) {
    sqlite3_free(zQuoted);
    return SQLITE_OK;
  }
  if (!zQuoted) return SQLITE_NOMEM;
  return bsc_call_error(c, "bsc: %s: start %z is neither a process%s of the map in schema '%q'", c->zFunc, zQuoted,
                        c->pGraph->azTable[BSC_INITIATIVES] ? ", an objective nor an initiative" : " nor an objective",
                        c->pGraph->zSchema);
}

static int is_financial(const BscNode *n) { return !n->isProcess && n->persp == 0; }
/* The default starts: processes, not initiatives (which start when named). */
static int is_process(const BscNode *n) { return n->kind == BSC_NODE_PROCESS; }

/* ------------------------------------------------------------ bsc_chains */

enum { CH_START, CH_GOAL, CH_LENGTH, CH_STRENGTH, CH_PATH, CH_NODES };

typedef struct Chains {
  BscCall *c;
  sqlite3_int64 nPath;
  int mxFound; /* the longest path found, in links */
} Chains;

/* One row for the walk's path extended by link iEdge. */
static int emit_chain(void *pArg, const BscWalk *w, int iEdge, double strength) {
  Chains *p = pArg;
  const BscGraph *g = w->g;
  if (w->nPath > p->mxFound) p->mxFound = w->nPath;
  if (++p->nPath > BSC_MAX_PATHS) return SQLITE_ERROR; /* the caller says so */
  BscOut *row = bsc_rows_add(&p->c->rows);
  if (!row) return SQLITE_NOMEM;
  sqlite3_str *sPath = sqlite3_str_new(0), *sNodes = sqlite3_str_new(0);
  sqlite3_str_appendchar(sNodes, 1, '[');
  for (int i = 0; i <= w->nPath; i++) {
    int iNode = i < w->nPath ? w->aPath[i] : g->aEdge[iEdge].to;
    if (i > 0) {
      sqlite3_str_appendall(sPath, " > ");
      sqlite3_str_appendchar(sNodes, 1, ',');
    }
    sqlite3_str_appendall(sPath, g->aNode[iNode].zId);
    bsc_json_string(sNodes, g->aNode[iNode].zId);
  }
  sqlite3_str_appendchar(sNodes, 1, ']');
  bsc_out_text(&row[CH_START], g->aNode[w->aPath[0]].zId);
  bsc_out_text(&row[CH_GOAL], g->aNode[g->aEdge[iEdge].to].zId);
  bsc_out_int(&row[CH_LENGTH], w->nPath);
  bsc_out_real(&row[CH_STRENGTH], strength);
  int rc = bsc_out_owned(&row[CH_PATH], sqlite3_str_finish(sPath));
  int rc2 = bsc_out_owned(&row[CH_NODES], sqlite3_str_finish(sNodes));
  return rc != SQLITE_OK ? rc : rc2;
}

/* What bsc_chain_walk hands to each chain. */
typedef struct ChainVisit {
  BscChainFn xChain;
  void *pArg;
} ChainVisit;

double bsc_link_factor(const BscEdge *e) { return e->negative ? -e->weight : e->weight; }

static int chain_link(BscWalk *w, int iEdge, int *pEnter) {
  const ChainVisit *v = w->pArg;
  const BscNode *to = &w->g->aNode[w->g->aEdge[iEdge].to];
  int rc = SQLITE_OK;
  if (w->aOn[w->g->aEdge[iEdge].to]) return SQLITE_OK;
  if (is_financial(to)) {
    double strength = 1.0; /* in path order, as it always was: the same rounding */
    for (int i = 1; i < w->nPath; i++) strength *= bsc_link_factor(&w->g->aEdge[w->aLink[i]]);
    strength *= bsc_link_factor(&w->g->aEdge[iEdge]);
    rc = v->xChain(v->pArg, w, iEdge, strength == 0 ? 0.0 : strength); /* no -0.0 */
  }
  /* go on only where a financial objective may still be in reach */
  *pEnter = to->finNext >= 0 && w->nPath + to->finNext <= w->mxLen;
  return rc;
}

int bsc_chain_walk(BscWalk *w, int iStart, BscChainFn xChain, void *pArg) {
  ChainVisit v = {xChain, pArg};
  const BscNode *n = &w->g->aNode[iStart];
  if (n->finNext < 0 || n->finNext > w->mxLen) return SQLITE_OK; /* no chain can start here */
  w->xLink = chain_link;
  w->pArg = &v;
  int rc = bsc_walk_run(w, iStart);
  w->pArg = 0;
  return rc;
}

static int cmp_chain(const void *a, const void *b) {
  const BscOut *x = a, *y = b;
  int c = strcmp(x[CH_START].z, y[CH_START].z);
  if (c) return c;
  if (x[CH_LENGTH].i != y[CH_LENGTH].i) return x[CH_LENGTH].i < y[CH_LENGTH].i ? -1 : 1;
  return strcmp(x[CH_PATH].z, y[CH_PATH].z);
}

/* max_length: a whole number of links from 1; NULL or absent is the default. */
static int max_length(BscCall *c, sqlite3_value *v, int *pn) {
  *pn = BSC_DEFAULT_LENGTH;
  if (!v || sqlite3_value_type(v) == SQLITE_NULL) return SQLITE_OK;
  int type = sqlite3_value_numeric_type(v);
  double r = sqlite3_value_double(v);
  /* floor(), not a cast: a cast of 1e19 to an integer is undefined */
  if ((type != SQLITE_INTEGER && type != SQLITE_FLOAT) || !isfinite(r) || r != floor(r) || r < 1) {
    return bsc_call_error(c, "bsc: %s: max_length %z is not a whole number of links from 1, such as %d",
                          c->zFunc, bsc_quote_value(v), BSC_DEFAULT_LENGTH);
  }
  *pn = r > 1e6 ? 1000000 : (int)r; /* no map is that deep */
  return SQLITE_OK;
}

/* The error for a search that gave up, with advice that can work: a lower
** max_length, but below the longest path found when there were too many
** rows (one without it leaves at most 100,000 of those found), else one
** process at a time. */
static int too_many(BscCall *c, sqlite3_value *pStart, int mxLen, const BscWalk *w, const Chains *p) {
  const BscGraph *g = c->pGraph;
  char *zFrom = pStart ? bsc_quote_value(pStart) : 0, *zAdvice;
  int nLower = w->mxLen / 2;
  if (!w->bOverBudget && p->mxFound - 1 < nLower) nLower = p->mxFound - 1;
  if (nLower >= 1) {
    zAdvice = sqlite3_mprintf("give a lower max_length, such as %s(%s, %d)", c->zFunc,
                              zFrom ? zFrom : "NULL", nLower);
  } else if (!pStart) {
    int v = 0; /* a process with chains of one link: there are many */
    while (v < g->nNode - 1 && !(is_process(&g->aNode[v]) && g->aNode[v].finNext == 1)) v++;
    zAdvice = c->aArg[1] && sqlite3_value_type(c->aArg[1]) != SQLITE_NULL
                  ? sqlite3_mprintf("ask for one process at a time, such as %s(%Q, %d)", c->zFunc,
                                    g->aNode[v].zId, mxLen)
                  : sqlite3_mprintf("ask for one process at a time, such as %s(%Q)", c->zFunc,
                                    g->aNode[v].zId);
  } else {
    zAdvice = sqlite3_mprintf("even those of one link are more, so no max_length gives fewer");
  }
  int rc = bsc_call_error(c, "bsc: %s: %s from %s within %d link%s; %s", c->zFunc,
                          w->bOverBudget ? "too many causal paths to search" : "more than 100,000 causal paths",
                          zFrom ? zFrom : "the processes", mxLen, mxLen == 1 ? "" : "s",
                          zAdvice ? zAdvice : "");
  sqlite3_free(zFrom);
  if (!zAdvice) rc = SQLITE_NOMEM;
  sqlite3_free(zAdvice);
  return rc;
}

static int chains_fill(BscCall *c) {
  sqlite3_value *pStart = c->aArg[0];
  int mxLen, iStart = -1;
  if (pStart && sqlite3_value_type(pStart) == SQLITE_NULL) pStart = 0;
  int rc = max_length(c, c->aArg[1], &mxLen);
  if (rc == SQLITE_OK) rc = bsc_call_graph(c, c->aArg[2]);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  if (pStart && (c->byColumn & 1) &&
      (sqlite3_value_type(pStart) == SQLITE_BLOB || bsc_graph_find(g, (const char *)sqlite3_value_text(pStart)) < 0)) {
    return SQLITE_OK; /* WHERE start = 'x': no chain starts at what is no node */
  }
  if (pStart && (rc = find_start(c, pStart, &iStart)) != SQLITE_OK) return rc;
  Chains chains = {c, 0, 0};
  BscWalk w;
  if ((rc = bsc_walk_init(&w, g)) != SQLITE_OK) return rc;
  w.mxLen = mxLen < g->nNode ? mxLen : g->nNode;
  w.mxStep = BSC_MAX_STEPS;
  for (int v = 0; rc == SQLITE_OK && !w.bOverBudget && v < g->nNode; v++) {
    if (iStart >= 0 ? v != iStart : !is_process(&g->aNode[v])) continue;
    rc = bsc_chain_walk(&w, v, emit_chain, &chains);
  }
  bsc_walk_clear(&w);
  if ((rc == SQLITE_ERROR && chains.nPath > BSC_MAX_PATHS) || w.bOverBudget) {
    return too_many(c, pStart, mxLen, &w, &chains);
  }
  if (rc == SQLITE_OK) bsc_rows_sort(&c->rows, cmp_chain);
  return rc;
}

static const int aChainOrder[] = {CH_START, CH_LENGTH, CH_PATH};
/* `WHERE start = 'x'` asks for the chains from x, as start_id = 'x' does;
** every row's start is then x itself, which SQLite checks again. */
static const BscTvfAlias chainsAlias = {CH_START, 0, 0};
const BscTvf bscChainsTvf = {
  "bsc_chains",
  "start " BSC_T_ID ", goal " BSC_T_ID ", length INTEGER, strength REAL, path " BSC_T_LONG
  ", nodes " BSC_T_LONG ", start_id TEXT HIDDEN, max_length INTEGER HIDDEN, schema TEXT HIDDEN",
  6, 3, aChainOrder, 3, chains_fill, &chainsAlias,
};

/* ------------------------------------------------------------- bsc_reach */

enum { RE_ID, RE_PERSPECTIVE, RE_DISTANCE, RE_VIA };

static int cmp_int64(const void *a, const void *b) {
  sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
  return (x > y) - (x < y);
}

static int reach_fill(BscCall *c) {
  sqlite3_value *pStart = c->aArg[0], *pDir = c->aArg[1];
  int up = 0, iStart;
  if (!pStart || sqlite3_value_type(pStart) == SQLITE_NULL) {
    return bsc_call_error(c, "bsc: %s: start is missing; name a process or an objective, such as %s('revenue')",
                          c->zFunc, c->zFunc);
  }
  if (pDir && sqlite3_value_type(pDir) != SQLITE_NULL) {
    const char *z = (const char *)sqlite3_value_text(pDir);
    up = z && sqlite3_stricmp(z, "up") == 0;
    if (!up && !(z && sqlite3_stricmp(z, "down") == 0)) {
      return bsc_call_error(c, "bsc: %s: direction %z is neither 'down' (what start drives) nor 'up' "
                            "(what drives start)", c->zFunc, bsc_quote_value(pDir));
    }
  }
  int rc = bsc_call_graph(c, c->aArg[2]);
  if (rc == SQLITE_OK) rc = find_start(c, pStart, &iStart);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  int *aDist = sqlite3_malloc64(sizeof(int) * 3 * ((sqlite3_uint64)g->nNode + 1));
  sqlite3_int64 *aKey = sqlite3_malloc64(sizeof(sqlite3_int64) * ((sqlite3_uint64)g->nNode + 1));
  if (!aDist || !aKey) {
    sqlite3_free(aDist);
    sqlite3_free(aKey);
    return SQLITE_NOMEM;
  }
  int *aVia = aDist + g->nNode, *aOrder = aVia + g->nNode, nKey = 0;
  int nReached = bsc_graph_bfs(g, &iStart, 1, up, aDist, aVia, aOrder);
  /* sort by distance, then id (node numbers follow the ids) */
  for (int i = 0; i < nReached; i++) {
    int v = aOrder[i];
    if (aDist[v] > 0 && !g->aNode[v].isProcess) aKey[nKey++] = (sqlite3_int64)aDist[v] * g->nNode + v;
  }
  qsort(aKey, (size_t)nKey, sizeof(sqlite3_int64), cmp_int64);
  for (int i = 0; rc == SQLITE_OK && i < nKey; i++) {
    int v = (int)(aKey[i] % g->nNode);
    BscOut *row = bsc_rows_add(&c->rows);
    if (!row) {
      rc = SQLITE_NOMEM;
      break;
    }
    bsc_out_text(&row[RE_ID], g->aNode[v].zId);
    bsc_out_text(&row[RE_PERSPECTIVE], bsc_persp_id(g, v));
    bsc_out_int(&row[RE_DISTANCE], aDist[v]);
    bsc_out_text(&row[RE_VIA], g->aNode[aVia[v]].zId);
  }
  sqlite3_free(aDist);
  sqlite3_free(aKey);
  return rc;
}

static const int aReachOrder[] = {RE_DISTANCE, RE_ID};
const BscTvf bscReachTvf = {
  "bsc_reach",
  "id " BSC_T_ID ", perspective " BSC_T_WORD ", distance INTEGER, via " BSC_T_ID ","
  " start TEXT HIDDEN, direction TEXT HIDDEN, schema TEXT HIDDEN",
  4, 3, aReachOrder, 2, reach_fill, 0,
};
