/*
** An initiative's schedule, and the day the map stands at.
**
** The map stands at the last day of its latest period: the latest (by its
** last day) of the periods of measurements that have an actual. A map with
** no actual yet stands nowhere, and its initiatives have no schedule.
**
** An initiative's schedule at that day D, from its status, its start S, its
** due date E and its progress P (0-100):
**   done, stopped   the status itself: finished work has no schedule to keep
**   overdue         planned or active, and D is after E
**   late            planned or active, S <= D <= E, and P is behind the share
**                   of its time elapsed at D: P < 100 * (D - S) / (E - S),
**                   in days (when S = E, that share is all of it)
**   on track        planned or active, and neither overdue nor late (before
**                   S nothing is due yet)
**   NULL            the map stands nowhere, or a planned or active
**                   initiative lacks S or E (and is not overdue)
** An initiative exactly on schedule (P equal to the share) is on track.
*/
#include "bsc.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <string.h>

int bsc_map_as_of(BscStore *pStore, int *pDay, int *pFound) {
  const char *zM = pStore->azTable[BSC_MEASUREMENTS];
  sqlite3_stmt *pStmt;
  *pFound = 0;
  *pDay = 0;
  if (!zM) return SQLITE_OK;
  int rc = bsc_store_stmt(pStore, &pStmt, "SELECT DISTINCT period FROM \"%w\".\"%w_data\" WHERE actual IS NOT NULL",
                          pStore->zSchema, zM);
  if (rc != SQLITE_OK) return rc;
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    BscPeriod p;
    if (!bsc_period_parse((const char *)sqlite3_column_text(pStmt, 0), &p, 0)) continue;
    if (!*pFound || p.last > *pDay) *pDay = p.last;
    *pFound = 1;
  }
  return sqlite3_reset(pStmt);
}

/* The day number of a stored date, or -1. */
static int day_of(const char *z) {
  BscPeriod p;
  return z && bsc_period_parse(z, &p, 0) && p.kind == BSC_PERIOD_DAY ? p.first : -1;
}

const char *bsc_schedule_of(const char *zStatus, const char *zStart, const char *zDue, double progress,
                            const int *pAsOf) {
  if (zStatus && (strcmp(zStatus, "done") == 0 || strcmp(zStatus, "stopped") == 0)) return zStatus;
  if (!pAsOf) return 0;
  int d = *pAsOf, s = day_of(zStart), e = day_of(zDue);
  if (e >= 0 && d > e) return "overdue";
  if (s < 0 || e < 0) return 0;
  if (d < s) return "on track";
  if (isnan(progress)) progress = 0;
  /* P < 100 (D - S) / (E - S), multiplied out: exact for whole numbers */
  if (e == s) return progress < 100 ? "late" : "on track";
  return progress * (double)(e - s) < 100.0 * (double)(d - s) ? "late" : "on track";
}
