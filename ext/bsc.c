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

/* Every table-valued function, on the one engine of tvf.c. */
static const BscTvf *const aTvf[] = {
  &bscScorecardStream.tvf, &bscObjectiveScoresStream.tvf, &bscPerspectiveScoresStream.tvf, &bscChainsStream.tvf,
  &bscReachStream.tvf,     &bscClustersTvf,        &bscCatalogTvf,           &bscCheckTvf,
  &bscVitalFewStream.tvf, &bscWhatifStream.tvf, &bscLinkEvidenceStream.tvf, &bscPortfolioTvf,
  &bscIntegrityTvf,
};

/* The scalar functions that read the graph: they read the map, so they are
** not deterministic; innocuous, as they read nothing but bsc's own tables.
** Each takes an optional schema. */
static int register_graph_functions(sqlite3 *db, BscConn *pConn) {
  static const struct {
    const char *zName;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  } aFn[] = {{"bsc_cluster_gaps", bsc_fn_cluster_gaps}, {"bsc_dot", bsc_fn_dot}};
  int rc = SQLITE_OK;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof(aFn) / sizeof(aFn[0]); i++) {
    /* bsc_cluster_gaps takes a unit after the schema */
    for (int nArg = 0; rc == SQLITE_OK && nArg <= 1 + (aFn[i].xFunc == bsc_fn_cluster_gaps); nArg++) {
      rc = sqlite3_create_function_v2(db, aFn[i].zName, nArg, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                      bsc_conn_ref(pConn), aFn[i].xFunc, 0, 0, bsc_conn_unref);
    }
  }
  return rc;
}

/* The one symbol bsc.so exports: the Makefile builds with -fvisibility=hidden,
** so that the bsc_* functions the files share stay inside the library. */
#if defined(_WIN32)
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
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
  pConn->xDamageCheck = bsc_damage_check_store;
  int rc = sqlite3_create_function_v2(db, "bsc_version", 0, PURE, 0, fn_version, 0, 0, 0);
  /* bsc_debug's SQLite version depends on the host, not on the arguments */
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "bsc_debug", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0,
                                    fn_debug, 0, 0, 0);
  }
  if (rc == SQLITE_OK) rc = bsc_register_tables(db, pConn, bscScoringHooks);
  if (rc == SQLITE_OK) rc = bsc_register_upgrade(db);
  if (rc == SQLITE_OK) rc = bsc_register_score(db);
  if (rc == SQLITE_OK) rc = bsc_register_tvfs(db, pConn, aTvf, (int)(sizeof(aTvf) / sizeof(aTvf[0])));
  if (rc == SQLITE_OK) rc = register_graph_functions(db, pConn);
  bsc_conn_unref(pConn);
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("bsc: cannot register: %s", sqlite3_errmsg(db));
  }
  return rc;
}
