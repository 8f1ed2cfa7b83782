/*
** bsc: a Balanced Scorecard strategy map inside SQLite.
**
** Where things live:
**   bsc.c     entry point, per-connection state, bsc_version(), bsc_debug()
**   vocab.c   the domain's words: perspectives, clusters, sub-processes, periods
**   entity.c  one column-descriptor table per entity (what each table holds)
**   table.c   the one virtual-table engine that serves every entity
**   store.c   locating a schema's map tables and caching statements on them
**   upgrade.c storage formats; bsc_upgrade() brings an older map up to date
**   period.c  period syntax and arithmetic: nesting, year to date, aggregation
**   score.c   the goal / red-flag scale, status bands, roll-ups (pure math)
**   scorecard.c  the scoring core: KPIs per period, objectives' roll-ups
**   reports.c bsc_scorecard, bsc_objective_scores, bsc_perspective_scores
**   load.c    a transaction with a refused write does not commit
**   graph.c   the causal graph of a map: loading, caching, traversals
**   tvf.c     the one engine behind every table-valued function
**   chains.c  bsc_chains and bsc_reach: causal paths and reachability
**   coverage.c  bsc_clusters, bsc_catalog, bsc_cluster_gaps: the four clusters
**   checker.c bsc_check: the map checker's rules
**   dot.c     bsc_dot: the map as a Graphviz picture
**   analytics.c  bsc_vital_few, bsc_link_evidence, bsc_whatif: which
**             processes matter, whether the links hold, what a change does
*/
#ifndef BSC_H
#define BSC_H

#include "sqlite3ext.h"
#include <stddef.h>

/* ---------------------------------------------------------------- vocab.c */

/* One word of a closed vocabulary: the stored id, a label for people, the
** other spellings accepted on input ("|"-separated) and, for sub-processes,
** the cluster the word belongs to. */
typedef struct BscWord {
  const char *id;
  const char *label;
  const char *aliases;
  const char *group;
  const char *extra; /* cluster: Kaplan & Norton's pay-off horizon */
} BscWord;

typedef struct BscVocab {
  const char *noun; /* "perspective": used in error messages */
  int n;
  const BscWord *a;
  /* words that may follow any spelling ("|"-separated), as "perspective"
  ** in "Financial perspective"; NULL for none */
  const char *tails;
} BscVocab;

extern const BscVocab bscPerspectives;
extern const BscVocab bscClusters;
extern const BscVocab bscSubprocesses;
extern const BscVocab bscSigns;
extern const BscVocab bscPolarities;
extern const BscVocab bscFrequencies;
extern const BscVocab bscAggregations;

/* The word that `text` spells (case, spacing, '_' and '-' ignored), or NULL. */
const BscWord *bsc_vocab_find(const BscVocab *v, const char *text);
/* "a, b or c", from sqlite3_malloc; NULL on OOM. Only words of `group`
** when group is not NULL. */
char *bsc_vocab_list(const BscVocab *v, const char *group);
/* Index of a word (its rank: financial=0 ... learning=3), -1 if absent. */
int bsc_vocab_rank(const BscVocab *v, const char *id);

extern const BscVocab bscRollups;

/* The words' ranks, as enums (vocabularies keep this order). */
typedef enum BscPolarity { BSC_HIGHER, BSC_LOWER, BSC_RANGE, BSC_POLARITY_DEFAULT } BscPolarity;
typedef enum BscAggregation {
  BSC_AGG_SUM,
  BSC_AGG_AVERAGE,
  BSC_AGG_LAST,
  BSC_AGG_MIN,
  BSC_AGG_MAX
} BscAggregation;
typedef enum BscRollup { BSC_ROLLUP_WEIGHTED, BSC_ROLLUP_WORST, BSC_ROLLUP_BEST } BscRollup;

/* --------------------------------------------------------------- period.c */

/* Period granularities, coarse to fine. */
typedef enum BscPeriodKind {
  BSC_PERIOD_NONE = 0,
  BSC_PERIOD_YEAR,
  BSC_PERIOD_HALF,
  BSC_PERIOD_QUARTER,
  BSC_PERIOD_MONTH,
  BSC_PERIOD_WEEK,
  BSC_PERIOD_DAY
} BscPeriodKind;

#define BSC_PERIOD_MAX 24
/* Normalises a period ("2026-q3" -> "2026-Q3") into out; returns its kind,
** or BSC_PERIOD_NONE when `in` is no period. */
BscPeriodKind bsc_period_normalize(const char *in, char out[BSC_PERIOD_MAX]);

/* A parsed period: what it is, and the days it spans. */
typedef struct BscPeriod {
  BscPeriodKind kind;
  int ytd;         /* "YTD:...": from 1 January to the end of the period */
  int year;        /* for a week, its ISO year */
  int n;           /* half, quarter, month or week number; a day's month */
  int day;         /* a day's day of the month */
  int first, last; /* the first and last day, as days since 1970-01-01 */
} BscPeriod;

/* Parses a period, "YTD:" forms too when allowYtd; 1 on success. */
int bsc_period_parse(const char *in, BscPeriod *p, int allowYtd);
void bsc_period_format(const BscPeriod *p, char out[BSC_PERIOD_MAX]);
/* Whether stored period pInner falls inside pOuter (see period.c). */
int bsc_period_contains(const BscPeriod *pOuter, const BscPeriod *pInner);
/* The period of the same kind just before p (YTD:2026-09 -> YTD:2026-08);
** kind BSC_PERIOD_NONE before the year 1000. */
void bsc_period_previous(const BscPeriod *p, BscPeriod *pPrev);
/* Orders periods by their last day, then their first: "later" is greater. */
int bsc_period_compare(const BscPeriod *a, const BscPeriod *b);
/* Aggregates the values of a (in period order; NaN = no value, left out);
** NaN when none has a value. */
double bsc_aggregate(BscAggregation agg, const double *a, int n);

/* ---------------------------------------------------------------- score.c */

/* What is wrong with a target and a red flag. */
typedef enum BscScoreError {
  BSC_SCORE_OK,
  BSC_SCORE_EQUAL,     /* red == target */
  BSC_SCORE_RED_ABOVE, /* red > target with polarity higher */
  BSC_SCORE_RED_BELOW  /* red < target with polarity lower */
} BscScoreError;

/* Checks thresholds against a polarity (BSC_POLARITY_DEFAULT: from their
** order); *pResolved gets the polarity to score with. */
BscScoreError bsc_score_check(double target, double red, BscPolarity pol, BscPolarity *pResolved);
/* The 0..10 score of actual; the thresholds passed bsc_score_check. */
double bsc_score_value(double actual, double target, double red, BscPolarity resolved);
/* Both at once: NaN when a value is NaN or the thresholds are unusable. */
double bsc_score_of(double actual, double target, double red, BscPolarity pol);
/* "red flag 80 equals target 80", from sqlite3_malloc, where zRed and
** zTarget say the values ("red flag 80", "target 80 of ..."); e is not OK. */
char *bsc_score_problem(BscScoreError e, const char *zRed, const char *zTarget, BscPolarity pol);
/* "red", "amber", "green", or "none" for NaN. */
const char *bsc_status_of(double score);
/* "up", "down", "flat", or NULL when either score is NaN. */
const char *bsc_trend_of(double now, double before);
/* Rolls up n child scores (NaN = unscored, left out; its weight goes to the
** others in proportion). NaN weights count as 1. *pnScored (may be NULL)
** gets the number of scored children; NaN when there is none. */
double bsc_rollup(BscRollup how, const double *aScore, const double *aWeight, int n, int *pnScored);
int bsc_register_score(sqlite3 *db);

/* --------------------------------------------------------------- entity.c */

typedef enum BscEntityId {
  BSC_PROCESSES,
  BSC_OBJECTIVES,
  BSC_LINKS,
  BSC_KPIS,
  BSC_MEASUREMENTS,
  BSC_TARGETS,
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
  BSC_DERIVED /* computed on read; writing it is an error */
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
} BscEntity;

extern const BscEntity bscEntities[BSC_N_ENTITY];
/* The entity served by module `zModule`, or NULL. */
const BscEntity *bsc_entity_by_module(const char *zModule);

/* ---------------------------------------------------------------- table.c */

const char *bsc_table_name(BscTable *);
BscStore *bsc_table_store(BscTable *);

/* One normalised value of a row being written. */
struct BscCell {
  int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  sqlite3_int64 i;
  double r;
  char *z; /* SQLITE_TEXT: owned, from sqlite3_malloc */
};

typedef struct BscConn BscConn;
int bsc_register_tables(sqlite3 *db, BscConn *pConn);

/* ---------------------------------------------------------------- store.c */

/* Where one schema's map lives: the names of its five tables, and
** statements prepared on them, all dropped when the schema changes. */
typedef struct BscStmtEntry BscStmtEntry;
struct BscStore {
  sqlite3 *db;
  char *zSchema;
  int version; /* schema_version the names were read at; -1 = never */
  sqlite3_stmt *pVersion;
  char *azTable[BSC_N_ENTITY]; /* NULL: the schema has no such table */
  BscStmtEntry *pStmts;
  int generation; /* bumped whenever the cached statements are dropped */
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

/* -------------------------------------------------------------- upgrade.c */

/* The storage format this bsc writes (see upgrade.c for the history). */
#define BSC_FORMAT 2
/* Reads the storage format of map table zTable in zSchema into *pFormat;
** an error (in *pzErr) when it is missing, no whole number, or newer
** than BSC_FORMAT. */
int bsc_format_read(sqlite3 *db, const char *zSchema, const char *zTable, int *pFormat, char **pzErr);
/* Registers bsc_upgrade([schema]). */
int bsc_register_upgrade(sqlite3 *db);

/* ------------------------------------------------------------ scorecard.c */

/* A KPI as scoring sees it. */
typedef struct BscKpiDef {
  const char *zId;
  BscPolarity polarity;
  BscAggregation agg;
  double target; /* NaN = NULL */
  double red;    /* the red flag, or the baseline when red is NULL; NaN = neither */
  int redIsBaseline;
} BscKpiDef;

/* Fills a BscKpiDef from stored values (texts may be NULL; NaN = NULL). */
void bsc_kpi_def(BscKpiDef *, const char *zId, const char *zPolarity, const char *zAggregation,
                 double baseline, double target, double red);

/* What a KPI scores at one period. */
typedef struct BscKpiScore {
  char zPeriod[BSC_PERIOD_MAX + 4]; /* "" when no period applies */
  double actual, target, red, score; /* NaN = NULL */
  const char *zTrend;                /* "up", "down", "flat" or NULL */
  /* where the target and red flag come from: "targets:2026-Q3" (that row),
  ** "phased:2026" (a coarser targets row, phased), "measurements:2026-05"
  ** (that measurement's own target), "periods" (aggregated over the
  ** periods inside), "kpi", "baseline" (the KPI's); "" when there is none */
  char zTargetFrom[BSC_PERIOD_MAX + 16], zRedFrom[BSC_PERIOD_MAX + 16];
} BscKpiScore;

/* Scores a KPI at pAt, or at its latest period with an actual when pAt is NULL. */
int bsc_kpi_score(BscStore *, const BscKpiDef *, const BscPeriod *pAt, BscKpiScore *);

typedef struct BscObjectiveScore {
  double score; /* NaN = unscored */
  int nScored, nTotal;
} BscObjectiveScore;

/* Scores every KPI of objective zId at pAt (NULL: each at its latest) and
** rolls them up. xKpi, when not NULL, sees each KPI: pRow holds its stored
** columns id, objective, title, unit, polarity, baseline, target, red,
** weight, aggregation (in that order). */
int bsc_objective_score(BscStore *, const char *zId, BscRollup, const BscPeriod *pAt,
                        BscObjectiveScore *,
                        int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *), void *pArg);

/* Checks a KPI's thresholds, and the per-period targets of its
** measurements, against its polarity: NULL when fine, else a message for
** column zTable.<red|baseline>. */
char *bsc_kpi_check(BscStore *, const char *zTable, const char *zId, const char *zPolarity,
                    double baseline, double target, double red, int *pRc);
/* Checks a targets row's red flag against its target, by its KPI's polarity. */
char *bsc_target_check(BscStore *, const char *zTable, const char *zKpi, const char *zPeriod,
                       double target, double red, int *pRc);
/* Checks a measurement's own target against its KPI's red flag and polarity. */
char *bsc_measurement_check(BscStore *, const char *zTable, const char *zKpi, const char *zPeriod,
                            double target, int *pRc);


/* ----------------------------------------------------------------- load.c */

/* A transaction the map refused a write in fails at COMMIT (see load.c). */
/* A write to the map failed with message zErr. */
void bsc_load_failed(BscConn *, sqlite3 *db, const char *zErr);
/* The transaction methods' news; bsc_load_refusal gives xSync's message
** (sqlite3_malloc'd) when the COMMIT must fail, else NULL. */
char *bsc_load_refusal(BscConn *);
void bsc_load_end(BscConn *);
void bsc_load_savepoint(BscConn *, int iSavepoint);
void bsc_load_release(BscConn *, int iSavepoint);
void bsc_load_rollback_to(BscConn *, sqlite3 *db, int iSavepoint);

/* ----------------------------------------------------------------- bsc.c */

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
  /* Caches of derived data (the causal graph, ...), owned by their module:
  ** freed with xFree when the connection closes. */
  void *apCache[4];
  void (*axFree[4])(void *);
};

BscConn *bsc_conn_ref(BscConn *);
void bsc_conn_unref(void *);
/* The cache slot of the kind of cache that xFree frees, claimed on first
** use (so that modules need not agree on slot numbers); NULL when every
** slot is taken, and the caller then works without a cache. */
void **bsc_conn_cache(BscConn *, void (*xFree)(void *));

/* Formats a value for an error message: 'text', 12.5 or NULL. */
char *bsc_quote_value(sqlite3_value *v);
char *bsc_quote_text(const char *z);

/* ---------------------------------------------------------------- graph.c */

/* The causal graph of one schema's map, read from the shadow tables. Nodes
** are the processes and objectives, sorted by id (node numbers follow the
** ids' BINARY order); edges are the links, sorted by cause then effect. A
** graph is immutable and reference-counted: a cached graph outlives a
** change of the map for as long as a cursor still reads it. */
typedef struct BscNode {
  char *zId;
  char *zTitle;
  int isProcess;
  int persp;          /* bscPerspectives rank: 0 financial .. 3 learning */
  int cluster;        /* bscClusters index, -1 for none */
  unsigned clusters;  /* internal objective: bit c for each cluster it counts in */
  int nKpi;           /* KPIs that measure the objective */
  int iOut, nOut;     /* links from it: aEdge[iOut .. iOut+nOut-1] */
  int iIn, nIn;       /* links into it: aEdge[aIn[iIn .. iIn+nIn-1]] */
  int finDist;        /* fewest links to a financial objective: 0 for one, -1 for none */
  int finNext;        /* fewest links on to a financial objective other than itself, -1 */
} BscNode;

typedef struct BscEdge {
  int from, to;
  double weight;
  int negative;
  int lag; /* periods before the effect shows (links.lag) */
} BscEdge;

typedef struct BscKpi {
  char *zId;
  int iObjective; /* node, -1 when the objective is missing */
  int hasTarget;  /* a target, or a per-period target in a measurement */
  int hasData;    /* a measurement with an actual */
} BscKpi;

typedef struct BscGraph {
  int nRef;
  char *zSchema;
  char *azTable[BSC_N_ENTITY]; /* the map's table names, NULL when absent */
  int nNode, nEdge, nKpi;
  BscNode *aNode;
  BscEdge *aEdge;
  int *aIn;
  BscKpi *aKpi; /* sorted by id */
} BscGraph;

#define BSC_INTERNAL 2 /* rank of the internal-process perspective */

/* The graph of the schema that pSchema names (NULL or SQL NULL: main),
** from the connection's cache when the map has not changed since it was
** read. On success *pp holds a reference for the caller; on failure *pzErr
** gets a message starting "bsc: zFunc: " (or is NULL on OOM). */
int bsc_graph_get(sqlite3 *db, BscConn *, const char *zFunc, sqlite3_value *pSchema,
                  BscGraph **pp, char **pzErr);
void bsc_graph_unref(BscGraph *);
/* The node whose id is zId, or -1. */
int bsc_graph_find(const BscGraph *, const char *zId);
/* The perspective's or cluster's id, for messages. */
#define bsc_persp_id(g, i) (bscPerspectives.a[(g)->aNode[i].persp].id)
/* How SQL names table zTable of schema zSchema, for advice: qualified
** unless the schema is main, a part in double quotes unless it is a plain
** identifier. sqlite3_malloc'd; NULL on out of memory. */
char *bsc_table_ref(const char *zSchema, const char *zTable);

/* Breadth-first search from the nodes aStart[0..nStart-1], along the links
** or (up) against them. aDist[v] gets the fewest links from a start (0 for a
** start, -1 unreached); aVia[v], if not NULL, the smallest first hop on a
** shortest path; aOrder the nodes reached, in order of distance. Returns how
** many nodes were reached. Every array holds nNode entries. */
int bsc_graph_bfs(const BscGraph *, const int *aStart, int nStart, int up, int *aDist,
                  int *aVia, int *aOrder);

/* Depth-first enumeration of simple paths (no node twice). xLink is called
** for each link out of the path's last node, and sets *pEnter to extend the
** path along it; the walk refuses a node already on the path and a path
** longer than mxLen links itself. nStep counts links looked at over all
** runs; when it passes mxStep the walk stops and sets bOverBudget. */
typedef struct BscWalk BscWalk;
struct BscWalk {
  const BscGraph *g;
  int mxLen;
  sqlite3_int64 mxStep, nStep;
  int bOverBudget;
  int (*xLink)(BscWalk *, int iEdge, int *pEnter);
  void *pArg;
  int nPath;         /* nodes on the path */
  int *aPath;        /* the path's nodes, aPath[0] the start */
  int *aLink;        /* aLink[i]: the edge into aPath[i], for i >= 1 */
  int *aNext;        /* internal: the next edge to try from aPath[i] */
  unsigned char *aOn; /* aOn[v]: v is on the path */
};
int bsc_walk_init(BscWalk *, const BscGraph *);
/* Walks every simple path from iStart; returns the first error of xLink. */
int bsc_walk_run(BscWalk *, int iStart);
void bsc_walk_clear(BscWalk *);

/* Strongly connected components: aComp[v] numbers v's component, and nodes
** share a number exactly when each reaches the other. */
int bsc_graph_components(const BscGraph *, int *aComp);

/* Appends z as a JSON string. */
void bsc_json_string(sqlite3_str *, const char *z);

/* Registers the scalar functions that read the graph (bsc_cluster_gaps,
** bsc_dot); its table-valued functions come with the others, from tvf.c. */
int bsc_register_graph(sqlite3 *db, BscConn *pConn);

/* ------------------------------------------------------------------ tvf.c */

/* One value of a table-valued function's result. Text is either borrowed
** (it lives as long as the call's graph, or forever) or owned. */
typedef struct BscOut {
  int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
  sqlite3_int64 i;
  double r;
  const char *z;
  int owned;
} BscOut;

/* A result built in full before its first row is read: nRow rows of nCol
** values each, stored row after row. */
typedef struct BscRows {
  int nCol, nRow, nAlloc;
  BscOut *a;
} BscRows;

/* One call of a table-valued function. */
#define BSC_TVF_MAX_ARG 4
typedef struct BscCall {
  sqlite3 *db;
  BscConn *conn;
  const char *zFunc;
  sqlite3_value *aArg[BSC_TVF_MAX_ARG]; /* in column order; NULL when not given */
  /* What an argument's hidden column shows, when xFill sets it (the value
  ** it took, normalised or defaulted); type 0: the argument as given. */
  BscOut aShown[BSC_TVF_MAX_ARG];
  unsigned byColumn; /* bit i: aArg[i] came from the function's BscTvfAlias column */
  BscGraph *pGraph;  /* a reference, dropped with the rows */
  BscRows rows;
  char *zErr; /* set with the error code that xFill returns */
} BscCall;

/* A visible column whose equality constraint also gives argument iArg when
** that is not given (`WHERE period = '2026-Q3'` as `for_period = ...`): a
** function whose argument is named apart from one of its columns is still
** asked by it. SQLite checks the column again on every row, unless
** normalised: then every row shows the argument there in the function's
** normal form, which is what the equality means ('ytd:2026-05' asks for
** the rows of YTD:2026-05). */
typedef struct BscTvfAlias {
  int iCol, iArg;
  int normalised;
} BscTvfAlias;

/* A table-valued function: visible columns, then nArg HIDDEN arguments. */
typedef struct BscTvf {
  const char *zName;
  const char *zColumns; /* "a, b, c HIDDEN": the declared columns */
  int nCol;             /* visible columns */
  int nArg;             /* hidden arguments after them */
  const int *aOrder;    /* columns the rows come sorted by, ascending */
  int nOrder;
  int (*xFill)(BscCall *);
  const BscTvfAlias *pAlias; /* NULL: none */
} BscTvf;

/* Registers every table-valued function of bsc on db. */
int bsc_register_tvfs(sqlite3 *db, BscConn *pConn);
/* A new row of all NULLs, or NULL on OOM. */
BscOut *bsc_rows_add(BscRows *);
/* Sorts the rows; xCmp compares two rows (arrays of nCol values). */
void bsc_rows_sort(BscRows *, int (*xCmp)(const void *, const void *));
void bsc_out_int(BscOut *, sqlite3_int64);
void bsc_out_real(BscOut *, double);     /* NaN leaves it NULL */
void bsc_out_text(BscOut *, const char *); /* borrowed */
int bsc_out_owned(BscOut *, char *);       /* owned; SQLITE_NOMEM when NULL */
int bsc_out_copy(BscOut *, const char *);  /* a copy; NULL stays NULL */
/* Reads the graph of the schema argument pSchema into pCall->pGraph. */
int bsc_call_graph(BscCall *, sqlite3_value *pSchema);
/* Sets pCall->zErr from a format; returns SQLITE_ERROR (SQLITE_NOMEM on OOM). */
int bsc_call_error(BscCall *, const char *zFmt, ...);

/* A scalar function's graph: from its optional schema argument argv[0];
** on failure the error is set on ctx and the return is not SQLITE_OK. */
int bsc_fn_graph(sqlite3_context *ctx, const char *zFunc, int argc, sqlite3_value **argv,
                 BscGraph **pp);

/* ---------------------------------------------------------------- reports.c */

extern const BscTvf bscScorecardTvf, bscObjectiveScoresTvf, bscPerspectiveScoresTvf;

/* ------------------------------------------- chains.c, coverage.c, checker.c, dot.c */

extern const BscTvf bscChainsTvf, bscReachTvf, bscClustersTvf, bscCatalogTvf, bscCheckTvf;

/* chains.c: a causal chain is a simple path from a node to a financial
** objective; its strength is the product of its links' signed weights. */
#define BSC_CHAIN_LENGTH 12           /* links: bsc_chains' default max_length */
#define BSC_CHAIN_MAX_STEPS 20000000  /* links looked at: bounds one call's time */
/* A link's signed weight: its weight, negated when its sign is negative. */
double bsc_link_factor(const BscEdge *);
/* Sees one chain: the walk's path extended by link iEdge, whose end is the
** financial objective reached; w->nPath is then its length in links. */
typedef int (*BscChainFn)(void *pArg, const BscWalk *w, int iEdge, double strength);
/* Walks every chain from iStart of at most w->mxLen links (w is
** bsc_walk_init'ed, mxLen and mxStep set), calling xChain on each. */
int bsc_chain_walk(BscWalk *w, int iStart, BscChainFn xChain, void *pArg);

/* ------------------------------------------------------------ analytics.c */

extern const BscTvf bscVitalFewTvf, bscLinkEvidenceTvf, bscWhatifTvf;

/* coverage.c: objectives, processes and KPIs per cluster. */
typedef struct BscCoverage {
  int nProcess[4], nObjective[4], nKpi[4];
  int nInternal; /* internal-process objectives */
} BscCoverage;
void bsc_coverage(const BscGraph *, BscCoverage *);

void bsc_fn_cluster_gaps(sqlite3_context *, int, sqlite3_value **);
void bsc_fn_dot(sqlite3_context *, int, sqlite3_value **);

#endif
