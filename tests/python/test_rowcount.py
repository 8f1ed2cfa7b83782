"""Python's cursor.rowcount counts the rows the user wrote into the map's
tables, not the rows bsc writes into its own storage to keep them.

A write to a map table runs statements of bsc's own inside the table's
xUpdate (into the shadow tables), and SQLite adds what they change to
sqlite3_total_changes(); sqlite3_changes() is set again, when the user's
statement ends, to the rows that statement changed. CPython's sqlite3 module
counts rowcount from sqlite3_changes(), so it is right; a client that counts
from total_changes() (RSQLite does) is not, and nothing an extension does can
change that (docs/clients.md says what to do there).
"""
import os
import sqlite3
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))


def read(name):
    with open(os.path.join(ROOT, "sql", name), encoding="utf-8") as f:
        return f.read()


class RowcountTest(unittest.TestCase):
    def setUp(self):
        self.con = sqlite3.connect(":memory:", isolation_level=None)
        self.con.enable_load_extension(True)
        self.con.load_extension(BSC_SO)
        self.con.enable_load_extension(False)
        self.con.executescript(read("schema.sql") + read("demo.sql"))
        self.objectives = self.con.execute("SELECT count(*) FROM objectives").fetchone()[0]
        self.assertGreater(self.objectives, 10)

    def tearDown(self):
        self.con.close()

    def rowcount(self, sql, params=()):
        return self.con.execute(sql, params).rowcount

    def test_insert_update_delete_count_the_users_rows(self):
        self.assertEqual(self.rowcount("INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial')"), 1)
        self.assertEqual(self.rowcount("INSERT INTO objectives(id, title, perspective) VALUES "
                                       "('b', 'B', 'financial'), ('c', 'C', 'customer')"), 2)
        self.assertEqual(self.rowcount("UPDATE objectives SET owner = 'Board'"), self.objectives + 3)
        self.assertEqual(self.rowcount("UPDATE objectives SET weight = 2 WHERE id IN ('a', 'b')"), 2)
        self.assertEqual(self.rowcount("INSERT OR REPLACE INTO objectives(id, title, perspective) "
                                       "VALUES ('a', 'A again', 'financial')"), 1)
        self.assertEqual(self.rowcount("DELETE FROM objectives WHERE id IN ('a', 'b', 'c')"), 3)
        self.assertEqual(self.rowcount("UPDATE objectives SET owner = 'x' WHERE id = 'no such'"), 0)

    def test_measurements_and_executemany(self):
        cur = self.con.executemany("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)",
                                   [("revenue", "2027-01", 4000), ("revenue", "2027-02", 4100),
                                    ("revenue", "2027-03", 4200)])
        self.assertEqual(cur.rowcount, 3)
        self.assertEqual(self.rowcount("UPDATE measurements SET actual = actual + 1 WHERE period LIKE '2027-%'"), 3)
        self.assertEqual(self.rowcount("DELETE FROM measurements WHERE period LIKE '2027-%'"), 3)

    def test_a_refused_write_changes_nothing_and_the_next_counts_right(self):
        with self.assertRaisesRegex(sqlite3.IntegrityError, "^bsc: objectives.perspective: "):
            self.con.execute("UPDATE objectives SET perspective = 'nonsense' WHERE id = 'revenue_growth'")
        self.assertEqual(self.con.execute("SELECT changes()").fetchone()[0], 0)
        self.assertEqual(self.rowcount("UPDATE objectives SET owner = 'CFO' WHERE id = 'revenue_growth'"), 1)

    def test_total_changes_counts_bscs_storage_too(self):
        # why a client counting total_changes() deltas is wrong: the user's
        # one row and bsc's storage rows together
        before = self.con.total_changes
        self.assertEqual(self.rowcount("INSERT INTO objectives(id, title, perspective) VALUES ('a', 'A', 'financial')"), 1)
        self.assertGreater(self.con.total_changes - before, 1)


if __name__ == "__main__":
    unittest.main()
