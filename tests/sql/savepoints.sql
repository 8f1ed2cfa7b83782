-- Savepoints: ROLLBACK TO undoes the map's writes since the savepoint and
-- keeps the earlier ones; RELEASE keeps them; derived columns follow.
.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'Grow', 'financial');
INSERT INTO kpis(id, objective, title) VALUES ('rev', 'fin', 'Revenue');

-- a savepoint outside a transaction starts one
SAVEPOINT load;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-01', 1);
SAVEPOINT february;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 2);
SAVEPOINT march;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-03', 3);
INSERT INTO kpis(id, objective, title) VALUES ('cost', 'fin', 'Cost');
SELECT 'in march', count(*), (SELECT kpis FROM objectives) FROM measurements;
ROLLBACK TO march;
SELECT 'back to march', count(*), (SELECT kpis FROM objectives) FROM measurements;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-03', 30);
RELEASE march;
ROLLBACK TO february;
SELECT 'back to february', period, actual FROM measurements ORDER BY period;
-- after ROLLBACK TO the savepoint is still open, and can be rolled back again
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 20);
UPDATE measurements SET actual = 10 WHERE period = '2026-01';
ROLLBACK TO february;
SELECT 'again', period, actual FROM measurements ORDER BY period;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 22);
RELEASE load;
SELECT 'released', period, actual FROM measurements ORDER BY period;

-- inside BEGIN, rolled back as a whole at the end
BEGIN;
DELETE FROM measurements WHERE period = '2026-01';
SAVEPOINT s1;
DELETE FROM measurements;
DELETE FROM kpis;
SELECT 's1', (SELECT count(*) FROM kpis), (SELECT count(*) FROM measurements);
ROLLBACK TO s1;
SELECT 'back to s1', (SELECT count(*) FROM kpis), (SELECT count(*) FROM measurements);
RELEASE s1;
ROLLBACK;
SELECT 'rolled back', period, actual FROM measurements ORDER BY period;

-- a refused write spoils the transaction it is in, savepoint or not: its
-- COMMIT fails and undoes every write of the transaction
BEGIN;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-03', 3);
SAVEPOINT s2;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-04', 'four');
RELEASE s2;
COMMIT;
SELECT 'after refused commit', period, actual FROM measurements ORDER BY period;
-- a ROLLBACK TO from before the refused write takes the refusal back with
-- it, and the savepoint's earlier writes are kept
BEGIN;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-03', 3);
SAVEPOINT s2;
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-04', 'four');
ROLLBACK TO s2;
RELEASE s2;
COMMIT;
SELECT 'after s2', period, actual FROM measurements ORDER BY period;
