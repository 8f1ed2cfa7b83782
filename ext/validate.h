/*
** validate.c: a table's values checked and normalised, one by one, and the
** cells that hold a row being written (the table engine's lowest part).
*/
#ifndef BSC_VALIDATE_H
#define BSC_VALIDATE_H

#include "sqlite3ext.h"
#include "entity.h"

#define BSC_MAX_COL 24 /* more than any entity has */

/* The n of a declared VARCHAR(n) (entity.h's BSC_T_*), or 0 for another type. */
int bsc_declared_chars(const char *zType);

int bsc_is_stored(const BscColumn *c);
/* The shadow table's column list: [c1],[c2],... (stored columns only),
** each optionally followed by zSuffix ("=?" for an UPDATE). In brackets:
** SQLite reads a double-quoted name that names no column as a string, so
** a dropped shadow column would read as its own name instead of failing. */
char *bsc_column_list(const BscEntity *e, const char *zSuffix);
void bsc_cell_clear(BscCell *c);
void bsc_row_clear(BscCell *a, int n);
int bsc_cell_set_text(BscCell *c, const char *z, int n);
void bsc_cell_bind(sqlite3_stmt *pStmt, int i, const BscCell *c);
int bsc_cell_from_value(BscCell *c, sqlite3_value *v);
/* "kpi 'sales', period '2026-Q1'": a row's key, for messages. */
char *bsc_row_key_label(const BscEntity *e, const BscCell *aRow);
/* Normalises input v of column col of table p into *c. Returns 0, or an error message
** (*pRc is SQLITE_NOMEM when memory ran out). */
char *bsc_normalize_value(BscTable *p, const BscColumn *col, sqlite3_value *v, BscCell *c, int *pRc);

#endif
