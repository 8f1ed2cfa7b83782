-- A map of storage format 1 (objectives without rollup): read as it is,
-- written after SELECT bsc_upgrade(), which runs as a statement of its own
-- (the upgrade's DDL is never run while SQLite prepares a statement).
.shell cp ../fixtures/format1.db ../build/upgrade-format1.db
.open ../build/upgrade-format1.db
.load ../../bsc
SELECT id, rollup, status FROM objectives;
SELECT id, unit FROM objectives LIMIT 2;
SELECT group_concat(v) FROM (SELECT v FROM objectives_config WHERE k = 'format' UNION ALL SELECT v FROM kpis_config WHERE k = 'format');
-- the first statement is a write: refused with advice, nothing written
INSERT INTO objectives(id, title, perspective) VALUES ('n', 'N', 'l');
SELECT count(*) FROM objectives;
-- a table whose storage lacks nothing takes writes before the upgrade
INSERT INTO measurements(kpi, period, actual) VALUES ('margin', '2026-07', 13);
-- not inside another statement
INSERT INTO measurements(kpi, period, actual) VALUES ('margin', '2026-08', bsc_upgrade());
SELECT bsc_upgrade('nowhere');
SELECT bsc_upgrade();
SELECT bsc_upgrade();
INSERT INTO objectives(id, title, perspective, rollup) VALUES ('n', 'N', 'l', 'worst');
SELECT id, rollup FROM objectives WHERE id IN ('n', 'profit');
-- format 3 (cascading): the unit column, NULL (the top unit) for every row
SELECT group_concat(v) FROM (SELECT v FROM objectives_config WHERE k = 'format' UNION ALL SELECT v FROM processes_config WHERE k = 'format' UNION ALL SELECT v FROM kpis_config WHERE k = 'format');
SELECT count(*), count(unit) FROM objectives;
SELECT count(*), count(unit) FROM processes;
SELECT name FROM pragma_table_info('objectives_data') WHERE name = 'unit';
CREATE VIRTUAL TABLE units USING bsc_units;
INSERT INTO units(id, title) VALUES ('group', 'Group');
UPDATE objectives SET unit = 'group' WHERE id = 'n';
SELECT id, unit FROM objectives WHERE unit IS NOT NULL;
.shell rm -f ../build/upgrade-format1.db
