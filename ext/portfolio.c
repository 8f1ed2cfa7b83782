/*
** The initiatives as a portfolio.
**
**   SELECT * FROM bsc_portfolio([schema]);
**     rank, initiative, title, owner, status, schedule, progress, budget,
**     spent, budget_used, objectives, drives, outcome, influence; HIDDEN
**     schema
**   One row per initiative, ranked by its influence on the outcome as
**   bsc_vital_few ranks processes (analytics.c's bsc_influence: the sum
**   over its causal chains to a financial objective, at most 12 links, of
**   each chain's strength halved once per link beyond the first), by its
**   size, then by id. budget_used is spent / budget (NULL without a
**   budget); objectives counts the objectives it drives; drives lists them
**   with their status ('fuel_efficiency (red), ...'); outcome lists the
**   financial objectives its chains reach (NULL: none). The other columns
**   are the initiatives table's. No rows when the map has no initiatives.
**   The view initiative_portfolio (sql/views.sql) shows it.
*/
#include "portfolio.h"
#include "damage.h"
#include "scorecard.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  PF_RANK, PF_INITIATIVE, PF_TITLE, PF_OWNER, PF_STATUS, PF_SCHEDULE, PF_PROGRESS, PF_BUDGET, PF_SPENT,
  PF_USED, PF_OBJECTIVES, PF_DRIVES, PF_OUTCOME, PF_INFLUENCE
};

/* Larger influence (in size) first; then by id. */
static int cmp_portfolio(const void *a, const void *b) {
  const BscOut *x = a, *y = b;
  double fx = fabs(x[PF_INFLUENCE].r), fy = fabs(y[PF_INFLUENCE].r);
  if (fx != fy) return fx > fy ? -1 : 1;
  return strcmp(x[PF_INITIATIVE].z, y[PF_INITIATIVE].z);
}

static double column_number(sqlite3_stmt *pStmt, int i) {
  return sqlite3_column_type(pStmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double(pStmt, i);
}

/* Every objective's status through the scorecard, by node (owned texts). */
static int read_statuses(BscCall *c, char **az) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(c->db, "SELECT objective, status FROM bsc_objective_scores(NULL, ?1)", -1, &pStmt, 0);
  if (rc == SQLITE_OK) sqlite3_bind_text(pStmt, 1, c->pGraph->zSchema, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(c->pGraph, (const char *)sqlite3_column_text(pStmt, 0));
    if (v < 0 || az[v] || sqlite3_column_type(pStmt, 1) != SQLITE_TEXT) continue;
    if (!(az[v] = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 1)))) rc = SQLITE_NOMEM;
  }
  int rc2 = sqlite3_finalize(pStmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* One row for initiative v; pStmt holds its table row (id, title, owner,
** status, schedule, progress, budget, spent). */
static int add_row(BscCall *c, BscWalk *w, int *aSeen, char **azStatus, int v, sqlite3_stmt *pStmt) {
  const BscGraph *g = c->pGraph;
  const BscNode *n = &g->aNode[v];
  BscReach r;
  int rc = bsc_influence(w, v, aSeen, &r);
  if (rc != SQLITE_OK) return rc;
  BscOut *row = bsc_rows_add(&c->rows);
  if (!row) return SQLITE_NOMEM;
  bsc_out_text(&row[PF_INITIATIVE], n->zId);
  for (int i = 1; rc == SQLITE_OK && i <= 4; i++) {
    rc = bsc_out_copy(&row[PF_TITLE + i - 1], (const char *)sqlite3_column_text(pStmt, i));
  }
  bsc_out_real(&row[PF_PROGRESS], column_number(pStmt, 5));
  double budget = column_number(pStmt, 6), spent = column_number(pStmt, 7);
  bsc_out_real(&row[PF_BUDGET], budget);
  bsc_out_real(&row[PF_SPENT], spent);
  if (budget > 0) bsc_out_real(&row[PF_USED], spent / budget);
  bsc_out_int(&row[PF_OBJECTIVES], n->nOut);
  if (n->nOut > 0) {
    sqlite3_str *s = sqlite3_str_new(0);
    for (int i = n->iOut; i < n->iOut + n->nOut; i++) {
      int to = g->aEdge[i].to;
      sqlite3_str_appendf(s, "%s%s (%s)", i > n->iOut ? ", " : "", g->aNode[to].zId,
                          azStatus[to] ? azStatus[to] : "none");
    }
    if (rc == SQLITE_OK) rc = bsc_out_owned(&row[PF_DRIVES], sqlite3_str_finish(s));
    else sqlite3_free(sqlite3_str_finish(s));
  }
  if (r.nGoal > 0) {
    sqlite3_str *s = sqlite3_str_new(0);
    for (int u = 0, k = 0; u < g->nNode; u++) {
      if (aSeen[u] == v + 1) sqlite3_str_appendf(s, "%s%s", k++ ? ", " : "", g->aNode[u].zId);
    }
    if (rc == SQLITE_OK) rc = bsc_out_owned(&row[PF_OUTCOME], sqlite3_str_finish(s));
    else sqlite3_free(sqlite3_str_finish(s));
  }
  bsc_out_real(&row[PF_INFLUENCE], r.influence == 0 ? 0.0 : r.influence);
  return rc;
}

static int portfolio_fill(BscCall *c) {
  BscStore *pStore;
  int rc = bsc_call_graph(c, c->aArg[0]);
  /* the statuses are scores: their tables are read too */
  if (rc == SQLITE_OK) rc = bsc_call_store(c, c->pGraph->zSchema, &pStore);
  if (rc == SQLITE_OK) rc = bsc_damage_check(pStore, c->conn, 0, BSC_SCORE_SOURCES, c->zFunc, &c->zErr);
  if (rc != SQLITE_OK) return rc;
  const BscGraph *g = c->pGraph;
  bsc_out_text(&c->aShown[0], g->zSchema);
  if (!g->azTable[BSC_INITIATIVES]) return SQLITE_OK;
  int *aSeen = sqlite3_malloc64(sizeof(int) * ((sqlite3_uint64)g->nNode + 1));
  char **azStatus = sqlite3_malloc64(sizeof(char *) * ((sqlite3_uint64)g->nNode + 1));
  /* cleared at once: it is freed entry by entry on every path */
  if (azStatus) memset(azStatus, 0, sizeof(char *) * ((size_t)g->nNode + 1));
  char *zSql = sqlite3_mprintf("SELECT id, title, owner, status, schedule, progress, budget, spent FROM \"%w\".\"%w\"",
                               g->zSchema, g->azTable[BSC_INITIATIVES]);
  sqlite3_stmt *pStmt = 0;
  BscWalk w;
  memset(&w, 0, sizeof(w));
  if (!aSeen || !azStatus || !zSql || bsc_walk_init(&w, g) != SQLITE_OK) {
    rc = SQLITE_NOMEM;
  } else {
    memset(aSeen, 0, sizeof(int) * (size_t)g->nNode);
    w.mxLen = BSC_CHAIN_LENGTH < g->nNode ? BSC_CHAIN_LENGTH : g->nNode;
    w.mxStep = BSC_CHAIN_MAX_STEPS;
    rc = read_statuses(c, azStatus);
  }
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(c->db, zSql, -1, &pStmt, 0);
  while (rc == SQLITE_OK && !w.bOverBudget && sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
    if (v >= 0 && bsc_is_initiative(&g->aNode[v])) rc = add_row(c, &w, aSeen, azStatus, v, pStmt);
  }
  int rc2 = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  if (rc == SQLITE_OK && w.bOverBudget) {
    rc = bsc_call_error(c, "bsc: %s: too many causal paths to search in the map of schema '%q'; "
                        "bsc_chains(initiative, max_length) lists them a few links at a time",
                        c->zFunc, g->zSchema);
  }
  if (rc == SQLITE_OK) {
    bsc_rows_sort(&c->rows, cmp_portfolio);
    for (int i = 0; i < c->rows.nRow; i++) bsc_out_int(&c->rows.a[i * c->rows.nCol + PF_RANK], i + 1);
  }
  bsc_walk_clear(&w);
  for (int v = 0; azStatus && v < g->nNode; v++) sqlite3_free(azStatus[v]);
  sqlite3_free(azStatus);
  sqlite3_free(aSeen);
  sqlite3_free(zSql);
  return rc;
}

static const int aPortfolioOrder[] = {PF_RANK};
const BscTvf bscPortfolioTvf = {
  "bsc_portfolio",
  "rank INTEGER, initiative " BSC_T_ID ", title " BSC_T_SHORT ", owner " BSC_T_SHORT ", status " BSC_T_WORD
  ", schedule " BSC_T_WORD ", progress REAL, budget REAL, spent REAL, budget_used REAL, objectives INTEGER,"
  " drives " BSC_T_LONG ", outcome " BSC_T_LONG ", influence REAL, schema TEXT HIDDEN",
  14, 1, aPortfolioOrder, 1, portfolio_fill, 0,
};
