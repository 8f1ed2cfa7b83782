/*
** Entry point of the bsc extension: `.load ./bsc` in the shell, or
** sqlite3_load_extension(db, "bsc", 0) from any client.
**
** SQL surface registered here:
**   bsc_version()  the release, from the VERSION file
**   bsc_debug()    release, build date, git commit and the SQLite it runs on
** and, from the other files, the map tables (table.c), bsc_upgrade()
** (upgrade.c), the scoring
** functions (score.c), every table-valued function (tvf.c: the scorecard's
** and the causal graph's) and the scalar functions that read the graph
** (graph.c).
*/
#include "bsc.h"
SQLITE_EXTENSION_INIT1

#include <string.h>

#ifndef BSC_VERSION
#define BSC_VERSION "unknown"
#endif
#ifndef BSC_COMMIT
#define BSC_COMMIT "unknown"
#endif
#ifndef BSC_BUILD_DATE
#define BSC_BUILD_DATE __DATE__
#endif

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

static void fn_version(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, BSC_VERSION, -1, SQLITE_STATIC);
}

static void fn_debug(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  char *z = sqlite3_mprintf("Version: %s\nDate: %s\nCommit: %s\nSQLite: %s", BSC_VERSION,
                            BSC_BUILD_DATE, BSC_COMMIT, sqlite3_libversion());
  if (!z) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

#define BSC_MIN_SQLITE 3037000

#define PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_bsc_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  /* The host's API table must reach the newest call bsc makes
  ** (sqlite3_total_changes64); a call past its end would be undefined. */
  if (sqlite3_libversion_number() < BSC_MIN_SQLITE) {
    if (pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("bsc: needs SQLite 3.37.0 or newer; this is %s", sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  BscConn *pConn = sqlite3_malloc(sizeof(*pConn));
  if (!pConn) return SQLITE_NOMEM;
  memset(pConn, 0, sizeof(*pConn));
  pConn->nRef = 1; /* this function's own, dropped before it returns */
  int rc = sqlite3_create_function_v2(db, "bsc_version", 0, PURE, 0, fn_version, 0, 0, 0);
  /* bsc_debug's SQLite version depends on the host, not on the arguments */
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "bsc_debug", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0,
                                    fn_debug, 0, 0, 0);
  }
  if (rc == SQLITE_OK) rc = bsc_register_tables(db, pConn);
  if (rc == SQLITE_OK) rc = bsc_register_upgrade(db);
  if (rc == SQLITE_OK) rc = bsc_register_score(db);
  if (rc == SQLITE_OK) rc = bsc_register_tvfs(db, pConn);
  if (rc == SQLITE_OK) rc = bsc_register_graph(db, pConn);
  bsc_conn_unref(pConn);
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("bsc: cannot register: %s", sqlite3_errmsg(db));
  }
  return rc;
}
