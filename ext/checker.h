/*
** checker.c: bsc_check: the map checker's rules.
*/
#ifndef BSC_CHECKER_H
#define BSC_CHECKER_H

#include "sqlite3ext.h"
#include "tvf.h"

extern const BscTvf bscCheckTvf;

#endif
