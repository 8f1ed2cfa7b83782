/*
** Causal chains and reachability: how a process, objective or initiative
** drives the map's outcomes (financial, unless the setting outcomes
** names others: settings.c).
**
**   SELECT * FROM bsc_chains(start, max_length, schema, unit);
**     start, goal, length, strength, path, nodes; HIDDEN start_id,
**     max_length, schema, unit
**   One row per simple path (no node twice) that follows links from cause
**   to effect, starting at `start` (a process, objective or initiative;
**   NULL or absent: at every process) and
**   ending at an outcome (a financial objective by default; settings.c),
**   at most max_length (default 12) links
**   long. strength is the product of the links' weights, negated once per
**   negative link; path joins the ids with ' > ', nodes is a JSON array of
**   them. Rows come ordered by start, length, path. More than
**   BSC_MAX_PATHS paths, or a search that would take more than
**   BSC_MAX_STEPS steps, is an error that asks for a lower max_length.
**   The hidden start is start_id, as `start` is a column; `WHERE start =
**   'x'` asks for x too (tvf.c's BscTvfAlias), and finds no chain, rather
**   than an error, when x is no node: it filters, as joins such as
**   `kpis k JOIN bsc_chains c ON c.start = k.id` expect.
**   The chains are those of one unit's map (units table): they start and
**   end in it and follow only its own links, not an alignment link up to
**   a group objective. `unit` NULL or absent is start's unit, or the top
**   unit's when no start is given (the whole map when it has no units); a
**   start outside the unit asked for has no chain in it.
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

/* The default starts: processes, not initiatives (which start when named). */
static int is_process(const BscNode *n) { return n->kind == BSC_NODE_PROCESS; }

/* ------------------------------------------------------------ bsc_chains */

enum { CH_START, CH_GOAL, CH_LENGTH, CH_STRENGTH, CH_PATH, CH_NODES };

/* What bsc_chain_walk hands to each chain. */
typedef struct ChainVisit {
  BscChainFn xChain;
  void *pArg;
  int unit; /* the unit whose map the chains stay in, or BSC_UNIT_ANY */
} ChainVisit;

double bsc_link_factor(const BscEdge *e) { return e->negative ? -e->weight : e->weight; }

/* What the link tells of its effect (BscEdge.toFin, toFinNext), so that
** the node is read only when the walk goes there. */
static int chain_link(BscWalk *w, int iEdge, int *pEnter) {
  const ChainVisit *v = w->pArg;
  const BscEdge *e = &w->g->aEdge[iEdge];
  int rc = SQLITE_OK;
  /* the walk stays in the start's unit (bsc_chain_walk_unit): a link
  ** leaves it exactly when its ends' units differ */
  if (w->aOn[e->to] || (v->unit != BSC_UNIT_ANY && !e->sameUnit)) return SQLITE_OK;
  if (e->toFin) {
    double strength = 1.0; /* in path order, as it always was: the same rounding */
    for (int i = 1; i < w->nPath; i++) strength *= bsc_link_factor(&w->g->aEdge[w->aLink[i]]);
    strength *= bsc_link_factor(e);
    rc = v->xChain(v->pArg, w, iEdge, strength == 0 ? 0.0 : strength); /* no -0.0 */
  }
  /* go on only where an outcome may still be in reach */
  int finNext = e->toFinNext == 255 ? w->g->aNode[e->to].finNext : e->toFinNext - 1;
  *pEnter = finNext >= 0 && w->nPath + finNext <= w->mxLen;
  return rc;
}

int bsc_chain_walk(BscWalk *w, int iStart, BscChainFn xChain, void *pArg) {
  return bsc_chain_walk_unit(w, iStart, BSC_UNIT_ANY, xChain, pArg);
}

int bsc_chain_walk_unit(BscWalk *w, int iStart, int unit, BscChainFn xChain, void *pArg) {
  ChainVisit v = {xChain, pArg, unit};
  const BscNode *n = &w->g->aNode[iStart];
  if (n->finNext < 0 || n->finNext > w->mxLen) return SQLITE_OK; /* no chain can start here */
  if (unit != BSC_UNIT_ANY && n->unit != unit) return SQLITE_OK; /* nor outside the unit */
  w->xLink = chain_link;
  w->pArg = &v;
  int rc = bsc_walk_run(w, iStart);
  w->pArg = 0;
  return rc;
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

/* A call streams the chains of one start at a time: those of a start are
** found (as node lists, no text), sorted, and handed out; path and nodes
** are formatted only when asked for. The cap on paths and the bound on
** the search are per start, guards against a runaway part of the map. */
typedef struct Chain {
  int iOff;  /* its nodes: aNode[iOff .. iOff+nLen] */
  int nLen;  /* links */
  double strength;
} Chain;

typedef struct Chains {
  BscWalk w;
  int bWalk;      /* w holds scratch */
  int iStart;     /* the one start asked for, or -1: every process */
  int unit;       /* the unit whose map the chains are in (a node's unit) */
  int vNext;      /* the next node to start from */
  int *aNode;     /* the chains' nodes, one list after another */
  int nNode, nNodeAlloc;
  Chain *aChain;
  int nChain, nChainAlloc, iChain;
  int mxFound;    /* the longest chain found from this start, in links */
} Chains;

/* One chain: the walk's path extended by link iEdge. */
static int emit_chain(void *pArg, const BscWalk *w, int iEdge, double strength) {
  Chains *p = pArg;
  if (w->nPath > p->mxFound) p->mxFound = w->nPath;
  if (p->nChain >= BSC_MAX_PATHS) {
    p->nChain++;
    return SQLITE_ERROR; /* the caller says so */
  }
  if (p->nChain == p->nChainAlloc) {
    int nNew = p->nChainAlloc ? p->nChainAlloc * 2 : 64;
    Chain *aNew = sqlite3_realloc64(p->aChain, sizeof(Chain) * (sqlite3_uint64)nNew);
    if (!aNew) return SQLITE_NOMEM;
    p->aChain = aNew;
    p->nChainAlloc = nNew;
  }
  if (p->nNode + w->nPath + 1 > p->nNodeAlloc) {
    int nNew = p->nNodeAlloc ? p->nNodeAlloc * 2 : 256;
    while (nNew < p->nNode + w->nPath + 1) nNew *= 2;
    int *aNew = sqlite3_realloc64(p->aNode, sizeof(int) * (sqlite3_uint64)nNew);
    if (!aNew) return SQLITE_NOMEM;
    p->aNode = aNew;
    p->nNodeAlloc = nNew;
  }
  Chain *ch = &p->aChain[p->nChain++];
  ch->iOff = p->nNode;
  ch->nLen = w->nPath;
  ch->strength = strength;
  memcpy(p->aNode + p->nNode, w->aPath, sizeof(int) * (size_t)w->nPath);
  p->aNode[p->nNode + w->nPath] = w->g->aEdge[iEdge].to;
  p->nNode += w->nPath + 1;
  return SQLITE_OK;
}

/* The characters of a chain's path ("a > b > c"), one at a time. */
typedef struct PathChars {
  const BscGraph *g;
  const int *aNode;
  int n, i;         /* nodes, and the one being read */
  const char *z;    /* what is left of it, or of the separator after it */
  int bSep;
} PathChars;

static int path_char(PathChars *it) {
  while (!*it->z) {
    if (it->bSep || it->i == it->n - 1) {
      if (!it->bSep) return -1;
      it->bSep = 0;
      it->z = it->g->aNode[it->aNode[++it->i]].zId;
    } else {
      it->bSep = 1;
      it->z = " > ";
    }
  }
  return (unsigned char)*it->z++;
}

/* Chains of one start: by length, then by path as text (strcmp order).
** The walk finds them in the order of their node numbers (depth first,
** each node's links by effect), which is the order of their paths when the
** map's ids allow it (BscGraph.bIdPathOrder): then the sort, which is
** stable, need only compare lengths. */
static int cmp_chain(const BscGraph *g, const int *aNode, const Chain *x, const Chain *y) {
  if (x->nLen != y->nLen) return x->nLen < y->nLen ? -1 : 1;
  if (g->bIdPathOrder) return 0;
  PathChars p = {g, aNode + x->iOff, x->nLen + 1, 0, g->aNode[aNode[x->iOff]].zId, 0};
  PathChars q = {g, aNode + y->iOff, y->nLen + 1, 0, g->aNode[aNode[y->iOff]].zId, 0};
  for (;;) {
    int c = path_char(&p), d = path_char(&q);
    if (c != d) return c < d ? -1 : 1;
    if (c < 0) return 0;
  }
}

/* Sorts a[0..n-1] by cmp_chain, bottom-up merging through tmp (no state
** outside the call, as qsort would need). */
static void sort_chains(const BscGraph *g, const int *aNode, Chain *a, Chain *tmp, int n) {
  for (int w = 1; w < n; w *= 2) {
    for (int lo = 0; lo < n; lo += 2 * w) {
      int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = cmp_chain(g, aNode, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, sizeof(Chain) * (size_t)n);
  }
}

/* The error for a start whose search gave up, with advice that can work:
** a lower max_length, but below the longest chain found when there were
** too many (one without it leaves at most 100,000 of those found). */
static int too_many(BscCall *c, int v, int mxLen, const Chains *p) {
  const BscGraph *g = c->pGraph;
  char *zFrom = bsc_quote_text(g->aNode[v].zId), *zAdvice;
  int nLower = p->w.mxLen / 2;
  if (!p->w.bOverBudget && p->mxFound - 1 < nLower) nLower = p->mxFound - 1;
  if (nLower >= 1) {
    zAdvice = sqlite3_mprintf("give a lower max_length, such as %s(%s, %d)", c->zFunc, zFrom ? zFrom : "", nLower);
  } else {
    zAdvice = sqlite3_mprintf("even those of one link are more, so no max_length gives fewer");
  }
  int rc = bsc_call_error(c, "bsc: %s: %s from %s within %d link%s; %s", c->zFunc,
                          p->w.bOverBudget ? "too many causal paths to search" : "more than 100,000 causal paths",
                          zFrom ? zFrom : "", mxLen, mxLen == 1 ? "" : "s", zAdvice ? zAdvice : "");
  if (!zAdvice || !zFrom) rc = SQLITE_NOMEM;
  sqlite3_free(zFrom);
  sqlite3_free(zAdvice);
  return rc;
}

static void chains_stop(BscCall *c) {
  Chains *p = c->pState;
  if (p->bWalk) bsc_walk_clear(&p->w);
  sqlite3_free(p->aNode);
  sqlite3_free(p->aChain);
  sqlite3_free(p);
}

static int chains_start(BscCall *c) {
  sqlite3_value *pStart = c->aArg[0];
  int mxLen, iStart = -1;
  if (pStart && sqlite3_value_type(pStart) == SQLITE_NULL) pStart = 0;
  int rc = max_length(c, c->aArg[1], &mxLen);
  if (rc == SQLITE_OK) rc = bsc_call_graph(c, c->aArg[2]);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  if (pStart && (c->byColumn & 1) &&
      (sqlite3_value_type(pStart) == SQLITE_BLOB || bsc_graph_find(g, (const char *)sqlite3_value_text(pStart)) < 0)) {
    c->bEof = 1; /* WHERE start = 'x': no chain starts at what is no node */
    return SQLITE_OK;
  }
  if (pStart && (rc = find_start(c, pStart, &iStart)) != SQLITE_OK) return rc;
  int unit = iStart >= 0 ? g->aNode[iStart].unit : g->iTop;
  if (c->aArg[3] && sqlite3_value_type(c->aArg[3]) != SQLITE_NULL &&
      (rc = bsc_unit_arg(g, c->zFunc, c->aArg[3], &unit, &c->zErr)) != SQLITE_OK) {
    return rc;
  }
  if (iStart >= 0 && g->aNode[iStart].unit != unit) {
    c->bEof = 1; /* a start in another unit's map has no chain in this one */
    return SQLITE_OK;
  }
  Chains *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  c->pState = p;
  if ((rc = bsc_walk_init(&p->w, g)) != SQLITE_OK) return rc;
  p->bWalk = 1;
  p->w.mxLen = mxLen < g->nNode ? mxLen : g->nNode;
  p->iStart = iStart;
  p->unit = unit;
  p->vNext = iStart >= 0 ? iStart : 0;
  return SQLITE_OK;
}

/* Finds the chains of the next start that has any; none left: bEof. */
static int chains_next_start(BscCall *c, Chains *p) {
  const BscGraph *g = c->pGraph;
  int mxLen;
  max_length(c, c->aArg[1], &mxLen); /* as asked, for messages (checked in xStart) */
  p->nChain = p->nNode = p->iChain = 0;
  while (p->nChain == 0) {
    int v = p->vNext++;
    if (v >= g->nNode || (p->iStart >= 0 && v != p->iStart)) {
      c->bEof = 1;
      return SQLITE_OK;
    }
    if (p->iStart < 0 && (!is_process(&g->aNode[v]) || g->aNode[v].unit != p->unit)) continue;
    p->mxFound = 0;
    p->w.nStep = 0; /* the bound is per start */
    p->w.mxStep = BSC_MAX_STEPS;
    p->w.bOverBudget = 0;
    int rc = bsc_chain_walk_unit(&p->w, v, p->unit, emit_chain, p);
    if ((rc == SQLITE_ERROR && p->nChain > BSC_MAX_PATHS) || p->w.bOverBudget) return too_many(c, v, mxLen, p);
    if (rc != SQLITE_OK) return rc;
  }
  if (p->nChain > 1) {
    Chain *tmp = sqlite3_malloc64(sizeof(Chain) * (sqlite3_uint64)p->nChain);
    if (!tmp) return SQLITE_NOMEM;
    sort_chains(g, p->aNode, p->aChain, tmp, p->nChain);
    sqlite3_free(tmp);
  }
  return SQLITE_OK;
}

static int chains_step(BscCall *c) {
  Chains *p = c->pState;
  if (!p) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  if (p->iChain >= p->nChain) {
    int rc = chains_next_start(c, p);
    if (rc != SQLITE_OK || c->bEof) return rc;
  }
  const BscGraph *g = c->pGraph;
  const Chain *ch = &p->aChain[p->iChain++];
  BscOut *row = c->rows.a;
  bsc_out_text(&row[CH_START], g->aNode[p->aNode[ch->iOff]].zId);
  bsc_out_int(&row[CH_LENGTH], ch->nLen);
  bsc_out_real(&row[CH_STRENGTH], ch->strength);
  return SQLITE_OK;
}

/* goal, path and nodes of the current chain, when asked for (the goal's
** node is far from the others in memory on a large map). */
static int chains_column(BscCall *c, int iCol, BscOut *pOut) {
  Chains *p = c->pState;
  const BscGraph *g = c->pGraph;
  const Chain *ch = &p->aChain[p->iChain - 1];
  if (iCol == CH_GOAL) bsc_out_text(pOut, g->aNode[p->aNode[ch->iOff + ch->nLen]].zId);
  if (iCol != CH_PATH && iCol != CH_NODES) return SQLITE_OK;
  sqlite3_str *s = sqlite3_str_new(0);
  if (iCol == CH_NODES) sqlite3_str_appendchar(s, 1, '[');
  for (int i = 0; i <= ch->nLen; i++) {
    const char *zId = g->aNode[p->aNode[ch->iOff + i]].zId;
    if (iCol == CH_PATH) {
      if (i > 0) sqlite3_str_appendall(s, " > ");
      sqlite3_str_appendall(s, zId);
    } else {
      if (i > 0) sqlite3_str_appendchar(s, 1, ',');
      bsc_json_string(s, zId);
    }
  }
  if (iCol == CH_NODES) sqlite3_str_appendchar(s, 1, ']');
  return bsc_out_owned(pOut, sqlite3_str_finish(s));
}

static const int aChainOrder[] = {CH_START, CH_LENGTH, CH_PATH};
/* `WHERE start = 'x'` asks for the chains from x, as start_id = 'x' does;
** every row's start is then x itself, which SQLite checks again. */
static const BscTvfAlias chainsAlias = {CH_START, 0, 0};
const BscTvfStream bscChainsStream = {
  {"bsc_chains",
   "start " BSC_T_ID ", goal " BSC_T_ID ", length INTEGER, strength REAL, path " BSC_T_LONG
   ", nodes " BSC_T_LONG ", start_id TEXT HIDDEN, max_length INTEGER HIDDEN, schema TEXT HIDDEN, unit TEXT HIDDEN",
   6, 4, aChainOrder, 3, bsc_tvf_stream, &chainsAlias},
  chains_start, chains_step, chains_column, chains_stop,
};

/* ------------------------------------------------------------- bsc_reach */

enum { RE_ID, RE_PERSPECTIVE, RE_DISTANCE, RE_VIA };

/* A call's walk: a breadth-first search run in xStart, over scratch space
** lent by the graph, whose rows then stream out of the order array. Only
** what the search touched is set back: a call costs what it reaches. */
typedef struct Reach {
  BscScratch *s; /* aMark: distance; aInt: first hops, then the order */
  int nOrder, iNext;
} Reach;

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static void reach_stop(BscCall *c) {
  Reach *r = c->pState;
  const BscGraph *g = c->pGraph;
  int *aOrder = r->s ? r->s->aInt + g->nNode + 1 : 0;
  for (int i = 0; i < r->nOrder; i++) r->s->aMark[aOrder[i]] = -1;
  bsc_scratch_put(g, r->s);
  sqlite3_free(r);
}

static int reach_start(BscCall *c) {
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
  Reach *r = sqlite3_malloc(sizeof(*r));
  if (!r) return SQLITE_NOMEM;
  memset(r, 0, sizeof(*r));
  c->pState = r;
  if (!(r->s = bsc_scratch_get(g))) return SQLITE_NOMEM;
  int *aDist = r->s->aMark, *aVia = r->s->aInt, *aOrder = aVia + g->nNode + 1;
  aDist[iStart] = 0;
  aOrder[r->nOrder++] = iStart;
  /* as bsc_graph_bfs: nodes leave the queue in order of distance, so every
  ** node of distance d has its final first hop (the smallest) before one
  ** of distance d+1 passes it on */
  for (int q = 0; q < r->nOrder; q++) {
    int v = aOrder[q];
    const BscNode *n = &g->aNode[v];
    int nLink = up ? n->nIn : n->nOut;
    for (int i = 0; i < nLink; i++) {
      const BscEdge *e = up ? &g->aEdge[g->aIn[n->iIn + i]] : &g->aEdge[n->iOut + i];
      int w = up ? e->from : e->to;
      int via = aDist[v] == 0 ? w : aVia[v];
      if (aDist[w] < 0) {
        aDist[w] = aDist[v] + 1;
        aVia[w] = via;
        aOrder[r->nOrder++] = w;
      } else if (aDist[w] == aDist[v] + 1 && via < aVia[w]) {
        aVia[w] = via;
      }
    }
  }
  /* each distance's nodes by id: node numbers follow the ids */
  for (int i = 1, j; i < r->nOrder; i = j) {
    for (j = i; j < r->nOrder && aDist[aOrder[j]] == aDist[aOrder[i]]; j++) {
    }
    qsort(aOrder + i, (size_t)(j - i), sizeof(int), cmp_int);
  }
  r->iNext = 1; /* after the start */
  return SQLITE_OK;
}

static int reach_step(BscCall *c) {
  Reach *r = c->pState;
  const BscGraph *g = c->pGraph;
  const int *aDist = r->s->aMark, *aVia = r->s->aInt, *aOrder = aVia + g->nNode + 1;
  while (r->iNext < r->nOrder && g->aNode[aOrder[r->iNext]].isProcess) r->iNext++;
  if (r->iNext >= r->nOrder) {
    c->bEof = 1;
    return SQLITE_OK;
  }
  int v = aOrder[r->iNext++];
  BscOut *row = c->rows.a;
  bsc_out_text(&row[RE_ID], g->aNode[v].zId);
  bsc_out_text(&row[RE_PERSPECTIVE], bsc_persp_id(g, v));
  bsc_out_int(&row[RE_DISTANCE], aDist[v]);
  bsc_out_text(&row[RE_VIA], g->aNode[aVia[v]].zId);
  return SQLITE_OK;
}

static const int aReachOrder[] = {RE_DISTANCE, RE_ID};
const BscTvfStream bscReachStream = {
  {"bsc_reach",
   "id " BSC_T_ID ", perspective " BSC_T_WORD ", distance INTEGER, via " BSC_T_ID ","
   " start TEXT HIDDEN, direction TEXT HIDDEN, schema TEXT HIDDEN",
   4, 3, aReachOrder, 2, bsc_tvf_stream, 0},
  reach_start, reach_step, 0, reach_stop,
};
