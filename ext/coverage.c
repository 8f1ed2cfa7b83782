/*
** Cluster coverage: Kaplan & Norton's four clusters of internal processes,
** and whether the map holds objectives in each.
**
**   SELECT * FROM bsc_clusters(schema, unit);
**     cluster, label, processes, objectives, kpis, horizon, gap; HIDDEN
**     schema, unit
**   Four rows, always, in Kaplan & Norton's order, for the map of one
**   unit (units table): `unit` NULL or absent is the top unit (the whole
**   map when it has no units); label and horizon in Dutch when the map's
**   setting language is 'nl'. An internal objective counts in its own
**   cluster or, when it has none, in the clusters of its unit's processes
**   linked to it; kpis counts the KPIs of the objectives counted. gap is 1
**   when the cluster has no objectives. `units u JOIN bsc_clusters c ON
**   c.unit = u.id` checks every unit's map on its own.
**
**   SELECT * FROM bsc_catalog([schema]);
**     cluster, subprocess, label
**   Every cluster's standard sub-processes (the vocabulary, no map needed);
**   the labels in Dutch when the map of schema (main) says language 'nl'.
**
**   bsc_cluster_gaps([schema [, unit]])
**   A JSON array of the ids of the clusters with no objectives in the map
**   of the unit (NULL or absent: the top unit's); '[]' if none.
*/
#include "coverage.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

void bsc_coverage(const BscGraph *g, int unit, BscCoverage *cov) {
  memset(cov, 0, sizeof(*cov));
  for (int v = 0; v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    if (!bsc_in_unit(g, v, unit)) continue;
    if (n->isProcess) {
      if (n->cluster >= 0) cov->nProcess[n->cluster]++;
      continue;
    }
    if (n->persp != BSC_INTERNAL) continue;
    cov->nInternal++;
    for (int c = 0; c < bscClusters.n; c++) {
      if (!(n->clusters & (1u << c))) continue;
      cov->nObjective[c]++;
      cov->nKpi[c] += n->nKpi;
    }
  }
}

enum { CL_CLUSTER, CL_LABEL, CL_PROCESSES, CL_OBJECTIVES, CL_KPIS, CL_HORIZON, CL_GAP };

static int clusters_fill(BscCall *c) {
  BscCoverage cov;
  int unit;
  int rc = bsc_call_graph(c, c->aArg[0]);
  if (rc == SQLITE_OK) rc = bsc_unit_arg(c->pGraph, c->zFunc, c->aArg[1], &unit, &c->zErr);
  if (rc != SQLITE_OK) return rc;
  bsc_coverage(c->pGraph, unit, &cov);
  for (int i = 0; i < bscClusters.n; i++) {
    const BscWord *w = &bscClusters.a[i];
    BscOut *row = bsc_rows_add(&c->rows);
    if (!row) return SQLITE_NOMEM;
    bsc_out_text(&row[CL_CLUSTER], w->id);
    bsc_out_text(&row[CL_LABEL], bsc_word_label(w, c->pGraph->settings.nl));
    bsc_out_int(&row[CL_PROCESSES], cov.nProcess[i]);
    bsc_out_int(&row[CL_OBJECTIVES], cov.nObjective[i]);
    bsc_out_int(&row[CL_KPIS], cov.nKpi[i]);
    bsc_out_text(&row[CL_HORIZON], bsc_word_extra(w, c->pGraph->settings.nl));
    bsc_out_int(&row[CL_GAP], cov.nObjective[i] == 0);
  }
  return SQLITE_OK;
}

const BscTvf bscClustersTvf = {
  "bsc_clusters",
  "cluster " BSC_T_WORD ", label " BSC_T_ID ", processes INTEGER, objectives INTEGER, kpis INTEGER,"
  " horizon " BSC_T_WORD ", gap INTEGER, schema TEXT HIDDEN, unit TEXT HIDDEN",
  7, 2, 0, 0, clusters_fill, 0,
};

/* The labels follow the setting language of the schema argument's map
** (main's when none is given); a database without a map reads in English. */
static int catalog_fill(BscCall *c) {
  sqlite3_value *pSchema = c->aArg[0];
  const char *zSchema = pSchema && sqlite3_value_type(pSchema) != SQLITE_NULL
                            ? (const char *)sqlite3_value_text(pSchema)
                            : "main";
  /* temp has no file name until something is first created in it */
  if (!zSchema || (!sqlite3_db_filename(c->db, zSchema) && sqlite3_stricmp(zSchema, "temp") != 0)) {
    return bsc_call_error(c, "bsc: %s: no schema '%q'; name main, temp or an attached database", c->zFunc,
                          zSchema ? zSchema : "");
  }
  BscStore *pStore;
  int rc = bsc_call_store(c, zSchema, &pStore);
  if (rc == SQLITE_OK) rc = bsc_store_refresh(pStore);
  const BscSettings *pSet = rc == SQLITE_OK ? bsc_store_settings(pStore, &rc) : 0;
  if (rc != SQLITE_OK) return rc;
  for (int k = 0; k < bscClusters.n; k++) {
    for (int i = 0; i < bscSubprocesses.n; i++) {
      const BscWord *w = &bscSubprocesses.a[i];
      if (strcmp(w->group, bscClusters.a[k].id) != 0) continue;
      BscOut *row = bsc_rows_add(&c->rows);
      if (!row) return SQLITE_NOMEM;
      bsc_out_text(&row[0], w->group);
      bsc_out_text(&row[1], w->id);
      bsc_out_text(&row[2], bsc_word_label(w, pSet->nl));
    }
  }
  return SQLITE_OK;
}

const BscTvf bscCatalogTvf = {
  "bsc_catalog", "cluster " BSC_T_WORD ", subprocess " BSC_T_WORD ", label " BSC_T_ID ", schema TEXT HIDDEN", 3, 1,
  0, 0, catalog_fill, 0,
};

void bsc_fn_cluster_gaps(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  BscGraph *g;
  BscCoverage cov;
  char *zErr = 0;
  int unit;
  if (bsc_fn_graph(ctx, "bsc_cluster_gaps", argc, argv, &g) != SQLITE_OK) return;
  int rc = bsc_unit_arg(g, "bsc_cluster_gaps", argc > 1 ? argv[1] : 0, &unit, &zErr);
  if (rc == SQLITE_OK) bsc_coverage(g, unit, &cov);
  bsc_graph_unref(g);
  if (rc != SQLITE_OK) {
    if (zErr) sqlite3_result_error(ctx, zErr, -1);
    else sqlite3_result_error_nomem(ctx);
    sqlite3_free(zErr);
    return;
  }
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendchar(s, 1, '[');
  for (int i = 0, n = 0; i < bscClusters.n; i++) {
    if (cov.nObjective[i] > 0) continue;
    if (n++) sqlite3_str_appendchar(s, 1, ',');
    bsc_json_string(s, bscClusters.a[i].id);
  }
  sqlite3_str_appendchar(s, 1, ']');
  char *z = sqlite3_str_finish(s);
  if (z) sqlite3_result_text(ctx, z, -1, sqlite3_free);
  else sqlite3_result_error_nomem(ctx);
}
