-- What the map's analyses say about the demo map (issue 3): the causal
-- chains from each process to the financial outcome, the coverage of Kaplan
-- & Norton's four process clusters, and the findings of the map checker.
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
