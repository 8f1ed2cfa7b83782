-- A public-sector map (issue 11): the mission on top, the citizen beneath
-- it, finance as stewardship low in the map. The settings perspective_order
-- and outcomes make chains end at the mission, the checker say "outcome"
-- and judge links by this order, and the reports and the picture stand in
-- it. The same links without the settings read as bsc 0.1 read them.
.load ../../bsc
.read ../../sql/schema.sql
.headers on
.mode list
INSERT INTO objectives(id, title, perspective, cluster) VALUES
 ('veilig', 'A safe city', 'Missie', NULL),
 ('vertrouwen', 'Citizens trust the council', 'Burgers', NULL),
 ('vergunning', 'Permits within eight weeks', 'interne processen', 'operations'),
 ('wijkteam', 'Neighbourhood teams on the street', 'internal', 'customer_management'),
 ('archief', 'A tidy archive', 'internal', 'regulatory_social'),
 ('innovatie', 'Try new ways of working', 'internal', 'innovation'),
 ('begroting', 'Stay within the budget', 'financieel', NULL),
 ('vakkennis', 'Skilled staff', 'Leren en groeien', NULL);
INSERT INTO processes(id, title, cluster, subprocess) VALUES
 ('aanvragen', 'Handle applications', 'operations', 'produce');
INSERT INTO links(cause, effect, weight) VALUES
 ('aanvragen', 'vergunning', 1), ('vakkennis', 'vergunning', 0.5), ('vakkennis', 'wijkteam', 0.5),
 ('begroting', 'wijkteam', 0.8), ('vergunning', 'vertrouwen', 0.6), ('wijkteam', 'vertrouwen', 0.4),
 ('wijkteam', 'veilig', 0.7), ('vertrouwen', 'veilig', 0.5), ('innovatie', 'vergunning', 0.3),
 ('vertrouwen', 'begroting', 0.2);
INSERT INTO kpis(id, objective, title, polarity, target, red) VALUES
 ('incidenten', 'veilig', 'Incidents per 1,000', 'lower', 20, 30),
 ('rapportcijfer', 'vertrouwen', 'Citizens'' mark', 'higher', 7, 6),
 ('doorlooptijd', 'vergunning', 'Weeks per permit', 'lower', 8, 12),
 ('tekort', 'begroting', 'Overspend %', 'lower', 0, 5),
 ('opleiding', 'vakkennis', 'Training days', 'higher', 5, 2);
INSERT INTO measurements(kpi, period, actual) VALUES
 ('incidenten', '2026', 25), ('rapportcijfer', '2026', 6.5), ('doorlooptijd', '2026', 9),
 ('tekort', '2026', 1), ('opleiding', '2026', 5);
.print -- without settings: Kaplan & Norton's business order, mission above it; financial and mission are outcomes
SELECT perspective FROM bsc_perspective_scores('2026');
SELECT start, goal, path FROM bsc_chains('vakkennis');
SELECT rule, subject, message FROM bsc_check WHERE rule IN ('no_financial_path', 'downward_link', 'perspective_empty');
.print -- the settings, in any spelling, stored as the perspectives' ids
INSERT INTO settings(key, value) VALUES
 ('volgorde', 'Missie > Burgers > interne processen > financieel > Leren en groeien'),
 ('outcomes', ' mission ');
SELECT key, value FROM settings;
.print -- the mission is the outcome: chains end there
SELECT start, goal, length, path FROM bsc_chains('vakkennis');
SELECT start, goal, path FROM bsc_chains('begroting');
.print -- the checker: no path to an outcome, a link down by this order
SELECT rule, subject, message FROM bsc_check WHERE rule IN ('no_financial_path', 'downward_link', 'perspective_empty');
.print -- reports top to bottom in the map's order
SELECT perspective, round(score, 2) AS score, objectives_scored, objectives_total FROM bsc_perspective_scores('2026');
SELECT perspective, objective FROM bsc_objective_scores('2026');
SELECT id, perspective, delta FROM bsc_whatif('vakkennis', 0.1);
.print -- the picture: the bands bottom to top, mission on top
SELECT count(*) AS ordered FROM (SELECT 1 WHERE instr(bsc_dot(), 'r3 -> r0 -> r4 -> r2 -> r1 -> r6 [style=invis]')
  AND instr(bsc_dot(), 'r6 [label="Mission"'));
.print -- several outcomes; customer named twice is refused, as is an order without internal
UPDATE settings SET value = 'customer; mission' WHERE key = 'outcomes';
SELECT value FROM settings WHERE key = 'outcomes';
SELECT rule, subject, message FROM bsc_check WHERE rule = 'no_financial_path';
SELECT start, goal, path FROM bsc_chains('vergunning');
UPDATE settings SET value = 'customer, mission, klant' WHERE key = 'outcomes';
UPDATE settings SET value = 'mission, customer, financial, learning' WHERE key = 'perspective_order';
UPDATE settings SET value = 'mission, citizens, the board' WHERE key = 'outcomes';
.print -- an order that names mission makes an empty mission perspective an error
DELETE FROM settings WHERE key = 'outcomes';
DELETE FROM links WHERE effect = 'veilig';
DELETE FROM measurements WHERE kpi = 'incidenten';
DELETE FROM kpis WHERE objective = 'veilig';
DELETE FROM objectives WHERE id = 'veilig';
SELECT rule, subject, message FROM bsc_check WHERE rule IN ('perspective_empty', 'no_financial_path');
SELECT perspective, objectives_total FROM bsc_perspective_scores('2026');
