-- An alignment link is judged as alignment, not as an ordinary cause: it
-- may join a unit's customer objective to a group's internal one without a
-- downward_link, and a group objective whose rollup is 'aligned' is scored
-- from its aligned unit objectives, so it needs no KPI of its own. Each
-- query below must print 1.
.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO units(id, title) VALUES ('group', 'The group');
INSERT INTO units(id, title, parent) VALUES ('mro', 'Maintenance', 'group');
INSERT INTO objectives(id, title, perspective, cluster, rollup, unit) VALUES
  ('profit', 'Profit', 'financial', NULL, NULL, NULL),
  ('fleet', 'Reliable fleet', 'internal', 'operations', 'aligned', NULL),
  ('plain', 'No KPI, no roll-up', 'internal', 'operations', NULL, NULL),
  ('m_turn', 'Fast turnarounds', 'customer', NULL, NULL, 'mro'),
  ('m_down', 'Runs down inside its unit', 'financial', NULL, NULL, 'mro'),
  ('m_low', 'Below it', 'customer', NULL, NULL, 'mro');
INSERT INTO kpis(id, objective, title, target, red) VALUES ('k_turn', 'm_turn', 'Turnaround on time', 95, 80),
  ('k_profit', 'profit', 'Profit', 10, 5), ('k_down', 'm_down', 'Down', 10, 5), ('k_low', 'm_low', 'Low', 10, 5);
INSERT INTO measurements(kpi, period, actual) VALUES ('k_turn', '2026-01', 95);
INSERT INTO links(cause, effect, weight) VALUES ('m_turn', 'fleet', 1), ('fleet', 'profit', 1),
  ('plain', 'profit', 1), ('m_down', 'm_low', 1);
-- the alignment link m_turn > fleet runs from customer to internal: no downward_link
SELECT count(*) = 0 FROM bsc_check WHERE rule = 'downward_link' AND subject = 'm_turn';
-- a link inside one unit's map that runs down is still one
SELECT count(*) = 1 FROM bsc_check WHERE rule = 'downward_link' AND subject = 'm_down';
-- fleet rolls up m_turn: no objective_without_kpi, and it has a score
SELECT count(*) = 0 FROM bsc_check WHERE rule = 'objective_without_kpi' AND subject = 'fleet';
SELECT score IS NOT NULL FROM bsc_objective_scores WHERE objective = 'fleet';
-- an objective with neither a KPI nor an aligned roll-up still gets the warning
SELECT count(*) = 1 FROM bsc_check WHERE rule = 'objective_without_kpi' AND subject = 'plain';
-- rollup 'aligned' with nothing aligned: the warning stays
UPDATE objectives SET rollup = 'aligned' WHERE id = 'plain';
SELECT count(*) = 1 FROM bsc_check WHERE rule = 'objective_without_kpi' AND subject = 'plain';
-- the alignment link gone, fleet needs a KPI again
DELETE FROM links WHERE cause = 'm_turn';
SELECT count(*) = 1 FROM bsc_check WHERE rule = 'objective_without_kpi' AND subject = 'fleet';
