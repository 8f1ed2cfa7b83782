/*
** shadow.c: a table's storage in its shadow tables: creating, upgrading,
** reading and writing rows, and the probes the checks of a write make,
** all through statements the table's store keeps by number.
*/
#ifndef BSC_SHADOW_H
#define BSC_SHADOW_H

#include "sqlite3ext.h"
#include "validate.h"
#include "store.h"
#include "conn.h"
#include "upgrade.h"

/* Storage formats (BSC_FORMAT, upgrade.h, is the one written):
**   1  the five tables
**   2  objectives_data gains "rollup" (bsc_upgrade() adds it, upgrade.c)
**   3  processes_data, objectives_data and initiatives_data gain "unit" */

struct BscTable {
  BscTableHead head; /* what the entity's rules see: base, zName, pStore */
  sqlite3 *db;
  BscConn *conn;
  const BscEntity *ent;
  const BscEntityHooks *hooks; /* rules and derived columns from above (scoring) */
  char *zName;   /* the table's name in its schema (head.zName too) */
  BscStore store; /* siblings' names and cached statements */
  char *zSource;  /* older storage: a subquery adding what it lacks; read-only */
  char *zMissing; /* older storage: the first column it lacks */
  int format;     /* the storage format, BSC_FORMAT or older */
  /* The open transaction gave the table a new change stamp, which no
  ** rollback undid and no reader saw (conn->stampReads was stampReads):
  ** a write then needs no other (bsc_bump_stamp). */
  int stampFresh;
  sqlite3_int64 stampReads;
};

typedef enum { OP_INSERT, OP_UPDATE, OP_DELETE } BscOp;

/* The statement in slot iSlot, or NULL when it is yet to be prepared: a
** lookup formats no SQL. */
sqlite3_stmt *bsc_kept(BscTable *p, int iSlot);
/* A probe prepared in slot iSlot from zSql (sqlite3_malloc'd, freed here);
** zSql NULL is out of memory. */
int bsc_prepare_slot(BscTable *p, int iSlot, char *zSql, sqlite3_stmt **pp);
/* Steps a probe once: *pFound says whether it gave a row; the statement is
** left on that row for the caller, who resets it. */
int bsc_probe(sqlite3_stmt *pStmt, int *pFound);
/* Loads the stored cells of row `rid` into aRow; *pFound tells whether it exists. */
int bsc_load_row(BscTable *p, sqlite3_int64 rid, BscCell *aRow, int *pFound);
/* The rowid of the row of this table whose key equals aRow's, or 0. */
int bsc_find_by_key(BscTable *p, const BscCell *aRow, sqlite3_int64 *pRid);
/* Whether the table of entity `target` holds a row with id zId. */
int bsc_id_exists(BscTable *p, BscEntityId target, const char *zId, int *pFound);
/* The entity among `mask` that holds id zId, or -1. */
int bsc_id_owner(BscTable *p, unsigned mask, const char *zId, int *pOwner);
/* An id of an entity among `mask` that differs from zId in letter case
** only, for a hint in a message; NULL in *pzSimilar when there is none. */
int bsc_similar_id(BscTable *p, unsigned mask, const char *zId, char **pzSimilar);
/* "a process or an objective" for the entities in mask ("a, b or c" for
** three); an optional entity only when the map of table p has its table. */
char *bsc_noun_list(BscTable *p, unsigned mask);
/* A row of another table whose reference column holds zId, described as
** "links row (cause 'a', effect 'b')", or NULL in *pzRow when none does. */
int bsc_find_referrer(BscTable *p, const char *zId, char **pzRow);
/* Gives the table a new change stamp (bsc_store_stamps): every write
** through bsc does, so that what was derived from the table is known to be
** stale, whichever connection reads it next. The new stamp is the old one
** xor a random number, which *pXor gets. */
int bsc_bump_stamp(BscTable *p, sqlite3_int64 *pXor);
/* Forgets that the transaction stamped the table: at its end, and when a
** rollback (of a savepoint or a statement) may have undone the stamp. */
void bsc_stamp_stale(BscTable *p);
/* Writes row aRow (op INSERT, UPDATE of oldRid, or DELETE of oldRid);
** pNewRid: the rowid asked for, if any; *pRowid gets an INSERT's. */
int bsc_write_row(BscTable *p, BscOp op, sqlite3_int64 oldRid, sqlite3_value *pNewRid,
                  const BscCell *aRow, sqlite3_int64 *pRowid);
/* INSERTs row aRow (with a rowid of SQLite's choosing) only when every id
** its reference columns hold is in the map, as one statement: *pWritten
** says whether it was; when not, the caller's reference check says why. */
int bsc_insert_checked(BscTable *p, const BscCell *aRow, sqlite3_int64 *pRowid, int *pWritten);
/* The shadow tables of a new table, and their indexes. */
char *bsc_shadow_schema(const BscEntity *e, const char *zSchema, const char *zName);
/* Older storage is read as it is (upgrade.c says why it is not upgraded
** here): when it lacks columns, the table scans a subquery that gives them
** their defaults (zSource), and refuses writes until bsc_upgrade() ran. */
int bsc_read_as_is(BscTable *p);

#endif
