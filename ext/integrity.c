/*
** The map's storage checked against the map's rules.
**
**   SELECT * FROM bsc_integrity;            -- the map of schema main
**   SELECT * FROM bsc_integrity('schema');
**     table_name, row_id, row_key, column_name, value, problem
**
** One row per problem: a stored row that a write through the map's tables
** would be refused (a perspective 'galactic', a link to a missing
** objective, an id shared by a process and an objective, a NULL in a
** required column, a weight of Inf or 'abc', red equal to target, ...), a
** value stored otherwise than bsc stores it ('Financial' for financial), or
** a table whose storage cannot be read (a dropped shadow column, a format
** that is no format). row_id is the row's rowid (NULL for the table as a
** whole), row_key its key ("id 'x'"), value the stored value quoted as in
** bsc's messages, problem what a write would be told. No row: the storage
** holds nothing the rules forbid, which every map that bsc's own writes
** made satisfies. Such damage comes only from writes around bsc (the
** shadow tables edited with defensive mode off); SQLite 3.40 has no
** xIntegrity, so PRAGMA integrity_check cannot see it.
**
** The rules are the table engine's own (table.c, bsc_table_check, from
** entity.c's descriptors and the scoring hooks), so every table of the
** map, new ones included, is checked as its writes are.
*/
#include "integrity.h"
#include "scorecard.h"
#include "table.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

enum { IN_TABLE, IN_ROWID, IN_KEY, IN_COLUMN, IN_VALUE, IN_PROBLEM, IN_SCHEMA };

typedef struct Found {
  BscCall *c; /* NULL: only count */
  const char *zTable;
} Found;

static int add_problem(void *pArg, const BscProblem *pr) {
  Found *f = pArg;
  if (!f->c) return SQLITE_OK;
  BscOut *row = bsc_rows_add(&f->c->rows);
  if (!row) return SQLITE_NOMEM;
  int rc = bsc_out_copy(&row[IN_TABLE], f->zTable);
  if (pr->rid) bsc_out_int(&row[IN_ROWID], pr->rid);
  if (rc == SQLITE_OK) rc = bsc_out_copy(&row[IN_KEY], pr->zKey);
  if (rc == SQLITE_OK) rc = bsc_out_copy(&row[IN_COLUMN], pr->zColumn);
  if (rc == SQLITE_OK && pr->pValue) rc = bsc_out_owned(&row[IN_VALUE], bsc_quote_value(pr->pValue));
  if (rc == SQLITE_OK) rc = bsc_out_copy(&row[IN_PROBLEM], pr->zProblem);
  return rc;
}

/* Checks every map table of the store's schema. */
static int check_map(sqlite3 *db, BscConn *pConn, BscStore *pStore, BscCall *c, int *pnProblem) {
  int rc = bsc_store_refresh(pStore);
  for (int i = 0; rc == SQLITE_OK && i < BSC_N_ENTITY; i++) {
    Found f = {c, pStore->azTable[i]};
    if (!f.zTable) continue;
    rc = bsc_table_check(db, pConn, &bscScoringHooks[i], pStore->zSchema, f.zTable, &bscEntities[i], add_problem,
                         &f, pnProblem);
  }
  return rc;
}

int bsc_integrity_count(sqlite3 *db, BscConn *pConn, const char *zSchema, int *pnProblem) {
  BscStore store;
  *pnProblem = 0;
  int rc = bsc_store_init(&store, db, zSchema);
  if (rc == SQLITE_OK) rc = check_map(db, pConn, &store, 0, pnProblem);
  bsc_store_clear(&store);
  return rc;
}

static int integrity_fill(BscCall *c) {
  sqlite3_value *pSchema = c->aArg[0];
  const char *zSchema = "main";
  BscStore *pStore;
  int nProblem = 0;
  if (pSchema && sqlite3_value_type(pSchema) != SQLITE_NULL) zSchema = (const char *)sqlite3_value_text(pSchema);
  /* temp has no file name until something is first created in it */
  if (!zSchema || (!sqlite3_db_filename(c->db, zSchema) && sqlite3_stricmp(zSchema, "temp") != 0)) {
    return bsc_call_error(c, "bsc: %s: no schema '%q'; name main, temp or an attached database", c->zFunc,
                          zSchema ? zSchema : "");
  }
  int rc = bsc_call_store(c, zSchema, &pStore);
  if (rc == SQLITE_OK) rc = bsc_store_refresh(pStore);
  /* as the other functions do: an empty answer would hide a wrong database */
  if (rc == SQLITE_OK) rc = bsc_store_require_map(pStore, c->zFunc, &c->zErr);
  if (rc == SQLITE_OK) rc = check_map(c->db, c->conn, pStore, c, &nProblem);
  return rc;
}

const BscTvf bscIntegrityTvf = {
  "bsc_integrity",
  "table_name " BSC_T_ID ", row_id INTEGER, row_key " BSC_T_LONG ", column_name " BSC_T_ID ", value " BSC_T_LONG
  ", problem " BSC_T_LONG ", schema TEXT HIDDEN",
  6, 1, 0, 0, integrity_fill, 0,
};
