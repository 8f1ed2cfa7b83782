/*
** reports.c: bsc_scorecard, bsc_objective_scores, bsc_perspective_scores.
*/
#ifndef BSC_REPORTS_H
#define BSC_REPORTS_H

#include "sqlite3ext.h"
#include "tvf.h"

extern const BscTvfStream bscScorecardStream, bscObjectiveScoresStream, bscPerspectiveScoresStream;

#endif
