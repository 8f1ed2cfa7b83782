/*
** entity.c: one column-descriptor table per entity (what each table holds).
*/
#ifndef BSC_ENTITY_H
#define BSC_ENTITY_H

#include "sqlite3ext.h"
#include "vocab.h"

typedef enum BscEntityId {
  BSC_PROCESSES,
  BSC_OBJECTIVES,
  BSC_LINKS,
  BSC_KPIS,
  BSC_MEASUREMENTS,
  BSC_TARGETS,
  /* optional companions of a map: initiatives and their commentary */
  BSC_INITIATIVES,
  BSC_COMMENTARY,
  BSC_SETTINGS,
  /* the organisation's units, a tree (cascading: units.c) */
  BSC_UNITS,
  BSC_N_ENTITY
} BscEntityId;
#define BSC_MASK(e) (1u << (e))

/* How a column's input is checked and normalised. */
typedef enum BscKind {
  BSC_TEXT,   /* free text */
  BSC_ID,     /* trimmed, non-empty, at most 64 characters */
  BSC_REF,    /* an id that must exist in one of the `refs` entities */
  BSC_WORD,   /* one word of `vocab` */
  BSC_REAL,   /* a finite number */
  BSC_WEIGHT, /* a finite number >= 0 */
  BSC_COUNT,  /* a whole number >= 0 */
  BSC_PERIOD, /* a period, normalised */
  BSC_DERIVED, /* computed on read; writing it is an error */
  BSC_DATE,    /* a real calendar day, normalised to YYYY-MM-DD */
  BSC_PERCENT  /* a finite number from 0 to 100 */
} BscKind;

/* Column flags. */
#define BSC_NOTNULL 0x01 /* NULL is refused */
#define BSC_KEY 0x02     /* part of the primary key */
#define BSC_YTD 0x04     /* BSC_PERIOD: a "YTD:" period is allowed too */

/* Declared types of text columns, of the tables and of the table-valued
** functions. Over ODBC (Werner's SQLite driver) VARCHAR(n) with n <= 255
** arrives as SQL_VARCHAR of n characters, which BI tools group and filter
** on, and TEXT as SQL_LONGVARCHAR, a memo field. A size is a promise, not a
** hint: table.c refuses a longer text in a VARCHAR(n) column, and ids,
** words and periods never reach theirs (tests/c checks the vocabularies). */
#define BSC_ID_MAX_CHARS 64
#define BSC_T_ID "VARCHAR(64)"     /* an id (BSC_ID_MAX_CHARS), a rule, a label */
#define BSC_T_WORD "VARCHAR(32)"   /* a word of a vocabulary, a status, a trend */
#define BSC_T_PERIOD "VARCHAR(16)" /* a period, or YTD: and a period */
#define BSC_T_SHORT "VARCHAR(200)" /* a title, an owner, a unit */
#define BSC_T_LONG "TEXT"          /* free text: descriptions, notes, messages, paths */

typedef struct BscColumn {
  const char *name;
  const char *type; /* declared type: BSC_T_*, REAL or INTEGER */
  BscKind kind;
  unsigned flags;
  const char *dflt;      /* SQL literal stored when the input is NULL */
  const BscVocab *vocab; /* BSC_WORD */
  unsigned refs;         /* BSC_REF: BSC_MASK()s of the entities that may hold the id */
} BscColumn;

typedef struct BscCell BscCell;
typedef struct BscTable BscTable;
typedef struct BscStore BscStore;

typedef struct BscEntity {
  BscEntityId id;
  const char *module; /* "bsc_objectives" */
  const char *noun;    /* "objective" */
  const char *article; /* "an objective" */
  int nCol;
  const BscColumn *aCol;
  unsigned idPeers; /* entities whose ids share this one's namespace */
  /* Rules across columns of one row; on failure returns a message
  ** (sqlite3_malloc'd) and NULL when the row is fine. */
  char *(*xRowRule)(BscTable *, BscCell *aRow);
  /* Value of derived column iCol for the row whose stored cells are aRow.
  ** *ppRow (NULL at first) may keep what the row's other derived columns
  ** share; it is released with sqlite3_free when the cursor moves on. */
  int (*xDerive)(BscTable *, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *);
  /* A companion table a map may lack: messages name it as a possible
  ** owner of an id only when the map has it, so a map without it reads
  ** exactly as before it existed. */
  int optional;
} BscEntity;

extern const BscEntity bscEntities[BSC_N_ENTITY];

/* Column numbers, in the order of each entity's descriptor table. */
enum { PROCESS_CLUSTER = 2, PROCESS_SUBPROCESS = 3, PROCESS_UNIT = 6 };
enum {
  OBJECTIVE_ID = 0,
  OBJECTIVE_PERSPECTIVE = 2,
  OBJECTIVE_CLUSTER = 3,
  OBJECTIVE_KPIS = 7,
  OBJECTIVE_ROLLUP = 8,
  OBJECTIVE_SCORE = 9,
  OBJECTIVE_STATUS = 10,
  OBJECTIVE_UNIT = 11
};
enum { LINK_CAUSE = 0, LINK_EFFECT = 1 };
enum {
  KPI_ID = 0,
  KPI_POLARITY = 4,
  KPI_BASELINE = 5,
  KPI_TARGET = 6,
  KPI_RED = 7,
  KPI_AGGREGATION = 10,
  KPI_PERIOD = 11,
  KPI_ACTUAL = 12,
  KPI_SCORE = 13,
  KPI_STATUS = 14,
  KPI_TREND = 15
};
enum { MEASUREMENT_KPI = 0, MEASUREMENT_PERIOD = 1, MEASUREMENT_TARGET = 3 };
enum { TARGET_KPI = 0, TARGET_PERIOD = 1, TARGET_TARGET = 2, TARGET_RED = 3 };
enum {
  INITIATIVE_ID = 0,
  INITIATIVE_START = 3,
  INITIATIVE_DUE = 4,
  INITIATIVE_BUDGET = 5,
  INITIATIVE_PROGRESS = 7,
  INITIATIVE_STATUS = 8,
  INITIATIVE_SCHEDULE = 10,
  INITIATIVE_OBJECTIVES = 11,
  INITIATIVE_UNIT = 12
};
enum { SETTING_KEY = 0, SETTING_VALUE = 1 };
enum { UNIT_ID = 0, UNIT_TITLE = 1, UNIT_PARENT = 2, UNIT_OWNER = 3 };

/* The entity served by module `zModule`, or NULL. */
const BscEntity *bsc_entity_by_module(const char *zModule);

/* One normalised value of a row being written. */
struct BscCell {
  int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  sqlite3_int64 i;
  double r;
  char *z; /* SQLITE_TEXT: owned, from sqlite3_malloc */
};

/* What an entity's rules see of the table being written: table.c's
** BscTable starts with it, so that rules need not call into the engine. */
typedef struct BscTableHead {
  sqlite3_vtab base;
  const char *zName; /* the table's name in its schema */
  BscStore *pStore;  /* the names of its siblings, statements on them */
  sqlite3_int64 iRid; /* the rowid of the row being changed; 0 for a new row */
  /* A check of the derived columns that holds for a whole scan passed in
  ** this one (scorecard.c: the tables a score reads hold no damaged row).
  ** The engine clears it when a scan starts (a statement reads the map
  ** anew) and when the schema changes under a scan. */
  int scanChecked;
} BscTableHead;
static inline const char *bsc_table_name(BscTable *p) { return ((BscTableHead *)p)->zName; }
static inline BscStore *bsc_table_store(BscTable *p) { return ((BscTableHead *)p)->pStore; }
static inline sqlite3_int64 bsc_table_rid(BscTable *p) { return ((BscTableHead *)p)->iRid; }

/* Rules and derived columns that read the map's other tables (scoring):
** they live above the table engine, which is handed them when it is
** registered (bsc_register_tables), one per entity; either may be NULL.
** A hook's rule runs after the entity's own; xGoneRule judges a row that
** leaves (deleted, or its key changed), aOld as stored. */
typedef struct BscEntityHooks {
  char *(*xRowRule)(BscTable *, BscCell *aRow);
  int (*xDerive)(BscTable *, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *);
  char *(*xGoneRule)(BscTable *, BscCell *aOld);
} BscEntityHooks;

#endif
