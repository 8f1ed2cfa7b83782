.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO objectives(id, title, perspective) VALUES ('ops', 'Run well', 'internal');
INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES ('uptime', 'ops', 'Uptime', 'higher', 98, 94), ('tickets', 'ops', 'Tickets', 'lower', 10, 20);
.print -- a good file loads; an empty number is NULL, an empty note is stored as the empty text it is
.import --csv --skip 1 score_import_good.csv measurements
SELECT kpi, period, actual, quote(target), quote(note) FROM measurements;
.print -- a bad row stops the load: none of its rows land
.import --csv --skip 1 score_import_bad.csv measurements
SELECT count(*) AS rows_after_bad_file FROM measurements;
.print -- inside the caller's own transaction, its COMMIT fails and rolls back
BEGIN;
INSERT INTO measurements(kpi, period, actual) VALUES ('uptime', '2025-12', 90);
.import --csv --skip 1 score_import_bad.csv measurements
COMMIT;
SELECT count(*) AS rows_after_commit FROM measurements;
.print -- the map is usable afterwards
.import --csv --skip 1 score_import_more.csv measurements
SELECT kpi, period, actual FROM measurements WHERE period >= '2026-03' ORDER BY kpi, period;
SELECT id, period, actual, round(score, 4) AS score, status, trend FROM kpis;
.print -- a header line is data unless --skip 1 says otherwise: refused, and the load with it
.import --csv score_import_header.csv measurements
SELECT count(*) AS may_rows FROM measurements WHERE period = '2026-05';
.import --csv --skip 1 score_import_header.csv measurements
SELECT kpi, period, actual FROM measurements WHERE period = '2026-05';
.print -- bad keys and unknown KPIs: the error names the value
.import --csv --skip 1 score_import_badkey.csv measurements
SELECT count(*) AS june_rows FROM measurements WHERE period = '2026-06';
