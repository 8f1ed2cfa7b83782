/* Cascading (ext/units.c, graph.c's units): the units tree's rules, each
** node's unit, alignment links, and a map of format 1 read with its rows
** in the top unit. */
#include "harness.h"
#include "bsc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *group_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "CREATE VIRTUAL TABLE units USING bsc_units;"
          "INSERT INTO units(id, title) VALUES ('group', 'Group');"
          "INSERT INTO units(id, title, parent) VALUES ('cargo', 'Cargo', 'group'), ('mro', 'MRO', 'group'),"
          " ('hub', 'Hub', 'cargo');"
          "INSERT INTO objectives(id, title, perspective, unit) VALUES ('profit', 'Profit', 'financial', NULL),"
          " ('c_rev', 'Cargo revenue', 'financial', 'cargo'), ('h_fast', 'Hub speed', 'customer', 'hub'),"
          " ('m_fleet', 'Fleet', 'internal', 'mro');"
          "INSERT INTO links(cause, effect) VALUES ('c_rev', 'profit'), ('h_fast', 'c_rev'), ('h_fast', 'profit'),"
          " ('m_fleet', 'c_rev'), ('profit', 'c_rev');");
  return db;
}

/* One unit's rule refusals, and the writes the tree allows. */
START_TEST(tree_rules) {
  sqlite3 *db = group_map();
  exec_fails(db, "INSERT INTO units(id, title) VALUES ('other', 'Other')",
             "bsc: units.parent: NULL would make 'other' a second top unit beside 'group'; the units form one tree "
             "under one top unit: give 'other' a parent");
  exec_fails(db, "UPDATE units SET parent = 'hub' WHERE id = 'group'",
             "bsc: units.parent: 'hub' is below unit 'group' (up from it: hub -> cargo -> group); the units form a "
             "tree, with no unit its own ancestor");
  exec_fails(db, "UPDATE units SET parent = 'mro' WHERE id = 'mro'",
             "bsc: units.parent: unit 'mro' cannot be its own parent; the units form a tree");
  exec_fails(db, "INSERT INTO units(id, title, parent) VALUES ('x', 'X', 'gone')",
             "bsc: units.parent: 'gone' is not a unit of this map");
  exec_fails(db, "DELETE FROM units WHERE id = 'hub'",
             "bsc: units.id: cannot delete unit 'hub': objectives row (id 'h_fast') still refers to it; change or "
             "delete that row first");
  exec_fails(db, "DELETE FROM units WHERE id = 'cargo'",
             "bsc: units.id: cannot delete unit 'cargo': objectives row (id 'c_rev') still refers to it; change or "
             "delete that row first");
  exec_fails(db, "UPDATE objectives SET unit = NULL WHERE id = 'c_rev'; DELETE FROM units WHERE id = 'cargo'",
             "bsc: units.id: cannot delete unit 'cargo': units row (id 'hub') still refers to it; change or delete "
             "that row first");
  exec_ok(db, "UPDATE objectives SET unit = 'cargo' WHERE id = 'c_rev'");
  exec_fails(db, "INSERT INTO processes(id, title, cluster, unit) VALUES ('p', 'P', 'operations', 'nowhere')",
             "bsc: processes.unit: 'nowhere' is not a unit of this map");
  /* a move within the tree; nothing refused was written */
  exec_ok(db, "UPDATE units SET parent = 'mro' WHERE id = 'hub'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || ':' || ifnull(parent, '-'), ' ') FROM units"),
                   "group:- cargo:group mro:group hub:mro");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_integrity()"), 0);
  db_close(db);
}
END_TEST

/* The graph's units: parents, depths, each node's unit, alignment. */
START_TEST(graph_units_and_alignment) {
  sqlite3 *db = group_map();
  BscConn *pConn = sqlite3_malloc(sizeof(*pConn));
  memset(pConn, 0, sizeof(*pConn));
  pConn->nRef = 1;
  BscGraph *g = 0;
  char *zErr = 0;
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g, &zErr), SQLITE_OK);
  ck_assert_int_eq(g->nUnit, 4);
  int group = bsc_unit_find(g, "group"), cargo = bsc_unit_find(g, "cargo"), hub = bsc_unit_find(g, "hub");
  int mro = bsc_unit_find(g, "mro");
  ck_assert_int_eq(g->iTop, group);
  ck_assert_int_eq(bsc_unit_find(g, "nowhere"), -1);
  /* the one search by id finds each node and unit at its place, and
  ** nothing for an id before the first, after the last, or none */
  for (int v = 0; v < g->nNode; v++) ck_assert_int_eq(bsc_graph_find(g, g->aNode[v].zId), v);
  for (int u = 0; u < g->nUnit; u++) ck_assert_int_eq(bsc_unit_find(g, g->aUnit[u].zId), u);
  const char *azMissing[] = {"", "~", "nowhere", 0};
  for (size_t i = 0; i < sizeof(azMissing) / sizeof(azMissing[0]); i++) {
    ck_assert_int_eq(bsc_graph_find(g, azMissing[i]), -1);
    ck_assert_int_eq(bsc_unit_find(g, azMissing[i]), -1);
  }
  ck_assert_int_eq(g->aUnit[hub].iParent, cargo);
  ck_assert_int_eq(g->aUnit[hub].depth, 2);
  ck_assert_int_eq(g->aUnit[group].iParent, -1);
  ck_assert(bsc_unit_below(g, hub, group));
  ck_assert(bsc_unit_below(g, hub, cargo));
  ck_assert(!bsc_unit_below(g, cargo, hub));
  ck_assert(!bsc_unit_below(g, mro, cargo));
  ck_assert(!bsc_unit_below(g, group, group));
  /* NULL is the top unit */
  ck_assert_int_eq(g->aNode[bsc_graph_find(g, "profit")].unit, group);
  ck_assert_int_eq(g->aNode[bsc_graph_find(g, "h_fast")].unit, hub);
  /* links: up one unit, up two, to a sibling, down */
  const char *aWant[][3] = {{"c_rev", "profit", "1"}, {"h_fast", "c_rev", "1"}, {"h_fast", "profit", "1"},
                            {"m_fleet", "c_rev", "0"}, {"profit", "c_rev", "0"}};
  for (size_t i = 0; i < sizeof(aWant) / sizeof(aWant[0]); i++) {
    int from = bsc_graph_find(g, aWant[i][0]), to = bsc_graph_find(g, aWant[i][1]), found = 0;
    for (int e = 0; e < g->nEdge; e++) {
      if (g->aEdge[e].from != from || g->aEdge[e].to != to) continue;
      ck_assert_int_eq(bsc_edge_aligns(g, e), atoi(aWant[i][2]));
      found = 1;
    }
    ck_assert(found);
  }
  bsc_graph_unref(g);
  /* a change of the tree makes a new graph */
  exec_ok(db, "UPDATE units SET parent = 'group' WHERE id = 'hub'");
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g, &zErr), SQLITE_OK);
  ck_assert_int_eq(g->aUnit[bsc_unit_find(g, "hub")].depth, 1);
  bsc_graph_unref(g);
  ck_assert_ptr_null(zErr);
  bsc_conn_unref(pConn);
  db_close(db);
}
END_TEST

/* The per-unit functions and the cascading rules, through SQL. */
START_TEST(functions_per_unit) {
  sqlite3 *db = group_map();
  ck_assert_str_eq(query_text(db, "SELECT group_concat(rule || ':' || subject || ':' || unit, ' ') FROM bsc_check"
                                  " WHERE rule IN ('misaligned', 'unaligned', 'unsupported')"),
                   "misaligned:profit:group misaligned:m_fleet:mro unaligned:m_fleet:mro");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps('main', 'mro')"),
                   "[\"operations\",\"customer_management\",\"innovation\",\"regulatory_social\"]");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check('main', 'hub')"),
                   query_int(db, "SELECT count(*) FROM bsc_check WHERE unit = 'hub'"));
  exec_fails(db, "SELECT * FROM bsc_clusters('main', 'nowhere')",
             "bsc: bsc_clusters: no unit 'nowhere' in the map of schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_chains(NULL, NULL, NULL, x'00')",
             "bsc: bsc_chains: no unit a blob of 1 byte in the map of schema 'main'");
  db_close(db);
}
END_TEST

/* A map of format 1: its rows read as the top unit's, unchanged. */
START_TEST(format1_rows_are_the_top_units) {
  char zPath[256];
  snprintf(zPath, sizeof(zPath), "%s", temp_db_path("units-format1"));
  FILE *in = fopen("tests/fixtures/format1.db", "rb"), *out = fopen(zPath, "wb");
  ck_assert_ptr_nonnull(in);
  ck_assert_ptr_nonnull(out);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), in)) > 0) ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
  fclose(in);
  fclose(out);
  sqlite3 *db = db_open(zPath);
  const char *zBefore = query_text(db, "SELECT group_concat(cluster || gap, ' ') FROM bsc_clusters");
  char *zClusters = sqlite3_mprintf("%s", zBefore);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives WHERE unit IS NULL"),
                   query_int(db, "SELECT count(*) FROM objectives"));
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE unit IS NOT NULL"), 0);
  ck_assert_int_eq(query_int(db, "SELECT bsc_upgrade()"), 5);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cluster || gap, ' ') FROM bsc_clusters"), zClusters);
  sqlite3_free(zClusters);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

Suite *units_suite(void) {
  Suite *s = suite_create("units");
  TCase *tc = tcase_create("units");
  tcase_add_test(tc, tree_rules);
  tcase_add_test(tc, graph_units_and_alignment);
  tcase_add_test(tc, functions_per_unit);
  tcase_add_test(tc, format1_rows_are_the_top_units);
  suite_add_tcase(s, tc);
  return s;
}
