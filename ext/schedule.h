/*
** schedule.c: an initiative's schedule, and the day the map stands at.
*/
#ifndef BSC_SCHEDULE_H
#define BSC_SCHEDULE_H

#include "sqlite3ext.h"
#include "store.h"
#include "period.h"

/* The day the map stands at (days since 1970-01-01): the last day of its
** latest period with an actual; *pFound is 0 when it has none. */
int bsc_map_as_of(BscStore *, int *pDay, int *pFound);
/* An initiative's schedule ("on track", "late", "overdue", or its status
** "done" or "stopped") at day *pAsOf (NULL: the map stands nowhere); NULL
** when it cannot be told. Dates are stored YYYY-MM-DD; progress NaN is 0. */
const char *bsc_schedule_of(const char *zStatus, const char *zStart, const char *zDue, double progress,
                            const int *pAsOf);
/* The initiatives table's derived columns (schedule, objectives), for the
** table engine's hooks (scorecard.c's bscScoringHooks). */
int bsc_initiative_derive(BscTable *, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *);

#endif
