-- Every bad write is refused with a `bsc:` message naming the table, the
-- column and the value, and nothing is written. The shell reports each one
-- as "Runtime error near line N: ..." and goes on.
.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'Grow', 'financial');
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('ops', 'Lean', 'internal', 'operations');
INSERT INTO processes(id, title, cluster) VALUES ('make', 'Make', 'operations');
INSERT INTO kpis(id, objective, title) VALUES ('rev', 'fin', 'Revenue');
INSERT INTO links(cause, effect) VALUES ('make', 'ops'), ('ops', 'fin');
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-01', 1);

-- words
INSERT INTO objectives(id, title, perspective) VALUES ('x', 'x', 'finance & control');
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('x', 'x', 'internal', 'logistics');
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('x', 'x', 'klant', 'operations');
INSERT INTO processes(id, title, cluster, subprocess) VALUES ('x', 'x', 'innovation', 'supply');
INSERT INTO processes(id, title, cluster, subprocess) VALUES ('x', 'x', 'innovation', 'research');
INSERT INTO links(cause, effect, sign) VALUES ('make', 'fin', 'neutral');
INSERT INTO kpis(id, objective, title, polarity) VALUES ('x', 'fin', 'x', 'sideways');
INSERT INTO kpis(id, objective, title, frequency) VALUES ('x', 'fin', 'x', 'hourly');

-- ids
INSERT INTO objectives(id, title, perspective) VALUES ('   ', 'x', 'financial');
INSERT INTO objectives(id, title, perspective) VALUES (printf('%.65c', 'a'), 'x', 'financial');
INSERT INTO objectives(id, title, perspective) VALUES ('a' || char(10) || 'b', 'x', 'financial');
INSERT INTO objectives(id, title, perspective) VALUES ('make', 'x', 'financial');
INSERT INTO processes(id, title, cluster) VALUES (' fin ', 'x', 'operations');
INSERT INTO objectives(id, title, perspective) VALUES ('fin', 'x', 'customer');
INSERT INTO objectives(id, title, perspective) VALUES (NULL, 'x', 'customer');

-- required columns
INSERT INTO objectives(id, title, perspective) VALUES ('x', NULL, 'customer');
INSERT INTO objectives(id, title, perspective) VALUES ('x', '  ', 'customer');
INSERT INTO objectives(id, title) VALUES ('x', 'x');
INSERT INTO processes(id, title) VALUES ('x', 'x');
INSERT INTO measurements(kpi, actual) VALUES ('rev', 1);

-- references
INSERT INTO links(cause, effect) VALUES ('nobody', 'fin');
INSERT INTO links(cause, effect) VALUES ('fin', 'make');
INSERT INTO links(cause, effect) VALUES ('fin', 'nothing');
INSERT INTO links(cause, effect) VALUES ('fin', 'fin');
INSERT INTO links(cause, effect) VALUES ('ops', 'fin');
INSERT INTO kpis(id, objective, title) VALUES ('x', 'make', 'x');
INSERT INTO kpis(id, objective, title) VALUES ('x', 'gone', 'x');
INSERT INTO measurements(kpi, period) VALUES ('fin', '2026-01');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026-01');

-- numbers
INSERT INTO objectives(id, title, perspective, weight) VALUES ('x', 'x', 'customer', -1);
INSERT INTO objectives(id, title, perspective, weight) VALUES ('x', 'x', 'customer', 'heavy');
INSERT INTO kpis(id, objective, title, target) VALUES ('x', 'fin', 'x', 9e999);
INSERT INTO kpis(id, objective, title, red) VALUES ('x', 'fin', 'x', -9e999);
INSERT INTO kpis(id, objective, title, baseline) VALUES ('x', 'fin', 'x', '12 EUR');
INSERT INTO links(cause, effect, lag) VALUES ('make', 'fin', -2);
INSERT INTO links(cause, effect, lag) VALUES ('make', 'fin', 1.5);
INSERT INTO links(cause, effect, weight) VALUES ('make', 'fin', x'0102');
INSERT INTO measurements(kpi, period, actual) VALUES ('rev', '2026-02', 'n/a');

-- periods
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026-13');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026-Q5');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026-H3');
INSERT INTO measurements(kpi, period) VALUES ('rev', 'Q5 2026');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026-02-29');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2027-W53');
INSERT INTO measurements(kpi, period) VALUES ('rev', '26-01');
INSERT INTO measurements(kpi, period) VALUES ('rev', '2026/01');
INSERT INTO measurements(kpi, period) VALUES ('rev', 202601);

-- derived columns are read-only
INSERT INTO objectives(id, title, perspective, kpis) VALUES ('x', 'x', 'customer', 3);
UPDATE objectives SET kpis = 5 WHERE id = 'fin';

-- what others refer to cannot go or be renamed
DELETE FROM objectives WHERE id = 'fin';
DELETE FROM processes WHERE id = 'make';
UPDATE objectives SET id = 'ops2' WHERE id = 'ops';
DELETE FROM kpis WHERE id = 'rev';
UPDATE kpis SET id = 'revenue' WHERE id = 'rev';

-- a bad row stops the whole statement: the good rows before it are not written
INSERT INTO objectives(id, title, perspective) VALUES ('good1', 'x', 'C'), ('bad', 'x', 'Z'), ('good2', 'x', 'C');
UPDATE objectives SET perspective = 'nowhere';

-- not bsc's own errors, reported by SQLite
INSERT INTO objectives(id, title, perspective, colour) VALUES ('x', 'x', 'C');
INSERT INTO objectives VALUES ('x', 'x';

-- nothing of the above was written
SELECT count(*) FROM objectives;
SELECT id, title, perspective, cluster, weight FROM objectives ORDER BY id;
SELECT count(*) FROM processes;
SELECT * FROM links;
SELECT count(*) FROM kpis;
SELECT * FROM measurements;
