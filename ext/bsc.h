/*
** bsc: a Balanced Scorecard strategy map inside SQLite.
**
** Where things live:
**   bsc.c     entry point and registration, bsc_version(), bsc_debug()
**   text.c    quoting for messages, JSON strings, SQL names (pure)
**   conn.c    per-connection state and its caches
**   vocab.c   the domain's words: perspectives, clusters, sub-processes, periods
**   entity.c  one column-descriptor table per entity (what each table holds)
**   table.c   the one virtual-table engine that serves every entity: its
**             virtual-table methods and the checks of a write
**   validate.c  the engine's values checked and normalised, one by one
**   shadow.c  the engine's storage: shadow tables, rows, probes, stamps
**   store.c   locating a schema's map tables and caching statements on them
**   settings.c  a map's settings, read for its other readers
**   upgrade.c storage formats; bsc_upgrade() brings an older map up to date
**   period.c  period syntax and arithmetic: nesting, year to date, aggregation
**   schedule.c  an initiative's schedule, and the day the map stands at
**   units.c   the organisation's units: the rules that keep them a tree
**   score.c   the goal / red-flag scale, status bands, roll-ups (pure math)
**   scorecard.c  the scoring core: KPIs per period, objectives' roll-ups
**   reports.c bsc_scorecard, bsc_objective_scores, bsc_perspective_scores
**   load.c    a transaction with a refused write does not commit
**   damage.c  whether the tables a reader reads hold damaged rows
**   graph.c   the causal graph of a map: loading, caching, traversals
**   tvf.c     the one engine behind every table-valued function
**   chains.c  bsc_chains and bsc_reach: causal paths and reachability
**   coverage.c  bsc_clusters, bsc_catalog, bsc_cluster_gaps: the four clusters
**   checker.c bsc_check: the map checker's rules
**   dot.c     bsc_dot: the map as a Graphviz picture
**   integrity.c  bsc_integrity: the stored rows checked against the rules
**   analytics.c  bsc_vital_few, bsc_link_evidence, bsc_whatif: which
**             processes matter, whether the links hold, what a change does
**   portfolio.c  bsc_portfolio: the initiatives ranked as the vital few are
*/
#ifndef BSC_H
#define BSC_H

/* Every layer's header, bottom to top; a file includes only its own
** header and those below it, so that no file calls a higher one. */
#include "text.h"
#include "conn.h"
#include "vocab.h"
#include "period.h"
#include "score.h"
#include "entity.h"
#include "store.h"
#include "settings.h"
#include "upgrade.h"
#include "load.h"
#include "schedule.h"
#include "units.h"
#include "scorecard.h"
#include "validate.h"
#include "shadow.h"
#include "table.h"
#include "damage.h"
#include "graph.h"
#include "tvf.h"
#include "reports.h"
#include "chains.h"
#include "coverage.h"
#include "integrity.h"
#include "checker.h"
#include "dot.h"
#include "analytics.h"
#include "portfolio.h"

#endif
