.load ../../bsc
-- Initiatives (issue 12): validated like every table, causes in links, a
-- derived schedule and count of objectives; commentary per subject, period
-- and author. The map stands at 2026-06-30, the last day of its latest
-- period with an actual (2026-06).
.read ../../sql/schema.sql
INSERT INTO processes(id, title, cluster, subprocess) VALUES
  ('ground-ops', 'Ground operations', 'operations', 'produce');
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('revenue', 'Grow revenue', 'financial', NULL),
  ('loyal', 'Loyal customers', 'customer', NULL),
  ('on-time', 'On-time flights', 'internal', 'operations'),
  ('skills', 'Skilled crew', 'learning', NULL);
INSERT INTO links(cause, effect) VALUES
  ('ground-ops', 'on-time'), ('on-time', 'loyal'), ('loyal', 'revenue'), ('skills', 'on-time');
INSERT INTO kpis(id, objective, title, target, red) VALUES ('otp', 'on-time', 'On-time performance', 90, 80),
  ('nps', 'loyal', 'Net promoter score', 40, 20);
INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026-05', 84), ('otp', '2026-06', 86);
-- a later period without an actual does not move the map's date
INSERT INTO measurements(kpi, period, target) VALUES ('otp', '2026-07', 90);

.headers on
.mode list
.print -- schedules at 2026-06-30: 180 of 360 days gone, so 50% is exactly on track
INSERT INTO initiatives(id, title, owner, start, due, budget, spent, progress, status) VALUES
  ('turn-kit', 'Turnaround kit', 'COO', '2026-01-01', '2026-12-27', 100000, 40000, 50, 'active'),
  ('crew-app', 'Crew app', 'CIO', '2026-01-01', '2026-12-27', 80000, 50000, 49.9, 'In progress'),
  ('lounge', 'New lounge', 'CCO', '2025-06-01', '2026-03-31', 250000, 260000, 80, 'active'),
  ('old-app', 'Old booking app', 'CIO', '2025-01-01', '2026-01-31', 50000, 20000, 30, 'cancelled'),
  ('hangar', 'Hangar lights', 'COO', '2025-01-01', '2025-12-31', 10000, 9000, 100, 'afgerond'),
  ('ai-pilot', 'AI planning pilot', 'CIO', '2026-9-1', '2027-06-30', 30000, 0, 0, 'planned'),
  ('lean', 'Lean ground handling', 'COO', '2026-01-01', '2026-06-30', 20000, 5000, 99, 'active'),
  ('ideas', 'Ideas box', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO links(cause, effect, weight) VALUES
  ('turn-kit', 'on-time', 1), ('crew-app', 'on-time', 0.5), ('crew-app', 'skills', 1),
  ('lounge', 'loyal', 1), ('ai-pilot', 'on-time', 0.5);
SELECT id, start, due, progress, status, schedule, objectives FROM initiatives ORDER BY id;
.print -- on its due day, 99% is late; past it, overdue; the done and stopped keep their word
UPDATE initiatives SET progress = 100 WHERE id = 'lean';
SELECT id, progress, schedule FROM initiatives WHERE id = 'lean';
UPDATE initiatives SET due = '2026-06-29', start = '2026-01-01' WHERE id = 'lean';
SELECT id, progress, schedule FROM initiatives WHERE id = 'lean';
.print -- a map with no actual stands nowhere: no schedule but done and stopped
SAVEPOINT s;
DELETE FROM measurements;
SELECT id, schedule FROM initiatives ORDER BY id;
ROLLBACK TO s;
RELEASE s;
.print -- the declared columns
SELECT name, type, "notnull", dflt_value FROM pragma_table_info('initiatives');
SELECT name, type, "notnull", dflt_value FROM pragma_table_info('commentary');

.print -- refused: dates, money, progress, words, ids
INSERT INTO initiatives(id, title, start) VALUES ('x', 'x', '2026-02-30');
INSERT INTO initiatives(id, title, start) VALUES ('x', 'x', '2026-Q1');
INSERT INTO initiatives(id, title, due) VALUES ('x', 'x', 20261231);
INSERT INTO initiatives(id, title, start, due) VALUES ('x', 'x', '2026-07-01', '2026-06-30');
UPDATE initiatives SET due = '2025-12-31' WHERE id = 'turn-kit';
INSERT INTO initiatives(id, title, budget) VALUES ('x', 'x', -5);
INSERT INTO initiatives(id, title, spent) VALUES ('x', 'x', 'lots');
INSERT INTO initiatives(id, title, progress) VALUES ('x', 'x', 101);
INSERT INTO initiatives(id, title, progress) VALUES ('x', 'x', -0.5);
INSERT INTO initiatives(id, title, status) VALUES ('x', 'x', 'sideways');
INSERT INTO initiatives(id, title) VALUES ('x', NULL);
INSERT INTO initiatives(id, title) VALUES ('ground-ops', 'x');
INSERT INTO initiatives(id, title) VALUES ('revenue', 'x');
INSERT INTO processes(id, title, cluster) VALUES ('lounge', 'x', 'operations');
INSERT INTO objectives(id, title, perspective) VALUES ('lounge', 'x', 'customer');
INSERT INTO initiatives(id, title) VALUES ('turn-kit', 'x');
UPDATE initiatives SET schedule = 'on track' WHERE id = 'lounge';
UPDATE initiatives SET objectives = 3 WHERE id = 'lounge';
SELECT count(*) AS initiatives FROM initiatives;

.print -- links: an initiative causes, never is caused
INSERT INTO links(cause, effect) VALUES ('revenue', 'lounge');
INSERT INTO links(cause, effect) VALUES ('lounges', 'loyal');
INSERT INTO links(cause, effect) VALUES ('Lounge', 'loyal');
.print -- a referenced initiative can be neither deleted nor renamed
DELETE FROM initiatives WHERE id = 'lounge';
UPDATE initiatives SET id = 'lounge-2' WHERE id = 'lounge';
.print -- an unreferenced one can
UPDATE initiatives SET id = 'ideas-box' WHERE id = 'ideas';
DELETE FROM initiatives WHERE id = 'ideas-box';
SELECT count(*) AS initiatives FROM initiatives;

.print -- causal chains and reach start from an initiative
SELECT start, goal, length, strength, path FROM bsc_chains('crew-app');
SELECT * FROM bsc_reach('lounge');
.print -- what drives on-time: objectives only, as before (initiatives and processes left out)
SELECT * FROM bsc_reach('on-time', 'up');
.print -- chains from every process: processes only, as before
SELECT start, path FROM bsc_chains();
SELECT * FROM bsc_chains('nope');

.print -- commentary: on an objective, a KPI or an initiative
INSERT INTO commentary(subject, period, author, written, status, analysis, recommendation) VALUES
  ('on-time', '2026-q2', 'COO', '2026-7-3', 'final', 'Punctuality is recovering.', 'Keep the turnaround kit going.'),
  ('on-time', '2026-Q2', 'CFO', NULL, NULL, 'Costly recovery.', NULL),
  ('otp', '2026-06', 'COO', '2026-07-02', 'approved', '86% in June.', NULL),
  ('nps', '2026-Q2', 'CCO', '2026-07-02', 'approved', 'No survey yet.', 'Run the survey.'),
  ('lounge', '2026-Q2', 'CCO', '2026-07-01', 'concept', 'Opening slipped to September.', 'Accept the delay.');
SELECT subject, period, author, written, status FROM commentary ORDER BY subject, period, author;
INSERT INTO commentary(subject, period, author) VALUES ('on-time', '2026-Q2', 'COO');
INSERT INTO commentary(subject, period, author) VALUES ('ground-ops', '2026-Q2', 'COO');
INSERT INTO commentary(subject, period, author) VALUES ('nope', '2026-Q2', 'COO');
INSERT INTO commentary(subject, period, author) VALUES ('loyal', 'Q2', 'COO');
INSERT INTO commentary(subject, period, author) VALUES ('loyal', '2026-Q2', NULL);
INSERT INTO commentary(subject, period, author) VALUES ('loyal', '2026-Q2', '  ');
INSERT INTO commentary(subject, period, author, status) VALUES ('loyal', '2026-Q2', 'COO', 'maybe');
INSERT INTO commentary(subject, period, author, written) VALUES ('loyal', '2026-Q2', 'COO', '2026-13-01');
.print -- a subject with commentary stays
DELETE FROM kpis WHERE id = 'nps';
DELETE FROM links WHERE cause = 'lounge';
DELETE FROM initiatives WHERE id = 'lounge';
DELETE FROM commentary WHERE subject = 'lounge';
DELETE FROM initiatives WHERE id = 'lounge';
SELECT id FROM initiatives ORDER BY id;
