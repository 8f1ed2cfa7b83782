/* Differential tests of the graph functions on random maps: bsc_reach
** against a recursive CTE over the links table, bsc_chains against a
** brute-force path enumerator written here, and the checker's cycle and
** no_financial_path findings against brute-force searches. The maps are
** small and many (cycles included), from a fixed seed. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_MAPS 1000
#define MAX_NODE 8
#define MAX_LINK (MAX_NODE * MAX_NODE)

/* Ids chosen so that the order of nodes and the order of paths as text
** differ ("a" < "a =x", but "s > a =x" < "s > a > f"), with characters
** that JSON must escape and bytes above 0x7f. */
static const char *const azPool[] = {"a", "a =x", "a b", "a-b", "b", "B", "c", "ä", "x\"y",
                                     "z\\w", "m", "n1", "n10", "n2"};
#define N_POOL (int)(sizeof(azPool) / sizeof(azPool[0]))

typedef struct Map {
  int nNode, nLink;
  const char *azId[MAX_NODE];
  int isProcess[MAX_NODE], persp[MAX_NODE]; /* 0 financial .. 3 learning */
  int aFrom[MAX_LINK], aTo[MAX_LINK], aNeg[MAX_LINK];
  double aWeight[MAX_LINK];
} Map;

static unsigned long long rngState;
static unsigned rnd(unsigned n) { /* xorshift64* */
  rngState ^= rngState >> 12;
  rngState ^= rngState << 25;
  rngState ^= rngState >> 27;
  return (unsigned)((rngState * 2685821657736338717ULL) >> 33) % n;
}

static void random_map(Map *m) {
  static const double aWeight[] = {0, 0.5, 1, 1.5, 2, 3};
  int aPick[N_POOL];
  memset(m, 0, sizeof(*m));
  for (int i = 0; i < N_POOL; i++) aPick[i] = i;
  m->nNode = 2 + (int)rnd(MAX_NODE - 1);
  for (int i = 0; i < m->nNode; i++) {
    int j = i + (int)rnd((unsigned)(N_POOL - i)), t = aPick[i];
    aPick[i] = aPick[j];
    aPick[j] = t;
    m->azId[i] = azPool[aPick[i]];
    m->isProcess[i] = rnd(4) == 0;
    m->persp[i] = m->isProcess[i] ? 2 : (int)rnd(4);
  }
  int nTry = (int)rnd((unsigned)(2 * m->nNode * 2 + 1));
  for (int t = 0; t < nTry; t++) {
    int from = (int)rnd((unsigned)m->nNode), to = (int)rnd((unsigned)m->nNode), dup = 0;
    if (from == to || m->isProcess[to]) continue;
    for (int k = 0; k < m->nLink; k++) dup |= m->aFrom[k] == from && m->aTo[k] == to;
    if (dup) continue;
    m->aFrom[m->nLink] = from;
    m->aTo[m->nLink] = to;
    m->aWeight[m->nLink] = aWeight[rnd(6)];
    m->aNeg[m->nLink] = rnd(10) < 3;
    m->nLink++;
  }
}

/* sqlite3_str_finish() gives NULL for an empty string; these want "". */
static char *finish(sqlite3_str *s) {
  char *z = sqlite3_str_finish(s);
  return z ? z : sqlite3_mprintf("%s", "");
}

static void run_bound(sqlite3 *db, sqlite3_stmt *pStmt) {
  int rc = sqlite3_step(pStmt);
  ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sqlite3_sql(pStmt), sqlite3_errmsg(db));
  sqlite3_reset(pStmt);
}

static void store_map(sqlite3 *db, const Map *m) {
  static const char *const azPersp[] = {"financial", "customer", "internal", "learning"};
  static const char *const azCluster[] = {"operations", "customer_management", "innovation",
                                          "regulatory_social"};
  sqlite3_stmt *pProc, *pObj, *pLink;
  exec_ok(db, "DELETE FROM links; DELETE FROM objectives; DELETE FROM processes;");
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO processes(id, title, cluster) VALUES (?, 'P', ?)",
                                      -1, &pProc, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO objectives(id, title, perspective) VALUES (?, 'O', ?)",
                                      -1, &pObj, 0), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO links(cause, effect, weight, sign) VALUES (?, ?, ?, ?)",
                                      -1, &pLink, 0), SQLITE_OK);
  for (int i = 0; i < m->nNode; i++) {
    sqlite3_stmt *p = m->isProcess[i] ? pProc : pObj;
    sqlite3_bind_text(p, 1, m->azId[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(p, 2, m->isProcess[i] ? azCluster[i % 4] : azPersp[m->persp[i]], -1, SQLITE_STATIC);
    run_bound(db, p);
  }
  for (int k = 0; k < m->nLink; k++) {
    sqlite3_bind_text(pLink, 1, m->azId[m->aFrom[k]], -1, SQLITE_STATIC);
    sqlite3_bind_text(pLink, 2, m->azId[m->aTo[k]], -1, SQLITE_STATIC);
    sqlite3_bind_double(pLink, 3, m->aWeight[k]);
    sqlite3_bind_text(pLink, 4, m->aNeg[k] ? "negative" : "positive", -1, SQLITE_STATIC);
    run_bound(db, pLink);
  }
  sqlite3_finalize(pProc);
  sqlite3_finalize(pObj);
  sqlite3_finalize(pLink);
}

/* ------------------------------------------------ chains, by brute force */

typedef struct Chain {
  const char *zStart;
  int len;
  char zPath[256];
  char zLine[800];
} Chain;

typedef struct Brute {
  const Map *m;
  int mxLen;
  int aPath[MAX_NODE + 1], aLink[MAX_NODE + 1], nPath;
  Chain *a;
  int n, nAlloc;
} Brute;

static void json_id(char *z, size_t n, const char *zId) {
  size_t k = strlen(z);
  z[k++] = '"';
  for (; *zId && k + 3 < n; zId++) {
    if (*zId == '"' || *zId == '\\') z[k++] = '\\';
    z[k++] = *zId;
  }
  z[k++] = '"';
  z[k] = 0;
}

static void record_chain(Brute *b) {
  const Map *m = b->m;
  if (b->n == b->nAlloc) {
    b->nAlloc = b->nAlloc ? 2 * b->nAlloc : 64;
    b->a = realloc(b->a, sizeof(Chain) * (size_t)b->nAlloc);
    ck_assert_ptr_nonnull(b->a);
  }
  Chain *c = &b->a[b->n++];
  char zNodes[400] = "[";
  double strength = 1.0;
  c->zPath[0] = 0;
  for (int i = 0; i < b->nPath; i++) {
    if (i > 0) {
      int k = b->aLink[i];
      strength *= m->aNeg[k] ? -m->aWeight[k] : m->aWeight[k];
      strcat(c->zPath, " > ");
      strcat(zNodes, ",");
    }
    strcat(c->zPath, m->azId[b->aPath[i]]);
    json_id(zNodes, sizeof(zNodes), m->azId[b->aPath[i]]);
  }
  strcat(zNodes, "]");
  if (strength == 0) strength = 0;
  c->zStart = m->azId[b->aPath[0]];
  c->len = b->nPath - 1;
  snprintf(c->zLine, sizeof(c->zLine), "%s|%s|%d|%.17g|%s|%s\n", c->zStart,
           m->azId[b->aPath[b->nPath - 1]], c->len, strength, c->zPath, zNodes);
}

/* Every simple path from the path's end, no pruning. */
static void brute_walk(Brute *b) {
  const Map *m = b->m;
  int last = b->aPath[b->nPath - 1];
  if (b->nPath > 1 && !m->isProcess[last] && m->persp[last] == 0) record_chain(b);
  if (b->nPath - 1 >= b->mxLen) return;
  for (int k = 0; k < m->nLink; k++) {
    if (m->aFrom[k] != last) continue;
    int on = 0;
    for (int i = 0; i < b->nPath; i++) on |= b->aPath[i] == m->aTo[k];
    if (on) continue;
    b->aPath[b->nPath] = m->aTo[k];
    b->aLink[b->nPath++] = k;
    brute_walk(b);
    b->nPath--;
  }
}

static int cmp_chain(const void *x, const void *y) {
  const Chain *a = x, *b = y;
  int c = strcmp(a->zStart, b->zStart);
  if (c) return c;
  if (a->len != b->len) return a->len - b->len;
  return strcmp(a->zPath, b->zPath);
}

/* The brute force's rows for start iStart (-1: every process). */
static char *brute_chains(const Map *m, int iStart, int mxLen) {
  Brute b;
  memset(&b, 0, sizeof(b));
  b.m = m;
  b.mxLen = mxLen;
  for (int s = 0; s < m->nNode; s++) {
    if (iStart >= 0 ? s != iStart : !m->isProcess[s]) continue;
    b.aPath[0] = s;
    b.nPath = 1;
    brute_walk(&b);
  }
  if (b.n > 1) qsort(b.a, (size_t)b.n, sizeof(Chain), cmp_chain);
  sqlite3_str *s = sqlite3_str_new(0);
  for (int i = 0; i < b.n; i++) sqlite3_str_appendall(s, b.a[i].zLine);
  free(b.a);
  return finish(s);
}

static char *bsc_chains_rows(sqlite3 *db, const Map *m, int iStart, int mxLen) {
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT * FROM bsc_chains(?, ?)", -1, &pStmt, 0), SQLITE_OK);
  if (iStart >= 0) sqlite3_bind_text(pStmt, 1, m->azId[iStart], -1, SQLITE_STATIC);
  sqlite3_bind_int(pStmt, 2, mxLen);
  sqlite3_str *s = sqlite3_str_new(0);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    sqlite3_str_appendf(s, "%s|%s|%d|%.17g|%s|%s\n", sqlite3_column_text(pStmt, 0),
                        sqlite3_column_text(pStmt, 1), sqlite3_column_int(pStmt, 2),
                        sqlite3_column_double(pStmt, 3), sqlite3_column_text(pStmt, 4),
                        sqlite3_column_text(pStmt, 5));
  }
  ck_assert_msg(sqlite3_finalize(pStmt) == SQLITE_OK, "%s", sqlite3_errmsg(db));
  return finish(s);
}

/* ------------------------------------------------------ reach, by a CTE */

static char *all_rows(sqlite3 *db, const char *zSql, const char *zStart, int n) {
  sqlite3_stmt *pStmt;
  ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0), SQLITE_OK);
  if (sqlite3_bind_parameter_count(pStmt) >= 1) sqlite3_bind_text(pStmt, 1, zStart, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count(pStmt) >= 2) sqlite3_bind_int(pStmt, 2, n);
  sqlite3_str *s = sqlite3_str_new(0);
  while (sqlite3_step(pStmt) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(pStmt); i++) {
      sqlite3_str_appendf(s, "%s%s", i ? "|" : "", sqlite3_column_text(pStmt, i));
    }
    sqlite3_str_appendchar(s, 1, '\n');
  }
  ck_assert_msg(sqlite3_finalize(pStmt) == SQLITE_OK, "%s", sqlite3_errmsg(db));
  return finish(s);
}

/* Walks of up to ?2 links from ?1; per node the fewest links, and the
** smallest first hop among the walks that short. The links table is read
** once per query (each scan of a bsc table prepares a statement). */
#define REACH_CTE(NEXT, PREV)                                                              \
  "WITH RECURSIVE l AS MATERIALIZED (SELECT cause, effect FROM links),"                    \
  " walk(node, dist, via) AS ("                                                            \
  "  SELECT " NEXT ", 1, " NEXT " FROM l WHERE " PREV " = ?1"                              \
  "  UNION"                                                                                \
  "  SELECT l." NEXT ", w.dist + 1, w.via FROM walk w JOIN l ON l." PREV " = w.node"       \
  "  WHERE w.dist < ?2),"                                                                  \
  " best(node, dist) AS (SELECT node, min(dist) FROM walk WHERE node <> ?1 GROUP BY node)" \
  " SELECT b.node, o.perspective, b.dist,"                                                 \
  "  (SELECT min(via) FROM walk w WHERE w.node = b.node AND w.dist = b.dist)"              \
  " FROM best b JOIN objectives o ON o.id = b.node ORDER BY b.dist, b.node"

/* ------------------------------------------------------- checker findings */

/* reach[i][j]: a path of one link or more leads from i to j. */
static void closure(const Map *m, int reach[MAX_NODE][MAX_NODE]) {
  memset(reach, 0, sizeof(int) * MAX_NODE * MAX_NODE);
  for (int k = 0; k < m->nLink; k++) reach[m->aFrom[k]][m->aTo[k]] = 1;
  for (int k = 0; k < m->nNode; k++)
    for (int i = 0; i < m->nNode; i++)
      for (int j = 0; j < m->nNode; j++) reach[i][j] |= reach[i][k] && reach[k][j];
}

/* Elementary cycles: every simple path that closes, rotated to start at
** its smallest id, each kept once. */
typedef struct Cycles {
  const Map *m;
  int aPath[MAX_NODE], nPath;
  char azSeen[400][128];
  int nSeen;
} Cycles;

static void cycles_walk(Cycles *c) {
  const Map *m = c->m;
  int last = c->aPath[c->nPath - 1];
  for (int k = 0; k < m->nLink; k++) {
    if (m->aFrom[k] != last) continue;
    int to = m->aTo[k], at = -1;
    for (int i = 0; i < c->nPath; i++) at = c->aPath[i] == to ? i : at;
    if (at == 0) {
      int min = 0;
      for (int i = 1; i < c->nPath; i++) min = strcmp(m->azId[c->aPath[i]], m->azId[c->aPath[min]]) < 0 ? i : min;
      char z[128] = "";
      for (int i = 0; i <= c->nPath; i++) {
        strcat(z, m->azId[c->aPath[(min + i) % c->nPath]]);
        if (i < c->nPath) strcat(z, " > ");
      }
      int seen = 0;
      for (int i = 0; i < c->nSeen; i++) seen |= strcmp(c->azSeen[i], z) == 0;
      if (!seen) {
        ck_assert_int_lt(c->nSeen, 400);
        strcpy(c->azSeen[c->nSeen++], z);
      }
    }
    if (at >= 0) continue;
    c->aPath[c->nPath++] = to;
    cycles_walk(c);
    c->nPath--;
  }
}

static int check_findings(sqlite3 *db, const Map *m) {
  int reach[MAX_NODE][MAX_NODE];
  closure(m, reach);
  /* no_financial_path: the nodes from which no financial objective is reached */
  char zWant[512] = "";
  const char *azSorted[MAX_NODE];
  for (int i = 0; i < m->nNode; i++) azSorted[i] = m->azId[i];
  for (int i = 0; i < m->nNode; i++)
    for (int j = i + 1; j < m->nNode; j++)
      if (strcmp(azSorted[j], azSorted[i]) < 0) {
        const char *t = azSorted[i];
        azSorted[i] = azSorted[j];
        azSorted[j] = t;
      }
  for (int s = 0; s < m->nNode; s++) {
    int i = 0, ok = 0;
    while (m->azId[i] != azSorted[s]) i++;
    if (!m->isProcess[i] && m->persp[i] == 0) continue;
    for (int j = 0; j < m->nNode; j++) ok |= reach[i][j] && !m->isProcess[j] && m->persp[j] == 0;
    if (!ok) snprintf(zWant + strlen(zWant), sizeof(zWant) - strlen(zWant), "%s\n", azSorted[s]);
  }
  char *zGot = all_rows(db, "SELECT subject FROM bsc_check WHERE rule = 'no_financial_path'", 0, 0);
  ck_assert_str_eq(zGot, zWant);
  sqlite3_free(zGot);

  Cycles *c = calloc(1, sizeof(Cycles));
  ck_assert_ptr_nonnull(c);
  c->m = m;
  for (int s = 0; s < m->nNode; s++) {
    c->aPath[0] = s;
    c->nPath = 1;
    cycles_walk(c);
  }
  zGot = all_rows(db, "SELECT message FROM bsc_check WHERE rule = 'cycle'", 0, 0);
  /* each cycle the brute force found, up to the checker's 100 */
  int nGot = 0;
  for (const char *z = zGot; (z = strstr(z, "causal cycle ")) != 0; z++) {
    char zPath[128];
    size_t n = strcspn(z + 13, ":");
    ck_assert_uint_lt(n, sizeof(zPath));
    memcpy(zPath, z + 13, n);
    zPath[n] = 0;
    int seen = 0;
    for (int i = 0; i < c->nSeen; i++) seen |= strcmp(c->azSeen[i], zPath) == 0;
    ck_assert_msg(seen, "bsc_check's cycle %s is not one of the brute force's", zPath);
    nGot++;
  }
  ck_assert_int_eq(nGot, c->nSeen < 100 ? c->nSeen : 100);
  ck_assert_int_eq(strstr(zGot, "more causal cycles than the 100 listed") != 0, c->nSeen > 100);
  sqlite3_free(zGot);
  int nCycle = c->nSeen;
  free(c);
  return nCycle;
}

START_TEST(random_maps_agree) {
  sqlite3 *db = db_with_map();
  Map m;
  int nWithCycle = 0, nChainRows = 0;
  rngState = 0x9e3779b97f4a7c15ULL;
  for (int iMap = 0; iMap < N_MAPS; iMap++) {
    random_map(&m);
    store_map(db, &m);
    int iReach = (int)rnd((unsigned)m.nNode);
    for (int s = -1; s < m.nNode; s++) {
      int mxLen = 1 + (int)rnd((unsigned)m.nNode);
      char *zWant = brute_chains(&m, s, mxLen);
      char *zGot = bsc_chains_rows(db, &m, s, mxLen);
      ck_assert_msg(strcmp(zGot, zWant) == 0, "map %d, start %s, max_length %d:\nbsc_chains:\n%.1500s\nbrute force:\n%.1500s",
                    iMap, s < 0 ? "NULL" : m.azId[s], mxLen, zGot, zWant);
      nChainRows += zWant[0] != 0;
      sqlite3_free(zWant);
      sqlite3_free(zGot);
      if (s != iReach) continue; /* a CTE takes a while: one start per map */
      for (int up = 0; up <= 1; up++) {
        zWant = all_rows(db, up ? REACH_CTE("cause", "effect") : REACH_CTE("effect", "cause"), m.azId[s], m.nNode);
        zGot = all_rows(db, up ? "SELECT * FROM bsc_reach(?1, 'up')" : "SELECT * FROM bsc_reach(?1)",
                        m.azId[s], m.nNode);
        ck_assert_msg(strcmp(zGot, zWant) == 0, "map %d, reach %s from %s:\nbsc_reach:\n%.1500s\nCTE:\n%.1500s", iMap,
                      up ? "up" : "down", m.azId[s], zGot, zWant);
        sqlite3_free(zWant);
        sqlite3_free(zGot);
      }
    }
    nWithCycle += check_findings(db, &m) > 0;
  }
  /* the maps are worth the name: many have cycles, many have chains */
  ck_assert_int_gt(nWithCycle, N_MAPS / 5);
  ck_assert_int_gt(nChainRows, N_MAPS);
  db_close(db);
}
END_TEST

Suite *graph_diff_suite(void) {
  Suite *s = suite_create("graph_diff");
  TCase *tc = tcase_create("random maps");
  tcase_set_timeout(tc, 300); /* some seconds; many more under ASan */
  /* it compares printed strengths: under valgrind, whose long double has
  ** only double's precision, SQLite prints 81 as 80.99999999999999 */
  tcase_set_tags(tc, "printed-doubles");
  tcase_add_test(tc, random_maps_agree);
  suite_add_tcase(s, tc);
  return s;
}
