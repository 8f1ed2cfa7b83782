/*
** text.c: text helpers for messages and output (the bottom layer: pure).
*/
#ifndef BSC_TEXT_H
#define BSC_TEXT_H

#include "sqlite3ext.h"

#include <stddef.h>

/* Growing arrays: makes room for element n of an array of *pnAlloc
** elements of sz bytes at *pa (sqlite3_malloc'd or NULL), doubling it;
** SQLITE_NOMEM leaves it as it was. */
int bsc_grow(void *pa, int n, int *pnAlloc, size_t sz);
/* Shrinks such an array to its n elements (n > 0; on failure it stays). */
void bsc_trim(void *pa, int n, size_t sz);

/* Formats a value for an error message: 'text', 12.5 or NULL. */
char *bsc_quote_value(sqlite3_value *v);
char *bsc_quote_text(const char *z);

/* Reads text in the number format nl (7,5 or 1.234,5) into *pr; 1 on success. */
int bsc_number_nl(const char *z, double *pr);

/* Appends z as a JSON string. */
void bsc_json_string(sqlite3_str *, const char *z);

/* How SQL names table zTable of schema zSchema, for advice: qualified
** unless the schema is main, a part in double quotes unless it is a plain
** identifier. sqlite3_malloc'd; NULL on out of memory. */
char *bsc_table_ref(const char *zSchema, const char *zTable);

/* The message of a function that met a damaged stored row (written around
** bsc, as bsc_integrity lists it), in the one wording every reader uses:
**   bsc: FUNC: links row (cause 'a', effect 'b') is damaged: weight Inf is
**   not a finite number; SELECT * FROM bsc_integrity('main') lists every
**   damaged row
** zFunc may be NULL (no "FUNC: "), zKey NULL for the table as a whole,
** zColumn NULL for the row; zProblem says what is wrong, as bsc_integrity's
** problem column does (it names the value: "Inf is not a finite number").
** sqlite3_malloc'd; NULL on out of memory. */
char *bsc_damage_msg(const char *zFunc, const char *zSchema, const char *zTable, const char *zKey,
                     const char *zColumn, const char *zProblem);

#endif
