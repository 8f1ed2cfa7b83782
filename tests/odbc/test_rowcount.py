"""SQLRowCount over ODBC counts the rows the user wrote into the map's
tables, not the rows bsc writes into its own storage: Debian's SQLite3 ODBC
driver takes it from sqlite3_changes(), which SQLite sets, when the user's
statement ends, to that statement's rows (tests/python/test_rowcount.py says
why total_changes() would not do). Through pyodbc (cursor.rowcount) and
through isql ("SQLRowCount returns N")."""
import os
import shutil
import subprocess
import tempfile
import unittest

import pyodbc

from test_odbc import ROOT, SO, driver_path


class RowcountTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-odbc-rows-")
        self.db = os.path.join(self.tmp, "demo.db")
        subprocess.run(["sqlite3", "-batch", "-bail", self.db, ".load " + SO[:-3],
                        ".read " + os.path.join(ROOT, "sql", "schema.sql"),
                        ".read " + os.path.join(ROOT, "sql", "demo.sql")], check=True, capture_output=True)
        self.dsnless = "Driver=%s;Database=%s;LoadExt=%s" % (driver_path(), self.db, SO)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_pyodbc_rowcount(self):
        with pyodbc.connect(self.dsnless, autocommit=True) as con:
            cur = con.cursor()
            objectives = cur.execute("SELECT count(*) FROM objectives").fetchone()[0]
            self.assertGreater(objectives, 10)
            for sql, params, rows in [
                ("INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial')", (), 1),
                ("INSERT INTO objectives(id, title, perspective) VALUES ('b', 'B', 'financial'), ('c', 'C', 'customer')",
                 (), 2),
                ("UPDATE objectives SET owner = 'Board'", (), objectives + 3),
                ("UPDATE objectives SET owner = ? WHERE id = ?", ("CFO", "a"), 1),
                ("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)", ("revenue", "2027-01", 4000), 1),
                ("DELETE FROM objectives WHERE id IN ('a', 'b', 'c')", (), 3),
                ("UPDATE objectives SET owner = 'x' WHERE id = 'no such'", (), 0),
            ]:
                with self.subTest(sql=sql):
                    self.assertEqual(cur.execute(sql, *params).rowcount, rows)
            with self.assertRaisesRegex(pyodbc.Error, "bsc: objectives.perspective: "):
                cur.execute("UPDATE objectives SET perspective = 'nonsense' WHERE id = 'revenue_growth'")

    def test_isql_sqlrowcount(self):
        sql = ("INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial')\n"
               "UPDATE objectives SET owner = 'Board'\n")
        res = subprocess.run(["isql", "-v", "-b", "-k", self.dsnless], input=sql, capture_output=True, text=True)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        objectives = int(subprocess.run(["sqlite3", self.db, ".load " + SO[:-3], "SELECT count(*) FROM objectives"],
                                        capture_output=True, text=True, check=True).stdout)
        self.assertEqual([line for line in res.stdout.splitlines() if line.startswith("SQLRowCount")],
                         ["SQLRowCount returns 1", "SQLRowCount returns %d" % objectives])


if __name__ == "__main__":
    unittest.main()
