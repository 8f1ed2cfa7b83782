-- The demo map loads without an error and has the shape sql/demo.sql
-- promises: about 20 objectives, mostly internal-process, processes in
-- three clusters (none in regulatory & social), chains of links from the
-- processes up to the financial objectives, KPIs and measurements.
.load ../../bsc
.read ../../sql/schema.sql
.read ../../sql/demo.sql
.headers on
SELECT (SELECT count(*) FROM objectives) AS objectives, (SELECT count(*) FROM processes) AS processes,
       (SELECT count(*) FROM links) AS links, (SELECT count(*) FROM kpis) AS kpis,
       (SELECT count(*) FROM measurements) AS measurements;
SELECT perspective, count(*) AS objectives FROM objectives GROUP BY perspective ORDER BY 2 DESC, 1;
SELECT cluster, count(*) AS objectives FROM objectives WHERE cluster IS NOT NULL GROUP BY 1 ORDER BY 1;
SELECT cluster, count(*) AS processes FROM processes GROUP BY 1 ORDER BY 1;
SELECT count(*) AS regulatory_social FROM processes WHERE cluster = 'regulatory_social';
-- every process and every non-financial objective causes something
SELECT id AS causes_nothing FROM processes WHERE id NOT IN (SELECT cause FROM links)
UNION ALL
SELECT id FROM objectives WHERE perspective <> 'financial' AND id NOT IN (SELECT cause FROM links);
-- every process reaches a financial objective
WITH RECURSIVE reach(start, node) AS (
  SELECT id, id FROM processes
  UNION
  SELECT r.start, l.effect FROM reach AS r JOIN links AS l ON l.cause = r.node
)
SELECT p.id AS process_without_financial_effect FROM processes AS p
 WHERE NOT EXISTS (SELECT 1 FROM reach AS r JOIN objectives AS o ON o.id = r.node
                    WHERE r.start = p.id AND o.perspective = 'financial');
-- link weights, signs and lags
SELECT sum(weight < 1) AS weaker_links, sum(sign = 'negative') AS negative_links,
       sum(lag > 0) AS lagged_links FROM links;
SELECT cause, effect, weight, sign, lag FROM links WHERE sign = 'negative' OR lag > 0 ORDER BY cause, effect;
-- KPIs: every objective is measured; polarities, frequencies, aggregations
SELECT count(*) AS unmeasured_objectives FROM objectives WHERE kpis = 0;
SELECT polarity, count(*) AS kpis FROM kpis GROUP BY 1 ORDER BY 1;
SELECT frequency, count(*) AS kpis FROM kpis GROUP BY 1 ORDER BY 1;
SELECT aggregation, count(*) AS kpis FROM kpis GROUP BY 1 ORDER BY 1;
SELECT count(*) AS kpis_without_unit_or_target FROM kpis WHERE unit IS NULL OR target IS NULL;
SELECT id AS kpi_without_red, baseline FROM kpis WHERE red IS NULL;
-- measurements: at least eight periods for every KPI, periods of its frequency
SELECT k.frequency, min(n) AS fewest_periods, max(n) AS most_periods, min(first) AS first,
       max(last) AS last
  FROM kpis AS k
  JOIN (SELECT kpi, count(*) AS n, min(period) AS first, max(period) AS last FROM measurements
         GROUP BY kpi) AS m ON m.kpi = k.id
 GROUP BY k.frequency ORDER BY 1;
SELECT count(*) AS off_frequency FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
 WHERE (k.frequency = 'month' AND m.period NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]')
    OR (k.frequency = 'quarter' AND m.period NOT GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]')
    OR (k.frequency = 'year' AND m.period NOT GLOB '[0-9][0-9][0-9][0-9]');
SELECT kpi, period, actual, target FROM measurements WHERE target IS NOT NULL ORDER BY kpi, period;
SELECT count(*) AS measurements_with_note FROM measurements WHERE note IS NOT NULL;
