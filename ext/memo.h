/*
** memo.c: remembered scorecards, kept per connection while the map is unchanged.
*/
#ifndef BSC_MEMO_H
#define BSC_MEMO_H

#include "sqlite3ext.h"
#include "scorecard.h"

/* One row of a remembered scorecard: a KPI (its row in the KPIs table),
** the objective it shows under (BscMemo.aObjective) and its score. */
typedef struct BscMemoRow {
  sqlite3_int64 kpiRid;
  double actual, target, red, score; /* NaN = NULL */
  int iObjective;
  unsigned short at, tAt, rAt; /* periods, in BscMemo.aPeriod */
  unsigned char tFrom, rFrom;
  unsigned char trend; /* 0 NULL, else bsc_memo_score's word */
} BscMemoRow;

/* The rows of one bsc_scorecard call, top to bottom, for the period and
** unit it was asked for. Reference-counted: a cursor reading it keeps it
** alive when the cache lets it go. */
typedef struct BscMemo BscMemo;
struct BscMemo {
  int nRef;
  char *zSchema, *zPeriod, *zUnit; /* the key: the period normalised, the unit as asked; NULL: none */
  BscPeriod at;                    /* the period zPeriod names */
  char *zUnitShown;                /* the unit scored (the call's hidden column), NULL: none */
  int isTop;                       /* it is the top unit */
  BscStamps stamps;                /* of the tables it was read from, when it was */
  char *zTables;                   /* their names, to tell a table renamed or replaced */
  BscMemoRow *aRow;
  int nRow, nRowAlloc;
  sqlite3_int64 *aObjective; /* the objectives' rows in their table */
  int nObjective, nObjectiveAlloc;
  BscPeriod *aPeriod; /* every period a row names, once */
  int nPeriod, nPeriodAlloc;
  unsigned short *aHash; /* aPeriod's index + 1 by hash, 0 free; nHash a power of two */
  int nHash;
  /* the KPIs whose measurements or targets this connection wrote since it
  ** was read (bsc_memo_find scores them again), in order, with what each
  ** write xor-ed into its table's stamp; bLost: a write it cannot follow */
  struct BscMemoWrite {
    int iEntity;
    sqlite3_int64 stampXor;
    char *azKpi[2]; /* the KPI before and after the write, NULL: none */
  } *aLog;
  int nLog, nLogAlloc, bLost;
  BscMemo *pNext;
};

/* The connection's remembered scorecard of schema pStore for period
** zPeriod and unit zUnit (as asked; NULL: none), current at stamps pNow:
** one is current when it was read at those stamps, or when the writes
** that changed them since were this connection's writes to measurements
** and targets, which it then follows by scoring their KPIs again. *pp
** gets a reference (bsc_memo_unref), or NULL when there is none. */
int bsc_memo_find(BscStore *, BscConn *, const BscStamps *pNow, const char *zPeriod, const char *zUnit,
                  BscMemo **pp);
void bsc_memo_unref(BscMemo *);

/* A scorecard to remember, built row by row as a call streams it (its
** stamps pNow, read before its first row); NULL on out of memory or when
** the connection keeps no cache (the call then streams without one). */
BscMemo *bsc_memo_begin(BscStore *, BscConn *, const BscStamps *pNow, const BscPeriod *pAt,
                        const char *zPeriod, const char *zUnit, const char *zUnitShown, int isTop);
/* Appends the objective of row objectiveRid (when it is not the last one
** appended) and its KPI's row and score; SQLITE_NOMEM when it failed (the
** memo is then to be dropped). */
int bsc_memo_add(BscMemo *, sqlite3_int64 objectiveRid, sqlite3_int64 kpiRid, const BscKpiScore *);
/* Keeps a memo built in full for the next calls, when the map's stamps
** are still those it was begun at (a write while it streamed would make it
** stale); drops the caller's reference either way. */
void bsc_memo_keep(BscMemo *, BscStore *, BscConn *);
/* Row i's score, as bsc_kpi_score gave it. */
void bsc_memo_score(const BscMemo *, int i, BscKpiScore *);

#endif
