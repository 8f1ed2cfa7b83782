/*
** The organisation's units (module bsc_units, entity.c): the group at the
** top, its business and support units below, each with a map of its own
** in the same database (processes, objectives and initiatives name their
** unit; NULL is the top unit, so a map without units reads as before).
**
**   CREATE VIRTUAL TABLE units USING bsc_units;
**   INSERT INTO units(id, title) VALUES ('group', 'The group');
**   INSERT INTO units(id, title, parent) VALUES ('cargo', 'Cargo', 'group');
**
** The parents make a tree: a unit is never its own ancestor, and exactly
** one unit (the top) has no parent. A parent must exist (the engine checks
** references), so the top is written first and a unit with units or rows
** below it cannot be deleted. Here: the rule a write of a unit obeys, read
** from the stored rows through the table's store.
*/
#include "units.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

/* A top unit other than the row being written (rowid iRid), in *pzTop. */
static int other_top(BscStore *pStore, const char *zTable, sqlite3_int64 iRid, char **pzTop) {
  sqlite3_stmt *pStmt;
  *pzTop = 0;
  int rc = bsc_store_slot(pStore, BSC_SLOT_UNIT_TOP, &pStmt,
                          "SELECT id FROM \"%w\".\"%w_data\" WHERE parent IS NULL AND rid<>? ORDER BY rid LIMIT 1",
                          pStore->zSchema, zTable);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_int64(pStmt, 1, iRid);
  rc = bsc_stmt_step(pStmt);
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_OK : rc;
  *pzTop = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 0));
  sqlite3_reset(pStmt);
  return *pzTop ? SQLITE_OK : SQLITE_NOMEM;
}

/* The stored parent of unit zId, in *pzParent (NULL for the top, or when
** there is no such unit). */
static int parent_of(BscStore *pStore, const char *zTable, const char *zId, char **pzParent) {
  sqlite3_stmt *pStmt;
  *pzParent = 0;
  int rc = bsc_store_slot(pStore, BSC_SLOT_UNIT_PARENT, &pStmt, "SELECT parent FROM \"%w\".\"%w_data\" WHERE id=?",
                          pStore->zSchema, zTable);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  rc = bsc_stmt_step(pStmt);
  if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? SQLITE_OK : rc;
  const char *z = (const char *)sqlite3_column_text(pStmt, 0);
  if (z) *pzParent = sqlite3_mprintf("%s", z);
  sqlite3_reset(pStmt);
  return z && !*pzParent ? SQLITE_NOMEM : SQLITE_OK;
}

/* Walks up from zParent: when it reaches zId, the row would be its own
** ancestor; *pzPath gets the way up from zParent ("b -> c -> a"), else NULL. */
static int find_cycle(BscStore *pStore, const char *zTable, const char *zId, const char *zParent, char **pzPath) {
  sqlite3_str *s = sqlite3_str_new(0);
  char *zAt = sqlite3_mprintf("%s", zParent);
  int rc = zAt ? SQLITE_OK : SQLITE_NOMEM, found = 0;
  *pzPath = 0;
  /* a stored cycle (written past bsc) must not loop forever: the walk
  ** stops after as many steps as a tree of that many units can take */
  for (int n = 0; rc == SQLITE_OK && zAt && n < 100000; n++) {
    sqlite3_str_appendf(s, "%s%s", n ? " -> " : "", zAt);
    if (strcmp(zAt, zId) == 0) {
      found = 1;
      break;
    }
    char *zNext = 0;
    rc = parent_of(pStore, zTable, zAt, &zNext);
    sqlite3_free(zAt);
    zAt = zNext;
  }
  sqlite3_free(zAt);
  char *zPath = sqlite3_str_finish(s);
  if (rc == SQLITE_OK && !zPath) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && found) *pzPath = zPath;
  else sqlite3_free(zPath);
  return rc;
}

char *bsc_unit_rule(BscTable *pTab, BscCell *aRow) {
  const BscCell *id = &aRow[UNIT_ID], *parent = &aRow[UNIT_PARENT];
  BscStore *pStore = bsc_table_store(pTab);
  const char *zTable = bsc_table_name(pTab);
  char *zFound = 0, *zMsg = 0;
  int rc;
  if (id->type != SQLITE_TEXT) return 0;
  if (parent->type != SQLITE_TEXT) {
    rc = other_top(pStore, zTable, bsc_table_rid(pTab), &zFound);
    /* the same id twice is the key's to refuse, after this rule */
    if (rc == SQLITE_OK && zFound && strcmp(zFound, id->z) != 0) {
      zMsg = sqlite3_mprintf("bsc: %s.parent: NULL would make '%q' a second top unit beside '%q'; the units "
                             "form one tree under one top unit: give '%q' a parent",
                             zTable, id->z, zFound, id->z);
    }
  } else if (strcmp(parent->z, id->z) == 0) {
    return sqlite3_mprintf("bsc: %s.parent: unit '%q' cannot be its own parent; the units form a tree", zTable,
                           id->z);
  } else {
    rc = find_cycle(pStore, zTable, id->z, parent->z, &zFound);
    if (rc == SQLITE_OK && zFound) {
      zMsg = sqlite3_mprintf("bsc: %s.parent: '%q' is below unit '%q' (up from it: %s); the units form a "
                             "tree, with no unit its own ancestor",
                             zTable, parent->z, id->z, zFound);
    }
  }
  sqlite3_free(zFound);
  if (rc != SQLITE_OK) zMsg = sqlite3_mprintf("bsc: %s: %s", zTable, sqlite3_errstr(rc));
  return zMsg;
}
