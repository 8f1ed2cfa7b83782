/*
** upgrade.c: storage formats, and bsc_upgrade() for a map of an older bsc.
*/
#ifndef BSC_UPGRADE_H
#define BSC_UPGRADE_H

#include "sqlite3ext.h"
#include "entity.h"

/* The storage format this bsc writes (see upgrade.c for the history). */
#define BSC_FORMAT 3

/* Reads the storage format of map table zTable in zSchema into *pFormat;
** an error (in *pzErr) when it is missing, no whole number, or newer
** than BSC_FORMAT. */
int bsc_format_read(sqlite3 *db, const char *zSchema, const char *zTable, int *pFormat, char **pzErr);
/* Registers bsc_upgrade([schema]). */
int bsc_register_upgrade(sqlite3 *db);

#endif
