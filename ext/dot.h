/*
** dot.c: bsc_dot: the map as a Graphviz picture.
*/
#ifndef BSC_DOT_H
#define BSC_DOT_H

#include "sqlite3ext.h"
#include "graph.h"

void bsc_fn_dot(sqlite3_context *, int, sqlite3_value **);

#endif
