-- The worst-trending objectives: those with more KPIs getting worse than
-- better (each KPI's latest score against the period before, whatever its
-- polarity), most net decline first, then the lowest score.
--   sqlite3 acme.db '.load ./bsc' '.read sql/reports/worst_trending.sql'
-- Each scorecard is read once (MATERIALIZED): joined directly, SQLite would
-- score the whole map again for every objective.
WITH o AS MATERIALIZED (SELECT * FROM bsc_objective_scores),
     t(objective, kpis_down, kpis_up, kpis_flat) AS MATERIALIZED (
       SELECT objective, sum(trend = 'down'), sum(trend = 'up'), sum(trend = 'flat')
         FROM bsc_scorecard
        GROUP BY objective)
SELECT o.perspective,
       o.objective,
       o.title,
       round(o.score, 2) AS score,
       o.status,
       t.kpis_down,
       t.kpis_up,
       t.kpis_flat
  FROM o
  JOIN t ON t.objective = o.objective
 WHERE t.kpis_down > t.kpis_up
 ORDER BY t.kpis_down - t.kpis_up DESC, o.score, o.objective;
