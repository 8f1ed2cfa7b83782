-- What the map's analyses say about the demo map: the causal
-- chains from each process to the financial outcome, the coverage of Kaplan
-- & Norton's four process clusters, the findings of the map checker, the
-- scorecard, the units (each scored on its own) and their alignment with the
-- group, and last the strategy analytics: the vital few processes, the
-- evidence the measurements give each link, and where to act.
-- Run by `make demo` after sql/show.sql, with .headers on and .mode column.
.print
.print Causal chains from each process to a financial objective
SELECT start, goal, length, printf('%.3f', strength) AS strength, path FROM bsc_chains;
.print
.print Cluster coverage
SELECT cluster, label, processes, objectives, kpis, horizon,
       CASE gap WHEN 1 THEN 'GAP' ELSE '' END AS gap
  FROM bsc_clusters;
SELECT bsc_cluster_gaps() AS clusters_without_objectives;
.print
.print Findings of the map checker
SELECT severity, rule, subject, message FROM bsc_check;
.print
.print The scorecard: every KPI at its latest period with an actual
SELECT perspective, objective, kpi, period, actual, target, red,
       printf('%.2f', score) AS score, status, trend
  FROM bsc_scorecard;
.print
.print Objectives and perspectives
SELECT perspective, objective, printf('%.2f', score) AS score, status, kpis_scored, kpis_total
  FROM bsc_objective_scores;
SELECT perspective, printf('%.2f', score) AS score, status, objectives_scored, objectives_total
  FROM bsc_perspective_scores;
.print
.print The units: each unit's map scored on its own, perspectives side by side
SELECT unit, ifnull(parent, '') AS parent, round(financial, 2) AS financial,
       round(customer, 2) AS customer, round(internal, 2) AS internal,
       round(learning, 2) AS learning, round(map, 2) AS map, status
  FROM unit_scorecard;
.print
.print Alignment: the unit objectives aligned with each objective above them, and the roll-up
SELECT objective, unit, rollup, round(score, 2) AS score, aligned, aligned_unit, weight,
       round(aligned_score, 2) AS aligned_score, aligned_status
  FROM alignment WHERE aligned IS NOT NULL;
.print
.print The vital few: processes ranked by their influence on the financial outcome
SELECT rank, process, cluster, printf('%.3f', influence) AS influence, goals, paths, shortest,
       printf('%.1f%%', 100 * share) AS share, CASE vital WHEN 1 THEN 'vital' ELSE '' END AS vital
  FROM bsc_vital_few;
.print
.print Evidence for each link: do the scores move together as the map says?
SELECT cause, effect, declared_sign AS sign, lag, pairs, round(correlation, 2) AS r,
       best_lag, round(best_correlation, 2) AS best_r, verdict, frequency
  FROM bsc_link_evidence;
.print
.print Where to act: vital processes whose objectives are amber or red
SELECT rank, process, objective, perspective, printf('%.2f', score) AS score, status
  FROM attention WHERE vital AND status IN ('red', 'amber');
