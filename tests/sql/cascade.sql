-- Cascading: a group's map and its units' maps in one database. Every
-- analysis per unit (bsc_clusters, bsc_cluster_gaps, bsc_chains,
-- bsc_check), alignment links, the checker's rules misaligned, unaligned
-- and unsupported, and a map without units read as before.
.load ../../bsc
.headers on
.read ../../sql/schema.sql
INSERT INTO units(id, title) VALUES ('group', 'The group');
INSERT INTO units(id, title, parent) VALUES ('cargo', 'Cargo', 'group'), ('mro', 'Maintenance', 'group'),
  ('hub', 'Cargo hub', 'cargo');
-- the group's map (unit NULL is the top's), cargo's, mro's and the hub's
INSERT INTO objectives(id, title, perspective, cluster, unit) VALUES
  ('profit', 'Profit', 'financial', NULL, NULL),
  ('loyal', 'Loyal customers', 'customer', NULL, 'group'),
  ('ops', 'Operate well', 'internal', 'operations', NULL),
  ('people', 'Skilled people', 'learning', NULL, NULL),
  ('c_rev', 'Cargo revenue', 'financial', NULL, 'cargo'),
  ('c_fast', 'Fast freight', 'customer', NULL, 'cargo'),
  ('c_hall', 'Handle freight', 'internal', 'operations', 'cargo'),
  ('c_sales', 'Sell capacity', 'internal', 'customer_management', 'cargo'),
  ('c_idle', 'Nothing aligned', 'learning', NULL, 'cargo'),
  ('m_fleet', 'Reliable fleet', 'internal', NULL, 'mro'),
  ('h_speed', 'Hub speed', 'customer', NULL, 'hub');
INSERT INTO processes(id, title, cluster, unit) VALUES
  ('ground', 'Ground handling', 'operations', NULL),
  ('hall', 'Freight hall', 'operations', 'cargo'),
  ('brokers', 'Broker sales', 'customer_management', 'cargo'),
  ('checks', 'Line checks', 'innovation', 'mro');
INSERT INTO links(cause, effect, weight) VALUES
  ('people', 'ops', 1), ('ops', 'loyal', 1), ('loyal', 'profit', 1), ('ground', 'ops', 1),
  ('hall', 'c_hall', 1), ('brokers', 'c_sales', 1), ('c_hall', 'c_fast', 1), ('c_sales', 'c_rev', 1),
  ('c_fast', 'c_rev', 1),
  -- alignment: cargo's revenue serves the group's profit, the hub's speed cargo's freight
  ('c_rev', 'profit', 0.5), ('h_speed', 'c_fast', 1),
  -- mro's process serves the group's objective: a cause of another unit counts for neither map's clusters
  ('checks', 'ops', 1),
  -- misaligned: a sibling's objective, and one below
  ('m_fleet', 'c_hall', 1), ('ops', 'c_hall', 1);
SELECT '-- bsc_clusters: the top unit by default, each unit on its own';
SELECT cluster, processes, objectives, gap FROM bsc_clusters;
SELECT cluster, processes, objectives, gap FROM bsc_clusters(NULL, 'group');
SELECT cluster, processes, objectives, gap FROM bsc_clusters WHERE unit = 'cargo';
SELECT cluster, processes, objectives, gap FROM bsc_clusters(NULL, 'mro');
-- the one query: every unit's missing clusters
SELECT u.id AS unit, group_concat(c.cluster, ' ') AS missing
  FROM units u JOIN bsc_clusters c ON c.unit = u.id WHERE c.gap GROUP BY u.id ORDER BY u.id;
SELECT u.id AS unit, bsc_cluster_gaps(NULL, u.id) AS gaps FROM units u ORDER BY u.id;
SELECT bsc_cluster_gaps(), bsc_cluster_gaps('main'), bsc_cluster_gaps('main', NULL);
SELECT * FROM bsc_clusters(NULL, 'nowhere');
SELECT bsc_cluster_gaps('main', 'Cargo');
SELECT '-- bsc_chains: within a unit, not along alignment links';
SELECT start, goal, path, strength FROM bsc_chains;
SELECT start, goal, path FROM bsc_chains(NULL, NULL, NULL, 'cargo');
SELECT start, goal, path FROM bsc_chains('hall');
SELECT count(*) FROM bsc_chains('hall', NULL, NULL, 'group');
SELECT c.unit, count(*) FROM units u JOIN bsc_chains c ON c.unit = u.id GROUP BY c.unit ORDER BY c.unit;
SELECT * FROM bsc_chains(NULL, NULL, NULL, 'nowhere');
SELECT '-- bsc_check: every unit, or one';
SELECT rule, severity, subject, unit FROM bsc_check;
SELECT rule, subject, unit FROM bsc_check(NULL, 'cargo');
SELECT rule, subject FROM bsc_check WHERE unit = 'mro';
SELECT count(*) FROM bsc_check WHERE unit = 'nowhere';
SELECT * FROM bsc_check('main', 'nowhere');
SELECT message FROM bsc_check WHERE rule IN ('misaligned', 'unaligned') ORDER BY subject;
SELECT message FROM bsc_check WHERE rule = 'unsupported' AND subject = 'people';
-- aligning the idle objective and moving mro's link up clears them
INSERT INTO links(cause, effect) VALUES ('c_idle', 'c_hall');
UPDATE links SET effect = 'ops' WHERE cause = 'm_fleet';
DELETE FROM links WHERE cause = 'ops' AND effect = 'c_hall';
SELECT rule, subject, unit FROM bsc_check WHERE rule IN ('misaligned', 'unaligned', 'unsupported');
SELECT '-- a map without units reads as before: no unit column set, no unit findings';
ATTACH ':memory:' AS plain;
CREATE VIRTUAL TABLE plain.objectives USING bsc_objectives;
CREATE VIRTUAL TABLE plain.processes USING bsc_processes;
CREATE VIRTUAL TABLE plain.links USING bsc_links;
INSERT INTO plain.objectives(id, title, perspective, cluster) VALUES ('f', 'F', 'financial', NULL), ('i', 'I', 'internal', 'innovation');
INSERT INTO plain.processes(id, title, cluster) VALUES ('p', 'P', 'operations');
INSERT INTO plain.links(cause, effect) VALUES ('p', 'i'), ('i', 'f');
SELECT cluster, processes, objectives, gap FROM bsc_clusters('plain');
SELECT bsc_cluster_gaps('plain'), bsc_cluster_gaps('plain', NULL);
SELECT start, path FROM bsc_chains(NULL, NULL, 'plain');
SELECT rule, subject, quote(unit) FROM bsc_check('plain') WHERE severity != 'error';
SELECT * FROM bsc_clusters('plain', 'group');
DETACH plain;
