-- What `make demo` prints: the strategy map in demo.db, table by table.
-- Plain SQL, run by `sqlite3 -header -column demo.db '.load ./bsc'`; each
-- query's first column names what it lists. Perspectives read top to
-- bottom (financial first), the causal links bottom to top.

-- How big the map is.
SELECT (SELECT count(*) FROM objectives)   AS objectives,
       (SELECT count(*) FROM processes)    AS processes,
       (SELECT count(*) FROM links)        AS links,
       (SELECT count(*) FROM kpis)         AS kpis,
       (SELECT count(*) FROM measurements) AS measurements;

-- Objectives by perspective; internal-process ones with their cluster.
SELECT perspective, ifnull(cluster, '') AS cluster, id AS objective, title, weight, owner,
       kpis
  FROM objectives
 ORDER BY instr('financial customer internal learning', perspective),
          instr('operations customer_management innovation regulatory_social', cluster), id;

-- Processes by cluster and sub-process.
SELECT cluster, ifnull(subprocess, '') AS subprocess, id AS process, title, owner
  FROM processes
 ORDER BY instr('operations customer_management innovation regulatory_social', cluster),
          instr('supply produce distribute risk select acquire retain grow opportunities '
                || 'portfolio develop launch environment health_safety employment community',
                subprocess), id;

-- Cause and effect, bottom to top: processes first, then the perspectives
-- from learning & growth up to financial.
SELECT l.cause, ifnull(c.perspective, 'process') AS from_level, l.effect,
       e.perspective AS to_level, l.weight, l.sign, l.lag, ifnull(l.note, '') AS note
  FROM links AS l
  LEFT JOIN objectives AS c ON c.id = l.cause
  JOIN objectives AS e ON e.id = l.effect
 ORDER BY instr('process learning internal customer financial', ifnull(c.perspective, 'process')),
          instr('learning internal customer financial', e.perspective), l.cause, l.effect;

-- KPIs under their objectives. Polarity: which way is better; red: the
-- red-flag threshold (NULL: the baseline serves).
SELECT o.perspective, k.objective, k.id AS kpi, k.title, ifnull(k.unit, '') AS unit, k.polarity,
       k.baseline, k.target, k.red, k.weight, k.frequency, k.aggregation
  FROM kpis AS k
  JOIN objectives AS o ON o.id = k.objective
 ORDER BY instr('financial customer internal learning', o.perspective), k.objective, k.id;

-- The latest measurement of every KPI, with the one before it. The target
-- is the measurement's own when it has one, else the KPI's.
WITH latest AS (
  SELECT kpi, count(*) AS periods, min(period) AS first, max(period) AS period
    FROM measurements
   WHERE actual IS NOT NULL
   GROUP BY kpi
)
SELECT k.id AS kpi, t.periods, t.first, t.period AS latest, m.actual,
       ifnull(m.target, k.target) AS target, k.red, k.polarity,
       (SELECT p.actual FROM measurements AS p
         WHERE p.kpi = k.id AND p.period < t.period AND p.actual IS NOT NULL
         ORDER BY p.period DESC LIMIT 1) AS previous,
       ifnull(m.note, '') AS note
  FROM kpis AS k
  JOIN objectives AS o ON o.id = k.objective
  LEFT JOIN latest AS t ON t.kpi = k.id
  LEFT JOIN measurements AS m ON m.kpi = k.id AND m.period = t.period
 ORDER BY instr('financial customer internal learning', o.perspective), k.objective, k.id;

-- Measurements that carry their own target instead of the KPI's.
SELECT m.kpi AS override_kpi, m.period, m.actual, m.target, k.target AS kpi_target,
       ifnull(m.note, '') AS note
  FROM measurements AS m
  JOIN kpis AS k ON k.id = m.kpi
 WHERE m.target IS NOT NULL
 ORDER BY m.kpi, m.period;
