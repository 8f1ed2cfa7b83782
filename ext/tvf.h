/*
** tvf.c: the one engine behind every table-valued function.
*/
#ifndef BSC_TVF_H
#define BSC_TVF_H

#include "sqlite3ext.h"
#include "graph.h"

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
  void *pTab; /* tvf.c's: the function's table, which keeps its stores */
  void *pState; /* a streaming function's own state (BscTvf.xStart) */
  int bEof;     /* a streaming function has no more rows */
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

/* A streaming table-valued function: rows come as SQLite asks for them,
** so that a LIMIT stops the work and memory stays flat. Its tvf.xFill is
** bsc_tvf_stream. xStart reads the arguments and sets up pCall->pState;
** xStep makes the next row in pCall->rows (which then holds that one row,
** all NULL when xStep is called) or sets pCall->bEof; xColumn, when not
** NULL, gives on demand a visible column that xStep left unset (type 0),
** so that columns nobody asks for are never formatted; xStop frees
** pCall->pState. Rows come in tvf.aOrder's order. Errors as for xFill. */
typedef struct BscTvfStream {
  BscTvf tvf;
  int (*xStart)(BscCall *);
  int (*xStep)(BscCall *);
  int (*xColumn)(BscCall *, int iCol, BscOut *pOut);
  void (*xStop)(BscCall *);
} BscTvfStream;
/* The xFill of a streaming function: marks it as one (never called). */
int bsc_tvf_stream(BscCall *);

/* Registers the n table-valued functions aTvf on db. */
int bsc_register_tvfs(sqlite3 *db, BscConn *pConn, const BscTvf *const *aTvf, int n);
/* A new row of all NULLs, or NULL on OOM. */
BscOut *bsc_rows_add(BscRows *);
/* Sorts the rows; xCmp compares two rows (arrays of nCol values). */
void bsc_rows_sort(BscRows *, int (*xCmp)(const void *, const void *));
void bsc_out_int(BscOut *, sqlite3_int64);
void bsc_out_real(BscOut *, double);     /* NaN leaves it NULL */
void bsc_out_text(BscOut *, const char *); /* borrowed */
int bsc_out_owned(BscOut *, char *);       /* owned; SQLITE_NOMEM when NULL */
int bsc_out_copy(BscOut *, const char *);  /* a copy; NULL stays NULL */
/* The store of schema zSchema (NULL: main) kept by the function from call
** to call: statements prepared on it serve every later call. */
int bsc_call_store(BscCall *, const char *zSchema, BscStore **pp);
/* Reads the graph of the schema argument pSchema into pCall->pGraph. */
int bsc_call_graph(BscCall *, sqlite3_value *pSchema);
/* Sets pCall->zErr from a format; returns SQLITE_ERROR (SQLITE_NOMEM on OOM). */
int bsc_call_error(BscCall *, const char *zFmt, ...);

/* A scalar function's graph: from its optional schema argument argv[0];
** on failure the error is set on ctx and the return is not SQLITE_OK. */
int bsc_fn_graph(sqlite3_context *ctx, const char *zFunc, int argc, sqlite3_value **argv,
                 BscGraph **pp);

#endif
