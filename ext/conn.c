/*
** Per-connection state: one BscConn shared by every module and function
** registered on a connection, reference-counted, with the caches of
** derived data (the causal graph, ...) that its modules keep. The bottom
** layer: it calls nothing of bsc.
*/
#include "conn.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

BscConn *bsc_conn_ref(BscConn *p) {
  p->nRef++;
  return p;
}

void bsc_conn_unref(void *pArg) {
  BscConn *p = pArg;
  if (!p || --p->nRef > 0) return;
  sqlite3_free(p->zFailed);
  for (int i = 0; i < (int)(sizeof(p->apCache) / sizeof(p->apCache[0])); i++) {
    if (p->apCache[i] && p->axFree[i]) p->axFree[i](p->apCache[i]);
  }
  sqlite3_free(p);
}

void **bsc_conn_cache(BscConn *p, void (*xFree)(void *)) {
  int n = (int)(sizeof(p->apCache) / sizeof(p->apCache[0]));
  for (int i = 0; i < n; i++) {
    if (p->axFree[i] == xFree) return &p->apCache[i];
  }
  for (int i = 0; i < n; i++) {
    if (!p->axFree[i] && !p->apCache[i]) {
      p->axFree[i] = xFree;
      return &p->apCache[i];
    }
  }
  return 0;
}

int bsc_conn_follow(BscConn *p, void (*xFree)(void *), void (*xWrite)(BscConn *, const BscWrite *)) {
  void **pp = bsc_conn_cache(p, xFree);
  if (!pp) return 0;
  p->axWrite[pp - p->apCache] = xWrite;
  return 1;
}

void bsc_conn_tell(BscConn *p, const BscWrite *w) {
  for (int i = 0; i < (int)(sizeof(p->axWrite) / sizeof(p->axWrite[0])); i++) {
    if (p->axWrite[i]) p->axWrite[i](p, w);
  }
}

int bsc_conn_followed(const BscConn *p) {
  for (int i = 0; i < (int)(sizeof(p->axWrite) / sizeof(p->axWrite[0])); i++) {
    if (p->axWrite[i]) return 1;
  }
  return 0;
}

void bsc_conn_own_stamp(BscConn *p, const void *pTable, sqlite3_int64 stamp) {
  int n = (int)(sizeof(p->aOwn) / sizeof(p->aOwn[0]));
  /* a run of writes to one table keeps one entry: its latest stamp */
  if (p->aOwn[p->iOwn].pTable != pTable) p->iOwn = (p->iOwn + 1) % n;
  p->aOwn[p->iOwn].pTable = pTable;
  p->aOwn[p->iOwn].stamp = stamp;
}

int bsc_conn_is_own_stamp(const BscConn *p, sqlite3_int64 stamp) {
  for (int i = 0; i < (int)(sizeof(p->aOwn) / sizeof(p->aOwn[0])); i++) {
    if (p->aOwn[i].pTable && p->aOwn[i].stamp == stamp) return 1;
  }
  return 0;
}
