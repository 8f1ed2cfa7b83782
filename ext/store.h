/*
** store.c: locating a schema's map tables, statements and change stamps on them.
*/
#ifndef BSC_STORE_H
#define BSC_STORE_H

#include "sqlite3ext.h"
#include "conn.h"
#include "entity.h"

/* A map's settings (its settings table: entity.c, vocab.c), as its readers
** use them; a map without the table or a row has the defaults, which are
** how bsc 0.1 read every map. */
typedef struct BscSettings {
  int finerLatest; /* finer_periods 'latest': a KPI shows its latest complete period */
  int nl;          /* language 'nl': Dutch labels */
  int numberNl;    /* number_format 'nl': 7,5 and 1.234,5 in text input */
  /* perspective_order and outcomes; read them through settings.h's
  ** bsc_persp_rank() and bsc_persp_outcome() (graph.h's bsc_node_rank()
  ** and bsc_is_outcome() for a node) */
  unsigned char aRank[BSC_N_PERSP];  /* perspective -> its row, 0 the top */
  unsigned char aOrder[BSC_N_PERSP]; /* row from the top -> perspective */
  unsigned outcomes;                 /* bit p: perspective p's objectives are outcomes */
  int missionPlaced;                 /* perspective_order names mission */
  int outcomesSet;                   /* the map names its outcomes (messages say so) */
  int fyStart;                       /* fiscal_year_start: 2..12, 0 the calendar year (period.c) */
} BscSettings;

/* Where one schema's map lives: the names of its tables, and
** statements prepared on them, all dropped when the schema changes. */
typedef struct BscStmtEntry BscStmtEntry;
/* Statements a store keeps by number (bsc_store_slot): found without
** formatting any SQL. A file adds its own at the end of this list. */
typedef enum BscSlot {
  BSC_SLOT_STAMPS,     /* the change stamps of the five tables (bsc_store_stamps) */
  BSC_SLOT_ROW,        /* table.c: a row's stored cells by rowid */
  BSC_SLOT_KEY,        /* table.c: the rowid of the row with a key */
  BSC_SLOT_INSERT,     /* table.c: the three writes of a row */
  BSC_SLOT_UPDATE,
  BSC_SLOT_DELETE,
  BSC_SLOT_BUMP,       /* table.c: a new change stamp for the table */
  BSC_SLOT_ID_EXISTS,  /* table.c: + entity: whether its table holds an id */
  BSC_SLOT_SIMILAR = BSC_SLOT_ID_EXISTS + BSC_N_ENTITY, /* + entity: an id equal but for case */
  BSC_SLOT_REFERRER = BSC_SLOT_SIMILAR + BSC_N_ENTITY,  /* + 2*entity + k: a row whose k-th
                                                        ** reference column holds an id */
  BSC_SLOT_KPI_COUNT = BSC_SLOT_REFERRER + 2 * BSC_N_ENTITY, /* entity.c: KPIs of an objective */
  BSC_SLOT_OBS,        /* scorecard.c: a KPI's measurements */
  BSC_SLOT_OBS_YEARS,  /* scorecard.c: a KPI's measurements of two ranges of periods */
  BSC_SLOT_OBJECTIVE_KPIS, /* scorecard.c: an objective's KPIs */
  BSC_SLOT_KPI_TARGETS,    /* scorecard.c: a KPI's per-period targets */
  BSC_SLOT_KPI_THRESHOLDS, /* scorecard.c: a KPI's polarity, baseline and red */
  BSC_SLOT_SCORE_MAP,      /* reports.c: the objectives, top to bottom */
  BSC_SLOT_KPI_TARGET_ROWS, /* scorecard.c: a KPI's rows of targets */
  BSC_SLOT_KPI_POLARITY,    /* scorecard.c: a KPI's polarity */
  BSC_SLOT_TARGETS_CHECK,   /* scorecard.c: the targets rows a KPI's thresholds must fit */
  BSC_SLOT_SETTINGS,        /* settings.c: the map's settings */
  BSC_SLOT_ALIGNED,         /* scorecard.c: the objectives aligned with one */
  BSC_SLOT_SCORE_UNIT,      /* reports.c: whether a unit exists and is the top */
  BSC_SLOT_UNIT_PARENT,     /* units.c: a unit's parent */
  BSC_SLOT_UNIT_TOP,        /* units.c: a top unit other than a given row */
  BSC_SLOT_TARGET_YEARS,    /* scorecard.c: a KPI's rows of targets of two ranges of periods */
  BSC_SLOT_INSERT_CHECKED,  /* table.c: a row's INSERT that looks for the ids it refers to itself */
  BSC_SLOT_MEMO_KPI,        /* memo.c: a KPI by id, to score again */
  BSC_N_SLOT
} BscSlot;

struct BscStore {
  sqlite3 *db;
  char *zSchema;
  int version; /* schema_version the names were read at; -1 = never */
  sqlite3_stmt *pVersion;
  char *azTable[BSC_N_ENTITY]; /* NULL: the schema has no such table */
  BscStmtEntry *pStmts;
  int generation; /* bumped whenever the cached statements are dropped */
  sqlite3_stmt *aSlot[BSC_N_SLOT]; /* by number; dropped with the others */
  BscSettings settings;
  int settingsRead; /* settings holds what the map says, until the next refresh */
  /* the message of the error a reader of the map returned (a damaged row
  ** met), for its caller to take; NULL: the error says it all */
  char *zErr;
};

int bsc_store_init(BscStore *, sqlite3 *db, const char *zSchema);
void bsc_store_clear(BscStore *);
/* Drops the names and statements, so the next refresh reads them anew. */
void bsc_store_forget(BscStore *);
/* Re-reads the table names when the schema changed. */
int bsc_store_refresh(BscStore *);
/* A cached statement for the SQL that zFmt (sqlite3_mprintf style) makes.
** The caller resets it after use. */
int bsc_store_stmt(BscStore *, sqlite3_stmt **pp, const char *zFmt, ...);
/* The statement kept in slot iSlot; the first time (and after a change of
** the schema), the SQL that zFmt makes is prepared and kept there, so the
** arguments must make the same SQL every time. The caller resets it. */
int bsc_store_slot(BscStore *, int iSlot, sqlite3_stmt **pp, const char *zFmt, ...);
/* Steps pStmt once (it was reset) and resets it when it gave no row:
** SQLITE_ROW with the row (the caller resets it), else SQLITE_DONE or the
** step's error, never the outcome of a second run. */
int bsc_stmt_step(sqlite3_stmt *pStmt);
/* Runs a write (or a probe whose row is not wanted) once and resets it. */
int bsc_stmt_run(sqlite3_stmt *pStmt);

/* Every write through bsc gives its table a new change stamp (a random
** number in T_config, key 'changes'): equal stamps mean an unchanged
** table, across rollbacks, connections, copies of the file and
** re-attaches, so that caches of derived data key on them. */
typedef struct BscStamps {
  sqlite3_int64 a[BSC_N_ENTITY];
  unsigned known; /* BSC_MASK(e): table e exists and has a stamp */
} BscStamps;
/* Reads the stamps of the schema's tables (refreshing the store first),
** for a reader of connection pConn: its tables' next writes then stamp
** again (shadow.c writes a stamp once a transaction otherwise). */
int bsc_store_stamps(BscStore *, BscConn *pConn, BscStamps *);

/* SQLITE_OK when the schema holds at least one map table; else an error
** for function zFunc in *pzErr that says how to create one. */
int bsc_store_require_map(const BscStore *, const char *zFunc, char **pzErr);
/* Lends a cursor a statement of its own for zSql (prepared if none is
** free), so scans that run at the same time, or across a schema change,
** never share one. *pGeneration is to be handed back with it. */
int bsc_store_borrow(BscStore *, const char *zSql, sqlite3_stmt **pp, int *pGeneration);
/* Takes a borrowed statement back: kept for the next borrower while the
** schema is unchanged, else finalized. NULL is fine. */
void bsc_store_return(BscStore *, sqlite3_stmt *, int generation);
/* Finds the table of `module` in zSchema other than zExcept; *pzName gets a
** sqlite3_malloc'd name or NULL. */
int bsc_find_table(sqlite3 *db, const char *zSchema, const char *zModule,
                   const char *zExcept, char **pzName);

#endif
