-- The map's tables take part in transactions like ordinary tables:
-- ROLLBACK undoes inserts, updates and deletes in all five of them, and a
-- refused statement inside a transaction undoes only itself.
.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'Grow', 'financial');
INSERT INTO processes(id, title, cluster) VALUES ('make', 'Make', 'operations');

-- ROLLBACK of inserts into every table
BEGIN;
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('ops', 'Lean', 'internal', 'operations');
INSERT INTO processes(id, title, cluster) VALUES ('sell', 'Sell', 'crm');
INSERT INTO links(cause, effect) VALUES ('make', 'ops'), ('ops', 'fin');
INSERT INTO kpis(id, objective, title) VALUES ('rev', 'fin', 'Revenue');
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-01', 10), ('rev', '2026-02', 12);
SELECT 'inside', (SELECT count(*) FROM objectives), (SELECT count(*) FROM processes),
       (SELECT count(*) FROM links), (SELECT count(*) FROM kpis), (SELECT count(*) FROM measurements),
       (SELECT kpis FROM objectives WHERE id = 'fin');
ROLLBACK;
SELECT 'after rollback', (SELECT count(*) FROM objectives), (SELECT count(*) FROM processes),
       (SELECT count(*) FROM links), (SELECT count(*) FROM kpis), (SELECT count(*) FROM measurements),
       (SELECT kpis FROM objectives WHERE id = 'fin');
-- the ids are free again
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('ops', 'Lean', 'internal', 'operations');
INSERT INTO kpis(id, objective, title) VALUES ('rev', 'fin', 'Revenue');

-- COMMIT keeps everything
BEGIN;
INSERT INTO links(cause, effect) VALUES ('make', 'ops'), ('ops', 'fin');
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-01', 10);
COMMIT;
SELECT 'after commit', (SELECT count(*) FROM links), (SELECT count(*) FROM measurements);

-- ROLLBACK of updates and deletes
BEGIN;
UPDATE objectives SET title = 'Shrink', weight = 2 WHERE id = 'fin';
UPDATE measurements SET actual = 99, period = '2026-Q1' WHERE kpi = 'rev';
DELETE FROM links WHERE cause = 'make';
DELETE FROM processes WHERE id = 'make';
SELECT 'inside', title, weight FROM objectives WHERE id = 'fin';
SELECT 'inside', period, actual FROM measurements;
SELECT 'inside', count(*) FROM processes;
ROLLBACK;
SELECT 'after rollback', title, weight FROM objectives WHERE id = 'fin';
SELECT 'after rollback', period, actual FROM measurements;
SELECT 'after rollback', cause, effect FROM links ORDER BY cause;
SELECT 'after rollback', id FROM processes;

-- a refused statement inside a transaction undoes itself, and the
-- transaction cannot commit: its COMMIT fails and undoes the valid writes
-- too, whatever form the statements took
BEGIN;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 11);
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-03', 12), ('rev', 'March', 13);
SELECT 'inside', period, actual FROM measurements ORDER BY period;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-04', 14);
COMMIT;
SELECT 'after', period, actual FROM measurements ORDER BY period;
-- INSERT OR IGNORE skips the refused row, as asked, and the rest commits
BEGIN;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 11);
INSERT OR IGNORE INTO measurements(kpi, period, actual) VALUES ('rev', 'March', 13);
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-04', 14);
COMMIT;
SELECT 'after', period, actual FROM measurements ORDER BY period;

-- making and dropping a map table is transactional too
BEGIN;
DROP TABLE measurements;
SELECT 'inside', count(*) FROM sqlite_schema WHERE name LIKE 'measurements%';
ROLLBACK;
SELECT 'after rollback', count(*) FROM sqlite_schema WHERE name LIKE 'measurements%';
SELECT count(*) FROM measurements;
BEGIN;
DROP TABLE measurements;
CREATE VIRTUAL TABLE readings USING bsc_measurements;
INSERT INTO readings(kpi, period, actual) VALUES ('rev', '2026-05', 15);
SELECT 'inside', name FROM sqlite_schema WHERE name LIKE 'readings%' ORDER BY name;
ROLLBACK;
SELECT 'after rollback', name FROM sqlite_schema WHERE name LIKE 'readings%' OR name LIKE 'measurements%'
 ORDER BY name;
SELECT period, actual FROM measurements ORDER BY period;
