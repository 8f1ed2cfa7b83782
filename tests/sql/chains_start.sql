.load ../../bsc
-- bsc_chains' visible start column asks for the chains from a start, as its
-- hidden argument start_id does, on the demo map: a filter on start, or a
-- join on it, answers the same whatever plan SQLite picks.
.read ../../sql/schema.sql
.read ../../sql/demo.sql
.read ../../sql/views.sql
.headers on
.mode list
.print -- on_time is an objective: asked for by name, though no chain of the default rows starts there
SELECT count(*) FROM bsc_chains('on_time');
SELECT count(*) FROM bsc_chains WHERE start = 'on_time';
SELECT count(*) FROM bsc_chains WHERE start_id = 'on_time';
SELECT count(*) FROM causal_chains WHERE start = 'on_time';
SELECT start, start_id, goal, length, path FROM bsc_chains WHERE start = 'on_time';
.print -- a join gives each process its chains
SELECT * FROM processes p JOIN bsc_chains c ON c.start = p.id WHERE p.id = 'fuel_purchasing';
SELECT p.id, count(*) AS chains FROM processes p JOIN bsc_chains c ON c.start = p.id GROUP BY p.id ORDER BY p.id;
.print -- ... and each objective, whichever side is written first
SELECT o.perspective, count(*) AS chains FROM objectives o JOIN bsc_chains c ON c.start = o.id
 GROUP BY o.perspective ORDER BY o.perspective;
SELECT o.perspective, count(*) AS chains FROM bsc_chains c JOIN objectives o ON c.start = o.id
 GROUP BY o.perspective ORDER BY o.perspective;
.print -- IN, with max_length
SELECT start, count(*) AS chains FROM bsc_chains WHERE start IN ('on_time', 'turnaround', 'catering') AND max_length = 4
 GROUP BY start ORDER BY start;
.print -- a filter, never an error: no such node, NULL, another start than the argument's
SELECT count(*) FROM bsc_chains WHERE start = 'catering';
SELECT count(*) FROM kpis k JOIN bsc_chains c ON c.start = k.id;
SELECT count(*) FROM bsc_chains WHERE start = NULL;
SELECT count(*) FROM bsc_chains('turnaround') WHERE start = 'on_time';
.print -- ids are matched exactly: another collation filters the chains from the processes
SELECT count(*) FROM bsc_chains WHERE start = 'TURNAROUND' COLLATE NOCASE;
SELECT count(*) FROM bsc_chains WHERE start = 'ON_TIME' COLLATE NOCASE;
.print -- the argument still names what it cannot find
SELECT * FROM bsc_chains('catering');
