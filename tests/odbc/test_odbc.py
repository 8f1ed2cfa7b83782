"""BI tools' view of bsc: the real unixODBC stack (isql and pyodbc) with Debian's
SQLite3 ODBC driver loading bsc through LoadExt=, checked against the sqlite3 shell."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import pyodbc

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SO = os.path.join(ROOT, "bsc.so")
TABLES = ["processes", "objectives", "links", "kpis", "measurements"]


def driver_path():
    found = glob.glob("/usr/lib/*/odbc/libsqlite3odbc.so") + glob.glob("/usr/lib/odbc/libsqlite3odbc.so")
    if not found:
        raise unittest.SkipTest("libsqliteodbc is not installed (make deps installs it)")
    return found[0]


def shell(db, sql):
    """Rows the sqlite3 shell prints for sql, as lists of strings (| separated)."""
    res = subprocess.run(["sqlite3", "-batch", db, ".load " + SO[:-3], sql],
                         capture_output=True, text=True, check=True)
    return [line.split("|") for line in res.stdout.splitlines()]


def as_text(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if v != int(v) else "%.1f" % v
    return str(v)


class OdbcTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = driver_path()
        cls.tmp = tempfile.mkdtemp(prefix="bsc-odbc-")
        cls.db = os.path.join(cls.tmp, "demo.db")
        subprocess.run(["sqlite3", "-batch", cls.db, ".load " + SO[:-3],
                        ".read " + os.path.join(ROOT, "sql", "schema.sql"),
                        ".read " + os.path.join(ROOT, "sql", "demo.sql"),
                        ".read " + os.path.join(ROOT, "sql", "views.sql")],
                       check=True, capture_output=True)
        with open(os.path.join(cls.tmp, "odbcinst.ini"), "w") as f:
            f.write("[SQLite3]\nDescription=SQLite3 ODBC Driver\nDriver=%s\nSetup=%s\n" % (cls.driver, cls.driver))
        with open(os.path.join(cls.tmp, "odbc.ini"), "w") as f:
            f.write("[bsc]\nDriver=SQLite3\nDatabase=%s\nLoadExt=%s\n\n" % (cls.db, SO))
            f.write("[nobsc]\nDriver=SQLite3\nDatabase=%s\n" % cls.db)
        os.environ["ODBCSYSINI"] = cls.tmp
        os.environ["ODBCINI"] = os.path.join(cls.tmp, "odbc.ini")
        cls.views = [r[0] for r in shell(cls.db, "SELECT name FROM sqlite_master WHERE type='view' ORDER BY name")]
        cls.dsnless = "Driver=%s;Database=%s;LoadExt=%s" % (cls.driver, cls.db, SO)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def connect(self, how):
        return pyodbc.connect("DSN=bsc" if how == "dsn" else self.dsnless, autocommit=True)

    def isql(self, sql, dsn="bsc"):
        return subprocess.run(["isql", "-v", "-b", "-d|", dsn], input=sql + "\n", capture_output=True, text=True)

    def test_every_table_and_view_reads_the_same_as_the_shell(self):
        for how in ("dsn", "dsnless"):
            with self.subTest(how=how), self.connect(how) as con:
                for name in TABLES + self.views:
                    rows = con.cursor().execute("SELECT * FROM %s" % name).fetchall()
                    expect = shell(self.db, "SELECT * FROM %s" % name)
                    self.assertGreater(len(rows), 0, name)
                    self.assertEqual(len(rows), len(expect), name)
                    for got, want in zip(rows, expect):
                        self.assertEqual([as_text(v) for v in got][: len(want)], want, name)

    def test_functions_with_arguments_match_the_shell(self):
        proc = shell(self.db, "SELECT id FROM processes ORDER BY id LIMIT 1")[0][0]
        period = shell(self.db, "SELECT max(period) FROM measurements WHERE period LIKE '____-Q_'")[0][0]
        queries = [
            ("SELECT start, goal, length, round(strength, 6), path FROM bsc_chains(?, 6)", proc),
            ("SELECT cluster, processes, objectives, kpis, gap FROM bsc_clusters(?)", "main"),
            ("SELECT kpi, period, actual, round(score, 6), status FROM bsc_scorecard(?)", period),
        ]
        for how in ("dsn", "dsnless"):
            with self.connect(how) as con:
                for sql, arg in queries:
                    with self.subTest(how=how, sql=sql):
                        got = [[as_text(v) for v in row] for row in con.cursor().execute(sql, arg).fetchall()]
                        want = shell(self.db, sql.replace("?", "'%s'" % arg))
                        self.assertGreater(len(want), 0)
                        self.assertEqual(got, want)

    def test_isql_reads_through_the_dsn(self):
        res = self.isql("SELECT count(*) FROM objectives")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        want = shell(self.db, "SELECT count(*) FROM objectives")[0][0]
        self.assertIn(want, [line.strip() for line in res.stdout.splitlines()])

    def test_writes_a_measurement_and_refuses_a_bad_one(self):
        with self.connect("dsnless") as con:
            cur = con.cursor()
            kpi = cur.execute("SELECT id FROM kpis LIMIT 1").fetchone()[0]
            cur.execute("INSERT OR REPLACE INTO measurements(kpi, period, actual) VALUES(?, '2030-01', 42.5)", kpi)
            with self.assertRaises(pyodbc.Error) as cm:
                cur.execute("INSERT INTO measurements(kpi, period, actual) VALUES(?, '2030-13', 1)", kpi)
            self.assertIn("bsc: measurements.period: '2030-13' is not a period", str(cm.exception))
        self.assertEqual(shell(self.db, "SELECT actual FROM measurements WHERE kpi='%s' AND period='2030-01'" % kpi),
                         [["42.5"]])
        self.assertEqual(shell(self.db, "SELECT count(*) FROM measurements WHERE period='2030-13'"), [["0"]])
        shell(self.db, "DELETE FROM measurements WHERE period='2030-01'")

    def test_sqltables_lists_the_map(self):
        with self.connect("dsn") as con:
            names = {r.table_name: r.table_type for r in con.cursor().tables()}
        for t in TABLES:
            self.assertEqual(names.get(t), "TABLE", t)
        for v in self.views:
            self.assertEqual(names.get(v), "VIEW", v)

    def test_sqlcolumns_reports_declared_types(self):
        want = {
            "objectives": [("id", "TEXT"), ("title", "TEXT"), ("perspective", "TEXT"), ("cluster", "TEXT"),
                           ("weight", "REAL"), ("owner", "TEXT"), ("description", "TEXT"), ("kpis", "INTEGER")],
            "links": [("cause", "TEXT"), ("effect", "TEXT"), ("weight", "REAL"), ("sign", "TEXT"),
                      ("lag", "INTEGER"), ("note", "TEXT")],
            "measurements": [("kpi", "TEXT"), ("period", "TEXT"), ("actual", "REAL"), ("target", "REAL"),
                             ("note", "TEXT")],
        }
        with self.connect("dsn") as con:
            for table, cols in want.items():
                got = [(r.column_name, r.type_name) for r in con.cursor().columns(table=table)]
                self.assertEqual(got[: len(cols)], cols, table)
                numeric = [r.data_type for r in con.cursor().columns(table=table) if r.type_name in ("REAL", "INTEGER")]
                self.assertTrue(all(t in (pyodbc.SQL_DOUBLE, pyodbc.SQL_INTEGER, pyodbc.SQL_BIGINT,
                                          pyodbc.SQL_FLOAT, pyodbc.SQL_REAL) for t in numeric), numeric)

    def test_a_dsn_without_loadext_says_the_module_is_missing(self):
        con = pyodbc.connect("DSN=nobsc", autocommit=True)
        with self.assertRaises(pyodbc.Error) as cm:
            con.cursor().execute("SELECT * FROM objectives").fetchall()
        self.assertIn("no such module: bsc_objectives", str(cm.exception))
        con.close()
        res = self.isql("SELECT * FROM kpis", dsn="nobsc")
        self.assertIn("no such module: bsc_kpis", res.stdout + res.stderr)


if __name__ == "__main__":
    unittest.main()
