/*
** portfolio.c: bsc_portfolio, the initiatives ranked as the vital few are.
*/
#ifndef BSC_PORTFOLIO_H
#define BSC_PORTFOLIO_H

#include "sqlite3ext.h"
#include "analytics.h"

extern const BscTvf bscPortfolioTvf;

#endif
