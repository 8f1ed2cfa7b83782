/*
** conn.c: per-connection state (the bottom layer).
*/
#ifndef BSC_CONN_H
#define BSC_CONN_H

#include "sqlite3ext.h"

typedef struct BscConn BscConn;

/* A write through bsc to a row of a map table, told to the caches that
** may follow it rather than read the map again (graph.c). */
typedef struct BscWrite {
  const char *zSchema;
  int iEntity;            /* the table's BscEntityId */
  sqlite3_int64 stampXor; /* what the write xor-ed into the table's change stamp */
  sqlite3_int64 rid;      /* the row's rowid now (insert, update), 0 after a delete */
  const char *azKey[2];   /* the row's key before (update, delete), NULL for an insert */
  const char *azNew[2];   /* its key after (insert, update), NULL after a delete */
  int bOther;             /* it also deleted other rows (OR REPLACE): nothing can follow */
  int bOtherKey;          /* one of them had another key (its rowid was taken) */
  unsigned changed;       /* an update: bit i when stored column i changed (bit 31: any from 31 on) */
  int bMoved;             /* an update gave the row another rowid */
} BscWrite;

/* Per-connection state, shared by every module and function registered on
** one connection (pAux / user data). Reference-counted: each registration
** holds one reference, and its destructor (bsc_conn_unref) drops it. */
struct BscConn {
  int nRef;
  /* Bumped by every rollback of a transaction or savepoint that wrote to a
  ** map table: with sqlite3_total_changes() and PRAGMA data_version it tells
  ** whether anything read from the map may be stale. */
  sqlite3_int64 rollbacks;
  /* The first write that the map refused inside the open explicit
  ** transaction, and the savepoints open before it: COMMIT refuses such a
  ** transaction, so that a load lands whole or not at all. See load.c. */
  char *zFailed;
  int failedDepth;
  int depth;       /* savepoints open, as the map's tables were told */
  /* The last change stamps this connection's own writes gave (shadow.c),
  ** one per run of writes to a table: a table that holds one of them was
  ** last changed by a write bsc checked, so what was known of its rows
  ** before stays known (damage.c). A ring, newest at iOwn. */
  struct {
    const void *pTable; /* the writer (a BscTable), to tell runs apart */
    sqlite3_int64 stamp;
  } aOwn[16];
  int iOwn;
  /* Bumped whenever a reader of this connection reads the map's change
  ** stamps (bsc_store_stamps): a table's next write then needs a stamp of
  ** its own, though its transaction wrote one already (shadow.c). */
  sqlite3_int64 stampReads;
  /* Caches of derived data (the causal graph, remembered scorecards, ...),
  ** owned by their module: freed with xFree when the connection closes,
  ** and told through xWrite (when not NULL) of every write through bsc
  ** that landed (bsc_conn_tell), so that they may follow it. */
  void *apCache[4];
  void (*axFree[4])(void *);
  void (*axWrite[4])(BscConn *, const BscWrite *);
  /* Whether the tables in mask of pStore's map (a BscStore) hold a damaged
  ** row: SQLITE_ERROR and *pzErr naming it, after zWho (damage.c, set at
  ** registration), for the derived score columns, which sit below it. */
  int (*xDamageCheck)(void *pStore, BscConn *, unsigned mask, const char *zWho, char **pzErr);
};

BscConn *bsc_conn_ref(BscConn *);
void bsc_conn_unref(void *);
/* The cache slot of the kind of cache that xFree frees, claimed on first
** use (so that modules need not agree on slot numbers); NULL when every
** slot is taken, and the caller then works without a cache. */
void **bsc_conn_cache(BscConn *, void (*xFree)(void *));
/* Tells the cache of the kind of cache that xFree frees of every write
** through bsc that lands from now on (claiming its slot as
** bsc_conn_cache does); 0 when no slot is free. */
int bsc_conn_follow(BscConn *, void (*xFree)(void *), void (*xWrite)(BscConn *, const BscWrite *));
/* Tells every cache that follows writes (table.c, once a write landed). */
void bsc_conn_tell(BscConn *, const BscWrite *);
/* Whether any cache follows writes (a writer need not describe its write). */
int bsc_conn_followed(const BscConn *);
/* Records that pTable's write gave its table stamp; whether a stamp is one
** of the last that this connection's writes gave. */
void bsc_conn_own_stamp(BscConn *, const void *pTable, sqlite3_int64 stamp);
int bsc_conn_is_own_stamp(const BscConn *, sqlite3_int64 stamp);

#endif
