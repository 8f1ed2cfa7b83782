/*
** The scoring core: KPIs scored per period from their measurements, rolled
** up to objectives. One path serves the derived columns of kpis and
** objectives (entity.c) and the scorecard's table-valued functions
** (reports.c); the checks that keep a KPI's thresholds scorable live here
** too. The scale itself (score, status, roll-up) is score.c's pure math.
**
** Scoring a KPI at a period P: the measurements inside P (period.c) that
** have an actual are aggregated with the KPI's aggregation: their actuals,
** their targets (a measurement's own, else the KPI's) and their red flags
** (the KPI's red, else its baseline), so that a sum of three months meets a
** sum of three months' targets and red flags. When a measurement has no
** target (nor its KPI), a sum has none, and `last` takes the target of the
** measurement its actual comes from. With no actual inside P the
** targets of the measurements inside P are shown, or the KPI's own when
** there are none. With no period asked, P is the latest stored period with
** an actual (the latest end; at equal ends the shortest). The trend compares
** the score at P with the score at the period of the same kind just before
** it (2026-Q3 with 2026-Q2, YTD:2026-09 with YTD:2026-08). Thresholds that
** cannot be scored (older maps could store them) give no score.
*/
#include "scorecard.h"
#include "shadow.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- KPIs */

void bsc_kpi_def(BscKpiDef *k, const char *zId, const char *zPolarity, const char *zAggregation,
                 double baseline, double target, double red) {
  int pol = bsc_vocab_rank(&bscPolarities, zPolarity);
  int agg = bsc_vocab_rank(&bscAggregations, zAggregation);
  k->zId = zId;
  k->polarity = pol < 0 ? BSC_POLARITY_DEFAULT : (BscPolarity)pol;
  k->agg = agg < 0 ? BSC_AGG_LAST : (BscAggregation)agg;
  k->target = target;
  k->red = isnan(red) ? baseline : red;
  k->redIsBaseline = isnan(red) && !isnan(baseline);
  k->freq = BSC_PERIOD_NONE;
}

static double column_number(sqlite3_stmt *pStmt, int i) {
  return sqlite3_column_type(pStmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double(pStmt, i);
}

/* A dated row of a KPI: a measurement (a = actual, b = its own target) or
** a targets row (a = target, b = red flag); NaN = NULL. */
typedef struct Dated {
  BscPeriod period;
  double a, b;
} Dated;

static int dated_compare(const void *x, const void *y) {
  return bsc_period_compare(&((const Dated *)x)->period, &((const Dated *)y)->period);
}

/* Where dated rows are read from: the table, its two numbers, the slots
** of the statements reading every row of a KPI and the rows of two ranges
** of periods, whether its periods may be year-to-date, and whether it
** reads the periods around those scored (targets rows: a coarser one is
** phased into them) or only those inside. */
typedef struct Source {
  BscEntityId table;
  const char *zCols;
  int iAll, iRanges;
  int allowYtd, coarse;
} Source;

static const Source srcMeasurements = {BSC_MEASUREMENTS, "actual, target", BSC_SLOT_OBS, BSC_SLOT_OBS_YEARS, 0, 0};
static const Source srcTargets = {BSC_TARGETS, "target, red", BSC_SLOT_KPI_TARGET_ROWS, BSC_SLOT_TARGET_YEARS, 1, 1};

/* The days a scoring reads (those of the period scored and of the one
** before it), and the two ranges of stored period texts that hold every
** period of a source that matters to them; all: read every row. A stored
** period starts with its year (after "YTD:" for a year-to-date one), and
** one that lies inside days of a year (a week: its ISO year, that of its
** Thursday) names that year. Inside a year, months sort before their days,
** and both before the halves, quarters and weeks ("2026-H1" > "2026-12").
** So the periods inside the days from (yLo, mLo) to (yHi, mHi) lie in
** ["yLo-mLo", "yHi-(mHi+1)") (from "yLo" when mLo is January: the year
** itself), and in ["yHi-H", "yHi-X") (the halves, quarters and weeks of the
** last year; those of earlier years are in the first range). The rows that
** hold them (coarse) are those of the years and of the years on either
** side (a week holds days of two years: 2026-W01 starts on 29 December
** 2025), and the year-to-date ones of the years. */
typedef struct Span {
  int all;
  char azLo[2][16], azHi[2][16];
} Span;

static void span_set(Span *s, const Source *src, int yLo, int mLo, int yHi, int mHi) {
  if (s->all) return;
  if (src->coarse) {
    sqlite3_snprintf(16, s->azLo[0], "%04d", yLo - 1);
    sqlite3_snprintf(16, s->azHi[0], "%04d", yHi + 2);
    sqlite3_snprintf(16, s->azLo[1], "YTD:%04d", yLo);
    sqlite3_snprintf(16, s->azHi[1], "YTD:%04d", yHi + 1);
  } else {
    if (mLo == 1) sqlite3_snprintf(16, s->azLo[0], "%04d", yLo);
    else sqlite3_snprintf(16, s->azLo[0], "%04d-%02d", yLo, mLo);
    sqlite3_snprintf(16, s->azHi[0], "%04d-%02d", yHi, mHi + 1);
    sqlite3_snprintf(16, s->azLo[1], "%04d-H", yHi);
    sqlite3_snprintf(16, s->azHi[1], "%04d-X", yHi);
  }
}

/* The message for a stored row whose period is no period (only a write
** around bsc makes one): it is never scored as if valid. */
static int damaged_period(BscStore *pStore, const char *zTable, const char *zKpi, sqlite3_value *pPeriod) {
  char *zValue = bsc_quote_value(pPeriod);
  sqlite3_free(pStore->zErr);
  pStore->zErr = zValue ? sqlite3_mprintf("bsc: %s row (kpi '%q', period %s) is damaged: period %s is not a "
                                          "period; SELECT * FROM bsc_integrity('%q') lists every damaged row",
                                          zTable, zKpi, zValue, zValue, pStore->zSchema)
                        : 0;
  sqlite3_free(zValue);
  return pStore->zErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Reads the rows of KPI zKpi from src in period order, with room for
** nExtra bytes per row after the array (scratch for aggregating): those of
** the days the scoring reads (pSpan, NULL: all), with two range scans of
** the (kpi, period) index. A row whose period is no period is an error
** (pStore->zErr says which). */
static int read_dated(BscStore *pStore, const Source *src, const char *zKpi, const Span *pSpan, size_t nExtra,
                      Dated **paRow, int *pn) {
  const char *zTable = pStore->azTable[src->table];
  sqlite3_stmt *pStmt;
  Dated *a = 0;
  int n = 0, nAlloc = 0, rc;
  *paRow = 0;
  *pn = 0;
  if (!zTable) return SQLITE_OK;
  /* FY2027-Q1 is a period of a map with a fiscal year (settings.c) */
  int fyStart = bsc_store_settings(pStore, &rc)->fyStart;
  if (rc != SQLITE_OK) return rc;
  if (pSpan && !pSpan->all) {
    /* UNION ALL: two range scans, where OR would collect rowids to drop repeats */
    rc = bsc_store_slot(pStore, src->iRanges, &pStmt,
                        "SELECT period, %s FROM \"%w\".\"%w_data\" WHERE kpi=?1 AND period>=?2 AND period<?3"
                        " UNION ALL SELECT period, %s FROM \"%w\".\"%w_data\" WHERE kpi=?1 AND period>=?4 AND period<?5",
                        src->zCols, pStore->zSchema, zTable, src->zCols, pStore->zSchema, zTable);
    if (rc != SQLITE_OK) return rc;
    for (int i = 0; i < 2; i++) {
      sqlite3_bind_text(pStmt, 2 + 2 * i, pSpan->azLo[i], -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 3 + 2 * i, pSpan->azHi[i], -1, SQLITE_STATIC);
    }
  } else {
    rc = bsc_store_slot(pStore, src->iAll, &pStmt, "SELECT period, %s FROM \"%w\".\"%w_data\" WHERE kpi=?1",
                        src->zCols, pStore->zSchema, zTable);
    if (rc != SQLITE_OK) return rc;
  }
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    if (n == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 16;
      Dated *aNew = sqlite3_realloc64(a, (sqlite3_uint64)nNew * (sizeof(Dated) + nExtra));
      if (!aNew) {
        rc = SQLITE_NOMEM;
        break;
      }
      a = aNew;
      nAlloc = nNew;
    }
    if (!bsc_period_parse_fy((const char *)sqlite3_column_text(pStmt, 0), &a[n].period, src->allowYtd, fyStart)) {
      rc = damaged_period(pStore, zTable, zKpi, sqlite3_column_value(pStmt, 0));
      break;
    }
    a[n].a = column_number(pStmt, 1);
    a[n].b = column_number(pStmt, 2);
    n++;
  }
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc != SQLITE_OK) {
    sqlite3_free(a);
    return rc;
  }
  if (n > 1) qsort(a, (size_t)n, sizeof(Dated), dated_compare);
  *paRow = a;
  *pn = n;
  return SQLITE_OK;
}

/* Where a threshold comes from (BscKpiScore.tFrom, rFrom; bsc_kpi_source). */
typedef enum From { FROM_NONE, FROM_TARGETS, FROM_PHASED, FROM_MEASUREMENT, FROM_PERIODS, FROM_KPI, FROM_BASELINE } From;

/* A target and red flag, and where each comes from. */
typedef struct Thr {
  double target, red;
  From tFrom, rFrom;
  BscPeriod tAt, rAt; /* the period of the targets row or measurement */
} Thr;

/* What a KPI's scoring reads: its measurements in period order, its
** targets rows, and scratch for aggregating (3 doubles per measurement). */
typedef struct KpiData {
  const BscKpiDef *k;
  Dated *aObs; /* measurements: a = actual, b = target */
  int nObs;
  Dated *aTgt; /* targets rows: a = target, b = red */
  int nTgt;
  double *aBuf;
} KpiData;

static int same_period(const BscPeriod *a, const BscPeriod *b) {
  return a->kind == b->kind && a->ytd == b->ytd && a->first == b->first && a->last == b->last;
}

/* Whether targets row period pOuter is coarser than q and holds it: a
** year-to-date row holds nothing but itself. */
static int phases_into(const BscPeriod *pOuter, const BscPeriod *q) {
  if (pOuter->ytd || same_period(pOuter, q)) return 0;
  if (!q->ytd) return bsc_period_contains(pOuter, q);
  return pOuter->first <= q->first && q->last <= pOuter->last;
}

static void thr_kpi(const BscKpiDef *k, Thr *t) {
  t->target = k->target;
  t->red = k->red;
  t->tFrom = isnan(k->target) ? FROM_NONE : FROM_KPI;
  t->rFrom = isnan(k->red) ? FROM_NONE : k->redIsBaseline ? FROM_BASELINE : FROM_KPI;
}

/* The target and red flag of period q on its own: its targets row, else
** pObs's own target (a measurement at q) with the KPI's red flag, else the
** smallest coarser targets row phased (a sum in proportion to the days),
** else the KPI's. */
static void resolve(const KpiData *d, const BscPeriod *q, const Dated *pObs, Thr *t) {
  const Dated *pCoarse = 0;
  for (int i = 0; i < d->nTgt; i++) {
    const Dated *g = &d->aTgt[i];
    if (same_period(&g->period, q)) {
      t->target = g->a;
      t->red = g->b;
      t->tFrom = t->rFrom = FROM_TARGETS;
      t->tAt = t->rAt = g->period;
      return;
    }
    if (phases_into(&g->period, q) &&
        (!pCoarse || g->period.last - g->period.first < pCoarse->period.last - pCoarse->period.first)) {
      pCoarse = g;
    }
  }
  thr_kpi(d->k, t);
  if (pObs && !isnan(pObs->b)) {
    t->target = pObs->b;
    t->tFrom = FROM_MEASUREMENT;
    t->tAt = pObs->period;
    return;
  }
  if (pCoarse) {
    /* a week counts its seven days, though the year holds it by its Thursday */
    double nDays = q->last - q->first + 1, nAll = pCoarse->period.last - pCoarse->period.first + 1;
    if (d->k->agg != BSC_AGG_SUM) nDays = nAll = 1;
    t->target = pCoarse->a * nDays / nAll;
    t->red = pCoarse->b * nDays / nAll;
    t->tFrom = t->rFrom = FROM_PHASED;
    t->tAt = t->rAt = pCoarse->period;
  }
}

void bsc_kpi_source(const BscKpiScore *s, int bRed, char zOut[BSC_SOURCE_MAX]) {
  static const char *const azWord[] = {"", "targets", "phased", "measurements", "periods", "kpi", "baseline"};
  From f = (From)(bRed ? s->rFrom : s->tFrom);
  char zAt[BSC_PERIOD_MAX];
  if (f == FROM_TARGETS || f == FROM_PHASED || f == FROM_MEASUREMENT) {
    bsc_period_format(bRed ? &s->rAt : &s->tAt, zAt);
    sqlite3_snprintf(BSC_SOURCE_MAX, zOut, "%s:%s", azWord[f], zAt);
  } else {
    sqlite3_snprintf(BSC_SOURCE_MAX, zOut, "%s", azWord[f]);
  }
}

void bsc_kpi_period(const BscKpiScore *s, char zOut[BSC_PERIOD_MAX]) {
  if (s->at.kind == BSC_PERIOD_NONE) zOut[0] = 0;
  else bsc_period_format(&s->at, zOut);
}

/* Scores the KPI at period pAt. Fills everything but the period and the
** trend. */
static void score_at(const KpiData *d, const BscPeriod *pAt, BscKpiScore *pOut) {
  const BscKpiDef *k = d->k;
  const Dated *aObs = d->aObs;
  int n = d->nObs;
  /* with no measurement aBuf may be NULL, and no offset may be added to it */
  double *aActual = d->aBuf, *aTarget = n ? d->aBuf + n : d->aBuf, *aRed = n ? d->aBuf + 2 * n : d->aBuf;
  int nActual = 0, m = 0, nNoTarget = 0;
  Thr thr, last;
  memset(&thr, 0, sizeof(thr));
  memset(&last, 0, sizeof(last));
  for (int i = 0; i < n; i++) {
    if (!isnan(aObs[i].a) && bsc_period_contains(pAt, &aObs[i].period)) nActual++;
  }
  for (int i = 0; i < n; i++) {
    if (nActual > 0 && isnan(aObs[i].a)) continue;
    if (!bsc_period_contains(pAt, &aObs[i].period)) continue;
    aActual[m] = aObs[i].a;
    resolve(d, &aObs[i].period, &aObs[i], &last);
    aTarget[m] = last.target;
    aRed[m] = last.red;
    nNoTarget += isnan(aTarget[m]);
    m++;
  }
  pOut->actual = bsc_aggregate(k->agg, aActual, m);
  resolve(d, pAt, 0, &thr);
  if (thr.tFrom != FROM_TARGETS && m > 0) {
    /* the periods inside, each with its own target and red flag */
    int lastOnly = k->agg == BSC_AGG_LAST && nActual;
    thr.target = /* summed without the months that have no target, the
                 ** target would be that of part of the period */
                 k->agg == BSC_AGG_SUM && nNoTarget ? NAN
                 /* the last actual meets its own measurement's target */
                 : lastOnly ? aTarget[m - 1]
                 : bsc_aggregate(k->agg, aTarget, m);
    thr.red = lastOnly && !isnan(aRed[m - 1]) ? aRed[m - 1] : bsc_aggregate(k->agg, aRed, m);
    if (m == 1 || lastOnly) {
      thr.tFrom = last.tFrom;
      thr.rFrom = last.rFrom;
      thr.tAt = last.tAt;
      thr.rAt = last.rAt;
    } else {
      thr.tFrom = thr.rFrom = FROM_PERIODS;
    }
  }
  if (isnan(thr.target)) thr.tFrom = FROM_NONE;
  if (isnan(thr.red)) thr.rFrom = FROM_NONE;
  pOut->target = thr.target;
  pOut->red = thr.red;
  pOut->tFrom = thr.tFrom;
  pOut->rFrom = thr.rFrom;
  pOut->tAt = thr.tAt;
  pOut->rAt = thr.rAt;
  pOut->score = bsc_score_of(pOut->actual, pOut->target, pOut->red, k->polarity);
}

int bsc_kpi_score(BscStore *pStore, const BscKpiDef *k, const BscPeriod *pAt, BscKpiScore *pOut) {
  KpiData d;
  BscPeriod latest, before;
  memset(pOut, 0, sizeof(*pOut));
  memset(&d, 0, sizeof(d));
  d.k = k;
  int rc = SQLITE_OK;
  const BscSettings *pSet = bsc_store_settings(pStore, &rc);
  if (rc != SQLITE_OK) return rc;
  /* a period asked for: only the days of it and of the one before it;
  ** a KPI that may show its latest complete period of a longer frequency
  ** (a year at most) and that period's trend needs two years more */
  Span aSpan[2];
  const Span *pObsSpan = 0, *pTgtSpan = 0;
  if (pAt) {
    int yLo, mLo, yHi, mHi, dd;
    bsc_period_previous(pAt, &before);
    bsc_civil_date(before.kind != BSC_PERIOD_NONE && before.first < pAt->first ? before.first : pAt->first, &yLo,
                   &mLo, &dd);
    bsc_civil_date(pAt->last, &yHi, &mHi, &dd);
    if (pSet->finerLatest && k->freq != BSC_PERIOD_NONE && k->freq < pAt->kind) yLo -= 2, mLo = 1, mHi = 12;
    /* no four-digit years, or FY2027-Q1, which does not start with its year: read all */
    aSpan[0].all = aSpan[1].all = yLo < 1000 || yHi > 9998 || pSet->fyStart;
    span_set(&aSpan[0], &srcMeasurements, yLo, mLo, yHi, mHi);
    span_set(&aSpan[1], &srcTargets, yLo, mLo, yHi, mHi);
    pObsSpan = &aSpan[0];
    pTgtSpan = &aSpan[1];
  }
  rc = read_dated(pStore, &srcMeasurements, k->zId, pObsSpan, 3 * sizeof(double), &d.aObs, &d.nObs);
  if (rc == SQLITE_OK) rc = read_dated(pStore, &srcTargets, k->zId, pTgtSpan, 0, &d.aTgt, &d.nTgt);
  if (rc != SQLITE_OK) {
    sqlite3_free(d.aObs);
    return rc;
  }
  d.aBuf = d.aObs ? (double *)(d.aObs + d.nObs) : 0; /* read_dated's scratch */
  if (!pAt) {
    for (int i = d.nObs - 1; i >= 0 && !pAt; i--) {
      if (!isnan(d.aObs[i].a)) latest = d.aObs[i].period, pAt = &latest;
    }
  }
  /* a quarterly KPI at 2026-05 shows 2026-Q1, unless it has actuals in
  ** 2026-05 itself (a KPI measured more often than its frequency says) */
  BscPeriod due;
  if (pAt && pSet->finerLatest && !pAt->ytd && k->freq != BSC_PERIOD_NONE && k->freq < pAt->kind) {
    int inside = 0;
    for (int i = 0; i < d.nObs && !inside; i++) {
      inside = !isnan(d.aObs[i].a) && bsc_period_contains(pAt, &d.aObs[i].period);
    }
    if (!inside && bsc_period_latest_fy(k->freq, pAt->last, pSet->fyStart, &due)) pAt = &due;
  }
  if (pAt) {
    BscKpiScore prior;
    score_at(&d, pAt, pOut);
    pOut->at = *pAt;
    bsc_period_previous(pAt, &before);
    if (before.kind != BSC_PERIOD_NONE) {
      score_at(&d, &before, &prior);
      pOut->zTrend = bsc_trend_of(pOut->score, prior.score);
    }
  } else {
    /* no actual ever: show the KPI's own thresholds */
    Thr t;
    thr_kpi(k, &t);
    pOut->actual = pOut->score = NAN;
    pOut->target = k->target;
    pOut->red = k->red;
    pOut->tFrom = t.tFrom;
    pOut->rFrom = t.rFrom;
  }
  sqlite3_free(d.aObs);
  sqlite3_free(d.aTgt);
  return SQLITE_OK;
}

/* ---------------------------------------------------------- objectives */

char *bsc_objective_kpis_sql(BscStore *pStore, int *pRc) {
  const char *zKpis = pStore->azTable[BSC_KPIS];
  *pRc = SQLITE_OK;
  if (!zKpis) return 0;
  char *zSql = sqlite3_mprintf("SELECT " BSC_KPI_COLUMNS " FROM \"%w\".\"%w_data\" WHERE objective=?1 ORDER BY rid",
                               pStore->zSchema, zKpis);
  if (!zSql) *pRc = SQLITE_NOMEM;
  return zSql;
}

void bsc_kpi_def_row(BscKpiDef *k, sqlite3_stmt *pRow) {
  bsc_kpi_def(k, (const char *)sqlite3_column_text(pRow, 0), (const char *)sqlite3_column_text(pRow, 4),
              (const char *)sqlite3_column_text(pRow, 9), column_number(pRow, 5), column_number(pRow, 6),
              column_number(pRow, 7));
  k->freq = bsc_frequency_kind((const char *)sqlite3_column_text(pRow, 10));
}

/* bsc_objective_score's KPIs, scored and rolled up. */
static int kpi_rollup(BscStore *pStore, const char *zId, BscRollup how, const BscPeriod *pAt,
                        BscObjectiveScore *pOut,
                        int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *), void *pArg) {
  sqlite3_stmt *pStmt = pStore->aSlot[BSC_SLOT_OBJECTIVE_KPIS];
  double *aScore = 0;
  int n = 0, nAlloc = 0, rc = SQLITE_OK;
  pOut->score = NAN;
  pOut->nScored = pOut->nTotal = 0;
  if (!pStore->azTable[BSC_KPIS] || !zId) return SQLITE_OK;
  if (!pStmt) {
    char *zSql = bsc_objective_kpis_sql(pStore, &rc);
    if (zSql) rc = bsc_store_slot(pStore, BSC_SLOT_OBJECTIVE_KPIS, &pStmt, "%s", zSql);
    sqlite3_free(zSql);
    if (rc != SQLITE_OK) return rc;
  }
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    BscKpiDef k;
    BscKpiScore s;
    if (n == nAlloc) {
      /* scores in the first half, weights in the second */
      int nNew = nAlloc ? nAlloc * 2 : 8;
      double *aNew = sqlite3_realloc64(aScore, (sqlite3_uint64)nNew * 2 * sizeof(double));
      if (!aNew) {
        rc = SQLITE_NOMEM;
        break;
      }
      memmove(aNew + nNew, aNew + nAlloc, (size_t)n * sizeof(double));
      aScore = aNew;
      nAlloc = nNew;
    }
    bsc_kpi_def_row(&k, pStmt);
    if (!k.zId) continue;
    rc = bsc_kpi_score(pStore, &k, pAt, &s);
    if (rc == SQLITE_OK && xKpi) rc = xKpi(pArg, pStmt, &s);
    aScore[n] = s.score;
    aScore[nAlloc + n] = column_number(pStmt, 8);
    n++;
  }
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK) {
    /* no KPI: no array, and no offset may be added to its NULL */
    pOut->score = bsc_rollup(how, aScore, aScore ? aScore + nAlloc : 0, n, &pOut->nScored);
    pOut->nTotal = n;
  }
  sqlite3_free(aScore);
  return rc;
}

static int aligned_score(BscStore *pStore, const char *zId, const BscPeriod *pAt, int depth, double *pScore);

/* bsc_objective_score, depth units below the objective whose aligned
** roll-up asked for it. */
static int objective_score(BscStore *pStore, const char *zId, BscRollup how, const BscPeriod *pAt,
                           BscObjectiveScore *pOut, int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *),
                           void *pArg, int depth) {
  int rc = kpi_rollup(pStore, zId, how, pAt, pOut, xKpi, pArg);
  /* its KPIs are still scored and shown; its score is its units' */
  if (rc == SQLITE_OK && how == BSC_ROLLUP_ALIGNED && zId) rc = aligned_score(pStore, zId, pAt, depth, &pOut->score);
  return rc;
}

int bsc_objective_score(BscStore *pStore, const char *zId, BscRollup how, const BscPeriod *pAt,
                        BscObjectiveScore *pOut,
                        int (*xKpi)(void *, sqlite3_stmt *pRow, const BscKpiScore *), void *pArg) {
  return objective_score(pStore, zId, how, pAt, pOut, xKpi, pArg, 0);
}

/* Units form a tree and an objective aligns only with one of a unit above
** its own, so an aligned roll-up ends at the top; only rows written around
** bsc could make a circle, which this depth cuts (unscored beyond it). */
#define ALIGN_DEPTH 32

/* One objective aligned with another: its id, roll-up, and its link's weight. */
typedef struct Aligned {
  char *zId;
  int how;
  double weight;
} Aligned;

/* An `aligned` objective's score at pAt: the weighted average of the
** scores of the objectives aligned with it (causes of its links that
** belong to a unit below its own; NULL is the top unit), each weighted by
** its link's weight and scored its own way. NaN when none is scored, or
** the map has no units. */
static int aligned_score(BscStore *pStore, const char *zId, const BscPeriod *pAt, int depth, double *pScore) {
  const char *zUnits = pStore->azTable[BSC_UNITS], *zObjectives = pStore->azTable[BSC_OBJECTIVES];
  const char *zLinks = pStore->azTable[BSC_LINKS], *zSchema = pStore->zSchema;
  sqlite3_stmt *pStmt;
  Aligned *a = 0;
  int n = 0, nAlloc = 0, rc;
  *pScore = NAN;
  if (!zUnits || !zObjectives || !zLinks || depth >= ALIGN_DEPTH) return SQLITE_OK;
  if (!pStore->aSlot[BSC_SLOT_ALIGNED]) {
    /* a map made before units whose objectives are not upgraded yet: none is in a unit */
    char zData[200];
    sqlite3_snprintf(sizeof(zData), zData, "%s_data", zObjectives);
    if (sqlite3_table_column_metadata(pStore->db, zSchema, zData, "unit", 0, 0, 0, 0, 0) != SQLITE_OK) {
      return SQLITE_OK;
    }
  }
  rc = bsc_store_slot(pStore, BSC_SLOT_ALIGNED, &pStmt,
                      "WITH RECURSIVE below(id) AS ("
                      "SELECT id FROM \"%w\".\"%w_data\" WHERE parent = coalesce("
                      "(SELECT unit FROM \"%w\".\"%w_data\" WHERE id = ?1),"
                      " (SELECT id FROM \"%w\".\"%w_data\" WHERE parent IS NULL ORDER BY rid LIMIT 1))"
                      " UNION SELECT u.id FROM \"%w\".\"%w_data\" AS u JOIN below AS b ON u.parent = b.id) "
                      "SELECT o.id, o.rollup, l.weight FROM \"%w\".\"%w_data\" AS l"
                      " JOIN \"%w\".\"%w_data\" AS o ON o.id = l.cause"
                      " WHERE l.effect = ?1 AND o.unit IN below ORDER BY l.rid",
                      zSchema, zUnits, zSchema, zObjectives, zSchema, zUnits, zSchema, zUnits, zSchema, zLinks,
                      zSchema, zObjectives);
  if (rc != SQLITE_OK) return rc;
  /* read them all first: scoring each reuses this statement */
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    if (n == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 8;
      Aligned *aNew = sqlite3_realloc64(a, (sqlite3_uint64)nNew * sizeof(Aligned));
      if (!aNew) {
        rc = SQLITE_NOMEM;
        break;
      }
      a = aNew;
      nAlloc = nNew;
    }
    int how = bsc_vocab_rank(&bscRollups, (const char *)sqlite3_column_text(pStmt, 1));
    a[n].how = how < 0 ? BSC_ROLLUP_WEIGHTED : how;
    a[n].weight = column_number(pStmt, 2);
    if (!(a[n].zId = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pStmt, 0)))) {
      rc = SQLITE_NOMEM;
      break;
    }
    n++;
  }
  int rc2 = sqlite3_reset(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  /* scores in the first half, weights in the second */
  double *aScore = rc == SQLITE_OK && n ? sqlite3_malloc64((sqlite3_uint64)n * 2 * sizeof(double)) : 0;
  if (rc == SQLITE_OK && n && !aScore) rc = SQLITE_NOMEM;
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    BscObjectiveScore os;
    rc = objective_score(pStore, a[i].zId, (BscRollup)a[i].how, pAt, &os, 0, 0, depth + 1);
    aScore[i] = os.score;
    aScore[n + i] = a[i].weight;
  }
  if (rc == SQLITE_OK && n) *pScore = bsc_rollup(BSC_ROLLUP_ALIGNED, aScore, aScore + n, n, 0);
  for (int i = 0; i < n; i++) sqlite3_free(a[i].zId);
  sqlite3_free(a);
  sqlite3_free(aScore);
  return rc;
}

/* ------------------------------------------------------------ validation */

/* The message for thresholds that cannot be scored: zRedOf and zTargetOf
** say whose values they are, zRow names the row written. */
static char *threshold_problem(const char *zColumn, BscScoreError e, int redIsBaseline, double red,
                               const char *zRedOf, double target, const char *zTargetOf,
                               BscPolarity pol, const char *zRow, int *pRc) {
  char *zRed = sqlite3_mprintf("%s %.15g%s", redIsBaseline ? "baseline" : "red flag", red, zRedOf);
  char *zTarget = sqlite3_mprintf("target %.15g%s", target, zTargetOf);
  char *zProblem = zRed && zTarget ? bsc_score_problem(e, zRed, zTarget, pol) : 0;
  char *zMsg = zProblem ? sqlite3_mprintf("bsc: %s: %s%s (row %s)", zColumn, zProblem,
                                          redIsBaseline ? "; with red NULL the baseline is the red flag" : "",
                                          zRow)
                        : 0;
  sqlite3_free(zRed);
  sqlite3_free(zTarget);
  sqlite3_free(zProblem);
  if (!zMsg) *pRc = SQLITE_NOMEM;
  return zMsg;
}

/* A KPI's polarity must suit the red flags of its targets rows, each on
** the right side of its own target. */
static char *targets_fit(BscStore *pStore, const char *zTable, const char *zId, BscPolarity pol, int *pRc) {
  const char *zTargets = pStore->azTable[BSC_TARGETS];
  sqlite3_stmt *pStmt;
  char *zMsg = 0;
  if (!zTargets || pol == BSC_POLARITY_DEFAULT) return 0;
  *pRc = bsc_store_slot(pStore, BSC_SLOT_TARGETS_CHECK, &pStmt,
                        "SELECT period, target, red FROM \"%w\".\"%w_data\" WHERE kpi=? ORDER BY rid",
                        pStore->zSchema, zTargets);
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
  while (!zMsg && *pRc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    BscPolarity resolved;
    double t = column_number(pStmt, 1), r = column_number(pStmt, 2);
    BscScoreError e = isnan(t) || isnan(r) ? BSC_SCORE_OK : bsc_score_check(t, r, pol, &resolved);
    if (e == BSC_SCORE_OK) continue;
    char *zColumn = sqlite3_mprintf("%s.polarity", zTable);
    char *zOf = sqlite3_mprintf(" of %s row (kpi '%q', period '%q')", zTargets, zId,
                                (const char *)sqlite3_column_text(pStmt, 0));
    char *zRow = sqlite3_mprintf("id '%q'", zId);
    if (zColumn && zOf && zRow) {
      zMsg = threshold_problem(zColumn, e, 0, r, zOf, t, "", pol, zRow, pRc);
    } else {
      *pRc = SQLITE_NOMEM;
    }
    sqlite3_free(zColumn);
    sqlite3_free(zOf);
    sqlite3_free(zRow);
  }
  int rc2 = sqlite3_reset(pStmt);
  if (*pRc == SQLITE_OK) *pRc = rc2;
  return zMsg;
}

char *bsc_kpi_check(BscStore *pStore, const char *zTable, const char *zId, const char *zPolarity,
                    double baseline, double target, double red, int *pRc) {
  BscKpiDef k;
  BscPolarity resolved;
  BscScoreError e;
  const char *zMeasurements = pStore->azTable[BSC_MEASUREMENTS];
  *pRc = SQLITE_OK;
  bsc_kpi_def(&k, zId, zPolarity, 0, baseline, target, red);
  if (!zId) return 0;
  char *zMsg = targets_fit(pStore, zTable, zId, k.polarity, pRc);
  if (zMsg || *pRc != SQLITE_OK || isnan(k.red)) return zMsg;
  char *zColumn = sqlite3_mprintf("%s.%s", zTable, isnan(red) ? "baseline" : "red");
  char *zRow = sqlite3_mprintf("id '%q'", zId);
  if (!zColumn || !zRow) *pRc = SQLITE_NOMEM;
  if (*pRc == SQLITE_OK && !isnan(target) &&
      (e = bsc_score_check(target, k.red, k.polarity, &resolved)) != BSC_SCORE_OK) {
    zMsg = threshold_problem(zColumn, e, isnan(red), k.red, "", target, "", k.polarity, zRow, pRc);
  }
  /* the per-period targets already stored must fit the new thresholds */
  if (*pRc == SQLITE_OK && !zMsg && zMeasurements) {
    sqlite3_stmt *pStmt;
    *pRc = bsc_store_slot(pStore, BSC_SLOT_KPI_TARGETS, &pStmt,
                          "SELECT period, target FROM \"%w\".\"%w_data\" WHERE kpi=? AND target IS NOT NULL"
                          " ORDER BY rid",
                          pStore->zSchema, zMeasurements);
    if (*pRc == SQLITE_OK) {
      sqlite3_bind_text(pStmt, 1, zId, -1, SQLITE_STATIC);
      while (!zMsg && *pRc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
        double t = sqlite3_column_double(pStmt, 1);
        if ((e = bsc_score_check(t, k.red, k.polarity, &resolved)) == BSC_SCORE_OK) continue;
        char *zOf = sqlite3_mprintf(" of %s row (kpi '%q', period '%q')", zMeasurements, zId,
                                    (const char *)sqlite3_column_text(pStmt, 0));
        zMsg = zOf ? threshold_problem(zColumn, e, isnan(red), k.red, "", t, zOf, k.polarity, zRow, pRc) : 0;
        if (!zOf) *pRc = SQLITE_NOMEM;
        sqlite3_free(zOf);
      }
      int rc2 = sqlite3_reset(pStmt);
      if (*pRc == SQLITE_OK) *pRc = rc2;
    }
  }
  sqlite3_free(zColumn);
  sqlite3_free(zRow);
  return zMsg;
}

char *bsc_target_check(BscStore *pStore, const char *zTable, const char *zKpi, const char *zPeriod,
                       double target, double red, int *pRc) {
  const char *zKpis = pStore->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  char *zMsg = 0;
  *pRc = SQLITE_OK;
  if (!zKpis || !zKpi || !zPeriod || isnan(target) || isnan(red)) return 0;
  *pRc = bsc_store_slot(pStore, BSC_SLOT_KPI_POLARITY, &pStmt, "SELECT polarity FROM \"%w\".\"%w_data\" WHERE id=?",
                        pStore->zSchema, zKpis);
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    BscKpiDef k;
    BscPolarity resolved;
    bsc_kpi_def(&k, zKpi, (const char *)sqlite3_column_text(pStmt, 0), 0, NAN, target, red);
    BscScoreError e = bsc_score_check(target, red, k.polarity, &resolved);
    if (e != BSC_SCORE_OK) {
      char *zColumn = sqlite3_mprintf("%s.red", zTable);
      char *zRow = sqlite3_mprintf("kpi '%q', period '%q'", zKpi, zPeriod);
      if (zColumn && zRow) {
        zMsg = threshold_problem(zColumn, e, 0, red, "", target, "", k.polarity, zRow, pRc);
      } else {
        *pRc = SQLITE_NOMEM;
      }
      sqlite3_free(zColumn);
      sqlite3_free(zRow);
    }
  }
  int rc2 = sqlite3_reset(pStmt);
  if (*pRc == SQLITE_OK) *pRc = rc2;
  return zMsg;
}

char *bsc_measurement_check(BscStore *pStore, const char *zTable, const char *zKpi, const char *zPeriod,
                            double target, int *pRc) {
  const char *zKpis = pStore->azTable[BSC_KPIS];
  sqlite3_stmt *pStmt;
  char *zMsg = 0;
  *pRc = SQLITE_OK;
  if (!zKpis || !zKpi || !zPeriod || isnan(target)) return 0;
  *pRc = bsc_store_slot(pStore, BSC_SLOT_KPI_THRESHOLDS, &pStmt, "SELECT polarity, baseline, red FROM \"%w\".\"%w_data\" WHERE id=?",
                        pStore->zSchema, zKpis);
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    BscKpiDef k;
    BscPolarity resolved;
    double red = column_number(pStmt, 2);
    bsc_kpi_def(&k, zKpi, (const char *)sqlite3_column_text(pStmt, 0), 0, column_number(pStmt, 1),
                target, red);
    BscScoreError e = isnan(k.red) ? BSC_SCORE_OK : bsc_score_check(target, k.red, k.polarity, &resolved);
    if (e != BSC_SCORE_OK) {
      char *zColumn = sqlite3_mprintf("%s.target", zTable);
      char *zOf = sqlite3_mprintf(" of KPI '%q'", zKpi);
      char *zRow = sqlite3_mprintf("kpi '%q', period '%q'", zKpi, zPeriod);
      if (zColumn && zOf && zRow) {
        zMsg = threshold_problem(zColumn, e, isnan(red), k.red, zOf, target, "", k.polarity, zRow, pRc);
      } else {
        *pRc = SQLITE_NOMEM;
      }
      sqlite3_free(zColumn);
      sqlite3_free(zOf);
      sqlite3_free(zRow);
    }
  }
  int rc2 = sqlite3_reset(pStmt);
  if (*pRc == SQLITE_OK) *pRc = rc2;
  return zMsg;
}

/* --------------------------------------- the map tables' rules and columns */

static double cell_number(const BscCell *c) {
  if (c->type == SQLITE_FLOAT) return c->r;
  if (c->type == SQLITE_INTEGER) return (double)c->i;
  return NAN;
}

static const char *cell_text(const BscCell *c) { return c->type == SQLITE_TEXT ? c->z : 0; }

/* A KPI's thresholds must be scoreable: red (or baseline) apart from the
** target(s), on the side the polarity says. */
static char *kpi_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_kpi_check(bsc_table_store(pTab), bsc_table_name(pTab), cell_text(&aRow[KPI_ID]),
                             cell_text(&aRow[KPI_POLARITY]), cell_number(&aRow[KPI_BASELINE]),
                             cell_number(&aRow[KPI_TARGET]), cell_number(&aRow[KPI_RED]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

static char *measurement_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_measurement_check(bsc_table_store(pTab), bsc_table_name(pTab),
                                     cell_text(&aRow[MEASUREMENT_KPI]), cell_text(&aRow[MEASUREMENT_PERIOD]),
                                     cell_number(&aRow[MEASUREMENT_TARGET]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

/* Results as SQL values: NaN is NULL. */
static void result_number(sqlite3_context *ctx, double r) {
  if (!isnan(r)) sqlite3_result_double(ctx, r);
}

/* A derived column's error: a reader's own message (a damaged row) is the
** column's, else the code's. */
static int derive_error(BscStore *pStore, sqlite3_context *ctx, int rc) {
  if (rc == SQLITE_NOMEM || !pStore->zErr) return rc;
  sqlite3_result_error(ctx, pStore->zErr, -1);
  sqlite3_free(pStore->zErr);
  pStore->zErr = 0;
  return SQLITE_OK;
}

/* A derived score reads what the score functions read: a damaged row there
** is refused as they refuse it, never scored as if valid (damage.c). Once a
** scan, not once a row: the check reads the change stamps (store.c), and
** no other connection changes the tables while a statement reads them;
** this connection's writes through bsc were checked as they were written,
** and a write around bsc gives no stamp, which a check a row missed too. */
static int derive_damage(BscTable *pTab) {
  BscTable *p = pTab;
  BscStore *pStore = bsc_table_store(pTab);
  if (!p->conn->xDamageCheck || p->head.scanChecked) return SQLITE_OK;
  sqlite3_free(pStore->zErr);
  pStore->zErr = 0;
  int rc = p->conn->xDamageCheck(pStore, p->conn, BSC_SCORE_SOURCES, bsc_table_name(pTab), &pStore->zErr);
  p->head.scanChecked = rc == SQLITE_OK;
  return rc;
}

/* objectives.kpis: how many KPIs measure the objective; score and status:
** its KPIs' scores at their latest periods, rolled up its way. */
static int objective_derive(BscTable *pTab, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *ctx) {
  BscStore *pStore = bsc_table_store(pTab);
  sqlite3_stmt *pStmt;
  int rc = SQLITE_OK;
  const char *zKpis = pStore->azTable[BSC_KPIS];
  if (iCol == OBJECTIVE_KPIS) {
    if (!zKpis || aRow[OBJECTIVE_ID].type != SQLITE_TEXT) {
      sqlite3_result_int(ctx, 0);
      return SQLITE_OK;
    }
    rc = bsc_store_slot(pStore, BSC_SLOT_KPI_COUNT, &pStmt, "SELECT count(*) FROM \"%w\".\"%w_data\" WHERE objective=?",
                        pStore->zSchema, zKpis);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_text(pStmt, 1, aRow[OBJECTIVE_ID].z, -1, SQLITE_STATIC);
    if (sqlite3_step(pStmt) == SQLITE_ROW) sqlite3_result_int64(ctx, sqlite3_column_int64(pStmt, 0));
    return sqlite3_reset(pStmt);
  }
  /* score and status share one roll-up, kept in *ppRow */
  BscObjectiveScore *pScore = *ppRow;
  if (!pScore) {
    int how = bsc_vocab_rank(&bscRollups, cell_text(&aRow[OBJECTIVE_ROLLUP]));
    if ((rc = derive_damage(pTab)) != SQLITE_OK) return derive_error(pStore, ctx, rc);
    if (!(pScore = sqlite3_malloc(sizeof(*pScore)))) return SQLITE_NOMEM;
    rc = bsc_objective_score(pStore, cell_text(&aRow[OBJECTIVE_ID]),
                             how < 0 ? BSC_ROLLUP_WEIGHTED : (BscRollup)how, 0, pScore, 0, 0);
    if (rc != SQLITE_OK) {
      sqlite3_free(pScore);
      return derive_error(pStore, ctx, rc);
    }
    *ppRow = pScore;
  }
  if (iCol == OBJECTIVE_SCORE) result_number(ctx, pScore->score);
  if (iCol == OBJECTIVE_STATUS) sqlite3_result_text(ctx, bsc_status_of(pScore->score), -1, SQLITE_STATIC);
  return SQLITE_OK;
}

/* kpis.period, actual, score, status, trend: at the latest period with an actual. */
static int kpi_derive(BscTable *pTab, void **ppRow, int iCol, BscCell *aRow, sqlite3_context *ctx) {
  /* the five columns share one scoring, kept in *ppRow */
  BscKpiScore *pScore = *ppRow;
  if (!pScore) {
    BscKpiDef k;
    int rc = derive_damage(pTab);
    if (rc != SQLITE_OK) return derive_error(bsc_table_store(pTab), ctx, rc);
    if (!(pScore = sqlite3_malloc(sizeof(*pScore)))) return SQLITE_NOMEM;
    bsc_kpi_def(&k, cell_text(&aRow[KPI_ID]), cell_text(&aRow[KPI_POLARITY]),
                cell_text(&aRow[KPI_AGGREGATION]), cell_number(&aRow[KPI_BASELINE]),
                cell_number(&aRow[KPI_TARGET]), cell_number(&aRow[KPI_RED]));
    rc = bsc_kpi_score(bsc_table_store(pTab), &k, 0, pScore);
    if (rc != SQLITE_OK) {
      sqlite3_free(pScore);
      return derive_error(bsc_table_store(pTab), ctx, rc);
    }
    *ppRow = pScore;
  }
  switch (iCol) {
    case KPI_PERIOD: {
      char zPeriod[BSC_PERIOD_MAX];
      bsc_kpi_period(pScore, zPeriod);
      if (zPeriod[0]) sqlite3_result_text(ctx, zPeriod, -1, SQLITE_TRANSIENT);
      break;
    }
    case KPI_ACTUAL: result_number(ctx, pScore->actual); break;
    case KPI_SCORE: result_number(ctx, pScore->score); break;
    case KPI_STATUS: sqlite3_result_text(ctx, bsc_status_of(pScore->score), -1, SQLITE_STATIC); break;
    case KPI_TREND:
      if (pScore->zTrend) sqlite3_result_text(ctx, pScore->zTrend, -1, SQLITE_STATIC);
      break;
  }
  return SQLITE_OK;
}

static char *target_rule(BscTable *pTab, BscCell *aRow) {
  int rc;
  char *zMsg = bsc_target_check(bsc_table_store(pTab), bsc_table_name(pTab), cell_text(&aRow[TARGET_KPI]),
                                cell_text(&aRow[TARGET_PERIOD]), cell_number(&aRow[TARGET_TARGET]),
                                cell_number(&aRow[TARGET_RED]), &rc);
  if (rc != SQLITE_OK && !zMsg) zMsg = sqlite3_mprintf("bsc: %s: %s", bsc_table_name(pTab), sqlite3_errstr(rc));
  return zMsg;
}

const BscEntityHooks bscScoringHooks[BSC_N_ENTITY] = {
  [BSC_OBJECTIVES] = {.xDerive = objective_derive},
  [BSC_KPIS] = {.xRowRule = kpi_rule, .xDerive = kpi_derive},
  [BSC_MEASUREMENTS] = {.xRowRule = measurement_rule},
  [BSC_TARGETS] = {.xRowRule = target_rule},
  [BSC_INITIATIVES] = {.xDerive = bsc_initiative_derive},
  [BSC_SETTINGS] = {.xRowRule = bsc_settings_rule, .xGoneRule = bsc_settings_gone},
  [BSC_UNITS] = {.xRowRule = bsc_unit_rule},
};
