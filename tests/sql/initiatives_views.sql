.load ../../bsc
-- bsc_portfolio and the views initiative_portfolio and scorecard_report
-- (issue 12) on a small map whose numbers can be followed by hand.
.read ../../sql/schema.sql
.read ../../sql/views.sql
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('profit', 'Profit', 'financial', NULL), ('loyal', 'Loyal', 'customer', NULL),
  ('punctual', 'Punctual', 'internal', 'operations'), ('island', 'Island', 'customer', NULL);
INSERT INTO links(cause, effect, weight) VALUES ('punctual', 'loyal', 0.5), ('loyal', 'profit', 0.8);
INSERT INTO kpis(id, objective, title, target, red) VALUES
  ('otp', 'punctual', 'On time', 90, 80), ('margin', 'profit', 'Margin', 7, 4);
INSERT INTO measurements(kpi, period, actual) VALUES
  ('otp', '2026-05', 85), ('otp', '2026-06', 70), ('margin', '2026-Q2', 8);
INSERT INTO initiatives(id, title, owner, start, due, budget, spent, progress, status) VALUES
  ('kit', 'Kit', 'COO', '2026-01-01', '2026-12-31', 1000, 250, 50, 'active'),
  ('ads', 'Ads', 'CMO', '2026-01-01', '2026-12-31', NULL, 10, 60, 'active'),
  ('nowhere', 'Nowhere', NULL, NULL, NULL, 0, 0, 0, 'planned');
-- kit: punctual > loyal > profit, strength 1 x 0.5 x 0.8 = 0.4 over 3 links: 0.4 / 4 = 0.1;
-- ads: loyal > profit, 2 x 0.8 = 1.6 over 2 links: 0.8; nowhere drives island only: 0
INSERT INTO links(cause, effect, weight) VALUES ('kit', 'punctual', 1), ('ads', 'loyal', 2), ('nowhere', 'island', 1);
INSERT INTO commentary(subject, period, author, status, analysis) VALUES
  ('punctual', '2026-Q2', 'COO', 'approved', 'June was bad.'),
  ('punctual', '2026-Q2', 'CFO', 'draft', 'Not for the report.'),
  ('otp', '2026-06', 'COO', 'approved', 'Seventy percent.'),
  ('otp', '2026-Q2', 'COO', 'approved', 'A quarter to forget.');

.headers on
.mode list
.print -- the portfolio, ranked by influence
SELECT * FROM bsc_portfolio;
SELECT rank, initiative, influence FROM initiative_portfolio;
.print -- the report at the latest periods: a monthly KPI meets its month's note
SELECT objective, kpi, period, status, author, analysis FROM scorecard_report;
.print -- the report of a quarter: approved notes only, one row per note
SELECT objective, kpi, period, status, author, analysis FROM scorecard_report WHERE period = '2026-Q2';
.print -- a map without initiatives has an empty portfolio
ATTACH ':memory:' AS other;
CREATE VIRTUAL TABLE other.objectives USING bsc_objectives;
SELECT count(*) AS rows FROM bsc_portfolio('other');
