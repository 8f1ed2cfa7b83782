/*
** Remembered scorecards. A dashboard asks for the same scorecard again and
** again, and the map changes far less often than it is read: the rows of
** a bsc_scorecard call that ran to its end are kept per connection, keyed
** on the schema, the period and the unit asked for, and handed out again
** while the tables a score reads (BSC_SCORE_SOURCES) keep the change
** stamps they had (store.c), as the graph is (graph.c).
**
** A row keeps numbers and row numbers, never texts: the KPI's and the
** objective's texts are read by rowid when a column asks for them, so a
** remembered scorecard costs about 56 bytes a KPI. A connection keeps
** MEMO_MAX of them, the most recently used.
**
** Writes of this connection are followed where they change no row's place
** (followable()): the KPIs whose measurements, targets or thresholds they
** wrote are scored again at the next call, when the stamps the memo was
** read at, xor what those writes gave, are the stamps now (so no other
** change came between). Any other write makes the next call read the
** scorecard anew.
*/
#include "memo.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_MAX 4
#define MEMO_SOURCES BSC_SCORE_SOURCES

/* A trend's word by BscMemoRow.trend (0: NULL). */
static const char *const azTrend[] = {0, "up", "down", "flat"};

static int trend_code(const char *z) {
  for (int i = 1; z && i < (int)(sizeof(azTrend) / sizeof(azTrend[0])); i++) {
    if (strcmp(z, azTrend[i]) == 0) return i;
  }
  return 0;
}


static int same_text(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

static void log_clear(BscMemo *m) {
  for (int i = 0; i < m->nLog; i++) {
    sqlite3_free(m->aLog[i].azKpi[0]);
    sqlite3_free(m->aLog[i].azKpi[1]);
  }
  m->nLog = 0;
  m->bLost = 0;
}

void bsc_memo_unref(BscMemo *m) {
  if (!m || --m->nRef > 0) return;
  log_clear(m);
  sqlite3_free(m->aLog);
  sqlite3_free(m->zSchema);
  sqlite3_free(m->zPeriod);
  sqlite3_free(m->zUnit);
  sqlite3_free(m->zUnitShown);
  sqlite3_free(m->zTables);
  sqlite3_free(m->aRow);
  sqlite3_free(m->aObjective);
  sqlite3_free(m->aPeriod);
  sqlite3_free(m->aHash);
  sqlite3_free(m);
}

/* The connection's cache: its memos, most recently used first. */
static void cache_free(void *p) {
  BscMemo *m = p;
  while (m) {
    BscMemo *pNext = m->pNext;
    m->pNext = 0;
    bsc_memo_unref(m);
    m = pNext;
  }
}

/* The names of the tables a score reads, one string (a renamed table, or
** another file attached under the schema's name, reads anew). */
static char *table_names(const BscStore *pStore) {
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (MEMO_SOURCES & BSC_MASK(i)) sqlite3_str_appendf(s, "%s\x01", pStore->azTable[i] ? pStore->azTable[i] : "");
  }
  return sqlite3_str_finish(s);
}

/* Whether stamps `was` are stamps `now` for every table a score reads
** that exists (one without a stamp never is). */
static int stamps_equal(const BscStore *pStore, const BscStamps *was, const BscStamps *now) {
  for (int i = 0; i < BSC_N_ENTITY; i++) {
    if (!(MEMO_SOURCES & BSC_MASK(i)) || !pStore->azTable[i]) continue;
    if (!(now->known & was->known & BSC_MASK(i)) || now->a[i] != was->a[i]) return 0;
  }
  return 1;
}

/* ------------------------------------------------------------- periods */

static unsigned period_hash(const BscPeriod *p) {
  unsigned h = (unsigned)p->first * 2654435761u ^ (unsigned)p->last * 40503u;
  return h ^ (unsigned)p->kind * 97u ^ (unsigned)p->ytd * 7919u ^ (unsigned)p->fy * 31u;
}

static int period_equal(const BscPeriod *a, const BscPeriod *b) {
  return a->kind == b->kind && a->ytd == b->ytd && a->first == b->first && a->last == b->last && a->fy == b->fy &&
         a->year == b->year && a->n == b->n && a->day == b->day;
}

/* Rebuilds the hash of m's periods with room for twice as many. */
static int rehash(BscMemo *m) {
  int nHash = m->nHash ? m->nHash * 2 : 64;
  unsigned short *a = sqlite3_malloc64((sqlite3_uint64)nHash * sizeof(*a));
  if (!a) return SQLITE_NOMEM;
  memset(a, 0, (size_t)nHash * sizeof(*a));
  for (int i = 0; i < m->nPeriod; i++) {
    unsigned h = period_hash(&m->aPeriod[i]) & (unsigned)(nHash - 1);
    while (a[h]) h = (h + 1) & (unsigned)(nHash - 1);
    a[h] = (unsigned short)(i + 1);
  }
  sqlite3_free(m->aHash);
  m->aHash = a;
  m->nHash = nHash;
  return SQLITE_OK;
}

/* Period p's number in m (added when new). */
static int period_number(BscMemo *m, const BscPeriod *p, unsigned short *pn) {
  if (m->nPeriod * 2 >= m->nHash && rehash(m) != SQLITE_OK) return SQLITE_NOMEM;
  unsigned h = period_hash(p) & (unsigned)(m->nHash - 1);
  for (; m->aHash[h]; h = (h + 1) & (unsigned)(m->nHash - 1)) {
    if (period_equal(&m->aPeriod[m->aHash[h] - 1], p)) {
      *pn = (unsigned short)(m->aHash[h] - 1);
      return SQLITE_OK;
    }
  }
  /* the numbers are 16 bits: a scorecard naming more periods is not kept */
  if (m->nPeriod >= 0xffff || bsc_grow(&m->aPeriod, m->nPeriod, &m->nPeriodAlloc, sizeof(BscPeriod))) {
    return SQLITE_NOMEM;
  }
  m->aPeriod[m->nPeriod] = *p;
  m->aHash[h] = (unsigned short)(m->nPeriod + 1);
  *pn = (unsigned short)m->nPeriod++;
  return SQLITE_OK;
}

/* Sets row r to score s. */
static int set_score(BscMemo *m, BscMemoRow *r, const BscKpiScore *s) {
  r->actual = s->actual;
  r->target = s->target;
  r->red = s->red;
  r->score = s->score;
  r->tFrom = (unsigned char)s->tFrom;
  r->rFrom = (unsigned char)s->rFrom;
  r->trend = (unsigned char)trend_code(s->zTrend);
  int rc = period_number(m, &s->at, &r->at);
  if (rc == SQLITE_OK) rc = period_number(m, &s->tAt, &r->tAt);
  if (rc == SQLITE_OK) rc = period_number(m, &s->rAt, &r->rAt);
  return rc;
}

void bsc_memo_score(const BscMemo *m, int i, BscKpiScore *s) {
  const BscMemoRow *r = &m->aRow[i];
  assert(i >= 0 && i < m->nRow);
  s->at = m->aPeriod[r->at];
  s->tAt = m->aPeriod[r->tAt];
  s->rAt = m->aPeriod[r->rAt];
  s->actual = r->actual;
  s->target = r->target;
  s->red = r->red;
  s->score = r->score;
  s->tFrom = r->tFrom;
  s->rFrom = r->rFrom;
  s->zTrend = azTrend[r->trend];
}

/* ----------------------------------------------------- following writes */

/* Whether write w changed column zCol of its table (an update). */
static int changed(const BscWrite *w, const char *zCol) {
  const BscEntity *e = &bscEntities[w->iEntity];
  for (int i = 0; i < e->nCol; i++) {
    if (strcmp(e->aCol[i].name, zCol) == 0) return (w->changed & (1u << (i < 31 ? i : 31))) != 0;
  }
  return 1;
}

/* Whether a memo can follow write w, scoring again the KPIs it names (see
** note_write): a write of measurements or targets names its KPI before and
** after; an update of a KPI that keeps its row, id and objective names it
** (its thresholds may have changed); an objective's write changes no row
** when it keeps the order and unit of the KPIs that measure it: texts are
** read by rowid, an objective measured by a KPI can be neither deleted nor
** renamed (table.c), and a new one has no KPI yet. Anything else, and a
** write that replaced a row, adds, removes or moves rows: not followed. */
static int followable(const BscWrite *w) {
  switch (w->iEntity) {
    case BSC_MEASUREMENTS:
    case BSC_TARGETS: return !w->bOtherKey;
    case BSC_KPIS:
      return !w->bOther && !w->bMoved && w->azKey[0] && w->azNew[0] && strcmp(w->azKey[0], w->azNew[0]) == 0 &&
             !changed(w, "objective");
    case BSC_OBJECTIVES:
      if (w->bOther) return 0;
      if (!w->azKey[0] || !w->azNew[0]) return 1; /* an insert, a delete */
      return !w->bMoved && !changed(w, "perspective") && !changed(w, "unit");
    default: return 0;
  }
}

/* The cache's write hook (bsc_conn_follow): a write a memo can follow
** goes to the log of each memo of its schema, with the KPIs it names, for
** bsc_memo_find to follow; another write to a table a score reads marks
** them lost. Past a bound, scoring again would cost more than reading
** anew: lost too. */
static void note_write(BscConn *pConn, const BscWrite *w) {
  if (!(MEMO_SOURCES & BSC_MASK(w->iEntity))) return;
  void **ppCache = bsc_conn_cache(pConn, cache_free);
  /* the KPI named: by a measurement's or target's key, or a KPI's own */
  int bNames = w->iEntity != BSC_OBJECTIVES;
  for (BscMemo *m = ppCache ? *ppCache : 0; m; m = m->pNext) {
    if (m->bLost || sqlite3_stricmp(m->zSchema, w->zSchema) != 0) continue;
    int bFollow = followable(w) && m->nLog < 64 + m->nRow / 16 &&
                  bsc_grow(&m->aLog, m->nLog, &m->nLogAlloc, sizeof(m->aLog[0])) == SQLITE_OK;
    if (bFollow) {
      struct BscMemoWrite *l = &m->aLog[m->nLog++];
      l->iEntity = w->iEntity;
      l->stampXor = w->stampXor;
      l->azKpi[0] = bNames && w->azKey[0] ? sqlite3_mprintf("%s", w->azKey[0]) : 0;
      l->azKpi[1] = bNames && w->azNew[0] ? sqlite3_mprintf("%s", w->azNew[0]) : 0;
      bFollow = (!bNames || !w->azKey[0] || l->azKpi[0]) && (!bNames || !w->azNew[0] || l->azKpi[1]);
    }
    if (!bFollow) {
      log_clear(m);
      m->bLost = 1;
    }
  }
}

/* A KPI scored again: its row in the KPIs table and its score. */
typedef struct Rescored {
  sqlite3_int64 rid;
  BscKpiScore s;
} Rescored;

static int rescored_compare(const void *a, const void *b) {
  sqlite3_int64 x = ((const Rescored *)a)->rid, y = ((const Rescored *)b)->rid;
  return (x > y) - (x < y);
}

/* Scores KPI zKpi again into a[*pn] (nothing when the map has no such KPI). */
static int rescore(BscStore *pStore, const BscMemo *m, const char *zKpi, Rescored *a, int *pn) {
  sqlite3_stmt *pStmt;
  int rc = bsc_store_slot(pStore, BSC_SLOT_MEMO_KPI, &pStmt, "SELECT " BSC_KPI_COLUMNS " FROM \"%w\".\"%w_data\" WHERE id=?1",
                          pStore->zSchema, pStore->azTable[BSC_KPIS]);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(pStmt, 1, zKpi, -1, SQLITE_STATIC);
  rc = bsc_stmt_step(pStmt);
  if (rc == SQLITE_DONE) return SQLITE_OK;
  if (rc != SQLITE_ROW) return rc;
  BscKpiDef k;
  bsc_kpi_def_row(&k, pStmt);
  a[*pn].rid = sqlite3_column_int64(pStmt, BSC_KPI_RID);
  rc = k.zId ? bsc_kpi_score(pStore, &k, m->zPeriod ? &m->at : 0, &a[*pn].s) : SQLITE_OK;
  if (rc == SQLITE_OK && k.zId) ++*pn;
  int rc2 = sqlite3_reset(pStmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* Follows the writes m logged, when they are all that changed since it was
** read (see the header): every KPI they name is scored again, as the map
** is now, whether its writes landed or were rolled back. SQLITE_ERROR when
** it cannot follow; any other error leaves m half changed (the caller
** drops it). */
static int follow(BscMemo *m, BscStore *pStore, const BscStamps *pNow) {
  BscStamps at = m->stamps;
  int bFollows = 0, n = 0, rc = SQLITE_OK;
  if (m->nRef != 1 || m->bLost || m->nLog == 0 || !pStore->azTable[BSC_KPIS]) return SQLITE_ERROR;
  for (int i = 0; i < m->nLog && !bFollows; i++) {
    at.a[m->aLog[i].iEntity] ^= m->aLog[i].stampXor;
    bFollows = stamps_equal(pStore, &at, pNow);
  }
  if (!bFollows) return SQLITE_ERROR;
  Rescored *a = sqlite3_malloc64((sqlite3_uint64)m->nLog * 2 * sizeof(Rescored));
  if (!a) return SQLITE_NOMEM;
  for (int i = 0; rc == SQLITE_OK && i < m->nLog; i++) {
    for (int j = 0; rc == SQLITE_OK && j < 2; j++) {
      const char *z = m->aLog[i].azKpi[j];
      int seen = !z || (j == 1 && same_text(z, m->aLog[i].azKpi[0]));
      for (int k = 0; !seen && k < i; k++) seen = same_text(z, m->aLog[k].azKpi[0]) || same_text(z, m->aLog[k].azKpi[1]);
      if (!seen) rc = rescore(pStore, m, z, a, &n);
    }
  }
  if (rc == SQLITE_OK && n > 1) qsort(a, (size_t)n, sizeof(Rescored), rescored_compare);
  for (int i = 0; rc == SQLITE_OK && n > 0 && i < m->nRow; i++) {
    Rescored key, *pHit;
    key.rid = m->aRow[i].kpiRid;
    pHit = bsearch(&key, a, (size_t)n, sizeof(Rescored), rescored_compare);
    if (pHit) rc = set_score(m, &m->aRow[i], &pHit->s);
  }
  sqlite3_free(a);
  if (rc == SQLITE_OK) m->stamps = *pNow;
  return rc;
}

/* ---------------------------------------------------------- the lookup */

int bsc_memo_find(BscStore *pStore, BscConn *pConn, const BscStamps *pNow, const char *zPeriod, const char *zUnit,
                  BscMemo **pp) {
  *pp = 0;
  void **ppCache = bsc_conn_cache(pConn, cache_free);
  if (!ppCache) return SQLITE_OK;
  BscMemo **ppPrev = (BscMemo **)ppCache, *m;
  for (m = *ppPrev; m; ppPrev = &m->pNext, m = m->pNext) {
    if (sqlite3_stricmp(m->zSchema, pStore->zSchema) == 0 && same_text(m->zPeriod, zPeriod) &&
        same_text(m->zUnit, zUnit)) {
      break;
    }
  }
  if (!m) return SQLITE_OK;
  *ppPrev = m->pNext; /* out of the list: back in front when current */
  m->pNext = 0;
  char *zTables = table_names(pStore);
  int rc = zTables ? SQLITE_OK : SQLITE_NOMEM;
  if (rc == SQLITE_OK && strcmp(zTables, m->zTables) == 0) {
    if (stamps_equal(pStore, &m->stamps, pNow)) {
      log_clear(m); /* what it logged was rolled back */
    } else {
      rc = follow(m, pStore, pNow);
      log_clear(m);
    }
  } else if (rc == SQLITE_OK) {
    rc = SQLITE_ERROR;
  }
  sqlite3_free(zTables);
  if (rc != SQLITE_OK) {
    bsc_memo_unref(m);
    return rc == SQLITE_ERROR ? SQLITE_OK : rc; /* it cannot follow: no memo */
  }
  m->pNext = *ppCache;
  *ppCache = m;
  m->nRef++;
  *pp = m;
  return SQLITE_OK;
}

/* ---------------------------------------------------------- building */

BscMemo *bsc_memo_begin(BscStore *pStore, BscConn *pConn, const BscStamps *pNow, const BscPeriod *pAt,
                        const char *zPeriod, const char *zUnit, const char *zUnitShown, int isTop) {
  if (!bsc_conn_follow(pConn, cache_free, note_write)) return 0;
  BscMemo *m = sqlite3_malloc(sizeof(*m));
  if (!m) return 0;
  memset(m, 0, sizeof(*m));
  m->nRef = 1;
  m->zSchema = sqlite3_mprintf("%s", pStore->zSchema);
  m->zPeriod = zPeriod ? sqlite3_mprintf("%s", zPeriod) : 0;
  m->zUnit = zUnit ? sqlite3_mprintf("%s", zUnit) : 0;
  m->zUnitShown = zUnitShown ? sqlite3_mprintf("%s", zUnitShown) : 0;
  m->zTables = table_names(pStore);
  m->isTop = isTop;
  m->stamps = *pNow;
  if (pAt) m->at = *pAt;
  if (!m->zSchema || (zPeriod && !m->zPeriod) || (zUnit && !m->zUnit) || (zUnitShown && !m->zUnitShown) ||
      !m->zTables) {
    bsc_memo_unref(m);
    return 0;
  }
  return m;
}

int bsc_memo_add(BscMemo *m, sqlite3_int64 objectiveRid, sqlite3_int64 kpiRid, const BscKpiScore *s) {
  if (m->nObjective == 0 || m->aObjective[m->nObjective - 1] != objectiveRid) {
    if (bsc_grow(&m->aObjective, m->nObjective, &m->nObjectiveAlloc, sizeof(sqlite3_int64))) return SQLITE_NOMEM;
    m->aObjective[m->nObjective++] = objectiveRid;
  }
  if (bsc_grow(&m->aRow, m->nRow, &m->nRowAlloc, sizeof(BscMemoRow))) return SQLITE_NOMEM;
  BscMemoRow *r = &m->aRow[m->nRow];
  memset(r, 0, sizeof(*r));
  r->kpiRid = kpiRid;
  r->iObjective = m->nObjective - 1;
  int rc = set_score(m, r, s);
  if (rc == SQLITE_OK) m->nRow++;
  return rc;
}


void bsc_memo_keep(BscMemo *m, BscStore *pStore, BscConn *pConn) {
  BscStamps now;
  void **ppCache = bsc_conn_cache(pConn, cache_free);
  if (!m) return;
  if (!ppCache || bsc_store_stamps(pStore, pConn, &now) != SQLITE_OK || !stamps_equal(pStore, &m->stamps, &now)) {
    bsc_memo_unref(m);
    return;
  }
  /* a memo lives long: what its arrays hold beyond their use goes */
  if (m->nRow > 0) {
    bsc_trim(&m->aRow, m->nRow, sizeof(BscMemoRow));
    bsc_trim(&m->aObjective, m->nObjective, sizeof(sqlite3_int64));
    m->nRowAlloc = m->nRow; /* what is allocated, trimmed or not: nothing grows them again */
    m->nObjectiveAlloc = m->nObjective;
  }
  /* it replaces one of the same question; the oldest beyond MEMO_MAX go */
  BscMemo **pp = (BscMemo **)ppCache;
  int n = 0;
  while (*pp) {
    BscMemo *o = *pp;
    if ((sqlite3_stricmp(o->zSchema, m->zSchema) == 0 && same_text(o->zPeriod, m->zPeriod) &&
         same_text(o->zUnit, m->zUnit)) ||
        ++n >= MEMO_MAX) {
      *pp = o->pNext;
      o->pNext = 0;
      bsc_memo_unref(o);
    } else {
      pp = &o->pNext;
    }
  }
  m->pNext = *ppCache;
  *ppCache = m; /* the caller's reference is now the cache's */
}
