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

#endif
