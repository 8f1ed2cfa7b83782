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

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the graph */

static void graph_free(BscGraph *g) {
  while (g->pScratch) {
    BscScratch *s = g->pScratch;
    g->pScratch = s->pNext;
    sqlite3_free(s);
  }
  sqlite3_free(g->zText);
  sqlite3_free(g->zKpiText);
  for (int i = 0; i < g->nUnit; i++) {
    sqlite3_free(g->aUnit[i].zId);
    sqlite3_free(g->aUnit[i].zTitle);
  }
  sqlite3_free(g->aUnit);
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

/* The record of a[0 .. n-1], each stride bytes and sorted by the id that
** is its first member, whose id is zId, or -1: one search for the nodes
** and the units. The id is copied out, as it is a char * in one record
** and a const char * in the other. */
static inline int find_by_id(const void *a, int n, size_t stride, const char *zId) {
  int lo = 0, hi = n - 1;
  while (zId && lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    const char *z;
    memcpy(&z, (const char *)a + (size_t)mid * stride, sizeof(z));
    int c = strcmp(z, zId);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
_Static_assert(offsetof(BscNode, zId) == 0 && offsetof(BscUnit, zId) == 0, "find_by_id reads the id first");

int bsc_graph_find(const BscGraph *g, const char *zId) { return find_by_id(g->aNode, g->nNode, sizeof(BscNode), zId); }

/* Makes room for one more element of size sz in *pa. */

/* Text read while loading: strings appended one after another, found by
** their offsets (the block moves as it grows) until the block is final. */
typedef struct TextBlock {
  char *z;
  sqlite3_int64 n, nAlloc;
  sqlite3_int64 *aOff; /* per row read: its strings' offsets */
  int nOffAlloc;
} TextBlock;

/* Appends column i's text (NULL as ""); its offset goes to aOff[iOff]
** unless iOff is negative. */
static int add_text(TextBlock *t, sqlite3_stmt *pStmt, int i, int iOff) {
  const char *z = (const char *)sqlite3_column_text(pStmt, i);
  sqlite3_int64 n = z ? sqlite3_column_bytes(pStmt, i) : 0;
  if (!z && sqlite3_column_type(pStmt, i) != SQLITE_NULL) return SQLITE_NOMEM;
  if (iOff >= 0 && bsc_grow(&t->aOff, iOff, &t->nOffAlloc, sizeof(sqlite3_int64))) return SQLITE_NOMEM;
  if (t->n + n + 1 > t->nAlloc) {
    sqlite3_int64 nNew = t->nAlloc ? t->nAlloc * 2 : 1024;
    while (nNew < t->n + n + 1) nNew *= 2;
    char *zNew = sqlite3_realloc64(t->z, (sqlite3_uint64)nNew);
    if (!zNew) return SQLITE_NOMEM;
    t->z = zNew;
    t->nAlloc = nNew;
  }
  if (n) memcpy(t->z + t->n, z, (size_t)n);
  t->z[t->n + n] = 0;
  if (iOff >= 0) t->aOff[iOff] = t->n;
  t->n += n + 1;
  return SQLITE_OK;
}

/* Gives the block back at its final size, with the offsets list freed. */
static char *text_final(TextBlock *t) {
  sqlite3_free(t->aOff);
  t->aOff = 0;
  if (t->z && t->n < t->nAlloc) {
    char *zNew = sqlite3_realloc64(t->z, (sqlite3_uint64)t->n);
    if (zNew) t->z = zNew; /* else the larger block serves as well */
  }
  char *z = t->z;
  t->z = 0;
  return z;
}


static int cmp_node(const void *a, const void *b) {
  return strcmp(((const BscNode *)a)->zId, ((const BscNode *)b)->zId);
}

/* A KPI with its id, while the KPIs are sorted (qsort has no context). */
typedef struct KpiSort {
  const char *zId;
  BscKpi k;
} KpiSort;

static int cmp_kpi(const void *a, const void *b) {
  return strcmp(((const KpiSort *)a)->zId, ((const KpiSort *)b)->zId);
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

/* What the rows are read into. */
typedef struct Loading {
  BscGraph *g;
  int nAlloc;   /* of the array being read */
  TextBlock text;
} Loading;

/* Steps pStmt to its end, calling xRow for each row; finalizes it. */
static int each_row(sqlite3_stmt *pStmt, Loading *l, int (*xRow)(Loading *, sqlite3_stmt *)) {
  int rc = SQLITE_OK;
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) rc = xRow(l, pStmt);
  int rc2 = sqlite3_finalize(pStmt);
  return rc != SQLITE_OK ? rc : rc2;
}

/* A row (id, title, cluster, perspective or NULL for a process or an
** initiative, BscNodeKind, unit). Its id and, right after it, its title go to
** the text block, the id's offset to aOff[i] for node i in reading order,
** until the block is final (read_nodes). */
/* What a row of node_sql says of its node, but its id and title. */
static void node_fields(const BscGraph *g, BscNode *n, sqlite3_stmt *pStmt) {
  n->cluster = (signed char)bsc_vocab_rank(&bscClusters, (const char *)sqlite3_column_text(pStmt, 2));
  n->kind = (unsigned char)sqlite3_column_int(pStmt, 4);
  n->isProcess = n->kind != BSC_NODE_OBJECTIVE;
  n->persp = (signed char)(n->isProcess ? BSC_INTERNAL
                                       : bsc_vocab_rank(&bscPerspectives, (const char *)sqlite3_column_text(pStmt, 3)));
  if (n->persp < 0) n->persp = BSC_INTERNAL; /* not written through bsc: read as internal */
  /* read_units has the units by now: NULL, or a unit that is gone, is the top */
  n->unit = sqlite3_column_type(pStmt, 5) == SQLITE_NULL ? -1
                                                          : bsc_unit_find(g, (const char *)sqlite3_column_text(pStmt, 5));
  if (n->unit < 0) n->unit = g->iTop;
}

static int add_node(Loading *l, sqlite3_stmt *pStmt) {
  BscGraph *g = l->g;
  if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) return SQLITE_OK;
  if (bsc_grow(&g->aNode, g->nNode, &l->nAlloc, sizeof(BscNode))) return SQLITE_NOMEM;
  BscNode *n = &g->aNode[g->nNode];
  memset(n, 0, sizeof(*n));
  if (add_text(&l->text, pStmt, 0, g->nNode) || add_text(&l->text, pStmt, 1, -1)) return SQLITE_NOMEM;
  g->nNode++;
  node_fields(g, n, pStmt);
  n->finDist = n->finNext = -1;
  return SQLITE_OK;
}

/* A row (cause, effect, weight, sign, lag); links to ids not in the map are left out. */
static int add_edge(Loading *l, sqlite3_stmt *pStmt) {
  BscGraph *g = l->g;
  int from = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
  int to = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 1));
  if (from < 0 || to < 0 || from == to) return SQLITE_OK;
  if (bsc_grow(&g->aEdge, g->nEdge, &l->nAlloc, sizeof(BscEdge))) return SQLITE_NOMEM;
  BscEdge *e = &g->aEdge[g->nEdge++];
  e->from = from;
  e->to = to;
  e->weight = sqlite3_column_type(pStmt, 2) == SQLITE_NULL ? 1.0 : sqlite3_column_double(pStmt, 2);
  const char *zSign = (const char *)sqlite3_column_text(pStmt, 3);
  e->negative = zSign && strcmp(zSign, "negative") == 0;
  e->lag = sqlite3_column_int(pStmt, 4); /* NULL: 0, as links store it */
  return SQLITE_OK;
}

/* A row (id, objective); the id's offset is kept as add_node keeps it. */
static int add_kpi(Loading *l, sqlite3_stmt *pStmt) {
  BscGraph *g = l->g;
  if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) return SQLITE_OK;
  if (bsc_grow(&g->aKpi, g->nKpi, &l->nAlloc, sizeof(BscKpi))) return SQLITE_NOMEM;
  BscKpi *k = &g->aKpi[g->nKpi];
  memset(k, 0, sizeof(*k));
  if (add_text(&l->text, pStmt, 0, g->nKpi)) return SQLITE_NOMEM;
  g->nKpi++;
  k->iObjective = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 1));
  if (k->iObjective >= 0 && g->aNode[k->iObjective].isProcess) k->iObjective = -1;
  return SQLITE_OK;
}

/* "unit" when zTable's storage has the column, else "NULL" (storage
** older than format 3: every row is the top unit's). */
static int unit_column(sqlite3 *db, const BscGraph *g, const char *zTable, const char **pz) {
  sqlite3_stmt *pStmt;
  int rc = prepare(db, &pStmt, "SELECT 1 FROM pragma_table_info('%q_data', '%q') WHERE name = 'unit'", zTable,
                   g->zSchema);
  if (rc != SQLITE_OK) return rc;
  *pz = sqlite3_step(pStmt) == SQLITE_ROW ? "unit" : "NULL";
  return sqlite3_finalize(pStmt);
}

static char *dup_column(sqlite3_stmt *pStmt, int i) {
  const char *z = (const char *)sqlite3_column_text(pStmt, i);
  return sqlite3_mprintf("%s", z ? z : "");
}

static int cmp_unit(const void *a, const void *b) {
  return strcmp(((const BscUnit *)a)->zId, ((const BscUnit *)b)->zId);
}

int bsc_unit_find(const BscGraph *g, const char *zId) { return find_by_id(g->aUnit, g->nUnit, sizeof(BscUnit), zId); }

int bsc_unit_below(const BscGraph *g, int u, int anc) {
  if (u < 0 || anc < 0) return 0;
  /* depth bounds the climb, even over a cycle written past bsc */
  for (int n = g->aUnit[u].depth; n > 0 && u >= 0; n--) {
    u = g->aUnit[u].iParent;
    if (u == anc) return 1;
  }
  return 0;
}

int bsc_edge_aligns(const BscGraph *g, int iEdge) {
  const BscEdge *e = &g->aEdge[iEdge];
  return bsc_unit_below(g, g->aNode[e->from].unit, g->aNode[e->to].unit);
}

int bsc_unit_arg(const BscGraph *g, const char *zFunc, sqlite3_value *v, int *pUnit, char **pzErr) {
  *pUnit = g->iTop;
  if (!v || sqlite3_value_type(v) == SQLITE_NULL) return SQLITE_OK;
  *pUnit = sqlite3_value_type(v) == SQLITE_BLOB ? -1 : bsc_unit_find(g, (const char *)sqlite3_value_text(v));
  if (*pUnit >= 0) return SQLITE_OK;
  char *zQuoted = bsc_quote_value(v);
  *pzErr = zQuoted ? sqlite3_mprintf("bsc: %s: no unit %s in the map of schema '%q'%s", zFunc, zQuoted, g->zSchema,
                                     g->azTable[BSC_UNITS] ? "" : ", which has no units table")
                   : 0;
  sqlite3_free(zQuoted);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* The units, sorted by id, each with its parent and depth; the top is the
** unit without a parent (the first, should writes past bsc have left two). */
static int read_units(sqlite3 *db, BscGraph *g) {
  const char *zU = g->azTable[BSC_UNITS];
  sqlite3_stmt *pStmt;
  int nAlloc = 0, rc;
  g->iTop = -1;
  if (!zU) return SQLITE_OK;
  rc = prepare(db, &pStmt, "SELECT id, title, parent FROM \"%w\".\"%w_data\" WHERE id IS NOT NULL", g->zSchema, zU);
  char **azParent = 0;
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int nOld = nAlloc;
    if ((rc = bsc_grow(&g->aUnit, g->nUnit, &nAlloc, sizeof(BscUnit))) != SQLITE_OK) break;
    if (nAlloc != nOld) {
      char **a = sqlite3_realloc64(azParent, sizeof(char *) * (sqlite3_uint64)nAlloc);
      if (!a) {
        rc = SQLITE_NOMEM;
        break;
      }
      azParent = a;
    }
    BscUnit *u = &g->aUnit[g->nUnit];
    memset(u, 0, sizeof(*u));
    u->zId = dup_column(pStmt, 0);
    u->zTitle = dup_column(pStmt, 1);
    /* the parent's id rides in iParent's place until the sort */
    azParent[g->nUnit] = sqlite3_column_type(pStmt, 2) == SQLITE_NULL ? 0 : dup_column(pStmt, 2);
    u->iParent = g->nUnit;
    g->nUnit++;
    if (!u->zId || !u->zTitle || (sqlite3_column_type(pStmt, 2) != SQLITE_NULL && !azParent[g->nUnit - 1])) {
      rc = SQLITE_NOMEM;
    }
  }
  int rc2 = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK && g->nUnit > 1) qsort(g->aUnit, (size_t)g->nUnit, sizeof(BscUnit), cmp_unit);
  /* iParent held the row's place in azParent: now the parent's index */
  int *aRow = rc == SQLITE_OK ? sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(g->nUnit + 1)) : 0;
  if (rc == SQLITE_OK && !aRow) rc = SQLITE_NOMEM;
  for (int i = 0; rc == SQLITE_OK && i < g->nUnit; i++) aRow[i] = g->aUnit[i].iParent;
  for (int i = 0; rc == SQLITE_OK && i < g->nUnit; i++) {
    const char *zParent = azParent[aRow[i]];
    g->aUnit[i].iParent = zParent ? bsc_unit_find(g, zParent) : -1;
    if (!zParent && (g->iTop < 0 || aRow[i] < aRow[g->iTop])) g->iTop = i;
  }
  /* depths: a climb to the top, bounded by the number of units */
  for (int i = 0; rc == SQLITE_OK && i < g->nUnit; i++) {
    int d = 0;
    for (int u = g->aUnit[i].iParent; u >= 0 && d < g->nUnit; u = g->aUnit[u].iParent) d++;
    g->aUnit[i].depth = d;
  }
  for (int i = 0; azParent && i < g->nUnit; i++) sqlite3_free(azParent[i]);
  sqlite3_free(azParent);
  sqlite3_free(aRow);
  return rc;
}

/* Whether comparing two paths' node numbers, first to last, orders them
** as their texts "a > b > c" do. Where neither id of the first pair that
** differs extends the other, strcmp of the ids decides both; where id b
** extends id a, the text of a's path goes on with " > " (or ends), so
** node order holds when b's next character sorts after ' ', or is ' '
** followed by one after '>'. The ids that extend an id follow it
** directly in sorted order; a map with a long run of such ids is simply
** taken as not ordered. */
static int id_path_order(const BscGraph *g) {
  int nBudget = 4 * g->nNode + 64;
  for (int i = 0; i < g->nNode; i++) {
    const char *a = g->aNode[i].zId;
    size_t n = strlen(a);
    for (int j = i + 1; j < g->nNode && strncmp(g->aNode[j].zId, a, n) == 0; j++) {
      const unsigned char *b = (const unsigned char *)g->aNode[j].zId + n;
      if (--nBudget < 0) return 0;
      if (!(b[0] > ' ' || (b[0] == ' ' && b[1] > '>'))) return 0;
    }
  }
  return 1;
}

/* Each node's links out and in, from the sorted edges. */
static int index_edges(BscGraph *g) {
  sqlite3_free(g->aIn);
  g->aOutStart = 0;
  g->aIn = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nEdge + 1 + (sqlite3_uint64)g->nNode + 1));
  if (!g->aIn) return SQLITE_NOMEM;
  g->aOutStart = g->aIn + g->nEdge + 1;
  for (int v = 0; v < g->nNode; v++) {
    BscNode *n = &g->aNode[v];
    n->iOut = n->nOut = n->iIn = n->nIn = 0;
  }
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
  /* the edges are sorted by cause: each node's start is the count before it */
  for (int v = 0, at = 0; v <= g->nNode; v++) {
    g->aOutStart[v] = at;
    if (v == g->nNode) break;
    assert(g->aNode[v].nOut == 0 || g->aNode[v].iOut == at);
    at += g->aNode[v].nOut;
  }
  return SQLITE_OK;
}

/* A statement reading the nodes of table e (processes, objectives or
** initiatives) as add_node reads them: id, title, cluster, perspective,
** kind, unit; zWhere after them ("" for all rows). */
static int node_sql(sqlite3 *db, const BscGraph *g, int e, const char *zWhere, sqlite3_stmt **pp) {
  const char *zU; /* the unit column, or NULL where older storage lacks it */
  int rc = unit_column(db, g, g->azTable[e], &zU);
  if (rc != SQLITE_OK) return rc;
  int kind = e == BSC_PROCESSES ? BSC_NODE_PROCESS : e == BSC_OBJECTIVES ? BSC_NODE_OBJECTIVE : BSC_NODE_INITIATIVE;
  return prepare(db, pp, "SELECT id, title, %s, %s, %d, %s FROM \"%w\".\"%w_data\"%s",
                 kind == BSC_NODE_INITIATIVE ? "NULL" : "cluster",
                 kind == BSC_NODE_OBJECTIVE ? "coalesce(perspective, '')" : "NULL", kind, zU, g->zSchema,
                 g->azTable[e], zWhere);
}

static int read_nodes(sqlite3 *db, BscGraph *g) {
  static const int aTable[] = {BSC_PROCESSES, BSC_OBJECTIVES, BSC_INITIATIVES};
  sqlite3_stmt *pStmt;
  Loading l;
  int rc = SQLITE_OK;
  memset(&l, 0, sizeof(l));
  l.g = g;
  for (int i = 0; rc == SQLITE_OK && i < 3; i++) {
    if (!g->azTable[aTable[i]]) continue;
    rc = node_sql(db, g, aTable[i], "", &pStmt);
    if (rc == SQLITE_OK) rc = each_row(pStmt, &l, add_node);
  }
  sqlite3_int64 *aOff = l.text.aOff;
  l.text.aOff = 0;
  g->nText = l.text.n;
  g->zText = text_final(&l.text);
  if (rc == SQLITE_OK) {
    for (int i = 0; i < g->nNode; i++) g->aNode[i].zId = g->zText + aOff[i];
  }
  sqlite3_free(aOff);
  if (rc != SQLITE_OK) {
    g->nNode = 0; /* its strings were never set */
    return rc;
  }
  if (g->nNode == 0) return SQLITE_OK;
  qsort(g->aNode, (size_t)g->nNode, sizeof(BscNode), cmp_node);
  /* An id twice (only possible by writing the shadow tables directly): keep one. */
  int n = 1;
  for (int i = 1; i < g->nNode; i++) {
    if (strcmp(g->aNode[i].zId, g->aNode[n - 1].zId) != 0) g->aNode[n++] = g->aNode[i];
  }
  g->nNode = n;
  bsc_trim(&g->aNode, g->nNode, sizeof(BscNode));
  g->bIdPathOrder = id_path_order(g);
  return SQLITE_OK;
}

static int read_edges(sqlite3 *db, BscGraph *g) {
  const char *zL = g->azTable[BSC_LINKS];
  sqlite3_stmt *pStmt;
  Loading l;
  memset(&l, 0, sizeof(l));
  l.g = g;
  if (zL) {
    int rc = prepare(db, &pStmt, "SELECT cause, effect, weight, sign, lag FROM \"%w\".\"%w_data\"",
                     g->zSchema, zL);
    if (rc == SQLITE_OK) rc = each_row(pStmt, &l, add_edge);
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
  bsc_trim(&g->aEdge, g->nEdge, sizeof(BscEdge));
  return index_edges(g);
}

static int read_kpis(sqlite3 *db, BscGraph *g) {
  const char *zK = g->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  Loading l;
  int rc;
  if (!zK) return SQLITE_OK;
  memset(&l, 0, sizeof(l));
  l.g = g;
  rc = prepare(db, &pStmt, "SELECT id, objective FROM \"%w\".\"%w_data\"", g->zSchema, zK);
  if (rc == SQLITE_OK) rc = each_row(pStmt, &l, add_kpi);
  sqlite3_int64 *aOff = l.text.aOff;
  l.text.aOff = 0;
  g->nKpiText = l.text.n;
  g->zKpiText = text_final(&l.text);
  for (int i = 0; rc == SQLITE_OK && i < g->nKpi; i++) {
    if (aOff[i] > 0x7fffffff) rc = SQLITE_TOOBIG; /* ids of 64 characters at most: 30 million KPIs */
    g->aKpi[i].iId = (int)aOff[i];
  }
  sqlite3_free(aOff);
  if (rc != SQLITE_OK) {
    g->nKpi = 0;
    return rc;
  }
  bsc_trim(&g->aKpi, g->nKpi, sizeof(BscKpi));
  if (g->nKpi > 1) {
    KpiSort *a = sqlite3_malloc64(sizeof(KpiSort) * (sqlite3_uint64)g->nKpi);
    if (!a) return SQLITE_NOMEM;
    for (int i = 0; i < g->nKpi; i++) a[i].zId = bsc_kpi_id(g, &g->aKpi[i]), a[i].k = g->aKpi[i];
    qsort(a, (size_t)g->nKpi, sizeof(KpiSort), cmp_kpi);
    for (int i = 0; i < g->nKpi; i++) g->aKpi[i] = a[i].k;
    sqlite3_free(a);
  }
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
      int mid = lo + (hi - lo) / 2, c = strcmp(bsc_kpi_id(g, &g->aKpi[mid]), zId);
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

/* What every analysis asks of a node: how far the outcomes are,
** and which clusters an internal objective counts in (its own, or else
** those of the processes linked to it). */
static int derive(BscGraph *g) {
  int *aDist = sqlite3_malloc64(sizeof(int) * 2 * (sqlite3_uint64)(g->nNode + 1));
  if (!aDist) return SQLITE_NOMEM;
  int *aStart = aDist + g->nNode, nStart = 0;
  for (int v = 0; v < g->nNode; v++) {
    if (bsc_is_outcome(g, v)) aStart[nStart++] = v;
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
      /* a unit's map on its own: another unit's process does not count */
      if (cause->isProcess && cause->cluster >= 0 && cause->unit == n->unit) n->clusters |= 1u << cause->cluster;
    }
  }
  sqlite3_free(aDist);
  for (int i = 0; i < g->nEdge; i++) {
    BscEdge *e = &g->aEdge[i];
    const BscNode *to = &g->aNode[e->to];
    e->toFin = to->finDist == 0;
    e->toFinNext = (unsigned char)(to->finNext < 0 ? 0 : to->finNext >= 254 ? 255 : to->finNext + 1);
    e->sameUnit = g->aNode[e->from].unit == to->unit;
  }
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
  if (rc == SQLITE_OK) rc = read_units(db, g);
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
** initiatives, units and the map's settings (which it keeps, settings.c): it is
** current while their change stamps (store.c) and names are what they were
** when it was read. Measurements are not among them, so writing one never
** rebuilds the graph. A table without a stamp (made before stamps, never
** written since) cannot tell: its graph is read anew each time. */
#define GRAPH_SOURCES                                                                          \
  (BSC_MASK(BSC_PROCESSES) | BSC_MASK(BSC_OBJECTIVES) | BSC_MASK(BSC_LINKS) | BSC_MASK(BSC_KPIS) | \
   BSC_MASK(BSC_INITIATIVES) | BSC_MASK(BSC_SETTINGS) | BSC_MASK(BSC_UNITS))

/* A write this connection made since its slot's graph was read (BscWrite,
** copied): to the links, or an update of a node's row that kept its id. */
typedef struct LinkWrite {
  int iEntity;
  sqlite3_int64 stampXor, rid;
  char *zCause, *zEffect; /* a link's key before, NULL for an insert */
} LinkWrite;

typedef struct GraphSlot GraphSlot;
struct GraphSlot {
  char *zSchema;
  BscStamps stamps; /* of the tables pGraph was read from */
  BscGraph *pGraph;
  /* The writes to its links and nodes this connection made since pGraph
  ** was read, in order; bLost: a write the log cannot follow (one that
  ** adds, removes or renames a node, to another table of the graph, or
  ** too many), so the graph is read anew. */
  LinkWrite *aLog;
  int nLog, nLogAlloc, bLost;
  GraphSlot *pNext;
};

static void log_clear(GraphSlot *pSlot) {
  for (int i = 0; i < pSlot->nLog; i++) {
    sqlite3_free(pSlot->aLog[i].zCause);
    sqlite3_free(pSlot->aLog[i].zEffect);
  }
  pSlot->nLog = 0;
  pSlot->bLost = 0;
}

static void cache_free(void *p) {
  GraphSlot *pSlot = p;
  while (pSlot) {
    GraphSlot *pNext = pSlot->pNext;
    bsc_graph_unref(pSlot->pGraph);
    log_clear(pSlot);
    sqlite3_free(pSlot->aLog);
    sqlite3_free(pSlot->zSchema);
    sqlite3_free(pSlot);
    pSlot = pNext;
  }
}

/* Whether the graph can follow write w: any write to the links, and an
** update of a process, objective or initiative that keeps its id and row
** (a node's number follows its id: the links stay where they are). */
static int followable(const BscWrite *w) {
  if (w->bOther) return 0;
  if (w->iEntity == BSC_LINKS) return 1;
  if (w->iEntity != BSC_PROCESSES && w->iEntity != BSC_OBJECTIVES && w->iEntity != BSC_INITIATIVES) return 0;
  return w->azKey[0] && w->azNew[0] && strcmp(w->azKey[0], w->azNew[0]) == 0 && !w->bMoved;
}

/* The cache's write hook (bsc_conn_follow): a write that a cached graph
** can follow goes to its slot's log, so that the next call patches the
** graph (graph_follow) instead of reading the map again; another write to
** a table the graph is read from marks the log lost. Past a bound,
** patching would cost more than reading: lost as well. */
static void note_write(BscConn *pConn, const BscWrite *w) {
  if (!(GRAPH_SOURCES & BSC_MASK(w->iEntity))) return; /* measurements: nothing to follow */
  void **ppCache = bsc_conn_cache(pConn, cache_free);
  GraphSlot *pSlot;
  for (pSlot = ppCache ? *ppCache : 0; pSlot; pSlot = pSlot->pNext) {
    if (sqlite3_stricmp(pSlot->zSchema, w->zSchema) == 0) break;
  }
  if (!pSlot || !pSlot->pGraph || pSlot->bLost) return;
  const BscGraph *g = pSlot->pGraph;
  if (!followable(w) || pSlot->nLog >= 64 + (g->nNode + g->nEdge) / 16 ||
      bsc_grow(&pSlot->aLog, pSlot->nLog, &pSlot->nLogAlloc, sizeof(LinkWrite))) {
    log_clear(pSlot);
    pSlot->bLost = 1;
    return;
  }
  LinkWrite *l = &pSlot->aLog[pSlot->nLog++];
  memset(l, 0, sizeof(*l));
  l->iEntity = w->iEntity;
  l->stampXor = w->stampXor;
  l->rid = w->rid;
  if (w->iEntity == BSC_LINKS && w->azKey[0]) {
    l->zCause = sqlite3_mprintf("%s", w->azKey[0]);
    l->zEffect = sqlite3_mprintf("%s", w->azKey[1] ? w->azKey[1] : "");
    if (!l->zCause || !l->zEffect) {
      log_clear(pSlot);
      pSlot->bLost = 1;
    }
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

/* The edge from node `from` to node `to` among g's first n (sorted), or -1. */
static int find_edge(const BscGraph *g, int n, int from, int to) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2;
    const BscEdge *e = &g->aEdge[mid];
    int c = e->from != from ? (e->from < from ? -1 : 1) : (e->to > to) - (e->to < to);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/* Reads the link of row pStmt (stepped once) into the view's edges. */
static int read_link(Loading *l, sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt) == SQLITE_ROW ? add_edge(l, pStmt) : SQLITE_OK;
  int rc2 = sqlite3_reset(pStmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* A node written since the graph was read: its number, its fields as
** its row holds them now, and its title when that changed (else NULL). */
typedef struct NodeRow {
  int v;
  BscNode n;
  char *zTitle;
} NodeRow;

static void node_rows_free(NodeRow *a, int n) {
  for (int i = 0; i < n; i++) sqlite3_free(a[i].zTitle);
  sqlite3_free(a);
}

/* Reads the rows of the nodes the slot's log wrote (by rowid), as they are
** now. SQLITE_ERROR when one cannot be followed: its row is gone, or holds
** an id that is no node (then the map is read anew). */
static int read_node_rows(sqlite3 *db, const BscGraph *g, const GraphSlot *pSlot, NodeRow **paRow, int *pnRow) {
  sqlite3_stmt *apStmt[BSC_N_ENTITY];
  NodeRow *a = 0;
  int n = 0, nAlloc = 0, rc = SQLITE_OK;
  memset(apStmt, 0, sizeof(apStmt));
  for (int i = 0; rc == SQLITE_OK && i < pSlot->nLog; i++) {
    const LinkWrite *w = &pSlot->aLog[i];
    if (w->iEntity == BSC_LINKS) continue;
    sqlite3_stmt **pp = &apStmt[w->iEntity];
    if (!*pp && (rc = node_sql(db, g, w->iEntity, " WHERE rid=?", pp)) != SQLITE_OK) break;
    sqlite3_bind_int64(*pp, 1, w->rid);
    if (sqlite3_step(*pp) != SQLITE_ROW) {
      rc = sqlite3_reset(*pp);
      if (rc == SQLITE_OK) rc = SQLITE_ERROR;
      break;
    }
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(*pp, 0));
    const char *zTitle = (const char *)sqlite3_column_text(*pp, 1);
    if (v < 0) rc = SQLITE_ERROR;
    else if (bsc_grow(&a, n, &nAlloc, sizeof(NodeRow))) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
      NodeRow *r = &a[n++];
      r->v = v;
      r->n = g->aNode[v];
      node_fields(g, &r->n, *pp);
      r->zTitle = 0;
      if (strcmp(zTitle ? zTitle : "", bsc_node_title(g, v)) != 0 &&
          !(r->zTitle = sqlite3_mprintf("%s", zTitle ? zTitle : ""))) {
        rc = SQLITE_NOMEM;
      }
    }
    int rc2 = sqlite3_reset(*pp);
    if (rc == SQLITE_OK) rc = rc2;
  }
  for (int e = 0; e < BSC_N_ENTITY; e++) sqlite3_finalize(apStmt[e]);
  if (rc != SQLITE_OK) {
    node_rows_free(a, n);
    return rc;
  }
  *paRow = a;
  *pnRow = n;
  return SQLITE_OK;
}

/* Gives the nodes of a[] their fields as read, and their new titles: the
** ids and titles are laid out again in a text block of their own. */
static int apply_node_rows(BscGraph *g, const NodeRow *a, int n) {
  const char **azTitle = 0;
  sqlite3_int64 nText = 0;
  for (int i = 0; i < n; i++) {
    BscNode *p = &g->aNode[a[i].v];
    p->cluster = a[i].n.cluster;
    p->persp = a[i].n.persp;
    p->unit = a[i].n.unit;
    if (a[i].zTitle && !azTitle) {
      azTitle = sqlite3_malloc64(sizeof(char *) * ((sqlite3_uint64)g->nNode + 1));
      if (!azTitle) return SQLITE_NOMEM;
      memset(azTitle, 0, sizeof(char *) * ((size_t)g->nNode + 1));
    }
    if (a[i].zTitle) azTitle[a[i].v] = a[i].zTitle; /* the last row read of a node is as it is now */
  }
  if (!azTitle) return SQLITE_OK;
  for (int v = 0; v < g->nNode; v++) {
    const char *zTitle = azTitle[v] ? azTitle[v] : bsc_node_title(g, v);
    nText += (sqlite3_int64)strlen(g->aNode[v].zId) + (sqlite3_int64)strlen(zTitle) + 2;
  }
  char *z = sqlite3_malloc64((sqlite3_uint64)nText + 1);
  if (!z) {
    sqlite3_free(azTitle);
    return SQLITE_NOMEM;
  }
  sqlite3_int64 at = 0;
  for (int v = 0; v < g->nNode; v++) {
    const char *zId = g->aNode[v].zId, *zTitle = azTitle[v] ? azTitle[v] : bsc_node_title(g, v);
    size_t nId = strlen(zId) + 1, nTitle = strlen(zTitle) + 1;
    memcpy(z + at, zId, nId);
    memcpy(z + at + nId, zTitle, nTitle);
    g->aNode[v].zId = z + at; /* the old block still holds what is copied next */
    at += (sqlite3_int64)(nId + nTitle);
  }
  sqlite3_free(g->zText);
  g->zText = z;
  g->nText = nText;
  sqlite3_free(azTitle);
  return SQLITE_OK;
}

/* Follows the links this connection wrote since the slot's graph was read,
** when they are all that changed: the stamps the graph was read at, xor
** those the log's first writes gave, are the stamps now (a write may give
** none, 0, when its transaction stamped already: shadow.c). Then every
** change since is to a row the log names, and the graph is made to agree
** with those rows as they are now, whether their writes landed or were
** rolled back: the links of the old keys and of the rows written go, and
** what those keys and rowids hold now comes. Only a graph that no cursor
** reads (the slot holds its one reference) is patched, in place, once
** everything is read; order, indexes and distances are made again in
** memory. SQLITE_ERROR when it cannot follow (the caller reads the map),
** with *pbSpoilt when the graph was changed halfway (out of memory). */
static int graph_follow(BscStore *pStore, GraphSlot *pSlot, const BscStamps *pNow, int *pbSpoilt) {
  BscGraph *g = pSlot->pGraph;
  BscStamps at = pSlot->stamps;
  int bFollows = 0;
  *pbSpoilt = 0;
  if (g->nRef != 1 || pSlot->bLost || pSlot->nLog == 0) return SQLITE_ERROR;
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (!same_name(g->azTable[i], pStore->azTable[i])) return SQLITE_ERROR;
  }
  for (int i = 0; i < pSlot->nLog && !bFollows; i++) {
    at.a[pSlot->aLog[i].iEntity] ^= pSlot->aLog[i].stampXor;
    bFollows = graph_current(g, &at, pNow, pStore);
  }
  if (!bFollows) return SQLITE_ERROR;
  /* the nodes written, as their rows are now */
  NodeRow *aNodeRow = 0;
  int nNodeRow = 0;
  int rc = read_node_rows(pStore->db, g, pSlot, &aNodeRow, &nNodeRow);
  if (rc != SQLITE_OK) return rc == SQLITE_NOMEM ? rc : SQLITE_ERROR;
  /* the links' rows as they are now, read into a view of g with edges of its own */
  int nOld = g->nEdge;
  BscGraph view = *g;
  view.aEdge = 0;
  view.nEdge = 0;
  Loading l;
  memset(&l, 0, sizeof(l));
  l.g = &view;
  unsigned char *aGone = sqlite3_malloc64((sqlite3_uint64)nOld + 1);
  if (!aGone) {
    node_rows_free(aNodeRow, nNodeRow);
    return SQLITE_NOMEM;
  }
  memset(aGone, 0, (size_t)nOld + 1);
  sqlite3_stmt *pByRid = 0, *pByKey = 0;
  const char *zSql = "SELECT cause, effect, weight, sign, lag FROM \"%w\".\"%w_data\" WHERE %s";
  int bLinks = 0; /* the log holds a write to the links (there are links) */
  for (int i = 0; i < pSlot->nLog; i++) bLinks |= pSlot->aLog[i].iEntity == BSC_LINKS;
  if (bLinks) rc = prepare(pStore->db, &pByRid, zSql, g->zSchema, g->azTable[BSC_LINKS], "rid=?");
  if (bLinks && rc == SQLITE_OK) {
    rc = prepare(pStore->db, &pByKey, zSql, g->zSchema, g->azTable[BSC_LINKS], "cause=? AND effect=?");
  }
  for (int i = 0; rc == SQLITE_OK && i < pSlot->nLog; i++) {
    const LinkWrite *w = &pSlot->aLog[i];
    if (w->iEntity != BSC_LINKS) continue;
    if (w->zCause) {
      int j = find_edge(g, nOld, bsc_graph_find(g, w->zCause), bsc_graph_find(g, w->zEffect));
      if (j >= 0) aGone[j] = 1;
      sqlite3_bind_text(pByKey, 1, w->zCause, -1, SQLITE_STATIC);
      sqlite3_bind_text(pByKey, 2, w->zEffect, -1, SQLITE_STATIC);
      rc = read_link(&l, pByKey);
    }
    if (rc == SQLITE_OK && w->rid) {
      sqlite3_bind_int64(pByRid, 1, w->rid);
      rc = read_link(&l, pByRid);
    }
  }
  sqlite3_finalize(pByRid);
  sqlite3_finalize(pByKey);
  /* the links read now replace the graph's of the same pair */
  for (int i = 0; rc == SQLITE_OK && i < view.nEdge; i++) {
    int j = find_edge(g, nOld, view.aEdge[i].from, view.aEdge[i].to);
    if (j >= 0) aGone[j] = 1;
  }
  if (rc == SQLITE_OK && view.nEdge > 1) qsort(view.aEdge, (size_t)view.nEdge, sizeof(BscEdge), cmp_edge);
  /* the kept links merged with those read, both sorted, a repeated pair once */
  int nNew = view.nEdge, n = 0;
  BscEdge *aMerged = rc == SQLITE_OK ? sqlite3_malloc64(sizeof(BscEdge) * ((sqlite3_uint64)nOld + nNew + 1)) : 0;
  if (rc == SQLITE_OK && !aMerged) rc = SQLITE_NOMEM;
  for (int i = 0, j = 0; rc == SQLITE_OK && (i < nOld || j < nNew);) {
    if (i < nOld && aGone[i]) {
      i++;
      continue;
    }
    const BscEdge *e = j >= nNew || (i < nOld && cmp_edge(&g->aEdge[i], &view.aEdge[j]) <= 0) ? &g->aEdge[i++]
                                                                                            : &view.aEdge[j++];
    if (n && cmp_edge(e, &aMerged[n - 1]) == 0) continue;
    aMerged[n++] = *e;
  }
  sqlite3_free(aGone);
  sqlite3_free(view.aEdge);
  if (rc != SQLITE_OK) {
    sqlite3_free(aMerged);
    node_rows_free(aNodeRow, nNodeRow);
    return rc == SQLITE_NOMEM ? rc : SQLITE_ERROR;
  }
  /* from here g changes */
  sqlite3_free(g->aEdge);
  g->aEdge = aMerged;
  g->nEdge = n;
  bsc_trim(&g->aEdge, g->nEdge, sizeof(BscEdge));
  rc = apply_node_rows(g, aNodeRow, nNodeRow);
  node_rows_free(aNodeRow, nNodeRow);
  for (int v = 0; v < g->nNode; v++) { /* what derive() finds anew */
    g->aNode[v].finDist = g->aNode[v].finNext = -1;
    g->aNode[v].clusters = 0;
  }
  if (rc == SQLITE_OK) rc = index_edges(g);
  if (rc == SQLITE_OK) rc = derive(g);
  *pbSpoilt = rc != SQLITE_OK;
  return rc;
}

/* bAsIs: a graph of damaged tables too (bsc_check's, which reports the damage). */
static int graph_get(BscStore *pStore, BscConn *pConn, const char *zFunc, int bAsIs, BscGraph **pp,
                     char **pzErr) {
  sqlite3 *db = pStore->db;
  const char *zSchema = pStore->zSchema;
  BscStamps now;
  *pp = 0;
  *pzErr = 0;
  int rc = bsc_store_stamps(pStore, pConn, &now);
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
  if (ppCache) bsc_conn_follow(pConn, cache_free, note_write);
  if (pSlot && pSlot->pGraph && graph_current(pSlot->pGraph, &pSlot->stamps, &now, pStore)) {
    log_clear(pSlot); /* what it logged was rolled back */
    *pp = pSlot->pGraph;
    (*pp)->nRef++;
    return SQLITE_OK;
  }
  BscGraph *g = 0;
  if (pSlot && pSlot->pGraph) {
    int bSpoilt;
    rc = graph_follow(pStore, pSlot, &now, &bSpoilt);
    log_clear(pSlot);
    if (rc == SQLITE_OK) { /* patched where it is */
      pSlot->stamps = now;
      *pp = pSlot->pGraph;
      (*pp)->nRef++;
      return SQLITE_OK;
    }
    if (bSpoilt) {
      bsc_graph_unref(pSlot->pGraph);
      pSlot->pGraph = 0;
    }
    if (rc == SQLITE_NOMEM) return rc;
  }
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

#if defined(__GNUC__) || defined(__clang__)
#define BSC_PREFETCH(p) __builtin_prefetch(p)
#else
#define BSC_PREFETCH(p) ((void)0)
#endif

int bsc_walk_run(BscWalk *w, int iStart) {
  const BscGraph *g = w->g;
  int rc = SQLITE_OK;
  w->nPath = 1;
  w->aPath[0] = iStart;
  w->aNext[0] = g->aOutStart[iStart];
  w->aOn[iStart] = 1;
  /* an explicit stack: the path is the stack, aNext each level's progress */
  while (w->nPath > 0 && rc == SQLITE_OK) {
    int top = w->nPath - 1;
    int end = g->aOutStart[w->aPath[top] + 1];
    if (w->aNext[top] >= end) {
      w->aOn[w->aPath[top]] = 0;
      w->nPath--;
      continue;
    }
    int iEdge = w->aNext[top]++;
    /* the next link's effect's links are read when this one's walk is
    ** done: ask for them now, so that their miss overlaps the work (the
    ** links outgrow the caches close to the processor on a large map) */
    if (iEdge + 1 < end) BSC_PREFETCH(&g->aEdge[g->aOutStart[g->aEdge[iEdge + 1].to]]);
    if (++w->nStep > w->mxStep) {
      w->bOverBudget = 1;
      break;
    }
    int enter = 0, to = g->aEdge[iEdge].to;
    rc = w->xLink(w, iEdge, &enter);
    if (!enter || w->aOn[to] || top >= w->mxLen) continue;
    w->aPath[w->nPath] = to;
    w->aLink[w->nPath] = iEdge;
    w->aNext[w->nPath] = g->aOutStart[to];
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

