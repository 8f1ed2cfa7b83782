-- A perspective quarter by quarter: the score of each of its objectives in
-- each quarter of a year, and the perspective's own on the last line.
-- :perspective (default 'internal') and :year (default the latest year
-- with an actual: targets planned ahead are no data yet) choose which.
--   sqlite3 acme.db '.load ./bsc' '.read sql/reports/perspective_by_quarter.sql'
-- or, in the shell:
--   .parameter set :perspective "'customer'"
--   .parameter set :year 2026
--   .read sql/reports/perspective_by_quarter.sql
WITH arg(perspective, year) AS (
       SELECT coalesce(:perspective, 'internal'),
              coalesce(:year, (SELECT max(substr(period, 1, 4)) FROM measurements WHERE actual IS NOT NULL))),
     quarter(q) AS (VALUES (1), (2), (3), (4)),
     score(line, objective, title, q, score) AS (
       SELECT 0, o.objective, o.title, quarter.q, o.score
         FROM arg, quarter, bsc_objective_scores(arg.year || '-Q' || quarter.q) AS o
        WHERE o.perspective = arg.perspective
       UNION ALL
       SELECT 1, '(all)', p.perspective, quarter.q, p.score
         FROM arg, quarter, bsc_perspective_scores(arg.year || '-Q' || quarter.q) AS p
        WHERE p.perspective = arg.perspective)
SELECT objective,
       title,
       round(max(CASE q WHEN 1 THEN score END), 2) AS Q1,
       round(max(CASE q WHEN 2 THEN score END), 2) AS Q2,
       round(max(CASE q WHEN 3 THEN score END), 2) AS Q3,
       round(max(CASE q WHEN 4 THEN score END), 2) AS Q4
  FROM score
 GROUP BY line, objective
 ORDER BY line, objective;
