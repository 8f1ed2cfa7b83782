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
#include "schedule.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
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

static const char *cell_text(const BscCell *c) { return c->type == SQLITE_TEXT ? c->z : 0; }

static double cell_number(const BscCell *c) {
  if (c->type == SQLITE_FLOAT) return c->r;
  if (c->type == SQLITE_INTEGER) return (double)c->i;
  return NAN;
}

/* initiatives.schedule, and objectives: how many objectives its links drive. */
int bsc_initiative_derive(BscTable *pTab, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *ctx) {
  BscStore *pStore = bsc_table_store(pTab);
  const char *zLinks = pStore->azTable[BSC_LINKS];
  sqlite3_stmt *pStmt;
  int rc;
  (void)ppRow;
  if (iCol == INITIATIVE_SCHEDULE) {
    int asOf, found;
    if ((rc = bsc_map_as_of(pStore, &asOf, &found)) != SQLITE_OK) return rc;
    const char *z = bsc_schedule_of(cell_text(&aRow[INITIATIVE_STATUS]), cell_text(&aRow[INITIATIVE_START]),
                                    cell_text(&aRow[INITIATIVE_DUE]), cell_number(&aRow[INITIATIVE_PROGRESS]),
                                    found ? &asOf : 0);
    if (z) sqlite3_result_text(ctx, z, -1, SQLITE_STATIC);
    return SQLITE_OK;
  }
  assert(iCol == INITIATIVE_OBJECTIVES);
  if (!zLinks || aRow[INITIATIVE_ID].type != SQLITE_TEXT) {
    sqlite3_result_int(ctx, 0);
    return SQLITE_OK;
  }
  rc = bsc_store_stmt(pStore, &pStmt, "SELECT count(*) FROM \"%w\".\"%w_data\" WHERE cause=?", pStore->zSchema,
                      zLinks);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, aRow[INITIATIVE_ID].z, -1, SQLITE_STATIC);
  if (sqlite3_step(pStmt) == SQLITE_ROW) sqlite3_result_int64(ctx, sqlite3_column_int64(pStmt, 0));
  return sqlite3_reset(pStmt);
}
