.load ../../bsc
-- The strategy analytics on a public-sector map whose outcome is its
-- mission (the settings perspective_order and outcomes): the vital few
-- rank by the chains to the mission, what-if lists the mission first, and
-- attention follows the vital few. The same map without the settings, with
-- financial and mission both outcomes, ranks otherwise.
.read ../../sql/schema.sql
.read ../../sql/views.sql
.headers on
.mode list
INSERT INTO objectives(id, title, perspective) VALUES
 ('safe', 'A safe city', 'mission'), ('trust', 'Citizens trust the council', 'customer'),
 ('permits', 'Permits in time', 'internal'), ('teams', 'Teams on the street', 'internal'),
 ('budget', 'Within the budget', 'financial'), ('skills', 'Skilled staff', 'learning');
INSERT INTO processes(id, title, cluster) VALUES
 ('apps', 'Handle applications', 'operations'), ('patrol', 'Patrol', 'customer_management'),
 ('billing', 'Billing', 'operations');
INSERT INTO links(cause, effect, weight) VALUES
 ('permits', 'trust', 0.6), ('trust', 'safe', 0.5), ('teams', 'safe', 0.8), ('budget', 'teams', 0.5),
 ('skills', 'permits', 0.5), ('apps', 'permits', 1), ('patrol', 'teams', 1), ('billing', 'budget', 1);
-- target 100, red 50: 40 scores 2.67 (red), 70 scores 4.67 (amber), 90 scores 6 (amber)
INSERT INTO kpis(id, objective, title, target, red) VALUES
 ('k_teams', 'teams', 'Hours on the street', 100, 50), ('k_budget', 'budget', 'Spent within', 100, 50),
 ('k_permits', 'permits', 'Permits in time', 100, 50);
INSERT INTO measurements(kpi, period, actual) VALUES
 ('k_teams', '2026-06', 40), ('k_budget', '2026-06', 70), ('k_permits', '2026-06', 90);
INSERT INTO settings(key, value) VALUES
 ('perspective_order', 'mission, customer, internal, financial, learning'), ('outcomes', 'mission');
.print -- the vital few: chains end at safe only
-- patrol > teams > safe                0.8         / 2 = 0.4
-- billing > budget > teams > safe      0.5 * 0.8   / 4 = 0.1
-- apps > permits > trust > safe        0.6 * 0.5   / 4 = 0.075
-- total 0.575: patrol 69.6%, and billing's 17.4% takes it past 80%
SELECT process, rank, printf('%.4f', influence) AS influence, goals, paths, shortest,
       printf('%.4f', share) AS share, vital FROM bsc_vital_few;
.print -- what-if: the mission first, then customer, internal, financial
-- skills > permits 0.5 / 2 (apps, skills) = 0.25; > trust 0.6 = 0.15; > safe 0.5 / 2 = 0.0375
SELECT id, perspective, printf('%.4f', delta) AS delta, via FROM bsc_whatif('skills', 1);
-- billing > budget 1; > teams 0.5 / 2 (patrol, budget) = 0.25; > safe 0.8 / 2 = 0.1
SELECT id, perspective, printf('%.4f', delta) AS delta, via FROM bsc_whatif('billing', 1);
.print -- attention: the vital processes' amber and red objectives first
SELECT process, rank, vital, objective, perspective, printf('%.2f', score) AS score, status FROM attention;
.print -- link evidence: one row per link, the mission's included
SELECT cause, effect, pairs, verdict FROM bsc_link_evidence WHERE effect = 'safe';
.print -- without the settings: financial and mission are both outcomes, the mission above the four
DELETE FROM settings;
-- billing > budget is a chain of its own: 1 + 0.1 = 1.1, goals 2 (budget, safe)
-- total 1.575: billing 69.8%, patrol's 25.4% takes it past 80%
SELECT process, rank, printf('%.4f', influence) AS influence, goals, paths, shortest,
       printf('%.4f', share) AS share, vital FROM bsc_vital_few;
SELECT id, perspective, printf('%.4f', delta) AS delta FROM bsc_whatif('billing', 1);
SELECT process, rank, vital, objective, status FROM attention;
