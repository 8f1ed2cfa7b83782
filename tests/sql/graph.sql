.load ../../bsc
-- The graph functions of issue 3 on a small airline map: causal chains,
-- reachability, cluster coverage, the checker and the DOT picture.
.read ../../sql/schema.sql
INSERT INTO processes(id, title, cluster, subprocess) VALUES
  ('ground-ops', 'Ground operations', 'operations', 'produce'),
  ('crm', 'Customer relationship programme', 'customer_management', 'retain'),
  ('safety', 'Safety programme', 'regulatory_social', 'health_safety');
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('revenue', 'Grow revenue', 'financial', NULL),
  ('profit', 'Increase "profit"', 'financial', NULL),
  ('loyal-customers', 'Loyal customers', 'customer', NULL),
  ('on-time', 'On-time flights', 'internal', 'operations'),
  ('fast-turn', 'Fast ground turnaround', 'internal', NULL),
  ('crew-skills', 'Skilled ground crew', 'learning', NULL);
INSERT INTO links(cause, effect, weight, sign) VALUES
  ('ground-ops', 'fast-turn', 1, 'positive'),
  ('ground-ops', 'on-time', 0.8, 'positive'),
  ('fast-turn', 'on-time', 0.9, 'positive'),
  ('on-time', 'loyal-customers', 0.7, 'positive'),
  ('loyal-customers', 'revenue', 0.6, 'positive'),
  ('revenue', 'profit', 1, 'positive'),
  ('crm', 'loyal-customers', 0.5, 'positive'),
  ('crew-skills', 'fast-turn', 0.5, 'positive'),
  ('loyal-customers', 'on-time', 0.2, 'negative');
INSERT INTO kpis(id, objective, title, target) VALUES
  ('otp', 'on-time', 'On-time performance', 0.9),
  ('rev', 'revenue', 'Revenue', NULL);
INSERT INTO measurements(kpi, period, actual) VALUES ('otp', '2026-01', 0.85);

.headers on
.mode list
.print -- chains from ground-ops
SELECT * FROM bsc_chains('ground-ops');
.print -- chains from every process, at most 3 links
SELECT start, goal, length, strength, path FROM bsc_chains(NULL, 3);
.print -- what ground-ops drives, and what drives profit
SELECT * FROM bsc_reach('ground-ops');
SELECT * FROM bsc_reach('profit', 'up');
.print -- cluster coverage
SELECT * FROM bsc_clusters;
SELECT bsc_cluster_gaps();
SELECT * FROM bsc_catalog WHERE cluster = 'innovation';
.print -- the checker
SELECT * FROM bsc_check;
.print -- the picture
SELECT bsc_dot();

.print -- errors
SELECT * FROM bsc_chains('nosuch');
SELECT * FROM bsc_chains('crm', 0);
SELECT * FROM bsc_chains('crm', 12, 'unit_b');
SELECT * FROM bsc_reach;
SELECT * FROM bsc_reach('crm', 'sideways');
SELECT bsc_cluster_gaps('temp');
SELECT * FROM bsc_check('nosuch');

.print -- an attached map
ATTACH ':memory:' AS unit_b;
CREATE VIRTUAL TABLE unit_b.goals USING bsc_objectives;
CREATE VIRTUAL TABLE unit_b.causes USING bsc_links;
INSERT INTO unit_b.goals(id, title, perspective) VALUES ('x', 'X', 'customer'), ('cash', 'Cash', 'financial');
INSERT INTO unit_b.causes(cause, effect, weight, sign) VALUES ('x', 'cash', 2, '-');
SELECT * FROM bsc_chains('x', 12, 'unit_b');

.print -- views over the functions, with trusted_schema off
CREATE VIEW findings AS SELECT rule, count(*) AS n FROM bsc_check GROUP BY rule;
CREATE VIEW strongest AS SELECT path, strength FROM bsc_chains ORDER BY abs(strength) DESC LIMIT 1;
CREATE VIEW gaps AS SELECT cluster FROM bsc_clusters WHERE gap;
CREATE VIEW picture AS SELECT length(bsc_dot()) > 0 AS drawn, bsc_cluster_gaps() AS gaps;
CREATE VIEW unsafe AS SELECT readfile('graph.sql') IS NOT NULL AS read;
PRAGMA trusted_schema = OFF;
SELECT * FROM findings;
SELECT * FROM strongest;
SELECT * FROM gaps;
SELECT * FROM picture;
-- the setting is on: a function that is not innocuous is refused in a view
SELECT * FROM unsafe;
