-- Red KPIs and who answers for them: every KPI whose score is red at its
-- latest period (or at :period, when set), worst first, with the owner of
-- the objective it measures.
--   sqlite3 acme.db '.load ./bsc' '.read sql/reports/red_kpis.sql'
-- In the shell, quote a period twice, or 2026-09 is read as 2026 minus 9:
--   .parameter set :period "'2026-09'"
SELECT s.perspective,
       s.objective,
       o.owner,
       s.kpi,
       s.title,
       s.period,
       s.actual,
       s.target,
       s.red,
       round(s.score, 2) AS score,
       s.trend
  FROM bsc_scorecard(:period) AS s
  JOIN objectives AS o ON o.id = s.objective
 WHERE s.status = 'red'
 ORDER BY s.score, s.kpi;
