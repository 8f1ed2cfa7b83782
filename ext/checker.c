/*
** The map checker.
**
**   SELECT * FROM bsc_check(schema, for_unit);
**     rule, severity, subject, message, unit; HIDDEN schema, for_unit
**   One row per finding: errors first, then warnings, then information,
**   each rule's findings unit by unit (by id) in the order of their
**   subjects' ids. Each unit's map (units table: the rows whose unit it
**   is, NULL being the top unit's) is checked on its own, and `unit` says
**   whose map a finding is about (NULL when the map has no units, and for
**   damaged, which is about the storage). for_unit checks one unit's map
**   (NULL or absent: every unit's); `WHERE unit = 'x'` asks for it too
**   (tvf.c's BscTvfAlias), and finds nothing, rather than an error, when
**   x is no unit.
**
**   rule                  severity  finding
**   damaged               error     the storage holds rows the rules forbid
**                                   (written around bsc): bsc_integrity lists them;
**                                   then no other rule runs (they would read them)
**   cluster_gap           error     a cluster has no objectives
**   perspective_empty     error     a perspective has no objectives
**   no_financial_path     warning   a process or objective that is no outcome
**                                   reaches no outcome (financial objectives,
**                                   unless the setting outcomes names others)
**   objective_without_kpi warning   an objective no KPI measures (but not one whose
**                                   rollup aligned has aligned objectives)
**   kpi_without_target    warning   a KPI with neither a target nor a per-period target
**   downward_link         warning   a link whose effect sits in a lower perspective
**                                   (by the setting perspective_order); an
**                                   alignment link is not one
**   misaligned            warning   a link from one unit's map to another unit's
**                                   that is not above it (a sibling's, one below)
**   unaligned             warning   an objective of a unit below the top that
**                                   neither drives an objective of a unit above
**                                   it (an alignment link: its effect is an
**                                   ancestor unit's) nor drives, through its
**                                   unit's links, an objective that does
**   cycle                 warning   a causal cycle, once, as a path in the message
**   kpi_overdue           warning   a KPI with no actual for its last period due by
**                                   its frequency, by the latest data of the map
**   initiative_unlinked   warning   an initiative that drives no objective
**   no_outcome            warning   an initiative whose objectives reach no
**                                   financial objective
**   red_without_initiative warning  a red objective that no initiative drives,
**                                   directly or through an internal-process
**                                   objective it drives
**   initiative_overdue    warning   an initiative past its due date, not done
**   budget_off_strategy   warning   more than 10% of the initiatives' budget
**                                   goes to initiatives that reach no outcome
**   kpi_without_data      info      a KPI with no measurement of an actual
**   too_many_objectives   info      more than 25 objectives
**   cluster_imbalance     info      a cluster holds more than half of the
**                                   internal-process objectives
**   unsupported           info      an objective of a unit with units below it
**                                   that no unit's objective supports: no
**                                   alignment link ends at it, nor at an
**                                   objective that drives it
**
** cluster_gap, perspective_empty and the rest are each unit's own: a unit
** whose map misses a cluster has a cluster_gap of its own. An alignment
** link is no cause within a unit's map: the per-unit analyses (bsc_clusters,
** bsc_chains) stop at the unit's border.
**
** The initiative rules run when the map holds an initiative. They leave
** out stopped initiatives (no work or money goes to them any more); only a
** planned or active initiative answers for a red objective.
*/
#include "checker.h"
#include "coverage.h"
#include "period.h"
#include "integrity.h"
#include "text.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define BSC_VITAL_FEW 25    /* Kaplan & Norton: a good map has 15 to 25 objectives */
#define BSC_MAX_CYCLES 100  /* listed before the checker says there are more */
#define BSC_CYCLE_STEPS 2000000

/* What the initiative rules read of a node. */
typedef struct Init {
  int isInit;  /* an initiative, not stopped (stopped ones are left out) */
  int working; /* planned or active */
  int overdue;
  double budget; /* 0 when NULL */
  int red;       /* an objective whose status is red */
} Init;

typedef struct Check {
  BscCall *c;
  const BscGraph *g;
  int unit;  /* the unit whose map the rules look at now (a node's unit) */
  int *aReach; /* by node: 1 aligned (drives an alignment link's cause),
               ** 2 supported (driven by an alignment link's effect); lazily */
  int nCycle;
  char *azTable[BSC_N_ENTITY]; /* how advice names the map's tables */
  Init *aInit; /* by node, when the map holds an initiative; else NULL */
  int bDamaged; /* rule_damaged found damage: no other rule runs */
} Check;

/* Adds a finding; zMsg is owned (NULL: out of memory). */
static int finding(Check *k, const char *zRule, const char *zSeverity, const char *zSubject,
                   char *zMsg) {
  BscOut *row = bsc_rows_add(&k->c->rows);
  if (!row) {
    sqlite3_free(zMsg);
    return SQLITE_NOMEM;
  }
  bsc_out_text(&row[0], zRule);
  bsc_out_text(&row[1], zSeverity);
  bsc_out_text(&row[2], zSubject);
  if (k->unit >= 0) bsc_out_text(&row[4], k->g->aUnit[k->unit].zId);
  return bsc_out_owned(&row[3], zMsg);
}

/* Whether node v is in the map the rules look at now. */
#define IN_UNIT(k, v) bsc_in_unit((k)->g, (v), (k)->unit)

/* The unit of KPI i's map: its objective's. */
static int kpi_unit(const BscGraph *g, int i) {
  return g->aKpi[i].iObjective >= 0 ? g->aNode[g->aKpi[i].iObjective].unit : g->iTop;
}

/* How advice names each table: in the map's schema and, when the map
** lacks it, with the statement that creates it. */
static int table_refs(Check *k) {
  const BscGraph *g = k->g;
  for (int e = 0; e < BSC_N_ENTITY; e++) {
    const char *zModule = bscEntities[e].module;
    char *zRef = bsc_table_ref(g->zSchema, g->azTable[e] ? g->azTable[e] : zModule + 4);
    if (zRef && !g->azTable[e]) {
      char *zNew = sqlite3_mprintf("a new table %s (CREATE VIRTUAL TABLE %s USING %s)", zRef, zRef, zModule);
      sqlite3_free(zRef);
      zRef = zNew;
    }
    if (!zRef) return SQLITE_NOMEM;
    k->azTable[e] = zRef;
  }
  return SQLITE_OK;
}

static int rule_cluster_gap(Check *k) {
  BscCoverage cov;
  int rc = SQLITE_OK;
  bsc_coverage(k->g, k->unit, &cov);
  for (int i = 0; rc == SQLITE_OK && i < bscClusters.n; i++) {
    const BscWord *w = &bscClusters.a[i];
    if (cov.nObjective[i] > 0) continue;
    sqlite3_str *s = sqlite3_str_new(0);
    for (int j = 0, n = 0; j < bscSubprocesses.n; j++) {
      if (strcmp(bscSubprocesses.a[j].group, w->id) != 0) continue;
      sqlite3_str_appendf(s, "%s%s", n++ ? ", " : "", bscSubprocesses.a[j].label);
    }
    char *zSubs = sqlite3_str_finish(s);
    rc = finding(k, "cluster_gap", "error", w->id,
                 sqlite3_mprintf("cluster %s (%s) has no objectives; add an internal-process "
                                 "objective with cluster '%s' for one of its sub-processes (%s), "
                                 "which pay off in %s",
                                 w->id, w->label, w->id, zSubs ? zSubs : "", w->extra));
    sqlite3_free(zSubs);
  }
  return rc;
}

/* The four perspectives each need objectives; mission only when the
** setting perspective_order names it. In the map's order, top down. */
static int rule_perspective_empty(Check *k) {
  const BscSettings *pSet = &k->g->settings;
  int aCount[BSC_N_PERSP] = {0}, rc = SQLITE_OK;
  for (int v = 0; v < k->g->nNode; v++) {
    if (!k->g->aNode[v].isProcess && IN_UNIT(k, v)) aCount[k->g->aNode[v].persp]++;
  }
  for (int r = 0; rc == SQLITE_OK && r < BSC_N_PERSP; r++) {
    int i = pSet->aOrder[r];
    const BscWord *w = &bscPerspectives.a[i];
    if (aCount[i] > 0 || (i == BSC_MISSION && !pSet->missionPlaced)) continue;
    rc = finding(k, "perspective_empty", "error", w->id,
                 sqlite3_mprintf("perspective %s (%s) has no objectives; add at least one, so "
                                 "that causal chains run from learning & growth up to %s",
                                 w->id, w->label,
                                 pSet->outcomesSet || bsc_has_mission(k->g) ? "the outcomes" : "financial"));
  }
  return rc;
}

/* The rule keeps its name (a contract); with the setting outcomes its
** message says "outcome". */
static int rule_no_financial_path(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  char *zTo = 0;
  for (int v = 0; rc == SQLITE_OK && v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    /* an initiative's own rules say it: initiative_unlinked, no_outcome */
    if (n->finDist >= 0 || bsc_is_initiative(n) || !IN_UNIT(k, v)) continue;
    if (!zTo && !(zTo = bsc_outcome_noun(&g->settings, bsc_has_mission(g)))) return SQLITE_NOMEM;
    if (n->isProcess) {
      rc = finding(k, "no_financial_path", "warning", n->zId,
                   sqlite3_mprintf("process '%q' has no causal chain to any %s; "
                                   "add a row to %s from it to the objective it serves",
                                   n->zId, zTo, k->azTable[BSC_LINKS]));
    } else {
      rc = finding(k, "no_financial_path", "warning", n->zId,
                   sqlite3_mprintf("%s objective '%q' has no causal chain to any %s; add a row to %s "
                                   "from it to an objective it drives",
                                   bsc_persp_id(g, v), n->zId, zTo, k->azTable[BSC_LINKS]));
    }
  }
  sqlite3_free(zTo);
  return rc;
}

/* Whether objective v is scored from the unit objectives aligned with it:
** its rollup is 'aligned' and an alignment link ends at it. */
static int rolls_up_aligned(Check *k, int v, sqlite3_stmt **ppStmt, int *pRc) {
  const BscGraph *g = k->g;
  const BscNode *n = &g->aNode[v];
  int bAligned = 0;
  for (int i = n->iIn; i < n->iIn + n->nIn && !bAligned; i++) bAligned = bsc_edge_aligns(g, g->aIn[i]);
  if (!bAligned || !g->azTable[BSC_OBJECTIVES]) return 0;
  if (!*ppStmt) {
    char *zSql = sqlite3_mprintf("SELECT 1 FROM \"%w\".\"%w\" WHERE id = ? AND rollup = 'aligned'", g->zSchema,
                                 g->azTable[BSC_OBJECTIVES]);
    *pRc = zSql ? sqlite3_prepare_v2(k->c->db, zSql, -1, ppStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if (*pRc != SQLITE_OK) return 0;
  }
  sqlite3_bind_text(*ppStmt, 1, n->zId, -1, SQLITE_STATIC);
  int bRow = sqlite3_step(*ppStmt) == SQLITE_ROW;
  *pRc = sqlite3_reset(*ppStmt);
  return bRow && *pRc == SQLITE_OK;
}

/* An objective whose score rolls up its aligned unit objectives' needs no
** KPI of its own (cascading.md). */
static int rule_objective_without_kpi(Check *k) {
  const BscGraph *g = k->g;
  sqlite3_stmt *pRollup = 0;
  int rc = SQLITE_OK;
  for (int v = 0; rc == SQLITE_OK && v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    if (n->isProcess || n->nKpi > 0 || !IN_UNIT(k, v) || rolls_up_aligned(k, v, &pRollup, &rc)) continue;
    if (rc != SQLITE_OK) break;
    rc = finding(k, "objective_without_kpi", "warning", n->zId,
                 sqlite3_mprintf("objective '%q' has no KPI; add a row to %s that measures it",
                                 n->zId, k->azTable[BSC_KPIS]));
  }
  sqlite3_finalize(pRollup);
  return rc;
}

/* kpi_without_target, or (data) kpi_without_data. */
static int kpi_rule(Check *k, int data) {
  const BscGraph *g = k->g;
  const char *zKpis = k->azTable[BSC_KPIS], *zMeasurements = k->azTable[BSC_MEASUREMENTS];
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < g->nKpi; i++) {
    const BscKpi *p = &g->aKpi[i];
    const char *zId = bsc_kpi_id(g, p);
    if ((data ? p->hasData : p->hasTarget) || (k->unit != BSC_UNIT_ANY && kpi_unit(g, i) != k->unit)) continue;
    char *zMsg = data ? sqlite3_mprintf("KPI '%q' has no measurement yet; record its actual value in %s",
                                        zId, zMeasurements)
                      : sqlite3_mprintf("KPI '%q' has neither a target nor a per-period target; set "
                                        "%s.target, or a target in %s for each period",
                                        zId, zKpis, zMeasurements);
    rc = finding(k, data ? "kpi_without_data" : "kpi_without_target", data ? "info" : "warning",
                 zId, zMsg);
  }
  return rc;
}

static int rule_kpi_without_target(Check *k) { return kpi_rule(k, 0); }
static int rule_kpi_without_data(Check *k) { return kpi_rule(k, 1); }

/* "learning > internal > customer > financial": the map's order, bottom
** up; mission in it when the order names it or an objective has it. */
static char *order_text(const BscGraph *g) {
  const BscSettings *pSet = &g->settings;
  int bMission = bsc_has_mission(g);
  sqlite3_str *s = sqlite3_str_new(0);
  for (int r = BSC_N_PERSP - 1; r >= 0; r--) {
    int p = pSet->aOrder[r];
    if (p == BSC_MISSION && !bMission) continue;
    sqlite3_str_appendf(s, "%s%s", sqlite3_str_length(s) ? " > " : "", bscPerspectives.a[p].id);
  }
  return sqlite3_str_finish(s);
}

static int rule_downward_link(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  char *zOrder = 0;
  for (int i = 0; rc == SQLITE_OK && i < g->nEdge; i++) {
    const BscEdge *e = &g->aEdge[i];
    const BscNode *from = &g->aNode[e->from], *to = &g->aNode[e->to];
    /* ranks count from the top; an initiative sits beneath them all; an
    ** alignment link joins two units' maps, whose perspectives need not
    ** line up */
    if (bsc_node_rank(g, e->to) <= bsc_node_rank(g, e->from) || bsc_is_initiative(from) || !IN_UNIT(k, e->from) ||
        bsc_edge_aligns(g, i)) {
      continue;
    }
    if (!zOrder && !(zOrder = order_text(g))) return SQLITE_NOMEM;
    /* a link cannot end at a process, so one from a process cannot be reversed */
    rc = finding(k, "downward_link", "warning", from->zId,
                 sqlite3_mprintf("link '%q' > '%q' runs down from %s to %s; causes sit below "
                                 "their effects (%s): %s",
                                 from->zId, to->zId, bsc_persp_id(g, e->from), bsc_persp_id(g, e->to), zOrder,
                                 from->isProcess ? "link the process to an objective it serves instead, "
                                                   "or correct that objective's perspective"
                                                 : "reverse the link or correct a perspective"));
  }
  sqlite3_free(zOrder);
  return rc;
}

/* Cycles: from each node s, the simple paths through nodes of s's strongly
** connected component numbered above s that lead back to s. Each
** elementary cycle is found once, from its smallest id. */
typedef struct CycleWalk {
  Check *k;
  const int *aComp;
  int iStart;
} CycleWalk;

static int cycle_link(BscWalk *w, int iEdge, int *pEnter) {
  CycleWalk *p = w->pArg;
  const BscGraph *g = w->g;
  int to = g->aEdge[iEdge].to;
  if (to == p->iStart) {
    if (++p->k->nCycle > BSC_MAX_CYCLES) return SQLITE_DONE; /* stops the search */
    sqlite3_str *s = sqlite3_str_new(0);
    for (int i = 0; i < w->nPath; i++) sqlite3_str_appendf(s, "%s > ", g->aNode[w->aPath[i]].zId);
    sqlite3_str_appendall(s, g->aNode[to].zId);
    char *zPath = sqlite3_str_finish(s);
    int rc = finding(p->k, "cycle", "warning", g->aNode[to].zId,
                     zPath ? sqlite3_mprintf("causal cycle %s: each of its nodes ends up causing itself; "
                                             "unless it is a deliberate reinforcing loop, remove or "
                                             "reverse the link that closes it",
                                             zPath)
                           : 0);
    sqlite3_free(zPath);
    return rc;
  }
  *pEnter = to > p->iStart && p->aComp[to] == p->aComp[p->iStart];
  return SQLITE_OK;
}

static int rule_cycle(Check *k) {
  const BscGraph *g = k->g;
  BscWalk w;
  if (k->nCycle > BSC_MAX_CYCLES) return SQLITE_OK; /* an earlier unit's search said there are more */
  int *aComp = sqlite3_malloc64(sizeof(int) * 2 * ((sqlite3_uint64)g->nNode + 1));
  if (!aComp) return SQLITE_NOMEM;
  int *aSize = aComp + g->nNode;
  int rc = bsc_graph_components(g, aComp);
  if (rc == SQLITE_OK) rc = bsc_walk_init(&w, g);
  if (rc != SQLITE_OK) {
    sqlite3_free(aComp);
    return rc;
  }
  memset(aSize, 0, sizeof(int) * (size_t)g->nNode);
  for (int v = 0; v < g->nNode; v++) aSize[aComp[v]]++;
  CycleWalk cw = {k, aComp, 0};
  w.mxLen = g->nNode;
  w.mxStep = BSC_CYCLE_STEPS;
  w.xLink = cycle_link;
  w.pArg = &cw;
  for (int v = 0; rc == SQLITE_OK && !w.bOverBudget && v < g->nNode; v++) {
    /* a cycle is found from its smallest id, in that node's unit */
    if (aSize[aComp[v]] < 2 || !IN_UNIT(k, v)) continue;
    cw.iStart = v;
    rc = bsc_walk_run(&w, v);
  }
  bsc_walk_clear(&w);
  sqlite3_free(aComp);
  /* Two reasons to stop: more cycles than are listed (certain), or the
  ** search's budget, spent on paths that need not close a cycle. */
  if (rc == SQLITE_DONE) {
    rc = finding(k, "cycle", "warning", 0,
                 sqlite3_mprintf("the map has more causal cycles than the %d listed (the search "
                                 "stopped there); break those first, then check again",
                                 BSC_MAX_CYCLES));
  } else if (rc == SQLITE_OK && w.bOverBudget) {
    rc = finding(k, "cycle", "warning", 0,
                 k->nCycle ? sqlite3_mprintf("the search for causal cycles stopped after the %d listed: "
                                             "the map has too many causal paths to search them all, so "
                                             "there may be more; break those first, then check again",
                                             k->nCycle)
                           : sqlite3_mprintf("the map has causal cycles, but too many causal paths to list "
                                             "them; a cycle needs a link that runs down or stays within a "
                                             "perspective: check those, then check again"));
  }
  return rc;
}

/* A KPI's last period due: the latest complete period of its frequency
** by the end of the latest period the map has an actual for. A KPI with
** no actual at all is kpi_without_data's. */
typedef struct Due {
  char *zId;
  BscPeriodKind freq;
  int has;      /* an actual inside the due period */
  int any;      /* any actual */
  BscPeriod due;
} Due;

/* "quarter", for a message. */
static const char *frequency_label(BscPeriodKind kind) {
  for (int i = 0; i < bscFrequencies.n; i++) {
    if (bsc_frequency_kind(bscFrequencies.a[i].id) == kind) return bscFrequencies.a[i].id;
  }
  return "";
}

static int rule_kpi_overdue(Check *k) {
  const BscGraph *g = k->g;
  const char *zK = g->azTable[BSC_KPIS], *zM = g->azTable[BSC_MEASUREMENTS];
  sqlite3_stmt *pStmt = 0;
  Due *a = 0;
  int n = 0, nAlloc = 0, latest = -1, rc = SQLITE_OK;
  if (!zK || !zM) return SQLITE_OK;
  char *zSql = sqlite3_mprintf("SELECT k.id, k.frequency, m.period FROM \"%w\".\"%w_data\" k"
                               " LEFT JOIN \"%w\".\"%w_data\" m ON m.kpi = k.id AND m.actual IS NOT NULL"
                               " ORDER BY k.id",
                               g->zSchema, zK, g->zSchema, zM);
  if (!zSql) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(k->c->db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  /* first pass: the KPIs, and the map's latest day with an actual */
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    const char *zId = (const char *)sqlite3_column_text(pStmt, 0);
    BscPeriod p;
    if (!zId) continue;
    if (n == 0 || strcmp(a[n - 1].zId, zId) != 0) {
      if (n == nAlloc) {
        Due *aNew = sqlite3_realloc64(a, sizeof(Due) * (sqlite3_uint64)(nAlloc = nAlloc ? 2 * nAlloc : 16));
        if (!aNew) {
          rc = SQLITE_NOMEM;
          break;
        }
        a = aNew;
      }
      memset(&a[n], 0, sizeof(Due));
      a[n].zId = sqlite3_mprintf("%s", zId);
      a[n].freq = bsc_frequency_kind((const char *)sqlite3_column_text(pStmt, 1));
      if (!a[n++].zId) rc = SQLITE_NOMEM;
    }
    if (bsc_period_parse_fy((const char *)sqlite3_column_text(pStmt, 2), &p, 0, g->settings.fyStart)) {
      a[n - 1].any = 1;
      if (p.last > latest) latest = p.last;
    }
  }
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    if (a[i].freq == BSC_PERIOD_NONE || !a[i].any || !bsc_period_latest_fy(a[i].freq, latest, g->settings.fyStart, &a[i].due)) {
      a[i].has = 1;
    }
  }
  /* second pass: which KPIs have an actual inside their due period */
  if (rc == SQLITE_OK) rc = sqlite3_reset(pStmt);
  for (int i = 0; rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW;) {
    const char *zId = (const char *)sqlite3_column_text(pStmt, 0);
    BscPeriod p;
    while (zId && i < n && strcmp(a[i].zId, zId) != 0) i++;
    if (!zId || i == n) continue;
    if (!a[i].has && bsc_period_parse_fy((const char *)sqlite3_column_text(pStmt, 2), &p, 0, g->settings.fyStart)) {
      a[i].has = bsc_period_contains(&a[i].due, &p);
    }
  }
  int rc2 = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  for (int i = 0; rc == SQLITE_OK && i < n; i++) {
    char zDue[BSC_PERIOD_MAX], zLatest[BSC_PERIOD_MAX];
    BscPeriod day;
    if (a[i].has) continue;
    bsc_period_format(&a[i].due, zDue);
    bsc_period_latest(BSC_PERIOD_DAY, latest, &day);
    bsc_period_format(&day, zLatest);
    /* the subject is borrowed: the graph's copy of the id outlives a[] */
    const char *zSubject = 0;
    for (int j = 0; j < g->nKpi && !zSubject; j++) {
      if (strcmp(bsc_kpi_id(g, &g->aKpi[j]), a[i].zId) != 0) continue;
      if (k->unit != BSC_UNIT_ANY && kpi_unit(g, j) != k->unit) break;
      zSubject = bsc_kpi_id(g, &g->aKpi[j]);
    }
    if (!zSubject) continue; /* another unit's (the graph read the map before: it cannot lack a KPI) */
    rc = finding(k, "kpi_overdue", "warning", zSubject,
                 sqlite3_mprintf("KPI '%q' has no actual for %s, the last %s due by %s (the end of the "
                                 "map's latest data); record it in %s, or correct its frequency",
                                 a[i].zId, zDue, frequency_label(a[i].freq),
                                 zLatest, k->azTable[BSC_MEASUREMENTS]));
  }
  for (int i = 0; i < n; i++) sqlite3_free(a[i].zId);
  sqlite3_free(a);
  return rc;
}

static int rule_too_many_objectives(Check *k) {
  int n = 0;
  for (int v = 0; v < k->g->nNode; v++) n += !k->g->aNode[v].isProcess && IN_UNIT(k, v);
  if (n <= BSC_VITAL_FEW) return SQLITE_OK;
  return finding(k, "too_many_objectives", "info", 0,
                 sqlite3_mprintf("the map has %d objectives; keep to the vital few (at most %d) "
                                 "rather than the trivial many: merge or drop the least strategic",
                                 n, BSC_VITAL_FEW));
}

static int rule_cluster_imbalance(Check *k) {
  BscCoverage cov;
  int rc = SQLITE_OK;
  bsc_coverage(k->g, k->unit, &cov);
  for (int i = 0; rc == SQLITE_OK && i < bscClusters.n; i++) {
    const BscWord *w = &bscClusters.a[i];
    if (2 * cov.nObjective[i] <= cov.nInternal) continue;
    rc = finding(k, "cluster_imbalance", "info", w->id,
                 sqlite3_mprintf("cluster %s holds %d of the %d internal-process objectives; the "
                                 "map leans on value that pays off in %s: weigh it against the "
                                 "other clusters",
                                 w->id, cov.nObjective[i], cov.nInternal, w->extra));
  }
  return rc;
}

/* Damage is the first thing to know, and the only one then: the other
** rules, as every score and analysis, would read the damaged rows as if
** the rules held, and those refuse to read them (damage.c). */
static int rule_damaged(Check *k) {
  int nProblem = 0;
  const char *zSchema = k->g->zSchema;
  int rc = bsc_integrity_count(k->c->db, k->c->conn, zSchema, &nProblem);
  if (rc != SQLITE_OK || nProblem == 0) return rc;
  k->bDamaged = 1;
  return finding(k, "damaged", "error", zSchema,
                 sqlite3_mprintf("the map's storage holds %d %s that its tables' rules forbid, written around "
                                 "bsc (its shadow tables edited): the scores and analyses that would read it "
                                 "fail until it is repaired, and bsc_check runs none of its other rules; "
                                 "SELECT * FROM bsc_integrity('%q') lists %s",
                                 nProblem, nProblem == 1 ? "value or row" : "values or rows", zSchema,
                                 nProblem == 1 ? "it" : "them"));
}

/* ------------------------------------------------------------ initiatives */

#define BSC_OFF_STRATEGY 0.10 /* the share of the budget that may reach no outcome */

/* Reads what the initiative rules need: each initiative's status, schedule
** and budget (through its table, so the schedule is the table's own) and
** which objectives are red (through the scorecard). */
static int read_initiatives(Check *k) {
  const BscGraph *g = k->g;
  sqlite3 *db = k->c->db;
  sqlite3_stmt *pStmt = 0;
  int nInit = 0;
  for (int v = 0; v < g->nNode; v++) nInit += bsc_is_initiative(&g->aNode[v]);
  if (nInit == 0 || !g->azTable[BSC_INITIATIVES]) return SQLITE_OK;
  k->aInit = sqlite3_malloc64(sizeof(Init) * ((sqlite3_uint64)g->nNode + 1));
  char *zSql = sqlite3_mprintf("SELECT id, status, schedule, budget FROM \"%w\".\"%w\"", g->zSchema,
                               g->azTable[BSC_INITIATIVES]);
  int rc = k->aInit && zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  if (k->aInit) memset(k->aInit, 0, sizeof(Init) * (size_t)g->nNode);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
    const char *zStatus = (const char *)sqlite3_column_text(pStmt, 1);
    if (v < 0 || !bsc_is_initiative(&g->aNode[v]) || (zStatus && strcmp(zStatus, "stopped") == 0)) continue;
    Init *p = &k->aInit[v];
    p->isInit = 1;
    p->working = zStatus && (strcmp(zStatus, "planned") == 0 || strcmp(zStatus, "active") == 0);
    const char *zSchedule = (const char *)sqlite3_column_text(pStmt, 2);
    p->overdue = zSchedule && strcmp(zSchedule, "overdue") == 0;
    p->budget = sqlite3_column_double(pStmt, 3);
  }
  int rc2 = sqlite3_finalize(pStmt);
  if (rc == SQLITE_OK) rc = rc2;
  pStmt = 0;
  /* every unit's objectives (bsc_objective_scores reads one unit's map) */
  zSql = g->azTable[BSC_OBJECTIVES] ? sqlite3_mprintf("SELECT id FROM \"%w\".\"%w\" WHERE status = 'red'",
                                                      g->zSchema, g->azTable[BSC_OBJECTIVES])
                                    : sqlite3_mprintf("SELECT NULL WHERE 0");
  if (rc == SQLITE_OK) rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  while (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) {
    int v = bsc_graph_find(g, (const char *)sqlite3_column_text(pStmt, 0));
    if (v >= 0) k->aInit[v].red = 1;
  }
  rc2 = sqlite3_finalize(pStmt);
  return rc == SQLITE_OK ? rc2 : rc;
}

/* "'a', 'b'": the objectives node v drives. */
static char *driven_list(const BscGraph *g, int v) {
  sqlite3_str *s = sqlite3_str_new(0);
  const BscNode *n = &g->aNode[v];
  for (int i = n->iOut; i < n->iOut + n->nOut; i++) {
    sqlite3_str_appendf(s, "%s'%q'", i > n->iOut ? ", " : "", g->aNode[g->aEdge[i].to].zId);
  }
  return sqlite3_str_finish(s);
}

static int rule_initiative_unlinked(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  for (int v = 0; k->aInit && rc == SQLITE_OK && v < g->nNode; v++) {
    if (!k->aInit[v].isInit || g->aNode[v].nOut > 0 || !IN_UNIT(k, v)) continue;
    rc = finding(k, "initiative_unlinked", "warning", g->aNode[v].zId,
                 sqlite3_mprintf("initiative '%q' drives no objective; add a row to %s from it to the "
                                 "objective it is meant to move, or stop it",
                                 g->aNode[v].zId, k->azTable[BSC_LINKS]));
  }
  return rc;
}

static int rule_no_outcome(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  for (int v = 0; k->aInit && rc == SQLITE_OK && v < g->nNode; v++) {
    if (!k->aInit[v].isInit || g->aNode[v].nOut == 0 || g->aNode[v].finDist >= 0 || !IN_UNIT(k, v)) continue;
    char *zList = driven_list(g, v), *zTo = bsc_outcome_noun(&g->settings, bsc_has_mission(g));
    rc = finding(k, "no_outcome", "warning", g->aNode[v].zId,
                 zList && zTo ? sqlite3_mprintf("initiative '%q' drives %s, which reach%s no %s, so its "
                                                "money buys no outcome; link what it drives on to the outcome, or "
                                                "have it drive an objective that reaches one",
                                                g->aNode[v].zId, zList, g->aNode[v].nOut == 1 ? "es" : "", zTo)
                              : 0);
    sqlite3_free(zList);
    sqlite3_free(zTo);
  }
  return rc;
}

/* Whether a planned or active initiative drives objective v, directly or
** through an internal-process objective that it drives. */
static int has_initiative(Check *k, int v) {
  const BscGraph *g = k->g;
  const BscNode *n = &g->aNode[v];
  for (int i = n->iIn; i < n->iIn + n->nIn; i++) {
    int u = g->aEdge[g->aIn[i]].from;
    if (k->aInit[u].isInit && k->aInit[u].working) return 1;
    const BscNode *m = &g->aNode[u];
    if (m->isProcess || m->persp != BSC_INTERNAL) continue;
    for (int j = m->iIn; j < m->iIn + m->nIn; j++) {
      int w = g->aEdge[g->aIn[j]].from;
      if (k->aInit[w].isInit && k->aInit[w].working) return 1;
    }
  }
  return 0;
}

static int rule_red_without_initiative(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  for (int v = 0; k->aInit && rc == SQLITE_OK && v < g->nNode; v++) {
    if (g->aNode[v].isProcess || !k->aInit[v].red || !IN_UNIT(k, v) || has_initiative(k, v)) continue;
    rc = finding(k, "red_without_initiative", "warning", g->aNode[v].zId,
                 sqlite3_mprintf("%s objective '%q' is red and no planned or active initiative drives it, "
                                 "directly or through an internal-process objective; start one, or say in "
                                 "%s why none is needed",
                                 bsc_persp_id(g, v), g->aNode[v].zId, k->azTable[BSC_COMMENTARY]));
  }
  return rc;
}

static int rule_initiative_overdue(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  for (int v = 0; k->aInit && rc == SQLITE_OK && v < g->nNode; v++) {
    if (!k->aInit[v].isInit || !k->aInit[v].overdue || !IN_UNIT(k, v)) continue;
    rc = finding(k, "initiative_overdue", "warning", g->aNode[v].zId,
                 sqlite3_mprintf("initiative '%q' is past its due date and not done; set a new due date in "
                                 "%s, mark it done, or stop it",
                                 g->aNode[v].zId, k->azTable[BSC_INITIATIVES]));
  }
  return rc;
}

static int rule_budget_off_strategy(Check *k) {
  const BscGraph *g = k->g;
  double total = 0, off = 0;
  int nOff = 0;
  for (int v = 0; k->aInit && v < g->nNode; v++) {
    if (!k->aInit[v].isInit || !IN_UNIT(k, v)) continue;
    total += k->aInit[v].budget;
    if (g->aNode[v].finDist < 0) off += k->aInit[v].budget, nOff++;
  }
  if (total <= 0 || off <= BSC_OFF_STRATEGY * total) return SQLITE_OK;
  char *zTo = bsc_outcome_noun(&g->settings, bsc_has_mission(g));
  if (!zTo) return SQLITE_NOMEM;
  int rc = finding(k, "budget_off_strategy", "warning", 0,
                   sqlite3_mprintf("%.0f%% of the initiatives' budget (%!.15g of %!.15g) goes to %d initiative%s "
                                   "that reach%s no %s; more than %d%% is the trivial many: "
                                   "link them to the outcome, or move the money to the vital few",
                                   100.0 * off / total, off, total, nOff, nOff == 1 ? "" : "s",
                                   nOff == 1 ? "es" : "", zTo, (int)(BSC_OFF_STRATEGY * 100 + 0.5)));
  sqlite3_free(zTo);
  return rc;
}

/* ------------------------------------------------------------ cascading */

static int rule_misaligned(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < g->nEdge; i++) {
    const BscEdge *e = &g->aEdge[i];
    const BscNode *from = &g->aNode[e->from], *to = &g->aNode[e->to];
    if (from->unit == to->unit || from->unit < 0 || to->unit < 0 || !IN_UNIT(k, e->from)) continue;
    if (bsc_edge_aligns(g, i)) continue;
    rc = finding(k, "misaligned", "warning", from->zId,
                 sqlite3_mprintf("link '%q' > '%q' runs from unit '%q' to unit '%q', which is not above it; a "
                                 "unit's objectives align with those of the units above it (its parent, up to "
                                 "the top): link to an objective of one of those, or correct a unit in %s",
                                 from->zId, to->zId, g->aUnit[from->unit].zId, g->aUnit[to->unit].zId,
                                 k->azTable[from->isProcess ? (bsc_is_initiative(from) ? BSC_INITIATIVES
                                                                                       : BSC_PROCESSES)
                                                            : BSC_OBJECTIVES]));
  }
  return rc;
}

/* k->aReach, the first time a rule asks: which nodes drive an alignment
** link's cause through their unit's own links (1), which are driven by an
** alignment link's effect through its unit's links (2). */
static int reach(Check *k) {
  const BscGraph *g = k->g;
  if (k->aReach) return SQLITE_OK;
  int *a = sqlite3_malloc64(sizeof(int) * 2 * ((sqlite3_uint64)g->nNode + 1));
  if (!a) return SQLITE_NOMEM;
  int *aStack = a + g->nNode;
  memset(a, 0, sizeof(int) * (size_t)g->nNode);
  for (int pass = 0; pass < 2; pass++) {
    int bit = 1 << pass, n = 0;
    for (int i = 0; i < g->nEdge; i++) {
      int v = pass == 0 ? g->aEdge[i].from : g->aEdge[i].to;
      if (bsc_edge_aligns(g, i) && !(a[v] & bit)) a[v] |= bit, aStack[n++] = v;
    }
    /* against the links (1) or along them (2), within a unit's map */
    while (n > 0) {
      const BscNode *p = &g->aNode[aStack[--n]];
      int nLink = pass == 0 ? p->nIn : p->nOut;
      for (int j = 0; j < nLink; j++) {
        const BscEdge *e = pass == 0 ? &g->aEdge[g->aIn[p->iIn + j]] : &g->aEdge[p->iOut + j];
        int w = pass == 0 ? e->from : e->to;
        if ((a[w] & bit) || g->aNode[w].unit != p->unit) continue;
        a[w] |= bit;
        aStack[n++] = w;
      }
    }
  }
  k->aReach = a;
  return SQLITE_OK;
}

static int rule_unaligned(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK;
  if (k->unit < 0 || k->unit == g->iTop) return SQLITE_OK;
  for (int v = 0; rc == SQLITE_OK && v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    if (n->isProcess || !IN_UNIT(k, v)) continue;
    if ((rc = reach(k)) != SQLITE_OK || (k->aReach[v] & 1)) continue;
    const BscUnit *pParent = &g->aUnit[g->aUnit[k->unit].iParent >= 0 ? g->aUnit[k->unit].iParent : k->unit];
    rc = finding(k, "unaligned", "warning", n->zId,
                 sqlite3_mprintf("%s objective '%q' of unit '%q' is aligned with nothing: it drives no "
                                 "objective of a unit above it (such as '%q'), directly or through its "
                                 "unit's links; add a row to %s from it to the group objective it serves",
                                 bsc_persp_id(g, v), n->zId, g->aUnit[k->unit].zId, pParent->zId,
                                 k->azTable[BSC_LINKS]));
  }
  return rc;
}

static int rule_unsupported(Check *k) {
  const BscGraph *g = k->g;
  int rc = SQLITE_OK, below = 0;
  if (k->unit < 0) return SQLITE_OK;
  for (int u = 0; u < g->nUnit && !below; u++) below = g->aUnit[u].iParent == k->unit;
  if (!below) return SQLITE_OK; /* only a unit with units below it is supported by them */
  for (int v = 0; rc == SQLITE_OK && v < g->nNode; v++) {
    const BscNode *n = &g->aNode[v];
    if (n->isProcess || !IN_UNIT(k, v)) continue;
    if ((rc = reach(k)) != SQLITE_OK || (k->aReach[v] & 2)) continue;
    rc = finding(k, "unsupported", "info", n->zId,
                 sqlite3_mprintf("%s objective '%q' of unit '%q' is supported by no unit below it: no "
                                 "alignment link ends at it or at an objective that drives it; align a "
                                 "unit's objective with it (a row of %s), unless it is the group's alone",
                                 bsc_persp_id(g, v), n->zId, g->aUnit[k->unit].zId, k->azTable[BSC_LINKS]));
  }
  return rc;
}

static int check_fill(BscCall *c) {
  /* errors, then warnings, then information; each rule looks at one unit's
  ** map at a time, but for damaged, which is about the storage */
  static int (*const aRule[])(Check *) = {
    rule_cluster_gap,        rule_perspective_empty, rule_no_financial_path,
    rule_objective_without_kpi, rule_kpi_without_target, rule_downward_link, rule_misaligned,
    rule_unaligned, rule_cycle,              rule_kpi_overdue,       rule_initiative_unlinked, rule_no_outcome,
    rule_red_without_initiative, rule_initiative_overdue, rule_budget_off_strategy,
    rule_kpi_without_data,  rule_too_many_objectives, rule_cluster_imbalance, rule_unsupported,
  };
  BscStore *pStore;
  const char *zSchema = c->aArg[0] ? (const char *)sqlite3_value_text(c->aArg[0]) : 0;
  int rc = bsc_call_store(c, zSchema, &pStore);
  /* the graph as stored, damaged or not: the damage is this function's to report */
  if (rc == SQLITE_OK) rc = bsc_graph_get_as_is(pStore, c->conn, c->zFunc, &c->pGraph, &c->zErr);
  Check k = {c, c->pGraph, -1, 0, 0, {0}, 0, 0};
  int unit = BSC_UNIT_ANY;
  if (rc == SQLITE_OK && c->aArg[1]) {
    rc = bsc_unit_arg(c->pGraph, c->zFunc, c->aArg[1], &unit, &c->zErr);
    /* WHERE unit = 'x' filters: no unit x, no finding */
    if (rc == SQLITE_ERROR && (c->byColumn & 2)) {
      sqlite3_free(c->zErr);
      c->zErr = 0;
      return SQLITE_OK;
    }
  }
  /* damage is about the storage, not a unit's map (unit NULL) */
  if (rc == SQLITE_OK) rc = rule_damaged(&k);
  if (rc == SQLITE_OK && k.bDamaged) return SQLITE_OK;
  if (rc == SQLITE_OK) rc = bsc_graph_kpi_facts(c->db, c->pGraph);
  if (rc == SQLITE_OK) rc = table_refs(&k);
  if (rc == SQLITE_OK) rc = read_initiatives(&k);
  /* the units whose maps are checked: one, or every one (none: the map) */
  const BscGraph *g = c->pGraph;
  int nPass = rc != SQLITE_OK ? 0 : unit != BSC_UNIT_ANY || g->nUnit == 0 ? 1 : g->nUnit;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof(aRule) / sizeof(aRule[0]); i++) {
    for (int u = 0; rc == SQLITE_OK && u < nPass; u++) {
      k.unit = unit != BSC_UNIT_ANY ? unit : g->nUnit == 0 ? g->iTop : u;
      rc = aRule[i](&k);
    }
  }
  for (int e = 0; e < BSC_N_ENTITY; e++) sqlite3_free(k.azTable[e]);
  sqlite3_free(k.aInit);
  sqlite3_free(k.aReach);
  return rc;
}

/* WHERE unit = 'x' asks for_unit 'x' */
static const BscTvfAlias checkAlias = {4, 1, 0};

const BscTvf bscCheckTvf = {
  "bsc_check",
  "rule " BSC_T_ID ", severity " BSC_T_WORD ", subject " BSC_T_ID ", message " BSC_T_LONG
  ", unit " BSC_T_ID ", schema TEXT HIDDEN, for_unit TEXT HIDDEN",
  5, 2, 0, 0, check_fill, &checkAlias,
};
