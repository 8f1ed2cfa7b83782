/*
** integrity.c: bsc_integrity, the map's stored rows checked against its rules.
*/
#ifndef BSC_INTEGRITY_H
#define BSC_INTEGRITY_H

#include "sqlite3ext.h"
#include "tvf.h"

extern const BscTvf bscIntegrityTvf;

/* How many problems bsc_integrity finds in the map of zSchema (for the
** checker, which points to it). */
int bsc_integrity_count(sqlite3 *db, BscConn *pConn, const char *zSchema, int *pnProblem);

#endif
