/* The five map tables: declared columns and every validation rule of
** issue 2, error texts included (ext/table.c, ext/entity.c, ext/vocab.c). */
#include "harness.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A small map: one process per cluster used here, one objective per
** perspective, a link, a KPI and a measurement. */
static sqlite3 *sample_map(void) {
  sqlite3 *db = db_with_map();
  exec_ok(db,
          "INSERT INTO processes(id, title, cluster, subprocess) VALUES"
          " ('p1', 'Make', 'operations', 'produce'),"
          " ('p2', 'Sell', 'customer_management', NULL);"
          "INSERT INTO objectives(id, title, perspective, cluster) VALUES"
          " ('f1', 'Grow revenue', 'financial', NULL),"
          " ('c1', 'Happy customers', 'customer', NULL),"
          " ('i1', 'Fast delivery', 'internal', 'operations'),"
          " ('l1', 'Skilled staff', 'learning', NULL);"
          "INSERT INTO links(cause, effect) VALUES ('p1', 'i1'), ('i1', 'c1'), ('c1', 'f1');"
          "INSERT INTO kpis(id, objective, title) VALUES ('k1', 'f1', 'Revenue');"
          "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-01', 10);");
  return db;
}

/* exec_fails with the SQL built by printf. */
#define fails_f(db, zMsg, ...)                            \
  do {                                                    \
    char *zSql_ = sqlite3_mprintf(__VA_ARGS__);           \
    exec_fails_at(db, zSql_, zMsg, __FILE__, __LINE__);   \
    sqlite3_free(zSql_);                                  \
  } while (0)
#define ok_f(db, ...)                                     \
  do {                                                    \
    char *zSql_ = sqlite3_mprintf(__VA_ARGS__);           \
    exec_ok_at(db, zSql_, __FILE__, __LINE__);            \
    sqlite3_free(zSql_);                                  \
  } while (0)

/* --------------------------------------------------------- declared columns */

/* name:type:notnull:pk of every column, in order, as pragma_table_info says. */
static const char *columns_of(sqlite3 *db, const char *zTable) {
  char zSql[512];
  snprintf(zSql, sizeof(zSql),
           "SELECT group_concat(name || ':' || type || ':' || \"notnull\" || ':' || pk, ' ')"
           " FROM (SELECT * FROM pragma_table_info('%s') ORDER BY cid)",
           zTable);
  return query_text(db, zSql);
}

START_TEST(declared_columns_are_the_issues) {
  /* the keys are enforced by bsc but not declared (pk 0): a declared one
  ** makes SQLite 3.40's integrity_check report a sound file as corrupt */
  sqlite3 *db = db_with_map();
  ck_assert_str_eq(columns_of(db, "processes"),
                   "id:VARCHAR(64):1:0 title:VARCHAR(200):1:0 cluster:VARCHAR(32):1:0 subprocess:VARCHAR(32):0:0 "
                   "owner:VARCHAR(200):0:0 description:TEXT:0:0 unit:VARCHAR(64):0:0");
  ck_assert_str_eq(columns_of(db, "objectives"),
                   "id:VARCHAR(64):1:0 title:VARCHAR(200):1:0 perspective:VARCHAR(32):1:0 cluster:VARCHAR(32):0:0 "
                   "weight:REAL:0:0 owner:VARCHAR(200):0:0 description:TEXT:0:0 kpis:INTEGER:0:0 "
                   "rollup:VARCHAR(32):0:0 score:REAL:0:0 status:VARCHAR(32):0:0 unit:VARCHAR(64):0:0");
  ck_assert_str_eq(columns_of(db, "links"),
                   "cause:VARCHAR(64):1:0 effect:VARCHAR(64):1:0 weight:REAL:0:0 sign:VARCHAR(32):0:0 "
                   "lag:INTEGER:0:0 note:TEXT:0:0");
  ck_assert_str_eq(columns_of(db, "kpis"),
                   "id:VARCHAR(64):1:0 objective:VARCHAR(64):1:0 title:VARCHAR(200):1:0 unit:VARCHAR(200):0:0 "
                   "polarity:VARCHAR(32):0:0 baseline:REAL:0:0 target:REAL:0:0 red:REAL:0:0 "
                   "weight:REAL:0:0 frequency:VARCHAR(32):0:0 aggregation:VARCHAR(32):0:0 period:VARCHAR(16):0:0 "
                   "actual:REAL:0:0 score:REAL:0:0 status:VARCHAR(32):0:0 trend:VARCHAR(32):0:0");
  ck_assert_str_eq(columns_of(db, "measurements"),
                   "kpi:VARCHAR(64):1:0 period:VARCHAR(16):1:0 actual:REAL:0:0 target:REAL:0:0 note:TEXT:0:0");
  /* the shadow tables store texts as TEXT, as 0.1 did: the sizes are for
  ** the virtual tables' clients */
  ck_assert_str_eq(columns_of(db, "processes_data"),
                   "rid:INTEGER:0:1 id:TEXT:0:0 title:TEXT:0:0 cluster:TEXT:0:0 subprocess:TEXT:0:0 "
                   "owner:TEXT:0:0 description:TEXT:0:0 unit:TEXT:0:0");
  /* SELECT * shows the derived column too, in its place */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f1', 'T', 'financial')");
  ck_assert_str_eq(query_text(db, "SELECT quote(kpis) FROM (SELECT * FROM objectives)"), "0");
  db_close(db);
}
END_TEST

START_TEST(schema_sql_creates_the_map) {
  /* sql/schema.sql itself, as users run it */
  sqlite3 *db = db_open(":memory:");
  FILE *f = fopen("sql/schema.sql", "r");
  ck_assert_ptr_nonnull(f);
  char zSql[4096];
  size_t n = fread(zSql, 1, sizeof(zSql) - 1, f);
  fclose(f);
  zSql[n] = 0;
  exec_ok(db, zSql);
  ck_assert_str_eq(query_text(db, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                                  " WHERE sql LIKE 'create virtual table%' ORDER BY rowid)"),
                   "processes objectives links kpis measurements targets initiatives commentary settings units");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------- vocabulary */

static const struct {
  const char *in, *stored;
} aPerspectiveSpelling[] = {
  {"financial", "financial"}, {"customer", "customer"}, {"internal", "internal"},
  {"learning", "learning"}, {"FINANCIAL", "financial"}, {"Customer", "customer"},
  {"iNtErNaL", "internal"}, {"F", "financial"}, {"f", "financial"}, {"C", "customer"},
  {"I", "internal"}, {"L", "learning"}, {"internal process", "internal"},
  {"Internal Process", "internal"}, {"process", "internal"}, {"PROCESS", "internal"},
  {"learning & growth", "learning"}, {"Learning & Growth", "learning"},
  {"learning and growth", "learning"}, {"financieel", "financial"}, {"Financieel", "financial"},
  {"klant", "customer"}, {"interne processen", "internal"}, {"Interne Processen", "internal"},
  {"leren en groeien", "learning"}, {"leren & groei", "learning"}, {"LEREN EN GROEIEN", "learning"},
};

START_TEST(perspective_spellings) {
  sqlite3 *db = db_with_map();
  int n = (int)(sizeof(aPerspectiveSpelling) / sizeof(aPerspectiveSpelling[0]));
  for (int i = 0; i < n; i++) {
    ok_f(db, "INSERT INTO objectives(id, title, perspective) VALUES ('o%d', 'T', %Q)", i,
         aPerspectiveSpelling[i].in);
    char zSql[100];
    snprintf(zSql, sizeof(zSql), "SELECT perspective FROM objectives WHERE id='o%d'", i);
    ck_assert_msg(strcmp(query_text(db, zSql), aPerspectiveSpelling[i].stored) == 0,
                  "'%s' stored as %s, expected %s", aPerspectiveSpelling[i].in, query_text(db, zSql),
                  aPerspectiveSpelling[i].stored);
  }
  /* UPDATE normalises too */
  exec_ok(db, "UPDATE objectives SET perspective='Klant' WHERE id='o0'");
  ck_assert_str_eq(query_text(db, "SELECT perspective FROM objectives WHERE id='o0'"), "customer");
  const char *zUse = "; use financial, customer, internal, learning or mission (row id 'x')";
  char zMsg[300];
  static const char *aBad[] = {"strategy", "", "financials", "FC", "learning growth x", "5"};
  for (int i = 0; i < (int)(sizeof(aBad) / sizeof(aBad[0])); i++) {
    snprintf(zMsg, sizeof(zMsg), "bsc: objectives.perspective: '%s' is not a perspective%s", aBad[i],
             zUse);
    fails_f(db, zMsg, "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', %Q)", aBad[i]);
  }
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', 4)",
             "bsc: objectives.perspective: 4 is not a perspective; use financial, customer, "
             "internal, learning or mission (row id 'x')");
  exec_fails(db, "UPDATE objectives SET perspective='board' WHERE id='o1'",
             "bsc: objectives.perspective: 'board' is not a perspective; use financial, customer, "
             "internal, learning or mission (row id 'o1')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), n);
  db_close(db);
}
END_TEST

static const struct {
  const char *in, *stored;
} aClusterSpelling[] = {
  {"operations", "operations"},
  {"customer_management", "customer_management"},
  {"innovation", "innovation"},
  {"regulatory_social", "regulatory_social"},
  {"OPERATIONS", "operations"},
  {"Innovation", "innovation"},
  {"operations management", "operations"},
  {"Operations Management", "operations"},
  {"operational", "operations"},
  {"customer management", "customer_management"},
  {"CRM", "customer_management"},
  {"crm", "customer_management"},
  {"regulatory and social", "regulatory_social"},
  {"regulatory & social", "regulatory_social"},
  {"social", "regulatory_social"},
  {"Social", "regulatory_social"},
  {"operationele processen", "operations"},
  {"klantmanagement", "customer_management"},
  {"innovatieve processen", "innovation"},
  {"sociale en maatschappelijke processen", "regulatory_social"},
  {"Sociale en Maatschappelijke Processen", "regulatory_social"},
};

START_TEST(cluster_spellings) {
  sqlite3 *db = db_with_map();
  int n = (int)(sizeof(aClusterSpelling) / sizeof(aClusterSpelling[0]));
  for (int i = 0; i < n; i++) {
    /* a process's cluster and an internal objective's cluster read the same words */
    ok_f(db,
         "INSERT INTO processes(id, title, cluster) VALUES ('p%d', 'T', %Q);"
         "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('o%d', 'T', 'I', %Q)",
         i, aClusterSpelling[i].in, i, aClusterSpelling[i].in);
    char zSql[200];
    snprintf(zSql, sizeof(zSql),
             "SELECT p.cluster || '/' || o.cluster FROM processes p, objectives o"
             " WHERE p.id='p%d' AND o.id='o%d'",
             i, i);
    char zWant[100];
    snprintf(zWant, sizeof(zWant), "%s/%s", aClusterSpelling[i].stored, aClusterSpelling[i].stored);
    ck_assert_msg(strcmp(query_text(db, zSql), zWant) == 0, "'%s' stored as %s, expected %s",
                  aClusterSpelling[i].in, query_text(db, zSql), zWant);
  }
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('x', 'T', 'marketing')",
             "bsc: processes.cluster: 'marketing' is not a cluster; use operations, "
             "customer_management, innovation or regulatory_social (row id 'x')");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('x', 'T', 'I', 'r&d')",
             "bsc: objectives.cluster: 'r&d' is not a cluster; use operations, "
             "customer_management, innovation or regulatory_social (row id 'x')");
  exec_fails(db, "UPDATE processes SET cluster='sales' WHERE id='p0'",
             "bsc: processes.cluster: 'sales' is not a cluster; use operations, "
             "customer_management, innovation or regulatory_social (row id 'p0')");
  db_close(db);
}
END_TEST

START_TEST(words_and_periods_trim_pasted_spaces) {
  /* a no-break, ideographic or zero-width space around a word or a period
  ** (text pasted from a spreadsheet) is trimmed, as around an id */
  sqlite3 *db = sample_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('c2', 'T', 'Klant' || char(160));"
          "INSERT INTO links(cause, effect, sign) VALUES ('p2', 'c2', char(12288) || '-');"
          "INSERT INTO measurements(kpi, period) VALUES ('k1', char(8203) || '2026-q2' || char(160, 32))");
  ck_assert_str_eq(query_text(db, "SELECT (SELECT perspective FROM objectives WHERE id='c2') || ' ' ||"
                                  " (SELECT sign FROM links WHERE effect='c2') || ' ' ||"
                                  " (SELECT group_concat(period, ' ') FROM measurements)"),
                   "customer negative 2026-01 2026-Q2");
  /* inside a word it is no separator; the message shows the value as given */
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('c3', 'T', 'kl' || char(160) || 'ant')",
             "bsc: objectives.perspective: 'kl\xc2\xa0" "ant' is not a perspective; use financial, customer, "
             "internal, learning or mission (row id 'c3')");
  db_close(db);
}
END_TEST

START_TEST(cluster_only_on_internal_objectives) {
  sqlite3 *db = db_with_map();
  exec_fails(db, "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('x', 'T', 'F', 'CRM')",
             "bsc: objectives.cluster: 'customer_management' given for a financial objective; "
             "only internal-process objectives belong to a cluster");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('x', 'T', 'klant', 'ops')",
             "bsc: objectives.cluster: 'operations' given for a customer objective; "
             "only internal-process objectives belong to a cluster");
  exec_fails(db,
             "INSERT INTO objectives(id, title, perspective, cluster)"
             " VALUES ('x', 'T', 'learning & growth', 'social')",
             "bsc: objectives.cluster: 'regulatory_social' given for a learning objective; "
             "only internal-process objectives belong to a cluster");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 0);
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective, cluster) VALUES ('i1', 'T', 'process', 'innovation');"
          "INSERT INTO objectives(id, title, perspective) VALUES ('f1', 'T', 'F')");
  /* moving an objective with a cluster out of the internal perspective */
  exec_fails(db, "UPDATE objectives SET perspective='customer' WHERE id='i1'",
             "bsc: objectives.cluster: 'innovation' given for a customer objective; "
             "only internal-process objectives belong to a cluster");
  exec_fails(db, "UPDATE objectives SET cluster='innovation' WHERE id='f1'",
             "bsc: objectives.cluster: 'innovation' given for a financial objective; "
             "only internal-process objectives belong to a cluster");
  /* both together is fine */
  exec_ok(db, "UPDATE objectives SET perspective='customer', cluster=NULL WHERE id='i1'");
  ck_assert_str_eq(query_text(db, "SELECT perspective || quote(cluster) FROM objectives WHERE id='i1'"),
                   "customerNULL");
  db_close(db);
}
END_TEST

static const struct {
  const char *id, *cluster;
} aSubprocess[] = {
  {"supply", "operations"},
  {"produce", "operations"},
  {"distribute", "operations"},
  {"risk", "operations"},
  {"select", "customer_management"},
  {"acquire", "customer_management"},
  {"retain", "customer_management"},
  {"grow", "customer_management"},
  {"opportunities", "innovation"},
  {"portfolio", "innovation"},
  {"develop", "innovation"},
  {"launch", "innovation"},
  {"environment", "regulatory_social"},
  {"health_safety", "regulatory_social"},
  {"employment", "regulatory_social"},
  {"community", "regulatory_social"},
};

static const char *subprocess_list(const char *zCluster) {
  if (strcmp(zCluster, "operations") == 0) return "supply, produce, distribute or risk";
  if (strcmp(zCluster, "customer_management") == 0) return "select, acquire, retain or grow";
  if (strcmp(zCluster, "innovation") == 0) return "opportunities, portfolio, develop or launch";
  return "environment, health_safety, employment or community";
}

START_TEST(subprocess_belongs_to_its_cluster) {
  sqlite3 *db = db_with_map();
  static const char *aCluster[] = {"operations", "customer_management", "innovation",
                                   "regulatory_social"};
  int n = (int)(sizeof(aSubprocess) / sizeof(aSubprocess[0]));
  for (int i = 0; i < n; i++) {
    ok_f(db, "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('p%d', 'T', %Q, %Q)", i,
         aSubprocess[i].cluster, aSubprocess[i].id);
    char zSql[100];
    snprintf(zSql, sizeof(zSql), "SELECT subprocess FROM processes WHERE id='p%d'", i);
    ck_assert_str_eq(query_text(db, zSql), aSubprocess[i].id);
    /* and in every other cluster it is refused, the message listing that cluster's */
    for (int c = 0; c < 4; c++) {
      if (strcmp(aCluster[c], aSubprocess[i].cluster) == 0) continue;
      char zMsg[300];
      snprintf(zMsg, sizeof(zMsg),
               "bsc: processes.subprocess: '%s' is not a sub-process of cluster %s; use %s",
               aSubprocess[i].id, aCluster[c], subprocess_list(aCluster[c]));
      fails_f(db, zMsg, "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('x', 'T', %Q, %Q)",
              aCluster[c], aSubprocess[i].id);
    }
  }
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM processes"), n);
  /* spelled otherwise, stored as the short id; no sub-process is fine */
  exec_ok(db,
          "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('q1', 'T', 'ops', 'Production');"
          "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('q2', 'T', 'CRM', NULL)");
  ck_assert_str_eq(query_text(db, "SELECT subprocess FROM processes WHERE id='q1'"), "produce");
  ck_assert_str_eq(query_text(db, "SELECT quote(subprocess) FROM processes WHERE id='q2'"), "NULL");
  exec_fails(db, "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('x', 'T', 'ops', 'bake')",
             "bsc: processes.subprocess: 'bake' is not a sub-process; use supply, produce, "
             "distribute, risk, select, acquire, retain, grow, opportunities, portfolio, develop, "
             "launch, environment, health_safety, employment or community (row id 'x')");
  /* changing the cluster under a sub-process */
  exec_fails(db, "UPDATE processes SET cluster='innovation' WHERE id='q1'",
             "bsc: processes.subprocess: 'produce' is not a sub-process of cluster innovation; "
             "use opportunities, portfolio, develop or launch");
  exec_ok(db, "UPDATE processes SET cluster='innovation', subprocess='launch' WHERE id='q1'");
  ck_assert_str_eq(query_text(db, "SELECT cluster || '/' || subprocess FROM processes WHERE id='q1'"),
                   "innovation/launch");
  db_close(db);
}
END_TEST

START_TEST(link_and_kpi_words) {
  sqlite3 *db = sample_map();
  exec_ok(db,
          "INSERT INTO links(cause, effect, sign) VALUES ('l1', 'i1', 'NEGATIVE');"
          "INSERT INTO kpis(id, objective, title, polarity, frequency, aggregation)"
          " VALUES ('k2', 'c1', 'T', 'Lower', 'Quarter', 'AVERAGE'),"
          "        ('k3', 'c1', 'T', 'range', 'year', 'sum'),"
          "        ('k4', 'c1', 'T', 'higher', 'month', 'min'),"
          "        ('k5', 'c1', 'T', 'higher', 'Weekly', 'max'),"
          "        ('k6', 'c1', 'T', 'higher', 'dagelijks', 'last'),"
          "        ('k7', 'c1', 'T', 'higher', 'half-yearly', 'last')");
  ck_assert_str_eq(query_text(db, "SELECT sign FROM links WHERE cause='l1'"), "negative");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(polarity || '/' || frequency || '/' || aggregation, ' ')"
                                  " FROM kpis WHERE id > 'k1'"),
                   "lower/quarter/average range/year/sum higher/month/min higher/week/max "
                   "higher/day/last higher/half/last");
  exec_fails(db, "INSERT INTO links(cause, effect, sign) VALUES ('l1', 'c1', 'neutral')",
             "bsc: links.sign: 'neutral' is not a sign; use positive or negative "
             "(row cause 'l1', effect 'c1')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, polarity) VALUES ('x', 'c1', 'T', 'sideways')",
             "bsc: kpis.polarity: 'sideways' is not a polarity; use higher, lower or range (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, frequency) VALUES ('x', 'c1', 'T', 'hourly')",
             "bsc: kpis.frequency: 'hourly' is not a frequency; use month, quarter, year, week, day or half (row id 'x')");
  exec_fails(db, "INSERT INTO kpis(id, objective, title, aggregation) VALUES ('x', 'c1', 'T', 'median')",
             "bsc: kpis.aggregation: 'median' is not an aggregation; use sum, average, last, min or "
             "max (row id 'x')");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------ text sizes */

START_TEST(short_texts_keep_to_their_declared_size) {
  /* a title, owner or unit is VARCHAR(200), as ODBC reports it: a longer
  ** one is refused, never cut; characters count, not bytes; long text
  ** (description, note) has no bound */
  sqlite3 *db = sample_map();
  ok_f(db, "INSERT INTO objectives(id, title, perspective, owner) VALUES ('o200', '%s', 'F', '%s')",
       "a123456789" "b123456789" "c123456789" "d123456789" "e123456789" "f123456789" "g123456789"
       "h123456789" "i123456789" "j123456789" "a123456789" "b123456789" "c123456789" "d123456789"
       "e123456789" "f123456789" "g123456789" "h123456789" "i123456789" "j123456789",
       "Owner");
  ck_assert_int_eq(query_int(db, "SELECT length(title) FROM objectives WHERE id='o200'"), 200);
  /* 200 two-byte characters are 400 bytes and fit */
  exec_ok(db, "UPDATE objectives SET title = replace(printf('%200s', ''), ' ', char(233)) WHERE id='o200'");
  ck_assert_int_eq(query_int(db, "SELECT length(title) * 1000 + length(CAST(title AS BLOB)) FROM objectives"
                                 " WHERE id='o200'"), 200400);
  {
    /* the message quotes the first 77 characters */
    sqlite3_str *x = sqlite3_str_new(0);
    sqlite3_str_appendall(x, "bsc: objectives.title: '");
    for (int i = 0; i < 77; i++) sqlite3_str_appendall(x, "\xc3\xa9");
    sqlite3_str_appendall(x, "...' is 201 characters long; objectives.title is at most 200 characters"
                             " (row id 'o200')");
    char *zExp = sqlite3_str_finish(x);
    exec_fails(db, "UPDATE objectives SET title = title || 'x' WHERE id='o200'", zExp);
    sqlite3_free(zExp);
  }
  ck_assert_int_eq(query_int(db, "SELECT length(title) FROM objectives WHERE id='o200'"), 200);
  exec_fails(db, "INSERT INTO kpis(id, objective, title, unit) VALUES ('k9', 'f1', 'T', printf('%201s', 'u'))",
             "bsc: kpis.unit: '                                                                            "
             " ...' is 201 characters long; kpis.unit is at most 200 characters (row id 'k9')");
  exec_fails(db, "UPDATE processes SET owner = printf('%-201s', 'Head of') WHERE id='p1'",
             "bsc: processes.owner: 'Head of                                                                  "
             "    ...' is 201 characters long; processes.owner is at most 200 characters (row id 'p1')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis WHERE id='k9'"), 0);
  /* long text is long */
  exec_ok(db, "UPDATE processes SET description = printf('%100000s', 'x') WHERE id='p1';"
              "INSERT INTO measurements(kpi, period, actual, note) VALUES ('k1', '2026-02', 1, printf('%100000s', 'n'))");
  ck_assert_int_eq(query_int(db, "SELECT length(description) FROM processes WHERE id='p1'"), 100000);
  ck_assert_int_eq(query_int(db, "SELECT length(note) FROM measurements WHERE period='2026-02'"), 100000);
  db_close(db);
}
END_TEST

/* -------------------------------------------------------------------- ids */

START_TEST(ids_are_trimmed_and_bounded) {
  sqlite3 *db = db_with_map();
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('', 'T', 'F')",
             "bsc: objectives.id: '' is not an id; ids must not be empty");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('   ', 'T', 'F')",
             "bsc: objectives.id: '   ' is not an id; ids must not be empty");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES (' ' || char(9) || ' ', 'T', 'ops')",
             "bsc: processes.id: ' \t ' is not an id; ids must not be empty");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES (char(10), 'f1', 'T')",
             "bsc: kpis.id: '\n' is not an id; ids must not be empty");
  /* trimmed before it is stored, checked and compared */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('  f1 ', 'T', 'F')");
  ck_assert_str_eq(query_text(db, "SELECT '[' || id || ']' FROM objectives"), "[f1]");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('f1  ', 'T', 'F')",
             "bsc: objectives: an objective with id 'f1' already exists");
  exec_ok(db, "INSERT INTO kpis(id, objective, title) VALUES (' k1', ' f1 ', 'T')");
  ck_assert_str_eq(query_text(db, "SELECT '[' || id || '][' || objective || ']' FROM kpis"), "[k1][f1]");
  /* spaces pasted from a spreadsheet trim too: no-break (U+00A0, U+202F), thin
  ** (U+2009), ideographic (U+3000), zero-width (U+200B) and the BOM (U+FEFF);
  ** a byte of a longer character (U+20AC ends in 0x82 0xac) is no space */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES"
              " (char(65279) || 'f2' || char(160, 8203, 12288, 32, 8239), 'T', 'F'),"
              " ('eur' || char(8364), 'T', 'F');"
              "INSERT INTO kpis(id, objective, title) VALUES ('k2', char(8201) || 'f2' || char(160), 'T')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(hex(id), ' ') || ' ' || (SELECT objective FROM kpis"
                                  " WHERE id='k2') FROM objectives WHERE rowid > 1"),
                   "6632 657572E282AC f2");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (char(160, 8203), 'T', 'F')",
             "bsc: objectives.id: '\xc2\xa0\xe2\x80\x8b' is not an id; ids must not be empty");
  exec_ok(db, "DELETE FROM kpis WHERE id='k2'; DELETE FROM objectives WHERE rowid > 1");
  /* inner spaces are part of the id */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('grow revenue', 'T', 'F')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives WHERE id='grow revenue'"), 1);
  /* numbers are ids too, as text */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES (42, 'T', 'F')");
  ck_assert_str_eq(query_text(db, "SELECT typeof(id) FROM objectives WHERE id='42'"), "text");

  /* at most 64 characters, counted as characters, not bytes */
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES (printf('%.64c', 'a'), 'T', 'F');"
          "INSERT INTO objectives(id, title, perspective) VALUES (printf('%.64c', char(233)), 'T', 'F');"
          "INSERT INTO objectives(id, title, perspective) VALUES ('  ' || printf('%.64c', 'b') || '  ', 'T', 'F')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives WHERE length(id) = 64"), 3);
  ck_assert_int_eq(query_int(db, "SELECT max(length(CAST(id AS BLOB))) FROM objectives"), 128);
  char zMsg[512];
  snprintf(zMsg, sizeof(zMsg), "bsc: objectives.id: '%.65s' is not an id; ids are at most 64 characters",
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (printf('%.65c', 'a'), 'T', 'F')",
             zMsg);
  /* 65 two-byte characters: the message quotes the whole id, whole characters */
  char zE65[200] = "";
  for (int i = 0; i < 65; i++) strcat(zE65, "\xc3\xa9");
  snprintf(zMsg, sizeof(zMsg), "bsc: objectives.id: '%s' is not an id; ids are at most 64 characters", zE65);
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (printf('%.65c', char(233)), 'T', 'F')",
             zMsg);
  /* a long id is cut at 77 characters in the message, never inside a character */
  char zE77[200] = "";
  for (int i = 0; i < 77; i++) strcat(zE77, "\xc3\xa9");
  snprintf(zMsg, sizeof(zMsg), "bsc: objectives.id: '%s...' is not an id; ids are at most 64 characters", zE77);
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (printf('%.90c', char(233)), 'T', 'F')",
             zMsg);
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES (printf('%.65c', 'a'), 'f1')",
             "bsc: links.cause: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not "
             "an id; ids are at most 64 characters");

  /* control characters */
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a' || char(10) || 'b', 'T', 'F')",
             "bsc: objectives.id: 'a\nb' is not an id; ids may not hold control characters");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('a' || char(9) || 'b', 'T', 'F')",
             "bsc: objectives.id: 'a\tb' is not an id; ids may not hold control characters");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('a' || char(127), 'T', 'ops')",
             "bsc: processes.id: 'a\x7f' is not an id; ids may not hold control characters");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k' || char(1), '2026')",
             "bsc: measurements.kpi: 'k\x01' is not an id; ids may not hold control characters");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (NULL, 'T', 'F')",
             "bsc: objectives.id: NULL is not allowed; objectives.id is required");
  exec_fails(db, "UPDATE objectives SET id='' WHERE id='f1'",
             "bsc: objectives.id: '' is not an id; ids must not be empty");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 6);
  db_close(db);
}
END_TEST

START_TEST(ids_unique_across_processes_and_objectives) {
  sqlite3 *db = sample_map();
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('p1', 'T', 'F')",
             "bsc: objectives.id: 'p1' is already the id of a process; processes and objectives "
             "share one set of ids");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES ('f1', 'T', 'ops')",
             "bsc: processes.id: 'f1' is already the id of an objective; processes and objectives "
             "share one set of ids");
  exec_fails(db, "INSERT INTO processes(id, title, cluster) VALUES (' f1 ', 'T', 'ops')",
             "bsc: processes.id: 'f1' is already the id of an objective; processes and objectives "
             "share one set of ids");
  exec_fails(db, "UPDATE objectives SET id='p2' WHERE id='l1'",
             "bsc: objectives.id: 'p2' is already the id of a process; processes and objectives "
             "share one set of ids");
  exec_fails(db, "UPDATE processes SET id='l1' WHERE id='p2'",
             "bsc: processes.id: 'l1' is already the id of an objective; processes and objectives "
             "share one set of ids");
  /* OR REPLACE does not reach across the two tables */
  exec_fails(db, "INSERT OR REPLACE INTO objectives(id, title, perspective) VALUES ('p1', 'T', 'F')",
             "bsc: objectives.id: 'p1' is already the id of a process; processes and objectives "
             "share one set of ids");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM processes"), 2);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 4);
  ck_assert_str_eq(query_text(db, "SELECT title FROM processes WHERE id='p1'"), "Make");
  /* ids are case-sensitive */
  exec_ok(db, "INSERT INTO objectives(id, title, perspective) VALUES ('P1', 'T', 'F')");
  /* once the process is gone its id is free */
  exec_ok(db, "DELETE FROM processes WHERE id='p2'; INSERT INTO objectives(id, title, perspective) VALUES ('p2', 'T', 'F')");
  db_close(db);
}
END_TEST

/* ------------------------------------------------------------- references */

START_TEST(link_ends_must_exist) {
  sqlite3 *db = sample_map();
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('zz', 'f1')",
             "bsc: links.cause: 'zz' is not a process or an objective of this map");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('p1', 'zz')",
             "bsc: links.effect: 'zz' is not an objective of this map");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('i1', 'p1')",
             "bsc: links.effect: 'p1' is a process, not an objective");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('k1', 'f1')",
             "bsc: links.cause: 'k1' is not a process or an objective of this map");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('f1', 'f1')",
             "bsc: links.effect: 'f1' cannot cause itself");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES (' c1', 'c1 ')",
             "bsc: links.effect: 'c1' cannot cause itself");
  exec_fails(db, "UPDATE links SET effect='c1' WHERE cause='c1'",
             "bsc: links.effect: 'c1' cannot cause itself");
  exec_fails(db, "UPDATE links SET effect='p2' WHERE cause='c1'",
             "bsc: links.effect: 'p2' is a process, not an objective");
  exec_fails(db, "UPDATE links SET cause='nope' WHERE cause='c1'",
             "bsc: links.cause: 'nope' is not a process or an objective of this map");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES (NULL, 'f1')",
             "bsc: links.cause: NULL is not allowed; links.cause is required");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('c1', NULL)",
             "bsc: links.effect: NULL is not allowed; links.effect is required");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('', 'f1')",
             "bsc: links.cause: '' is not an id; ids must not be empty");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 3);
  /* a process or an objective may cause; ends are trimmed */
  exec_ok(db, "INSERT INTO links(cause, effect) VALUES (' p2 ', 'c1'), ('l1', ' i1')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(cause || '>' || effect, ' ') FROM links"),
                   "p1>i1 i1>c1 c1>f1 p2>c1 l1>i1");
  db_close(db);
}
END_TEST

START_TEST(kpi_and_measurement_references) {
  sqlite3 *db = sample_map();
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'zz', 'T')",
             "bsc: kpis.objective: 'zz' is not an objective of this map");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'p1', 'T')",
             "bsc: kpis.objective: 'p1' is a process, not an objective");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', NULL, 'T')",
             "bsc: kpis.objective: NULL is not allowed; kpis.objective is required (row id 'k2')");
  exec_fails(db, "UPDATE kpis SET objective='gone' WHERE id='k1'",
             "bsc: kpis.objective: 'gone' is not an objective of this map");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('zz', '2026')",
             "bsc: measurements.kpi: 'zz' is not a KPI of this map");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('f1', '2026')",
             "bsc: measurements.kpi: 'f1' is not a KPI of this map");
  exec_fails(db, "UPDATE measurements SET kpi='k9'",
             "bsc: measurements.kpi: 'k9' is not a KPI of this map");
  /* ids are case-sensitive; one that differs only in case is pointed at */
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('K1', '2026')",
             "bsc: measurements.kpi: 'K1' is not a KPI of this map; did you mean 'k1'?");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('P1', 'F1')",
             "bsc: links.cause: 'P1' is not a process or an objective of this map; did you mean 'p1'?");
  exec_fails(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'I1', 'T')",
             "bsc: kpis.objective: 'I1' is not an objective of this map; did you mean 'i1'?");
  /* a process is no objective, whatever its case */
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES ('p1', 'P2')",
             "bsc: links.effect: 'P2' is not an objective of this map");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), 1);
  exec_ok(db,
          "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'l1', 'T');"
          "UPDATE kpis SET objective='c1' WHERE id='k2';"
          "INSERT INTO measurements(kpi, period) VALUES ('k2', '2026');"
          "UPDATE measurements SET kpi='k2' WHERE kpi='k1'");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements WHERE kpi='k2'"), 2);
  db_close(db);
}
END_TEST

START_TEST(referred_rows_cannot_go) {
  sqlite3 *db = sample_map();
  exec_ok(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'l1', 'T')");
  /* a process named by a link */
  exec_fails(db, "DELETE FROM processes WHERE id='p1'",
             "bsc: processes.id: cannot delete process 'p1': links row (cause 'p1', effect 'i1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "UPDATE processes SET id='p9' WHERE id='p1'",
             "bsc: processes.id: cannot rename process 'p1': links row (cause 'p1', effect 'i1') "
             "still refers to it; change or delete that row first");
  /* an objective as a link's effect, as its cause, and named by a KPI */
  exec_fails(db, "DELETE FROM objectives WHERE id='i1'",
             "bsc: objectives.id: cannot delete objective 'i1': links row (cause 'i1', effect 'c1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "UPDATE objectives SET id='x' WHERE id='c1'",
             "bsc: objectives.id: cannot rename objective 'c1': links row (cause 'c1', effect 'f1') "
             "still refers to it; change or delete that row first");
  exec_ok(db, "DELETE FROM links WHERE cause='c1'");
  exec_fails(db, "DELETE FROM objectives WHERE id='c1'",
             "bsc: objectives.id: cannot delete objective 'c1': links row (cause 'i1', effect 'c1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "DELETE FROM objectives WHERE id='f1'",
             "bsc: objectives.id: cannot delete objective 'f1': kpis row (id 'k1') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "UPDATE objectives SET id='l2' WHERE id='l1'",
             "bsc: objectives.id: cannot rename objective 'l1': kpis row (id 'k2') "
             "still refers to it; change or delete that row first");
  /* a KPI named by a measurement */
  exec_fails(db, "DELETE FROM kpis WHERE id='k1'",
             "bsc: kpis.id: cannot delete KPI 'k1': measurements row (kpi 'k1', period '2026-01') "
             "still refers to it; change or delete that row first");
  exec_fails(db, "UPDATE kpis SET id='k9' WHERE id='k1'",
             "bsc: kpis.id: cannot rename KPI 'k1': measurements row (kpi 'k1', period '2026-01') "
             "still refers to it; change or delete that row first");
  /* a DELETE of many rows stops at the first referred one and deletes nothing */
  exec_fails(db, "DELETE FROM objectives",
             "bsc: objectives.id: cannot delete objective 'f1': kpis row (id 'k1') "
             "still refers to it; change or delete that row first");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 4);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM processes"), 2);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 2);
  /* other columns of referred rows change freely; so does an id with the same trimmed value */
  exec_ok(db,
          "UPDATE objectives SET title='Revenue', weight=2 WHERE id='f1';"
          "UPDATE processes SET title='Build', subprocess='risk' WHERE id='p1';"
          "UPDATE kpis SET title='Sales' WHERE id='k1';"
          "UPDATE objectives SET id=' f1 ' WHERE id='f1'");
  ck_assert_str_eq(query_text(db, "SELECT title FROM objectives WHERE id='f1'"), "Revenue");
  /* unreferred rows go; then the rest, bottom up */
  exec_ok(db,
          "DELETE FROM processes WHERE id='p2';"
          "DELETE FROM measurements; DELETE FROM kpis; DELETE FROM links;"
          "DELETE FROM objectives; DELETE FROM processes");
  ck_assert_int_eq(query_int(db, "SELECT (SELECT count(*) FROM objectives) + (SELECT count(*) FROM processes)"), 0);
  db_close(db);
}
END_TEST

/* ---------------------------------------------------------------- numbers */

/* One numeric column, how to write a value into it, and how its errors
** name the row. */
static const struct {
  const char *zCol;   /* "objectives.weight" */
  const char *zWrite; /* INSERT with one %s for the value */
  const char *zRow;   /* " (row ...)" */
  int isWeight;       /* >= 0 */
  int isCount;        /* whole */
} aNumeric[] = {
  {"objectives.weight", "INSERT INTO objectives(id, title, perspective, weight) VALUES ('x', 'T', 'F', %s)",
   " (row id 'x')", 1, 0},
  {"links.weight", "INSERT INTO links(cause, effect, weight) VALUES ('l1', 'i1', %s)",
   " (row cause 'l1', effect 'i1')", 1, 0},
  {"links.lag", "INSERT INTO links(cause, effect, lag) VALUES ('l1', 'i1', %s)",
   " (row cause 'l1', effect 'i1')", 1, 1},
  {"kpis.baseline", "INSERT INTO kpis(id, objective, title, baseline) VALUES ('x', 'f1', 'T', %s)",
   " (row id 'x')", 0, 0},
  {"kpis.target", "INSERT INTO kpis(id, objective, title, target) VALUES ('x', 'f1', 'T', %s)",
   " (row id 'x')", 0, 0},
  {"kpis.red", "INSERT INTO kpis(id, objective, title, red) VALUES ('x', 'f1', 'T', %s)",
   " (row id 'x')", 0, 0},
  {"kpis.weight", "INSERT INTO kpis(id, objective, title, weight) VALUES ('x', 'f1', 'T', %s)",
   " (row id 'x')", 1, 0},
  {"measurements.actual", "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-Q1', %s)",
   " (row kpi 'k1', period '2026-Q1')", 0, 0},
  {"measurements.target", "INSERT INTO measurements(kpi, period, target) VALUES ('k1', '2026-Q1', %s)",
   " (row kpi 'k1', period '2026-Q1')", 0, 0},
};

static void numeric_fails(sqlite3 *db, int i, const char *zValue, const char *zSaid, int line) {
  char zSql[300], zMsg[300];
  snprintf(zSql, sizeof(zSql), aNumeric[i].zWrite, zValue);
  snprintf(zMsg, sizeof(zMsg), "bsc: %s: %s%s", aNumeric[i].zCol, zSaid, aNumeric[i].zRow);
  exec_fails_at(db, zSql, zMsg, __FILE__, line);
}

START_TEST(numbers_must_be_finite_numbers) {
  sqlite3 *db = sample_map();
  int n = (int)(sizeof(aNumeric) / sizeof(aNumeric[0]));
  for (int i = 0; i < n; i++) {
    const char *zName = strchr(aNumeric[i].zCol, '.') + 1;
    char zSaid[200];
    numeric_fails(db, i, "1e999", "Inf is not a finite number", __LINE__);
    numeric_fails(db, i, "-1e999", "-Inf is not a finite number", __LINE__);
    numeric_fails(db, i, "'1e999'", "Inf is not a finite number", __LINE__);
    numeric_fails(db, i, "'abc'", "'abc' is not a number", __LINE__);
    numeric_fails(db, i, "'12 apples'", "'12 apples' is not a number", __LINE__);
    numeric_fails(db, i, "x'0102'", "a blob of 2 bytes is not allowed; give text or a number", __LINE__);
    numeric_fails(db, i, "x'01'", "a blob of 1 byte is not allowed; give text or a number", __LINE__);
    if (aNumeric[i].isWeight) {
      snprintf(zSaid, sizeof(zSaid), "-1 is negative; %s must be >= 0", zName);
      numeric_fails(db, i, "-1", zSaid, __LINE__);
      snprintf(zSaid, sizeof(zSaid), "-0.5 is negative; %s must be >= 0", zName);
      numeric_fails(db, i, "'-0.5'", zSaid, __LINE__);
    }
    if (aNumeric[i].isCount) {
      numeric_fails(db, i, "1.5", "1.5 is not a whole number", __LINE__);
      numeric_fails(db, i, "'0.25'", "0.25 is not a whole number", __LINE__);
      snprintf(zSaid, sizeof(zSaid), "9223372036854775807 is too large; %s must be at most 1000000000000000",
               zName);
      numeric_fails(db, i, "9223372036854775807", zSaid, __LINE__);
      snprintf(zSaid, sizeof(zSaid), "1.0e+16 is too large; %s must be at most 1000000000000000", zName);
      numeric_fails(db, i, "1e16", zSaid, __LINE__);
    }
  }
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 4);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 3);
  /* an empty or blank text is no number: NULL, so the column's default */
  for (int i = 0; i < n; i++) {
    char zSql[300];
    snprintf(zSql, sizeof(zSql), aNumeric[i].zWrite, i % 2 ? "' '" : "''");
    exec_ok(db, "SAVEPOINT empty");
    exec_ok(db, zSql);
    exec_ok(db, "ROLLBACK TO empty; RELEASE empty");
  }
  ck_assert_str_eq(query_text(db, "SELECT typeof(weight) FROM objectives WHERE id='f1'"), "real");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM kpis"), 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), 1);

  /* numbers given as text are read as numbers; REAL columns hold reals */
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective, weight) VALUES ('x', 'T', 'F', '2.5');"
          "INSERT INTO links(cause, effect, weight, lag) VALUES ('l1', 'i1', 0, '3');"
          "INSERT INTO links(cause, effect, weight, lag) VALUES ('l1', 'c1', 2, 4.0);"
          "INSERT INTO kpis(id, objective, title, baseline, target, red, weight)"
          " VALUES ('x', 'f1', 'T', -5, ' 7 ', '-1.5e2', 0);"
          "INSERT INTO measurements(kpi, period, actual, target) VALUES ('x', '2026', -3, 12)");
  ck_assert_str_eq(query_text(db, "SELECT typeof(weight) || ' ' || weight FROM objectives WHERE id='x'"),
                   "real 2.5");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(typeof(weight) || ' ' || weight || ' ' ||"
                                  " typeof(lag) || ' ' || lag, ', ') FROM links WHERE cause='l1'"),
                   "real 0.0 integer 3, real 2.0 integer 4");
  ck_assert_str_eq(query_text(db, "SELECT typeof(baseline) || baseline || typeof(target) || target ||"
                                  " typeof(red) || red || typeof(weight) || weight FROM kpis WHERE id='x'"),
                   "real-5.0real7.0real-150.0real0.0");
  ck_assert_str_eq(query_text(db, "SELECT typeof(actual) || actual || typeof(target) || target"
                                  " FROM measurements WHERE kpi='x'"),
                   "real-3.0real12.0");
  exec_ok(db, "UPDATE links SET lag=1e15 WHERE cause='l1' AND effect='c1'");
  ck_assert_str_eq(query_text(db, "SELECT lag FROM links WHERE cause='l1' AND effect='c1'"), "1000000000000000");
  /* UPDATE is checked like INSERT */
  exec_fails(db, "UPDATE objectives SET weight=-2 WHERE id='x'",
             "bsc: objectives.weight: -2 is negative; weight must be >= 0 (row id 'x')");
  exec_fails(db, "UPDATE kpis SET target=1e999 WHERE id='x'",
             "bsc: kpis.target: Inf is not a finite number (row id 'x')");
  exec_fails(db, "UPDATE links SET lag=-1 WHERE cause='l1' AND effect='c1'",
             "bsc: links.lag: -1 is negative; lag must be >= 0 (row cause 'l1', effect 'c1')");
  exec_fails(db, "UPDATE measurements SET actual='n/a' WHERE kpi='x'",
             "bsc: measurements.actual: 'n/a' is not a number (row kpi 'x', period '2026')");
  ck_assert_str_eq(query_text(db, "SELECT weight FROM objectives WHERE id='x'"), "2.5");
  db_close(db);
}
END_TEST

START_TEST(nan_arrives_as_null) {
  /* SQLite turns a bound NaN into NULL; a REAL column with a default then takes it */
  sqlite3 *db = sample_map();
  sqlite3_stmt *pStmt = 0;
  ck_assert_int_eq(sqlite3_prepare_v2(db,
                                      "INSERT INTO kpis(id, objective, title, target, weight)"
                                      " VALUES ('x', 'f1', 'T', ?1, ?1)",
                                      -1, &pStmt, 0),
                   SQLITE_OK);
  sqlite3_bind_double(pStmt, 1, NAN);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  ck_assert_int_eq(sqlite3_finalize(pStmt), SQLITE_OK);
  ck_assert_str_eq(query_text(db, "SELECT quote(target) || ' ' || weight FROM kpis WHERE id='x'"),
                   "NULL 1.0");
  db_close(db);
}
END_TEST

/* ---------------------------------------------------------------- periods */

START_TEST(periods_are_normalised) {
  sqlite3 *db = sample_map();
  static const struct {
    const char *in, *stored;
  } a[] = {
    {"'2026'", "2026"},       {"2025", "2025"},           {"'2026-Q3'", "2026-Q3"},
    {"'2026-q4'", "2026-Q4"}, {"'2026-H2'", "2026-H2"},   {"'2026-h1'", "2026-H1"},
    {"'2026-09'", "2026-09"}, {"'2025-9'", "2025-09"},    {"'2026-09-30'", "2026-09-30"},
    {"'2026-2-3'", "2026-02-03"}, {"'2026-W38'", "2026-W38"}, {"'2026-w5'", "2026-W05"},
    {"' 2027-q1 '", "2027-Q1"},
  };
  int n = (int)(sizeof(a) / sizeof(a[0]));
  for (int i = 0; i < n; i++) {
    ok_f(db, "INSERT INTO measurements(kpi, period, actual) VALUES ('k1', %s, %d)", a[i].in, 100 + i);
    char zSql[100];
    snprintf(zSql, sizeof(zSql), "SELECT typeof(period) || ' ' || period FROM measurements WHERE actual=%d",
             100 + i);
    char zWant[40];
    snprintf(zWant, sizeof(zWant), "text %s", a[i].stored);
    ck_assert_msg(strcmp(query_text(db, zSql), zWant) == 0, "%s stored as %s, expected %s", a[i].in,
                  query_text(db, zSql), zWant);
  }
  static const char *aBad[] = {"2026-13", "Q5 2026", "2026-Q5", "2026-H3", "2026-02-30", "26",
                               "2026/09", "2026-W54", "", "september", "2026-09-30T00:00",
                               "2026-Q3-1"};
  for (int i = 0; i < (int)(sizeof(aBad) / sizeof(aBad[0])); i++) {
    char zMsg[300];
    snprintf(zMsg, sizeof(zMsg),
             "bsc: measurements.period: '%s' is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
             "2026-09-30 or 2026-W38",
             aBad[i]);
    fails_f(db, zMsg, "INSERT INTO measurements(kpi, period) VALUES ('k1', %Q)", aBad[i]);
  }
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', 2026.5)",
             "bsc: measurements.period: 2026.5 is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
             "2026-09-30 or 2026-W38");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', NULL)",
             "bsc: measurements.period: NULL is not allowed; measurements.period is required");
  exec_fails(db, "UPDATE measurements SET period='2026-00' WHERE period='2026-01'",
             "bsc: measurements.period: '2026-00' is not a period; use 2026, 2026-H2, 2026-Q3, 2026-09, "
             "2026-09-30 or 2026-W38");
  /* the key is compared after normalisation */
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', '2026-q3')",
             "bsc: measurements: a measurement with kpi 'k1', period '2026-Q3' already exists");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', '2026-1')",
             "bsc: measurements: a measurement with kpi 'k1', period '2026-01' already exists");
  exec_ok(db, "UPDATE measurements SET period='2028-w1' WHERE period='2026-01'");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements WHERE period='2028-W01'"), 1);
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM measurements"), n + 1);
  db_close(db);
}
END_TEST

/* ------------------------------------------------- required, blobs, derived */

START_TEST(required_columns_refuse_null) {
  sqlite3 *db = sample_map();
  static const struct {
    const char *zSql, *zMsg;
  } a[] = {
    {"INSERT INTO processes(id, title, cluster) VALUES (NULL, 'T', 'ops')",
     "bsc: processes.id: NULL is not allowed; processes.id is required"},
    {"INSERT INTO processes(id, title, cluster) VALUES ('x', NULL, 'ops')",
     "bsc: processes.title: NULL is not allowed; processes.title is required (row id 'x')"},
    {"INSERT INTO processes(id, cluster) VALUES ('x', 'ops')",
     "bsc: processes.title: NULL is not allowed; processes.title is required (row id 'x')"},
    {"INSERT INTO processes(id, title) VALUES ('x', 'T')",
     "bsc: processes.cluster: NULL is not allowed; processes.cluster is required (row id 'x')"},
    {"INSERT INTO objectives(title, perspective) VALUES ('T', 'F')",
     "bsc: objectives.id: NULL is not allowed; objectives.id is required"},
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x', NULL, 'F')",
     "bsc: objectives.title: NULL is not allowed; objectives.title is required (row id 'x')"},
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', NULL)",
     "bsc: objectives.perspective: NULL is not allowed; objectives.perspective is required (row id 'x')"},
    {"INSERT INTO objectives DEFAULT VALUES",
     "bsc: objectives.id: NULL is not allowed; objectives.id is required"},
    {"INSERT INTO links(effect) VALUES ('f1')",
     "bsc: links.cause: NULL is not allowed; links.cause is required"},
    {"INSERT INTO links(cause) VALUES ('c1')",
     "bsc: links.effect: NULL is not allowed; links.effect is required"},
    {"INSERT INTO kpis(id, objective, title) VALUES (NULL, 'f1', 'T')",
     "bsc: kpis.id: NULL is not allowed; kpis.id is required"},
    {"INSERT INTO kpis(id, title) VALUES ('x', 'T')",
     "bsc: kpis.objective: NULL is not allowed; kpis.objective is required (row id 'x')"},
    {"INSERT INTO kpis(id, objective) VALUES ('x', 'f1')",
     "bsc: kpis.title: NULL is not allowed; kpis.title is required (row id 'x')"},
    {"INSERT INTO measurements(period) VALUES ('2026')",
     "bsc: measurements.kpi: NULL is not allowed; measurements.kpi is required"},
    {"INSERT INTO measurements(kpi) VALUES ('k1')",
     "bsc: measurements.period: NULL is not allowed; measurements.period is required"},
    /* a required text that is only blanks is as good as none */
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x', '  ', 'F')",
     "bsc: objectives.title: '  ' is empty; objectives.title is required (row id 'x')"},
    {"INSERT INTO processes(id, title, cluster) VALUES ('x', '', 'ops')",
     "bsc: processes.title: '' is empty; processes.title is required (row id 'x')"},
    {"INSERT INTO kpis(id, objective, title) VALUES ('x', 'f1', char(9))",
     "bsc: kpis.title: '\t' is empty; kpis.title is required (row id 'x')"},
    {"INSERT INTO kpis(id, objective, title) VALUES ('x', 'f1', char(160, 8203))",
     "bsc: kpis.title: '\xc2\xa0\xe2\x80\x8b' is empty; kpis.title is required (row id 'x')"},
    /* UPDATE too */
    {"UPDATE processes SET title=NULL WHERE id='p1'",
     "bsc: processes.title: NULL is not allowed; processes.title is required (row id 'p1')"},
    {"UPDATE processes SET cluster=NULL WHERE id='p1'",
     "bsc: processes.cluster: NULL is not allowed; processes.cluster is required (row id 'p1')"},
    {"UPDATE objectives SET perspective=NULL WHERE id='f1'",
     "bsc: objectives.perspective: NULL is not allowed; objectives.perspective is required (row id 'f1')"},
    {"UPDATE objectives SET id=NULL WHERE id='l1'",
     "bsc: objectives.id: NULL is not allowed; objectives.id is required"},
    {"UPDATE links SET effect=NULL", "bsc: links.effect: NULL is not allowed; links.effect is required"},
    {"UPDATE kpis SET title=NULL", "bsc: kpis.title: NULL is not allowed; kpis.title is required (row id 'k1')"},
    {"UPDATE measurements SET kpi=NULL",
     "bsc: measurements.kpi: NULL is not allowed; measurements.kpi is required"},
  };
  for (int i = 0; i < (int)(sizeof(a) / sizeof(a[0])); i++) exec_fails(db, a[i].zSql, a[i].zMsg);
  ck_assert_str_eq(query_text(db, "SELECT (SELECT count(*) FROM processes) || (SELECT count(*) FROM objectives)"
                                  " || (SELECT count(*) FROM links) || (SELECT count(*) FROM kpis)"
                                  " || (SELECT count(*) FROM measurements)"),
                   "24311");
  /* optional columns take NULL */
  exec_ok(db,
          "INSERT INTO processes(id, title, cluster, subprocess, owner, description)"
          " VALUES ('p3', 'T', 'ops', NULL, NULL, NULL);"
          "UPDATE objectives SET owner=NULL, description=NULL, cluster=NULL WHERE id='i1';"
          "INSERT INTO kpis(id, objective, title, unit, baseline, target, red) VALUES ('k2', 'f1', 'T', NULL, NULL, NULL, NULL);"
          "INSERT INTO measurements(kpi, period, actual, target, note) VALUES ('k2', '2026', NULL, NULL, NULL)");
  ck_assert_str_eq(query_text(db, "SELECT quote(actual) || quote(target) || quote(note) FROM measurements WHERE kpi='k2'"),
                   "NULLNULLNULL");
  db_close(db);
}
END_TEST

START_TEST(blobs_are_refused) {
  sqlite3 *db = sample_map();
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES (x'6f31', 'T', 'F')",
             "bsc: objectives.id: a blob of 2 bytes is not allowed; give text or a number");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('x', x'00', 'F')",
             "bsc: objectives.title: a blob of 1 byte is not allowed; give text or a number (row id 'x')");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', x'46')",
             "bsc: objectives.perspective: a blob of 1 byte is not allowed; give text or a number (row id 'x')");
  exec_fails(db, "INSERT INTO processes(id, title, cluster, subprocess) VALUES ('x', 'T', 'ops', zeroblob(3))",
             "bsc: processes.subprocess: a blob of 3 bytes is not allowed; give text or a number (row id 'x')");
  exec_fails(db, "INSERT INTO processes(id, title, cluster, owner) VALUES ('x', 'T', 'ops', x'')",
             "bsc: processes.owner: a blob of 0 bytes is not allowed; give text or a number (row id 'x')");
  exec_fails(db, "INSERT INTO links(cause, effect) VALUES (CAST('l1' AS BLOB), 'f1')",
             "bsc: links.cause: a blob of 2 bytes is not allowed; give text or a number");
  exec_fails(db, "INSERT INTO links(cause, effect, sign) VALUES ('l1', 'f1', x'2b')",
             "bsc: links.sign: a blob of 1 byte is not allowed; give text or a number (row cause 'l1', effect 'f1')");
  exec_fails(db, "INSERT INTO measurements(kpi, period) VALUES ('k1', CAST('2026' AS BLOB))",
             "bsc: measurements.period: a blob of 4 bytes is not allowed; give text or a number");
  exec_fails(db, "UPDATE kpis SET unit=x'6575726f' WHERE id='k1'",
             "bsc: kpis.unit: a blob of 4 bytes is not allowed; give text or a number (row id 'k1')");
  exec_fails(db, "UPDATE measurements SET note=x'00'",
             "bsc: measurements.note: a blob of 1 byte is not allowed; give text or a number "
             "(row kpi 'k1', period '2026-01')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM links"), 3);
  ck_assert_str_eq(query_text(db, "SELECT quote(unit) FROM kpis"), "NULL");
  db_close(db);
}
END_TEST

START_TEST(nul_characters_are_refused) {
  /* a text with a NUL inside used to be cut at the NUL and stored: 'a' for 'a\0b' */
  static const struct {
    const char *zSql, *zSaid; /* zSaid: column and value, then the row if any */
  } aCase[] = {
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x', 'a' || char(0) || 'b', 'F')",
     "objectives.title: 'a' followed by a NUL character (byte 2 of 3)%s (row id 'x')"},
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x' || char(0) || 'y', 'T', 'F')",
     "objectives.id: 'x' followed by a NUL character (byte 2 of 3)%s"},
    {"INSERT INTO links(cause, effect) VALUES ('l1', 'f1' || char(0))",
     "links.effect: 'f1' followed by a NUL character (byte 3 of 3)%s"},
    {"INSERT INTO objectives(id, title, perspective) VALUES ('x', 'T', 'F' || char(0) || 'oo')",
     "objectives.perspective: 'F' followed by a NUL character (byte 2 of 4)%s (row id 'x')"},
    {"INSERT INTO measurements(kpi, period) VALUES ('k1', '2026' || char(0) || '-13')",
     "measurements.period: '2026' followed by a NUL character (byte 5 of 8)%s"},
    {"UPDATE measurements SET actual = '12' || char(0)",
     "measurements.actual: '12' followed by a NUL character (byte 3 of 3)%s (row kpi 'k1', period '2026-01')"},
    {"UPDATE kpis SET unit = char(0)",
     "kpis.unit: '' followed by a NUL character (byte 1 of 1)%s (row id 'k1')"},
  };
  sqlite3 *db = sample_map();
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    char zSaid[300], zMsg[400];
    snprintf(zSaid, sizeof(zSaid), aCase[i].zSaid, " is not allowed; text may not hold NUL characters");
    snprintf(zMsg, sizeof(zMsg), "bsc: %s", zSaid);
    exec_fails(db, aCase[i].zSql, zMsg);
  }
  /* nothing was written */
  ck_assert_str_eq(query_text(db, "SELECT (SELECT count(*) FROM objectives) || (SELECT count(*) FROM links)"
                                  " || (SELECT group_concat(period || '=' || actual) FROM measurements)"
                                  " || (SELECT quote(unit) FROM kpis)"),
                   "432026-01=10.0NULL");
  db_close(db);
}
END_TEST

START_TEST(derived_kpis_is_read_only) {
  sqlite3 *db = sample_map();
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis, ' ') FROM objectives"),
                   "f1=1 c1=0 i1=0 l1=0");
  exec_ok(db, "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'f1', 'T'), ('k3', 'c1', 'T')");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis, ' ') FROM objectives"),
                   "f1=2 c1=1 i1=0 l1=0");
  ck_assert_str_eq(query_text(db, "SELECT typeof(kpis) FROM objectives WHERE id='f1'"), "integer");
  /* UPDATE ... FROM hands every column over, kpis with its current value: no write */
  exec_ok(db, "UPDATE objectives SET owner = k.title FROM kpis k WHERE k.id = 'k3' AND k.objective = objectives.id");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || ifnull(owner, '-'), ' ') FROM objectives"),
                   "f1=- c1=T i1=- l1=-");
  exec_fails(db, "UPDATE objectives SET kpis = 7 FROM kpis k WHERE k.objective = objectives.id",
             "bsc: objectives.kpis: 7 not written; kpis is derived from the map and read-only (row id 'f1')");
  exec_fails(db, "UPDATE objectives SET kpis = kpis + 1 WHERE id = 'l1'",
             "bsc: objectives.kpis: 1 not written; kpis is derived from the map and read-only (row id 'l1')");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective, kpis) VALUES ('x', 'T', 'F', 3)",
             "bsc: objectives.kpis: 3 not written; kpis is derived from the map and read-only (row id 'x')");
  exec_fails(db, "INSERT INTO objectives(id, title, perspective, kpis) VALUES ('x', 'T', 'F', 0)",
             "bsc: objectives.kpis: 0 not written; kpis is derived from the map and read-only (row id 'x')");
  exec_fails(db, "INSERT INTO objectives VALUES ('x', 'T', 'F', NULL, 1, NULL, NULL, 'many', NULL, NULL, NULL, NULL)",
             "bsc: objectives.kpis: 'many' not written; kpis is derived from the map and read-only (row id 'x')");
  exec_fails(db, "UPDATE objectives SET kpis=5 WHERE id='c1'",
             "bsc: objectives.kpis: 5 not written; kpis is derived from the map and read-only (row id 'c1')");
  exec_fails(db, "UPDATE objectives SET kpis=NULL WHERE id='c1'",
             "bsc: objectives.kpis: NULL not written; kpis is derived from the map and read-only (row id 'c1')");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives"), 4);
  /* NULL on INSERT is no write, so a full-row INSERT works; UPDATEs of other columns too */
  exec_ok(db,
          "INSERT INTO objectives VALUES ('x', 'T', 'F', NULL, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL);"
          "UPDATE objectives SET title='Grow' WHERE id='f1'");
  ck_assert_str_eq(query_text(db, "SELECT title || kpis FROM objectives WHERE id='f1'"), "Grow2");
  /* it follows the KPIs: moved and deleted */
  exec_ok(db, "UPDATE kpis SET objective='x' WHERE id='k2'; DELETE FROM kpis WHERE id='k3'");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(id || '=' || kpis, ' ') FROM objectives"),
                   "f1=1 c1=0 i1=0 l1=0 x=1");
  ck_assert_int_eq(query_int(db, "SELECT count(*) FROM objectives WHERE kpis=0"), 3);
  db_close(db);
}
END_TEST

START_TEST(defaults_when_omitted_or_null) {
  sqlite3 *db = sample_map();
  exec_ok(db,
          "INSERT INTO objectives(id, title, perspective) VALUES ('o1', 'T', 'F');"
          "INSERT INTO objectives(id, title, perspective, weight) VALUES ('o2', 'T', 'F', NULL);"
          "INSERT INTO links(cause, effect) VALUES ('l1', 'i1');"
          "INSERT INTO links(cause, effect, weight, sign, lag) VALUES ('l1', 'c1', NULL, NULL, NULL);"
          "INSERT INTO kpis(id, objective, title) VALUES ('k2', 'f1', 'T');"
          "INSERT INTO kpis(id, objective, title, polarity, weight, frequency, aggregation)"
          " VALUES ('k3', 'f1', 'T', NULL, NULL, NULL, NULL)");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(typeof(weight) || ' ' || weight, ', ')"
                                  " FROM objectives WHERE id IN ('o1', 'o2')"),
                   "real 1.0, real 1.0");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(typeof(weight) || ' ' || weight || ' ' || sign || ' '"
                                  " || typeof(lag) || ' ' || lag || ' ' || quote(note), ', ')"
                                  " FROM links WHERE cause='l1'"),
                   "real 1.0 positive integer 0 NULL, real 1.0 positive integer 0 NULL");
  ck_assert_str_eq(query_text(db, "SELECT group_concat(polarity || ' ' || weight || ' ' || frequency || ' '"
                                  " || aggregation || ' ' || quote(unit) || quote(baseline) || quote(target)"
                                  " || quote(red), ', ') FROM kpis WHERE id IN ('k2', 'k3')"),
                   "higher 1.0 month last NULLNULLNULLNULL, higher 1.0 month last NULLNULLNULLNULL");
  /* and when an UPDATE writes NULL */
  exec_ok(db,
          "UPDATE objectives SET weight=3 WHERE id='o1';"
          "UPDATE objectives SET weight=NULL WHERE id='o1';"
          "UPDATE links SET sign='negative', lag=2 WHERE effect='c1';"
          "UPDATE links SET sign=NULL, lag=NULL WHERE effect='c1';"
          "UPDATE kpis SET polarity='lower', aggregation='sum' WHERE id='k2';"
          "UPDATE kpis SET polarity=NULL, aggregation=NULL WHERE id='k2'");
  ck_assert_str_eq(query_text(db, "SELECT weight FROM objectives WHERE id='o1'"), "1.0");
  ck_assert_str_eq(query_text(db, "SELECT sign || lag FROM links WHERE effect='c1'"), "positive0");
  ck_assert_str_eq(query_text(db, "SELECT polarity || aggregation FROM kpis WHERE id='k2'"), "higherlast");
  /* columns without a default stay NULL */
  ck_assert_str_eq(query_text(db, "SELECT quote(cluster) || quote(owner) || quote(description)"
                                  " FROM objectives WHERE id='o1'"),
                   "NULLNULLNULL");
  ck_assert_str_eq(query_text(db, "SELECT quote(subprocess) || quote(owner) FROM processes WHERE id='p2'"),
                   "NULLNULL");
  db_close(db);
}
END_TEST

Suite *tables_suite(void) {
  Suite *s = suite_create("tables");
  TCase *tc = tcase_create("columns");
  tcase_add_test(tc, declared_columns_are_the_issues);
  tcase_add_test(tc, schema_sql_creates_the_map);
  suite_add_tcase(s, tc);
  tc = tcase_create("vocabulary");
  tcase_add_test(tc, perspective_spellings);
  tcase_add_test(tc, cluster_spellings);
  tcase_add_test(tc, words_and_periods_trim_pasted_spaces);
  tcase_add_test(tc, cluster_only_on_internal_objectives);
  tcase_add_test(tc, subprocess_belongs_to_its_cluster);
  tcase_add_test(tc, link_and_kpi_words);
  suite_add_tcase(s, tc);
  tc = tcase_create("ids and references");
  tcase_add_test(tc, ids_are_trimmed_and_bounded);
  tcase_add_test(tc, short_texts_keep_to_their_declared_size);
  tcase_add_test(tc, ids_unique_across_processes_and_objectives);
  tcase_add_test(tc, link_ends_must_exist);
  tcase_add_test(tc, kpi_and_measurement_references);
  tcase_add_test(tc, referred_rows_cannot_go);
  suite_add_tcase(s, tc);
  tc = tcase_create("values");
  tcase_add_test(tc, numbers_must_be_finite_numbers);
  tcase_add_test(tc, nan_arrives_as_null);
  tcase_add_test(tc, periods_are_normalised);
  tcase_add_test(tc, required_columns_refuse_null);
  tcase_add_test(tc, blobs_are_refused);
  tcase_add_test(tc, nul_characters_are_refused);
  tcase_add_test(tc, derived_kpis_is_read_only);
  tcase_add_test(tc, defaults_when_omitted_or_null);
  suite_add_tcase(s, tc);
  return s;
}
