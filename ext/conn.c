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
