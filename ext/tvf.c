/*
** The one engine behind bsc's table-valued functions (bsc_scorecard,
** bsc_objective_scores, bsc_perspective_scores, bsc_chains, bsc_reach,
** bsc_clusters, bsc_catalog, bsc_check, bsc_vital_few, bsc_whatif,
** bsc_link_evidence): each is an eponymous-only virtual
** table whose HIDDEN columns are its arguments,
**
**   SELECT * FROM bsc_chains('ground-ops', 6);
**
** described by a BscTvf (columns, argument count, a fill function). xFilter
** hands the arguments to the fill function, which builds the whole result
** in a BscRows; xNext and xColumn then read it row by row. Building a small
** result at once costs little, lets a function sort its rows, and keeps no
** statement on the map open between calls. A function whose result can be
** large streams instead (BscTvfStream: bsc_chains, bsc_reach and the
** analytics): it makes each row as SQLite asks, and a column only when read.
**
** A function may name a visible column that also gives an argument
** (BscTvfAlias), for an argument named apart from a column of the same
** meaning: bsc_chains' `WHERE start = 'x'` asks as `WHERE start_id = 'x'`
** does, bsc_scorecard's `WHERE period = '2026-Q3'` as for_period does. An
** equality (or IN) counts only when the argument itself is not given,
** and, unless the function normalises the value (then it defines what
** equal means), only with the BINARY collation; SQLite still checks the
** column on every row unless the function puts the argument there
** normalised. A NULL there matches nothing, so the call returns no rows.
**
** xBestIndex: idxNum bit i is set when argument i has an equality (or IS)
** constraint on its hidden column, TVF_BY_COLUMN when the alias column
** gives its argument; the values arrive in xFilter in argument order. A
** plan in which an argument's constraint cannot be used is refused, so a
** join such as `processes p, bsc_chains(p.id)` reads p first; so is one in
** which the alias column's can't, as `processes p JOIN bsc_chains c ON
** c.start = p.id` would otherwise answer differently with another plan.
*/
#include "tvf.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* What a registration hands to xConnect. */
typedef struct TvfAux {
  BscConn *conn;
  const BscTvf *def;
} TvfAux;

/* A schema's store, kept from call to call: its statements (the change
** stamps the graph cache reads, the scorecard's) are prepared once. The
** function's table is disconnected before the connection closes, and
** takes them along. */
typedef struct TvfStore TvfStore;
struct TvfStore {
  BscStore store;
  TvfStore *pNext;
};

typedef struct TvfTable {
  sqlite3_vtab base;
  sqlite3 *db;
  BscConn *conn;
  const BscTvf *def;
  TvfStore *pStores;
} TvfTable;

/* idxNum bit: the alias column gives its argument (bits below: the hidden columns). */
#define TVF_BY_COLUMN (1 << BSC_TVF_MAX_ARG)

typedef struct TvfCursor {
  sqlite3_vtab_cursor base;
  BscCall call;
  const BscTvf *def;
  int iRow;
} TvfCursor;

/* ---------------------------------------------------------------- results */

BscOut *bsc_rows_add(BscRows *r) {
  if (r->nRow == r->nAlloc) {
    int nNew = r->nAlloc ? r->nAlloc * 2 : 16;
    BscOut *aNew = sqlite3_realloc64(r->a, sizeof(BscOut) * (sqlite3_uint64)nNew * (sqlite3_uint64)r->nCol);
    if (!aNew) return 0;
    r->a = aNew;
    r->nAlloc = nNew;
  }
  BscOut *pRow = &r->a[(size_t)r->nRow++ * (size_t)r->nCol];
  memset(pRow, 0, sizeof(BscOut) * (size_t)r->nCol);
  return pRow;
}

void bsc_rows_sort(BscRows *r, int (*xCmp)(const void *, const void *)) {
  if (r->nRow > 1) qsort(r->a, (size_t)r->nRow, sizeof(BscOut) * (size_t)r->nCol, xCmp);
}

static void rows_clear(BscRows *r) {
  for (size_t i = 0; i < (size_t)r->nRow * (size_t)r->nCol; i++) {
    if (r->a[i].owned) sqlite3_free((char *)r->a[i].z);
  }
  sqlite3_free(r->a);
  r->a = 0;
  r->nRow = r->nAlloc = 0;
}

void bsc_out_int(BscOut *o, sqlite3_int64 i) {
  o->type = SQLITE_INTEGER;
  o->i = i;
}

void bsc_out_real(BscOut *o, double r) {
  if (isnan(r)) return; /* NaN is how scoring says NULL */
  o->type = SQLITE_FLOAT;
  o->r = r;
}

void bsc_out_text(BscOut *o, const char *z) {
  o->type = z ? SQLITE_TEXT : SQLITE_NULL;
  o->z = z;
}

int bsc_out_owned(BscOut *o, char *z) {
  if (!z) return SQLITE_NOMEM;
  o->type = SQLITE_TEXT;
  o->z = z;
  o->owned = 1;
  return SQLITE_OK;
}

int bsc_out_copy(BscOut *o, const char *z) {
  return z ? bsc_out_owned(o, sqlite3_mprintf("%s", z)) : SQLITE_OK;
}

int bsc_call_error(BscCall *c, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char *zMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  sqlite3_free(c->zErr);
  c->zErr = zMsg;
  return zMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

int bsc_call_store(BscCall *c, const char *zSchema, BscStore **pp) {
  TvfTable *p = c->pTab;
  TvfStore *s;
  if (!zSchema) zSchema = "main";
  for (s = p->pStores; s; s = s->pNext) {
    if (sqlite3_stricmp(s->store.zSchema, zSchema) == 0) break;
  }
  if (!s) {
    if (!(s = sqlite3_malloc(sizeof(*s)))) return SQLITE_NOMEM;
    if (bsc_store_init(&s->store, c->db, zSchema) != SQLITE_OK) {
      bsc_store_clear(&s->store);
      sqlite3_free(s);
      return SQLITE_NOMEM;
    }
    s->pNext = p->pStores;
    p->pStores = s;
  }
  *pp = &s->store;
  return SQLITE_OK;
}

int bsc_call_graph(BscCall *c, sqlite3_value *pSchema) {
  BscStore *pStore;
  int rc = bsc_call_store(c, pSchema ? (const char *)sqlite3_value_text(pSchema) : 0, &pStore);
  if (rc == SQLITE_OK) rc = bsc_graph_get_store(pStore, c->conn, c->zFunc, &c->pGraph, &c->zErr);
  return rc;
}

/* The streaming hooks of def, or NULL when it fills. */
static const BscTvfStream *streams(const BscTvf *def) {
  return def->xFill == bsc_tvf_stream ? (const BscTvfStream *)def : 0;
}

int bsc_tvf_stream(BscCall *c) {
  (void)c;
  assert(0);
  return SQLITE_ERROR;
}

static void call_reset(BscCall *c, const BscTvf *def) {
  if (c->pState && streams(def) && streams(def)->xStop) streams(def)->xStop(c);
  c->pState = 0;
  c->bEof = 0;
  rows_clear(&c->rows);
  bsc_graph_unref(c->pGraph);
  c->pGraph = 0;
  for (int i = 0; i < BSC_TVF_MAX_ARG; i++) {
    sqlite3_value_free(c->aArg[i]);
    c->aArg[i] = 0;
    if (c->aShown[i].owned) sqlite3_free((char *)c->aShown[i].z);
    memset(&c->aShown[i], 0, sizeof(c->aShown[i]));
  }
  c->byColumn = 0;
  sqlite3_free(c->zErr);
  c->zErr = 0;
}

/* Hands a value to SQLite; type 0 and SQLITE_NULL are NULL. */
static void result_out(sqlite3_context *ctx, const BscOut *o) {
  switch (o->type) {
    case SQLITE_INTEGER: sqlite3_result_int64(ctx, o->i); break;
    case SQLITE_FLOAT: sqlite3_result_double(ctx, o->r); break;
    case SQLITE_TEXT: sqlite3_result_text(ctx, o->z, -1, SQLITE_TRANSIENT); break;
    default: break;
  }
}

/* ---------------------------------------------------------------- methods */

static int tvf_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr) {
  const TvfAux *aux = pAux;
  (void)argc;
  (void)argv;
  char *zDecl = sqlite3_mprintf("CREATE TABLE x(%s)", aux->def->zColumns);
  int rc = zDecl ? sqlite3_declare_vtab(db, zDecl) : SQLITE_NOMEM;
  sqlite3_free(zDecl);
  /* they read only bsc's own tables: views over them work under trusted_schema=OFF */
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("bsc: %s: %s", aux->def->zName, sqlite3_errmsg(db));
    return rc;
  }
  TvfTable *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->conn = aux->conn;
  p->def = aux->def;
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int tvf_disconnect(sqlite3_vtab *pVtab) {
  TvfTable *p = (TvfTable *)pVtab;
  while (p->pStores) {
    TvfStore *s = p->pStores;
    p->pStores = s->pNext;
    bsc_store_clear(&s->store);
    sqlite3_free(s);
  }
  sqlite3_free(p);
  return SQLITE_OK;
}

/* Whether constraint j compares with BINARY: the only collation under
** which an alias column's value names exactly the rows that equal it,
** unless the function normalises the value itself. */
static int is_binary(sqlite3_index_info *pInfo, int j) {
  const char *zColl = sqlite3_vtab_collation(pInfo, j);
  return !zColl || sqlite3_stricmp(zColl, "BINARY") == 0;
}

static int tvf_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  const BscTvf *def = ((TvfTable *)pVtab)->def;
  const BscTvfAlias *alias = def->pAlias;
  int aConstraint[BSC_TVF_MAX_ARG];
  int iAlias = -1; /* the usable constraint on the alias column */
  unsigned given = 0, unusable = 0, aliasUnusable = 0;
  for (int j = 0; j < pInfo->nConstraint; j++) {
    const struct sqlite3_index_constraint *c = &pInfo->aConstraint[j];
    /* IS gives an argument as = does (IS NULL, like = NULL, the default);
    ** not through an alias column, where IS NULL would find the rows in
    ** which the column is NULL */
    int is = c->op == SQLITE_INDEX_CONSTRAINT_IS;
    if (c->op != SQLITE_INDEX_CONSTRAINT_EQ && !is) continue;
    if (alias && c->iColumn == alias->iCol) {
      if (is) continue;
      if (!alias->normalised && !is_binary(pInfo, j)) continue;
      if (!c->usable) aliasUnusable = 1;
      else if (iAlias < 0) iAlias = j;
      continue;
    }
    int iArg = c->iColumn - def->nCol;
    if (iArg < 0) continue;
    if (!c->usable) {
      unusable |= 1u << iArg;
    } else if (!(given & (1u << iArg))) {
      given |= 1u << iArg;
      aConstraint[iArg] = j;
    }
  }
  if (unusable & ~given) return SQLITE_CONSTRAINT;
  if (alias && (given & (1u << alias->iArg))) iAlias = -1, aliasUnusable = 0; /* the argument wins */
  if (aliasUnusable && iAlias < 0) return SQLITE_CONSTRAINT;
  int nGiven = 0;
  for (int i = 0; i < def->nArg; i++) {
    int j = given & (1u << i) ? aConstraint[i] : iAlias >= 0 && i == alias->iArg ? iAlias : -1;
    if (j < 0) continue;
    pInfo->aConstraintUsage[j].argvIndex = ++nGiven;
    /* a hidden column shows what was asked; a visible one, what each row
    ** holds, so SQLite checks it again unless the function normalises */
    pInfo->aConstraintUsage[j].omit = j != iAlias || alias->normalised;
  }
  pInfo->idxNum = (int)given | (iAlias >= 0 ? TVF_BY_COLUMN : 0);
  pInfo->estimatedCost = 1000.0 / (1 + nGiven);
  pInfo->estimatedRows = 100;
  /* rows come sorted by def->aOrder: an ORDER BY on a prefix of it is free */
  int consumed = pInfo->nOrderBy > 0 && pInfo->nOrderBy <= def->nOrder;
  for (int i = 0; consumed && i < pInfo->nOrderBy; i++) {
    consumed = pInfo->aOrderBy[i].iColumn == def->aOrder[i] && !pInfo->aOrderBy[i].desc;
  }
  pInfo->orderByConsumed = consumed;
  return SQLITE_OK;
}

static int tvf_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  TvfTable *p = (TvfTable *)pVtab;
  TvfCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->call.db = p->db;
  pCur->call.conn = p->conn;
  pCur->call.zFunc = p->def->zName;
  pCur->call.pTab = p;
  pCur->def = p->def;
  pCur->call.rows.nCol = p->def->nCol;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int tvf_close(sqlite3_vtab_cursor *cur) {
  TvfCursor *pCur = (TvfCursor *)cur;
  call_reset(&pCur->call, pCur->def);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* A streaming function's next row, in rows.a[0 .. nCol-1]: the one row's
** space is kept from row to row, so that a row costs no allocation. */
static int stream_step(BscCall *c, const BscTvfStream *def) {
  BscRows *r = &c->rows;
  if (r->nRow > 0) {
    for (int i = 0; i < r->nCol; i++) {
      if (r->a[i].owned) sqlite3_free((char *)r->a[i].z);
    }
    r->nRow = 0;
  }
  if (c->bEof) return SQLITE_OK;
  if (!bsc_rows_add(r)) return SQLITE_NOMEM;
  int rc = def->xStep(c);
  if (rc == SQLITE_OK && c->bEof) rows_clear(r);
  return rc;
}

static int tvf_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                      sqlite3_value **argv) {
  TvfCursor *pCur = (TvfCursor *)cur;
  TvfTable *p = (TvfTable *)cur->pVtab;
  BscCall *c = &pCur->call;
  (void)idxStr;
  call_reset(c, p->def);
  pCur->iRow = 0;
  int rc = SQLITE_OK;
  for (int i = 0, k = 0; i < p->def->nArg && k < argc; i++) {
    int byColumn = (idxNum & TVF_BY_COLUMN) && i == p->def->pAlias->iArg;
    if (!(idxNum & (1 << i)) && !byColumn) continue;
    if (byColumn && sqlite3_value_type(argv[k]) == SQLITE_NULL) return SQLITE_OK; /* col = NULL: no row */
    if (byColumn) c->byColumn |= 1u << i;
    c->aArg[i] = sqlite3_value_dup(argv[k++]);
    if (!c->aArg[i]) rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK && !streams(p->def)) rc = p->def->xFill(c);
  if (rc == SQLITE_OK && streams(p->def)) {
    rc = streams(p->def)->xStart(c);
    if (rc == SQLITE_OK) rc = stream_step(c, streams(p->def));
  }
  if (rc != SQLITE_OK) {
    sqlite3_free(p->base.zErrMsg);
    p->base.zErrMsg = c->zErr;
    c->zErr = 0;
    rows_clear(&c->rows);
  }
  return rc;
}

static int tvf_next(sqlite3_vtab_cursor *cur) {
  TvfCursor *pCur = (TvfCursor *)cur;
  pCur->iRow++;
  if (!streams(pCur->def)) return SQLITE_OK;
  int rc = stream_step(&pCur->call, streams(pCur->def));
  if (rc != SQLITE_OK) {
    TvfTable *p = (TvfTable *)cur->pVtab;
    sqlite3_free(p->base.zErrMsg);
    p->base.zErrMsg = pCur->call.zErr;
    pCur->call.zErr = 0;
  }
  return rc;
}

static int tvf_eof(sqlite3_vtab_cursor *cur) {
  TvfCursor *pCur = (TvfCursor *)cur;
  if (streams(pCur->def)) return pCur->call.rows.nRow == 0;
  return pCur->iRow >= pCur->call.rows.nRow;
}

static int tvf_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  TvfCursor *pCur = (TvfCursor *)cur;
  const BscRows *r = &pCur->call.rows;
  if (iCol >= r->nCol) { /* an argument: what xFill made of it, else the value given */
    const BscOut *o = &pCur->call.aShown[iCol - r->nCol];
    sqlite3_value *v = pCur->call.aArg[iCol - r->nCol];
    if (o->type) result_out(ctx, o);
    else if (v) sqlite3_result_value(ctx, v);
    return SQLITE_OK;
  }
  const BscTvfStream *s = streams(pCur->def);
  if (s) { /* streaming: the one row there is */
    BscOut *o = &r->a[iCol];
    if (o->type == 0 && s->xColumn) {
      int rc = s->xColumn(&pCur->call, iCol, o);
      if (rc != SQLITE_OK) { /* SQLite takes the message from the table */
        TvfTable *p = (TvfTable *)cur->pVtab;
        sqlite3_free(p->base.zErrMsg);
        p->base.zErrMsg = pCur->call.zErr;
        pCur->call.zErr = 0;
        return rc;
      }
    }
    result_out(ctx, o);
    return SQLITE_OK;
  }
  result_out(ctx, &r->a[(size_t)pCur->iRow * (size_t)r->nCol + (size_t)iCol]);
  return SQLITE_OK;
}

static int tvf_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((TvfCursor *)cur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module tvfModule = {
  /* iVersion    */ 0,
  /* xCreate     */ 0, /* eponymous only */
  /* xConnect    */ tvf_connect,
  /* xBestIndex  */ tvf_best_index,
  /* xDisconnect */ tvf_disconnect,
  /* xDestroy    */ 0,
  /* xOpen       */ tvf_open,
  /* xClose      */ tvf_close,
  /* xFilter     */ tvf_filter,
  /* xNext       */ tvf_next,
  /* xEof        */ tvf_eof,
  /* xColumn     */ tvf_column,
  /* xRowid      */ tvf_rowid,
  /* xUpdate     */ 0, /* read-only */
  /* xBegin      */ 0,
  /* xSync       */ 0,
  /* xCommit     */ 0,
  /* xRollback   */ 0,
  /* xFindMethod */ 0,
  /* xRename     */ 0,
  /* xSavepoint  */ 0,
  /* xRelease    */ 0,
  /* xRollbackTo */ 0,
  /* xShadowName */ 0,
};

static void aux_free(void *p) {
  bsc_conn_unref(((TvfAux *)p)->conn);
  sqlite3_free(p);
}

int bsc_register_tvfs(sqlite3 *db, BscConn *pConn, const BscTvf *const *aTvf, int nTvf) {
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < nTvf; i++) {
    TvfAux *aux = sqlite3_malloc(sizeof(*aux));
    if (!aux) return SQLITE_NOMEM;
    aux->conn = bsc_conn_ref(pConn);
    aux->def = aTvf[i];
    /* on failure SQLite calls aux_free itself */
    rc = sqlite3_create_module_v2(db, aTvf[i]->zName, &tvfModule, aux, aux_free);
  }
  return rc;
}
