"""The graph functions as a Python client sees them (Debian's sqlite3 module)."""
import os
import sqlite3
import tempfile
import unittest

BSC = os.environ.get("BSC_SO", os.path.join(os.path.dirname(__file__), "..", "..", "bsc"))
SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "sql", "schema.sql")

MAP = """
INSERT INTO processes(id, title, cluster) VALUES ('ops', 'Operations', 'operations');
INSERT INTO objectives(id, title, perspective, cluster) VALUES
  ('revenue', 'Revenue', 'financial', NULL), ('loyal', 'Loyal customers', 'customer', NULL),
  ('on-time', 'On time', 'internal', 'operations');
INSERT INTO links(cause, effect, weight, sign) VALUES
  ('ops', 'on-time', 0.5, 'positive'), ('on-time', 'loyal', 2, 'negative'),
  ('loyal', 'revenue', 1, 'positive');
"""


def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.enable_load_extension(True)
    db.load_extension(BSC)
    db.enable_load_extension(False)
    return db


class GraphFromPython(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp(suffix=".db")
        os.close(fd)
        self.db = connect(self.path)
        with open(SCHEMA) as f:
            self.db.executescript(f.read())
        self.db.executescript(MAP)

    def tearDown(self):
        self.db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def test_chains_and_reach(self):
        rows = self.db.execute("SELECT start, goal, length, strength, path FROM bsc_chains").fetchall()
        self.assertEqual(rows, [("ops", "revenue", 3, -1.0, "ops > on-time > loyal > revenue")])
        rows = self.db.execute("SELECT id, distance, via FROM bsc_reach(?, 'up')", ("revenue",)).fetchall()
        self.assertEqual(rows, [("loyal", 1, "loyal"), ("on-time", 2, "loyal")])

    def test_errors_reach_the_client(self):
        with self.assertRaises(sqlite3.OperationalError) as cm:
            self.db.execute("SELECT * FROM bsc_chains(?)", ("nosuch",)).fetchall()
        self.assertEqual(str(cm.exception), "bsc: bsc_chains: start 'nosuch' is neither a process, "
                         "an objective nor an initiative of the map in schema 'main'")

    def test_views_under_untrusted_schema(self):
        self.db.executescript("""
            CREATE VIEW chains AS SELECT path FROM bsc_chains;
            CREATE VIEW gaps AS SELECT cluster FROM bsc_clusters WHERE gap;
            CREATE VIEW findings AS SELECT rule FROM bsc_check WHERE severity = 'error';
        """)
        other = connect(self.path)
        try:
            other.execute("PRAGMA trusted_schema = OFF")
            self.assertEqual(other.execute("SELECT * FROM chains").fetchall(),
                             [("ops > on-time > loyal > revenue",)])
            self.assertEqual(len(other.execute("SELECT * FROM gaps").fetchall()), 3)
            self.assertEqual(other.execute("SELECT * FROM findings").fetchall(),
                             [("cluster_gap",)] * 3 + [("perspective_empty",)])
        finally:
            other.close()

    def test_commits_of_another_connection(self):
        other = connect(self.path)
        try:
            self.assertEqual(other.execute("SELECT bsc_cluster_gaps()").fetchone()[0],
                             '["customer_management","innovation","regulatory_social"]')
            self.db.execute("INSERT INTO objectives(id, title, perspective, cluster)"
                            " VALUES ('lab', 'Lab', 'internal', 'innovation')")
            self.assertEqual(other.execute("SELECT bsc_cluster_gaps()").fetchone()[0],
                             '["customer_management","regulatory_social"]')
        finally:
            other.close()


if __name__ == "__main__":
    unittest.main()
