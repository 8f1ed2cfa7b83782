/*
** table.c: the one virtual-table engine that serves all five entities.
*/
#ifndef BSC_TABLE_H
#define BSC_TABLE_H

#include "sqlite3ext.h"
#include "entity.h"
#include "conn.h"
#include "store.h"


/* Registers the five modules; aHooks[e] (NULL: none) adds entity e's
** rules and derived columns that live above the engine. */
int bsc_register_tables(sqlite3 *db, BscConn *pConn, const BscEntityHooks *aHooks);

/* One problem of a stored row (or of a table's storage as a whole). */
typedef struct BscProblem {
  sqlite3_int64 rid;     /* the row's rowid; 0 for the table as a whole */
  const char *zKey;      /* "id 'x'", "kpi 'k', period '2026-01'", or NULL */
  const char *zColumn;   /* NULL: the row, or the table */
  sqlite3_value *pValue; /* the stored value of zColumn, or NULL */
  const char *zProblem;  /* what is wrong, as a write would be told */
} BscProblem;

/* Checks table zTable (of entity e) in zSchema: its storage format and
** columns, then each stored row against every rule a write must pass, as
** if it were written now. xProblem gets each problem (its pointers last
** for the call only); *pnProblem counts them. For rows written around bsc
** (shadow tables edited by hand, defensive mode off): see integrity.c. */
int bsc_table_check(sqlite3 *db, BscConn *pConn, const BscEntityHooks *pHooks, const char *zSchema,
                    const char *zTable, const BscEntity *e,
                    int (*xProblem)(void *, const BscProblem *), void *pArg, int *pnProblem);

#endif
