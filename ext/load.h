/*
** load.c: bulk loads (.import) all or nothing.
*/
#ifndef BSC_LOAD_H
#define BSC_LOAD_H

#include "sqlite3ext.h"
#include "entity.h"
#include "conn.h"

/* Bulk loads (the shell's .import): all or nothing inside a transaction. */
int bsc_load_running(sqlite3 *db);
/* aVal: the entity's columns of a row being inserted. */
int bsc_load_is_header(sqlite3 *db, const BscEntity *, sqlite3_value **aVal);
int bsc_load_is_empty_field(sqlite3 *db, sqlite3_value *v);
/* zMsg with the row's values added (zMsg is freed), for a bulk load's row. */
char *bsc_load_name_row(sqlite3 *db, const BscEntity *, sqlite3_value **aVal, char *zMsg);
/* A write to the map failed with message zErr. */
void bsc_load_failed(BscConn *, sqlite3 *db, const char *zErr);
/* The transaction methods' news; bsc_load_refusal gives xSync's message
** (sqlite3_malloc'd) when the COMMIT must fail, else NULL. */
void bsc_load_settle(BscConn *);
char *bsc_load_refusal(BscConn *);
void bsc_load_end(BscConn *);
void bsc_load_savepoint(BscConn *, int iSavepoint);
void bsc_load_release(BscConn *, int iSavepoint);
void bsc_load_rollback_to(BscConn *, int iSavepoint);

#endif
