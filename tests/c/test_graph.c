/* The causal graph and the functions that read it (ext/graph.c, tvf.c,
** chains.c, coverage.c, checker.c, dot.c). */
#include "harness.h"
#include "bsc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small airline map: two chains from ground-ops to revenue, a process
** with no chain (safety), a negative link that closes a cycle. */
static const char zAirline[] =
    "INSERT INTO processes(id, title, cluster, subprocess) VALUES"
    " ('ground-ops', 'Ground operations', 'operations', 'produce'),"
    " ('crm', 'Customer relationship programme', 'customer_management', 'retain'),"
    " ('safety', 'Safety programme', 'regulatory_social', 'health_safety');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
    " ('revenue', 'Grow revenue', 'financial', NULL),"
    " ('profit', 'Increase \"profit\"', 'financial', NULL),"
    " ('loyal-customers', 'Loyal customers', 'customer', NULL),"
    " ('on-time', 'On-time flights', 'internal', 'operations'),"
    " ('fast-turn', 'Fast ground turnaround', 'internal', NULL),"
    " ('crew-skills', 'Skilled ground crew', 'learning', NULL);"
    "INSERT INTO links(cause, effect, weight, sign) VALUES"
    " ('ground-ops', 'fast-turn', 1, 'positive'),"
    " ('ground-ops', 'on-time', 0.8, 'positive'),"
    " ('fast-turn', 'on-time', 0.9, 'positive'),"
    " ('on-time', 'loyal-customers', 0.7, 'positive'),"
    " ('loyal-customers', 'revenue', 0.6, 'positive'),"
    " ('revenue', 'profit', 1, 'positive'),"
    " ('crm', 'loyal-customers', 0.5, 'positive'),"
    " ('crew-skills', 'fast-turn', 0.5, 'positive'),"
    " ('loyal-customers', 'on-time', 0.2, 'negative');"
    "INSERT INTO kpis(id, objective, title, target) VALUES"
    " ('otp', 'on-time', 'On-time performance', 0.9),"
    " ('rev', 'revenue', 'Revenue', NULL);"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026-01', 0.85);";

#define NO_MAP(zFunc, zSchema)                                                              \
  "bsc: " zFunc ": schema '" zSchema "' holds no strategy map; create its tables first (CREATE " \
  "VIRTUAL TABLE objectives USING bsc_objectives, and likewise bsc_processes, bsc_links, "      \
  "bsc_kpis and bsc_measurements)"
/* the same for a schema other than main, which the advice names */
#define NO_MAP_IN(zFunc, zSchema)                                                           \
  "bsc: " zFunc ": schema '" zSchema "' holds no strategy map; create its tables first (CREATE " \
  "VIRTUAL TABLE " zSchema ".objectives USING bsc_objectives, and likewise bsc_processes, "      \
  "bsc_links, bsc_kpis and bsc_measurements)"
#define NO_SCHEMA(zFunc, zSchema) \
  "bsc: " zFunc ": no schema '" zSchema "'; name main, temp or an attached database"

static sqlite3 *airline(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zAirline);
  return db;
}

#define rows(db, zQuery) query_rows(db, zQuery)

/* ------------------------------------------------------------- bsc_chains */

START_TEST(chains_from_one_start) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_chains('ground-ops')"),
                   "ground-ops|revenue|3|0.336|ground-ops > on-time > loyal-customers > revenue|"
                   "[\"ground-ops\",\"on-time\",\"loyal-customers\",\"revenue\"]\n"
                   "ground-ops|revenue|4|0.378|ground-ops > fast-turn > on-time > loyal-customers > revenue|"
                   "[\"ground-ops\",\"fast-turn\",\"on-time\",\"loyal-customers\",\"revenue\"]\n"
                   "ground-ops|profit|4|0.336|ground-ops > on-time > loyal-customers > revenue > profit|"
                   "[\"ground-ops\",\"on-time\",\"loyal-customers\",\"revenue\",\"profit\"]\n"
                   "ground-ops|profit|5|0.378|ground-ops > fast-turn > on-time > loyal-customers > revenue > profit|"
                   "[\"ground-ops\",\"fast-turn\",\"on-time\",\"loyal-customers\",\"revenue\",\"profit\"]\n");
  /* an objective may start too; a financial one reaches the others */
  ck_assert_str_eq(rows(db, "SELECT path, length FROM bsc_chains('crew-skills', 4)"),
                   "crew-skills > fast-turn > on-time > loyal-customers > revenue|4\n");
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('revenue')"), "revenue > profit\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('profit')"), "0\n");
  db_close(db);
}
END_TEST

START_TEST(chains_from_every_process) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT start, length, goal FROM bsc_chains"),
                   "crm|2|revenue\ncrm|3|profit\n"
                   "ground-ops|3|revenue\nground-ops|4|revenue\nground-ops|4|profit\nground-ops|5|profit\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains(NULL, 3)"), "3\n");
  /* one start per process of a join */
  ck_assert_str_eq(rows(db, "SELECT p.id, count(c.path) FROM processes p, bsc_chains(p.id) c"
                            " GROUP BY p.id ORDER BY p.id"),
                   "crm|2\nground-ops|4\n");
  /* the hidden columns give back the arguments */
  ck_assert_str_eq(rows(db, "SELECT DISTINCT start_id, max_length, schema FROM bsc_chains('crm', 5, 'main')"),
                   "crm|5|main\n");
  /* the order the rows come in is the order asked for; other orders are sorted by SQLite */
  ck_assert_str_eq(rows(db, "SELECT length FROM bsc_chains ORDER BY start, length"), "2\n3\n3\n4\n4\n5\n");
  ck_assert_str_eq(rows(db, "SELECT length FROM bsc_chains ORDER BY length DESC, path"), "5\n4\n4\n3\n3\n2\n");
  db_close(db);
}
END_TEST

/* WHERE start = 'x' asks for the chains from x, as start_id = 'x' does. */
START_TEST(chains_start_column) {
  sqlite3 *db = airline();
  /* an objective is no start of the default rows, yet asked for by name */
  const char *zCrew = "crew-skills > fast-turn > on-time > loyal-customers > revenue\n"
                      "crew-skills > fast-turn > on-time > loyal-customers > revenue > profit\n";
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('crew-skills')"), zCrew);
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains WHERE start = 'crew-skills'"), zCrew);
  ck_assert_str_eq(rows(db, "SELECT DISTINCT start_id FROM bsc_chains WHERE start = 'crew-skills'"),
                   "crew-skills\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains WHERE start = 'ground-ops' AND max_length = 3"),
                   "1\n");
  /* one start per row of a join, whichever side is written first */
  const char *azTable[] = {"processes", "objectives"};
  const char *azWant[] = {"crm|2\nground-ops|4\n",
                          "crew-skills|2\nfast-turn|2\nloyal-customers|2\non-time|2\nrevenue|1\n"};
  for (int i = 0; i < 2; i++) {
    for (int bFirst = 0; bFirst < 2; bFirst++) {
      char zSql[200];
      snprintf(zSql, sizeof(zSql), "SELECT x.id, count(*) FROM %s%s%s ON c.start = x.id GROUP BY x.id ORDER BY x.id",
               bFirst ? "bsc_chains c JOIN " : "", azTable[i], bFirst ? " x" : " x JOIN bsc_chains c");
      ck_assert_str_eq(rows(db, zSql), azWant[i]);
    }
  }
  ck_assert_str_eq(rows(db, "SELECT group_concat(start || ':' || length, ' ') FROM bsc_chains"
                            " WHERE start IN ('crm', 'revenue', 'nosuch')"),
                   "crm:2 crm:3 revenue:1\n");
  /* how many rows: it filters, so no node, NULL or another start than the
  ** argument's is none, and no error; SQLite still checks the column (a
  ** blob never equals the text it holds); another collation than BINARY
  ** filters the default rows, as ids are matched exactly */
  static const struct {
    const char *zFrom;
    int n;
  } aCount[] = {
    {"bsc_chains WHERE start = 'nosuch'", 0},
    {"kpis k JOIN bsc_chains c ON c.start = k.id", 0},
    {"bsc_chains WHERE start = NULL", 0},
    {"bsc_chains('crm') WHERE start = 'ground-ops'", 0},
    {"bsc_chains('crm') WHERE start = 'crm'", 2},
    {"bsc_chains WHERE start = CAST('crm' AS BLOB)", 0},
    {"bsc_chains WHERE start = 'CRM' COLLATE NOCASE", 2},
    {"bsc_chains WHERE start = 'REVENUE' COLLATE NOCASE", 0},
    /* IS, as a null-safe client writes =, gives an argument too; on the
    ** start column it only filters */
    {"bsc_chains WHERE start_id IS 'crm'", 2},
    {"bsc_chains WHERE start_id IS 'revenue'", 1},
    {"bsc_chains WHERE start_id IS NULL", 6},
    {"bsc_chains WHERE start IS 'crm'", 2},
    {"bsc_chains WHERE start IS NULL", 0},
  };
  for (size_t i = 0; i < sizeof(aCount) / sizeof(aCount[0]); i++) {
    char zSql[200];
    snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM %s", aCount[i].zFrom);
    ck_assert_msg(query_int(db, zSql) == aCount[i].n, "%s: not %d rows", zSql, aCount[i].n);
  }
  db_close(db);
}
END_TEST

START_TEST(chains_max_length) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT length FROM bsc_chains('ground-ops', 4)"), "3\n4\n4\n");
  ck_assert_str_eq(rows(db, "SELECT length FROM bsc_chains('ground-ops', 3.0)"), "3\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', 2)"), "0\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', '4')"), "3\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', NULL)"), "4\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', 1000000000000)"), "4\n");
  /* whole numbers too large for an integer (a cast of them is undefined) */
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', 9223372036854775807)"), "4\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', 1e19)"), "4\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_chains('ground-ops', 1e308)"), "4\n");
  exec_fails(db, "SELECT * FROM bsc_chains('ground-ops', 9e999)",
             "bsc: bsc_chains: max_length Inf is not a whole number of links from 1, such as 12");
  exec_fails(db, "SELECT * FROM bsc_chains('ground-ops', -1e19)",
             "bsc: bsc_chains: max_length -1.0e+19 is not a whole number of links from 1, such as 12");
  db_close(db);
}
END_TEST

START_TEST(chains_strength_and_sign) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial'),"
              " ('c', 'C', 'customer'), ('i', 'I', 'internal');"
              "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'innovation');"
              "INSERT INTO links(cause, effect, weight, sign) VALUES ('p', 'i', 2, '-'),"
              " ('i', 'c', 0.5, 'negative'), ('c', 'f', 3, '+'), ('p', 'c', 0, '-');");
  /* two negatives cancel; a zero weight gives 0, never -0 */
  ck_assert_str_eq(rows(db, "SELECT strength, path FROM bsc_chains('p')"),
                   "0.0|p > c > f\n3.0|p > i > c > f\n");
  ck_assert_str_eq(rows(db, "SELECT strength FROM bsc_chains('i')"), "-1.5\n");
  db_close(db);
}
END_TEST

START_TEST(chains_escape_ids) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('rev \"x\" \\ y', 'F', 'financial'),"
              " ('ä/é', 'C', 'customer');"
              "INSERT INTO links(cause, effect) VALUES ('ä/é', 'rev \"x\" \\ y');");
  ck_assert_str_eq(rows(db, "SELECT nodes, json_valid(nodes), json_extract(nodes, '$[1]') = goal, path"
                            " FROM bsc_chains('ä/é')"),
                   "[\"ä/é\",\"rev \\\"x\\\" \\\\ y\"]|1|1|ä/é > rev \"x\" \\ y\n");
  db_close(db);
}
END_TEST

START_TEST(chains_errors) {
  sqlite3 *db = airline();
  exec_fails(db, "SELECT * FROM bsc_chains('nosuch')",
             "bsc: bsc_chains: start 'nosuch' is neither a process nor an objective of the map in schema 'main'");
  /* a blob is no id, even one whose bytes spell one, and is named as a blob */
  exec_fails(db, "SELECT * FROM bsc_chains(CAST('crm' AS BLOB))",
             "bsc: bsc_chains: start a blob of 3 bytes is neither a process nor an objective of the map in "
             "schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_reach(x'00ff')",
             "bsc: bsc_reach: start a blob of 2 bytes is neither a process nor an objective of the map in "
             "schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_chains('crm', 0)",
             "bsc: bsc_chains: max_length 0 is not a whole number of links from 1, such as 12");
  exec_fails(db, "SELECT * FROM bsc_chains('crm', -3)",
             "bsc: bsc_chains: max_length -3 is not a whole number of links from 1, such as 12");
  exec_fails(db, "SELECT * FROM bsc_chains('crm', 2.5)",
             "bsc: bsc_chains: max_length 2.5 is not a whole number of links from 1, such as 12");
  exec_fails(db, "SELECT * FROM bsc_chains('crm', 'long')",
             "bsc: bsc_chains: max_length 'long' is not a whole number of links from 1, such as 12");
  exec_fails(db, "SELECT * FROM bsc_chains('crm', 12, 'unit_b')",
             NO_SCHEMA("bsc_chains", "unit_b"));
  exec_fails(db, "SELECT * FROM bsc_chains('crm', 12, 'temp')",
             NO_MAP_IN("bsc_chains", "temp"));
  db_close(db);
  db = db_open(":memory:");
  exec_fails(db, "SELECT * FROM bsc_chains",
             NO_MAP("bsc_chains", "main"));
  exec_fails(db, "SELECT * FROM bsc_chains WHERE schema = 'nosuch'",
             NO_SCHEMA("bsc_chains", "nosuch"));
  db_close(db);
}
END_TEST

/* s links to each of ten internal objectives that all link to each other
** and to f: close to a million simple paths within 12 links. */
static sqlite3 *dense_map(int nInner) {
  sqlite3 *db = db_with_map();
  char zSql[512];
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial');"
              "INSERT INTO processes(id, title, cluster) VALUES ('s', 'S', 'operations');");
  snprintf(zSql, sizeof(zSql),
           "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
           " INSERT INTO objectives(id, title, perspective) SELECT 'k' || i, 'K', 'internal' FROM k",
           nInner);
  exec_ok(db, zSql);
  exec_ok(db, "INSERT INTO links(cause, effect) SELECT a.id, b.id FROM objectives a, objectives b"
              " WHERE a.perspective = 'internal' AND b.perspective = 'internal' AND a.id <> b.id;"
              "INSERT INTO links(cause, effect) SELECT id, 'f' FROM objectives WHERE perspective = 'internal';"
              "INSERT INTO links(cause, effect) SELECT 's', id FROM objectives WHERE perspective = 'internal';");
  return db;
}

START_TEST(chains_path_limit) {
  sqlite3 *db = dense_map(10);
  exec_fails(db, "SELECT * FROM bsc_chains('s')",
             "bsc: bsc_chains: more than 100,000 causal paths from 's' within 12 links; give a lower "
             "max_length, such as bsc_chains('s', 6)");
  /* the cap is per start: from every process, the runaway one is named */
  exec_fails(db, "SELECT * FROM bsc_chains",
             "bsc: bsc_chains: more than 100,000 causal paths from 's' within 12 links; "
             "give a lower max_length, such as bsc_chains('s', 6)");
  /* 10 + 10*9 + 10*9*8 + 10*9*8*7 = 5860 paths of at most 5 links */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains('s', 5)"), 5860);
  /* the limit is on the rows that would come out, not on the search */
  exec_fails(db, "SELECT * FROM bsc_chains('s', 7)",
             "bsc: bsc_chains: more than 100,000 causal paths from 's' within 7 links; give a lower "
             "max_length, such as bsc_chains('s', 3)");
  db_close(db);
}
END_TEST

/* More than 100,000 chains of one link each, from 317 processes: the map
** answers, as the cap is per start. The links go straight into the shadow
** table, as 100,489 checked inserts take long under ASan. */
START_TEST(chains_path_limit_at_one_link) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 317)"
              " INSERT INTO processes(id, title, cluster) SELECT 'p' || i, 'P', 'operations' FROM k;"
              "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 317)"
              " INSERT INTO objectives(id, title, perspective) SELECT 'f' || i, 'F', 'financial' FROM k;"
              "INSERT INTO links_data(cause, effect, weight, sign, lag)"
              " SELECT p.id, o.id, 1, 'positive', 0 FROM processes p, objectives o");
  /* 317 x 317 chains: more than 100,000 in all, but the cap is on one
  ** start's (a guard against a runaway part of the map), and rows stream */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains(NULL, 1)"), 317 * 317);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 317 * 317);
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains LIMIT 2"), "p1 > f1\np1 > f10\n");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains('p1', 1)"), 317);
  db_close(db);
}
END_TEST

START_TEST(chains_search_limit) {
  /* Every path into the clique must come back through a to reach f, and
  ** cannot: billions of dead ends, one chain. The search gives up. */
  sqlite3 *db = dense_map(12);
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'customer');"
              "DELETE FROM links WHERE effect = 'f' OR cause = 's';"
              "INSERT INTO links(cause, effect) SELECT id, 'a' FROM objectives WHERE perspective = 'internal';"
              "INSERT INTO links(cause, effect) VALUES ('s', 'a'), ('a', 'f'), ('a', 'k1');");
  exec_fails(db, "SELECT * FROM bsc_chains('s')",
             "bsc: bsc_chains: too many causal paths to search from 's' within 12 links; give a lower "
             "max_length, such as bsc_chains('s', 6)");
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('s', 6)"), "s > a > f\n");
  db_close(db);
}
END_TEST

START_TEST(chains_in_cycles) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial'),"
              " ('a', 'A', 'internal'), ('b', 'B', 'internal'), ('c', 'C', 'customer');"
              "INSERT INTO links(cause, effect) VALUES ('a', 'b'), ('b', 'a'), ('b', 'c'), ('c', 'a'),"
              " ('c', 'f'), ('f', 'c');");
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('a')"), "a > b > c > f\n");
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('c')"), "c > f\n");
  ck_assert_str_eq(rows(db, "SELECT path FROM bsc_chains('f')"), "");
  db_close(db);
}
END_TEST

/* -------------------------------------------------------------- bsc_reach */

START_TEST(reach_down_and_up) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_reach('ground-ops')"),
                   "fast-turn|internal|1|fast-turn\non-time|internal|1|on-time\n"
                   "loyal-customers|customer|2|on-time\nrevenue|financial|3|on-time\n"
                   "profit|financial|4|on-time\n");
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_reach('on-time', 'down')"),
                   "loyal-customers|customer|1|loyal-customers\nrevenue|financial|2|loyal-customers\n"
                   "profit|financial|3|loyal-customers\n");
  /* up: what drives it; processes are no objectives, and are left out */
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_reach('on-time', 'UP')"),
                   "fast-turn|internal|1|fast-turn\nloyal-customers|customer|1|loyal-customers\n"
                   "crew-skills|learning|2|fast-turn\n");
  /* the smallest first hop among the shortest paths */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a-first', 'A', 'internal');"
              "INSERT INTO links(cause, effect) VALUES ('crm', 'a-first'), ('a-first', 'revenue');");
  ck_assert_str_eq(rows(db, "SELECT id, distance, via FROM bsc_reach('crm') WHERE id = 'revenue'"),
                   "revenue|2|a-first\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_reach('safety')"), "0\n");
  ck_assert_str_eq(rows(db, "SELECT DISTINCT start, direction FROM bsc_reach('crm', 'down')"), "crm|down\n");
  db_close(db);
}
END_TEST

START_TEST(reach_errors) {
  sqlite3 *db = airline();
  exec_fails(db, "SELECT * FROM bsc_reach",
             "bsc: bsc_reach: start is missing; name a process or an objective, such as bsc_reach('revenue')");
  exec_fails(db, "SELECT * FROM bsc_reach(NULL)",
             "bsc: bsc_reach: start is missing; name a process or an objective, such as bsc_reach('revenue')");
  exec_fails(db, "SELECT * FROM bsc_reach('nosuch')",
             "bsc: bsc_reach: start 'nosuch' is neither a process nor an objective of the map in schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_reach('crm', 'sideways')",
             "bsc: bsc_reach: direction 'sideways' is neither 'down' (what start drives) nor 'up' "
             "(what drives start)");
  exec_fails(db, "SELECT * FROM bsc_reach('crm', 'down', 'nosuch')",
             NO_SCHEMA("bsc_reach", "nosuch"));
  db_close(db);
}
END_TEST

/* --------------------------------------------------------------- coverage */

START_TEST(clusters_count) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_clusters"),
                   "operations|Operations management|1|2|1|6-12 months|0\n"
                   "customer_management|Customer management|1|0|0|12-24 months|1\n"
                   "innovation|Innovation|0|0|0|24-48 months|1\n"
                   "regulatory_social|Regulatory & social|1|0|0|12-24 months|1\n");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps()"),
                   "[\"customer_management\",\"innovation\",\"regulatory_social\"]");
  /* an internal objective without a cluster counts in every cluster of the
  ** processes linked to it; with one, in its own only */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('shared', 'S', 'internal');"
              "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
              " ('lab', 'L', 'internal', 'innovation');"
              "INSERT INTO links(cause, effect) VALUES ('crm', 'shared'), ('safety', 'shared'),"
              " ('safety', 'lab');"
              "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'shared', 'K'), ('k2', 'shared', 'K');");
  ck_assert_str_eq(rows(db, "SELECT cluster, processes, objectives, kpis, gap FROM bsc_clusters('main')"),
                   "operations|1|2|1|0\ncustomer_management|1|1|2|0\n"
                   "innovation|0|1|0|0\nregulatory_social|1|1|2|0\n");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps('main')"), "[]");
  db_close(db);
}
END_TEST

START_TEST(clusters_errors) {
  sqlite3 *db = db_open(":memory:");
  exec_fails(db, "SELECT bsc_cluster_gaps()",
             NO_MAP("bsc_cluster_gaps", "main"));
  exec_fails(db, "SELECT bsc_cluster_gaps('nosuch')",
             NO_SCHEMA("bsc_cluster_gaps", "nosuch"));
  exec_fails(db, "SELECT * FROM bsc_clusters('nosuch')",
             NO_SCHEMA("bsc_clusters", "nosuch"));
  /* an empty map: four gaps */
  exec_ok(db, "CREATE VIRTUAL TABLE o USING bsc_objectives");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps()"),
                   "[\"operations\",\"customer_management\",\"innovation\",\"regulatory_social\"]");
  ck_assert_str_eq(rows(db, "SELECT sum(gap), count(*) FROM bsc_clusters"), "4|4\n");
  db_close(db);
}
END_TEST

START_TEST(catalog_lists_subprocesses) {
  sqlite3 *db = db_open(":memory:"); /* no map needed */
  ck_assert_str_eq(rows(db, "SELECT cluster, count(*) FROM bsc_catalog GROUP BY cluster ORDER BY min(rowid)"),
                   "operations|4\ncustomer_management|4\ninnovation|4\nregulatory_social|4\n");
  ck_assert_str_eq(rows(db, "SELECT * FROM bsc_catalog WHERE subprocess IN ('supply', 'community')"),
                   "operations|supply|Develop supplier relationships\n"
                   "regulatory_social|community|Community\n");
  db_close(db);
}
END_TEST

/* ---------------------------------------------------------------- checker */

/* The findings of one rule: "severity|subject" lines. */
static const char *findings(sqlite3 *db, const char *zRule) {
  char zSql[256];
  snprintf(zSql, sizeof(zSql),
           "SELECT severity, subject FROM bsc_check WHERE rule = '%s'", zRule);
  return rows(db, zSql);
}

START_TEST(check_airline) {
  sqlite3 *db = airline();
  ck_assert_str_eq(rows(db, "SELECT rule, severity, subject FROM bsc_check"),
                   "cluster_gap|error|customer_management\n"
                   "cluster_gap|error|innovation\n"
                   "cluster_gap|error|regulatory_social\n"
                   "no_financial_path|warning|safety\n"
                   "objective_without_kpi|warning|crew-skills\n"
                   "objective_without_kpi|warning|fast-turn\n"
                   "objective_without_kpi|warning|loyal-customers\n"
                   "objective_without_kpi|warning|profit\n"
                   "kpi_without_target|warning|rev\n"
                   "downward_link|warning|loyal-customers\n"
                   "cycle|warning|loyal-customers\n"
                   "kpi_without_data|info|rev\n"
                   "cluster_imbalance|info|operations\n");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE rule IN ('cluster_gap', 'cycle', 'downward_link')"
                            " AND subject IN ('innovation', 'loyal-customers')"),
                   "cluster innovation (Innovation) has no objectives; add an internal-process objective "
                   "with cluster 'innovation' for one of its sub-processes (Identify opportunities, Manage "
                   "the R&D portfolio, Design and develop, Launch), which pay off in 24-48 months\n"
                   "link 'loyal-customers' > 'on-time' runs down from customer to internal; causes sit "
                   "below their effects (learning > internal > customer > financial): reverse the link or "
                   "correct a perspective\n"
                   "causal cycle loyal-customers > on-time > loyal-customers: each of its nodes ends up "
                   "causing itself; unless it is a deliberate reinforcing loop, remove or reverse the link "
                   "that closes it\n");
  db_close(db);
}
END_TEST

START_TEST(check_perspective_empty) {
  sqlite3 *db = db_with_map();
  ck_assert_str_eq(findings(db, "perspective_empty"),
                   "error|financial\nerror|customer\nerror|internal\nerror|learning\n");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('c', 'C', 'customer')");
  ck_assert_str_eq(findings(db, "perspective_empty"), "error|financial\nerror|internal\nerror|learning\n");
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check WHERE subject = 'learning'"),
                   "perspective learning (Learning & growth) has no objectives; add at least one, so "
                   "that causal chains run from learning & growth up to financial");
  db_close(db);
}
END_TEST

START_TEST(check_no_financial_path) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial'),"
              " ('f2', 'F2', 'financial'), ('c', 'C', 'customer'), ('l', 'L', 'learning');"
              "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations'),"
              " ('q', 'Q', 'operations');"
              "INSERT INTO links(cause, effect) VALUES ('p', 'c'), ('c', 'f'), ('q', 'l');");
  /* financial objectives are goals themselves */
  ck_assert_str_eq(findings(db, "no_financial_path"), "warning|l\nwarning|q\n");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE rule = 'no_financial_path'"),
                   "learning objective 'l' has no causal chain to any financial objective; add a row to "
                   "links from it to an objective it drives\n"
                   "process 'q' has no causal chain to any financial objective; add a row to links from "
                   "it to the objective it serves\n");
  db_close(db);
}
END_TEST

/* A map without links, KPI or measurement tables: the advice says how to
** create the table it asks for a row in. */
START_TEST(check_advice_creates_missing_tables) {
  sqlite3 *db = db_open(":memory:");
  exec_ok(db, "CREATE VIRTUAL TABLE goals USING bsc_objectives;"
              "INSERT INTO goals(id, title, perspective) VALUES ('c', 'C', 'customer')");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE severity = 'warning'"),
                   "customer objective 'c' has no causal chain to any financial objective; add a row to "
                   "a new table links (CREATE VIRTUAL TABLE links USING bsc_links) from it to an objective "
                   "it drives\n"
                   "objective 'c' has no KPI; add a row to a new table kpis (CREATE VIRTUAL TABLE kpis "
                   "USING bsc_kpis) that measures it\n");
  exec_ok(db, "CREATE VIRTUAL TABLE measures USING bsc_kpis;"
              "INSERT INTO measures(id, objective, title) VALUES ('m', 'c', 'M')");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE subject = 'm'"),
                   "KPI 'm' has neither a target nor a per-period target; set measures.target, or a target "
                   "in a new table measurements (CREATE VIRTUAL TABLE measurements USING bsc_measurements) "
                   "for each period\n"
                   "KPI 'm' has no measurement yet; record its actual value in a new table measurements "
                   "(CREATE VIRTUAL TABLE measurements USING bsc_measurements)\n");
  db_close(db);
}
END_TEST

START_TEST(check_kpis) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial'),"
              " ('b', 'B', 'customer');"
              "INSERT INTO kpis(id, objective, title, target) VALUES ('t', 'a', 'T', 5),"
              " ('none', 'a', 'N', NULL), ('per-period', 'a', 'P', NULL), ('only-target', 'a', 'O', NULL);"
              "INSERT INTO measurements(kpi, period, actual, target) VALUES ('t', '2026-01', 4, NULL),"
              " ('per-period', '2026-01', 3, 4), ('only-target', '2026-01', NULL, 4);");
  ck_assert_str_eq(findings(db, "objective_without_kpi"), "warning|b\n");
  ck_assert_str_eq(findings(db, "kpi_without_target"), "warning|none\n");
  ck_assert_str_eq(findings(db, "kpi_without_data"), "info|none\ninfo|only-target\n");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE subject = 'none'"),
                   "KPI 'none' has neither a target nor a per-period target; set kpis.target, or a "
                   "target in measurements for each period\n"
                   "KPI 'none' has no measurement yet; record its actual value in measurements\n");
  /* with no measurements table, no KPI has data */
  exec_ok(db, "DROP TABLE measurements");
  ck_assert_str_eq(findings(db, "kpi_without_target"), "warning|none\nwarning|only-target\nwarning|per-period\n");
  ck_assert_str_eq(rows(db, "SELECT count(*) FROM bsc_check WHERE rule = 'kpi_without_data'"), "4\n");
  db_close(db);
}
END_TEST

START_TEST(check_downward_link) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial'),"
              " ('c', 'C', 'customer'), ('c2', 'C2', 'customer'), ('i', 'I', 'internal'),"
              " ('l', 'L', 'learning');"
              "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations');"
              "INSERT INTO links(cause, effect) VALUES ('l', 'i'), ('i', 'c'), ('c', 'f'), ('f', 'l'),"
              " ('p', 'i'), ('p', 'l'), ('c', 'c2'), ('f', 'c');");
  /* sideways is fine; a process sits in the internal perspective */
  ck_assert_str_eq(findings(db, "downward_link"), "warning|f\nwarning|f\nwarning|p\n");
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE rule = 'downward_link' AND subject = 'p'"),
                   "link 'p' > 'l' runs down from internal to learning; causes sit below their effects "
                   "(learning > internal > customer > financial): link the process to an objective it "
                   "serves instead, or correct that objective's perspective\n");
  /* an objective's link can be reversed; a process's cannot */
  ck_assert_str_eq(rows(db, "SELECT message FROM bsc_check WHERE rule = 'downward_link' AND subject = 'f'"
                            " ORDER BY message LIMIT 1"),
                   "link 'f' > 'c' runs down from financial to customer; causes sit below their effects "
                   "(learning > internal > customer > financial): reverse the link or correct a perspective\n");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('l', 'p')",
             "bsc: links.effect: 'p' is a process, not an objective");
  db_close(db);
}
END_TEST

START_TEST(check_cycles_once_each) {
  sqlite3 *db = db_with_map();
  /* two cycles through b and c (b>c>b, b>c>d>b), one through e alone with a */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'internal'),"
              " ('b', 'B', 'internal'), ('c', 'C', 'internal'), ('d', 'D', 'internal'),"
              " ('e', 'E', 'internal'), ('z', 'Z', 'financial');"
              "INSERT INTO links(cause, effect) VALUES ('c', 'b'), ('b', 'c'), ('c', 'd'), ('d', 'b'),"
              " ('e', 'a'), ('a', 'e'), ('d', 'z');");
  ck_assert_str_eq(rows(db, "SELECT subject, message FROM bsc_check WHERE rule = 'cycle'"),
                   "a|causal cycle a > e > a: each of its nodes ends up causing itself; unless it is a "
                   "deliberate reinforcing loop, remove or reverse the link that closes it\n"
                   "b|causal cycle b > c > b: each of its nodes ends up causing itself; unless it is a "
                   "deliberate reinforcing loop, remove or reverse the link that closes it\n"
                   "b|causal cycle b > c > d > b: each of its nodes ends up causing itself; unless it is "
                   "a deliberate reinforcing loop, remove or reverse the link that closes it\n");
  db_close(db);
}
END_TEST

START_TEST(check_cycles_bounded) {
  sqlite3 *db = dense_map(12); /* a clique of 12: billions of cycles */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE rule = 'cycle' AND subject IS NOT NULL"), 100);
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check WHERE rule = 'cycle' AND subject IS NULL"),
                   "the map has more causal cycles than the 100 listed (the search stopped there); break "
                   "those first, then check again");
  db_close(db);
}
END_TEST

/* One cycle through 2,100 objectives whose ids run in its order: from each
** of them the search walks on to the end of the ring, about two million
** steps in all, and stops. It says so, and does not claim more cycles. */
START_TEST(check_cycles_budget) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 2100)"
              " INSERT INTO objectives(id, title, perspective) SELECT printf('o%04d', i), 'O', 'customer' FROM k;"
              "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 2100)"
              " INSERT INTO links(cause, effect) SELECT printf('o%04d', i), printf('o%04d', i % 2100 + 1) FROM k");
  /* the path of the one cycle, and why the search stopped */
  ck_assert_str_eq(rows(db, "SELECT subject, iif(subject IS NULL, message, length(message) > 15000)"
                            " FROM bsc_check WHERE rule = 'cycle'"),
                   "o0001|1\n"
                   "NULL|the search for causal cycles stopped after the 1 listed: the map has too many causal "
                   "paths to search them all, so there may be more; break those first, then check again\n");
  db_close(db);
}
END_TEST

START_TEST(check_vital_few_and_balance) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 25)"
              " INSERT INTO objectives(id, title, perspective, cluster)"
              " SELECT 'o' || i, 'O', 'internal', CASE WHEN i <= 13 THEN 'operations' ELSE 'innovation' END FROM k");
  ck_assert_str_eq(findings(db, "too_many_objectives"), "");
  ck_assert_str_eq(findings(db, "cluster_imbalance"), "info|operations\n");
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check WHERE rule = 'cluster_imbalance'"),
                   "cluster operations holds 13 of the 25 internal-process objectives; the map leans on "
                   "value that pays off in 6-12 months: weigh it against the other clusters");
  exec_ok(db, "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('o26', 'O', 'internal', 'innovation')");
  /* 13 of 26 is half, not more */
  ck_assert_str_eq(findings(db, "cluster_imbalance"), "");
  ck_assert_str_eq(findings(db, "too_many_objectives"), "info|NULL\n");
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check WHERE rule = 'too_many_objectives'"),
                   "the map has 26 objectives; keep to the vital few (at most 25) rather than the trivial "
                   "many: merge or drop the least strategic");
  db_close(db);
}
END_TEST

START_TEST(check_errors) {
  sqlite3 *db = db_open(":memory:");
  exec_fails(db, "SELECT * FROM bsc_check",
             NO_MAP("bsc_check", "main"));
  exec_fails(db, "SELECT * FROM bsc_check('x')",
             NO_SCHEMA("bsc_check", "x"));
  db_close(db);
}
END_TEST

/* -------------------------------------------------------------------- dot */

START_TEST(dot_draws_the_map) {
  sqlite3 *db = airline();
  const char *z = query_text(db, "SELECT bsc_dot()");
  ck_assert_ptr_nonnull(strstr(z, "digraph strategy_map {\n"));
  ck_assert_ptr_nonnull(strstr(z, "rankdir=BT"));
  /* ranked rows, bottom to top */
  ck_assert_ptr_nonnull(strstr(z, "r3 -> r4 -> r2 -> r1 -> r0 [style=invis];"));
  ck_assert_ptr_nonnull(strstr(z, "r0 [label=\"Financial\""));
  /* node numbers follow the ids: crew-skills n0, crm n1, ... revenue n7 */
  ck_assert_ptr_nonnull(strstr(z, "{ rank=same; r0; n6; n7; }"));
  ck_assert_ptr_nonnull(strstr(z, "n6 [label=\"Increase \\\"profit\\\"\", tooltip=\"profit\""));
  /* processes in their cluster's box, gaps in red */
  ck_assert_ptr_nonnull(strstr(z, "subgraph cluster_operations {\n    label=\"Operations management (6-12 months)\""));
  ck_assert_ptr_nonnull(strstr(z, "label=\"Innovation (24-48 months): no objectives\"; color=\"#cc0000\""));
  ck_assert_ptr_nonnull(strstr(z, "n3 [label=\"Ground operations\", tooltip=\"ground-ops\", fillcolor=\"#ffffff\", shape=ellipse];"));
  /* links, dashed when negative */
  ck_assert_ptr_nonnull(strstr(z, "n3 -> n5 [tooltip=\"weight 0.8\"];"));
  /* loyal-customers > on-time runs down: no part in the ranking */
  ck_assert_ptr_nonnull(strstr(z, "n4 -> n5 [tooltip=\"weight 0.2, negative\", style=dashed, constraint=false];"));
  ck_assert_ptr_nonnull(strstr(z, "}\n"));
  db_close(db);
}
END_TEST

/* An objective is filled with its status's colour; unscored ones grey. */
START_TEST(dot_colours_objectives_by_status) {
  sqlite3 *db = airline();
  /* profit is n6, revenue n7 (node numbers follow the ids) */
  ck_assert_ptr_nonnull(strstr(query_text(db, "SELECT bsc_dot()"), "tooltip=\"profit\", fillcolor=\"#eeeeee\""));
  exec_ok(db, "INSERT INTO kpis(id, objective, title, target, red) VALUES"
              " ('margin', 'profit', 'Margin', 10, 5), ('sales', 'revenue', 'Sales', 100, 80);"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('margin', '2026-09', 12),"
              " ('sales', '2026-09', 70)");
  const char *z = query_text(db, "SELECT bsc_dot()");
  ck_assert_ptr_nonnull(strstr(z, "tooltip=\"profit\", fillcolor=\"#b7e1a1\""));
  ck_assert_ptr_nonnull(strstr(z, "tooltip=\"revenue\", fillcolor=\"#f4a6a6\""));
  exec_ok(db, "UPDATE measurements SET actual = 90 WHERE kpi = 'sales'");
  ck_assert_ptr_nonnull(strstr(query_text(db, "SELECT bsc_dot()"), "tooltip=\"revenue\", fillcolor=\"#ffe08a\""));
  db_close(db);
}
END_TEST

/* Graphviz itself reads what bsc_dot writes (graphviz is in make deps). */
START_TEST(dot_is_valid_graphviz) {
  sqlite3 *db = airline();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('q\"uote\\', 'Back\\slash \"and\" a"
              " title long enough to be wrapped\nover lines', 'customer')");
  const char *zPath = temp_db_path("dot");
  FILE *f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs(query_text(db, "SELECT bsc_dot()"), f);
  fclose(f);
  char zCmd[512];
  snprintf(zCmd, sizeof(zCmd), "dot -Tcanon '%s' >/dev/null 2>&1", zPath);
  ck_assert_int_eq(system(zCmd), 0);
  db_remove_file(zPath);
  ck_assert_ptr_nonnull(strstr(query_text(db, "SELECT bsc_dot()"),
                               "[label=\"Back\\\\slash \\\"and\\\" a title\\nlong enough to be wrapped\\nover lines\", tooltip=\"q\\\"uote\\\\\""));
  exec_fails(db, "SELECT bsc_dot('nosuch')", NO_SCHEMA("bsc_dot", "nosuch"));
  db_close(db);
}
END_TEST

/* The y of node zNode in Graphviz's plain output of zDot (rankdir=BT:
** y grows upward). */
static double dot_y(const char *zDot, const char *zNode) {
  const char *zPath = temp_db_path("rows");
  char zCmd[512], zLine[1024], zName[64];
  double x, y = -1;
  FILE *f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs(zDot, f);
  fclose(f);
  snprintf(zCmd, sizeof(zCmd), "dot -Tplain '%s'", zPath);
  FILE *p = popen(zCmd, "r");
  ck_assert_ptr_nonnull(p);
  while (fgets(zLine, sizeof(zLine), p)) {
    if (sscanf(zLine, "node %63s %lf %lf", zName, &x, &y) == 3 && strcmp(zName, zNode) == 0) break;
    y = -1;
  }
  ck_assert_int_eq(pclose(p), 0);
  db_remove_file(zPath);
  ck_assert_double_ge(y, 0);
  return y;
}

/* Links that run down, a loop among them, leave the rows in their order:
** financial on top, learning & growth at the bottom. */
START_TEST(dot_rows_stay_in_order) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('er', 'ER', 'operations');"
              "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
              " ('budget', 'Budget', 'financial', NULL), ('patients', 'Patients', 'customer', NULL),"
              " ('triage', 'Triage', 'internal', 'operations'), ('staff', 'Staff', 'learning', NULL);"
              "INSERT INTO links(cause, effect) VALUES ('er', 'triage'), ('staff', 'triage'),"
              " ('triage', 'patients'), ('patients', 'budget'), ('budget', 'staff'), ('er', 'staff')");
  char *zDot = sqlite3_mprintf("%s", query_text(db, "SELECT bsc_dot()"));
  /* budget n0, er n1, patients n2, staff n3, triage n4 */
  ck_assert_ptr_nonnull(strstr(zDot, "n0 -> n3 [tooltip=\"weight 1.0\", constraint=false];"));
  ck_assert_ptr_nonnull(strstr(zDot, "n1 -> n3 [tooltip=\"weight 1.0\", constraint=false];"));
  ck_assert_ptr_nonnull(strstr(zDot, "n2 -> n0 [tooltip=\"weight 1.0\"];"));
  double y0 = dot_y(zDot, "r0"), y1 = dot_y(zDot, "r1"), y2 = dot_y(zDot, "r2"), y3 = dot_y(zDot, "r3");
  sqlite3_free(zDot);
  ck_assert_double_gt(y0, y1);
  ck_assert_double_gt(y1, y2);
  ck_assert_double_gt(y2, y3);
  db_close(db);
}
END_TEST

/* ------------------------------------------------- schemas, views, caching */

START_TEST(attached_schema) {
  sqlite3 *db = airline();
  exec_ok(db, "ATTACH ':memory:' AS unit_b;"
              "CREATE VIRTUAL TABLE unit_b.goals USING bsc_objectives;"
              "CREATE VIRTUAL TABLE unit_b.causes USING bsc_links;"
              "INSERT INTO unit_b.goals(id, title, perspective, cluster) VALUES ('x', 'X', 'internal', 'innovation'),"
              " ('cash', 'Cash', 'financial', NULL);"
              "INSERT INTO unit_b.causes(cause, effect, weight) VALUES ('x', 'cash', 2);");
  ck_assert_str_eq(rows(db, "SELECT start, strength, path FROM bsc_chains('x', 12, 'unit_b')"), "x|2.0|x > cash\n");
  ck_assert_str_eq(rows(db, "SELECT id, via FROM bsc_reach('cash', 'up', 'unit_b')"), "x|x\n");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps('unit_b')"),
                   "[\"operations\",\"customer_management\",\"regulatory_social\"]");
  ck_assert_str_eq(rows(db, "SELECT cluster FROM bsc_clusters('unit_b') WHERE gap = 0"), "innovation\n");
  ck_assert_ptr_nonnull(strstr(query_text(db, "SELECT bsc_dot('unit_b')"), "n1 -> n0"));
  /* the checker names the tables of that map in its advice */
  /* advice names tables in their schema: INSERT INTO kpis would write main's */
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check('unit_b') WHERE rule = 'objective_without_kpi'"),
                   "objective 'cash' has no KPI; add a row to a new table unit_b.kpis (CREATE VIRTUAL TABLE "
                   "unit_b.kpis USING bsc_kpis) that measures it");
  exec_ok(db, "INSERT INTO unit_b.goals(id, title, perspective) VALUES ('c', 'C', 'customer')");
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check('unit_b') WHERE rule = 'no_financial_path'"),
                   "customer objective 'c' has no causal chain to any financial objective; add a row to "
                   "unit_b.causes from it to an objective it drives");
  exec_ok(db, "ATTACH ':memory:' AS \"unit c\"");
  exec_fails(db, "SELECT bsc_dot('unit c')",
             "bsc: bsc_dot: schema 'unit c' holds no strategy map; create its tables first (CREATE "
             "VIRTUAL TABLE \"unit c\".objectives USING bsc_objectives, and likewise bsc_processes, "
             "bsc_links, bsc_kpis and bsc_measurements)");
  exec_ok(db, "CREATE VIRTUAL TABLE \"unit c\".\"order\" USING bsc_kpis;"
              "CREATE VIRTUAL TABLE \"unit c\".o USING bsc_objectives;"
              "INSERT INTO \"unit c\".o(id, title, perspective) VALUES ('c', 'C', 'customer');"
              "INSERT INTO \"unit c\".\"order\"(id, objective, title) VALUES ('k', 'c', 'K')");
  ck_assert_str_eq(query_text(db, "SELECT message FROM bsc_check('unit c') WHERE rule = 'kpi_without_target'"),
                   "KPI 'k' has neither a target nor a per-period target; set \"unit c\".\"order\".target, "
                   "or a target in a new table \"unit c\".measurements (CREATE VIRTUAL TABLE \"unit c\"."
                   "measurements USING bsc_measurements) for each period");
  exec_fails(db, "SELECT * FROM bsc_chains('ground-ops', 12, 'unit_b')",
             "bsc: bsc_chains: start 'ground-ops' is neither a process nor an objective of the map in schema 'unit_b'");
  /* main's map is its own */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains('ground-ops', 12, 'main')"), 4);
  exec_ok(db, "DETACH unit_b");
  exec_fails(db, "SELECT * FROM bsc_chains('x', 12, 'unit_b')",
             NO_SCHEMA("bsc_chains", "unit_b"));
  db_close(db);
}
END_TEST

START_TEST(views_with_untrusted_schema) {
  const char *zPath = temp_db_path("views");
  sqlite3 *db = db_open(zPath);
  exec_ok(db, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
              "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
              "CREATE VIRTUAL TABLE links USING bsc_links;"
              "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
              "CREATE VIRTUAL TABLE measurements USING bsc_measurements;");
  exec_ok(db, zAirline);
  exec_ok(db, "CREATE VIEW all_chains AS SELECT * FROM bsc_chains;"
              "CREATE VIEW coverage AS SELECT * FROM bsc_clusters;"
              "CREATE VIEW findings AS SELECT * FROM bsc_check;"
              "CREATE VIEW drivers AS SELECT * FROM bsc_reach('revenue', 'up');"
              "CREATE VIEW picture AS SELECT bsc_dot() AS dot, bsc_cluster_gaps() AS gaps;");
  db_close(db);
  db = db_open(zPath);
  exec_ok(db, "PRAGMA trusted_schema=OFF");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM all_chains"), 6);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM coverage"), 4);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM findings"), 13);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM drivers"), 4);
  ck_assert_str_eq(query_text(db, "SELECT gaps FROM picture"),
                   "[\"customer_management\",\"innovation\",\"regulatory_social\"]");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

START_TEST(cache_sees_own_writes_and_rollbacks) {
  sqlite3 *db = airline();
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 6);
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('safety', 'revenue')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 8);
  /* uncommitted writes are seen, and forgotten on rollback */
  exec_ok(db, "BEGIN; DELETE FROM links WHERE cause = 'crm'");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 6);
  exec_ok(db, "ROLLBACK");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 8);
  exec_ok(db, "BEGIN; SAVEPOINT s1; UPDATE links SET sign = 'negative' WHERE cause = 'crm'");
  ck_assert_str_eq(rows(db, "SELECT strength FROM bsc_chains('crm')"), "-0.3\n-0.3\n");
  exec_ok(db, "ROLLBACK TO s1");
  ck_assert_str_eq(rows(db, "SELECT strength FROM bsc_chains('crm')"), "0.3\n0.3\n");
  exec_ok(db, "COMMIT");
  /* the schema: a dropped table takes its rows out of the map */
  exec_ok(db, "DROP TABLE links");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 0);
  ck_assert_str_eq(findings(db, "perspective_empty"), "");
  exec_ok(db, "DROP TABLE processes; DROP TABLE kpis; DROP TABLE measurements; DROP TABLE objectives");
  exec_fails(db, "SELECT * FROM bsc_clusters",
             NO_MAP("bsc_clusters", "main"));
  db_close(db);
}
END_TEST

static void commits_of_other_connections(const char *zMode) {
  const char *zPath = temp_db_path("other");
  sqlite3 *a = db_open(zPath), *b;
  exec_ok(a, zMode);
  exec_ok(a, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
             "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
             "CREATE VIRTUAL TABLE links USING bsc_links;"
             "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
             "CREATE VIRTUAL TABLE measurements USING bsc_measurements;");
  exec_ok(a, zAirline);
  b = db_open(zPath);
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 6);
  ck_assert_int_eq(query_int(b, "SELECT count(*) FROM bsc_chains"), 6);
  exec_ok(b, "INSERT INTO links(cause, effect) VALUES ('safety', 'revenue')");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 8);
  /* not before the commit */
  exec_ok(b, "BEGIN; DELETE FROM links WHERE cause = 'safety'");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 8);
  exec_ok(b, "COMMIT");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 6);
  ck_assert_str_eq(query_text(a, "SELECT subject FROM bsc_check WHERE rule = 'no_financial_path'"), "safety");
  /* a table another connection creates */
  exec_ok(b, "DROP TABLE links");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 0);
  ck_assert_int_eq(sqlite3_close(b), SQLITE_OK);
  db_close(a);
  db_remove_file(zPath);
}

START_TEST(cache_sees_other_connections) {
  commits_of_other_connections("PRAGMA journal_mode=DELETE");
  commits_of_other_connections("PRAGMA journal_mode=WAL");
}
END_TEST

/* A file with the map tables and one objective, zId, with no KPI. */
static const char *map_file(const char *zTag, const char *zId) {
  const char *zPath = temp_db_path(zTag);
  sqlite3 *db = db_open(zPath);
  char *zSql = sqlite3_mprintf("PRAGMA journal_mode=DELETE;"
                               "CREATE VIRTUAL TABLE processes USING bsc_processes;"
                               "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
                               "CREATE VIRTUAL TABLE links USING bsc_links;"
                               "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
                               "CREATE VIRTUAL TABLE measurements USING bsc_measurements;"
                               "INSERT INTO objectives(id, title, perspective) VALUES (%Q, 'x', 'customer')",
                               zId);
  exec_ok(db, zSql);
  sqlite3_free(zSql);
  db_close(db);
  return zPath;
}

/* Another database attached under a schema name read before is another
** map, though its schema version and data version are those of the first;
** so is the same file attached again after another connection changed it
** (the new file's memory is most likely the old one's). */
START_TEST(cache_sees_a_database_attached_again) {
  /* copies with malloc: db_close counts what SQLite still holds */
  char zOne[256], zTwo[256], zAttach[600];
  snprintf(zOne, sizeof(zOne), "%s", map_file("one", "first"));
  snprintf(zTwo, sizeof(zTwo), "%s", map_file("two", "second"));
  sqlite3 *db = db_open(":memory:"), *other = db_open(zTwo);
  const char *zKpiless = "SELECT group_concat(subject) FROM bsc_check('unit') WHERE rule = 'objective_without_kpi'";
  snprintf(zAttach, sizeof(zAttach), "ATTACH '%s' AS unit", zOne);
  exec_ok(db, zAttach);
  ck_assert_str_eq(query_text(db, zKpiless), "first");
  exec_ok(db, "DETACH unit");
  snprintf(zAttach, sizeof(zAttach), "ATTACH '%s' AS unit", zTwo);
  exec_ok(db, zAttach);
  ck_assert_str_eq(query_text(db, zKpiless), "second");
  ck_assert_str_eq(query_text(db, "SELECT bsc_cluster_gaps('unit') IS NOT NULL"), "1");
  exec_ok(other, "UPDATE objectives SET id = 'renamed' WHERE id = 'second'");
  exec_ok(db, "DETACH unit");
  exec_ok(db, zAttach);
  ck_assert_str_eq(query_text(db, zKpiless), "renamed");
  exec_ok(db, "DETACH unit");
  ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
  db_close(db);
  db_remove_file(zOne);
  db_remove_file(zTwo);
}
END_TEST

/* The graph is read once, and read again only when the map changed. */
START_TEST(cache_reuses_the_graph) {
  sqlite3 *db = airline();
  BscConn *pConn = sqlite3_malloc(sizeof(*pConn));
  memset(pConn, 0, sizeof(*pConn));
  pConn->nRef = 1;
  BscGraph *g1, *g2, *g3, *gB;
  char *zErr = 0;
  exec_ok(db, "ATTACH ':memory:' AS aux; CREATE VIRTUAL TABLE aux.o USING bsc_objectives");
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g1, &zErr), SQLITE_OK);
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g2, &zErr), SQLITE_OK);
  ck_assert_ptr_eq(g1, g2);
  ck_assert_int_eq(g1->nNode, 9);
  ck_assert_int_eq(g1->nEdge, 9);
  bsc_graph_unref(g2);
  /* reading another schema's map leaves this one's in its slot */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_clusters('aux')"), 4);
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g2, &zErr), SQLITE_OK);
  ck_assert_ptr_eq(g1, g2);
  bsc_graph_unref(g2);
  /* a write makes a new one; the old lives on while it is held */
  exec_ok(db, "UPDATE links SET weight = 2 WHERE cause = 'crm'");
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", 0, &g3, &zErr), SQLITE_OK);
  ck_assert_ptr_ne(g1, g3);
  ck_assert_str_eq(g1->aNode[0].zId, "crew-skills");
  bsc_graph_unref(g1);
  bsc_graph_unref(g3);
  sqlite3_value *pAux = 0;
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT 'AUX'", -1, &pStmt, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  pAux = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
  sqlite3_finalize(pStmt);
  ck_assert_int_eq(bsc_graph_get(db, pConn, "test", pAux, &gB, &zErr), SQLITE_OK);
  ck_assert_int_eq(gB->nNode, 0);
  bsc_graph_unref(gB);
  sqlite3_value_free(pAux);
  ck_assert_ptr_null(zErr);
  bsc_conn_unref(pConn);
  db_close(db);
}
END_TEST

/* A cursor keeps reading its own graph while the map changes under it. */
START_TEST(cursor_outlives_a_change) {
  sqlite3 *db = airline();
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT path FROM bsc_chains", -1, &pStmt, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  exec_ok(db, "DELETE FROM links WHERE cause = 'ground-ops'");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 2);
  int n = 1;
  while (sqlite3_step(pStmt) == SQLITE_ROW) n++;
  ck_assert_int_eq(n, 6);
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  db_close(db);
}
END_TEST

Suite *graph_suite(void) {
  Suite *s = suite_create("graph");
  TCase *tc = tcase_create("chains");
  tcase_set_timeout(tc, 60); /* the limits' tests build 100,000 rows, slowly under ASan */
  tcase_add_test(tc, chains_from_one_start);
  tcase_add_test(tc, chains_from_every_process);
  tcase_add_test(tc, chains_start_column);
  tcase_add_test(tc, chains_max_length);
  tcase_add_test(tc, chains_strength_and_sign);
  tcase_add_test(tc, chains_escape_ids);
  tcase_add_test(tc, chains_errors);
  tcase_add_test(tc, chains_path_limit);
  tcase_add_test(tc, chains_path_limit_at_one_link);
  tcase_add_test(tc, chains_search_limit);
  tcase_add_test(tc, chains_in_cycles);
  tcase_add_test(tc, reach_down_and_up);
  tcase_add_test(tc, reach_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("coverage");
  tcase_add_test(tc, clusters_count);
  tcase_add_test(tc, clusters_errors);
  tcase_add_test(tc, catalog_lists_subprocesses);
  suite_add_tcase(s, tc);
  tc = tcase_create("checker");
  tcase_add_test(tc, check_airline);
  tcase_add_test(tc, check_perspective_empty);
  tcase_add_test(tc, check_no_financial_path);
  tcase_add_test(tc, check_kpis);
  tcase_add_test(tc, check_advice_creates_missing_tables);
  tcase_add_test(tc, check_downward_link);
  tcase_add_test(tc, check_cycles_once_each);
  tcase_add_test(tc, check_cycles_bounded);
  tcase_add_test(tc, check_cycles_budget);
  tcase_add_test(tc, check_vital_few_and_balance);
  tcase_add_test(tc, check_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("dot");
  tcase_add_test(tc, dot_draws_the_map);
  tcase_add_test(tc, dot_is_valid_graphviz);
  tcase_add_test(tc, dot_rows_stay_in_order);
  tcase_add_test(tc, dot_colours_objectives_by_status);
  suite_add_tcase(s, tc);
  tc = tcase_create("caching");
  tcase_add_test(tc, attached_schema);
  tcase_add_test(tc, views_with_untrusted_schema);
  tcase_add_test(tc, cache_sees_own_writes_and_rollbacks);
  tcase_add_test(tc, cache_sees_other_connections);
  tcase_add_test(tc, cache_sees_a_database_attached_again);
  tcase_add_test(tc, cache_reuses_the_graph);
  tcase_add_test(tc, cursor_outlives_a_change);
  suite_add_tcase(s, tc);
  return s;
}
