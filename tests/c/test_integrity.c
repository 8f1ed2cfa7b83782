/*
** bsc_integrity (ext/integrity.c): empty on every map bsc's own writes
** make (a property test over random write sequences), and a row for every
** class of damage written around bsc into the shadow tables; bsc_check
** then reports 'damaged', and no function crashes or answers "not an
** error".
*/
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *zMapSql =
    "INSERT INTO processes(id, title, cluster) VALUES ('p', 'Plan', 'operations');"
    "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('f', 'Profit', 'financial', NULL),"
    " ('c', 'Loyal', 'customer', NULL), ('i', 'Fast', 'internal', 'operations'), ('l', 'Skills', 'learning', NULL);"
    "INSERT INTO links(cause, effect, weight) VALUES ('p', 'i', 1), ('i', 'c', 0.5), ('c', 'f', 2), ('l', 'i', 1);"
    "INSERT INTO kpis(id, objective, title, target, red) VALUES ('k', 'c', 'NPS', 40, 20), ('m', 'f', 'Margin', 12, 8);"
    "INSERT INTO measurements(kpi, period, actual) VALUES ('k', '2026-01', 30), ('m', '2026-Q1', 10);";

/* bsc_integrity's rows as "table|column|value|problem" lines. */
static const char *problems(sqlite3 *db) {
  return query_rows(db, "SELECT table_name, column_name, value, problem FROM bsc_integrity");
}

/* ---------------------------------------------------- the property test */

static unsigned long long rng;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

/* Writes of every kind, most of them refused now and then: ids from a
** small pool so that references hit and miss, values good and bad. */
static void random_write(sqlite3 *db) {
  static const char *azId[] = {"p", "f", "c", "i", "l", "k", "m", "x", "y", " x", "X"};
  static const char *azWord[] = {"financial", "customer", "internal", "learning", "F", "klant", "galactic", "",
                                 "operations", "innovation", "CRM", "regulatory", "social", "produce", NULL};
  static const char *azNum[] = {"1", "0", "-1", "2.5", "''", "' 3 '", "'abc'", "1e999", "NULL", "40", "20", "8"};
  static const char *azPeriod[] = {"2026-01", "2026-q2", "2026", "2026-13", "2026-W53", "''", "2026-1", "2026-H2"};
  char zSql[400];
  const char *a = azId[rnd(11)], *b = azId[rnd(11)];
  const char *w = azWord[rnd(15)];
  char zWord[40];
  snprintf(zWord, sizeof(zWord), w ? "'%s'" : "NULL", w ? w : "");
  const char *n1 = azNum[rnd(12)], *n2 = azNum[rnd(12)];
  switch (rnd(14)) {
    case 0: snprintf(zSql, sizeof(zSql), "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('%s', 'T', %s, %s)", a, zWord, rnd(2) ? "NULL" : "'produce'"); break;
    case 1: snprintf(zSql, sizeof(zSql), "INSERT INTO objectives(id, title, perspective, cluster, weight) VALUES ('%s', 'T', %s, %s, %s)", a, zWord, rnd(3) ? "NULL" : "'operations'", n1); break;
    case 2: snprintf(zSql, sizeof(zSql), "INSERT INTO links(cause, effect, weight, sign, lag) VALUES ('%s', '%s', %s, %s, %s)", a, b, n1, rnd(2) ? "'-'" : "NULL", n2); break;
    case 3: snprintf(zSql, sizeof(zSql), "INSERT INTO kpis(id, objective, title, polarity, target, red, baseline) VALUES ('%s', '%s', 'K', %s, %s, %s, %s)", a, b, rnd(2) ? "'lower'" : "NULL", n1, n2, azNum[rnd(12)]); break;
    case 4: snprintf(zSql, sizeof(zSql), "INSERT INTO measurements(kpi, period, actual, target) VALUES ('%s', '%s', %s, %s)", a, azPeriod[rnd(8)], n1, n2); break;
    case 5: snprintf(zSql, sizeof(zSql), "UPDATE objectives SET id = '%s' WHERE id = '%s'", a, b); break;
    case 6: snprintf(zSql, sizeof(zSql), "UPDATE kpis SET target = %s, red = %s WHERE id = '%s'", n1, n2, a); break;
    case 7: snprintf(zSql, sizeof(zSql), "DELETE FROM %s WHERE rowid %% 3 = %u", rnd(2) ? "objectives" : "processes", rnd(3)); break;
    case 8: snprintf(zSql, sizeof(zSql), "DELETE FROM %s WHERE rowid %% 2 = %u", rnd(2) ? "links" : "measurements", rnd(2)); break;
    case 9: snprintf(zSql, sizeof(zSql), "UPDATE links SET weight = %s, cause = '%s' WHERE effect = '%s'", n1, a, b); break;
    case 10: snprintf(zSql, sizeof(zSql), "INSERT OR REPLACE INTO objectives(id, title, perspective) VALUES ('%s', 'R', %s)", a, zWord); break;
    case 11: snprintf(zSql, sizeof(zSql), "UPDATE processes SET cluster = %s, subprocess = NULL WHERE id = '%s'", zWord, a); break;
    case 12: snprintf(zSql, sizeof(zSql), "INSERT INTO targets(kpi, period, target, red) VALUES ('%s', '%s', %s, %s)", a, azPeriod[rnd(8)], n1, n2); break;
    default: snprintf(zSql, sizeof(zSql), "%s", rnd(2) ? "SAVEPOINT s" : "ROLLBACK TO s"); break;
  }
  sqlite3_exec(db, zSql, 0, 0, 0); /* refused or not: the map must stay whole */
}

START_TEST(own_writes_leave_no_problem) {
  for (int seed = 1; seed <= 6; seed++) {
    sqlite3 *db = db_with_map();
    exec_ok(db, "CREATE VIRTUAL TABLE targets USING bsc_targets");
    exec_ok(db, zMapSql);
    ck_assert_str_eq(problems(db), "");
    rng = 0x9e3779b97f4a7c15ULL * (unsigned long long)seed;
    for (int step = 0; step < 150; step++) {
      if (step % 40 == 0) sqlite3_exec(db, rnd(2) ? "BEGIN" : "COMMIT", 0, 0, 0);
      random_write(db);
    }
    sqlite3_exec(db, "COMMIT", 0, 0, 0);
    ck_assert_msg(strcmp(problems(db), "") == 0, "seed %d: %s", seed, problems(db));
    ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check WHERE rule = 'damaged'"), 0);
    /* the writes did happen: the property is not tested on an empty map */
    ck_assert_int_gt(query_int(db, "SELECT (SELECT count(*) FROM objectives) + (SELECT count(*) FROM links)"), 0);
    db_close(db);
  }
}
END_TEST

/* ------------------------------------------------------- damaged maps */

/* One class of damage: what is written around bsc, and the problem
** bsc_integrity must list ("table|column|value|problem"). */
static const struct {
  const char *zName, *zDamage, *zProblem;
} aDamage[] = {
  {"a bad perspective", "UPDATE objectives_data SET perspective = 'galactic' WHERE id = 'c'",
   "objectives|perspective|'galactic'|'galactic' is not a perspective; use financial, customer, internal, learning or mission\n"},
  {"a word spelled otherwise than stored", "UPDATE objectives_data SET perspective = 'Financial' WHERE id = 'f'",
   "objectives|perspective|'Financial'|'Financial' is stored where bsc stores 'financial'\n"},
  {"a dangling link", "DELETE FROM processes_data WHERE id = 'p'",
   "links|cause|'p'|'p' is not a process, an objective or an initiative of this map\n"},
  {"a dangling KPI", "UPDATE kpis_data SET objective = 'gone' WHERE id = 'k'",
   "kpis|objective|'gone'|'gone' is not an objective of this map\n"},
  {"a self-link", "UPDATE links_data SET cause = 'c' WHERE cause = 'c' AND effect = 'f'; "
                  "UPDATE links_data SET effect = 'c' WHERE cause = 'c'",
   "links|effect|'c'|'c' cannot cause itself\n"},
  {"an id shared by a process and an objective", "UPDATE processes_data SET id = 'l' WHERE id = 'p'",
   "processes|id|'l'|'l' is already the id of an objective; processes and objectives share one set of ids\n"
   "objectives|id|'l'|'l' is already the id of a process; processes and objectives share one set of ids\n"
   "links|cause|'p'|'p' is not a process, an objective or an initiative of this map\n"},
  {"a NULL in a required column", "UPDATE kpis_data SET title = NULL WHERE id = 'm'",
   "kpis|title|NULL|NULL is not allowed; kpis.title is required\n"},
  {"an infinite weight", "UPDATE links_data SET weight = 9e999 WHERE cause = 'c'",
   "links|weight|Inf|Inf is not a finite number\n"},
  {"a text weight", "UPDATE objectives_data SET weight = 'heavy' WHERE id = 'i'",
   "objectives|weight|'heavy'|'heavy' is not a number\n"},
  {"a text weight on a link", "UPDATE links_data SET weight = 'heavy' WHERE cause = 'i'",
   "links|weight|'heavy'|'heavy' is not a number\n"},
  {"a bad cluster word", "UPDATE processes_data SET cluster = 'nowhere' WHERE id = 'p'",
   "processes|cluster|'nowhere'|'nowhere' is not a cluster; use operations, customer_management, innovation or "
   "regulatory_social\n"},
  {"a text actual", "UPDATE measurements_data SET actual = 'lots' WHERE kpi = 'm'",
   "measurements|actual|'lots'|'lots' is not a number\n"},
  {"a NULL key", "UPDATE measurements_data SET period = NULL WHERE kpi = 'k'",
   "measurements|period|NULL|NULL is not allowed; measurements.period is required\n"},
  {"a self-link with a text weight", "UPDATE links_data SET effect = cause, weight = 'heavy' WHERE cause = 'i'",
   "links|weight|'heavy'|'heavy' is not a number\n"
   "links|effect|'i'|'i' cannot cause itself\n"},
  {"a link dangling at both ends", "UPDATE links_data SET cause = 'gone', effect = 'lost' WHERE cause = 'l'",
   "links|cause|'gone'|'gone' is not a process, an objective or an initiative of this map\n"
   "links|effect|'lost'|'lost' is not an objective of this map\n"},
  {"a bad period", "UPDATE measurements_data SET period = '2026-13' WHERE kpi = 'k'",
   "measurements|period|'2026-13'|'2026-13' is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, 2026-09-30 or 2026-W38\n"},
  {"red equal to target", "UPDATE kpis_data SET red = 40 WHERE id = 'k'",
   "kpis|red|40.0|red flag 40 equals target 40\n"},
  {"a bad format value", "UPDATE kpis_config SET v = 'abc' WHERE k = 'format'",
   "kpis|NULL|NULL|its storage kpis_config records format 'abc', which is no storage format (a whole number): the "
   "table is damaged; SELECT * FROM bsc_integrity('main') lists what is wrong\n"},
  {"a dropped shadow column", "ALTER TABLE kpis_data DROP COLUMN unit",
   "kpis|NULL|NULL|its storage kpis_data cannot be read as the table's columns: no such column: unit\n"},
};

/* Every analysis of the map, and the views on them: on a damaged map each
** either fails with a message that names the damage and points to
** bsc_integrity, or gives the very answer it gave before the damage (it
** reads no damaged row). Never a crash, "not an error", or a silently
** different answer. */
static const char *azAnalysis[] = {
  "SELECT * FROM bsc_scorecard", "SELECT * FROM bsc_scorecard('2026-Q1')", "SELECT * FROM bsc_objective_scores",
  "SELECT * FROM bsc_perspective_scores", "SELECT * FROM bsc_chains", "SELECT * FROM bsc_reach('p')",
  "SELECT * FROM bsc_reach('f', 'up')", "SELECT * FROM bsc_clusters", "SELECT * FROM bsc_catalog",
  "SELECT * FROM bsc_vital_few", "SELECT * FROM bsc_whatif('p', 1)", "SELECT * FROM bsc_link_evidence",
  "SELECT * FROM bsc_portfolio", "SELECT bsc_dot()", "SELECT bsc_cluster_gaps()", "SELECT * FROM scorecard",
  "SELECT * FROM objective_scores", "SELECT * FROM perspective_scores", "SELECT * FROM cluster_coverage",
  "SELECT * FROM causal_chains", "SELECT * FROM attention", "SELECT * FROM initiative_portfolio",
  "SELECT * FROM scorecard_report", "SELECT * FROM unit_scorecard", "SELECT * FROM alignment",
};

/* The map's own tables show what is stored, damage included (so that it
** can be found and repaired): they answer or fail with a bsc: message. */
static const char *azTableRead[] = {
  "SELECT count(*) FROM objectives", "SELECT * FROM kpis", "SELECT max(score) FROM kpis",
  "SELECT * FROM links", "SELECT * FROM measurements", "SELECT * FROM objectives",
};

/* Runs zSql: its rows as query_rows gives them, or "error: <message>"
** (malloc'd, so that db_close finds none of SQLite's memory held). */
static char *answer(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *s = sqlite3_str_new(0);
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(pStmt); i++) {
      const char *z = (const char *)sqlite3_column_text(pStmt, i);
      sqlite3_str_appendf(s, "%s%s", i ? "|" : "", z ? z : "NULL");
    }
    sqlite3_str_appendchar(s, 1, '\n');
    rc = SQLITE_OK;
  }
  if (rc != SQLITE_DONE) {
    sqlite3_str_reset(s);
    sqlite3_str_appendf(s, "error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  char *z = sqlite3_str_finish(s);
  char *zOut = malloc(z ? strlen(z) + 1 : 1);
  ck_assert_ptr_nonnull(zOut);
  strcpy(zOut, z ? z : "");
  sqlite3_free(z);
  return zOut;
}

/* The five tables of a map and zMapSql's rows in them. */
static void make_tables(sqlite3 *db) {
  exec_ok(db, "CREATE VIRTUAL TABLE processes USING bsc_processes;"
              "CREATE VIRTUAL TABLE objectives USING bsc_objectives;"
              "CREATE VIRTUAL TABLE links USING bsc_links;"
              "CREATE VIRTUAL TABLE kpis USING bsc_kpis;"
              "CREATE VIRTUAL TABLE measurements USING bsc_measurements;");
  exec_ok(db, zMapSql);
}

/* ... with an initiative, commentary and the views of sql/views.sql. */
static void make_map(sqlite3 *db, const char *zViews) {
  make_tables(db);
  exec_ok(db, "CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;"
              "CREATE VIRTUAL TABLE commentary USING bsc_commentary;"
              "CREATE VIRTUAL TABLE units USING bsc_units;"
              "INSERT INTO units(id, title) VALUES ('top', 'Top');"
              "INSERT INTO initiatives(id, title, status, budget) VALUES ('n', 'Lean', 'active', 10);"
              "INSERT INTO links(cause, effect) VALUES ('n', 'i')");
  exec_ok(db, zViews);
}

START_TEST(every_damage_is_listed) {
  const char *zPath = temp_db_path("damage");
  int nAnalysis = (int)(sizeof(azAnalysis) / sizeof(azAnalysis[0]));
  char *azBefore[sizeof(azAnalysis) / sizeof(azAnalysis[0])];
  const char *zViews = sql_file("sql/views.sql");
  for (size_t d = 0; d < sizeof(aDamage) / sizeof(aDamage[0]); d++) {
    db_remove_file(zPath);
    sqlite3 *db = db_open(zPath);
    make_map(db, zViews);
    ck_assert_str_eq(problems(db), "");
    for (int r = 0; r < nAnalysis; r++) {
      azBefore[r] = answer(db, azAnalysis[r]);
      ck_assert_msg(strncmp(azBefore[r], "error: ", 7) != 0, "%s: %s", azAnalysis[r], azBefore[r]);
    }
    exec_ok(db, aDamage[d].zDamage);
    db_close(db);
    /* a new connection, as the next user of the file would */
    db = db_open(zPath);
    const char *zGot = problems(db);
    ck_assert_msg(strcmp(zGot, aDamage[d].zProblem) == 0, "%s:\n  listed:   %s\n  expected: %s", aDamage[d].zName,
                  zGot, aDamage[d].zProblem);
    ck_assert_str_eq(query_text(db, "SELECT rule || ' ' || severity FROM bsc_check"), "damaged error");
    ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_check"), 1); /* no rule reads the damage */
    int nRefused = 0;
    for (int r = 0; r < nAnalysis; r++) {
      char *zAfter = answer(db, azAnalysis[r]);
      if (strncmp(zAfter, "error: ", 7) == 0) {
        nRefused++;
        ck_assert_msg(strncmp(zAfter, "error: bsc: ", 12) == 0 &&
                          (strstr(zAfter, "damaged") || strstr(zAfter, "cannot be read")) &&
                          strstr(zAfter, "bsc_integrity('main')"),
                      "%s: %s: an unclear error: %s", aDamage[d].zName, azAnalysis[r], zAfter);
      } else {
        ck_assert_msg(strcmp(zAfter, azBefore[r]) == 0, "%s: %s answers otherwise:\n  before: %s\n  after:  %s",
                      aDamage[d].zName, azAnalysis[r], azBefore[r], zAfter);
      }
      free(zAfter);
    }
    /* every class is met by some analysis: the sweep is not vacuous */
    ck_assert_msg(nRefused > 0, "%s: no analysis refused the damaged map", aDamage[d].zName);
    for (size_t r = 0; r < sizeof(azTableRead) / sizeof(azTableRead[0]); r++) {
      char *zAfter = answer(db, azTableRead[r]);
      ck_assert_msg(strncmp(zAfter, "error: ", 7) != 0 ||
                        (strncmp(zAfter, "error: bsc: ", 12) == 0 && !strstr(zAfter, "not an error")),
                    "%s: %s: %s", aDamage[d].zName, azTableRead[r], zAfter);
      free(zAfter);
    }
    for (int r = 0; r < nAnalysis; r++) free(azBefore[r]);
    db_close(db);
  }
  db_remove_file(zPath);
}
END_TEST

/* The messages name the table, the row's key, the column, the value and
** what is wrong, and point to bsc_integrity. */
START_TEST(damage_messages) {
  const char *zPath = temp_db_path("damage-msg");
  db_remove_file(zPath);
  sqlite3 *db = db_open(zPath);
  make_tables(db);
  exec_ok(db, "UPDATE links_data SET weight = 9e999 WHERE cause = 'c';"
              "UPDATE kpis_data SET red = 40 WHERE id = 'k';"
              "UPDATE measurements_data SET period = '2026-13' WHERE kpi = 'k'");
  db_close(db);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM bsc_chains",
             "bsc: bsc_chains: links row (cause 'c', effect 'f') is damaged: weight Inf is not a finite number; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_fails(db, "SELECT * FROM bsc_scorecard",
             "bsc: bsc_scorecard: kpis row (id 'k') is damaged: red flag 40 equals target 40; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_fails(db, "SELECT bsc_dot()",
             "bsc: bsc_dot: links row (cause 'c', effect 'f') is damaged: weight Inf is not a finite number; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  /* repaired through the tables, row by row, the map reads again */
  exec_ok(db, "UPDATE links SET weight = 2 WHERE cause = 'c'");
  exec_fails(db, "SELECT * FROM bsc_chains",
             "bsc: bsc_chains: kpis row (id 'k') is damaged: red flag 40 equals target 40; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_ok(db, "UPDATE kpis SET red = 20 WHERE id = 'k'");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_chains"), 1);
  exec_fails(db, "SELECT * FROM bsc_objective_scores",
             "bsc: bsc_objective_scores: measurements row (rowid 1) is damaged: period '2026-13' is "
             "not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, 2026-09-30 or 2026-W38; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_ok(db, "DELETE FROM measurements_data WHERE period = '2026-13'");
  db_close(db);
  db = db_open(zPath);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM bsc_objective_scores"), 4);
  ck_assert_str_eq(problems(db), "");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* Storage that cannot be read at all: every reader says what and where to
** look, never "not an error" or a bare "SQL logic error". */
START_TEST(unreadable_storage_is_named) {
  const char *zPath = temp_db_path("damage-column");
  db_remove_file(zPath);
  sqlite3 *db = db_open(zPath);
  make_tables(db);
  exec_ok(db, "ALTER TABLE kpis_data DROP COLUMN unit");
  db_close(db);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM bsc_scorecard",
             "bsc: bsc_scorecard: kpis is damaged: its storage kpis_data cannot be read as the table's columns: no "
             "such column: unit; SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_fails(db, "SELECT * FROM bsc_chains",
             "bsc: bsc_chains: kpis is damaged: its storage kpis_data cannot be read as the table's columns: no "
             "such column: unit; SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_fails(db, "SELECT * FROM objectives",
             "bsc: objectives: kpis is damaged: its storage kpis_data cannot be read as the table's columns: no "
             "such column: unit; SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_fails(db, "SELECT * FROM kpis", "bsc: kpis: no such column: unit");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 4); /* the stored columns still read */
  exec_ok(db, "UPDATE kpis_config SET v = 'abc' WHERE k = 'format'");
  db_close(db);
  db = db_open(zPath);
  exec_fails(db, "SELECT * FROM bsc_perspective_scores",
             "bsc: bsc_perspective_scores: kpis: its storage kpis_config records format 'abc', which is no storage "
             "format (a whole number): the table is damaged; SELECT * FROM bsc_integrity('main') lists what is "
             "wrong");
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

/* A connection that read the map sees damage that another connection made
** and then wrote the table through bsc; its own checked writes keep it
** answering. */
START_TEST(damage_seen_across_connections) {
  const char *zPath = temp_db_path("damage-conns");
  db_remove_file(zPath);
  sqlite3 *a = db_open(zPath);
  make_tables(a);
  sqlite3 *b = db_open(zPath);
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 1);
  exec_ok(a, "INSERT INTO links(cause, effect) VALUES ('p', 'c')");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 2);
  exec_ok(b, "UPDATE links_data SET weight = 9e999 WHERE cause = 'c';"
             "INSERT INTO links(cause, effect) VALUES ('l', 'c')");
  exec_fails(a, "SELECT * FROM bsc_reach('p')",
             "bsc: bsc_reach: links row (cause 'c', effect 'f') is damaged: weight Inf is not a finite number; "
             "SELECT * FROM bsc_integrity('main') lists every damaged row");
  exec_ok(a, "UPDATE links SET weight = 2 WHERE cause = 'c'");
  ck_assert_int_eq(query_int(a, "SELECT count(*) FROM bsc_chains"), 2);
  ck_assert_int_eq(query_int(b, "SELECT count(*) FROM bsc_chains"), 2);
  ck_assert_int_eq(sqlite3_close(b), SQLITE_OK);
  db_close(a);
  db_remove_file(zPath);
}
END_TEST

/* A row whose period is no period is never scored as if valid (nor
** skipped): the scorecard and the KPIs' scores fail, naming the table, the
** row's key, the column and the value, and pointing to bsc_integrity. A
** period outside those scored is not read, so it changes no answer. */
START_TEST(damaged_period_is_an_error) {
  sqlite3 *db = db_with_map();
  exec_ok(db, "CREATE VIRTUAL TABLE targets USING bsc_targets;");
  exec_ok(db, zMapSql);
  exec_ok(db, "INSERT INTO targets(kpi, period, target, red) VALUES ('k', '2026-Q1', 45, 20)");
  ck_assert_str_eq(query_text(db, "SELECT score FROM bsc_scorecard('2026-Q1') WHERE kpi = 'k'"), "4.66666666666667");
  exec_ok(db, "UPDATE measurements_data SET period = '2026-02-30' WHERE kpi = 'k'");
  const char *zMsg = "bsc: measurements row (kpi 'k', period '2026-02-30') is damaged: period '2026-02-30' is not "
                     "a period; SELECT * FROM bsc_integrity('main') lists every damaged row";
  exec_fails(db, "SELECT * FROM bsc_scorecard('2026-Q1')", zMsg);
  exec_fails(db, "SELECT * FROM bsc_scorecard", zMsg);
  exec_fails(db, "SELECT * FROM bsc_objective_scores", zMsg);
  exec_fails(db, "SELECT * FROM bsc_perspective_scores('2026')", zMsg);
  exec_fails(db, "SELECT score FROM kpis WHERE id = 'k'", zMsg);
  exec_fails(db, "SELECT score FROM objectives WHERE id = 'c'", zMsg);
  /* the other KPI's rows are fine */
  ck_assert_str_eq(query_text(db, "SELECT actual FROM kpis WHERE id = 'm'"), "10.0");
  /* periods not scored are not read */
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_scorecard('2024-Q1')"), "2");
  ck_assert_str_eq(query_text(db, "SELECT count(*) FROM bsc_scorecard('2026-Q3')"), "2");
  exec_ok(db, "UPDATE measurements_data SET period = '2026-01' WHERE kpi = 'k';"
              "UPDATE targets_data SET period = '2026-Q5' WHERE kpi = 'k'");
  exec_fails(db, "SELECT * FROM bsc_scorecard('2026-01')",
             "bsc: targets row (kpi 'k', period '2026-Q5') is damaged: period '2026-Q5' is not a period; SELECT * "
             "FROM bsc_integrity('main') lists every damaged row");
  db_close(db);
}
END_TEST

/* The derived score columns of kpis and objectives read what the score
** functions read, and refuse a damaged row as they do; the stored columns
** still read, so that the row can be found and mended. */
START_TEST(damaged_rows_refuse_derived_scores) {
  const char *zPath = temp_db_path("damage-derived");
  db_remove_file(zPath);
  sqlite3 *db = db_open(zPath);
  make_tables(db);
  ck_assert_str_eq(query_text(db, "SELECT score FROM kpis WHERE id = 'k'"), "5.0");
  exec_ok(db, "UPDATE measurements_data SET actual = 'abc' WHERE kpi = 'k'");
  db_close(db);
  db = db_open(zPath);
  const char *zWhat = "measurements row (kpi 'k', period '2026-01') is damaged: actual 'abc' is not a number; "
                      "SELECT * FROM bsc_integrity('main') lists every damaged row";
  char *zKpis = sqlite3_mprintf("bsc: kpis: %s", zWhat), *zObjectives = sqlite3_mprintf("bsc: objectives: %s", zWhat);
  exec_fails(db, "SELECT score FROM kpis WHERE id = 'k'", zKpis);
  exec_fails(db, "SELECT status FROM kpis WHERE id = 'm'", zKpis); /* the map's scores are one */
  exec_fails(db, "SELECT score FROM objectives WHERE id = 'f'", zObjectives);
  ck_assert_str_eq(query_text(db, "SELECT title FROM kpis WHERE id = 'k'"), "NPS");
  ck_assert_str_eq(query_text(db, "SELECT kpis FROM objectives WHERE id = 'c'"), "1");
  exec_ok(db, "UPDATE measurements SET actual = 31 WHERE kpi = 'k'");
  ck_assert_str_eq(query_text(db, "SELECT score FROM kpis WHERE id = 'k'"), "5.16666666666667");
  sqlite3_free(zKpis);
  sqlite3_free(zObjectives);
  db_close(db);
  db_remove_file(zPath);
}
END_TEST

START_TEST(integrity_arguments) {
  sqlite3 *db = db_with_map();
  exec_ok(db, zMapSql);
  ck_assert_str_eq(problems(db), "");
  exec_fails(db, "SELECT * FROM bsc_integrity('nowhere')",
             "bsc: bsc_integrity: no schema 'nowhere'; name main, temp or an attached database");
  exec_ok(db, "ATTACH ':memory:' AS scratch");
  exec_fails(db, "SELECT * FROM bsc_integrity('scratch')",
             "bsc: bsc_integrity: schema 'scratch' holds no strategy map; create its tables first (CREATE "
             "VIRTUAL TABLE scratch.objectives USING bsc_objectives, and likewise bsc_processes, bsc_links, "
             "bsc_kpis and bsc_measurements)");
  /* the schema argument as a hidden column too, and rows of a second map */
  exec_ok(db, "CREATE VIRTUAL TABLE scratch.objectives USING bsc_objectives;"
              "INSERT INTO scratch.objectives(id, title, perspective) VALUES ('o', 'O', 'customer');"
              "UPDATE scratch.objectives_data SET perspective = 'nowhere'");
  ck_assert_str_eq(query_rows(db, "SELECT table_name, row_id, row_key, column_name FROM bsc_integrity"
                                  " WHERE schema = 'scratch'"),
                   "objectives|1|id 'o'|perspective\n");
  ck_assert_str_eq(problems(db), "");
  db_close(db);
}
END_TEST

Suite *integrity_suite(void) {
  Suite *s = suite_create("integrity");
  TCase *tc = tcase_create("integrity");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, own_writes_leave_no_problem);
  tcase_add_test(tc, every_damage_is_listed);
  tcase_add_test(tc, damage_messages);
  tcase_add_test(tc, unreadable_storage_is_named);
  tcase_add_test(tc, damage_seen_across_connections);
  tcase_add_test(tc, integrity_arguments);
  tcase_add_test(tc, damaged_period_is_an_error);
  tcase_add_test(tc, damaged_rows_refuse_derived_scores);
  suite_add_tcase(s, tc);
  return s;
}
