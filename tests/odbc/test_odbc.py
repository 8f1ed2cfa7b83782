"""BI tools' view of bsc: the real unixODBC stack, through isql and through
pyodbc, with Debian's SQLite3 ODBC driver loading bsc through LoadExt=, both
with a DSN (an odbc.ini written here, found through ODBCINI) and with a
DSN-less connection string; every answer is checked against the same query
run through the sqlite3 shell."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import pyodbc

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SO = os.path.join(ROOT, "bsc.so")
TABLES = ["processes", "objectives", "links", "kpis", "measurements"]
MODULES = dict(zip(TABLES, ["bsc_processes", "bsc_objectives", "bsc_links", "bsc_kpis", "bsc_measurements"]))
SEP = "\x1f"  # between columns, in the shell's output and in isql's (-x0x1f)
CLIENTS = [("pyodbc", "dsn"), ("pyodbc", "dsnless"), ("isql", "dsn"), ("isql", "dsnless")]


def driver_path():
    found = glob.glob("/usr/lib/*/odbc/libsqlite3odbc.so") + glob.glob("/usr/lib/odbc/libsqlite3odbc.so")
    if not found:
        raise RuntimeError("libsqliteodbc is not installed: run make deps (make test does)")
    return found[0]


def shell(db, sql, load=True):
    """The rows the sqlite3 shell prints for sql, each a list of strings."""
    args = ["sqlite3", "-batch", "-separator", SEP, db] + ([".load " + SO[:-3]] if load else []) + [sql]
    res = subprocess.run(args, capture_output=True, text=True, check=True)
    return [line.split(SEP) for line in res.stdout.splitlines()]


def as_text(v):
    """A value from pyodbc as the shell prints it (REAL: 15 digits, 1.0 not 1)."""
    if v is None:
        return ""
    if isinstance(v, float):
        t = "%.15g" % v
        return t if any(c in t for c in ".en") else t + ".0"
    return str(v)


class OdbcTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = driver_path()
        cls.tmp = tempfile.mkdtemp(prefix="bsc-odbc-")
        cls.db = os.path.join(cls.tmp, "demo.db")
        subprocess.run(["sqlite3", "-batch", "-bail", cls.db, ".load " + SO[:-3],
                        ".read " + os.path.join(ROOT, "sql", "schema.sql"),
                        ".read " + os.path.join(ROOT, "sql", "demo.sql"),
                        ".read " + os.path.join(ROOT, "sql", "views.sql")],
                       check=True, capture_output=True)
        with open(os.path.join(cls.tmp, "odbcinst.ini"), "w") as f:
            f.write("[SQLite3]\nDescription=SQLite3 ODBC Driver\nDriver=%s\nSetup=%s\n" % (cls.driver, cls.driver))
        with open(os.path.join(cls.tmp, "odbc.ini"), "w") as f:
            f.write("[bsc]\nDriver=SQLite3\nDatabase=%s\nLoadExt=%s\n\n" % (cls.db, SO))
            f.write("[nobsc]\nDriver=SQLite3\nDatabase=%s\n" % cls.db)
        cls.env = dict(os.environ, ODBCSYSINI=cls.tmp, ODBCINI=os.path.join(cls.tmp, "odbc.ini"))
        os.environ.update(ODBCSYSINI=cls.env["ODBCSYSINI"], ODBCINI=cls.env["ODBCINI"])  # for pyodbc
        cls.views = [r[0] for r in shell(cls.db, "SELECT name FROM sqlite_master WHERE type='view' ORDER BY name")]
        cls.dsnless = "Driver=%s;Database=%s;LoadExt=%s" % (cls.driver, cls.db, SO)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def connect(self, how):
        return pyodbc.connect("DSN=bsc" if how == "dsn" else self.dsnless, autocommit=True)

    def isql(self, sql, how="dsn"):
        """isql's (stdout, stderr) for sql: one statement a line, rows as SEP-separated lines,
        errors as [SQLSTATE][SQLite]message lines."""
        target = {"dsn": ["bsc"], "nobsc": ["nobsc"], "dsnless": ["-k", self.dsnless]}[how]
        res = subprocess.run(["isql", "-v", "-b", "-x0x1f"] + target, input=sql + "\n", capture_output=True,
                             text=True, env=self.env)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        return res.stdout, res.stderr

    def rows(self, client, how, sql, *params):
        """The rows a client reads for sql, as the shell would print them; isql cannot
        bind, so its parameters are written into the statement."""
        if client == "pyodbc":
            with self.connect(how) as con:
                return [[as_text(v) for v in row] for row in con.cursor().execute(sql, *params).fetchall()]
        for p in params:
            sql = sql.replace("?", "'%s'" % p.replace("'", "''"), 1)
        out, err = self.isql(sql, how)
        self.assertEqual(err, "", sql)
        return [line.split(SEP) for line in out.splitlines()]

    def test_every_table_and_view_reads_the_same_as_the_shell(self):
        self.assertEqual(len(self.views), 11, self.views)
        for client, how in CLIENTS:
            for name in TABLES + self.views:
                with self.subTest(client=client, how=how, name=name):
                    want = shell(self.db, "SELECT * FROM %s" % name)
                    self.assertGreater(len(want), 0)
                    self.assertEqual(self.rows(client, how, "SELECT * FROM %s" % name), want)

    def test_functions_with_arguments_match_the_shell(self):
        proc = shell(self.db, "SELECT id FROM processes ORDER BY id LIMIT 1")[0][0]
        period = shell(self.db, "SELECT max(period) FROM measurements WHERE period LIKE '____-Q_'")[0][0]
        queries = [
            ("SELECT * FROM bsc_chains(?, ?)", proc, 6),
            ("SELECT * FROM bsc_clusters(?)", "main"),
            ("SELECT * FROM bsc_scorecard(?)", period),
            # as a BI tool binds the views' hidden arguments
            ("SELECT * FROM scorecard WHERE period = ?", period),
            ("SELECT * FROM causal_chains WHERE start = ?", "on_time"),
        ]
        for client, how in CLIENTS:
            for sql, *params in queries:
                with self.subTest(client=client, how=how, sql=sql):
                    literal = sql
                    for p in params:
                        literal = literal.replace("?", "'%s'" % p if isinstance(p, str) else str(p), 1)
                    want = shell(self.db, literal)
                    self.assertGreater(len(want), 0)
                    if client == "isql":
                        params = [str(p) for p in params]
                    self.assertEqual(self.rows(client, how, sql, *params), want)

    def test_writes_a_measurement_and_refuses_a_bad_one(self):
        kpi = shell(self.db, "SELECT id FROM kpis LIMIT 1")[0][0]
        self.addCleanup(shell, self.db, "DELETE FROM measurements WHERE period LIKE '2030-%'")
        for n, (client, how) in enumerate(CLIENTS, start=1):
            with self.subTest(client=client, how=how):
                good = "INSERT INTO measurements(kpi, period, actual) VALUES (?, '2030-%02d', 42.5)" % n
                bad = "INSERT INTO measurements(kpi, period, actual) VALUES (?, '2030-13', 1)"
                if client == "pyodbc":
                    with self.connect(how) as con:
                        con.cursor().execute(good, kpi)
                        with self.assertRaises(pyodbc.Error) as cm:
                            con.cursor().execute(bad, kpi)
                    err = str(cm.exception)
                else:
                    out, _ = self.isql(good.replace("?", "'%s'" % kpi) + "\n" + bad.replace("?", "'%s'" % kpi), how)
                    err = out
                self.assertIn("[SQLite]bsc: measurements.period: '2030-13' is not a period", err)
                self.assertEqual(shell(self.db, "SELECT kpi, actual FROM measurements WHERE period = '2030-%02d'" % n),
                                 [[kpi, "42.5"]])
                self.assertEqual(shell(self.db, "SELECT count(*) FROM measurements WHERE period = '2030-13'"), [["0"]])

    def test_a_bulk_load_in_a_transaction_is_all_or_nothing(self):
        # pyodbc's default: not autocommit, so the driver opens a transaction
        rows = [("revenue", "2031-01", 4620.0, None, None), ("passengers", "2031-13", 41800.0, None, None)]
        for how in ("dsn", "dsnless"):
            with self.subTest(how=how):
                con = pyodbc.connect("DSN=bsc" if how == "dsn" else self.dsnless)
                self.addCleanup(con.close)
                with self.assertRaises(pyodbc.Error) as cm:
                    con.cursor().executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)", rows)
                self.assertIn("[SQLite]bsc: measurements.period: '2031-13' is not a period", str(cm.exception))
                with self.assertRaises(pyodbc.Error) as cm:
                    con.commit()
                self.assertIn("[SQLite]bsc: COMMIT refused and the transaction rolled back", str(cm.exception))
                self.assertEqual(shell(self.db, "SELECT count(*) FROM measurements WHERE period LIKE '2031-%'"),
                                 [["0"]])

    def test_sqltables_lists_the_map(self):
        for how in ("dsn", "dsnless"):
            with self.subTest(how=how), self.connect(how) as con:
                names = {r.table_name: r.table_type for r in con.cursor().tables()}
            for t in TABLES:
                self.assertEqual(names.get(t), "TABLE", t)
            for v in self.views:
                self.assertEqual(names.get(v), "VIEW", v)

    def test_sqlcolumns_reports_declared_types(self):
        """Every column of every map table (those of sql/schema.sql and any
        other bsc module) and of every view, as SQLColumns reports it: its
        declared type; a text sized VARCHAR(n) (n <= 255) arrives as
        SQL_VARCHAR of n characters, which BI tools group and filter on, and
        only the long free texts as SQL_LONGVARCHAR (a memo field)."""
        numeric = (pyodbc.SQL_DOUBLE, pyodbc.SQL_FLOAT, pyodbc.SQL_REAL, pyodbc.SQL_INTEGER, pyodbc.SQL_BIGINT)
        tables = [r[0] for r in shell(self.db, "SELECT name FROM sqlite_master WHERE sql LIKE "
                                               "'CREATE VIRTUAL TABLE%USING bsc%' ORDER BY name")]
        self.assertEqual(set(TABLES) - set(tables), set())
        long_text = set()
        with self.connect("dsn") as con:
            for name in tables + self.views:
                with self.subTest(name=name):
                    want = [tuple(r) for r in shell(self.db, "SELECT name, type FROM pragma_table_info('%s')" % name)]
                    got = list(con.cursor().columns(table=name))
                    self.assertEqual([(r.column_name, r.type_name) for r in got], want)
                    for r in got:
                        size = re.fullmatch(r"VARCHAR\((\d+)\)", r.type_name)
                        if r.type_name in ("REAL", "INTEGER"):
                            self.assertIn(r.data_type, numeric, r.column_name)
                        elif size:
                            self.assertLessEqual(int(size.group(1)), 255, r.column_name)
                            self.assertEqual((r.data_type, r.column_size), (pyodbc.SQL_VARCHAR, int(size.group(1))),
                                             r.column_name)
                        else:
                            self.assertEqual((r.type_name, r.data_type), ("TEXT", pyodbc.SQL_LONGVARCHAR),
                                             r.column_name)
                            long_text.add(r.column_name)
            # a score arrives as a number, an id as a sized text
            cur = con.cursor().execute("SELECT score, kpi FROM scorecard LIMIT 1")
            self.assertIsInstance(cur.fetchone()[0], float)
            self.assertEqual(cur.description[1][3], 64)
            cur = con.cursor().execute("SELECT process, cluster FROM bsc_vital_few")
            self.assertEqual([d[3] for d in cur.description], [64, 32])
        # the long texts are the free texts; a new text column needs a size
        # (bsc.h's BSC_T_*), or a place here when it is free text too
        self.assertEqual(long_text, {"description", "note", "message", "path", "nodes", "analysis", "recommendation", "drives", "outcome"})
        # a table-valued function's columns reach ODBC with the types they
        # declare (SQLDescribeCol reads them), so they are sized alike
        tvf_long = set()
        for (module,) in shell(self.db, "SELECT name FROM pragma_module_list WHERE name LIKE 'bsc%' ORDER BY name"):
            for name, decl in shell(self.db, "SELECT name, type FROM pragma_table_xinfo('%s') WHERE NOT hidden" % module):
                size = re.fullmatch(r"VARCHAR\((\d+)\)", decl)
                if decl == "TEXT":
                    tvf_long.add("%s.%s" % (module, name))
                else:
                    self.assertTrue(decl in ("REAL", "INTEGER") or (size and int(size.group(1)) <= 255),
                                    (module, name, decl))
        # free text: paths, messages, and the stored values bsc_integrity quotes
        self.assertEqual(tvf_long, {"bsc_chains.path", "bsc_chains.nodes", "bsc_check.message", "bsc_whatif.via",
                                    "bsc_portfolio.drives", "bsc_portfolio.outcome",
                                    "bsc_integrity.row_key", "bsc_integrity.value", "bsc_integrity.problem"})

    def test_a_dsn_without_loadext_says_the_module_is_missing(self):
        con = pyodbc.connect("DSN=nobsc", autocommit=True)
        self.addCleanup(con.close)
        for name in TABLES:
            with self.subTest(client="pyodbc", name=name):
                with self.assertRaises(pyodbc.Error) as cm:
                    con.cursor().execute("SELECT * FROM %s" % name).fetchall()
                self.assertIn("no such module: %s" % MODULES[name], str(cm.exception))
        # the views fail too, naming the function (or, for one that reads the
        # map's tables first, the module) they read, not an empty answer
        for name in self.views:
            with self.subTest(client="pyodbc", name=name):
                with self.assertRaises(pyodbc.Error) as cm:
                    con.cursor().execute("SELECT * FROM %s" % name).fetchall()
                self.assertRegex(str(cm.exception), r"no such (table: main\.bsc_\w+|module: bsc_\w+)")
        out, _ = self.isql("\n".join("SELECT * FROM %s" % n for n in TABLES), how="nobsc")
        for name in TABLES:
            self.assertIn("[SQLite]no such module: %s" % MODULES[name], out)
        self.assertEqual([l for l in out.splitlines() if not l.startswith("[")], [], "rows without bsc loaded")


if __name__ == "__main__":
    unittest.main()
