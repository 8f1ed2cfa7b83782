-- A children's hospital's map typed in Dutch (issue 11): the perspective
-- names Patiënt, Medewerkers and Innovatie en leren, Kaplan & Norton's 1996
-- 'Internal business process', the clusters 'maatschappelijke processen'
-- and 'sociale processen', settings for Dutch numbers and labels, quarters
-- written 2026-K1 and 'Q2 2026', a ramp of targets and an annual target,
-- a semicolon CSV with decimal commas, and quarterly KPIs in a monthly view.
.load ../../bsc
.read ../../sql/schema.sql
.headers on
.mode list
INSERT INTO settings(key, value) VALUES ('number_format', 'NL'), ('Taal', 'nederlands'),
 ('finer periods', 'latest');
SELECT key, value FROM settings;
INSERT INTO objectives(id, title, perspective, cluster) VALUES
 ('gezond', 'Financieel gezond', 'Financieel', NULL),
 ('tevreden', 'Tevreden ouders en kinderen', 'Patiënt', NULL),
 ('wachttijd', 'Korte wachttijden', 'Internal business process', 'operationele processen'),
 ('veilig', 'Veilige zorg', 'interne bedrijfsprocessen', 'maatschappelijke processen'),
 ('werkgever', 'Goed werkgeverschap', 'Internal business processes', 'sociale processen'),
 ('team', 'Betrokken medewerkers', 'Medewerkers', NULL),
 ('onderzoek', 'Onderzoek in de zorg', 'Innovatie en leren', NULL);
SELECT id, perspective, cluster FROM objectives;
INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red, frequency, aggregation) VALUES
 ('marge', 'gezond', 'Bedrijfsresultaat', '%', 'hoger', '1,5', '3,0', '2,0', 'kwartaal', 'laatste'),
 ('nps', 'tevreden', 'Aanbevelingsscore ouders', 'punten', 'hoger', 40, 60, 45, 'per kwartaal', 'gemiddelde'),
 ('wacht', 'wachttijd', 'Wachttijd polikliniek', 'dagen', 'lager', 30, 14, 21, 'maandelijks', 'gemiddelde'),
 ('incidenten', 'veilig', 'Vermijdbare incidenten', 'aantal', 'lager', 40, NULL, NULL, 'maand', 'som'),
 ('verzuim', 'team', 'Ziekteverzuim', '%', 'lager', '6,2', '4,5', '5,5', 'maand', 'gemiddelde'),
 ('digitaal', 'onderzoek', 'Digitale consulten', '%', 'hoger', 5, 40, 20, 'maand', 'gemiddelde');
-- a ramp: the roll-out of digital consultations, below the KPI's red flag at first
INSERT INTO targets(kpi, period, target, red, note) VALUES
 ('digitaal', '2026-K1', '12,5', '7,5', 'start'), ('digitaal', 'Q2 2026', 20, 12, NULL),
 ('digitaal', 'K3 2026', 30, 20, NULL),
-- an annual target of a sum KPI, phased by days
 ('incidenten', '2026', 24, 36, 'jaarplan'),
 ('incidenten', 'YTD:2026-06', 10, 16, 'halfjaar');
SELECT kpi, period, target, red, note FROM targets;
.mode csv
.separator ;
.import --skip 1 ziekenhuis_metingen.csv measurements
.mode list
.separator |
SELECT kpi, period, actual FROM measurements ORDER BY kpi, period;
.print -- the scorecard at a month: the quarterly KPIs show their latest quarter
SELECT kpi, period, actual, round(target, 2) AS target, round(red, 2) AS red, round(score, 2) AS score,
       status, target_source, red_source FROM bsc_scorecard('2026-05');
SELECT perspective, objectives_scored, objectives_total FROM bsc_perspective_scores('2026-05');
.print -- year to date: the row for it; a quarter of the ramp
SELECT kpi, period, actual, round(target, 2) AS target, round(red, 2) AS red, target_source
  FROM bsc_scorecard('YTD:2026-06') WHERE kpi IN ('incidenten', 'digitaal');
SELECT kpi, period, round(actual, 2) AS actual, target, red, target_source
  FROM bsc_scorecard('2026-K2') WHERE kpi IN ('incidenten', 'digitaal');
.print -- the checker: by 2026-06-30 (the latest data) four KPIs are late
SELECT rule, subject FROM bsc_check WHERE rule IN ('kpi_overdue', 'kpi_without_target', 'kpi_without_data');
.print -- labels in Dutch
SELECT cluster, label, horizon FROM bsc_clusters;
SELECT subprocess, label FROM bsc_catalog WHERE cluster = 'regulatory_social';
-- a label typed back in is that sub-process
INSERT INTO processes(id, title, cluster, subprocess) VALUES ('milieuzorg', 'Milieuzorg', 'sociale processen', 'Milieu'),
 ('inkoop', 'Inkoop', 'operationele processen', 'Leveranciersrelaties ontwikkelen');
SELECT id, subprocess FROM processes;
SELECT count(*) AS dutch_bands FROM (SELECT 1 WHERE instr(bsc_dot(), 'label="Leren en groeien"')
  AND instr(bsc_dot(), 'label="Klant"'));
.print -- refused
INSERT INTO measurements(kpi, period, actual) VALUES ('wacht', '2026-07', '17.5');
INSERT INTO targets(kpi, period, target, red) VALUES ('wacht', '2026', 14, 10);
INSERT INTO settings(key, value) VALUES ('valuta', 'EUR');
UPDATE kpis SET polarity = 'lager' WHERE id = 'digitaal';
DELETE FROM measurements WHERE kpi = 'incidenten';
DELETE FROM kpis WHERE id = 'incidenten';
SELECT count(*) AS incident_targets FROM targets WHERE kpi = 'incidenten';
