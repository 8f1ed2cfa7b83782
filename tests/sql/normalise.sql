-- Input is normalised: the spellings of perspectives, clusters and the
-- other vocabularies (English, Dutch, any case), periods, ids, numbers,
-- and the defaults of columns left out or NULL.
.load ../../bsc
.read ../../sql/schema.sql
.headers on
INSERT INTO objectives(id, title, perspective) VALUES
  ('p01', 'x', 'financial'), ('p02', 'x', 'F'), ('p03', 'x', 'Financieel'), ('p04', 'x', 'FINANCIAL'),
  ('p05', 'x', 'customer'), ('p06', 'x', 'c'), ('p07', 'x', 'Klant'),
  ('p08', 'x', 'internal'), ('p09', 'x', 'I'), ('p10', 'x', 'internal process'),
  ('p11', 'x', 'Process'), ('p12', 'x', 'interne processen'), ('p13', 'x', 'Internal_Process'),
  ('p14', 'x', 'learning'), ('p15', 'x', 'L'), ('p16', 'x', 'learning & growth'),
  ('p17', 'x', 'Learning and Growth'), ('p18', 'x', 'leren en groeien'), ('p19', 'x', 'leren & groei'),
  ('p20', 'x', '  learning  ');
SELECT id, perspective FROM objectives ORDER BY id;

INSERT INTO processes(id, title, cluster, subprocess) VALUES
  ('c01', 'x', 'operations', 'supply'), ('c02', 'x', 'Operations Management', 'produce'),
  ('c03', 'x', 'operational', 'distribute'), ('c04', 'x', 'operationele processen', 'risk'),
  ('c05', 'x', 'customer_management', 'select'), ('c06', 'x', 'customer management', 'acquire'),
  ('c07', 'x', 'CRM', 'retain'), ('c08', 'x', 'klantmanagement', 'grow'),
  ('c09', 'x', 'innovation', 'opportunities'), ('c10', 'x', 'innovatieve processen', 'portfolio'),
  ('c11', 'x', 'Innovation', 'develop'), ('c12', 'x', 'innovation', 'launch'),
  ('c13', 'x', 'regulatory_social', 'environment'), ('c14', 'x', 'regulatory and social', 'health_safety'),
  ('c15', 'x', 'regulatory & social', 'employment'), ('c16', 'x', 'social', 'community'),
  ('c17', 'x', 'sociale en maatschappelijke processen', NULL);
SELECT id, cluster, subprocess FROM processes ORDER BY id;
-- a sub-process of another cluster is refused, and the whole statement with it
INSERT INTO processes(id, title, cluster, subprocess) VALUES
  ('c18', 'x', 'social', 'health & safety'), ('c19', 'x', 'operations', 'Health and Safety');
SELECT count(*) AS c18_c19_stored FROM processes WHERE id IN ('c18', 'c19');
INSERT INTO processes(id, title, cluster, subprocess) VALUES ('c18', 'x', 'social', 'health & safety');
SELECT id, cluster, subprocess FROM processes WHERE id = 'c18';

-- ids are trimmed; objectives of the internal perspective take a cluster
INSERT INTO objectives(id, title, perspective, cluster) VALUES ('  o1 ', 'Lean', 'i', 'CRM');
SELECT id, length(id) AS len, perspective, cluster, weight, kpis FROM objectives WHERE id = 'o1';
-- an id may have 64 characters, counted as characters, not bytes
INSERT INTO processes(id, title, cluster) VALUES
  (printf('%.64c', 'b'), 'x', 'ops'), (replace(printf('%.64c', 'e'), 'e', 'é'), 'x', 'ops');
SELECT length(id) AS chars, length(CAST(id AS BLOB)) AS bytes FROM processes WHERE length(id) = 64;

-- defaults of links and KPIs, also for an explicit NULL
INSERT INTO links(cause, effect) VALUES ('c01', 'o1');
INSERT INTO links(cause, effect, weight, sign, lag, note) VALUES ('c02', 'o1', NULL, NULL, NULL, NULL);
INSERT INTO links(cause, effect, weight, sign, lag) VALUES
  ('c03', 'o1', '0.25', '+', '2'), ('c04', 'o1', 0, 'NEG', 1.0), ('o1', 'p01', 0.5, '-', 0);
SELECT cause, effect, weight, typeof(weight) AS tw, sign, lag, typeof(lag) AS tl, note FROM links;

INSERT INTO kpis(id, objective, title) VALUES ('k1', 'o1', 'Defaults');
INSERT INTO kpis(id, objective, title, polarity, baseline, target, red, weight, frequency, aggregation)
  VALUES ('k2', 'p01', 'Spelled', 'Lower is better', '10', 5, 8.5, 2, 'Quarterly', 'avg'),
         ('k3', 'p05', 'Range', 'range', NULL, 82, 72, NULL, 'annual', 'total'),
         ('k4', 'p08', 'Max', 'max', -1, 0, -2, 0.5, 'm', 'Maximum');
SELECT id, objective, polarity, baseline, typeof(baseline) AS tb, target, red, weight, frequency,
       aggregation FROM kpis;
SELECT id, kpis FROM objectives WHERE kpis > 0 ORDER BY id;

-- periods in every accepted form, normalised
INSERT INTO measurements(kpi, period, actual) VALUES
  ('k1', '2026', 1), ('k1', '2026-h2', 2), ('k1', '2026-q3', 3), ('k1', '2026-9', 4),
  ('k1', '2026-09-30', 5), ('k1', '2026-w38', 6), ('k1', ' 2026-Q1 ', 7), ('k1', '2026-1-5', 8),
  ('k1', '2020-W53', 9), ('k1', '2026-W53', 9.5), ('k1', '2024-02-29', 10), (' k1 ', 2025, '11.5');
SELECT kpi, period, actual, typeof(actual) AS ta FROM measurements ORDER BY actual;
-- a second spelling of a stored period is the same key
INSERT INTO measurements(kpi, period, actual) VALUES ('k1', '2026-Q3', 30);
INSERT OR REPLACE INTO measurements(kpi, period, actual, target) VALUES ('k1', '2026-q3', 33, 40);
SELECT kpi, period, actual, target FROM measurements WHERE period LIKE '2026-Q3';
-- lookups with the stored spelling find the row through the key
SELECT actual FROM measurements WHERE kpi = 'k1' AND period = '2026-09';
-- updates are normalised too
UPDATE objectives SET perspective = 'klant' WHERE id = 'p20';
UPDATE measurements SET period = '2026-w1' WHERE period = '2026-W38';
SELECT id, perspective FROM objectives WHERE id = 'p20';
SELECT period, actual FROM measurements WHERE actual = 6;
