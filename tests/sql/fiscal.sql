-- A map whose fiscal year starts in April (issue 11). FY2027 is the
-- fiscal year that ends in 2027: 2026-04-01 to 2027-03-31, 365 days.
-- Hand-computed (score = 10/3 * (1 + (actual - red) / (target - red))):
--   FY2027-Q1 (Apr-Jun 2026, 91 days): revenue 90+100+110 = 300; the annual
--     target 1200 phased by days (each month its share, summed: the source
--     says periods) 1200*91/365 = 299.18, red 900*91/365 = 224.38;
--     score 10/3*(1 + 75.616/74.795) = 6.70, green
--   FY2026-Q4 (Jan-Mar 2026): 80*3 = 240 against the KPI's monthly 100/75
--     summed, 300/225: score 10/3*(1 + 15/75) = 4.00, so the trend is up
--   FY2027-H1 = YTD:FY2027-Q2 (Apr-Sep, 183 days): 600 against 601.64 / 451.23:
--     score 10/3*(1 + 148.767/150.411) = 6.63, amber
--   FYTD:2026-08 (Apr-Aug, 153 days): 495 against 503.01 / 377.26: 6.45
--   2026-08 (31 days): 95 against 1200*31/365 = 101.92 / 76.44: 5.76
--   the quarterly NPS at 2026-08 (finer_periods latest) shows FY2027-Q1: 40
--     against 50/30: 5.00; by 2026-09-30 its FY2027-Q2 is overdue; the
--     yearly KPI's last due year is FY2026 (to 2026-03-31), which it has
.load ../../bsc
.read ../../sql/schema.sql
.headers on
.mode list
INSERT INTO objectives(id, title, perspective) VALUES
 ('grow', 'Grow revenue', 'financial'), ('loyal', 'Loyal customers', 'customer');
INSERT INTO kpis(id, objective, title, polarity, target, red, frequency, aggregation) VALUES
 ('revenue', 'grow', 'Revenue', 'higher', 100, 75, 'month', 'sum'),
 ('nps', 'loyal', 'Net promoter score', 'higher', 50, 30, 'quarter', 'average'),
 ('survey', 'loyal', 'Yearly survey mark', 'higher', 8, 6, 'year', 'last');
.print -- without a fiscal year, fiscal periods are refused
INSERT INTO measurements(kpi, period, actual) VALUES ('nps', 'FY2027-Q1', 40);
SELECT count(*) FROM bsc_scorecard('FY2027');
INSERT INTO settings(key, value) VALUES ('fiscal_year_start', 'january');
INSERT INTO settings(key, value) VALUES ('fiscal_year_start', '13');
.print -- the year starts in April; the spellings stored in the normal form
INSERT INTO settings(key, value) VALUES ('Boekjaar', 'April'), ('finer_periods', 'latest');
SELECT key, value FROM settings;
INSERT INTO measurements(kpi, period, actual) VALUES
 ('revenue', '2026-01', 80), ('revenue', '2026-02', 80), ('revenue', '2026-03', 80),
 ('revenue', '2026-04', 90), ('revenue', '2026-05', 100), ('revenue', '2026-06', 110),
 ('revenue', '2026-07', 100), ('revenue', '2026-08', 95), ('revenue', '2026-09', 105),
 ('nps', 'fy2027 q1', 40), ('survey', 'FY2026', 7);
INSERT INTO targets(kpi, period, target, red, note) VALUES
 ('revenue', 'FY2027', 1200, 900, 'annual plan'), ('revenue', 'fy2027-k3', 320, 250, NULL);
SELECT kpi, period, actual FROM measurements WHERE kpi <> 'revenue';
SELECT kpi, period, target, red FROM targets;
.print -- scored at fiscal periods: the annual target phased by days
SELECT kpi, period, actual, round(target, 2) AS target, round(red, 2) AS red, round(score, 2) AS score, status,
       trend, target_source
  FROM bsc_scorecard('FY2027-Q1') WHERE kpi = 'revenue';
SELECT kpi, period, actual, round(target, 2) AS target, round(score, 2) AS score FROM bsc_scorecard('FY2026-Q4')
 WHERE kpi = 'revenue';
SELECT kpi, period, actual, round(target, 2) AS target, round(red, 2) AS red, round(score, 2) AS score, status,
       target_source
  FROM bsc_scorecard('FY2027-H1') WHERE kpi = 'revenue';
SELECT kpi, period, actual, round(target, 2) AS target, round(score, 2) AS score, target_source
  FROM bsc_scorecard('ytd:fy2027-q2') WHERE kpi = 'revenue';
SELECT kpi, period, actual, round(target, 2) AS target, round(red, 2) AS red, round(score, 2) AS score, target_source
  FROM bsc_scorecard('FYTD:2026-08') WHERE kpi = 'revenue';
.print -- a quarterly KPI at a month shows its latest fiscal quarter; a calendar quarter is still one
SELECT kpi, period, actual, round(score, 2) AS score FROM bsc_scorecard('2026-08');
SELECT kpi, period, actual FROM bsc_scorecard('2026-Q2') WHERE kpi = 'revenue';
SELECT for_period, count(*) AS kpis FROM bsc_scorecard('fy2027-k3');
.print -- the checker: due periods are fiscal
SELECT rule, subject, message FROM bsc_check WHERE rule = 'kpi_overdue';
.print -- the storage holds nothing damaged
SELECT count(*) AS damaged FROM bsc_integrity;
.print -- the fiscal year cannot move while fiscal periods are stored; the same month may be written again
UPDATE settings SET value = 'july' WHERE key = 'fiscal_year_start';
UPDATE settings SET value = 'apr' WHERE key = 'fiscal_year_start';
SELECT value FROM settings WHERE key = 'fiscal_year_start';
.print -- nor can it be deleted or renamed while they are: they would name no months
DELETE FROM settings WHERE key = 'fiscal_year_start';
UPDATE settings SET key = 'language', value = 'en' WHERE key = 'fiscal_year_start';
SELECT key, value FROM settings WHERE key IN ('fiscal_year_start', 'language');
SELECT count(*) AS damaged FROM bsc_integrity;
