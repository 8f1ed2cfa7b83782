/*
** text.c: text helpers for messages and output (the bottom layer: pure).
*/
#ifndef BSC_TEXT_H
#define BSC_TEXT_H

#include "sqlite3ext.h"

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

#endif
