/*
** damage.c: whether a map's tables hold damaged rows, for the readers
** that must not read them as if they were valid.
*/
#ifndef BSC_DAMAGE_H
#define BSC_DAMAGE_H

#include "sqlite3ext.h"
#include "conn.h"
#include "store.h"

/* SQLITE_OK when no table of mask (BSC_MASK()s of entities) in pStore's
** schema holds a row or value that bsc_integrity lists; else SQLITE_ERROR
** with *pzErr a message for zFunc (bsc_damage_msg) naming the first such
** row: its table, key, column, value and what is wrong. pNow holds the
** schema's change stamps (bsc_store_stamps; NULL: read them): a table is checked once per
** stamp, and again on every call while it has none. */
int bsc_damage_check(BscStore *pStore, BscConn *pConn, const BscStamps *pNow, unsigned mask, const char *zFunc,
                     char **pzErr);
/* The same, as BscConn.xDamageCheck. */
int bsc_damage_check_store(void *pStore, BscConn *pConn, unsigned mask, const char *zWho, char **pzErr);

#endif
