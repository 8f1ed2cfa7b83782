/*
** The map as a picture.
**
**   bsc_dot([schema])
**   The strategy map as Graphviz DOT, for `dot -Tsvg`: one band per
**   perspective, financial on top and learning & growth at the bottom (or
**   in the order of the setting perspective_order; a mission band above
**   them when an objective has that perspective: settings.c); the
**   processes in one box per cluster inside the internal-process band, a
**   row below its objectives; links as arrows from cause to effect, dashed
**   when negative. A cluster with no objectives is drawn in red. An
**   objective is filled with the colour of its status (green, amber, red;
**   grey when unscored) at its KPIs' latest periods. Initiatives, when the
**   map has any, are folders on a row of their own beneath the map, filled
**   by their schedule (on track or done green, late amber, overdue red,
**   stopped grey and dashed), with arrows to what they drive. The labels are
**   in Dutch when the map's setting language is 'nl' (settings.c).
**
** Graphviz node names are n<number> (a node's number in the graph), so no
** id can clash with the invisible anchors that order the bands.
*/
#include "dot.h"
#include "damage.h"
#include "scorecard.h"
#include "coverage.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define WRAP 22 /* a label's line length, in bytes, before it breaks at a space */

/* Appends z as the inside of a DOT string: quotes and backslashes escaped,
** and, when wrap is set, long text broken into lines at spaces. */
static void dot_text(sqlite3_str *s, const char *z, int wrap) {
  int col = 0;
  for (; *z; z++, col++) {
    char c = *z;
    if (c == '"' || c == '\\') sqlite3_str_appendchar(s, 1, '\\');
    if (c == '\n' || c == '\r' || (wrap && c == ' ' && col >= WRAP)) {
      sqlite3_str_appendall(s, "\\n");
      col = -1;
      continue;
    }
    sqlite3_str_appendchar(s, 1, c);
  }
}

/* The fill colour of a node: an objective's status at its latest scores
** (bsc_objective_scores), a process white. azStatus is indexed by node. */
static const char *node_colour(const BscGraph *g, char **azStatus, int iNode) {
  static const struct {
    const char *zStatus, *zColour;
  } aColour[] = {{"green", "#b7e1a1"}, {"amber", "#ffe08a"}, {"red", "#f4a6a6"},
                 /* an initiative's schedule */
                 {"on track", "#b7e1a1"}, {"done", "#b7e1a1"}, {"late", "#ffe08a"}, {"overdue", "#f4a6a6"}};
  if (g->aNode[iNode].kind == BSC_NODE_PROCESS) return "#ffffff";
  for (size_t i = 0; azStatus && azStatus[iNode] && i < sizeof(aColour) / sizeof(aColour[0]); i++) {
    if (strcmp(azStatus[iNode], aColour[i].zStatus) == 0) return aColour[i].zColour;
  }
  return "#eeeeee"; /* no status: nothing scored */
}

/* Every objective's status, by node number: the objectives table's, the
** scorecard's at the latest periods for every unit's objectives (the score
** functions read one unit's map at a time). */
static int read_statuses(sqlite3 *db, const BscGraph *g, char ***pazStatus) {
  sqlite3_stmt *pStmt = 0;
  char **az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)(g->nNode + 1));
  *pazStatus = 0;
  if (!az) return SQLITE_NOMEM;
  memset(az, 0, sizeof(char *) * (size_t)(g->nNode + 1));
  const char *zO = g->azTable[BSC_OBJECTIVES];
  char *zObjectives = zO ? sqlite3_mprintf("SELECT id, status FROM \"%w\".\"%w\"", g->zSchema, zO) : 0;
  int rc = !zO ? SQLITE_OK : zObjectives ? sqlite3_prepare_v2(db, zObjectives, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zObjectives);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
    if (v < 0 || az[v] || sqlite3_column_type(pStmt, 1) != SQLITE_TEXT) continue;
    az[v] = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 1));
    if (!az[v]) rc = SQLITE_NOMEM;
  }
  int rc2 = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  pStmt = 0; /* finalized: a failed mprintf below must not finalize it again */
  /* an initiative's "status" is its schedule */
  const char *zI = g->azTable[BSC_INITIATIVES];
  if (rc == SQLITE_OK && zI) {
    char *zSql = sqlite3_mprintf("SELECT id, schedule FROM \"%w\".\"%w\"", g->zSchema, zI);
    rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
      int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
      if (v < 0 || az[v] || sqlite3_column_type(pStmt, 1) != SQLITE_TEXT) continue;
      az[v] = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 1));
      if (!az[v]) rc = SQLITE_NOMEM;
    }
    rc2 = sqlite3_finalize(pStmt);
    if (rc == SQLITE_OK) rc = rc2;
  }
  *pazStatus = az;
  return rc;
}

static void free_statuses(const BscGraph *g, char **az) {
  for (int v = 0; az && v < g->nNode; v++) sqlite3_free(az[v]);
  sqlite3_free(az);
}

static void dot_node(sqlite3_str *s, const BscGraph *g, char **azStatus, int v, const char *zIndent) {
  const BscNode *n = &g->aNode[v];
  sqlite3_str_appendf(s, "%sn%d [label=\"", zIndent, v);
  const char *zTitle = bsc_node_title(g, v);
  dot_text(s, zTitle[0] ? zTitle : n->zId, 1);
  sqlite3_str_appendall(s, "\", tooltip=\"");
  dot_text(s, n->zId, 0);
  const char *zShape = n->kind == BSC_NODE_PROCESS ? ", shape=ellipse" : "";
  if (bsc_is_initiative(n)) {
    int stopped = azStatus && azStatus[v] && strcmp(azStatus[v], "stopped") == 0;
    zShape = stopped ? ", shape=folder, style=\"filled,dashed\"" : ", shape=folder, style=filled";
  }
  sqlite3_str_appendf(s, "\", fillcolor=\"%s\"%s];\n", node_colour(g, azStatus, v), zShape);
}

/* The cluster an internal objective is drawn in: its own, or the one
** cluster of the processes linked to it; -1 for none or several. */
static int drawn_cluster(const BscNode *n) {
  if (n->cluster >= 0) return n->cluster;
  for (int c = 0; c < bscClusters.n; c++) {
    if (n->clusters == 1u << c) return c;
  }
  return -1;
}

/* Whether node v is drawn in the box of cluster c. */
static int in_cluster(const BscGraph *g, int v, int c) {
  const BscNode *n = &g->aNode[v];
  return n->isProcess ? n->cluster == c : n->persp == BSC_INTERNAL && drawn_cluster(n) == c;
}

static int cluster_empty(const BscGraph *g, int c) {
  for (int v = 0; v < g->nNode; v++) {
    if (in_cluster(g, v, c)) return 0;
  }
  return 1;
}

/* The picture's rows are named r<code>: the code of perspective p is p
** (0.1's four keep their names), mission's is 6; 4 is the processes' row
** and 5 the initiatives'. */
#define ROW_PROCESSES 4
#define ROW_INITIATIVES 5
static int row_code(int p) { return p == BSC_MISSION ? 6 : p; }

/* The nodes on one row of the picture: objectives of the perspective
** whose code is p, or the processes and the anchors of empty cluster
** boxes, or the initiatives. */
static void dot_rank(sqlite3_str *s, const BscGraph *g, int p) {
  sqlite3_str_appendf(s, "  { rank=same; r%d;", p);
  for (int v = 0; v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    int on = p == ROW_INITIATIVES ? bsc_is_initiative(n)
           : p == ROW_PROCESSES   ? n->kind == BSC_NODE_PROCESS
                                  : !n->isProcess && row_code(n->persp) == p;
    if (on) sqlite3_str_appendf(s, " n%d;", v);
  }
  for (int c = 0; p == ROW_PROCESSES && c < bscClusters.n; c++) {
    if (cluster_empty(g, c)) sqlite3_str_appendf(s, " e%d;", c);
  }
  sqlite3_str_appendall(s, " }\n");
}

static void dot_clusters(sqlite3_str *s, const BscGraph *g, char **azStatus) {
  BscCoverage cov;
  bsc_coverage(g, BSC_UNIT_ANY, &cov);
  for (int c = 0; c < bscClusters.n; c++) {
    const BscWord *w = &bscClusters.a[c];
    int gap = cov.nObjective[c] == 0;
    sqlite3_str_appendf(s, "  subgraph cluster_%s {\n    label=\"%s (%s)%s\"; color=\"%s\"; "
                           "style=\"rounded\";\n",
                        w->id, bsc_word_label(w, g->settings.nl), bsc_word_extra(w, g->settings.nl),
                        !gap ? "" : g->settings.nl ? ": geen doelstellingen" : ": no objectives",
                        gap ? "#cc0000" : "#888888");
    for (int v = 0; v < g->nNode; v++) {
      if (in_cluster(g, v, c)) dot_node(s, g, azStatus, v, "    ");
    }
    /* an empty box still shows, on the processes' row */
    if (cluster_empty(g, c)) sqlite3_str_appendf(s, "    e%d [style=invis, shape=point, width=0];\n", c);
    sqlite3_str_appendall(s, "  }\n");
  }
}

/* A node's height in the picture: initiatives at the bottom, then the
** perspectives by the map's order (bsc_node_rank), the processes' row just
** beneath internal's. */
static int row_of(const BscGraph *g, int v) {
  const BscNode *n = &g->aNode[v];
  if (bsc_is_initiative(n)) return -1;
  return 2 * (BSC_N_PERSP - 1 - bsc_node_rank(g, v)) + !n->isProcess;
}

static char *map_dot(const BscGraph *g, char **azStatus) {
  sqlite3_str *s = sqlite3_str_new(0);
  sqlite3_str_appendall(s, "digraph strategy_map {\n"
                           "  graph [rankdir=BT, newrank=true, nodesep=0.25, ranksep=0.45, "
                           "fontname=\"Helvetica\", fontsize=12];\n"
                           "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
                           "fontsize=10];\n"
                           "  edge [color=\"#555555\"];\n");
  /* a column of row labels at the left; the rank constraints below put
  ** each perspective's objectives on its label's row */
  int bMission = bsc_has_mission(g); /* its row */
  for (int p = 0; p < bscPerspectives.n; p++) {
    if (p == BSC_MISSION && !bMission) continue;
    sqlite3_str_appendf(s, "  r%d [label=\"%s\", shape=plaintext, style=\"\", fontsize=12];\n", row_code(p),
                        bsc_word_label(&bscPerspectives.a[p], g->settings.nl));
  }
  sqlite3_str_appendall(s, "  r4 [label=\"\", shape=plaintext, style=\"\", width=0];\n");
  int nInit = 0;
  for (int v = 0; v < g->nNode; v++) nInit += bsc_is_initiative(&g->aNode[v]);
  if (nInit) {
    sqlite3_str_appendf(s, "  r5 [label=\"%s\", shape=plaintext, style=\"\", fontsize=12];\n",
                        g->settings.nl ? "Initiatieven" : "Initiatives");
  }
  for (int v = 0; v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    if ((!n->isProcess && (n->persp != BSC_INTERNAL || drawn_cluster(n) < 0)) || bsc_is_initiative(n)) {
      dot_node(s, g, azStatus, v, "  ");
    }
  }
  dot_clusters(s, g, azStatus);
  for (int p = 0; p < bscPerspectives.n; p++) {
    if (p != BSC_MISSION || bMission) dot_rank(s, g, row_code(p));
  }
  dot_rank(s, g, ROW_PROCESSES);
  if (nInit) dot_rank(s, g, ROW_INITIATIVES);
  /* the bands' order, bottom to top (rankdir=BT): initiatives beneath,
  ** then the perspectives by the setting perspective_order, the
  ** processes' row beneath internal's */
  sqlite3_str_appendall(s, nInit ? "  r5 ->" : " ");
  for (int r = BSC_N_PERSP - 1, first = 1; r >= 0; r--) {
    int p = g->settings.aOrder[r];
    if (p == BSC_MISSION && !bMission) continue;
    if (p == BSC_INTERNAL) sqlite3_str_appendf(s, "%s r%d", first ? "" : " ->", ROW_PROCESSES), first = 0;
    sqlite3_str_appendf(s, "%s r%d", first ? "" : " ->", row_code(p));
    first = 0;
  }
  sqlite3_str_appendall(s, " [style=invis];\n");
  /* A link that runs down (bsc_check's downward_link) takes no part in
  ** the ranking: as a constraint it would pull its effect above its cause
  ** and turn the rows over. */
  for (int i = 0; i < g->nEdge; i++) {
    const BscEdge *e = &g->aEdge[i];
    int down = row_of(g, e->to) < row_of(g, e->from);
    sqlite3_str_appendf(s, "  n%d -> n%d [tooltip=\"%s %!.15g%s\"%s%s];\n", e->from, e->to,
                        g->settings.nl ? "gewicht" : "weight", e->weight,
                        !e->negative ? "" : g->settings.nl ? ", negatief" : ", negative",
                        e->negative ? ", style=dashed" : "",
                        down ? ", constraint=false" : "");
  }
  sqlite3_str_appendall(s, "}\n");
  return sqlite3_str_finish(s);
}

void bsc_fn_dot(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  BscGraph *g;
  if (bsc_fn_graph(ctx, "bsc_dot", argc, argv, &g) != SQLITE_OK) return;
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char **azStatus = 0, *zErr = 0;
  BscStore store;
  /* the colours are scores: their tables are read too */
  int rc = bsc_store_init(&store, db, g->zSchema);
  if (rc == SQLITE_OK) rc = bsc_damage_check(&store, sqlite3_user_data(ctx), 0, BSC_SCORE_SOURCES, "bsc_dot", &zErr);
  bsc_store_clear(&store);
  if (zErr) {
    sqlite3_result_error(ctx, zErr, -1);
    sqlite3_free(zErr);
    bsc_graph_unref(g);
    return;
  }
  if (rc == SQLITE_OK) rc = read_statuses(db, g, &azStatus);
  char *z = rc == SQLITE_OK ? map_dot(g, azStatus) : 0;
  free_statuses(g, azStatus);
  bsc_graph_unref(g);
  if (z) sqlite3_result_text(ctx, z, -1, sqlite3_free);
  else if (rc == SQLITE_OK || rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error(ctx, sqlite3_errmsg(sqlite3_context_db_handle(ctx)), -1);
}
