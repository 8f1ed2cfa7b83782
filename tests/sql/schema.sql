-- sql/schema.sql makes a map: five virtual tables, each with its shadow
-- tables, the declared column types BI tools see, and a recorded format.
.load ../../bsc
.read ../../sql/schema.sql
SELECT type, name, tbl_name FROM sqlite_schema WHERE type = 'table' ORDER BY name;
SELECT name, type, "notnull", pk FROM pragma_table_info('processes');
SELECT name, type, "notnull", pk FROM pragma_table_info('objectives');
SELECT name, type, "notnull", pk FROM pragma_table_info('links');
SELECT name, type, "notnull", pk FROM pragma_table_info('kpis');
SELECT name, type, "notnull", pk FROM pragma_table_info('measurements');
-- the keys are bsc's to enforce, not declared: SQLite 3.40's integrity_check
-- took a declared one for a second use of a page, once the tables were read
PRAGMA integrity_check;
-- the storage records its format and module, for later upgrades
SELECT k, iif(k = 'changes', typeof(v), v) FROM processes_config ORDER BY k; -- changes: a new random stamp at each write
SELECT v FROM measurements_config WHERE k = 'module';
-- an empty map
SELECT count(*) FROM processes;
SELECT count(*) FROM objectives;
SELECT count(*) FROM links;
SELECT count(*) FROM kpis;
SELECT count(*) FROM measurements;
-- the table names are free, but a schema holds one map
CREATE VIRTUAL TABLE goals USING bsc_objectives;
CREATE VIRTUAL TABLE bsc_kpis USING bsc_kpis(extra);
SELECT count(*) FROM sqlite_schema WHERE name LIKE 'goals%';
-- DROP TABLE removes the shadow tables too; the map can then be made anew
DROP TABLE measurements;
SELECT name FROM sqlite_schema WHERE name LIKE 'measurements%';
CREATE VIRTUAL TABLE readings USING bsc_measurements;
SELECT name FROM sqlite_schema WHERE name LIKE 'readings%' ORDER BY name;
INSERT INTO objectives(id, title, perspective) VALUES ('o1', 'Grow', 'financial');
INSERT INTO kpis(id, objective, title) VALUES ('k1', 'o1', 'Revenue');
INSERT INTO readings(kpi, period, actual) VALUES ('k1', '2026-01', 10);
SELECT * FROM readings;
-- the other tables find the map's measurements under their new name
DELETE FROM kpis WHERE id = 'k1';
-- the version functions
SELECT bsc_version() = (SELECT bsc_version());
SELECT bsc_debug() LIKE 'Version: ' || bsc_version() || char(10) || 'Date: %';
SELECT instr(bsc_debug(), 'SQLite: ' || sqlite_version()) > 0;
