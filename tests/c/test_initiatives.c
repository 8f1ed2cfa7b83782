/* Initiatives and commentary (issue 12): the schedule rule (ext/schedule.c),
** the tables through the engine (ext/entity.c, ext/table.c), initiatives in
** the graph, and a map without these tables reading as before. */
#include "harness.h"
#include "bsc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The day number of a date. */
static int day(const char *z) {
  BscPeriod p;
  ck_assert(bsc_period_parse(z, &p, 0));
  ck_assert_int_eq(p.kind, BSC_PERIOD_DAY);
  return p.first;
}

/* The schedule at zAsOf, as text ("NULL" when there is none). */
static const char *schedule(const char *zStatus, const char *zStart, const char *zDue, double progress,
                            const char *zAsOf) {
  int asOf = zAsOf ? day(zAsOf) : 0;
  const char *z = bsc_schedule_of(zStatus, zStart, zDue, progress, zAsOf ? &asOf : 0);
  return z ? z : "NULL";
}

/* ------------------------------------------------------------- the rule */

START_TEST(schedule_rule) {
  static const struct {
    const char *zStatus, *zStart, *zDue;
    double progress;
    const char *zAsOf, *zWant;
  } a[] = {
    /* 180 of 360 days gone: 50% is exactly on schedule, a hair less is late */
    {"active", "2026-01-01", "2026-12-27", 50, "2026-06-30", "on track"},
    {"active", "2026-01-01", "2026-12-27", 49.999, "2026-06-30", "late"},
    {"active", "2026-01-01", "2026-12-27", 50.001, "2026-06-30", "on track"},
    {"planned", "2026-01-01", "2026-12-27", 0, "2026-06-30", "late"},
    /* on the start day nothing is due yet; before it neither */
    {"planned", "2026-06-30", "2026-12-31", 0, "2026-06-30", "on track"},
    {"planned", "2026-07-01", "2026-12-31", 0, "2026-06-30", "on track"},
    /* on the due day all of it is due; the day after, it is overdue */
    {"active", "2026-01-01", "2026-06-30", 99.9, "2026-06-30", "late"},
    {"active", "2026-01-01", "2026-06-30", 100, "2026-06-30", "on track"},
    {"active", "2026-01-01", "2026-06-29", 100, "2026-06-30", "overdue"},
    {"planned", NULL, "2026-06-29", 0, "2026-06-30", "overdue"},
    /* a one-day initiative */
    {"active", "2026-06-30", "2026-06-30", 50, "2026-06-30", "late"},
    {"active", "2026-06-30", "2026-06-30", 100, "2026-06-30", "on track"},
    /* finished work keeps its word, past due or not, and with no date at all */
    {"done", "2025-01-01", "2025-12-31", 60, "2026-06-30", "done"},
    {"stopped", "2025-01-01", "2026-01-31", 30, "2026-06-30", "stopped"},
    {"stopped", NULL, NULL, 0, NULL, "stopped"},
    /* what cannot be told */
    {"active", NULL, "2026-12-31", 10, "2026-06-30", "NULL"},
    {"active", "2026-01-01", NULL, 10, "2026-06-30", "NULL"},
    {"active", "2026-01-01", "2026-12-27", 50, NULL, "NULL"},
    /* no progress counts as none */
    {"active", "2026-01-01", "2026-12-27", NAN, "2026-06-30", "late"},
  };
  for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
    const char *z = schedule(a[i].zStatus, a[i].zStart, a[i].zDue, a[i].progress, a[i].zAsOf);
    ck_assert_msg(strcmp(z, a[i].zWant) == 0, "case %d: %s, want %s", (int)i, z, a[i].zWant);
  }
}
END_TEST

/* ------------------------------------------------------------ the tables */

/* A small map with both tables; it stands at 2026-06-30. */
static sqlite3 *initiative_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "CREATE VIRTUAL TABLE commentary USING bsc_commentary;"
              "INSERT INTO processes(id, title, cluster) VALUES ('ops', 'Operations', 'operations');"
              "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
              " ('profit', 'Profit', 'financial', NULL), ('punctual', 'Punctual', 'internal', 'operations'),"
              " ('people', 'People', 'learning', NULL);"
              "INSERT INTO links(cause, effect) VALUES ('ops', 'punctual'), ('punctual', 'profit');"
              "INSERT INTO kpis(id, objective, title, target, red) VALUES ('otp', 'punctual', 'OTP', 90, 80);"
              "INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026-Q1', 85), ('otp', '2026-06', 86);");
  return db;
}

START_TEST(schedule_column) {
  sqlite3 *db = initiative_map();
  exec_ok(db, "INSERT INTO initiatives(id, title, start, due, progress, status) VALUES"
              " ('exact', 'x', '2026-01-01', '2026-12-27', 50, 'active'),"
              " ('behind', 'x', '2026-01-01', '2026-12-27', 49.5, 'active'),"
              " ('overdue', 'x', '2025-01-01', '2026-06-29', 99, 'active'),"
              " ('stopped', 'x', '2025-01-01', '2026-01-31', 10, 'on hold'),"
              " ('done', 'x', '2025-01-01', '2025-12-31', 100, 'completed')");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'exact'"), "on track");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'behind'"), "late");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'overdue'"), "overdue");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'stopped'"), "stopped");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'done'"), "done");
  /* a new latest period moves the map's date, and the schedule with it */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026-07', 88)");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'exact'"), "late");
  /* the longest latest period counts by its last day: a year ends after its months */
  exec_ok(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026', 87)");
  ck_assert_str_eq(query_text(db, "SELECT schedule FROM initiatives WHERE id = 'exact'"), "overdue");
  db_close(db);
}
END_TEST

START_TEST(objectives_column) {
  sqlite3 *db = initiative_map();
  exec_ok(db, "INSERT INTO initiatives(id, title) VALUES ('a', 'A'), ('b', 'B');"
              "INSERT INTO links(cause, effect) VALUES ('a', 'punctual'), ('a', 'people')");
  ck_assert_int_eq(query_int(db, "SELECT objectives FROM initiatives WHERE id = 'a'"), 2);
  ck_assert_int_eq(query_int(db, "SELECT objectives FROM initiatives WHERE id = 'b'"), 0);
  exec_ok(db, "DELETE FROM links WHERE cause = 'a' AND effect = 'people'");
  ck_assert_int_eq(query_int(db, "SELECT objectives FROM initiatives WHERE id = 'a'"), 1);
  db_close(db);
}
END_TEST

START_TEST(values_refused_and_normalised) {
  sqlite3 *db = initiative_map();
  exec_fails(db, "INSERT INTO initiatives(id, title, start) VALUES ('x', 'x', '2026-02-29')",
             "bsc: initiatives.start: '2026-02-29' is not a date; use YYYY-MM-DD, such as 2026-09-30 (row id 'x')");
  exec_fails(db, "INSERT INTO initiatives(id, title, start, due) VALUES ('x', 'x', '2026-03-01', '2026-02-28')",
             "bsc: initiatives.due: '2026-02-28' is before start '2026-03-01'; an initiative is due on or after "
             "its start");
  exec_fails(db, "INSERT INTO initiatives(id, title, budget) VALUES ('x', 'x', -0.01)",
             "bsc: initiatives.budget: -0.01 is negative; budget must be >= 0 (row id 'x')");
  exec_fails(db, "INSERT INTO initiatives(id, title, progress) VALUES ('x', 'x', 100.5)",
             "bsc: initiatives.progress: 100.5 is not a percentage; progress must be from 0 to 100 (row id 'x')");
  exec_fails(db, "INSERT INTO initiatives(id, title, status) VALUES ('x', 'x', 'paused forever')",
             "bsc: initiatives.status: 'paused forever' is not an initiative status; use planned, active, done or "
             "stopped (row id 'x')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM initiatives"), 0);
  exec_ok(db, "INSERT INTO initiatives(id, title, start, due, status) VALUES"
              " (' y ', 'Y', ' 2026-2-3 ', '2026-02-03', 'Lopend')");
  ck_assert_str_eq(query_text(db, "SELECT id || '|' || start || '|' || due || '|' || status || '|' || progress"
                                  " FROM initiatives"),
                   "y|2026-02-03|2026-02-03|active|0.0");
  /* an initiative drives; it is never driven */
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('ops', 'y')",
             "bsc: links.effect: 'y' is an initiative, not an objective");
  db_close(db);
}
END_TEST

START_TEST(commentary_rows) {
  sqlite3 *db = initiative_map();
  exec_ok(db, "INSERT INTO initiatives(id, title) VALUES ('kit', 'Kit');"
              "INSERT INTO commentary(subject, period, author, status) VALUES"
              " ('punctual', '2026-q2', 'Ann', 'goedgekeurd'), ('otp', '2026-06', 'Ann', NULL),"
              " ('kit', '2026-Q2', 'Ann', 'draft'), ('punctual', '2026-Q2', 'Bob', 'draft')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM commentary WHERE status = 'approved'"), 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM commentary WHERE period = '2026-Q2'"), 3);
  exec_fails(db, "INSERT INTO commentary(subject, period, author) VALUES ('punctual', '2026-Q2', 'Ann')",
             "bsc: commentary: a comment with subject 'punctual', period '2026-Q2', author 'Ann' already exists");
  exec_fails(db, "INSERT INTO commentary(subject, period, author) VALUES ('ops', '2026-Q2', 'Ann')",
             "bsc: commentary.subject: 'ops' is a process, not an objective, a KPI or an initiative");
  exec_fails(db, "DELETE FROM initiatives WHERE id = 'kit'",
             "bsc: initiatives.id: cannot delete initiative 'kit': commentary row (subject 'kit', period "
             "'2026-Q2', author 'Ann') still refers to it; change or delete that row first");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------- the graph */

START_TEST(initiatives_in_the_graph) {
  sqlite3 *db = initiative_map();
  exec_ok(db, "INSERT INTO initiatives(id, title) VALUES ('kit', 'Kit'), ('idle', 'Idle');"
              "INSERT INTO links(cause, effect, weight) VALUES ('kit', 'punctual', 0.5)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(path, ';') FROM bsc_chains('kit')"),
                   "kit > punctual > profit");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ',') FROM bsc_reach('kit')"), "punctual,profit");
  /* the default starts stay the processes */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(DISTINCT start) FROM bsc_chains()"), "ops");
  /* what drives profit: objectives, as before */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id, ',') FROM bsc_reach('profit', 'up')"), "punctual");
  /* neither a process finding nor a downward link for an initiative; nor a
  ** cluster count, nor an objective count */
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE subject IN ('kit', 'idle')"
                                 " AND rule IN ('no_financial_path', 'downward_link')"),
                   0);
  ck_assert_int_eq(query_int(db, "SELECT processes FROM bsc_clusters WHERE cluster = 'operations'"), 1);
  /* drawn as folders on their own row beneath the map */
  const char *zDot = query_text(db, "SELECT bsc_dot()");
  ck_assert_ptr_nonnull(strstr(zDot, "r5 [label=\"Initiatives\""));
  ck_assert_ptr_nonnull(strstr(zDot, "tooltip=\"kit\", fillcolor=\"#eeeeee\", shape=folder, style=filled];"));
  ck_assert_ptr_nonnull(strstr(zDot, "r5 -> r3 -> r4 -> r2 -> r1 -> r0 [style=invis];"));
  db_close(db);
}
END_TEST

/* A map without the two tables reads, refuses and draws as before. */
START_TEST(map_without_them_as_before) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('profit', 'Profit', 'financial')");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('nope', 'profit')",
             "bsc: links.cause: 'nope' is not a process or an objective of this map");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('profit', 'x', 'operations')",
             "bsc: processes.id: 'profit' is already the id of an objective; processes and objectives share one "
             "set of ids");
  exec_fails(db, "SELECT * FROM bsc_chains('nope')",
             "bsc: bsc_chains: start 'nope' is neither a process nor an objective of the map in schema 'main'");
  const char *zDot = query_text(db, "SELECT bsc_dot()");
  ck_assert_ptr_null(strstr(zDot, "r5"));
  ck_assert_ptr_nonnull(strstr(zDot, "  r3 -> r4 -> r2 -> r1 -> r0 [style=invis];"));
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------ the checker */

static long long findings(sqlite3 *db, const char *zRule) {
  char zSql[200];
  snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM bsc_check WHERE rule = '%s'", zRule);
  return query_int(db, zSql);
}

START_TEST(checker_rules) {
  sqlite3 *db = initiative_map();
  /* punctual red: 70 is below its red flag 80 */
  exec_ok(db, "UPDATE measurements SET actual = 70 WHERE kpi = 'otp'");
  /* no initiative yet: none of the five rules speaks */
  static const char *azRule[] = {"initiative_unlinked", "no_outcome", "red_without_initiative",
                                 "initiative_overdue", "budget_off_strategy"};
  for (int i = 0; i < 5; i++) ck_assert_int_eq(findings(db, azRule[i]), 0);
  exec_ok(db, "INSERT INTO initiatives(id, title, start, due, budget, status) VALUES"
              " ('idle', 'Idle', '2026-01-01', '2026-12-31', 100, 'active'),"
              " ('late', 'Late', '2025-01-01', '2026-06-29', 100, 'active'),"
              " ('learn', 'Learn', '2026-01-01', '2026-12-31', 100, 'active');"
              "INSERT INTO links(cause, effect) VALUES ('late', 'profit'), ('learn', 'people')");
  ck_assert_int_eq(findings(db, "initiative_unlinked"), 1);
  ck_assert_int_eq(findings(db, "no_outcome"), 1); /* people reaches nothing */
  ck_assert_int_eq(findings(db, "red_without_initiative"), 1);
  ck_assert_int_eq(findings(db, "initiative_overdue"), 1);
  ck_assert_int_eq(findings(db, "budget_off_strategy"), 1); /* 200 of 300 */
  ck_assert_str_eq(query_text(db, "SELECT subject FROM bsc_check WHERE rule = 'red_without_initiative'"),
                   "punctual");
  /* an initiative on punctual answers for it; a stopped one would not */
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES ('idle', 'punctual')");
  ck_assert_int_eq(findings(db, "red_without_initiative"), 0);
  ck_assert_int_eq(findings(db, "initiative_unlinked"), 0);
  exec_ok(db, "UPDATE initiatives SET status = 'stopped' WHERE id = 'idle'");
  ck_assert_int_eq(findings(db, "red_without_initiative"), 1);
  /* learn's 100 of the 200 left: still above 10%; stopped, it is left out */
  ck_assert_int_eq(findings(db, "budget_off_strategy"), 1);
  exec_ok(db, "UPDATE initiatives SET status = 'stopped' WHERE id = 'learn'");
  ck_assert_int_eq(findings(db, "budget_off_strategy"), 0);
  ck_assert_int_eq(findings(db, "no_outcome"), 0);
  db_close(db);
}
END_TEST

/* The portfolio ranks initiatives by bsc_vital_few's measure of influence. */
START_TEST(portfolio_influence) {
  sqlite3 *db = initiative_map();
  exec_ok(db, "INSERT INTO initiatives(id, title, budget, spent) VALUES ('near', 'Near', 100, 50),"
              " ('far', 'Far', 0, 0), ('none', 'None', NULL, 5);"
              "INSERT INTO links(cause, effect, weight) VALUES ('near', 'profit', 0.5), ('far', 'punctual', 1),"
              " ('none', 'people', 1)");
  /* near: one link of 0.5; far: punctual > profit, 1 x 1 halved once */
  ck_assert_str_eq(query_text(db, "SELECT group_concat(initiative || ':' || rank || ':' || influence, ' ')"
                                  " FROM bsc_portfolio"),
                   "far:1:0.5 near:2:0.5 none:3:0.0");
  ck_assert_str_eq(query_text(db, "SELECT budget_used FROM bsc_portfolio WHERE initiative = 'near'"), "0.5");
  ck_assert_str_eq(query_text(db, "SELECT quote(budget_used) || quote(outcome) FROM bsc_portfolio"
                                  " WHERE initiative = 'none'"),
                   "NULLNULL");
  ck_assert_str_eq(query_text(db, "SELECT drives || ' > ' || outcome FROM bsc_portfolio WHERE initiative = 'far'"),
                   "punctual (amber) > profit");
  db_close(db);
}
END_TEST

Suite *initiatives_suite(void) {
  Suite *s = suite_create("initiatives");
  TCase *tc = tcase_create("schedule");
  tcase_add_test(tc, schedule_rule);
  tcase_add_test(tc, schedule_column);
  tcase_add_test(tc, objectives_column);
  suite_add_tcase(s, tc);
  tc = tcase_create("tables");
  tcase_add_test(tc, values_refused_and_normalised);
  tcase_add_test(tc, commentary_rows);
  suite_add_tcase(s, tc);
  tc = tcase_create("graph");
  tcase_add_test(tc, initiatives_in_the_graph);
  tcase_add_test(tc, map_without_them_as_before);
  suite_add_tcase(s, tc);
  tc = tcase_create("checker");
  tcase_add_test(tc, checker_rules);
  tcase_add_test(tc, portfolio_influence);
  suite_add_tcase(s, tc);
  return s;
}
