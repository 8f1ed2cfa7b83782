-- A Dutch municipality's map, typed as its analyst types it: the perspective,
-- cluster and sub-process names of the user's source (seed/), ids with spaces
-- and accents, numbers as text, periods as '2026-q1' and '2026-9', text pasted
-- with no-break spaces, and measurements from a spreadsheet's CSV file (BOM,
-- semicolons, a decimal comma).
.load ../../bsc
.read ../../sql/schema.sql
INSERT INTO objectives(id, title, perspective, cluster, weight) VALUES
 ('Begroting in evenwicht', 'Sluitende begroting', 'Financiële perspectief', NULL, '1'),
 ('Tevreden inwoners', 'Inwoners waarderen de dienstverlening', 'Klant- en marktperspectief', NULL, ' 2 '),
 ('Snelle vergunning', 'Vergunning binnen de termijn', 'klant' || char(160), NULL, NULL),
 ('Digitaal loket', 'Alles digitaal aan te vragen', 'Interne processen', 'Operationele processen', 1),
 ('Proactief contact', 'Inwoners tijdig geïnformeerd', 'procesperspectief', 'klantmanagementprocessen', 1),
 ('Innovatie-lab', 'Experimenteren', 'I', 'Innovatieprocessen', 1),
 ('Duurzame gemeente', 'CO₂ omlaag', 'interne processen', 'Sociale & maatschappelijke processen', 1),
 ('Vakmanschap', 'Opleidingsplan per medewerker', 'Leer- en groeiperspectief', NULL, 1);
INSERT INTO processes(id, title, cluster, subprocess) VALUES
 ('Vergunningverlening' || char(160), 'Omgevingsvergunningen', 'operationele processen', 'productie'),
 ('KCC', 'Klantcontactcentrum', 'Klantmanagement & CRM', 'Klanten behouden'),
 ('Pilots', 'Pilots met burgers', 'Innovation processes', 'Ontwerpen en ontwikkelen'),
 ('Milieustraat', 'Afval scheiden', 'sociale en maatschappelijke processen', 'milieu');
SELECT id, perspective, ifnull(cluster, '-'), weight FROM objectives;
SELECT '[' || id || ']', cluster, subprocess FROM processes;
INSERT INTO links(cause, effect, weight, sign, lag) VALUES
 ('Vergunningverlening', 'Digitaal loket', '1', 'positief', '0'),
 ('Digitaal loket', 'Snelle vergunning', 0.8, '+', 1),
 ('Snelle vergunning', 'Tevreden inwoners', 1, NULL, NULL),
 ('Tevreden inwoners', 'Begroting in evenwicht', 0.3, '+', 2);
-- ids are case-sensitive; a near miss is pointed at
INSERT INTO links(cause, effect) VALUES ('kcc', 'Proactief Contact');
INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red, frequency, aggregation) VALUES
 ('Doorlooptijd vergunning', 'Snelle vergunning', 'Gem. doorlooptijd', 'dagen', 'lager is beter', '56', '42', '56', 'Maandelijks', 'gemiddelde'),
 ('Klanttevredenheid', 'Tevreden inwoners', 'Rapportcijfer KTO', 'cijfer', 'Hoger', 6.8, 7.5, 6.5, 'per kwartaal', 'laatste');
SELECT id, polarity, frequency, aggregation FROM kpis;
-- the spreadsheet's file, its header line skipped: its decimal comma is refused, and with it the whole file
.mode csv
.separator ;
.import --skip 1 gemeente_metingen.csv measurements
.mode list
.separator |
SELECT count(*) AS loaded FROM measurements;
-- the analyst fixes the row by hand and loads the rest as typed
INSERT INTO measurements(kpi, period, actual, target) VALUES
 ('Doorlooptijd vergunning', '2026-1', '47', '45'),
 ('Doorlooptijd vergunning', '2026-2', ' 44 ', NULL),
 ('Klanttevredenheid', '2026-q1', '7.2', NULL),
 ('Klanttevredenheid', '2025-Q4' || char(160), 7.1, NULL);
SELECT kpi, period, actual, ifnull(target, '-') FROM measurements;
SELECT id, kpis FROM objectives WHERE kpis > 0;
-- the file stays sound
PRAGMA integrity_check;
