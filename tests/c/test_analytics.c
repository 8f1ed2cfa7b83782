/* Strategy analytics (ext/analytics.c): the vital few, what-if, and the
** evidence for each link. Expected values are worked out by hand in the
** comments, not read back from the functions. */
#include "harness.h"
#include "period.h"

#include <stdio.h>
#include <string.h>

/* A small map with a cycle (q <-> sat) and a negative link:
**
**   a --1--> q --0.8--> sat --0.5--> rev --1--> margin      rev, margin: financial
**   a --0.6, negative--> sat            sat --0.5--> q
**   b --1--> sat                        c: a process with no link
*/
static const char zSmall[] =
    "INSERT INTO processes(id, title, cluster) VALUES"
    " ('a', 'A', 'operations'), ('b', 'B', 'customer_management'), ('c', 'C', 'innovation');"
    "INSERT INTO objectives(id, title, perspective) VALUES"
    " ('rev', 'Revenue', 'financial'), ('margin', 'Margin', 'financial'),"
    " ('sat', 'Satisfaction', 'customer'), ('q', 'Quality', 'internal');"
    "INSERT INTO links(cause, effect, weight, sign) VALUES"
    " ('a', 'q', 1, 'positive'), ('q', 'sat', 0.8, 'positive'), ('sat', 'rev', 0.5, 'positive'),"
    " ('rev', 'margin', 1, 'positive'), ('a', 'sat', 0.6, 'negative'), ('sat', 'q', 0.5, 'positive'),"
    " ('b', 'sat', 1, 'positive');";

static sqlite3 *small_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zSmall);
  return db;
}

/* ---------------------------------------------------------- bsc_vital_few */

START_TEST(vital_few_influence_by_hand) {
  sqlite3 *db = small_map();
  /* a's chains (strength, halved once per link beyond the first):
  **   a > q > sat > rev            1 * 0.8 * 0.5 = 0.4   / 4 =  0.1
  **   a > q > sat > rev > margin   0.4                   / 8 =  0.05
  **   a > sat > rev                -0.6 * 0.5 = -0.3     / 2 = -0.15
  **   a > sat > rev > margin       -0.3                  / 4 = -0.075
  **   (a > sat > q goes nowhere: sat is on the path)    sum:  -0.075
  ** b's: b > sat > rev 0.5 / 2 = 0.25, b > sat > rev > margin 0.5 / 4 = 0.125: 0.375
  ** total of sizes 0.45: b's share 0.375 / 0.45 = 5/6, a's 1/6; b alone
  ** makes 80%, so only b is vital; c has no chain. */
  ck_assert_str_eq(query_rows(db, "SELECT process, cluster, rank, printf('%.6f', influence), goals, paths,"
                                  " shortest, printf('%.6f', share), vital FROM bsc_vital_few"),
                   "b|customer_management|1|0.375000|2|2|2|0.833333|1\n"
                   "a|operations|2|-0.075000|2|4|2|0.166667|0\n"
                   "c|innovation|3|0.000000|0|0|NULL|0.000000|0\n");
  /* paths are bsc_chains' rows from the process */
  ck_assert_str_eq(query_rows(db, "SELECT v.process, v.paths = (SELECT count(*) FROM bsc_chains(v.process))"
                                  " FROM bsc_vital_few v"),
                   "b|1\na|1\nc|1\n");
  /* the influence is the sum over bsc_chains of strength / 2^(length-1) */
  ck_assert_str_eq(query_rows(db, "SELECT v.process FROM bsc_vital_few v WHERE abs(v.influence -"
                                  " (SELECT coalesce(sum(strength / (1 << (length - 1))), 0)"
                                  "  FROM bsc_chains(v.process))) > 1e-12"),
                   "");
  ck_assert_str_eq(query_rows(db, "SELECT typeof(share), sum(share) FROM bsc_vital_few GROUP BY 1"), "real|1.0\n");
  db_close(db);
}
END_TEST

/* Five processes straight to one financial objective: influence = weight. */
static sqlite3 *straight_map(const char *zWeights) {
  char zSql[1024];
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f', 'F', 'financial');");
  snprintf(zSql, sizeof(zSql),
           "WITH w(id, weight) AS (VALUES %s)"
           " INSERT INTO processes(id, title, cluster) SELECT id, id, 'operations' FROM w;"
           "WITH w(id, weight) AS (VALUES %s)"
           " INSERT INTO links(cause, effect, weight) SELECT id, 'f', weight FROM w;",
           zWeights, zWeights);
  exec_ok(db, zSql);
  return db;
}

START_TEST(vital_few_eighty_percent) {
  /* 0.5 + 0.3 is 80% exactly: those two are vital, 0.2 is not */
  sqlite3 *db = straight_map("('p3', 0.2), ('p1', 0.5), ('p2', 0.3)");
  ck_assert_str_eq(query_rows(db, "SELECT process, rank, share, vital FROM bsc_vital_few"),
                   "p1|1|0.5|1\np2|2|0.3|1\np3|3|0.2|0\n");
  db_close(db);
  /* 0.5 + 0.29 falls short: the third is needed to reach 80% */
  db = straight_map("('p3', 0.21), ('p1', 0.5), ('p2', 0.29)");
  ck_assert_str_eq(query_rows(db, "SELECT process, vital FROM bsc_vital_few"), "p1|1\np2|1\np3|1\n");
  db_close(db);
  /* one process holding more than 80% is the vital few alone */
  db = straight_map("('p1', 9), ('p2', 1)");
  ck_assert_str_eq(query_rows(db, "SELECT process, vital FROM bsc_vital_few"), "p1|1\np2|0\n");
  db_close(db);
  /* no influence at all: nobody is vital, every share is 0 */
  db = straight_map("('p1', 0), ('p2', 0)");
  ck_assert_str_eq(query_rows(db, "SELECT process, rank, influence, paths, share, vital FROM bsc_vital_few"),
                   "p1|1|0.0|1|0.0|0\np2|2|0.0|1|0.0|0\n");
  db_close(db);
}
END_TEST

START_TEST(vital_few_ties_by_id) {
  /* equal influence ranks by id, whatever the order of entry; a negative
  ** influence ranks by its size */
  sqlite3 *db = straight_map("('zeta', 0.4), ('mid', 0.1), ('alpha', 0.4)");
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('beta', 'beta', 'operations');"
              "INSERT INTO links(cause, effect, weight, sign) VALUES ('beta', 'f', 0.4, 'negative');");
  ck_assert_str_eq(query_rows(db, "SELECT process, rank, influence FROM bsc_vital_few"),
                   "alpha|1|0.4\nbeta|2|-0.4\nzeta|3|0.4\nmid|4|0.1\n");
  /* rank is the order the rows come in: ORDER BY rank costs nothing */
  ck_assert_str_eq(query_rows(db, "SELECT group_concat(process, ',') FROM (SELECT process FROM bsc_vital_few"
                                  " ORDER BY rank DESC)"),
                   "mid,zeta,beta,alpha\n");
  db_close(db);
}
END_TEST

START_TEST(vital_few_schema_and_errors) {
  sqlite3 *db = small_map();
  exec_ok(db, "ATTACH ':memory:' AS other;"
              "CREATE VIRTUAL TABLE other.processes USING bsc_processes;"
              "CREATE VIRTUAL TABLE other.objectives USING bsc_objectives;"
              "CREATE VIRTUAL TABLE other.links USING bsc_links;"
              "INSERT INTO other.processes(id, title, cluster) VALUES ('x', 'X', 'operations');");
  ck_assert_str_eq(query_rows(db, "SELECT process, influence, schema FROM bsc_vital_few('other')"), "x|0.0|other\n");
  ck_assert_str_eq(query_rows(db, "SELECT DISTINCT schema FROM bsc_vital_few"), "main\n");
  exec_fails(db, "SELECT * FROM bsc_vital_few('nosuch')",
             "bsc: bsc_vital_few: no schema 'nosuch'; name main, temp or an attached database");
  exec_fails(db, "SELECT * FROM bsc_vital_few('temp')",
             "bsc: bsc_vital_few: schema 'temp' holds no strategy map; create its tables first (CREATE "
             "VIRTUAL TABLE temp.objectives USING bsc_objectives, and likewise bsc_processes, "
             "bsc_links, bsc_kpis and bsc_measurements)");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------- bsc_whatif */

START_TEST(whatif_on_a_cycle) {
  sqlite3 *db = small_map();
  /* From q, +1: q > sat passes 1 * 0.8 / 3 (sat has three causes: q, a,
  ** b) = 0.266667; sat > rev 0.5 / 1 = 0.133333; rev > margin the same;
  ** sat > q stops, q being on the path. q itself is not a row. */
  ck_assert_str_eq(query_rows(db, "SELECT id, perspective, printf('%.6f', delta), via FROM bsc_whatif('q', 1)"),
                   "margin|financial|0.133333|q > sat > rev > margin\n"
                   "rev|financial|0.133333|q > sat > rev\n"
                   "sat|customer|0.266667|q > sat\n");
  /* From sat, -2: sat > q passes -2 * 0.5 / 2 (q has causes a, sat) = -0.5 */
  ck_assert_str_eq(query_rows(db, "SELECT id, printf('%.6f', delta), via FROM bsc_whatif('sat', -2)"),
                   "margin|-1.000000|sat > rev > margin\n"
                   "rev|-1.000000|sat > rev\n"
                   "q|-0.500000|sat > q\n");
  /* From a, +1, two ways round the cycle, added up:
  **   q:   a > q 1/2 = 0.5;  a > sat > q (-0.6/3) * 0.5/2 = -0.05     -> 0.45
  **   sat: a > q > sat 0.5 * 0.8/3 = 0.133333;  a > sat -0.6/3 = -0.2 -> -0.066667
  **   rev: 0.133333 * 0.5 = 0.066667;  -0.2 * 0.5 = -0.1            -> -0.033333
  ** via: the path that carries the most (a > sat's 0.2 beats 0.133333) */
  ck_assert_str_eq(query_rows(db, "SELECT id, printf('%.6f', delta), via FROM bsc_whatif('a', 1)"),
                   "margin|-0.033333|a > sat > rev > margin\n"
                   "rev|-0.033333|a > sat > rev\n"
                   "sat|-0.066667|a > sat\n"
                   "q|0.450000|a > q\n");
  /* the hidden columns show the arguments */
  ck_assert_str_eq(query_rows(db, "SELECT DISTINCT node, node_delta, schema FROM bsc_whatif('b', 2.5)"),
                   "b|2.5|main\n");
  /* a financial objective at the top changes nothing further up */
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_whatif('margin', 1)"), "0\n");
  /* a join asks one node per row */
  ck_assert_str_eq(query_rows(db, "SELECT p.id, count(w.id) FROM processes p LEFT JOIN bsc_whatif(p.id, 1) w"
                                  " GROUP BY p.id ORDER BY p.id"),
                   "a|4\nb|4\nc|0\n");
  db_close(db);
}
END_TEST

START_TEST(whatif_from_an_initiative) {
  /* the small map with an initiative i: i --0.5--> q, i --2, negative--> rev;
  ** q now has three causes (a, sat, i), rev two (sat, i) */
  sqlite3 *db = small_map();
  exec_ok(db, "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "INSERT INTO initiatives(id, title, status) VALUES ('i', 'I', 'active');"
              "INSERT INTO links(cause, effect, weight, sign) VALUES ('i', 'q', 0.5, 'positive'),"
              " ('i', 'rev', 2, 'negative');");
  /* From i, +1:
  **   i > q                    1 * 0.5 / 3  =  0.166667           q:      0.166667
  **   i > q > sat              * 0.8 / 3    =  0.044444           sat:    0.044444
  **   i > q > sat > rev        * 0.5 / 2    =  0.011111
  **   i > rev                  1 * -2 / 2   = -1                  rev:   -0.988889
  **   margin (one cause) takes each of rev's in full:             margin: -0.988889
  ** via: i > rev carries 1, more than 0.011111 */
  ck_assert_str_eq(query_rows(db, "SELECT id, perspective, printf('%.6f', delta), via FROM bsc_whatif('i', 1)"),
                   "margin|financial|-0.988889|i > rev > margin\n"
                   "rev|financial|-0.988889|i > rev\n"
                   "sat|customer|0.044444|i > q > sat\n"
                   "q|internal|0.166667|i > q\n");
  /* From the process a, +1, with i among the causes:
  **   a > q                    1 / 3             =  0.333333
  **   a > q > sat              * 0.8 / 3         =  0.088889
  **   a > q > sat > rev        * 0.5 / 2         =  0.022222
  **   a > sat                  -0.6 / 3          = -0.2
  **   a > sat > q              * 0.5 / 3         = -0.033333
  **   a > sat > rev            * 0.5 / 2         = -0.05
  ** q 0.3, sat -0.111111, rev and margin -0.027778; i, a cause only, is
  ** never reached */
  ck_assert_str_eq(query_rows(db, "SELECT id, printf('%.6f', delta), via FROM bsc_whatif('a', 1)"),
                   "margin|-0.027778|a > sat > rev > margin\n"
                   "rev|-0.027778|a > sat > rev\n"
                   "sat|-0.111111|a > sat\n"
                   "q|0.300000|a > q\n");
  /* the vital few rank processes only */
  ck_assert_str_eq(query_rows(db, "SELECT group_concat(process, ',') FROM bsc_vital_few"), "b,a,c\n");
  db_close(db);
}
END_TEST

START_TEST(whatif_equal_paths_keep_the_shorter) {
  /* s > x > t and s > t carry the same: via is the shorter path */
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('s', 'S', 'operations');"
              "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'X', 'internal'),"
              " ('t', 'T', 'financial');"
              "INSERT INTO links(cause, effect, weight) VALUES ('s', 'x', 1), ('x', 't', 1), ('s', 't', 1);");
  ck_assert_str_eq(query_rows(db, "SELECT id, delta, via FROM bsc_whatif('s', 4)"), "t|4.0|s > t\nx|4.0|s > x\n");
  db_close(db);
}
END_TEST

START_TEST(whatif_errors) {
  sqlite3 *db = small_map();
  exec_fails(db, "SELECT * FROM bsc_whatif",
             "bsc: bsc_whatif: node is missing; name a process or an objective, such as bsc_whatif('on_time', 1)");
  exec_fails(db, "SELECT * FROM bsc_whatif('a')",
             "bsc: bsc_whatif: delta is missing; give the change in score points, such as bsc_whatif('on_time', 1)");
  exec_fails(db, "SELECT * FROM bsc_whatif('a', 'much')",
             "bsc: bsc_whatif: delta 'much' is not a number of score points, such as 1 or -0.5");
  exec_fails(db, "SELECT * FROM bsc_whatif('a', 9e999)",
             "bsc: bsc_whatif: delta Inf is not a number of score points, such as 1 or -0.5");
  exec_fails(db, "SELECT * FROM bsc_whatif('nosuch', 1)",
             "bsc: bsc_whatif: node 'nosuch' is neither a process nor an objective of the map in schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_whatif(x'61', 1)",
             "bsc: bsc_whatif: node a blob of 1 byte is neither a process nor an objective of the map in schema 'main'");
  exec_fails(db, "SELECT * FROM bsc_whatif('a', 1, 'nosuch')",
             "bsc: bsc_whatif: no schema 'nosuch'; name main, temp or an attached database");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------ bsc_link_evidence */

/* With target 100 and red 50 (polarity higher) the score of an actual a in
** 0..150 is a / 15: actuals 15 * x give scores x. */
static sqlite3 *evidence_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO processes(id, title, cluster) VALUES ('p', 'P', 'operations');"
              "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'X', 'internal'),"
              " ('y', 'Y', 'customer'), ('z', 'Z', 'financial'), ('flat', 'Flat', 'customer');"
              "INSERT INTO links(cause, effect, sign, lag) VALUES ('x', 'y', 'positive', 0),"
              " ('x', 'z', 'negative', 1), ('p', 'x', 'positive', 0), ('x', 'flat', 'positive', 0);"
              "INSERT INTO kpis(id, objective, title, target, red) VALUES ('kx', 'x', 'KX', 100, 50),"
              " ('ky', 'y', 'KY', 100, 50), ('kz', 'z', 'KZ', 100, 50), ('kf', 'flat', 'KF', 100, 50);");
  /* x: 1..8 in 2026-01..08; y: 2,1,4,3,6,5,8,7; z at the next month: the
  ** same, reversed (9 - y); flat: 5 every month */
  exec_ok(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8)"
              " INSERT INTO measurements(kpi, period, actual)"
              " SELECT 'kx', printf('2026-%02d', i), 15 * i FROM n UNION ALL"
              " SELECT 'ky', printf('2026-%02d', i), 15 * (i + CASE i % 2 WHEN 1 THEN 1 ELSE -1 END) FROM n"
              " UNION ALL"
              " SELECT 'kz', printf('2026-%02d', i + 1), 15 * (9 - (i + CASE i % 2 WHEN 1 THEN 1 ELSE -1 END))"
              " FROM n UNION ALL SELECT 'kf', printf('2026-%02d', i), 75 FROM n;");
  return db;
}

START_TEST(evidence_by_hand) {
  sqlite3 *db = evidence_map();
  /* x = 1..8, y = 2,1,4,3,6,5,8,7: both have mean 4.5 and sum of squared
  ** deviations 42; the products of deviations add up to 38: r = 38/42 =
  ** 19/21 = 0.904762. 8 pairs, positive as declared: supported. At lag 1,
  ** 7 pairs: too few for best_lag, so only lag 0 counts. */
  ck_assert_str_eq(query_rows(db, "SELECT cause, effect, declared_sign, lag, pairs, printf('%.6f', correlation),"
                                  " best_lag, printf('%.6f', best_correlation), verdict, frequency"
                                  " FROM bsc_link_evidence WHERE effect = 'y'"),
                   "x|y|positive|0|8|0.904762|0|0.904762|supported|month\n");
  /* z in the month after: at lag 1 the pairs are x = 1..8 against 9 - y:
  ** r = -19/21, negative as declared: supported; best_lag needs 8 pairs,
  ** which lag 0 (7 pairs, z starting in February) lacks but lag 1 has */
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation), best_lag, verdict"
                                  " FROM bsc_link_evidence WHERE effect = 'z'"),
                   "8|-0.904762|1|supported\n");
  /* a side that does not vary has no correlation: weak, not an error */
  ck_assert_str_eq(query_rows(db, "SELECT pairs, correlation, best_lag, verdict FROM bsc_link_evidence"
                                  " WHERE effect = 'flat'"),
                   "8|NULL|NULL|weak\n");
  /* the process's series is x's (the only objective it causes): r = 1 */
  ck_assert_str_eq(query_rows(db, "SELECT pairs, correlation, verdict FROM bsc_link_evidence WHERE cause = 'p'"),
                   "8|1.0|supported\n");
  /* turning the link's sign turns the verdict */
  exec_ok(db, "UPDATE links SET sign = 'negative' WHERE cause = 'x' AND effect = 'y'");
  ck_assert_str_eq(query_rows(db, "SELECT verdict, best_lag FROM bsc_link_evidence WHERE effect = 'y'"),
                   "contradicted|NULL\n");
  /* a missing month is left out, not read as 0: r over the 7 others */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'ky' AND period = '2026-08'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, verdict FROM bsc_link_evidence WHERE effect = 'y'"),
                   "7|insufficient data\n");
  db_close(db);
}
END_TEST

START_TEST(evidence_coarser_side) {
  /* x monthly, y quarterly: the series run monthly; each quarter counts
  ** once, at its third month, never in the two before */
  sqlite3 *db = evidence_map();
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'ky';"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('ky', '2026-Q1', 30), ('ky', '2026-Q2', 75),"
              " ('ky', '2026-Q3', 120);");
  /* pairs at 2026-03 (x 3, y 2) and 2026-06 (x 6, y 5); Q3 ends after x's data */
  ck_assert_str_eq(query_rows(db, "SELECT pairs, correlation, frequency, verdict FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "2|1.0|month|insufficient data\n");
  /* a lag counts months: at lag 1, x in 2026-02, 05 and 08 meet Q1, Q2, Q3 */
  exec_ok(db, "UPDATE links SET lag = 1 WHERE cause = 'x' AND effect = 'y'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, correlation FROM bsc_link_evidence WHERE effect = 'y'"), "3|1.0\n");
  /* both quarterly: the series run quarterly, and the lag of 1 is a
  ** quarter: x 3, 4, 6 (2025-Q4 .. 2026-Q2) against y 2, 5, 8 (2026-Q1 ..
  ** Q3); deviations -4/3, -1/3, 5/3 and -3, 0, 3: r = 9 / sqrt(14/3 * 18)
  ** = 9 / sqrt(84) = 0.981981 */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'kx';"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('kx', '2025-Q4', 45), ('kx', '2026-Q1', 60),"
              " ('kx', '2026-Q2', 90);");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation), frequency FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "3|0.981981|quarter\n");
  db_close(db);
}
END_TEST

START_TEST(evidence_gaps_are_left_out) {
  sqlite3 *db = evidence_map();
  /* x without March, y without May: the pairs are the months both have,
  ** 1, 2, 4, 6, 7, 8: x 1, 2, 4, 6, 7, 8 against y 2, 1, 3, 5, 8, 7. Means
  ** 14/3 and 13/3; the sums of squared deviations are both 118/3 and the
  ** sum of products 110/3: r = 55/59 = 0.932203. (Read as 0, the missing
  ** months would make 8 pairs and r = 0.599.) */
  exec_ok(db, "DELETE FROM measurements WHERE (kpi = 'kx' AND period = '2026-03') OR"
              " (kpi = 'ky' AND period = '2026-05')");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation), verdict FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "6|0.932203|insufficient data\n");
  /* a month whose measurement has no actual is missing too */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual, target) VALUES ('ky', '2026-05', NULL, 90)");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation) FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "6|0.932203\n");
  /* an initiative's series, as a process's, is the mean of what it drives:
  ** i drives x and y, whose mean against z a month later */
  exec_ok(db, "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "INSERT INTO initiatives(id, title, status) VALUES ('i', 'I', 'active');"
              "INSERT INTO links(cause, effect) VALUES ('i', 'x'), ('i', 'y');");
  /* i by month: 1.5 (x 1, y 2), 1.5, 4 (y alone), 3.5, 5 (x alone), 5.5,
  ** 7.5, 7.5; against x over x's 7 months, and against y over y's: both
  ** r = 0.982641 (statistics.correlation) */
  ck_assert_str_eq(query_rows(db, "SELECT effect, pairs, printf('%.6f', correlation) FROM bsc_link_evidence"
                                  " WHERE cause = 'i'"),
                   "x|7|0.982641\ny|7|0.982641\n");
  db_close(db);
}
END_TEST

START_TEST(evidence_leaves_carried_values_out) {
  /* y gains a quarterly KPI kq beside its monthly ky; with the setting
  ** finer_periods 'latest' the scorecard shows kq's latest quarter in
  ** every month, but a value carried forward is no new observation: y's
  ** series stays ky's, and r stays 19/21 */
  sqlite3 *db = evidence_map();
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "INSERT INTO kpis(id, objective, title, target, red, frequency) VALUES ('kq', 'y', 'KQ', 100, 50,"
              " 'quarter');"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('kq', '2025-Q4', 150), ('kq', '2026-Q1', 0),"
              " ('kq', '2026-Q2', 150);");
  const char *zY = "SELECT pairs, printf('%.6f', correlation) FROM bsc_link_evidence WHERE effect = 'y'";
  ck_assert_str_eq(query_rows(db, zY), "8|0.904762\n");
  exec_ok(db, "INSERT INTO settings(key, value) VALUES ('finer_periods', 'latest')");
  /* February: ky 1, kq's 2025-Q4 10: the scorecard's mean 5.5 */
  ck_assert_str_eq(query_rows(db, "SELECT score FROM bsc_objective_scores('2026-02') WHERE objective = 'y'"),
                   "5.5\n");
  ck_assert_str_eq(query_rows(db, zY), "8|0.904762\n");
  /* a quarter's own score still counts once, where the series runs quarterly */
  exec_ok(db, "UPDATE kpis SET frequency = 'quarter' WHERE id IN ('kx', 'ky')");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, frequency FROM bsc_link_evidence WHERE effect = 'y'"),
                   "3|quarter\n");
  db_close(db);
}
END_TEST

START_TEST(evidence_in_fiscal_quarters) {
  /* a fiscal year from February: FY2027 runs from 2026-02 to 2027-01, its
  ** Q1 is February to April, Q2 May to July; FY2026-Q4 is November 2025
  ** to January 2026 */
  sqlite3 *db = evidence_map();
  exec_ok(db, "CREATE VIRTUAL TABLE settings USING bsc_settings;"
              "INSERT INTO settings(key, value) VALUES ('fiscal_year_start', 2);"
              "UPDATE kpis SET frequency = 'quarter' WHERE id = 'ky';"
              "DELETE FROM measurements WHERE kpi = 'ky';"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('ky', 'FY2026-Q4', 30), ('ky', 'FY2027-Q1', 120),"
              " ('ky', 'FY2027-Q2', 75);");
  /* monthly against fiscal quarters: each quarter counts once, at its last
  ** month: y 2, 8, 5 at 2026-01, 04 and 07, where x is 1, 4, 7; deviations
  ** -3, 0, 3 and -3, 3, 0: r = 9 / 18 = 0.5 */
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation), frequency FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "3|0.500000|month\n");
  /* x declared quarterly too: its months are scored per fiscal quarter
  ** (kx keeps the last of them: 1 in FY2026-Q4, 4, 7, and 8 from August
  ** alone in FY2027-Q3), and the lag of 1 is a quarter: x 1, 4 against
  ** y 8, 5; r = -1 */
  exec_ok(db, "UPDATE kpis SET frequency = 'quarter' WHERE id = 'kx';"
              "UPDATE links SET lag = 1 WHERE cause = 'x' AND effect = 'y'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, correlation, frequency FROM bsc_link_evidence WHERE effect = 'y'"),
                   "2|-1.0|quarter\n");
  /* the bounds may be fiscal: FY2027 leaves FY2026-Q4 out */
  exec_ok(db, "UPDATE links SET lag = 0 WHERE cause = 'x' AND effect = 'y'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, period_from, period_to FROM bsc_link_evidence('fy2027', 'FY2027')"
                                  " WHERE effect = 'y'"),
                   "2|FY2027|FY2027\n");
  ck_assert_str_eq(query_rows(db, "SELECT pairs FROM bsc_link_evidence(NULL, 'FY2027-Q1') WHERE effect = 'y'"),
                   "2\n");
  exec_fails(db, "SELECT * FROM bsc_link_evidence('FY2027-Q5')",
             "bsc: bsc_link_evidence: period_from 'FY2027-Q5' is not a period; use 2026, 2026-H2, 2026-Q3, "
             "2026-09, 2026-09-30 or 2026-W38");
  exec_fails(db, "SELECT * FROM bsc_link_evidence('FY2027', '2026-01')",
             "bsc: bsc_link_evidence: period_from 'FY2027' starts after period_to '2026-01' ends");
  exec_ok(db, "DELETE FROM measurements WHERE period LIKE 'FY%'; DELETE FROM settings");
  exec_fails(db, "SELECT * FROM bsc_link_evidence('FY2027')",
             "bsc: bsc_link_evidence: period_from 'FY2027' is a fiscal period and the map in schema 'main' has no "
             "fiscal year; set fiscal_year_start in settings first (4 for a year from April)");
  db_close(db);
}
END_TEST

START_TEST(evidence_errors) {
  sqlite3 *db = evidence_map();
  exec_fails(db, "SELECT * FROM bsc_link_evidence('ytd:2026-03')",
             "bsc: bsc_link_evidence: period_from 'ytd:2026-03' is not a period; use 2026, 2026-H2, 2026-Q3, "
             "2026-09, 2026-09-30 or 2026-W38");
  exec_fails(db, "SELECT * FROM bsc_link_evidence('2026-W10', '2026-02-28')",
             "bsc: bsc_link_evidence: period_from '2026-W10' starts after period_to '2026-02-28' ends");
  exec_fails(db, "SELECT * FROM bsc_link_evidence(NULL, NULL, 'temp')",
             "bsc: bsc_link_evidence: schema 'temp' holds no strategy map; create its tables first (CREATE "
             "VIRTUAL TABLE temp.objectives USING bsc_objectives, and likewise bsc_processes, "
             "bsc_links, bsc_kpis and bsc_measurements)");
  db_close(db);
}
END_TEST


/* The graph's read of the links; link evidence's of an objective's measurements. */
#define LINK_READ "SELECT cause, effect, weight, sign, lag FROM"
#define SCORE_READ "SELECT m.kpi, k.frequency, m.period FROM"

/* Counts the runs of the graph's reads of the links: [0] all of them,
** [1] the rows a write named (the graph patched, graph.c). */
static int count_link_reads(unsigned type, void *pArg, void *pStmt, void *pX) {
  (void)pX;
  const char *zSql = type == SQLITE_TRACE_STMT ? sqlite3_sql(pStmt) : 0;
  if (zSql && strncmp(zSql, LINK_READ, strlen(LINK_READ)) == 0) ++((int *)pArg)[strstr(zSql, " WHERE ") != 0];
  return 0;
}

/* A measurement written leaves the cached graph as it is: the three
** functions read it once, and link evidence still sees the new score. */
START_TEST(measurement_write_keeps_the_graph) {
  sqlite3 *db = evidence_map();
  int aRead[2] = {0, 0}; /* the graph's whole reads of the links, and its reads of rows written */
  ck_assert_str_eq(query_rows(db, "SELECT pairs FROM bsc_link_evidence WHERE effect = 'y'"), "8\n");
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_link_reads, aRead);
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('kx', '2026-09', 135),"
              " ('ky', '2026-09', 120)");
  ck_assert_str_eq(query_rows(db, "SELECT pairs FROM bsc_link_evidence WHERE effect = 'y'"), "9\n");
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_vital_few"), "1\n");
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_whatif('p', 1)"), "4\n");
  ck_assert_int_eq(aRead[0], 0);
  /* a measurement updated or deleted: the same */
  exec_ok(db, "UPDATE measurements SET actual = 30 WHERE kpi = 'ky' AND period = '2026-09';"
              "DELETE FROM measurements WHERE kpi = 'kx' AND period = '2026-01'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs FROM bsc_link_evidence WHERE effect = 'y'"), "8\n");
  ck_assert_str_eq(query_rows(db, "SELECT process, paths FROM bsc_vital_few"), "p|1\n");
  ck_assert_int_eq(aRead[0], 0);
  /* a link written: the graph reads that row again, not all of them, for each of the three */
  exec_ok(db, "UPDATE links SET lag = 1 WHERE cause = 'x' AND effect = 'y'");
  ck_assert_str_eq(query_rows(db, "SELECT lag, pairs FROM bsc_link_evidence WHERE effect = 'y'"), "1|7\n");
  ck_assert_int_eq(aRead[0], 0);
  ck_assert_int_gt(aRead[1], 0);
  /* p > x > z was its one chain; p > y > z and p > x > y > z join it */
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('p', 'y'), ('y', 'z')");
  ck_assert_str_eq(query_rows(db, "SELECT process, paths FROM bsc_vital_few"), "p|3\n");
  ck_assert_int_eq(aRead[0], 0);
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_whatif('p', 1)"), "4\n");
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_link_evidence WHERE cause = 'p'"), "2\n");
  ck_assert_int_eq(aRead[0], 0);
  exec_ok(db, "DELETE FROM links WHERE cause = 'p' AND effect = 'x'");
  ck_assert_str_eq(query_rows(db, "SELECT id, via FROM bsc_whatif('p', 1)"), "z|p > y > z\ny|p > y\n");
  ck_assert_int_eq(aRead[0], 0);
  /* a link written and rolled back: the graph before it, read anew (the
  ** graph followed the write, and no write explains the stamps now) */
  exec_ok(db, "BEGIN; INSERT INTO links(cause, effect) VALUES ('p', 'x');");
  ck_assert_str_eq(query_rows(db, "SELECT paths FROM bsc_vital_few"), "3\n");
  exec_ok(db, "ROLLBACK");
  ck_assert_str_eq(query_rows(db, "SELECT paths FROM bsc_vital_few"), "1\n");
  ck_assert_int_eq(aRead[0], 1);
  sqlite3_trace_v2(db, 0, 0, 0);
  db_close(db);
}
END_TEST

START_TEST(whatif_search_limit) {
  /* a clique of eleven has some 10! simple paths from its entry: past
  ** the step budget, an error, never a partial answer */
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('s', 'S', 'learning');"
              "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 11)"
              " INSERT INTO objectives(id, title, perspective) SELECT 'k' || i, 'K', 'internal' FROM k;"
              "INSERT INTO links(cause, effect) SELECT a.id, b.id FROM objectives a, objectives b"
              " WHERE a.perspective = 'internal' AND b.perspective = 'internal' AND a.id <> b.id;"
              "INSERT INTO links(cause, effect) SELECT 's', id FROM objectives WHERE perspective = 'internal';");
  exec_fails(db, "SELECT * FROM bsc_whatif('s', 1)",
             "bsc: bsc_whatif: too many causal paths to follow from 's' in the map of schema 'main'");
  /* from a node with few paths onward it answers */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('top', 'T', 'financial');"
              "INSERT INTO objectives(id, title, perspective) VALUES ('mid', 'M', 'customer');"
              "INSERT INTO links(cause, effect) VALUES ('mid', 'top');");
  ck_assert_str_eq(query_rows(db, "SELECT id, delta, via FROM bsc_whatif('mid', 1)"), "top|1.0|mid > top\n");
  db_close(db);
}
END_TEST

/* The period of a kind that holds a day: what link evidence scores a
** finer measurement in. */
static const char *of_day(BscPeriodKind kind, const char *zDay) {
  static char out[BSC_PERIOD_MAX];
  BscPeriod d, p;
  ck_assert(bsc_period_parse(zDay, &d, 0));
  bsc_period_of_day(kind, d.first, &p);
  ck_assert(bsc_period_contains(&p, &d));
  bsc_period_format(&p, out);
  return out;
}

START_TEST(period_of_a_day) {
  ck_assert_str_eq(of_day(BSC_PERIOD_YEAR, "2026-09-30"), "2026");
  ck_assert_str_eq(of_day(BSC_PERIOD_HALF, "2026-06-30"), "2026-H1");
  ck_assert_str_eq(of_day(BSC_PERIOD_HALF, "2026-07-01"), "2026-H2");
  ck_assert_str_eq(of_day(BSC_PERIOD_QUARTER, "2026-09-30"), "2026-Q3");
  ck_assert_str_eq(of_day(BSC_PERIOD_QUARTER, "2026-10-01"), "2026-Q4");
  ck_assert_str_eq(of_day(BSC_PERIOD_MONTH, "2024-02-29"), "2024-02");
  ck_assert_str_eq(of_day(BSC_PERIOD_DAY, "2026-03-15"), "2026-03-15");
  /* ISO weeks: 2026-01-01 is a Thursday, in 2026-W01; 2027-01-01 a Friday,
  ** in 2026-W53; 2024-12-30 a Monday, in 2025-W01 */
  ck_assert_str_eq(of_day(BSC_PERIOD_WEEK, "2026-01-01"), "2026-W01");
  ck_assert_str_eq(of_day(BSC_PERIOD_WEEK, "2027-01-01"), "2026-W53");
  ck_assert_str_eq(of_day(BSC_PERIOD_WEEK, "2024-12-30"), "2025-W01");
  ck_assert_str_eq(of_day(BSC_PERIOD_WEEK, "2026-03-15"), "2026-W11");
}
END_TEST

START_TEST(evidence_follows_declared_frequency) {
  sqlite3 *db = evidence_map();
  /* y measured weekly instead (a week mid-month, its Thursday inside):
  ** declared monthly, y is read per month, the weeks aggregated into their
  ** months by the scorecard (ky's aggregation is last); r stays 19/21 */
  exec_ok(db, "DELETE FROM measurements WHERE kpi = 'ky';"
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8)"
              " INSERT INTO measurements(kpi, period, actual)"
              " SELECT 'ky', printf('2026-W%02d', CAST((30.4 * (i - 1) + 14) / 7 AS INTEGER) + 1),"
              "  15 * (i + CASE i % 2 WHEN 1 THEN 1 ELSE -1 END) FROM n;");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, printf('%.6f', correlation), frequency FROM bsc_link_evidence"
                                  " WHERE effect = 'y'"),
                   "8|0.904762|month\n");
  /* one stray daily measurement of a monthly KPI does not turn its series daily */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('kx', '2026-09-15', 60)");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, frequency FROM bsc_link_evidence WHERE effect = 'y'"), "8|month\n");
  /* declared weekly, y runs weekly: x's months count at their last week */
  exec_ok(db, "UPDATE kpis SET frequency = 'week' WHERE id = 'ky'");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, frequency FROM bsc_link_evidence WHERE effect = 'y'"), "0|week\n");
  /* declared quarterly, x's months are read per quarter */
  exec_ok(db, "UPDATE kpis SET frequency = 'quarter' WHERE id IN ('kx', 'ky')");
  ck_assert_str_eq(query_rows(db, "SELECT pairs, frequency FROM bsc_link_evidence WHERE effect = 'y'"),
                   "3|quarter\n");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------ streaming */

/* A big map: 1000 processes, each driving one of 100 internal objectives;
** each internal objective drives two of 20 customer objectives, each
** customer objective both financial ones. Every objective has a KPI with
** twelve months of data. */
static sqlite3 *big_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)"
              " INSERT INTO processes(id, title, cluster) SELECT printf('p%04d', i), 'P', 'operations' FROM n;"
              "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99)"
              " INSERT INTO objectives(id, title, perspective) SELECT printf('i%03d', i), 'I', 'internal' FROM n;"
              "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)"
              " INSERT INTO objectives(id, title, perspective) SELECT printf('c%02d', i), 'C', 'customer' FROM n;"
              "INSERT INTO objectives(id, title, perspective) VALUES ('f0', 'F', 'financial'), ('f1', 'F', 'financial');"
              "INSERT INTO links(cause, effect, weight)"
              " SELECT id, printf('i%03d', CAST(substr(id, 2) AS INTEGER) % 100), 0.5 FROM processes;"
              "INSERT INTO links(cause, effect, weight)"
              " SELECT id, printf('c%02d', (CAST(substr(id, 2) AS INTEGER) + k) % 20), 0.5"
              " FROM objectives, (SELECT 0 AS k UNION ALL SELECT 7) WHERE perspective = 'internal';"
              "INSERT INTO links(cause, effect, weight) SELECT c.id, f.id, 0.5 FROM objectives c, objectives f"
              " WHERE c.perspective = 'customer' AND f.perspective = 'financial';"
              "INSERT INTO kpis(id, objective, title, target, red) SELECT 'k' || id, id, 'K', 100, 50 FROM objectives;"
              "WITH RECURSIVE m(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM m WHERE i < 12)"
              " INSERT INTO measurements(kpi, period, actual)"
              " SELECT k.id, printf('2026-%02d', m.i), 60 + (length(k.id) * 7 + m.i * 13) % 50 FROM kpis k, m;");
  return db;
}

START_TEST(streaming_on_a_big_map) {
  sqlite3 *db = big_map();
  /* every process has four chains of three links, each 0.125 / 4: all
  ** tie at 0.125, so the ranks follow the ids; the top 80% are vital */
  ck_assert_str_eq(query_rows(db, "SELECT process, rank, influence, paths, vital FROM bsc_vital_few LIMIT 3"),
                   "p0000|1|0.125|4|1\np0001|2|0.125|4|1\np0002|3|0.125|4|1\n");
  ck_assert_str_eq(query_rows(db, "SELECT count(*), sum(vital), max(rank) FROM bsc_vital_few"), "1000|800|1000\n");
  ck_assert_str_eq(query_rows(db, "SELECT process, rank FROM bsc_vital_few WHERE rank > 998"),
                   "p0998|999\np0999|1000\n");
  /* what-if from a process: i000 has ten causes, so 1 * 0.5 / 10 = 0.05
  ** reaches it; each customer objective has ten causes too, each
  ** financial one twenty */
  ck_assert_str_eq(query_rows(db, "SELECT id, printf('%.6f', delta), via FROM bsc_whatif('p0000', 1) LIMIT 1"),
                   "f0|0.000125|p0000 > i000 > c00 > f0\n");
  ck_assert_str_eq(query_rows(db, "SELECT count(*) FROM bsc_whatif('p0000', 1)"), "5\n");
  /* link evidence scores only what a query asks for: the ends of every
  ** link cost no score, a LIMIT stops the scoring, a filter on cause
  ** scores the links it keeps */
  Runs reads = {SCORE_READ, 0};
  sqlite3_trace_v2(db, SQLITE_TRACE_STMT, count_runs, &reads);
  ck_assert_str_eq(query_rows(db, "SELECT count(*), count(DISTINCT cause) FROM (SELECT cause, effect"
                                  " FROM bsc_link_evidence)"),
                   "1240|1120\n");
  ck_assert_int_eq(reads.n, 0);
  /* the first link, c00 > f0: two objectives scored */
  ck_assert_str_eq(query_rows(db, "SELECT cause, effect, pairs, frequency FROM bsc_link_evidence LIMIT 1"),
                   "c00|f0|12|month\n");
  ck_assert_int_eq(reads.n, 2);
  reads.n = 0;
  ck_assert_str_eq(query_rows(db, "SELECT effect, pairs FROM bsc_link_evidence WHERE cause = 'p0123'"),
                   "i023|12\n");
  ck_assert_int_eq(reads.n, 1);
  /* every objective is scored once per call, however many links share it */
  reads.n = 0;
  ck_assert_str_eq(query_rows(db, "SELECT count(*), min(pairs) FROM bsc_link_evidence"), "1240|12\n");
  ck_assert_int_eq(reads.n, 122);
  sqlite3_trace_v2(db, 0, 0, 0);
  db_close(db);
}
END_TEST

Suite *analytics_suite(void) {
  Suite *s = suite_create("analytics");
  TCase *tc = tcase_create("vital_few");
  tcase_add_test(tc, vital_few_influence_by_hand);
  tcase_add_test(tc, vital_few_eighty_percent);
  tcase_add_test(tc, vital_few_ties_by_id);
  tcase_add_test(tc, vital_few_schema_and_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("whatif");
  tcase_set_timeout(tc, 60); /* the search limit's test walks 20 million links, slowly under ASan */
  tcase_add_test(tc, whatif_on_a_cycle);
  tcase_add_test(tc, whatif_from_an_initiative);
  tcase_add_test(tc, whatif_equal_paths_keep_the_shorter);
  tcase_add_test(tc, whatif_errors);
  tcase_add_test(tc, whatif_search_limit);
  suite_add_tcase(s, tc);
  tc = tcase_create("link_evidence");
  tcase_add_test(tc, evidence_by_hand);
  tcase_add_test(tc, evidence_coarser_side);
  tcase_add_test(tc, evidence_gaps_are_left_out);
  tcase_add_test(tc, evidence_leaves_carried_values_out);
  tcase_add_test(tc, evidence_in_fiscal_quarters);
  tcase_add_test(tc, evidence_errors);
  tcase_add_test(tc, period_of_a_day);
  tcase_add_test(tc, evidence_follows_declared_frequency);
  tcase_add_test(tc, measurement_write_keeps_the_graph);
  suite_add_tcase(s, tc);
  tc = tcase_create("streaming");
  tcase_set_timeout(tc, 60); /* a map of 1,122 nodes, slowly under valgrind */
  tcase_add_test(tc, streaming_on_a_big_map);
  suite_add_tcase(s, tc);
  return s;
}
