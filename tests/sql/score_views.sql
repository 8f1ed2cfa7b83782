.load ../../bsc
.read score_map.inc
.read ../../sql/views.sql
PRAGMA trusted_schema=OFF;
.mode list
.headers on
.print -- latest periods
SELECT perspective, objective, kpi, title, unit, period, actual, target, red, round(score, 4) AS score, status, trend FROM scorecard;
.print -- objectives
SELECT perspective, objective, title, round(score, 4) AS score, status, kpis_scored, kpis_total FROM objective_scores;
.print -- perspectives and the map
SELECT perspective, round(score, 4) AS score, status, objectives_scored, objectives_total FROM perspective_scores;
.print -- the scorecard at a quarter, through the view
SELECT kpi, period, round(actual, 4) AS actual, target, red, round(score, 4) AS score, status, trend FROM scorecard WHERE period = '2026-Q2';
.print -- year to date
SELECT kpi, period, round(actual, 4) AS actual, target, red, round(score, 4) AS score, status FROM scorecard WHERE period = 'ytd:2026-05';
.print -- the derived columns of the tables
SELECT id, period, actual, round(score, 4) AS score, status, trend FROM kpis;
SELECT id, kpis, rollup, round(score, 4) AS score, status FROM objectives;
.print -- a view with a period that is none
SELECT * FROM scorecard WHERE period = '2026-Q5';
.print -- objective and perspective scores at a period, through the views
SELECT objective, round(score, 4) AS score, status, kpis_scored, period FROM objective_scores WHERE period = '2026-q2';
SELECT perspective, round(score, 4) AS score, status, period FROM perspective_scores WHERE period = 'YTD:2026-06';
SELECT count(*) AS latest_rows_without_period FROM perspective_scores WHERE period IS NULL;
