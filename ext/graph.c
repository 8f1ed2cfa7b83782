/*
** The causal graph of a strategy map, and the traversals every analysis
** shares.
**
** A schema's graph is read from the shadow tables of its map (the nodes
** are its processes, objectives and initiatives, the edges its links) into arrays
** indexed by node number, and kept in the connection's cache while the
** change stamps (store.c) and names of the tables it was read from are
** what they were: every write through bsc, of any connection, gives its
** table a new stamp, and a rollback brings the old one back with the old
** rows, so that a stamp read in the current transaction tells whether the
** cached graph is still the map, whatever was attached, detached, written,
** committed or rolled back meanwhile.
**
** Traversals: a breadth-first search (distances, first hops), a depth-first
** walk over simple paths with a bound on the work, and strongly connected
** components. The functions built on them are registered by bsc.c.
*/
#include "graph.h"
#include "damage.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the graph */

static void graph_free(BscGraph *g) {
  while (g->pScratch) {
    BscScratch *s = g->pScratch;
    g->pScratch = s->pNext;
    sqlite3_free(s);
  }
  for (int i = 0; i < g->nNode; i++) {
    sqlite3_free(g->aNode[i].zId);
    sqlite3_free(g->aNode[i].zTitle);
  }
  for (int i = 0; i < g->nKpi; i++) sqlite3_free(g->aKpi[i].zId);
  for (int i = 0; i < BSC_N_ENTITY; i++) sqlite3_free(g->azTable[i]);
  sqlite3_free(g->aNode);
  sqlite3_free(g->aEdge);
  sqlite3_free(g->aIn);
  sqlite3_free(g->aKpi);
  sqlite3_free(g->zSchema);
  sqlite3_free(g);
}

void bsc_graph_unref(BscGraph *g) {
  if (g && --g->nRef == 0) graph_free(g);
}

int bsc_graph_find(const BscGraph *g, const char *zId) {
  int lo = 0, hi = g->nNode - 1;
  while (zId && lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(g->aNode[mid].zId, zId);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/* Makes room for one more element of size sz in *pa. */
static int grow(void *pa, int n, int *pnAlloc, size_t sz) {
  if (n < *pnAlloc) return SQLITE_OK;
  int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
  void *aNew = sqlite3_realloc64(*(void **)pa, (sqlite3_uint64)nNew * sz);
  if (!aNew) return SQLITE_NOMEM;
  *(void **)pa = aNew;
  *pnAlloc = nNew;
  return SQLITE_OK;
}

static char *dup_column(sqlite3_stmt *pStmt, int i) {
  const char *z = (const char *)sqlite3_column_text(pStmt, i);
  return sqlite3_mprintf("%s", z ? z : "");
}

static int cmp_node(const void *a, const void *b) {
  return strcmp(((const BscNode *)a)->zId, ((const BscNode *)b)->zId);
}

static int cmp_kpi(const void *a, const void *b) {
  return strcmp(((const BscKpi *)a)->zId, ((const BscKpi *)b)->zId);
}

static int cmp_edge(const void *a, const void *b) {
  const BscEdge *x = a, *y = b;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return (x->to > y->to) - (x->to < y->to);
}

static int prepare(sqlite3 *db, sqlite3_stmt **pp, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  *pp = 0;
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v2(db, zSql, -1, pp, 0);
  sqlite3_free(zSql);
  return rc;
}

/* Steps pStmt to its end, calling xRow for each row; finalizes it. */
static int each_row(sqlite3_stmt *pStmt, BscGraph *g, int (*xRow)(BscGraph *, sqlite3_stmt *, int *),
                    int *pnAlloc) {
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) rc = xRow(g, pStmt, pnAlloc);
  int rc2 = sqlite3_finalize(pStmt);
  return rc != SQLITE_OK ? rc : rc2;
}

/* A row (id, title, cluster, perspective or NULL for a process or an
** initiative, BscNodeKind). */
static int add_node(BscGraph *g, sqlite3_stmt *pStmt, int *pnAlloc) {
  if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) return SQLITE_OK;
  if (grow(&g->aNode, g->nNode, pnAlloc, sizeof(BscNode))) return SQLITE_NOMEM;
  BscNode *n = &g->aNode[g->nNode];
  memset(n, 0, sizeof(*n));
  n->zId = dup_column(pStmt, 0);
  n->zTitle = dup_column(pStmt, 1);
  g->nNode++;
  if (!n->zId || !n->zTitle) return SQLITE_NOMEM;
  n->cluster = bsc_vocab_rank(&bscClusters, (const char *)sqlite3_column_text(pStmt, 2));
  n->kind = (BscNodeKind)sqlite3_column_int(pStmt, 4);
  n->isProcess = n->kind != BSC_NODE_OBJECTIVE;
  n->persp = n->isProcess ? BSC_INTERNAL
                          : bsc_vocab_rank(&bscPerspectives, (const char *)sqlite3_column_text(pStmt, 3));
  if (n->persp < 0) n->persp = BSC_INTERNAL; /* not written through bsc: read as internal */
  n->finDist = n->finNext = -1;
  return SQLITE_OK;
}

/* A row (cause, effect, weight, sign, lag); links to ids not in the map are left out. */
static int add_edge(BscGraph *g, sqlite3_stmt *pStmt, int *pnAlloc) {
  int from = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
  int to = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 1));
  if (from < 0 || to < 0 || from == to) return SQLITE_OK;
  if (grow(&g->aEdge, g->nEdge, pnAlloc, sizeof(BscEdge))) return SQLITE_NOMEM;
  BscEdge *e = &g->aEdge[g->nEdge++];
  e->from = from;
  e->to = to;
  e->weight = sqlite3_column_type(pStmt, 2) == SQLITE_NULL ? 1.0 : sqlite3_column_double(pStmt, 2);
  const char *zSign = (const char *)sqlite3_column_text(pStmt, 3);
  e->negative = zSign && strcmp(zSign, "negative") == 0;
  e->lag = sqlite3_column_int(pStmt, 4); /* NULL: 0, as links store it */
  return SQLITE_OK;
}

/* A row (id, objective). */
static int add_kpi(BscGraph *g, sqlite3_stmt *pStmt, int *pnAlloc) {
  if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) return SQLITE_OK;
  if (grow(&g->aKpi, g->nKpi, pnAlloc, sizeof(BscKpi))) return SQLITE_NOMEM;
  BscKpi *k = &g->aKpi[g->nKpi++];
  k->zId = dup_column(pStmt, 0);
  if (!k->zId) return SQLITE_NOMEM;
  k->iObjective = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 1));
  if (k->iObjective >= 0 && g->aNode[k->iObjective].isProcess) k->iObjective = -1;
  return SQLITE_OK;
}

static int read_nodes(sqlite3 *db, BscGraph *g) {
  const char *zP = g->azTable[BSC_PROCESSES], *zO = g->azTable[BSC_OBJECTIVES];
  const char *zI = g->azTable[BSC_INITIATIVES];
  sqlite3_stmt *pStmt;
  int nAlloc = 0, rc = SQLITE_OK;
  if (zP) {
    rc = prepare(db, &pStmt, "SELECT id, title, cluster, NULL, %d FROM \"%w\".\"%w_data\"", BSC_NODE_PROCESS,
                 g->zSchema, zP);
    if (rc == SQLITE_OK) rc = each_row(pStmt, g, add_node, &nAlloc);
  }
  if (rc == SQLITE_OK && zO) {
    rc = prepare(db, &pStmt, "SELECT id, title, cluster, coalesce(perspective, ''), %d FROM \"%w\".\"%w_data\"",
                 BSC_NODE_OBJECTIVE, g->zSchema, zO);
    if (rc == SQLITE_OK) rc = each_row(pStmt, g, add_node, &nAlloc);
  }
  if (rc == SQLITE_OK && zI) {
    rc = prepare(db, &pStmt, "SELECT id, title, NULL, NULL, %d FROM \"%w\".\"%w_data\"", BSC_NODE_INITIATIVE,
                 g->zSchema, zI);
    if (rc == SQLITE_OK) rc = each_row(pStmt, g, add_node, &nAlloc);
  }
  if (rc != SQLITE_OK || g->nNode == 0) return rc;
  qsort(g->aNode, (size_t)g->nNode, sizeof(BscNode), cmp_node);
  /* An id twice (only possible by writing the shadow tables directly): keep one. */
  int n = 1;
  for (int i = 1; i < g->nNode; i++) {
    if (strcmp(g->aNode[i].zId, g->aNode[n - 1].zId) == 0) {
      sqlite3_free(g->aNode[i].zId);
      sqlite3_free(g->aNode[i].zTitle);
    } else {
      g->aNode[n++] = g->aNode[i];
    }
  }
  g->nNode = n;
  return SQLITE_OK;
}

static int read_edges(sqlite3 *db, BscGraph *g) {
  const char *zL = g->azTable[BSC_LINKS];
  sqlite3_stmt *pStmt;
  int nAlloc = 0;
  if (zL) {
    int rc = prepare(db, &pStmt, "SELECT cause, effect, weight, sign, lag FROM \"%w\".\"%w_data\"",
                     g->zSchema, zL);
    if (rc == SQLITE_OK) rc = each_row(pStmt, g, add_edge, &nAlloc);
    if (rc != SQLITE_OK) return rc;
  }
  if (g->nEdge > 1) qsort(g->aEdge, (size_t)g->nEdge, sizeof(BscEdge), cmp_edge);
  /* drop a repeated pair (again only from direct writes) */
  int n = 0;
  for (int i = 0; i < g->nEdge; i++) {
    if (n && cmp_edge(&g->aEdge[i], &g->aEdge[n - 1]) == 0) continue;
    g->aEdge[n++] = g->aEdge[i];
  }
  g->nEdge = n;
  g->aIn = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(g->nEdge + 1));
  if (!g->aIn) return SQLITE_NOMEM;
  for (int i = 0; i < g->nEdge; i++) {
    BscEdge *e = &g->aEdge[i];
    if (g->aNode[e->from].nOut++ == 0) g->aNode[e->from].iOut = i;
    g->aNode[e->to].nIn++;
  }
  /* incoming links by effect, each node's in cause order (a counting sort) */
  for (int v = 0, at = 0; v < g->nNode; v++) {
    g->aNode[v].iIn = at;
    at += g->aNode[v].nIn;
    g->aNode[v].nIn = 0;
  }
  for (int i = 0; i < g->nEdge; i++) {
    BscNode *to = &g->aNode[g->aEdge[i].to];
    g->aIn[to->iIn + to->nIn++] = i;
  }
  return SQLITE_OK;
}

static int read_kpis(sqlite3 *db, BscGraph *g) {
  const char *zK = g->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  int nAlloc = 0, rc;
  if (!zK) return SQLITE_OK;
  rc = prepare(db, &pStmt, "SELECT id, objective FROM \"%w\".\"%w_data\"", g->zSchema, zK);
  if (rc == SQLITE_OK) rc = each_row(pStmt, g, add_kpi, &nAlloc);
  if (rc != SQLITE_OK) return rc;
  if (g->nKpi > 1) qsort(g->aKpi, (size_t)g->nKpi, sizeof(BscKpi), cmp_kpi);
  for (int i = 0; i < g->nKpi; i++) {
    if (g->aKpi[i].iObjective >= 0) g->aNode[g->aKpi[i].iObjective].nKpi++;
  }
  return SQLITE_OK;
}

int bsc_graph_kpi_facts(sqlite3 *db, BscGraph *g) {
  const char *zK = g->azTable[BSC_KPIS], *zM = g->azTable[BSC_MEASUREMENTS];
  const char *zT = g->azTable[BSC_TARGETS];
  sqlite3_stmt *pStmt = 0;
  int rc;
  if (!zK) return SQLITE_OK;
  /* a row of targets is a target too */
  char *zTargets = zT ? sqlite3_mprintf(" OR EXISTS(SELECT 1 FROM \"%w\".\"%w_data\" t WHERE t.kpi=k.id)",
                                        g->zSchema, zT)
                      : sqlite3_mprintf("");
  if (!zTargets) return SQLITE_NOMEM;
  if (zM) {
    rc = prepare(db, &pStmt,
                 "SELECT k.id,"
                 " k.target IS NOT NULL OR EXISTS(SELECT 1 FROM \"%w\".\"%w_data\" m"
                 "   WHERE m.kpi=k.id AND m.target IS NOT NULL)%s,"
                 " EXISTS(SELECT 1 FROM \"%w\".\"%w_data\" m WHERE m.kpi=k.id AND m.actual IS NOT NULL)"
                 " FROM \"%w\".\"%w_data\" k",
                 g->zSchema, zM, zTargets, g->zSchema, zM, g->zSchema, zK);
  } else {
    rc = prepare(db, &pStmt, "SELECT k.id, k.target IS NOT NULL%s, 0 FROM \"%w\".\"%w_data\" k", zTargets,
                 g->zSchema, zK);
  }
  sqlite3_free(zTargets);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return rc;
  }
  for (int i = 0; i < g->nKpi; i++) g->aKpi[i].hasTarget = g->aKpi[i].hasData = 0;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *zId = (const char *)sqlite3_column_text(pStmt, 0);
    int lo = 0, hi = g->nKpi - 1;
    while (zId && lo <= hi) {
      int mid = lo + (hi - lo) / 2, c = strcmp(g->aKpi[mid].zId, zId);
      if (c == 0) {
        g->aKpi[mid].hasTarget = sqlite3_column_int(pStmt, 1);
        g->aKpi[mid].hasData = sqlite3_column_int(pStmt, 2);
        break;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  return sqlite3_finalize(pStmt);
}

/* What every analysis asks of a node: how far the financial outcome is,
** and which clusters an internal objective counts in (its own, or else
** those of the processes linked to it). */
static int derive(BscGraph *g) {
  int *aDist = sqlite3_malloc64(sizeof(int) * 2 * (sqlite3_uint64)(g->nNode + 1));
  if (!aDist) return SQLITE_NOMEM;
  int *aStart = aDist + g->nNode, nStart = 0;
  for (int v = 0; v < g->nNode; v++) {
    if (!g->aNode[v].isProcess && g->aNode[v].persp == 0) aStart[nStart++] = v;
  }
  bsc_graph_bfs(g, aStart, nStart, 1, aDist, 0, aStart);
  for (int v = 0; v < g->nNode; v++) {
    BscNode *n = &g->aNode[v];
    n->finDist = aDist[v];
    for (int i = n->iOut; i < n->iOut + n->nOut; i++) {
      int d = aDist[g->aEdge[i].to];
      if (d >= 0 && (n->finNext < 0 || d + 1 < n->finNext)) n->finNext = d + 1;
    }
    if (n->isProcess || n->persp != BSC_INTERNAL) continue;
    if (n->cluster >= 0) {
      n->clusters = 1u << n->cluster;
      continue;
    }
    for (int i = n->iIn; i < n->iIn + n->nIn; i++) {
      const BscNode *cause = &g->aNode[g->aEdge[g->aIn[i]].from];
      if (cause->isProcess && cause->cluster >= 0) n->clusters |= 1u << cause->cluster;
    }
  }
  sqlite3_free(aDist);
  return SQLITE_OK;
}


/* Reads the map whose tables pStore names. */
static int graph_load(BscStore *pStore, const char *zFunc, BscGraph **pp, char **pzErr) {
  sqlite3 *db = pStore->db;
  *pp = 0;
  BscGraph *g = sqlite3_malloc(sizeof(*g));
  if (!g) return SQLITE_NOMEM;
  memset(g, 0, sizeof(*g));
  g->nRef = 1;
  g->zSchema = sqlite3_mprintf("%s", pStore->zSchema);
  int rc = g->zSchema ? SQLITE_OK : SQLITE_NOMEM;
  for (int i = 0; rc == SQLITE_OK && i < BSC_N_ENTITY; i++) {
    if (!pStore->azTable[i]) continue;
    g->azTable[i] = sqlite3_mprintf("%s", pStore->azTable[i]);
    if (!g->azTable[i]) rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) g->settings = *bsc_store_settings(pStore, &rc); /* cached with the graph */
  if (rc == SQLITE_OK) rc = read_nodes(db, g);
  if (rc == SQLITE_OK) rc = read_edges(db, g);
  if (rc == SQLITE_OK) rc = read_kpis(db, g);
  if (rc == SQLITE_OK) rc = derive(g);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !*pzErr) {
    *pzErr = sqlite3_mprintf("bsc: %s: cannot read the map of schema '%q': %s", zFunc, pStore->zSchema,
                             sqlite3_errmsg(db));
  }
  if (rc != SQLITE_OK) {
    graph_free(g);
    return rc;
  }
  *pp = g;
  return SQLITE_OK;
}

/* ------------------------------------------------------------ the cache */

/* A graph is built from the processes, objectives, links, KPIs,
** initiatives and the map's settings (which it keeps, settings.c): it is
** current while their change stamps (store.c) and names are what they were
** when it was read. Measurements are not among them, so writing one never
** rebuilds the graph. A table without a stamp (made before stamps, never
** written since) cannot tell: its graph is read anew each time. */
#define GRAPH_SOURCES                                                                          \
  (BSC_MASK(BSC_PROCESSES) | BSC_MASK(BSC_OBJECTIVES) | BSC_MASK(BSC_LINKS) | BSC_MASK(BSC_KPIS) | \
   BSC_MASK(BSC_INITIATIVES) | BSC_MASK(BSC_SETTINGS))

typedef struct GraphSlot GraphSlot;
struct GraphSlot {
  char *zSchema;
  BscStamps stamps; /* of the tables pGraph was read from */
  BscGraph *pGraph;
  GraphSlot *pNext;
};

static void cache_free(void *p) {
  GraphSlot *pSlot = p;
  while (pSlot) {
    GraphSlot *pNext = pSlot->pNext;
    bsc_graph_unref(pSlot->pGraph);
    sqlite3_free(pSlot->zSchema);
    sqlite3_free(pSlot);
    pSlot = pNext;
  }
}

static int same_name(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

/* Whether graph g, read when the stamps were `was`, is the map pStore now
** shows with stamps `now`. */
static int graph_current(const BscGraph *g, const BscStamps *was, const BscStamps *now, const BscStore *pStore) {
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (!same_name(g->azTable[i], pStore->azTable[i])) return 0;
    if (!(GRAPH_SOURCES & BSC_MASK(i)) || !pStore->azTable[i]) continue;
    if (!(now->known & was->known & BSC_MASK(i)) || now->a[i] != was->a[i]) return 0;
  }
  return 1;
}

/* bAsIs: a graph of damaged tables too (bsc_check's, which reports the damage). */
static int graph_get(BscStore *pStore, BscConn *pConn, const char *zFunc, int bAsIs, BscGraph **pp,
                     char **pzErr) {
  sqlite3 *db = pStore->db;
  const char *zSchema = pStore->zSchema;
  BscStamps now;
  *pp = 0;
  *pzErr = 0;
  int rc = bsc_store_stamps(pStore, &now);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
    /* temp has no file name until something is first created in it */
    if (!sqlite3_db_filename(db, zSchema) && sqlite3_stricmp(zSchema, "temp") != 0) {
      *pzErr = sqlite3_mprintf("bsc: %s: no schema '%q'; name main, temp or an attached database", zFunc,
                               zSchema);
    } else {
      *pzErr = sqlite3_mprintf("bsc: %s: cannot read schema '%q': %s", zFunc, zSchema, sqlite3_errmsg(db));
    }
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) rc = bsc_store_require_map(pStore, zFunc, pzErr);
  /* a damaged row is refused, never read as if valid */
  if (rc == SQLITE_OK && !bAsIs) rc = bsc_damage_check(pStore, pConn, &now, GRAPH_SOURCES, zFunc, pzErr);
  if (rc != SQLITE_OK) return rc;

  void **ppCache = bsc_conn_cache(pConn, cache_free);
  GraphSlot *pSlot = 0;
  for (pSlot = ppCache ? *ppCache : 0; pSlot; pSlot = pSlot->pNext) {
    if (sqlite3_stricmp(pSlot->zSchema, zSchema) == 0) break;
  }
  if (pSlot && pSlot->pGraph && graph_current(pSlot->pGraph, &pSlot->stamps, &now, pStore)) {
    *pp = pSlot->pGraph;
    (*pp)->nRef++;
    return SQLITE_OK;
  }
  BscGraph *g;
  rc = graph_load(pStore, zFunc, &g, pzErr);
  if (rc != SQLITE_OK) return rc;
  if (ppCache && !pSlot) {
    pSlot = sqlite3_malloc(sizeof(*pSlot));
    if (pSlot) {
      memset(pSlot, 0, sizeof(*pSlot));
      pSlot->zSchema = sqlite3_mprintf("%s", zSchema);
      if (!pSlot->zSchema) {
        sqlite3_free(pSlot);
        pSlot = 0;
      } else {
        pSlot->pNext = *ppCache;
        *ppCache = pSlot;
      }
    }
  }
  if (pSlot) { /* without a slot, the graph just serves this call */
    bsc_graph_unref(pSlot->pGraph);
    pSlot->pGraph = g;
    pSlot->stamps = now;
    g->nRef++;
  }
  *pp = g;
  return SQLITE_OK;
}

int bsc_graph_get_store(BscStore *pStore, BscConn *pConn, const char *zFunc, BscGraph **pp, char **pzErr) {
  return graph_get(pStore, pConn, zFunc, 0, pp, pzErr);
}

int bsc_graph_get_as_is(BscStore *pStore, BscConn *pConn, const char *zFunc, BscGraph **pp, char **pzErr) {
  return graph_get(pStore, pConn, zFunc, 1, pp, pzErr);
}

int bsc_graph_get(sqlite3 *db, BscConn *pConn, const char *zFunc, sqlite3_value *pSchema,
                  BscGraph **pp, char **pzErr) {
  const char *zSchema = pSchema ? (const char *)sqlite3_value_text(pSchema) : 0;
  BscStore store;
  *pp = 0;
  *pzErr = 0;
  int rc = bsc_store_init(&store, db, zSchema ? zSchema : "main");
  if (rc == SQLITE_OK) rc = bsc_graph_get_store(&store, pConn, zFunc, pp, pzErr);
  bsc_store_clear(&store);
  return rc;
}

/* ----------------------------------------------------------- traversals */

int bsc_graph_bfs(const BscGraph *g, const int *aStart, int nStart, int up, int *aDist,
                  int *aVia, int *aOrder) {
  int nOrder = 0;
  for (int v = 0; v < g->nNode; v++) {
    aDist[v] = -1;
    if (aVia) aVia[v] = -1;
  }
  for (int i = 0; i < nStart; i++) {
    if (aDist[aStart[i]] == 0) continue;
    aDist[aStart[i]] = 0;
    aOrder[nOrder++] = aStart[i];
  }
  /* Nodes leave the queue in order of distance, so every node of distance
  ** d has its final first hop before one of distance d+1 passes it on. */
  for (int q = 0; q < nOrder; q++) {
    int v = aOrder[q];
    const BscNode *n = &g->aNode[v];
    int nLink = up ? n->nIn : n->nOut;
    for (int i = 0; i < nLink; i++) {
      const BscEdge *e = up ? &g->aEdge[g->aIn[n->iIn + i]] : &g->aEdge[n->iOut + i];
      int w = up ? e->from : e->to;
      int via = aDist[v] == 0 ? w : (aVia ? aVia[v] : -1);
      if (aDist[w] < 0) {
        aDist[w] = aDist[v] + 1;
        if (aVia) aVia[w] = via;
        aOrder[nOrder++] = w;
      } else if (aVia && aDist[w] == aDist[v] + 1 && via < aVia[w]) {
        aVia[w] = via;
      }
    }
  }
  return nOrder;
}

BscScratch *bsc_scratch_get(const BscGraph *g) {
  BscGraph *pMutable = (BscGraph *)g; /* the pool is no part of the map */
  BscScratch *s = pMutable->pScratch;
  if (s) {
    pMutable->pScratch = s->pNext;
    return s;
  }
  size_t n = (size_t)g->nNode + 1;
  s = sqlite3_malloc64(sizeof(*s) + n * 4 * sizeof(int) + n);
  if (!s) return 0;
  s->aMark = (int *)(s + 1);
  s->aInt = s->aMark + n;
  s->aOn = (unsigned char *)(s->aInt + 3 * n);
  for (size_t i = 0; i < n; i++) s->aMark[i] = -1;
  memset(s->aOn, 0, n);
  return s;
}

void bsc_scratch_put(const BscGraph *g, BscScratch *s) {
  if (!s) return;
  s->pNext = g->pScratch;
  ((BscGraph *)g)->pScratch = s;
}

int bsc_walk_init(BscWalk *w, const BscGraph *g) {
  sqlite3_uint64 n = (sqlite3_uint64)g->nNode + 1;
  memset(w, 0, sizeof(*w));
  w->g = g;
  w->pScratch = bsc_scratch_get(g);
  if (!w->pScratch) return SQLITE_NOMEM;
  w->aPath = w->pScratch->aInt;
  w->aLink = w->aPath + n;
  w->aNext = w->aLink + n;
  w->aOn = w->pScratch->aOn; /* all 0: bsc_walk_run leaves it so */
  return SQLITE_OK;
}

void bsc_walk_clear(BscWalk *w) {
  if (w->pScratch) bsc_scratch_put(w->g, w->pScratch);
  w->pScratch = 0;
  w->aPath = w->aLink = w->aNext = 0;
  w->aOn = 0;
}

int bsc_walk_run(BscWalk *w, int iStart) {
  const BscGraph *g = w->g;
  int rc = SQLITE_OK;
  w->nPath = 1;
  w->aPath[0] = iStart;
  w->aNext[0] = g->aNode[iStart].iOut;
  w->aOn[iStart] = 1;
  /* an explicit stack: the path is the stack, aNext each level's progress */
  while (w->nPath > 0 && rc == SQLITE_OK) {
    int top = w->nPath - 1;
    const BscNode *n = &g->aNode[w->aPath[top]];
    if (w->aNext[top] >= n->iOut + n->nOut) {
      w->aOn[w->aPath[top]] = 0;
      w->nPath--;
      continue;
    }
    int iEdge = w->aNext[top]++;
    if (++w->nStep > w->mxStep) {
      w->bOverBudget = 1;
      break;
    }
    int enter = 0, to = g->aEdge[iEdge].to;
    rc = w->xLink(w, iEdge, &enter);
    if (!enter || w->aOn[to] || top >= w->mxLen) continue;
    w->aPath[w->nPath] = to;
    w->aLink[w->nPath] = iEdge;
    w->aNext[w->nPath] = g->aNode[to].iOut;
    w->aOn[to] = 1;
    w->nPath++;
  }
  while (w->nPath > 0) w->aOn[w->aPath[--w->nPath]] = 0;
  return rc;
}

/* Tarjan's algorithm, iteratively: aNext and the call stack live in arrays. */
int bsc_graph_components(const BscGraph *g, int *aComp) {
  int n = g->nNode, nComp = 0, nStack = 0, nCall = 0, counter = 0;
  int *aIndex = sqlite3_malloc64(sizeof(int) * 5 * ((sqlite3_uint64)n + 1));
  if (!aIndex) return SQLITE_NOMEM;
  int *aLow = aIndex + n, *aStack = aLow + n, *aCall = aStack + n, *aNext = aCall + n;
  for (int v = 0; v < n; v++) aIndex[v] = -1, aComp[v] = -1;
  for (int root = 0; root < n; root++) {
    if (aIndex[root] >= 0) continue;
    aCall[nCall++] = root;
    aIndex[root] = aLow[root] = counter++;
    aNext[root] = g->aNode[root].iOut;
    aStack[nStack++] = root;
    while (nCall > 0) {
      int v = aCall[nCall - 1];
      const BscNode *nv = &g->aNode[v];
      if (aNext[v] < nv->iOut + nv->nOut) {
        int w = g->aEdge[aNext[v]++].to;
        if (aIndex[w] < 0) {
          aIndex[w] = aLow[w] = counter++;
          aNext[w] = g->aNode[w].iOut;
          aStack[nStack++] = w;
          aCall[nCall++] = w;
        } else if (aComp[w] < 0 && aIndex[w] < aLow[v]) {
          aLow[v] = aIndex[w]; /* w is on the stack */
        }
        continue;
      }
      nCall--;
      if (nCall > 0 && aLow[v] < aLow[aCall[nCall - 1]]) aLow[aCall[nCall - 1]] = aLow[v];
      if (aLow[v] == aIndex[v]) {
        int w;
        do {
          w = aStack[--nStack];
          aComp[w] = nComp;
        } while (w != v);
        nComp++;
      }
    }
  }
  sqlite3_free(aIndex);
  return SQLITE_OK;
}


/* --------------------------------------------------------- registration */

int bsc_fn_graph(sqlite3_context *ctx, const char *zFunc, int argc, sqlite3_value **argv,
                 BscGraph **pp) {
  char *zErr = 0;
  int rc = bsc_graph_get(sqlite3_context_db_handle(ctx), sqlite3_user_data(ctx), zFunc,
                         argc > 0 ? argv[0] : 0, pp, &zErr);
  if (rc == SQLITE_NOMEM || (rc != SQLITE_OK && !zErr)) {
    sqlite3_result_error_nomem(ctx);
  } else if (rc != SQLITE_OK) {
    sqlite3_result_error(ctx, zErr, -1);
  }
  sqlite3_free(zErr);
  return rc;
}

