/*
** Damage met by a reader. A row written around bsc (its shadow tables
** edited with defensive mode off) may hold what the rules forbid: a
** perspective 'galactic', a weight Inf, a link to nothing. bsc_integrity
** lists every such row; the readers here, the graph (graph.c) and the
** scores (reports.c), refuse to read a table that holds one, with a message
** naming the first (text.c, bsc_damage_msg), rather than scoring it as if
** it were valid.
**
** The rules are the table engine's own (table.c, bsc_table_check), as
** bsc_integrity's are. Checking a table reads all of it, so the verdict is
** kept per connection with the table's change stamp (store.c), and read
** again only when the table has a stamp that no write of this connection
** gave it (another connection wrote it, or another file is attached under
** the schema's name): a write of this connection was checked as it was
** written. A write around bsc gives no stamp: such damage is seen by the
** next connection, or after another connection's next write to the table.
*/
#include "damage.h"
#include "scorecard.h"
#include "table.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

/* One table's verdict at one stamp. */
typedef struct Verdict Verdict;
struct Verdict {
  char *zSchema;
  char *zTable;
  sqlite3_int64 stamp;
  int checked; /* the verdict holds for stamp */
  char *zKey, *zColumn, *zProblem; /* the first problem; zProblem NULL: none */
  Verdict *pNext;
};

static void verdict_clear(Verdict *v) {
  sqlite3_free(v->zKey);
  sqlite3_free(v->zColumn);
  sqlite3_free(v->zProblem);
  v->zKey = v->zColumn = v->zProblem = 0;
}

static void cache_free(void *p) {
  Verdict *v = p;
  while (v) {
    Verdict *pNext = v->pNext;
    verdict_clear(v);
    sqlite3_free(v->zSchema);
    sqlite3_free(v->zTable);
    sqlite3_free(v);
    v = pNext;
  }
}

static char *dup(const char *z) { return z ? sqlite3_mprintf("%s", z) : 0; }

/* Keeps the first problem, then stops the check (SQLITE_DONE, which
** bsc_table_check takes for the end of its rows). */
static int first_problem(void *pArg, const BscProblem *pr) {
  Verdict *v = pArg;
  /* a row whose key is what is wrong is named by its rowid */
  v->zKey = pr->zKey ? dup(pr->zKey) : pr->rid ? sqlite3_mprintf("rowid %lld", pr->rid) : 0;
  v->zColumn = dup(pr->zColumn);
  v->zProblem = dup(pr->zProblem); /* it names the value */
  int nomem = ((pr->zKey || pr->rid) && !v->zKey) || (pr->zColumn && !v->zColumn) || !v->zProblem;
  return nomem ? SQLITE_NOMEM : SQLITE_DONE;
}

/* Checks table e of the store into v (whose problem is cleared first). */
static int check_table(BscStore *pStore, BscConn *pConn, int e, Verdict *v) {
  int nProblem = 0;
  verdict_clear(v);
  int rc = bsc_table_check(pStore->db, pConn, &bscScoringHooks[e], pStore->zSchema, pStore->azTable[e],
                           &bscEntities[e], first_problem, v, &nProblem);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  return rc;
}

int bsc_damage_check(BscStore *pStore, BscConn *pConn, const BscStamps *pNow, unsigned mask, const char *zFunc,
                     char **pzErr) {
  void **ppCache = bsc_conn_cache(pConn, cache_free);
  BscStamps stamps;
  int rc = SQLITE_OK;
  if (!pNow) {
    rc = bsc_store_stamps(pStore, pConn, &stamps);
    pNow = &stamps;
  }
  for (int e = 0; rc == SQLITE_OK && e < BSC_N_ENTITY; e++) {
    const char *zTable = pStore->azTable[e];
    if (!(mask & BSC_MASK(e)) || !zTable) continue;
    int known = (pNow->known & BSC_MASK(e)) != 0;
    Verdict *v = 0, one;
    for (v = ppCache ? *ppCache : 0; v; v = v->pNext) {
      if (sqlite3_stricmp(v->zSchema, pStore->zSchema) == 0 && strcmp(v->zTable, zTable) == 0) break;
    }
    /* a new stamp that this connection's own (checked) write gave keeps
    ** the verdict: only another connection's write, or another file,
    ** makes the table worth reading again */
    if (v && known && v->checked && v->stamp != pNow->a[e] && !v->zProblem &&
        bsc_conn_is_own_stamp(pConn, pNow->a[e])) {
      v->stamp = pNow->a[e];
    }
    if (!(v && known && v->checked && v->stamp == pNow->a[e])) {
      if (!v && known && ppCache) {
        v = sqlite3_malloc(sizeof(*v));
        if (v) {
          memset(v, 0, sizeof(*v));
          v->zSchema = dup(pStore->zSchema);
          v->zTable = dup(zTable);
          if (v->zSchema && v->zTable) {
            v->pNext = *ppCache;
            *ppCache = v;
          } else {
            cache_free(v);
            v = 0;
          }
        }
      }
      if (!v || !known) {
        /* without a stamp (or a cache), the verdict serves this call only */
        memset(&one, 0, sizeof(one));
        rc = check_table(pStore, pConn, e, &one);
        if (rc == SQLITE_OK && one.zProblem) {
          *pzErr = bsc_damage_msg(zFunc, pStore->zSchema, zTable, one.zKey, one.zColumn, one.zProblem);
          rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
        }
        verdict_clear(&one);
        continue;
      }
      v->checked = 0;
      rc = check_table(pStore, pConn, e, v);
      if (rc != SQLITE_OK) break;
      v->stamp = pNow->a[e];
      v->checked = 1;
    }
    if (v->zProblem) {
      *pzErr = bsc_damage_msg(zFunc, pStore->zSchema, zTable, v->zKey, v->zColumn, v->zProblem);
      rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    }
  }
  return rc;
}

int bsc_damage_check_store(void *pStore, BscConn *pConn, unsigned mask, const char *zWho, char **pzErr) {
  return bsc_damage_check(pStore, pConn, 0, mask, zWho, pzErr);
}
