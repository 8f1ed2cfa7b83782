-- The SQL surface bsc adds to a connection, diffed against the connection
-- before loading (as sqlite-vec does): every function with its argument
-- count and flags, and every module. A change here is a change of contract.
CREATE TEMP TABLE functions_before AS SELECT name, narg FROM pragma_function_list;
CREATE TEMP TABLE modules_before AS SELECT name FROM pragma_module_list;
.load ../../bsc
.mode list
.headers on
.print -- functions: deterministic and innocuous flags
SELECT name, narg,
       (flags & 0x800) != 0 AS deterministic,
       (flags & 0x200000) != 0 AS innocuous,
       (flags & 0x80000) != 0 AS directonly
  FROM pragma_function_list
 WHERE (name, narg) NOT IN (SELECT name, narg FROM functions_before)
 ORDER BY name, narg;
.print -- modules
SELECT name FROM pragma_module_list
 WHERE name NOT IN (SELECT name FROM modules_before) ORDER BY name;
.print -- table-valued functions: their columns, hidden arguments included
SELECT m.name AS function, c.cid, c.name, c.type, c.hidden
  FROM pragma_module_list m, pragma_table_xinfo(m.name) c
 WHERE m.name NOT IN (SELECT name FROM modules_before)
   AND m.name NOT LIKE 'pragma%' AND m.name NOT IN ('bsc_processes', 'bsc_objectives', 'bsc_links', 'bsc_kpis', 'bsc_measurements')
 ORDER BY m.name, c.cid;
