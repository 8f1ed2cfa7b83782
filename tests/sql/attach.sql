-- One map per schema: an attached database holds a second map, under
-- table names of its own; the two maps never refer to each other.
.load ../../bsc
.read ../../sql/schema.sql
ATTACH ':memory:' AS plan;
CREATE VIRTUAL TABLE plan.p USING bsc_processes;
CREATE VIRTUAL TABLE plan.o USING bsc_objectives;
CREATE VIRTUAL TABLE plan.l USING bsc_links;
CREATE VIRTUAL TABLE plan.k USING bsc_kpis;
CREATE VIRTUAL TABLE plan.m USING bsc_measurements;
SELECT name FROM plan.sqlite_schema WHERE type = 'table' ORDER BY name;
-- still one map per schema
CREATE VIRTUAL TABLE plan.objectives USING bsc_objectives;

INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'Grow', 'financial');
INSERT INTO processes(id, title, cluster) VALUES ('make', 'Make', 'operations');
INSERT INTO kpis(id, objective, title, target) VALUES ('rev', 'fin', 'Revenue', 100);
-- the same ids mean other things in the other map
INSERT INTO plan.o(id, title, perspective) VALUES ('fin', 'Cut cost', 'F'), ('ops', 'Lean', 'I');
INSERT INTO plan.k(id, objective, title, target) VALUES ('rev', 'fin', 'Revenue plan', 120);
-- references stay inside their map
INSERT INTO plan.l(cause, effect) VALUES ('make', 'fin');
INSERT INTO plan.k(id, objective, title) VALUES ('x', 'nothing', 'x');
INSERT INTO links(cause, effect) VALUES ('ops', 'fin');
INSERT INTO plan.p(id, title, cluster) VALUES ('ops', 'Ops', 'operations');
INSERT INTO plan.p(id, title, cluster) VALUES ('make', 'Make', 'operations');
INSERT INTO plan.l(cause, effect) VALUES ('make', 'ops'), ('ops', 'fin');
INSERT INTO plan.m(kpi, period, actual) VALUES ('rev', '2026-q1', 110);
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-q1', 90);
-- deleting in one map is checked against that map only
DELETE FROM processes WHERE id = 'make';
DELETE FROM plan.p WHERE id = 'make';
SELECT 'main', id, title, kpis FROM objectives;
SELECT 'plan', id, title, perspective, kpis FROM plan.o ORDER BY id;
SELECT 'main', count(*) FROM processes;
SELECT 'plan', id FROM plan.p ORDER BY id;
SELECT 'plan', cause, effect FROM plan.l ORDER BY cause;
-- the two maps side by side
SELECT a.kpi, a.period, a.actual AS main_actual, b.actual AS plan_actual
  FROM measurements AS a JOIN plan.m AS b USING (kpi, period);
-- both take part in one transaction
BEGIN;
DELETE FROM measurements;
DELETE FROM plan.m;
ROLLBACK;
SELECT (SELECT count(*) FROM measurements), (SELECT count(*) FROM plan.m);
-- a map in the temp schema works the same
CREATE VIRTUAL TABLE temp.objectives USING bsc_objectives;
INSERT INTO temp.objectives(id, title, perspective) VALUES ('t', 'Temporary', 'klant');
SELECT id, perspective FROM temp.objectives;
SELECT name FROM temp.sqlite_schema WHERE name LIKE 'objectives%' ORDER BY name;
-- renaming a table keeps its rows and its place in the map
ALTER TABLE plan.o RENAME TO goals;
SELECT name FROM plan.sqlite_schema WHERE name LIKE 'goals%' OR name LIKE 'o\_%' ESCAPE '\' ORDER BY name;
INSERT INTO plan.k(id, objective, title) VALUES ('lean', 'ops', 'Lead time');
SELECT id, kpis FROM plan.goals ORDER BY id;
DETACH plan;
SELECT count(*) FROM objectives;
