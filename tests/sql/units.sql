-- The units table (cascading): a tree under one top unit, every refusal
-- of its rules, the unit column of processes, objectives and initiatives,
-- and a map without a units table.
.load ../../bsc
.headers on
CREATE VIRTUAL TABLE processes   USING bsc_processes;
CREATE VIRTUAL TABLE objectives  USING bsc_objectives;
CREATE VIRTUAL TABLE links       USING bsc_links;
CREATE VIRTUAL TABLE initiatives USING bsc_initiatives;
-- no units table yet: a unit names nothing, and says what it should name
INSERT INTO objectives(id, title, perspective, unit) VALUES ('o', 'O', 'financial', 'cargo');
CREATE VIRTUAL TABLE units USING bsc_units;
-- the top first: a parent must exist
INSERT INTO units(id, title, parent) VALUES ('cargo', 'Cargo', 'group');
INSERT INTO units(id, title, owner) VALUES ('group', 'The group', 'CEO');
INSERT INTO units(id, title, parent) VALUES ('cargo', 'Cargo', 'group');
INSERT INTO units(id, title, parent) VALUES ('hub', 'Hub', 'cargo');
INSERT INTO units(id, title, parent) VALUES ('mro', 'Maintenance', 'group');
-- two tops
INSERT INTO units(id, title) VALUES ('other', 'Another group');
UPDATE units SET parent = NULL WHERE id = 'cargo';
-- cycles: itself, its child, its grandchild
UPDATE units SET parent = 'group' WHERE id = 'group';
UPDATE units SET parent = 'cargo' WHERE id = 'group';
UPDATE units SET parent = 'hub' WHERE id = 'group';
UPDATE units SET parent = 'hub' WHERE id = 'cargo';
-- a move within the tree is fine, and back
UPDATE units SET parent = 'mro' WHERE id = 'hub';
UPDATE units SET parent = 'cargo' WHERE id = 'hub';
-- the top with units below it cannot be renamed; a lone top can (its own
-- row is no second top)
UPDATE units SET id = 'grp' WHERE id = 'group';
ATTACH ':memory:' AS solo;
CREATE VIRTUAL TABLE solo.units USING bsc_units;
INSERT INTO solo.units(id, title) VALUES ('a', 'A');
UPDATE solo.units SET id = 'b', parent = NULL WHERE id = 'a';
SELECT id FROM solo.units;
DETACH solo;
-- the ids are units' own: a unit may share an id with an objective
INSERT INTO units(id, title, parent) VALUES ('o', 'Unit o', 'group');
DELETE FROM units WHERE id = 'o';
-- rows name their unit; NULL is the top unit
INSERT INTO processes(id, title, cluster, unit) VALUES ('loading', 'Loading', 'operations', 'hub');
INSERT INTO objectives(id, title, perspective) VALUES ('profit', 'Profit', 'financial');
INSERT INTO objectives(id, title, perspective, unit) VALUES ('o', 'O', 'financial', 'cargo');
INSERT INTO objectives(id, title, perspective, unit) VALUES ('x', 'X', 'financial', 'nowhere');
INSERT INTO objectives(id, title, perspective, unit) VALUES ('y', 'Y', 'financial', 'Cargo');
INSERT INTO initiatives(id, title, unit) VALUES ('truck', 'New trucks', 'mro');
UPDATE objectives SET unit = '  mro ' WHERE id = 'profit';
SELECT id, unit FROM processes UNION ALL SELECT id, unit FROM objectives UNION ALL SELECT id, unit FROM initiatives;
SELECT * FROM units ORDER BY id;
-- a unit in use, by a row or by a unit below it, is not deleted
DELETE FROM units WHERE id = 'hub';
DELETE FROM units WHERE id = 'mro';
DELETE FROM units WHERE id = 'group';
UPDATE processes SET unit = NULL;
DELETE FROM units WHERE id = 'hub';
SELECT group_concat(id) FROM units;
-- the stored rows pass the integrity check; a cycle written past bsc does not
SELECT count(*) FROM bsc_integrity();
UPDATE units_data SET parent = 'cargo' WHERE id = 'group';
SELECT table_name, row_key, column_name, value, problem FROM bsc_integrity();
