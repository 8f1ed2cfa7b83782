/*
** Storage for the table engine: every table T keeps its rows in T_data and
** its settings (format, module, change stamp) in T_config (see table.c).
** Here: the shadow tables' creation and upgrade, and every statement a
** write or a check runs on them, kept by number in the table's store
** (store.c) so that none is formatted or prepared twice.
*/
#include "shadow.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
#include <limits.h>
#include <string.h>

/* ---------------------------------------------------------------- storage */

/* The statement in slot iSlot, or NULL when it is yet to be prepared: a
** lookup formats no SQL. */
sqlite3_stmt *bsc_kept(BscTable *p, int iSlot) { return p->store.aSlot[iSlot]; }

/* A probe prepared in slot iSlot from zSql (sqlite3_malloc'd, freed here);
** zSql NULL is out of memory. */
int bsc_prepare_slot(BscTable *p, int iSlot, char *zSql, sqlite3_stmt **pp) {
  int rc = zSql ? bsc_store_slot(&p->store, iSlot, pp, "%s", zSql) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  return rc;
}

/* Steps a probe once: *pFound says whether it gave a row; the statement is
** left on that row for the caller, who resets it. */
int bsc_probe(sqlite3_stmt *pStmt, int *pFound) {
  int rc = bsc_stmt_step(pStmt);
  *pFound = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Loads the stored cells of row `rid` into aRow; *pFound tells whether it exists. */
int bsc_load_row(BscTable *p, sqlite3_int64 rid, BscCell *aRow, int *pFound) {
  sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_ROW);
  int rc = SQLITE_OK;
  if (!pStmt) {
    char *zCols = bsc_column_list(p->ent, "");
    rc = bsc_prepare_slot(p, BSC_SLOT_ROW,
                      zCols ? sqlite3_mprintf("SELECT %s FROM \"%w\".\"%w_data\" WHERE rid=?", zCols,
                                              p->store.zSchema, p->zName)
                            : 0,
                      &pStmt);
    sqlite3_free(zCols);
    if (rc != SQLITE_OK) return rc;
  }
  sqlite3_bind_int64(pStmt, 1, rid);
  if ((rc = bsc_probe(pStmt, pFound)) != SQLITE_OK || !*pFound) return rc;
  for (int i = 0, s = 0; rc == SQLITE_OK && i < p->ent->nCol; i++) {
    if (bsc_is_stored(&p->ent->aCol[i])) rc = bsc_cell_from_value(&aRow[i], sqlite3_column_value(pStmt, s++));
  }
  int rc2 = sqlite3_reset(pStmt);
  return rc != SQLITE_OK ? rc : rc2;
}

/* The rowid of the row of this table whose key equals aRow's, or 0. */
int bsc_find_by_key(BscTable *p, const BscCell *aRow, sqlite3_int64 *pRid) {
  sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_KEY);
  const BscEntity *e = p->ent;
  int rc, found;
  if (!pStmt) {
    sqlite3_str *s = sqlite3_str_new(0);
    sqlite3_str_appendf(s, "SELECT rid FROM \"%w\".\"%w_data\" WHERE 1", p->store.zSchema, p->zName);
    for (int i = 0; i < e->nCol; i++) {
      if (e->aCol[i].flags & BSC_KEY) sqlite3_str_appendf(s, " AND [%s]=?", e->aCol[i].name);
    }
    if ((rc = bsc_prepare_slot(p, BSC_SLOT_KEY, sqlite3_str_finish(s), &pStmt)) != SQLITE_OK) return rc;
  }
  for (int i = 0, n = 1; i < e->nCol; i++) {
    if (e->aCol[i].flags & BSC_KEY) bsc_cell_bind(pStmt, n++, &aRow[i]);
  }
  *pRid = 0;
  if ((rc = bsc_probe(pStmt, &found)) != SQLITE_OK || !found) return rc;
  *pRid = sqlite3_column_int64(pStmt, 0);
  return sqlite3_reset(pStmt);
}

/* Whether the table of entity `target` holds a row with id zId. */
int bsc_id_exists(BscTable *p, BscEntityId target, const char *zId, int *pFound) {
  const char *zTable = target == p->ent->id ? p->zName : p->store.azTable[target];
  sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_ID_EXISTS + target);
  int rc;
  *pFound = 0;
  if (!zTable) return SQLITE_OK;
  if (!pStmt) {
    rc = bsc_prepare_slot(p, BSC_SLOT_ID_EXISTS + target,
                      sqlite3_mprintf("SELECT 1 FROM \"%w\".\"%w_data\" WHERE [%s]=?", p->store.zSchema,
                                      zTable, bscEntities[target].aCol[0].name),
                      &pStmt);
    if (rc != SQLITE_OK) return rc;
  }
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  if ((rc = bsc_probe(pStmt, pFound)) != SQLITE_OK || !*pFound) return rc;
  return sqlite3_reset(pStmt);
}

/* The entity among `mask` that holds id zId, or -1. */
int bsc_id_owner(BscTable *p, unsigned mask, const char *zId, int *pOwner) {
  int rc = SQLITE_OK, found = 0;
  *pOwner = -1;
  for (int e = 0; rc == SQLITE_OK && e < BSC_N_ENTITY && *pOwner < 0; e++) {
    if (!(mask & BSC_MASK(e))) continue;
    rc = bsc_id_exists(p, (BscEntityId)e, zId, &found);
    if (found) *pOwner = e;
  }
  return rc;
}

/* An id of an entity among `mask` that differs from zId in letter case
** only, for a hint in a message; NULL in *pzSimilar when there is none. */
int bsc_similar_id(BscTable *p, unsigned mask, const char *zId, char **pzSimilar) {
  int rc = SQLITE_OK;
  *pzSimilar = 0;
  for (int e = 0; rc == SQLITE_OK && e < BSC_N_ENTITY && !*pzSimilar; e++) {
    const char *zTable = e == (int)p->ent->id ? p->zName : p->store.azTable[e];
    if (!(mask & BSC_MASK(e)) || !zTable) continue;
    sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_SIMILAR + e);
    const char *zCol = bscEntities[e].aCol[0].name;
    int found;
    if (!pStmt) {
      rc = bsc_prepare_slot(p, BSC_SLOT_SIMILAR + e,
                        sqlite3_mprintf("SELECT [%s] FROM \"%w\".\"%w_data\" WHERE [%s]=? COLLATE NOCASE "
                                        "LIMIT 1", zCol, p->store.zSchema, zTable, zCol),
                        &pStmt);
      if (rc != SQLITE_OK) return rc;
    }
    sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
    if ((rc = bsc_probe(pStmt, &found)) != SQLITE_OK || !found) continue;
    *pzSimilar = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 0));
    if (!*pzSimilar) rc = SQLITE_NOMEM;
    int rc2 = sqlite3_reset(pStmt);
    if (rc == SQLITE_OK) rc = rc2;
  }
  return rc;
}

/* "a process or an objective" for the entities in mask ("a, b or c" for
** three); an optional one only when the map of table p has it. */
char *bsc_noun_list(BscTable *p, unsigned mask) {
  sqlite3_str *s = sqlite3_str_new(0);
  int n = 0, nAll = 0, all = 0;
  /* an id only an optional table holds (a unit's): named though the map lacks it */
  for (int e = 0; e < BSC_N_ENTITY; e++) {
    if ((mask & BSC_MASK(e)) && !(bscEntities[e].optional && !bsc_table_store(p)->azTable[e])) break;
    if (e == BSC_N_ENTITY - 1) all = 1;
  }
  for (int pass = 0; pass < 2; pass++) {
    for (int e = 0; e < BSC_N_ENTITY; e++) {
      if (!(mask & BSC_MASK(e))) continue;
      if (!all && bscEntities[e].optional && !bsc_table_store(p)->azTable[e]) continue;
      if (pass == 0) {
        nAll++;
        continue;
      }
      sqlite3_str_appendf(s, "%s%s", n == 0 ? "" : n == nAll - 1 ? " or " : ", ", bscEntities[e].article);
      n++;
    }
  }
  return sqlite3_str_finish(s);
}

/* A row of another table whose reference column holds zId, described as
** "links row (cause 'a', effect 'b')", or NULL in *pzRow when none does. */
int bsc_find_referrer(BscTable *p, const char *zId, char **pzRow) {
  int rc = SQLITE_OK;
  *pzRow = 0;
  for (int e = 0; rc == SQLITE_OK && !*pzRow && e < BSC_N_ENTITY; e++) {
    const BscEntity *pEnt = &bscEntities[e];
    const char *zTable = e == (int)p->ent->id ? p->zName : p->store.azTable[e];
    if (!zTable) continue;
    for (int c = 0, k = 0; rc == SQLITE_OK && !*pzRow && c < pEnt->nCol; c++) {
      if (pEnt->aCol[c].kind != BSC_REF) continue;
      int iSlot = BSC_SLOT_REFERRER + 2 * e + k++;
      assert(k <= 2); /* no entity has more than two reference columns */
      if (!(pEnt->aCol[c].refs & BSC_MASK(p->ent->id))) continue;
      sqlite3_stmt *pStmt = bsc_kept(p, iSlot);
      int found;
      if (!pStmt) {
        char *zCols = bsc_column_list(pEnt, "");
        rc = bsc_prepare_slot(p, iSlot,
                          zCols ? sqlite3_mprintf("SELECT %s FROM \"%w\".\"%w_data\" WHERE [%s]=? LIMIT 1",
                                                  zCols, p->store.zSchema, zTable, pEnt->aCol[c].name)
                                : 0,
                          &pStmt);
        sqlite3_free(zCols);
        if (rc != SQLITE_OK) return rc;
      }
      sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
      if ((rc = bsc_probe(pStmt, &found)) == SQLITE_OK && found) {
        BscCell aRow[BSC_MAX_COL];
        memset(aRow, 0, sizeof(aRow));
        for (int i = 0, s = 0; rc == SQLITE_OK && i < pEnt->nCol; i++) {
          if (bsc_is_stored(&pEnt->aCol[i])) rc = bsc_cell_from_value(&aRow[i], sqlite3_column_value(pStmt, s++));
        }
        char *zKey = rc == SQLITE_OK ? bsc_row_key_label(pEnt, aRow) : 0;
        *pzRow = zKey ? sqlite3_mprintf("%s row (%s)", zTable, zKey) : 0;
        sqlite3_free(zKey);
        bsc_row_clear(aRow, pEnt->nCol);
        if (rc == SQLITE_OK && !*pzRow) rc = SQLITE_NOMEM;
        int rc2 = sqlite3_reset(pStmt);
        if (rc == SQLITE_OK) rc = rc2;
      }
    }
  }
  return rc;
}


/* Gives the table a new change stamp (bsc_store_stamps): every write
** through bsc does, so that what was derived from the table is known to be
** stale, whichever connection reads it next. The new stamp is the old one
** xor a random number, which *pXor gets: a cache that saw the write can
** tell that the stamps it reads now are those of the writes it saw, and of
** no other (graph.c). */
int bsc_bump_stamp(BscTable *p, sqlite3_int64 *pXor) {
  sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_BUMP);
  sqlite3_int64 r, stamp; /* stamp: the table's stamp now */
  *pXor = 0;
  /* once per transaction, or again after a reader of this connection read
  ** the stamps: another connection sees the writes only with the stamp,
  ** this one reads nothing between the writes that it could cache;
  ** an INSERT of many rows writes the stamp once (and tells a xor of 0) */
  if (p->stampFresh && p->stampReads == p->conn->stampReads) return SQLITE_OK;
  if (!pStmt) {
    /* an upsert: a table made before stamps gets its first one; SQL has
    ** no xor, (a | b) & ~(a & b) is one */
    int rc = bsc_prepare_slot(p, BSC_SLOT_BUMP,
                          sqlite3_mprintf("INSERT INTO \"%w\".\"%w_config\"(k, v) VALUES('changes', ?1)"
                                          " ON CONFLICT(k) DO UPDATE SET v=(v | ?1) & ~(v & ?1) RETURNING v",
                                          p->store.zSchema, p->zName),
                          &pStmt);
    if (rc != SQLITE_OK) return rc;
  }
  do sqlite3_randomness(sizeof(r), &r);
  while (r == 0);
  sqlite3_bind_int64(pStmt, 1, r);
  int rc = bsc_stmt_step(pStmt);
  if (rc == SQLITE_ROW) {
    stamp = sqlite3_column_int64(pStmt, 0);
    rc = sqlite3_reset(pStmt);
    /* a table that holds it was last changed by a write bsc checked (damage.c) */
    if (rc == SQLITE_OK) bsc_conn_own_stamp(p->conn, p, stamp);
  } else if (rc == SQLITE_DONE) {
    rc = SQLITE_ERROR;
  }
  p->stampFresh = rc == SQLITE_OK;
  p->stampReads = p->conn->stampReads;
  if (rc == SQLITE_OK) *pXor = r;
  return rc;
}

void bsc_stamp_stale(BscTable *p) { p->stampFresh = 0; }

int bsc_write_row(BscTable *p, BscOp op, sqlite3_int64 oldRid, sqlite3_value *pNewRid,
                     const BscCell *aRow, sqlite3_int64 *pRowid) {
  static const int aSlot[] = {BSC_SLOT_INSERT, BSC_SLOT_UPDATE, BSC_SLOT_DELETE};
  sqlite3_stmt *pStmt = bsc_kept(p, aSlot[op]);
  const BscEntity *e = p->ent;
  const char *zSchema = p->store.zSchema;
  int nStored = 0, rc = SQLITE_OK;
  for (int i = 0; i < e->nCol; i++) nStored += bsc_is_stored(&e->aCol[i]);
  /* the rowids are numbered after the columns: no parameter number beyond
  ** what the row needs, whatever the connection's variable limit */
  if (!pStmt && op == OP_DELETE) {
    rc = bsc_prepare_slot(p, aSlot[op], sqlite3_mprintf("DELETE FROM \"%w\".\"%w_data\" WHERE rid=?", zSchema, p->zName),
                      &pStmt);
  } else if (!pStmt) {
    char *zCols = bsc_column_list(e, op == OP_UPDATE ? "=?" : "");
    char *zSql = 0;
    if (zCols && op == OP_UPDATE) {
      zSql = sqlite3_mprintf("UPDATE \"%w\".\"%w_data\" SET %s, rid=?%d WHERE rid=?%d", zSchema, p->zName,
                             zCols, nStored + 1, nStored + 2);
    } else if (zCols) {
      sqlite3_str *s = sqlite3_str_new(0);
      for (int i = 0; i < nStored; i++) sqlite3_str_appendall(s, "?,");
      char *zVals = sqlite3_str_finish(s);
      zSql = zVals ? sqlite3_mprintf("INSERT INTO \"%w\".\"%w_data\"(%s, rid) VALUES(%s?%d)", zSchema,
                                     p->zName, zCols, zVals, nStored + 1)
                   : 0;
      sqlite3_free(zVals);
    }
    sqlite3_free(zCols);
    rc = bsc_prepare_slot(p, aSlot[op], zSql, &pStmt);
  }
  if (rc != SQLITE_OK) return rc;
  if (op == OP_DELETE) {
    sqlite3_bind_int64(pStmt, 1, oldRid);
  } else {
    for (int i = 0, n = 1; i < e->nCol; i++) {
      if (bsc_is_stored(&e->aCol[i])) bsc_cell_bind(pStmt, n++, &aRow[i]);
    }
    if (pNewRid && sqlite3_value_type(pNewRid) != SQLITE_NULL) {
      sqlite3_bind_int64(pStmt, nStored + 1, sqlite3_value_int64(pNewRid));
    } else if (op == OP_UPDATE) {
      sqlite3_bind_int64(pStmt, nStored + 1, oldRid);
    } else {
      /* the statement is kept: clear a rowid bound by an earlier INSERT */
      sqlite3_bind_null(pStmt, nStored + 1);
    }
    if (op == OP_UPDATE) sqlite3_bind_int64(pStmt, nStored + 2, oldRid);
  }
  rc = bsc_stmt_run(pStmt);
  if (rc == SQLITE_OK && op == OP_INSERT) *pRowid = sqlite3_last_insert_rowid(p->db);
  return rc;
}

int bsc_insert_checked(BscTable *p, const BscCell *aRow, sqlite3_int64 *pRowid, int *pWritten) {
  sqlite3_stmt *pStmt = bsc_kept(p, BSC_SLOT_INSERT_CHECKED);
  const BscEntity *e = p->ent;
  int nStored = 0, rc = SQLITE_OK;
  for (int i = 0; i < e->nCol; i++) nStored += bsc_is_stored(&e->aCol[i]);
  *pWritten = 0;
  if (!pStmt) {
    /* INSERT INTO T_data(cols, rid) VALUES(?1, ..., ?n, CASE WHEN (?k IS
    ** NULL OR EXISTS(SELECT 1 FROM U_data WHERE id=?k) OR ...) AND ... THEN
    ** NULL ELSE 0.5 END): the probes of check_references, made by the
    ** INSERT; a missing id gives the rowid 0.5, which SQLite refuses with
    ** SQLITE_MISMATCH before it writes anything. (INSERT ... SELECT ...
    ** WHERE would be a write of many rows to SQLite, with a statement
    ** journal that costs more than the probe saves.) */
    char *zCols = bsc_column_list(e, "");
    sqlite3_str *s = sqlite3_str_new(0);
    sqlite3_str_appendf(s, "INSERT INTO \"%w\".\"%w_data\"(%s, rid) VALUES(", p->store.zSchema, p->zName,
                        zCols ? zCols : "");
    for (int i = 1; i <= nStored; i++) sqlite3_str_appendf(s, "?%d, ", i);
    sqlite3_str_appendall(s, "CASE WHEN 1");
    for (int i = 0, n = 0; i < e->nCol; i++) {
      const BscColumn *col = &e->aCol[i];
      if (!bsc_is_stored(col)) continue;
      n++;
      if (col->kind != BSC_REF) continue;
      sqlite3_str_appendf(s, " AND (?%d IS NULL", n);
      for (int t = 0; t < BSC_N_ENTITY; t++) {
        const char *zTable = t == (int)e->id ? p->zName : p->store.azTable[t];
        if (!(col->refs & BSC_MASK(t)) || !zTable) continue;
        sqlite3_str_appendf(s, " OR EXISTS(SELECT 1 FROM \"%w\".\"%w_data\" WHERE [%s]=?%d)", p->store.zSchema,
                            zTable, bscEntities[t].aCol[0].name, n);
      }
      sqlite3_str_appendall(s, ")");
    }
    sqlite3_str_appendall(s, " THEN NULL ELSE 0.5 END)");
    char *zSql = sqlite3_str_finish(s);
    rc = bsc_prepare_slot(p, BSC_SLOT_INSERT_CHECKED, zCols ? zSql : (sqlite3_free(zSql), (char *)0), &pStmt);
    sqlite3_free(zCols);
    if (rc != SQLITE_OK) return rc;
  }
  for (int i = 0, n = 1; i < e->nCol; i++) {
    if (bsc_is_stored(&e->aCol[i])) bsc_cell_bind(pStmt, n++, &aRow[i]);
  }
  rc = bsc_stmt_run(pStmt);
  if (rc == SQLITE_MISMATCH) return SQLITE_OK; /* an id is missing */
  if (rc == SQLITE_OK) *pRowid = sqlite3_last_insert_rowid(p->db), *pWritten = 1;
  return rc;
}

/* The shadow tables of a new table, and their indexes. */
char *bsc_shadow_schema(const BscEntity *e, const char *zSchema, const char *zName) {
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_int64 stamp; /* the first change stamp (bump_stamp) */
  sqlite3_randomness(sizeof(stamp), &stamp);
  stamp &= LLONG_MAX; /* written in 19 digits below: the same allocations each time */
  sqlite3_str_appendf(s, "CREATE TABLE \"%w\".\"%w_data\"(rid INTEGER PRIMARY KEY", zSchema, zName);
  for (int i = 0; i < e->nCol; i++) {
    const BscColumn *c = &e->aCol[i];
    /* stored as 0.1 stored them: the size is for the virtual table's clients */
    if (bsc_is_stored(c)) sqlite3_str_appendf(s, ", \"%w\" %s", c->name, bsc_declared_chars(c->type) ? "TEXT" : c->type);
  }
  sqlite3_str_appendall(s, ", UNIQUE(");
  for (int i = 0, n = 0; i < e->nCol; i++) {
    if (e->aCol[i].flags & BSC_KEY) sqlite3_str_appendf(s, "%s\"%w\"", n++ ? ", " : "", e->aCol[i].name);
  }
  sqlite3_str_appendall(s, ")");
  /* Reference columns get an index through a UNIQUE constraint (the key
  ** makes it unique anyway): an automatic index follows its table through
  ** ALTER TABLE RENAME, a named one would not. */
  for (int i = 1; i < e->nCol; i++) {
    if (e->aCol[i].kind != BSC_REF) continue;
    sqlite3_str_appendf(s, ", UNIQUE(\"%w\"", e->aCol[i].name);
    for (int k = 0; k < e->nCol; k++) {
      if (e->aCol[k].flags & BSC_KEY && k != i) sqlite3_str_appendf(s, ", \"%w\"", e->aCol[k].name);
    }
    sqlite3_str_appendall(s, ")");
  }
  sqlite3_str_appendall(s, ");");
  sqlite3_str_appendf(s,
                      "CREATE TABLE \"%w\".\"%w_config\"(k TEXT PRIMARY KEY, v) WITHOUT ROWID;"
                      "INSERT INTO \"%w\".\"%w_config\" VALUES('format', %d), ('module', '%q'),"
                      " ('changes', %019lld);",
                      zSchema, zName, zSchema, zName, BSC_FORMAT, e->module, stamp);
  return sqlite3_str_finish(s);
}

int bsc_read_as_is(BscTable *p) {
  const BscEntity *e = p->ent;
  sqlite3_stmt *pStmt = 0;
  char *zSql = sqlite3_mprintf("SELECT * FROM \"%w\".\"%w_data\" LIMIT 0", p->store.zSchema, p->zName);
  if (!zSql) return SQLITE_NOMEM;
  int rc = sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendall(s, "(SELECT *");
  for (int i = 0; rc == SQLITE_OK && i < e->nCol; i++) {
    int found = !bsc_is_stored(&e->aCol[i]);
    for (int j = 0; !found && j < sqlite3_column_count(pStmt); j++) {
      found = sqlite3_stricmp(sqlite3_column_name(pStmt, j), e->aCol[i].name) == 0;
    }
    if (!found) {
      sqlite3_str_appendf(s, ", %s AS \"%w\"", e->aCol[i].dflt ? e->aCol[i].dflt : "NULL", e->aCol[i].name);
      if (!p->zMissing && !(p->zMissing = sqlite3_mprintf("%s", e->aCol[i].name))) rc = SQLITE_NOMEM;
    }
  }
  sqlite3_str_appendf(s, " FROM \"%w\".\"%w_data\")", p->store.zSchema, p->zName);
  sqlite3_finalize(pStmt);
  p->zSource = sqlite3_str_finish(s);
  if (rc == SQLITE_OK && !p->zSource) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && !p->zMissing) {
    /* nothing lacking: the storage is the current one's */
    sqlite3_free(p->zSource);
    p->zSource = 0;
  }
  return rc;
}


