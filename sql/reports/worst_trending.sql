-- The worst-trending objectives: those with more KPIs getting worse than
-- better (each KPI's latest score against the period before, whatever its
-- polarity), most net decline first, then the lowest score.
--   sqlite3 acme.db '.load ./bsc' '.read sql/reports/worst_trending.sql'
SELECT o.perspective,
       o.objective,
       o.title,
       round(o.score, 2) AS score,
       o.status,
       sum(s.trend = 'down') AS kpis_down,
       sum(s.trend = 'up') AS kpis_up,
       sum(s.trend = 'flat') AS kpis_flat
  FROM bsc_objective_scores AS o
  JOIN bsc_scorecard AS s ON s.objective = o.objective
 GROUP BY o.objective
HAVING sum(s.trend = 'down') > sum(s.trend = 'up')
 ORDER BY sum(s.trend = 'down') - sum(s.trend = 'up') DESC, o.score, o.objective;
