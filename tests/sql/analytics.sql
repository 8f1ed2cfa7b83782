.load ../../bsc
-- The strategy analytics on the demo map, through the shell: the vital few
-- (influence as the sum of bsc_chains' strengths halved per extra link),
-- what-if, their hidden arguments, and their errors.
.read ../../sql/schema.sql
.read ../../sql/demo.sql
.read ../../sql/views.sql
.headers on
.mode list
.print -- the vital few: every process once, ranks 1..n, shares adding up to 1
SELECT process, cluster, rank, printf('%.4f', influence) AS influence, goals, paths, shortest,
       printf('%.4f', share) AS share, vital
  FROM bsc_vital_few;
-- (the top unit's: the processes of the demo's units rank in their own maps)
SELECT count(*) = (SELECT count(*) FROM processes WHERE unit IS NULL) AS every_process, count(DISTINCT rank) = count(*) AS ranks,
       printf('%.12f', sum(share)) AS shares FROM bsc_vital_few;
.print -- influence is bsc_chains' strength / 2^(length - 1), summed per process
SELECT v.process FROM bsc_vital_few v
 WHERE abs(v.influence - (SELECT coalesce(sum(strength / (1 << (length - 1))), 0)
                            FROM bsc_chains(v.process))) > 1e-12;
.print -- the vital rows are the top ones, and the rows above the last vital hold less than 80%
SELECT max(rank) AS last_vital,
       (SELECT printf('%.4f', sum(share)) FROM bsc_vital_few w WHERE w.rank < max(v.rank)) AS above_it,
       printf('%.4f', sum(share)) AS with_it
  FROM bsc_vital_few v WHERE vital;
SELECT count(*) AS vital_below_a_trivial FROM bsc_vital_few a, bsc_vital_few b
 WHERE a.vital = 1 AND b.vital = 0 AND a.rank > b.rank;
SELECT DISTINCT schema FROM bsc_vital_few;
SELECT process FROM bsc_vital_few('main') WHERE rank = 1;
.print -- what-if: a point more on fuel efficiency (unit cost has four causes, margin three)
SELECT id, perspective, printf('%.6f', delta) AS delta, via FROM bsc_whatif('fuel_efficiency', 1);
SELECT id, perspective, printf('%.6f', delta) AS delta, via FROM bsc_whatif('network_planning', -2);
SELECT DISTINCT node, node_delta, schema FROM bsc_whatif('turnaround', 0.5);
SELECT count(*) AS rows FROM bsc_whatif WHERE node = 'turnaround' AND node_delta = 1;
.print -- errors
SELECT * FROM bsc_whatif('turnaround');
SELECT * FROM bsc_whatif('catering', 1);
SELECT * FROM bsc_whatif('turnaround', 'lots');
SELECT * FROM bsc_vital_few('nowhere');
.print -- link evidence on the demo: one row per link of the top unit's map, in cause, effect order
WITH in_units(id) AS (SELECT id FROM processes WHERE unit IS NOT NULL UNION ALL
                      SELECT id FROM objectives WHERE unit IS NOT NULL)
SELECT count(*) = (SELECT count(*) FROM links WHERE cause NOT IN in_units AND effect NOT IN in_units) AS every_link,
       (SELECT count(*) FROM links) > count(*) AS not_the_units
  FROM bsc_link_evidence;
SELECT cause, effect, declared_sign, lag, pairs, printf('%.6f', correlation) AS r, best_lag,
       round(best_correlation, 6) AS best_r, verdict, frequency
  FROM bsc_link_evidence WHERE verdict IN ('supported', 'contradicted') OR frequency IS NOT 'month';
SELECT verdict, count(*) FROM bsc_link_evidence GROUP BY verdict ORDER BY verdict;
.print -- the bounds: NULL is open; both normalised in the hidden columns
SELECT cause, effect, pairs, verdict FROM bsc_link_evidence('2026-04', NULL) WHERE cause = 'engaged_staff';
SELECT cause, effect, pairs, verdict FROM bsc_link_evidence(NULL, '2026-q2') WHERE cause = 'engaged_staff';
SELECT DISTINCT period_from, period_to, schema FROM bsc_link_evidence('2026-q1', '2026-06');
SELECT count(*) AS rows FROM bsc_link_evidence WHERE period_from = '2026' AND period_to = '2026';
.print -- attention: the vital processes' amber and red objectives first
SELECT process, rank, vital, objective, perspective, printf('%.2f', score) AS score, status FROM attention;
PRAGMA trusted_schema = OFF;
SELECT count(*) AS under_untrusted_schema FROM attention WHERE vital AND status IN ('red', 'amber');
PRAGMA trusted_schema = ON;
.print -- errors
SELECT * FROM bsc_link_evidence('2026-13');
SELECT * FROM bsc_link_evidence(NULL, x'00');
SELECT * FROM bsc_link_evidence('2026-07', '2026-Q2');
SELECT * FROM bsc_link_evidence(NULL, NULL, 'nowhere');
.print -- a what-if stays in its start's unit: tech_first_fix drives Eems Technics' dispatch and cost,
.print -- each with one cause there; the alignment links up to the group are not followed
SELECT id, perspective, round(delta, 4) AS delta, via FROM bsc_whatif('tech_first_fix', 1);
SELECT count(*) AS group_objectives_reached FROM bsc_whatif('hangar_checks', 1);
