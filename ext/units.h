/*
** units.c: the organisation's units, a tree: the rules that keep it one.
*/
#ifndef BSC_UNITS_H
#define BSC_UNITS_H

#include "sqlite3ext.h"
#include "store.h"

/* The rule of a units row, for the table engine (a hook, scorecard.c's
** bscScoringHooks): its parent must not be the unit itself nor one below
** it, and only one unit, the top, has no parent. */
char *bsc_unit_rule(BscTable *, BscCell *aRow);

#endif
