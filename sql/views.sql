-- Plain views of the scorecard for BI tools that cannot pass arguments to
-- table-valued functions. Each KPI shows at its latest period with an
-- actual; `SELECT * FROM scorecard WHERE period = '2026-Q3'` (or
-- 'YTD:2026-09', ...) shows every KPI at that period instead. They read
-- the map of schema main and work with PRAGMA trusted_schema=OFF.
--   sqlite3 acme.db '.load ./bsc' '.read sql/views.sql'

-- One row per KPI: perspective, objective, kpi, title, unit, period,
-- actual, target, red, score, status, trend, target_source, red_source.
CREATE VIEW IF NOT EXISTS scorecard AS
  SELECT * FROM bsc_scorecard;

-- One row per objective: perspective, objective, title, score, status,
-- kpis_scored, kpis_total, and period: NULL at the latest periods, or the
-- period asked for with `WHERE period = '2026-Q3'`.
CREATE VIEW IF NOT EXISTS objective_scores AS
  SELECT *, period FROM bsc_objective_scores;

-- The four perspectives top to bottom, then `map` for the whole map:
-- perspective, score, status, objectives_scored, objectives_total, and
-- period as in objective_scores.
CREATE VIEW IF NOT EXISTS perspective_scores AS
  SELECT *, period FROM bsc_perspective_scores;

-- The four process clusters in Kaplan & Norton's order: cluster, label,
-- processes, objectives, kpis, horizon, gap (1: no objectives).
CREATE VIEW IF NOT EXISTS cluster_coverage AS
  SELECT * FROM bsc_clusters;

-- Every causal chain from every process to a financial objective (at most
-- 12 links): start, goal, length, strength, path, nodes. `WHERE start =
-- 'on_time'` shows the chains from that process or objective instead.
CREATE VIEW IF NOT EXISTS causal_chains AS
  SELECT * FROM bsc_chains;

-- The map checker's findings: rule, severity, subject, message.
CREATE VIEW IF NOT EXISTS map_issues AS
  SELECT * FROM bsc_check;

-- Where to act: every process with the objectives it drives directly and
-- their current scores: process, rank, vital, objective, perspective,
-- score, status. A vital process's amber and red objectives come first, by
-- the process's rank, red before amber; then the rest by rank. `WHERE vital
-- AND status IN ('red', 'amber')` keeps only those.
CREATE VIEW IF NOT EXISTS attention AS
  SELECT v.process, v.rank, v.vital, s.objective, s.perspective, s.score, s.status
    FROM bsc_vital_few AS v
    JOIN links AS l ON l.cause = v.process
    JOIN bsc_objective_scores AS s ON s.objective = l.effect
   ORDER BY v.vital AND s.status IN ('red', 'amber') DESC, v.rank,
            CASE s.status WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END, s.objective;

-- The initiatives ranked the way the vital few are, with their schedule,
-- budget use, the objectives they drive (and their status), the outcome
-- they reach and their influence (bsc_portfolio): rank, initiative, title,
-- owner, status, schedule, progress, budget, spent, budget_used,
-- objectives, drives, outcome, influence.
CREATE VIEW IF NOT EXISTS initiative_portfolio AS
  SELECT * FROM bsc_portfolio;

-- The scorecard as a report: every KPI's row of scorecard, then every
-- objective's row of objective_scores (kpi, actual, target and trend
-- NULL), each with the approved commentary on it of its period, one row per
-- approved comment (author, written, analysis and recommendation NULL when
-- there is none): perspective, objective, kpi, title, period, actual,
-- target, score, status, trend, author, written, analysis, recommendation.
-- `WHERE period = '2026-Q3'` scores every row at that period, so that the
-- quarter's commentary joins; without it each KPI shows at its latest
-- period, and the objectives, whose period is then NULL, without any.
-- Reads the table commentary as sql/schema.sql names it.
CREATE VIEW IF NOT EXISTS scorecard_report AS
  SELECT s.perspective, s.objective, s.kpi, s.title, s.period, s.actual, s.target, s.score, s.status, s.trend,
         c.author, c.written, c.analysis, c.recommendation
    FROM bsc_scorecard AS s
    LEFT JOIN commentary AS c ON c.subject = s.kpi AND c.period = s.period AND c.status = 'approved'
  UNION ALL
  SELECT o.perspective, o.objective, NULL, o.title, o.period, NULL, NULL, o.score, o.status, NULL,
         c.author, c.written, c.analysis, c.recommendation
    FROM bsc_objective_scores AS o
    LEFT JOIN commentary AS c ON c.subject = o.objective AND c.period = o.period AND c.status = 'approved';

-- Every unit's map scored on its own (bsc_perspective_scores with the unit),
-- its perspectives side by side: unit, title, parent, financial, customer,
-- internal, learning, map, status (the map's), and period as in
-- objective_scores (`WHERE period = '2026-Q3'`). Units in the order they
-- were entered; a map without units has no rows. One join per perspective,
-- so that each column keeps the type the function declares (ODBC reads it).
CREATE VIEW IF NOT EXISTS unit_scorecard AS
  SELECT u.id AS unit, u.title, u.parent, f.score AS financial, c.score AS customer, i.score AS internal,
         l.score AS learning, m.score AS map, m.status, m.period
    FROM bsc_perspective_scores AS m
    JOIN units AS u ON m.unit = u.id
    JOIN bsc_perspective_scores AS f ON f.unit = u.id AND f.period IS +m.period
    JOIN bsc_perspective_scores AS c ON c.unit = u.id AND c.period IS +m.period
    JOIN bsc_perspective_scores AS i ON i.unit = u.id AND i.period IS +m.period
    JOIN bsc_perspective_scores AS l ON l.unit = u.id AND l.period IS +m.period
   WHERE m.perspective = 'map' AND f.perspective = 'financial' AND c.perspective = 'customer'
     AND i.perspective = 'internal' AND l.perspective = 'learning'
   ORDER BY u.rowid;

-- Every objective of a unit with units below it (the group's first), each
-- with the objectives aligned with it: those of a unit below its own whose
-- link has it as effect, one row each (aligned NULL when none is): objective,
-- unit, rollup, score, status, aligned, aligned_unit, weight (the link's),
-- aligned_score, aligned_status. Scores at the latest periods, as the
-- objectives table shows them. Reads the tables as sql/schema.sql names them.
CREATE VIEW IF NOT EXISTS alignment AS
  WITH RECURSIVE
    placed(id, unit, rollup, score, status, rid) AS (
      SELECT o.id, u.id, o.rollup, o.score, o.status, o.rowid
        FROM objectives AS o
        JOIN units AS u ON u.id = o.unit OR (o.unit IS NULL AND u.parent IS NULL)),
    below(unit, descendant) AS (
      SELECT parent, id FROM units WHERE parent IS NOT NULL
      UNION SELECT b.unit, u.id FROM below AS b JOIN units AS u ON u.parent = b.descendant)
  SELECT g.id AS objective, g.unit, g.rollup, g.score, g.status, a.id AS aligned, a.unit AS aligned_unit,
         l.weight, a.score AS aligned_score, a.status AS aligned_status
    FROM placed AS g
    LEFT JOIN links AS l ON l.effect = g.id
         AND l.cause IN (SELECT p.id FROM placed AS p JOIN below AS b ON b.descendant = p.unit AND b.unit = g.unit)
    LEFT JOIN placed AS a ON a.id = l.cause
   WHERE g.unit IN (SELECT unit FROM below)
   ORDER BY g.rid, l.rowid;
