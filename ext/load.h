/*
** load.c: bulk loads (.import) all or nothing.
*/
#ifndef BSC_LOAD_H
#define BSC_LOAD_H

#include "sqlite3ext.h"
#include "entity.h"
#include "conn.h"

/* A transaction the map refused a write in fails at COMMIT (see load.c). */
/* A write to the map failed with message zErr. */
void bsc_load_failed(BscConn *, sqlite3 *db, const char *zErr);
/* The transaction methods' news; bsc_load_refusal gives xSync's message
** (sqlite3_malloc'd) when the COMMIT must fail, else NULL. */
char *bsc_load_refusal(BscConn *);
void bsc_load_end(BscConn *);
void bsc_load_savepoint(BscConn *, int iSavepoint);
void bsc_load_release(BscConn *, int iSavepoint);
void bsc_load_rollback_to(BscConn *, sqlite3 *db, int iSavepoint);

#endif
