.load ../../bsc
-- The checker's initiative rules (issue 12), each on a map made to trigger
-- it, and each left quiet where the map does not.
.read ../../sql/schema.sql
INSERT INTO processes(id, title, cluster) VALUES ('ops', 'Operations', 'operations');
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('profit', 'Profit', 'financial', NULL),
  ('loyal', 'Loyal customers', 'customer', NULL),
  ('island', 'A customer objective that leads nowhere', 'customer', NULL),
  ('punctual', 'Punctual', 'internal', 'operations'),
  ('skills', 'Skills', 'learning', NULL);
INSERT INTO links(cause, effect) VALUES
  ('ops', 'punctual'), ('punctual', 'loyal'), ('loyal', 'profit'), ('skills', 'punctual');
-- punctual, loyal and skills are red; profit green
INSERT INTO kpis(id, objective, title, target, red) VALUES
  ('otp', 'punctual', 'On time', 90, 80), ('nps', 'loyal', 'NPS', 40, 20),
  ('trained', 'skills', 'Trained', 100, 80), ('margin', 'profit', 'Margin', 7, 4),
  ('visits', 'island', 'Visits', 10, 5);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('otp', '2026-06', 70), ('nps', '2026-06', 10), ('trained', '2026-06', 50), ('margin', '2026-06', 8),
  ('visits', '2026-06', 9);

.headers on
.mode list
.print -- an empty initiatives table: the map does not track initiatives, no finding
SELECT rule, subject FROM bsc_check
 WHERE rule IN ('initiative_unlinked', 'no_outcome', 'red_without_initiative', 'initiative_overdue',
                'budget_off_strategy');

.print -- one initiative on punctual: loyal is red too, but driven through punctual; skills is not
INSERT INTO initiatives(id, title, start, due, budget, progress, status) VALUES
  ('kit', 'Turnaround kit', '2026-01-01', '2026-12-31', 900, 40, 'active');
INSERT INTO links(cause, effect) VALUES ('kit', 'punctual');
SELECT rule, severity, subject, message FROM bsc_check
 WHERE rule IN ('initiative_unlinked', 'no_outcome', 'red_without_initiative', 'initiative_overdue',
                'budget_off_strategy');

.print -- each rule triggered once
INSERT INTO initiatives(id, title, start, due, budget, progress, status) VALUES
  ('idle', 'Idle', '2026-01-01', '2026-12-31', 60, 10, 'active'),
  ('detour', 'Detour', '2026-01-01', '2026-12-31', 50, 60, 'active'),
  ('late-one', 'Late one', '2025-01-01', '2026-05-31', 0, 90, 'active'),
  ('old', 'Old and stopped', '2025-01-01', '2025-06-30', 1000, 20, 'stopped');
INSERT INTO links(cause, effect) VALUES ('detour', 'island'), ('late-one', 'loyal');
SELECT rule, severity, subject, message FROM bsc_check
 WHERE rule IN ('initiative_unlinked', 'no_outcome', 'red_without_initiative', 'initiative_overdue',
                'budget_off_strategy');

.print -- exactly 10% of the budget off strategy is allowed; the stopped one counts for nothing
UPDATE initiatives SET budget = 0 WHERE id = 'idle';
UPDATE initiatives SET budget = 100 WHERE id = 'detour';
SELECT sum(budget) AS working_budget FROM initiatives WHERE status <> 'stopped';
SELECT count(*) AS budget_findings FROM bsc_check WHERE rule = 'budget_off_strategy';
UPDATE initiatives SET budget = 100.5 WHERE id = 'detour';
SELECT count(*) AS budget_findings FROM bsc_check WHERE rule = 'budget_off_strategy';

.print -- a done or stopped initiative answers for no red objective; done is never overdue
UPDATE initiatives SET status = 'done' WHERE id = 'kit';
UPDATE initiatives SET status = 'stopped' WHERE id = 'late-one';
SELECT rule, subject FROM bsc_check
 WHERE rule IN ('red_without_initiative', 'initiative_overdue', 'initiative_unlinked');
.print -- a planned one does; the findings come in the checker's order, warnings before information
UPDATE initiatives SET status = 'planned' WHERE id = 'kit';
SELECT rule, severity, subject FROM bsc_check WHERE severity <> 'error';
