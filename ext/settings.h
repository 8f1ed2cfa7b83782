/*
** settings.c: a map's settings, read for its other readers (storage).
*/
#ifndef BSC_SETTINGS_H
#define BSC_SETTINGS_H

#include "sqlite3ext.h"
#include "store.h"

/* The settings of the store's map, read at most once per refresh of the
** store; the defaults when the map has no settings table. */
const BscSettings *bsc_store_settings(BscStore *, int *pRc);

#endif
