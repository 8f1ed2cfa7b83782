/*
** The virtual-table engine behind all the map tables.
**
**   CREATE VIRTUAL TABLE processes    USING bsc_processes;
**   CREATE VIRTUAL TABLE objectives   USING bsc_objectives;
**   CREATE VIRTUAL TABLE links        USING bsc_links;
**   CREATE VIRTUAL TABLE kpis         USING bsc_kpis;
**   CREATE VIRTUAL TABLE measurements USING bsc_measurements;
**   CREATE VIRTUAL TABLE targets      USING bsc_targets;
**
** Every table T keeps its rows in two shadow tables of the same schema:
**   T_data    one row per row of T (rid INTEGER PRIMARY KEY is T's rowid)
**   T_config  key/value pairs: 'format' (the storage format), 'module', and
**             'changes', a random stamp that every write replaces (the key
**             of what caches derive from the table: bsc_store_stamps)
** so transactions, savepoints, WAL and backups treat the map as they treat
** any table. Columns, their types and their validation come from the
** entity's descriptor table in entity.c.
**
** xBestIndex: idxNum is a bit mask of the equality constraints pushed down
** to T_data: bit 0 the rowid, bit 1+i column i. The values arrive in xFilter
** in bit order.
*/
#include "table.h"
#include "shadow.h"
#include "load.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a module's registration hands to xCreate and xConnect. */
typedef struct TableAux {
  BscConn *conn;
  const BscEntityHooks *hooks; /* NULL: none */
} TableAux;

typedef struct BscCursor {
  sqlite3_vtab_cursor base;
  sqlite3_stmt *pScan; /* SELECT rid, <stored columns> FROM T_data ..., borrowed */
  int scanGeneration;  /* the store's, for handing pScan back */
  int eof;
  int storeFresh; /* the store was refreshed for the current row */
  void *pDerived; /* the entity's xDerive results for the current row */
} BscCursor;


static int set_error(BscTable *p, char *zMsg) {
  sqlite3_free(p->head.base.zErrMsg);
  p->head.base.zErrMsg = zMsg;
  return zMsg ? SQLITE_CONSTRAINT : SQLITE_NOMEM;
}

/* ----------------------------------------------------------------- writes */

/* Checks every REF column of aRow names an existing row of the right kind. */
/* The first reference of aRow, from column *piCol on, to no row of the
** kind it must name: its message, and *piCol set past its column. */
static char *check_references_from(BscTable *p, const BscCell *aRow, int *piCol, int *pRc) {
  const BscEntity *e = p->ent;
  for (int i = *piCol; i < e->nCol; i++) {
    *piCol = i + 1;
    const BscColumn *col = &e->aCol[i];
    if (col->kind != BSC_REF || aRow[i].type != SQLITE_TEXT) continue;
    int owner;
    if ((*pRc = bsc_id_owner(p, col->refs, aRow[i].z, &owner)) != SQLITE_OK) return 0;
    if (owner >= 0) continue;
    /* Not of the right kind: say what it is, when it is something else. */
    unsigned others = 0;
    for (int t = 0; t < BSC_N_ENTITY; t++) {
      if (col->refs & BSC_MASK(t)) others |= bscEntities[t].idPeers;
    }
    if ((*pRc = bsc_id_owner(p, others & ~col->refs, aRow[i].z, &owner)) != SQLITE_OK) return 0;
    char *zWant = bsc_noun_list(p, col->refs);
    char *zMsg;
    if (owner >= 0) {
      zMsg = sqlite3_mprintf("bsc: %s.%s: '%q' is %s, not %s", p->zName, col->name, aRow[i].z,
                             bscEntities[owner].article, zWant ? zWant : "");
    } else {
      /* ids are case-sensitive: point at one that differs only in case */
      char *zSimilar = 0;
      if ((*pRc = bsc_similar_id(p, col->refs, aRow[i].z, &zSimilar)) != SQLITE_OK) {
        sqlite3_free(zWant);
        return 0;
      }
      char *zHint = zSimilar ? sqlite3_mprintf("; did you mean '%q'?", zSimilar) : 0;
      zMsg = sqlite3_mprintf("bsc: %s.%s: '%q' is not %s of this map%s", p->zName, col->name,
                             aRow[i].z, zWant ? zWant : "", zHint ? zHint : "");
      sqlite3_free(zHint);
      sqlite3_free(zSimilar);
    }
    sqlite3_free(zWant);
    if (!zMsg) *pRc = SQLITE_NOMEM;
    return zMsg;
  }
  *piCol = e->nCol;
  return 0;
}

static char *check_references(BscTable *p, const BscCell *aRow, int *pRc) {
  int iCol = 0;
  return check_references_from(p, aRow, &iCol, pRc);
}

/* Whether v, given for derived column iCol of row rid, is what that
** column reads as now. UPDATE ... FROM hands xUpdate the value of every
** column instead of "unchanged", so a derived column nobody wrote arrives
** holding its own value. */
static int derived_is_current(BscTable *p, int iCol, sqlite3_int64 rid, sqlite3_value *v,
                              int *pSame) {
  sqlite3_stmt *pStmt = 0;
  *pSame = 0;
  /* not cached: a statement on this very table would keep it connected */
  char *zSql = sqlite3_mprintf("SELECT \"%w\" FROM \"%w\".\"%w\" WHERE rowid=?",
                               p->ent->aCol[iCol].name, p->store.zSchema, p->zName);
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(pStmt, 1, rid);
    if (sqlite3_step(pStmt) == SQLITE_ROW) {
      sqlite3_value *cur = sqlite3_column_value(pStmt, 0);
      int type = sqlite3_value_type(cur);
      if (type == sqlite3_value_type(v)) {
        switch (type) {
          case SQLITE_NULL: *pSame = 1; break;
          case SQLITE_INTEGER: *pSame = sqlite3_value_int64(cur) == sqlite3_value_int64(v); break;
          case SQLITE_FLOAT: *pSame = sqlite3_value_double(cur) == sqlite3_value_double(v); break;
          default: /* text: a derived column holds no blob */
            *pSame = strcmp((const char *)sqlite3_value_text(cur), (const char *)sqlite3_value_text(v)) == 0;
        }
      }
    }
  }
  int rc2 = sqlite3_finalize(pStmt);
  return rc != SQLITE_OK ? rc : rc2;
}

/* Normalises argv into aNew, then checks the row's own rules and its
** references. Key columns first, so that other errors can name the row. */
static char *check_new_row(BscTable *p, BscOp op, sqlite3_int64 oldRid, sqlite3_value **argv,
                           int refsByInsert, BscCell *aNew, int *pRc) {
  const BscEntity *e = p->ent;
  char *zMsg = 0;
  for (int pass = 0; pass < 2 && !zMsg && *pRc == SQLITE_OK; pass++) {
    for (int i = 0; i < e->nCol && !zMsg && *pRc == SQLITE_OK; i++) {
      const BscColumn *col = &e->aCol[i];
      sqlite3_value *v = argv[2 + i];
      if (((col->flags & BSC_KEY) != 0) != (pass == 0)) continue;
      if (col->kind == BSC_DERIVED) {
        if (sqlite3_value_nochange(v) || (op == OP_INSERT && sqlite3_value_type(v) == SQLITE_NULL)) continue;
        int same = 0;
        if (op == OP_UPDATE && (*pRc = derived_is_current(p, i, oldRid, v, &same)) != SQLITE_OK) continue;
        if (same) continue;
        zMsg = sqlite3_mprintf("bsc: %s.%s: %z not written; %s is derived from the map and read-only",
                               p->zName, col->name, bsc_quote_value(v), col->name);
        continue;
      }
      zMsg = bsc_normalize_value(p, col, v, &aNew[i], pRc);
    }
    if (pass == 0 && zMsg) return zMsg;
  }
  if (zMsg) {
    /* name the row, whose key is known by now */
    char *zKey = bsc_row_key_label(e, aNew);
    if (zKey && zKey[0]) {
      char *zMore = sqlite3_mprintf("%s (row %s)", zMsg, zKey);
      if (zMore) sqlite3_free(zMsg), zMsg = zMore;
    }
    sqlite3_free(zKey);
    return zMsg;
  }
  if (*pRc != SQLITE_OK) return 0;
  /* rules across columns and references name their values themselves */
  if (e->xRowRule && (zMsg = e->xRowRule((BscTable *)p, aNew)) != 0) return zMsg;
  if (p->hooks && p->hooks->xRowRule && (zMsg = p->hooks->xRowRule(p, aNew)) != 0) return zMsg;
  return refsByInsert ? 0 : check_references(p, aNew, pRc);
}

/* Whether two cells hold the same value (a number as stored: 1 and 1.0 differ). */
static int cells_equal(const BscCell *a, const BscCell *b) {
  if (a->type != b->type) return 0;
  switch (a->type) {
    case SQLITE_INTEGER: return a->i == b->i;
    case SQLITE_FLOAT: return a->r == b->r;
    case SQLITE_TEXT: return strcmp(a->z, b->z) == 0;
    default: return 1;
  }
}

static int keys_equal(const BscEntity *e, const BscCell *a, const BscCell *b) {
  for (int i = 0; i < e->nCol; i++) {
    if (!(e->aCol[i].flags & BSC_KEY)) continue;
    if (a[i].type != b[i].type) return 0;
    if (a[i].type == SQLITE_TEXT && strcmp(a[i].z, b[i].z) != 0) return 0;
  }
  return 1;
}

/* Refuses to let a referred-to id disappear (by delete or by rename). */
static char *check_no_referrer(BscTable *p, BscOp op, const BscCell *aOld, int *pRc) {
  const BscColumn *col = &p->ent->aCol[0];
  char *zRow = 0;
  if (col->kind != BSC_ID || aOld[0].type != SQLITE_TEXT) return 0;
  if ((*pRc = bsc_find_referrer(p, aOld[0].z, &zRow)) != SQLITE_OK || !zRow) return 0;
  char *zMsg = sqlite3_mprintf(
      "bsc: %s.%s: cannot %s %s '%q': %s still refers to it; change or delete that row first",
      p->zName, col->name, op == OP_DELETE ? "delete" : "rename", p->ent->noun, aOld[0].z, zRow);
  sqlite3_free(zRow);
  if (!zMsg) *pRc = SQLITE_NOMEM;
  return zMsg;
}

/* Refuses a key that another row holds, unless the statement says
** OR REPLACE, in which case that row is to go (*pGone). Ids of processes,
** objectives and initiatives share one namespace, and REPLACE does not reach across
** tables. byInsert: the table's own key is left to the INSERT of the row,
** whose UNIQUE constraint finds a row that holds it (the caller then asks
** again, for the message). */
static char *check_key_free(BscTable *p, BscOp op, sqlite3_int64 oldRid, const BscCell *aNew, int byInsert,
                            sqlite3_int64 *pGone, int *pRc) {
  const BscEntity *e = p->ent;
  sqlite3_int64 rid = 0;
  int owner = -1;
  char *zMsg = 0;
  if (e->idPeers && aNew[0].type == SQLITE_TEXT) {
    if ((*pRc = bsc_id_owner(p, e->idPeers, aNew[0].z, &owner)) != SQLITE_OK) return 0;
  }
  if (owner >= 0) {
    int init = e->id == BSC_INITIATIVES || owner == BSC_INITIATIVES;
    zMsg = sqlite3_mprintf(
        "bsc: %s.%s: '%q' is already the id of %s; processes%s objectives%s share one set of ids",
        p->zName, e->aCol[0].name, aNew[0].z, bscEntities[owner].article, init ? "," : " and",
        init ? " and initiatives" : "");
  } else {
    if (byInsert) return 0;
    if ((*pRc = bsc_find_by_key(p, aNew, &rid)) != SQLITE_OK) return 0;
    if (rid == 0 || (op == OP_UPDATE && rid == oldRid)) return 0;
    if (sqlite3_vtab_on_conflict(p->db) == SQLITE_REPLACE) {
      *pGone = rid;
      return 0;
    }
    char *zKey = bsc_row_key_label(e, aNew);
    zMsg = sqlite3_mprintf("bsc: %s: %s with %s already exists", p->zName, e->article,
                           zKey ? zKey : "");
    sqlite3_free(zKey);
  }
  if (!zMsg) *pRc = SQLITE_NOMEM;
  return zMsg;
}

/* Refuses an explicit rowid (INSERT or UPDATE of rowid) that another row
** holds, unless the statement says OR REPLACE and nothing refers to that
** row, in which case it is to go (*pGone). */
static char *check_rowid_free(BscTable *p, sqlite3_int64 oldRid, sqlite3_value *pNewRid,
                              const BscCell *aNew, sqlite3_int64 *pGone, int *pRc) {
  const BscEntity *e = p->ent;
  BscCell aOther[BSC_MAX_COL];
  int found = 0;
  char *zMsg = 0;
  if (!pNewRid || sqlite3_value_type(pNewRid) == SQLITE_NULL) return 0;
  sqlite3_int64 rid = sqlite3_value_int64(pNewRid);
  if (rid == oldRid) return 0;
  memset(aOther, 0, sizeof(aOther));
  if ((*pRc = bsc_load_row(p, rid, aOther, &found)) != SQLITE_OK || !found) {
    bsc_row_clear(aOther, e->nCol);
    return 0;
  }
  if (sqlite3_vtab_on_conflict(p->db) == SQLITE_REPLACE) {
    /* a row with the same key is replaced, not deleted: its referrers stay valid */
    if (!keys_equal(e, aOther, aNew)) zMsg = check_no_referrer(p, OP_DELETE, aOther, pRc);
    if (!zMsg && *pRc == SQLITE_OK) *pGone = rid;
  } else {
    char *zKey = bsc_row_key_label(e, aOther);
    zMsg = sqlite3_mprintf("bsc: %s: rowid %lld already belongs to the row with %s", p->zName,
                           rid, zKey ? zKey : "");
    sqlite3_free(zKey);
    if (!zMsg) *pRc = SQLITE_NOMEM;
  }
  bsc_row_clear(aOther, e->nCol);
  return zMsg;
}

static int table_update(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv, sqlite3_int64 *pRowid) {
  BscTable *p = (BscTable *)pVtab;
  const BscEntity *e = p->ent;
  BscCell aOld[BSC_MAX_COL], aNew[BSC_MAX_COL];
  BscOp op = argc == 1 ? OP_DELETE : sqlite3_value_type(argv[0]) == SQLITE_NULL ? OP_INSERT : OP_UPDATE;
  sqlite3_int64 oldRid = op == OP_INSERT ? 0 : sqlite3_value_int64(argv[0]);
  char *zMsg = 0;
  int found = 1;
  memset(aOld, 0, sizeof(aOld));
  memset(aNew, 0, sizeof(aNew));
  if (p->zSource && sqlite3_db_readonly(p->db, p->store.zSchema) != 1) {
    /* older storage lacks a column: it is written after an upgrade (upgrade.c) */
    int rc = set_error(p, sqlite3_mprintf("bsc: %s: its storage (format %d, from an older bsc) has no column "
                                          "%s; bsc reads it as it is, and writes it after an upgrade: run "
                                          "SELECT bsc_upgrade('%q') once",
                                          p->zName, p->format, p->zMissing, p->store.zSchema));
    bsc_load_failed(p->conn, p->db, p->head.base.zErrMsg);
    return rc;
  }

  int rc = bsc_store_refresh(&p->store);
  if (rc == SQLITE_OK && op != OP_INSERT) rc = bsc_load_row(p, oldRid, aOld, &found);
  if (rc == SQLITE_OK && !found) {
    zMsg = sqlite3_mprintf("bsc: %s: no row with rowid %lld", p->zName, oldRid);
    if (!zMsg) rc = SQLITE_NOMEM;
  }
  p->head.iRid = oldRid; /* for the rules that compare the row with the others */
  /* a plain INSERT's key is checked by the row's INSERT itself, and so
  ** are the ids it refers to when nothing is checked between the two: a
  ** probe first would look up the same index once more */
  sqlite3_value *pNewRid = argc > 1 ? argv[1] : 0;
  int byInsert = op == OP_INSERT && (!pNewRid || sqlite3_value_type(pNewRid) == SQLITE_NULL) &&
                 sqlite3_vtab_on_conflict(p->db) != SQLITE_REPLACE;
  int refsByInsert = byInsert && !e->idPeers;
  if (rc == SQLITE_OK && !zMsg && op != OP_DELETE) {
    zMsg = check_new_row(p, op, oldRid, argv, refsByInsert, aNew, &rc);
  }
  if (rc == SQLITE_OK && !zMsg && op != OP_INSERT && (op == OP_DELETE || !keys_equal(e, aOld, aNew))) {
    zMsg = check_no_referrer(p, op, aOld, &rc);
    if (rc == SQLITE_OK && !zMsg && p->hooks && p->hooks->xGoneRule) zMsg = p->hooks->xGoneRule(p, aOld);
  }
  /* rows that OR REPLACE removes: deleted only once every check passed,
  ** so a refused write changes nothing */
  sqlite3_int64 aGone[2] = {0, 0};
  if (rc == SQLITE_OK && !zMsg && op != OP_DELETE) {
    zMsg = check_key_free(p, op, oldRid, aNew, byInsert, &aGone[0], &rc);
  }
  if (rc == SQLITE_OK && !zMsg && op != OP_DELETE) {
    zMsg = check_rowid_free(p, oldRid, pNewRid, aNew, &aGone[1], &rc);
  }
  for (int i = 0; rc == SQLITE_OK && !zMsg && i < 2; i++) {
    if (aGone[i] && (i == 0 || aGone[1] != aGone[0])) rc = bsc_write_row(p, OP_DELETE, aGone[i], 0, 0, 0);
  }
  /* the stamp before the row: SQLite does not undo the nested writes of a
  ** statement it takes for a reader when it is interrupted, so the row is
  ** the last thing written, and lands only with its stamp */
  sqlite3_int64 stampXor = 0;
  if (rc == SQLITE_OK && !zMsg) rc = bsc_bump_stamp(p, &stampXor);
  if (rc == SQLITE_OK && !zMsg && refsByInsert) {
    int written;
    rc = bsc_insert_checked(p, aNew, pRowid, &written);
    /* not written: an id it refers to is missing, which the check says */
    if (rc == SQLITE_OK && !written && !(zMsg = check_references(p, aNew, &rc)) && rc == SQLITE_OK) {
      rc = bsc_write_row(p, op, oldRid, pNewRid, aNew, pRowid);
    }
  } else if (rc == SQLITE_OK && !zMsg) {
    rc = bsc_write_row(p, op, oldRid, pNewRid, aNew, pRowid);
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT && byInsert) {
    /* the key is taken: the message a probe first would have given */
    char *zSqlite = sqlite3_mprintf("bsc: %s: %s", p->zName, sqlite3_errmsg(p->db));
    rc = SQLITE_OK;
    zMsg = check_key_free(p, op, oldRid, aNew, 0, &aGone[0], &rc);
    if (rc == SQLITE_OK && !zMsg) zMsg = zSqlite, zSqlite = 0; /* no row holds it: SQLite's own word */
    if (rc == SQLITE_OK && !zMsg) rc = SQLITE_NOMEM;
    sqlite3_free(zSqlite);
  }
  if (rc == SQLITE_OK && !zMsg && bsc_conn_followed(p->conn)) { /* a write that landed: told to the caches */
    BscWrite w;
    memset(&w, 0, sizeof(w));
    w.zSchema = p->store.zSchema;
    w.iEntity = e->id;
    w.stampXor = stampXor;
    w.rid = op == OP_DELETE ? 0 : op == OP_INSERT ? *pRowid
          : pNewRid && sqlite3_value_type(pNewRid) != SQLITE_NULL ? sqlite3_value_int64(pNewRid) : oldRid;
    w.bOther = aGone[0] || aGone[1];
    w.bOtherKey = aGone[1] && aGone[1] != aGone[0];
    w.bMoved = op == OP_UPDATE && w.rid != oldRid;
    for (int i = 0; op == OP_UPDATE && i < e->nCol; i++) {
      if (bsc_is_stored(&e->aCol[i]) && !cells_equal(&aOld[i], &aNew[i])) w.changed |= 1u << (i < 31 ? i : 31);
    }
    for (int i = 0, k = 0; i < e->nCol && k < 2; i++) {
      if (!(e->aCol[i].flags & BSC_KEY)) continue;
      if (op != OP_INSERT) {
        w.azKey[k] = aOld[i].z;
        if (aOld[i].type != SQLITE_TEXT) w.bOther = w.bOtherKey = 1; /* a key written past bsc: not followed */
      }
      if (op != OP_DELETE) w.azNew[k] = aNew[i].type == SQLITE_TEXT ? aNew[i].z : 0;
      k++;
    }
    bsc_conn_tell(p->conn, &w);
  }

  bsc_row_clear(aOld, e->nCol);
  bsc_row_clear(aNew, e->nCol);
  if (zMsg) {
    rc = set_error(p, zMsg);
  } else if (rc != SQLITE_OK && !p->head.base.zErrMsg) {
    p->head.base.zErrMsg = sqlite3_mprintf("bsc: %s: %s", p->zName, sqlite3_errmsg(p->db));
  }
  if (rc != SQLITE_OK) bsc_load_failed(p->conn, p->db, p->head.base.zErrMsg);
  return rc;
}

/* -------------------------------------------------------------- lifecycle */

/* The schema declared to SQLite: every column, derived ones included.
** No PRIMARY KEY clause, though the key columns are one (table.c enforces
** it): SQLite 3.40 gives a virtual table's declared non-INTEGER primary key
** an index whose root page is the number of an opcode of the declaring
** statement (11), and PRAGMA integrity_check then reports "2nd reference to
** page 11" of a sound file once a map table has been used. */
static char *declared_schema(const BscEntity *e) {
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendall(s, "CREATE TABLE x(");
  for (int i = 0; i < e->nCol; i++) {
    const BscColumn *c = &e->aCol[i];
    sqlite3_str_appendf(s, "%s\"%w\" %s", i ? ", " : "", c->name, c->type);
    if (c->flags & BSC_NOTNULL) sqlite3_str_appendall(s, " NOT NULL");
    if (c->dflt) sqlite3_str_appendf(s, " DEFAULT %s", c->dflt);
  }
  sqlite3_str_appendall(s, ")");
  return sqlite3_str_finish(s);
}

static int table_disconnect(sqlite3_vtab *pVtab) {
  BscTable *p = (BscTable *)pVtab;
  bsc_store_clear(&p->store);
  sqlite3_free(p->zName);
  sqlite3_free(p->zSource);
  sqlite3_free(p->zMissing);
  sqlite3_free(p);
  return SQLITE_OK;
}

static int table_init(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr, int isCreate) {
  const BscEntity *e = bsc_entity_by_module(argv[0]);
  BscTable *p;
  int rc = SQLITE_OK;
  *ppVtab = 0;
  if (!e) return SQLITE_ERROR;
  if (argc > 3) {
    *pzErr = sqlite3_mprintf("bsc: %s: %s takes no arguments, not '%s'", argv[2], e->module, argv[3]);
    return SQLITE_ERROR;
  }
  if (isCreate) {
    char *zOther = 0;
    rc = bsc_find_table(db, argv[1], e->module, argv[2], &zOther);
    if (rc == SQLITE_OK && zOther) {
      *pzErr = sqlite3_mprintf("bsc: %s: schema %s already has a %s table, %s; a schema holds "
                               "one map (attach another database for a second map)",
                               argv[2], argv[1], e->module, zOther);
      sqlite3_free(zOther);
      return SQLITE_ERROR;
    }
    if (rc != SQLITE_OK) return rc;
  }
  p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->conn = ((TableAux *)pAux)->conn;
  p->hooks = ((TableAux *)pAux)->hooks;
  p->ent = e;
  p->zName = sqlite3_mprintf("%s", argv[2]);
  p->head.zName = p->zName;
  p->head.pStore = &p->store;
  rc = bsc_store_init(&p->store, db, argv[1]);
  if (rc == SQLITE_OK && !p->zName) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && isCreate) {
    char *zSql = bsc_shadow_schema(e, argv[1], argv[2]);
    char *zErr = 0;
    rc = zSql ? sqlite3_exec(db, zSql, 0, 0, &zErr) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (rc != SQLITE_OK && zErr) {
      *pzErr = sqlite3_mprintf("bsc: %s: cannot create its storage: %s", p->zName, zErr);
    }
    sqlite3_free(zErr);
  }
  int format = BSC_FORMAT;
  if (rc == SQLITE_OK) rc = bsc_format_read(db, p->store.zSchema, p->zName, &format, pzErr);
  p->format = format;
  if (rc == SQLITE_OK && format < BSC_FORMAT) rc = bsc_read_as_is(p);
  if (rc == SQLITE_OK) {
    char *zDecl = declared_schema(e);
    rc = zDecl ? sqlite3_declare_vtab(db, zDecl) : SQLITE_NOMEM;
    sqlite3_free(zDecl);
  }
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_CONSTRAINT_SUPPORT, 1);
  if (rc == SQLITE_OK) rc = sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  if (rc != SQLITE_OK) {
    /* not argv[2]: a nested statement that ran out of memory may have reset
    ** the schema, and argv with it */
    if (!*pzErr && p->zName) *pzErr = sqlite3_mprintf("bsc: %s: %s", p->zName, sqlite3_errmsg(db));
    table_disconnect(&p->head.base);
    return rc;
  }
  *ppVtab = &p->head.base;
  return SQLITE_OK;
}

static int table_create(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                        sqlite3_vtab **ppVtab, char **pzErr) {
  return table_init(db, pAux, argc, argv, ppVtab, pzErr, 1);
}

static int table_connect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr) {
  return table_init(db, pAux, argc, argv, ppVtab, pzErr, 0);
}

static int table_destroy(sqlite3_vtab *pVtab) {
  BscTable *p = (BscTable *)pVtab;
  char *zSql = sqlite3_mprintf("DROP TABLE IF EXISTS \"%w\".\"%w_data\";"
                               "DROP TABLE IF EXISTS \"%w\".\"%w_config\";",
                               p->store.zSchema, p->zName, p->store.zSchema, p->zName);
  /* the cached statements go first: they would keep the shadow tables locked */
  bsc_store_forget(&p->store);
  int rc = zSql ? sqlite3_exec(p->db, zSql, 0, 0, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) table_disconnect(pVtab);
  return rc;
}

static int table_rename(sqlite3_vtab *pVtab, const char *zNew) {
  BscTable *p = (BscTable *)pVtab;
  char *zSql = sqlite3_mprintf("ALTER TABLE \"%w\".\"%w_data\" RENAME TO \"%w_data\";"
                               "ALTER TABLE \"%w\".\"%w_config\" RENAME TO \"%w_config\";",
                               p->store.zSchema, p->zName, zNew, p->store.zSchema, p->zName, zNew);
  char *zName = sqlite3_mprintf("%s", zNew);
  int rc = (zSql && zName) ? SQLITE_OK : SQLITE_NOMEM;
  if (rc == SQLITE_OK) {
    bsc_store_forget(&p->store);
    rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  }
  sqlite3_free(zSql);
  if (rc == SQLITE_OK) {
    sqlite3_free(p->zName);
    p->zName = zName;
    p->head.zName = zName;
    return rc;
  }
  /* say why: SQLite's own message would be "SQL logic error" */
  sqlite3_free(p->head.base.zErrMsg);
  p->head.base.zErrMsg = sqlite3_mprintf("bsc: %s: cannot rename it to %s: %s", p->zName, zNew,
                                    rc == SQLITE_NOMEM ? sqlite3_errstr(rc) : sqlite3_errmsg(p->db));
  sqlite3_free(zName);
  return rc;
}

/* Writes need no transaction work of their own (the shadow tables are
** ordinary tables), but a rollback must tell the map's readers that what
** they cached may be gone, and a transaction the map refused a write in
** must not commit (load.c). */
static int table_begin(sqlite3_vtab *pVtab) {
  /* without xBegin, SQLite would call no xSync nor xCommit */
  bsc_stamp_stale((BscTable *)pVtab);
  return SQLITE_OK;
}

static int table_sync(sqlite3_vtab *pVtab) {
  BscTable *p = (BscTable *)pVtab;
  char *zMsg = bsc_load_refusal(p->conn);
  if (!zMsg) return SQLITE_OK;
  sqlite3_free(p->head.base.zErrMsg);
  p->head.base.zErrMsg = zMsg;
  return SQLITE_CONSTRAINT;
}

static int table_commit(sqlite3_vtab *pVtab) {
  bsc_stamp_stale((BscTable *)pVtab);
  bsc_load_end(((BscTable *)pVtab)->conn);
  return SQLITE_OK;
}

static int table_rollback(sqlite3_vtab *pVtab) {
  BscConn *c = ((BscTable *)pVtab)->conn;
  bsc_stamp_stale((BscTable *)pVtab);
  c->rollbacks++;
  bsc_load_end(c);
  return SQLITE_OK;
}

static int table_savepoint(sqlite3_vtab *pVtab, int iSavepoint) {
  bsc_load_savepoint(((BscTable *)pVtab)->conn, iSavepoint);
  return SQLITE_OK;
}

static int table_release(sqlite3_vtab *pVtab, int iSavepoint) {
  bsc_load_release(((BscTable *)pVtab)->conn, iSavepoint);
  return SQLITE_OK;
}

static int table_rollback_to(sqlite3_vtab *pVtab, int iSavepoint) {
  BscConn *c = ((BscTable *)pVtab)->conn;
  /* a statement's rollback comes here too, when it may have undone writes */
  bsc_stamp_stale((BscTable *)pVtab);
  c->rollbacks++;
  bsc_load_rollback_to(c, ((BscTable *)pVtab)->db, iSavepoint);
  return SQLITE_OK;
}

static int table_shadow_name(const char *zSuffix) {
  return sqlite3_stricmp(zSuffix, "data") == 0 || sqlite3_stricmp(zSuffix, "config") == 0;
}

/* ------------------------------------------------------------------ reads */

static int table_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  BscTable *p = (BscTable *)pVtab;
  const BscEntity *e = p->ent;
  int idxNum = 0, nArg = 0, nKeyUsed = 0, nKey = 0;
  for (int i = 0; i < e->nCol; i++) nKey += (e->aCol[i].flags & BSC_KEY) != 0;
  /* bit order is argument order: rowid first, then columns in order */
  for (int bit = 0; bit <= e->nCol; bit++) {
    int iCol = bit - 1;
    if (iCol >= 0 && !bsc_is_stored(&e->aCol[iCol])) continue;
    for (int j = 0; j < pInfo->nConstraint; j++) {
      const struct sqlite3_index_constraint *c = &pInfo->aConstraint[j];
      if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ || c->iColumn != iCol) continue;
      if (idxNum & (1 << bit)) continue;
      /* T_data compares with BINARY: any other collation would lose rows */
      const char *zColl = iCol < 0 ? 0 : sqlite3_vtab_collation(pInfo, j);
      if (zColl && sqlite3_stricmp(zColl, "BINARY") != 0) continue;
      idxNum |= 1 << bit;
      pInfo->aConstraintUsage[j].argvIndex = ++nArg;
      pInfo->aConstraintUsage[j].omit = iCol < 0;
      if (iCol >= 0 && (e->aCol[iCol].flags & BSC_KEY)) nKeyUsed++;
    }
  }
  if ((idxNum & 1) || nKeyUsed == nKey) {
    pInfo->estimatedCost = 10;
    pInfo->estimatedRows = 1;
    pInfo->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
  } else if (idxNum) {
    pInfo->estimatedCost = 100;
    pInfo->estimatedRows = 10;
  } else {
    pInfo->estimatedCost = 100000;
    pInfo->estimatedRows = 10000;
  }
  pInfo->idxNum = idxNum;
  return SQLITE_OK;
}

static int table_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  BscCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int table_close(sqlite3_vtab_cursor *cur) {
  BscCursor *pCur = (BscCursor *)cur;
  sqlite3_free(pCur->pDerived);
  bsc_store_return(&((BscTable *)cur->pVtab)->store, pCur->pScan, pCur->scanGeneration);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

static int table_next(sqlite3_vtab_cursor *cur) {
  BscCursor *pCur = (BscCursor *)cur;
  sqlite3_free(pCur->pDerived);
  pCur->pDerived = 0;
  pCur->storeFresh = 0;
  int rc = sqlite3_step(pCur->pScan);
  if (rc == SQLITE_ROW) return SQLITE_OK;
  pCur->eof = 1;
  rc = sqlite3_reset(pCur->pScan);
  if (rc != SQLITE_OK) {
    BscTable *p = (BscTable *)cur->pVtab;
    sqlite3_free(p->head.base.zErrMsg);
    p->head.base.zErrMsg = sqlite3_mprintf("bsc: %s: %s", p->zName, sqlite3_errmsg(p->db));
  }
  return rc;
}

static int table_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  BscCursor *pCur = (BscCursor *)cur;
  BscTable *p = (BscTable *)cur->pVtab;
  const BscEntity *e = p->ent;
  (void)idxStr;
  bsc_store_return(&p->store, pCur->pScan, pCur->scanGeneration);
  pCur->pScan = 0;
  pCur->eof = 0;
  p->head.scanChecked = 0;
  int rc = bsc_store_refresh(&p->store);
  if (rc != SQLITE_OK) return rc;
  char *zCols = bsc_column_list(e, "");
  sqlite3_str *s = sqlite3_str_new(0);
  if (p->zSource) {
    sqlite3_str_appendf(s, "SELECT rid, %s FROM %s WHERE 1", zCols ? zCols : "", p->zSource);
  } else {
    sqlite3_str_appendf(s, "SELECT rid, %s FROM \"%w\".\"%w_data\" WHERE 1", zCols ? zCols : "",
                        p->store.zSchema, p->zName);
  }
  sqlite3_free(zCols);
  for (int bit = 0; bit <= e->nCol; bit++) {
    if (!(idxNum & (1 << bit))) continue;
    if (bit == 0) sqlite3_str_appendall(s, " AND rid=?");
    else sqlite3_str_appendf(s, " AND [%s]=?", e->aCol[bit - 1].name);
  }
  sqlite3_str_appendall(s, " ORDER BY rid");
  char *zSql = sqlite3_str_finish(s);
  if (!zSql) return SQLITE_NOMEM;
  rc = bsc_store_borrow(&p->store, zSql, &pCur->pScan, &pCur->scanGeneration);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(pCur->pScan);
    pCur->pScan = 0;
    sqlite3_free(p->head.base.zErrMsg);
    p->head.base.zErrMsg = sqlite3_mprintf("bsc: %s: %s", p->zName, sqlite3_errmsg(p->db));
    return rc;
  }
  for (int i = 0; i < argc; i++) sqlite3_bind_value(pCur->pScan, i + 1, argv[i]);
  return table_next(cur);
}

static int table_eof(sqlite3_vtab_cursor *cur) { return ((BscCursor *)cur)->eof; }

static int table_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int iCol) {
  BscCursor *pCur = (BscCursor *)cur;
  BscTable *p = (BscTable *)cur->pVtab;
  const BscEntity *e = p->ent;
  if (bsc_is_stored(&e->aCol[iCol])) {
    int s = 1;
    for (int i = 0; i < iCol; i++) s += bsc_is_stored(&e->aCol[i]);
    sqlite3_result_value(ctx, sqlite3_column_value(pCur->pScan, s));
    return SQLITE_OK;
  }
  int (*xDerive)(BscTable *, void **, int, BscCell *, sqlite3_context *) =
      p->hooks && p->hooks->xDerive ? p->hooks->xDerive : e->xDerive;
  if (sqlite3_vtab_nochange(ctx) || !xDerive) return SQLITE_OK;
  /* A view of the current row's stored cells; texts stay owned by the scan. */
  BscCell aRow[BSC_MAX_COL];
  memset(aRow, 0, sizeof(aRow));
  for (int i = 0, s = 1; i < e->nCol; i++) {
    if (!bsc_is_stored(&e->aCol[i])) continue;
    sqlite3_value *v = sqlite3_column_value(pCur->pScan, s++);
    aRow[i].type = sqlite3_value_type(v);
    if (aRow[i].type == SQLITE_INTEGER) aRow[i].i = sqlite3_value_int64(v);
    if (aRow[i].type == SQLITE_FLOAT) aRow[i].r = sqlite3_value_double(v);
    if (aRow[i].type == SQLITE_TEXT) aRow[i].z = (char *)sqlite3_value_text(v);
    if (aRow[i].type == SQLITE_BLOB) aRow[i].type = SQLITE_NULL;
  }
  /* once per row, not per derived column: the schema may change between
  ** rows (DDL while a scan is open), not between columns */
  int generation = p->store.generation;
  int rc = pCur->storeFresh ? SQLITE_OK : bsc_store_refresh(&p->store);
  pCur->storeFresh = rc == SQLITE_OK;
  if (p->store.generation != generation) p->head.scanChecked = 0; /* other tables now */
  if (rc == SQLITE_OK) rc = xDerive(p, &pCur->pDerived, iCol, aRow, ctx);
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
    /* a derived column reads other tables (a shadow column dropped there,
    ** say): say which, never SQLite's bare "SQL logic error" */
    char *zMsg = sqlite3_mprintf("bsc: %s.%s: the map's storage cannot be read (%s); SELECT * FROM "
                                 "bsc_integrity('%q') says what is wrong with it",
                                 p->zName, e->aCol[iCol].name,
                                 sqlite3_errcode(p->db) != SQLITE_OK ? sqlite3_errmsg(p->db) : sqlite3_errstr(rc),
                                 p->store.zSchema);
    if (!zMsg) return SQLITE_NOMEM;
    sqlite3_result_error(ctx, zMsg, -1);
    sqlite3_free(zMsg);
  }
  return rc;
}

static int table_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = sqlite3_column_int64(((BscCursor *)cur)->pScan, 0);
  return SQLITE_OK;
}

static sqlite3_module tableModule = {
  /* iVersion    */ 3,
  /* xCreate     */ table_create,
  /* xConnect    */ table_connect,
  /* xBestIndex  */ table_best_index,
  /* xDisconnect */ table_disconnect,
  /* xDestroy    */ table_destroy,
  /* xOpen       */ table_open,
  /* xClose      */ table_close,
  /* xFilter     */ table_filter,
  /* xNext       */ table_next,
  /* xEof        */ table_eof,
  /* xColumn     */ table_column,
  /* xRowid      */ table_rowid,
  /* xUpdate     */ table_update,
  /* xBegin      */ table_begin,
  /* xSync       */ table_sync,
  /* xCommit     */ table_commit,
  /* xRollback   */ table_rollback,
  /* xFindMethod */ 0,
  /* xRename     */ table_rename,
  /* xSavepoint  */ table_savepoint,
  /* xRelease    */ table_release,
  /* xRollbackTo */ table_rollback_to,
  /* xShadowName */ table_shadow_name,
};

/* ------------------------------------------------- stored rows checked */

/* Hands one problem to the caller: zMsg ("bsc: T.col: what" or "bsc: T:
** what", freed here) is split into its column and what is wrong, without
** the "(row ...)" that names the row, which the caller shows apart. */
static int report(BscTable *p, sqlite3_stmt *pRow, const char *zKey, sqlite3_value *pValue, char *zMsg,
                  int (*xProblem)(void *, const BscProblem *), void *pArg) {
  sqlite3_int64 rid = pRow ? sqlite3_column_int64(pRow, 0) : 0;
  BscProblem pr;
  char zColumn[64];
  size_t nName = strlen(p->zName);
  const char *z = zMsg;
  if (!zMsg) return SQLITE_NOMEM;
  memset(&pr, 0, sizeof(pr));
  pr.rid = rid;
  pr.zKey = zKey;
  pr.pValue = pValue;
  if (strncmp(z, "bsc: ", 5) == 0 && strncmp(z + 5, p->zName, nName) == 0) {
    z += 5 + nName;
    if (*z == '.') {
      size_t n = strcspn(z + 1, ":");
      if (n < sizeof(zColumn) && z[1 + n] == ':') {
        memcpy(zColumn, z + 1, n);
        zColumn[n] = 0;
        pr.zColumn = zColumn;
        z += 1 + n;
        /* a rule across columns names its column: show what it holds */
        for (int i = 0, k = 1; pRow && !pr.pValue && i < p->ent->nCol; i++) {
          if (!bsc_is_stored(&p->ent->aCol[i])) continue;
          if (strcmp(p->ent->aCol[i].name, zColumn) == 0) pr.pValue = sqlite3_column_value(pRow, k);
          k++;
        }
      }
    }
    if (*z == ':') z++;
    while (*z == ' ') z++;
  }
  /* the row is the caller's to name */
  size_t n = strlen(z);
  if (zKey) {
    char *zTail = sqlite3_mprintf(" (row %s)", zKey);
    if (!zTail) {
      sqlite3_free(zMsg);
      return SQLITE_NOMEM;
    }
    size_t nTail = strlen(zTail);
    if (n > nTail && strcmp(z + n - nTail, zTail) == 0) n -= nTail;
    sqlite3_free(zTail);
  }
  char *zProblem = sqlite3_mprintf("%.*s", (int)n, z);
  sqlite3_free(zMsg);
  if (!zProblem) return SQLITE_NOMEM;
  pr.zProblem = zProblem;
  int rc = xProblem(pArg, &pr);
  sqlite3_free(zProblem);
  return rc;
}

/* Whether a stored value is the cell the engine would store for it. */
static int stored_as_normalised(sqlite3_value *v, const BscCell *c) {
  int type = sqlite3_value_type(v);
  if (type != c->type) return 0;
  switch (type) {
    case SQLITE_INTEGER: return sqlite3_value_int64(v) == c->i;
    case SQLITE_FLOAT: return sqlite3_value_double(v) == c->r;
    case SQLITE_TEXT: return strcmp((const char *)sqlite3_value_text(v), c->z) == 0;
    default: return 1;
  }
}

/* Whether zMsg ("bsc: T.col: ...") is about a column of badMask, one whose
** value no write would take: a rule across columns that read it as NULL
** has nothing to add about it. */
static int about_bad_column(BscTable *p, const char *zMsg, unsigned badMask) {
  size_t nName = strlen(p->zName);
  if (!badMask || strncmp(zMsg, "bsc: ", 5) != 0 || strncmp(zMsg + 5, p->zName, nName) != 0) return 0;
  const char *z = zMsg + 5 + nName;
  if (*z++ != '.') return 0;
  for (int i = 0; i < p->ent->nCol && i < 32; i++) {
    size_t n = strlen(p->ent->aCol[i].name);
    if ((badMask & (1u << i)) && strncmp(z, p->ent->aCol[i].name, n) == 0 && z[n] == ':') return 1;
  }
  return 0;
}

/* Reports a rule's problem zMsg (owned) unless it is about a bad column. */
static int report_rule(BscTable *p, sqlite3_stmt *pRow, const char *zKey, char *zMsg, unsigned badMask,
                       int (*xProblem)(void *, const BscProblem *), void *pArg, int *pnBad) {
  if (about_bad_column(p, zMsg, badMask)) {
    sqlite3_free(zMsg);
    return SQLITE_OK;
  }
  (*pnBad)++;
  return report(p, pRow, zKey, 0, zMsg, xProblem, pArg);
}

/* Checks one stored row: each column as a write would, then the rules
** across columns, the references and the ids shared with peer tables, each
** problem reported on its own. A column whose value no write would take
** reads as NULL for the rules across columns (which hold only between
** values: a self-link is found whatever its weight holds), and a row whose
** key is bad is not looked up by it. */
static int check_stored_row(BscTable *p, sqlite3_stmt *pStmt, BscCell *aRow,
                            int (*xProblem)(void *, const BscProblem *), void *pArg, int *pnProblem) {
  const BscEntity *e = p->ent;
  sqlite3_int64 rid = sqlite3_column_int64(pStmt, 0);
  int rc = SQLITE_OK, nBad = 0, nBadKey = 0;
  unsigned badMask = 0; /* columns whose value no write would take */
  char *zKey = 0;
  /* keys first, so that the other problems can name the row */
  for (int pass = 0; pass < 2 && rc == SQLITE_OK; pass++) {
    if (pass == 1) {
      zKey = nBadKey ? 0 : bsc_row_key_label(e, aRow);
      if (!nBadKey && !zKey) rc = SQLITE_NOMEM;
      else if (zKey && !zKey[0]) sqlite3_free(zKey), zKey = 0;
    }
    for (int i = 0, s = 1; rc == SQLITE_OK && i < e->nCol; i++) {
      if (!bsc_is_stored(&e->aCol[i])) continue;
      sqlite3_value *v = sqlite3_column_value(pStmt, s++);
      if (((e->aCol[i].flags & BSC_KEY) != 0) != (pass == 0)) continue;
      char *zMsg = bsc_normalize_value(p, &e->aCol[i], v, &aRow[i], &rc);
      if (rc != SQLITE_OK) {
        sqlite3_free(zMsg);
        break;
      }
      if (zMsg) {
        bsc_cell_clear(&aRow[i]); /* no value: NULL to the rules below */
        if (i < 32) badMask |= 1u << i;
        if (pass == 0) nBadKey++;
      } else if (!stored_as_normalised(v, &aRow[i])) {
        /* a valid value stored otherwise: the rules below read it as bsc would store it */
        char *zHave = bsc_quote_value(v);
        char *zWant = 0;
        if (aRow[i].type == SQLITE_TEXT) zWant = bsc_quote_text(aRow[i].z);
        else if (aRow[i].type == SQLITE_FLOAT) zWant = sqlite3_mprintf("%!.15g (a REAL)", aRow[i].r);
        else if (aRow[i].type == SQLITE_INTEGER) zWant = sqlite3_mprintf("%lld (an INTEGER)", aRow[i].i);
        else zWant = sqlite3_mprintf("NULL");
        zMsg = zHave && zWant ? sqlite3_mprintf("bsc: %s.%s: %s is stored where bsc stores %s", p->zName,
                                                e->aCol[i].name, zHave, zWant)
                              : 0;
        sqlite3_free(zHave);
        sqlite3_free(zWant);
        if (!zMsg) rc = SQLITE_NOMEM;
      }
      if (zMsg) {
        nBad++;
        rc = report(p, pStmt, zKey, v, zMsg, xProblem, pArg);
      }
    }
  }
  char *zMsg = 0;
  p->head.iRid = rid; /* the rules' own row, for the rules that look at others */
  if (rc == SQLITE_OK && e->xRowRule) {
    zMsg = e->xRowRule((BscTable *)p, aRow);
    if (zMsg) rc = report_rule(p, pStmt, zKey, zMsg, badMask, xProblem, pArg, &nBad), zMsg = 0;
  }
  if (rc == SQLITE_OK && p->hooks && p->hooks->xRowRule) {
    zMsg = p->hooks->xRowRule(p, aRow);
    if (zMsg) rc = report_rule(p, pStmt, zKey, zMsg, badMask, xProblem, pArg, &nBad), zMsg = 0;
  }
  for (int iCol = 0; rc == SQLITE_OK && iCol < e->nCol;) {
    zMsg = check_references_from(p, aRow, &iCol, &rc);
    if (zMsg) rc = report_rule(p, pStmt, zKey, zMsg, badMask, xProblem, pArg, &nBad), zMsg = 0;
  }
  if (rc == SQLITE_OK && nBadKey == 0 && e->idPeers) {
    sqlite3_int64 gone = 0;
    zMsg = check_key_free(p, OP_UPDATE, rid, aRow, 0, &gone, &rc);
    if (zMsg) nBad++, rc = report(p, pStmt, zKey, 0, zMsg, xProblem, pArg), zMsg = 0;
  }
  sqlite3_free(zMsg);
  sqlite3_free(zKey);
  bsc_row_clear(aRow, e->nCol);
  *pnProblem += nBad;
  return rc;
}

int bsc_table_check(sqlite3 *db, BscConn *pConn, const BscEntityHooks *pHooks, const char *zSchema,
                    const char *zTable, const BscEntity *e,
                    int (*xProblem)(void *, const BscProblem *), void *pArg, int *pnProblem) {
  BscCell aRow[BSC_MAX_COL];
  sqlite3_stmt *pStmt = 0;
  char *zErr = 0;
  int format = 0;
  BscTable *p = sqlite3_malloc(sizeof(*p));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  memset(aRow, 0, sizeof(aRow));
  p->db = db;
  p->conn = pConn;
  p->ent = e;
  p->hooks = pHooks;
  p->zName = sqlite3_mprintf("%s", zTable);
  p->head.zName = p->zName;
  p->head.pStore = &p->store;
  int rc = bsc_store_init(&p->store, db, zSchema);
  if (rc == SQLITE_OK && !p->zName) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK) rc = bsc_store_refresh(&p->store);
  /* the table as a whole: its format, and the columns its rows need */
  if (rc == SQLITE_OK && (rc = bsc_format_read(db, zSchema, zTable, &format, &zErr)) != SQLITE_OK && zErr) {
    (*pnProblem)++;
    rc = report(p, 0, 0, 0, zErr, xProblem, pArg);
    zErr = 0;
    format = BSC_FORMAT; /* the rows are still worth reading */
  }
  if (rc == SQLITE_OK && format < BSC_FORMAT) rc = bsc_read_as_is(p);
  if (rc == SQLITE_OK) {
    char *zCols = bsc_column_list(e, "");
    char *zSql = !zCols ? 0
                 : p->zSource ? sqlite3_mprintf("SELECT rid, %s FROM %s", zCols, p->zSource)
                              : sqlite3_mprintf("SELECT rid, %s FROM \"%w\".\"%w_data\"", zCols, zSchema, zTable);
    rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zCols);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
      /* a dropped or renamed shadow column, say: no row can be read */
      (*pnProblem)++;
      rc = report(p, 0, 0, 0,
                  sqlite3_mprintf("bsc: %s: its storage %s_data cannot be read as the table's columns: %s",
                                  zTable, zTable, sqlite3_errmsg(db)),
                  xProblem, pArg);
      sqlite3_finalize(pStmt);
      pStmt = 0;
    }
  }
  while (rc == SQLITE_OK && pStmt && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    rc = check_stored_row(p, pStmt, aRow, xProblem, pArg, pnProblem);
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pStmt);
  sqlite3_free(zErr);
  bsc_row_clear(aRow, e->nCol);
  table_disconnect(&p->head.base);
  return rc;
}

static void aux_free(void *p) {
  bsc_conn_unref(((TableAux *)p)->conn);
  sqlite3_free(p);
}

int bsc_register_tables(sqlite3 *db, BscConn *pConn, const BscEntityHooks *aHooks) {
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < BSC_N_ENTITY; i++) {
    TableAux *aux = sqlite3_malloc(sizeof(*aux));
    if (!aux) return SQLITE_NOMEM;
    aux->conn = bsc_conn_ref(pConn);
    aux->hooks = aHooks ? &aHooks[i] : 0;
    /* on failure SQLite calls aux_free itself */
    rc = sqlite3_create_module_v2(db, bscEntities[i].module, &tableModule, aux, aux_free);
  }
  return rc;
}

