.load ../../bsc
.read score_map.inc
.mode list
.headers on
.print -- red KPIs and their owners, at their latest periods
.read ../../sql/reports/red_kpis.sql
.print -- ... and at a quarter
.parameter set :period "'2026-Q1'"
.read ../../sql/reports/red_kpis.sql
.parameter clear
.print -- the worst-trending objectives
.read ../../sql/reports/worst_trending.sql
.print -- the internal perspective quarter by quarter (the defaults: a plan for 2027 is no data yet)
INSERT INTO measurements(kpi, period, target) VALUES ('ideas', '2027-Q1', 5);
.read ../../sql/reports/perspective_by_quarter.sql
.print -- the customer perspective in 2026
.parameter set :perspective "'customer'"
.parameter set :year 2026
.read ../../sql/reports/perspective_by_quarter.sql
