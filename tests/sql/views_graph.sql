.load ../../bsc
-- The plain views over the graph functions (sql/views.sql) for BI tools
-- that pass no arguments, with PRAGMA trusted_schema=OFF as BI hosts set it.
.read ../../sql/schema.sql
.read ../../sql/views.sql
PRAGMA trusted_schema=OFF;
INSERT INTO processes(id, title, cluster, subprocess) VALUES
  ('ground-ops', 'Ground operations', 'operations', 'produce');
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('revenue', 'Grow revenue', 'financial', NULL),
  ('loyal', 'Loyal customers', 'customer', NULL),
  ('on-time', 'On-time flights', 'internal', 'operations'),
  ('skills', 'Skilled crew', 'learning', NULL);
INSERT INTO links(cause, effect, weight, sign) VALUES
  ('ground-ops', 'on-time', 0.8, 'positive'),
  ('on-time', 'loyal', 0.5, 'positive'),
  ('loyal', 'revenue', 1, 'positive'),
  ('skills', 'on-time', 1, 'negative');
.mode list
.headers on
.print -- cluster_coverage
SELECT * FROM cluster_coverage;
.print -- causal_chains
SELECT * FROM causal_chains;
.print -- map_issues
SELECT rule, severity, subject FROM map_issues;
.print -- a view over a view, joined with a table
CREATE VIEW process_reach AS
  SELECT p.id, count(c.goal) AS chains FROM processes p LEFT JOIN causal_chains c ON c.start = p.id GROUP BY p.id;
SELECT * FROM process_reach;
