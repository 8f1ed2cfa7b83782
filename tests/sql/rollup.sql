-- Cascading's second half: an objective with rollup 'aligned' scores from
-- the unit objectives aligned with it, weighted by their links' weights;
-- the score functions score one unit's own map; the views unit_scorecard
-- and alignment. Expected values are computed by hand in the comments.
.load ../../bsc
.read ../../sql/schema.sql
.read ../../sql/views.sql
PRAGMA trusted_schema=OFF;
.mode list
.headers on
-- group g; regional r and maintenance m below it; hangar h below m
INSERT INTO units(id, title, parent, owner) VALUES
  ('g', 'Group', NULL, 'CEO'), ('r', 'Regional', 'g', 'MD'), ('m', 'Maintenance', 'g', 'AM'),
  ('h', 'Hangar', 'm', 'Chief');
INSERT INTO objectives(id, title, perspective, rollup, unit, weight) VALUES
  ('profit', 'Profit', 'financial', 'aligned', NULL, 1),
  ('punctual', 'Punctual', 'customer', 'weighted', 'g', 2),
  ('r_profit', 'Regional profit', 'financial', 'weighted', 'r', 1),
  ('m_profit', 'Maintenance profit', 'financial', 'aligned', 'm', 1),
  ('m_quick', 'Quick checks', 'internal', 'weighted', 'm', 1),
  ('h_cost', 'Hangar cost', 'financial', 'worst', 'h', 1),
  ('h_spares', 'Spares on the shelf', 'internal', 'weighted', 'h', 1),
  ('alone', 'Aligned with nothing yet', 'learning', 'aligned', NULL, 1);
INSERT INTO links(cause, effect, weight) VALUES
  ('r_profit', 'profit', 3), ('m_profit', 'profit', 1), ('punctual', 'profit', 5),
  ('h_cost', 'm_profit', 2), ('h_spares', 'm_profit', 0.5), ('m_quick', 'm_profit', 4);
-- target 100, red 90 (higher): 95 scores 5, 100 scores 20/3, 80 scores 0, 110 scores 10
INSERT INTO kpis(id, objective, title, target, red, frequency) VALUES
  ('k_profit', 'profit', 'Own KPI of profit', 100, 90, 'month'),
  ('k_punctual', 'punctual', 'On time', 100, 90, 'month'),
  ('k_r', 'r_profit', 'Regional result', 100, 90, 'month'),
  ('k_quick', 'm_quick', 'Checks in time', 100, 90, 'month'),
  ('k_h1', 'h_cost', 'Hangar cost a', 100, 90, 'month'),
  ('k_h2', 'h_cost', 'Hangar cost b', 100, 90, 'month'),
  ('k_s', 'h_spares', 'Spares', 100, 90, 'month');
INSERT INTO measurements(kpi, period, actual) VALUES
  ('k_profit', '2026-01', 80), ('k_profit', '2026-02', 80),
  ('k_punctual', '2026-01', 100), ('k_punctual', '2026-02', 100),
  ('k_r', '2026-01', 100), ('k_r', '2026-02', 95),
  ('k_quick', '2026-01', 80), ('k_quick', '2026-02', 110),
  ('k_h1', '2026-01', 110), ('k_h1', '2026-02', 100),
  ('k_h2', '2026-01', 95), ('k_h2', '2026-02', 110),
  ('k_s', '2026-01', 80), ('k_s', '2026-02', 90);
.print -- latest (2026-02): h_cost = worst(20/3, 10) = 20/3; h_spares = 10/3;
.print -- m_profit = (2 * 20/3 + 0.5 * 10/3) / 2.5 = 6 (m_quick, of its own unit,
.print -- does not count); r_profit = 5; profit = (3 * 5 + 1 * 6) / 4 = 5.25 (its
.print -- own KPI, 0, and punctual, of its own unit, do not count either);
.print -- alone: nothing aligned, NULL
SELECT id, unit, rollup, kpis, round(score, 4) AS score, status FROM objectives;
SELECT round((3 * 5 + (2 * 20 / 3.0 + 0.5 * 10 / 3.0) / 2.5) / 4, 4) AS by_hand,
       round((SELECT score FROM objectives WHERE id = 'profit'), 4) AS bsc;
.print -- at 2026-01: h_cost = worst(10, 5) = 5; h_spares = 0; m_profit = (2 * 5 + 0.5 * 0) / 2.5 = 4;
.print -- r_profit = 20/3; profit = (3 * 20/3 + 1 * 4) / 4 = 6
SELECT objective, round(score, 4) AS score, status, kpis_scored, kpis_total, unit
  FROM bsc_objective_scores('2026-01') WHERE objective IN ('profit', 'alone');
SELECT objective, round(score, 4) AS score, unit FROM bsc_objective_scores('2026-01', 'main', 'm');
.print -- each unit's own map; no unit is the top unit's (unit NULL or g)
SELECT perspective, objective, round(score, 4) AS score, status, unit FROM bsc_objective_scores;
SELECT objective, kpi, period, score, for_unit FROM bsc_scorecard WHERE for_unit = 'h';
SELECT objective, kpi, period, score, for_unit FROM bsc_scorecard(NULL, NULL, 'r');
SELECT perspective, round(score, 4) AS score, objectives_scored, objectives_total, unit
  FROM bsc_perspective_scores WHERE unit = 'm';
.print -- every unit's perspectives, through a join
SELECT u.id, p.perspective, round(p.score, 4) AS score FROM units AS u, bsc_perspective_scores(NULL, NULL, u.id) AS p
 WHERE p.perspective = 'map';
.print -- the views
SELECT unit, title, parent, round(financial, 4) AS financial, round(customer, 4) AS customer,
       round(internal, 4) AS internal, learning, round(map, 4) AS map, status, period FROM unit_scorecard;
SELECT unit, round(financial, 4) AS financial, round(internal, 4) AS internal, round(map, 4) AS map, period
  FROM unit_scorecard WHERE period = '2026-01';
SELECT objective, unit, rollup, round(score, 4) AS score, status, aligned, aligned_unit, weight,
       round(aligned_score, 4) AS aligned_score, aligned_status FROM alignment;
.print -- weights all 0 count alike: (5 + 6) / 2 = 5.5; an aligned objective unscored is
.print -- left out: r_profit without measurements leaves m_profit's 6
UPDATE links SET weight = 0 WHERE effect = 'profit';
SELECT round(score, 4) AS score FROM objectives WHERE id = 'profit';
DELETE FROM measurements WHERE kpi = 'k_r';
SELECT round(score, 4) AS score FROM objectives WHERE id = 'profit';
.print -- units made circular around bsc (the top's parent set in its storage), with two
.print -- aligned objectives linked both ways: each is below the other, and the roll-up stops
.print -- at a depth of 32 units instead of running for ever
INSERT INTO objectives(id, title, perspective, rollup, unit) VALUES ('h_loop', 'Loop', 'customer', 'aligned', 'h');
INSERT INTO links(cause, effect) VALUES ('h_loop', 'm_profit'), ('m_profit', 'h_loop');
UPDATE units_data SET parent = 'h' WHERE id = 'g';
SELECT id, round(score, 4) AS score FROM objectives WHERE rollup = 'aligned';
UPDATE units_data SET parent = NULL WHERE id = 'g';
DELETE FROM links WHERE 'h_loop' IN (cause, effect);
DELETE FROM objectives WHERE id = 'h_loop';
.print -- a unit the map lacks
SELECT * FROM bsc_objective_scores(NULL, NULL, 'nowhere');
SELECT * FROM bsc_scorecard WHERE for_unit = 'G';
.print -- a map without units: all top unit, as before; a unit asked is refused
ATTACH ':memory:' AS bare;
CREATE VIRTUAL TABLE bare.objectives USING bsc_objectives;
INSERT INTO bare.objectives(id, title, perspective, rollup) VALUES ('x', 'X', 'financial', 'aligned');
SELECT objective, score, unit FROM bsc_objective_scores(NULL, 'bare');
SELECT id, rollup, score, status FROM bare.objectives;
SELECT * FROM bsc_objective_scores(NULL, 'bare', 'g');
.print -- a map of bsc 0.1 (format 1, no units, no rollup) scores as it did
DETACH bare;
.shell cp ../fixtures/format1.db ../build/rollup-format1.db
.open ../build/rollup-format1.db
.load ../../bsc
SELECT perspective, objective, round(score, 4) AS score, status, kpis_scored, kpis_total, unit FROM bsc_objective_scores;
SELECT perspective, round(score, 4) AS score, status, objectives_scored, objectives_total, unit FROM bsc_perspective_scores('2026-Q2');
SELECT kpi, period, actual, round(score, 4) AS score, status, trend, for_unit FROM bsc_scorecard;
SELECT id, round(score, 4) AS score, status FROM objectives;
.shell rm -f ../build/rollup-format1.db
