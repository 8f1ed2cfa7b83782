"""What an analyst does from Python: Debian's /usr/bin/python3 and the standard
sqlite3 module, bsc loaded with python/bscload.py (and with the plain sqlite3
calls), a small map built with executemany, the scorecard read into plain
Python rows, and into pandas (which make deps installs). A Python that cannot load
extensions, or a connection that does not allow it, gets a `bsc:` hint that
says what to do."""
import os
import shutil
import sqlite3
import sys
import tempfile
import unittest
from unittest import mock

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))
sys.path.insert(0, os.path.join(ROOT, "python"))
import bscload  # noqa: E402  (python/bscload.py)

import pandas  # the analysts' tool: make deps installs python3-pandas

SCORECARD = ["perspective", "objective", "kpi", "title", "unit", "period", "actual", "target", "red",
             "score", "status", "trend", "target_source", "red_source"]

# A small map of a bakery: one objective per perspective, one process.
OBJECTIVES = [
    ("profit", "Earn more per loaf", "financial", None),
    ("regulars", "Keep our regulars", "customer", None),
    ("fresh", "Bread fresh from the oven at opening", "internal", "operations"),
    ("skills", "Every baker masters the sourdough", "learning", None),
]
PROCESSES = [("baking", "Night baking", "operations", "produce")]
LINKS = [("baking", "fresh"), ("skills", "fresh"), ("fresh", "regulars"), ("regulars", "profit")]
KPIS = [
    # id, objective, title, unit, polarity, baseline, target, red
    ("margin", "profit", "Margin per loaf", "EUR", "higher", 0.4, 0.6, 0.5),
    ("visits", "regulars", "Regulars' visits per week", "visits", "higher", 2.0, 3.0, 2.5),
    ("late", "fresh", "Mornings not ready at 7:00", "days", "lower", 6.0, 1.0, 4.0),
    ("trained", "skills", "Bakers trained", "%", "higher", 20.0, 100.0, 50.0),
]
MEASUREMENTS = [
    ("margin", "2026-01", 0.52, None, None), ("margin", "2026-02", 0.55, None, None),
    ("visits", "2026-01", 2.6, None, None), ("visits", "2026-02", 2.4, None, "road works"),
    ("late", "2026-01", 3.0, None, None), ("late", "2026-02", 1.0, None, None),
    ("trained", "2026-01", 40.0, None, None), ("trained", "2026-02", 75.0, None, None),
]


def score(actual, target, red):
    """The goal/red-flag scale, written out: 10/3 at red, 20/3 at target, linear, clamped."""
    return min(10.0, max(0.0, 10 / 3 * (1 + (actual - red) / (target - red))))


class NoExtensionLoading:
    """A connection as a Python built without loadable extensions has it."""

    def __init__(self, con):
        self._con = con

    def __getattr__(self, name):
        if name in ("enable_load_extension", "load_extension"):
            raise AttributeError(name)
        return getattr(self._con, name)


class LoadingSwitchedOff:
    """A connection on which enabling extension loading does not take."""

    def __init__(self, con):
        self._con = con

    def enable_load_extension(self, on):
        self._con.enable_load_extension(False)

    def __getattr__(self, name):
        return getattr(self._con, name)


class AnalystTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-analyst-")
        self.db = os.path.join(self.tmp, "bakery.db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def connect(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        bscload.load(con, BSC_SO)
        return con

    def build(self, con):
        with open(os.path.join(ROOT, "sql", "schema.sql"), encoding="utf-8") as f:
            con.executescript(f.read())
        con.executemany("INSERT INTO objectives(id, title, perspective, cluster) VALUES (?, ?, ?, ?)", OBJECTIVES)
        con.executemany("INSERT INTO processes(id, title, cluster, subprocess) VALUES (?, ?, ?, ?)", PROCESSES)
        con.executemany("INSERT INTO links(cause, effect) VALUES (?, ?)", LINKS)
        con.executemany("INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", KPIS)
        # the bulk form, all columns and no column list: all or nothing
        con.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)", MEASUREMENTS)
        con.commit()

    def test_plain_sqlite3_lines_load_bsc(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        con.enable_load_extension(True)
        con.load_extension(BSC_SO)
        con.enable_load_extension(False)
        with open(os.path.join(ROOT, "VERSION"), encoding="utf-8") as f:
            version = f.read().strip()
        self.assertEqual(con.execute("SELECT bsc_version()").fetchone(), (version,))

    def test_load_finds_the_checkout_library_and_turns_loading_off_again(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        path = bscload.load(con)
        self.assertEqual(os.path.realpath(path), os.path.realpath(os.path.join(ROOT, "bsc.so")))
        self.assertEqual(con.execute("SELECT bsc_status(5)").fetchone(), ("amber",))
        with self.assertRaisesRegex(sqlite3.OperationalError, "not authorized"):
            con.execute("SELECT load_extension(?)", (BSC_SO,))

    def test_build_a_map_and_read_the_scorecard_as_dicts(self):
        con = self.connect()
        self.build(con)
        con.row_factory = sqlite3.Row
        rows = [dict(r) for r in con.execute("SELECT * FROM bsc_scorecard")]
        self.assertEqual([list(r) for r in rows], [SCORECARD] * len(KPIS))
        self.assertEqual([r["kpi"] for r in rows], ["margin", "visits", "late", "trained"])
        by_kpi = {r["kpi"]: r for r in rows}
        for kpi, _, _, _, _, _, target, red in KPIS:
            last = [m for m in MEASUREMENTS if m[0] == kpi][-1]
            want = score(last[2], target, red)
            r = by_kpi[kpi]
            self.assertEqual((r["period"], r["actual"], r["target"], r["red"]), ("2026-02", last[2], target, red))
            self.assertAlmostEqual(r["score"], want, places=9)
            self.assertEqual(r["status"], "red" if want < 10 / 3 else "amber" if want < 20 / 3 else "green")
        self.assertEqual(by_kpi["visits"]["trend"], "down")
        self.assertEqual(by_kpi["late"]["trend"], "up")  # fewer late mornings: better
        # a period as a bound argument: February's quarter, the last value of each KPI
        q1 = {r["kpi"]: r["actual"] for r in con.execute("SELECT * FROM bsc_scorecard(?)", ("2026-Q1",))}
        self.assertEqual(q1, {kpi: [m for m in MEASUREMENTS if m[0] == kpi][-1][2] for kpi, *_ in KPIS})
        perspectives = [tuple(r) for r in con.execute("SELECT perspective, objectives_scored FROM bsc_perspective_scores")]
        self.assertEqual(perspectives, [("financial", 1), ("customer", 1), ("internal", 1), ("learning", 1), ("map", 4)])
        self.assertEqual([tuple(r) for r in con.execute("SELECT rule, subject FROM bsc_check WHERE severity = 'error'")],
                         [("cluster_gap", "customer_management"), ("cluster_gap", "innovation"),
                          ("cluster_gap", "regulatory_social")])

    def test_a_bad_row_in_executemany_loads_nothing(self):
        con = self.connect()
        self.build(con)
        rows = [("margin", "2026-03", 0.58, None, None), ("visits", "2026-13", 2.9, None, None)]
        with self.assertRaises(sqlite3.IntegrityError) as cm:
            con.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)", rows)
        self.assertEqual(str(cm.exception),
                         "bsc: measurements.period: '2026-13' is not a period; use 2026, 2026-H2, 2026-Q3, "
                         "2026-09, 2026-09-30 or 2026-W38")
        with self.assertRaises(sqlite3.IntegrityError) as cm:
            con.commit()
        self.assertTrue(str(cm.exception).startswith("bsc: COMMIT refused and the transaction rolled back"),
                        str(cm.exception))
        self.assertFalse(con.in_transaction)
        self.assertEqual(con.execute("SELECT count(*) FROM measurements").fetchone(), (len(MEASUREMENTS),))

    def test_positional_rows_follow_the_same_rules_as_any_write(self):
        # executemany of positional rows is no special statement: a row that
        # looks like a CSV header is a row (refused here, as 'period' is no
        # period), and '' is NULL only where no text fits
        con = self.connect()
        self.build(con)
        con.commit()
        with self.assertRaises(sqlite3.IntegrityError) as cm:
            con.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)",
                            [("kpi", "period", "actual", "target", "note")])
        self.assertTrue(str(cm.exception).startswith("bsc: measurements."), str(cm.exception))
        con.rollback()
        for sql in ("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)",
                    "INSERT INTO measurements(kpi, period, actual, target, note) VALUES (?, ?, ?, ?, ?)",
                    "INSERT INTO measurements SELECT ?, ?, ?, ?, ?"):
            con.executemany(sql, [("margin", "2026-07", "", " ", "")])
            self.assertEqual(con.execute("SELECT quote(actual), quote(target), quote(note) FROM measurements"
                                         " WHERE period = '2026-07'").fetchall(), [("NULL", "NULL", "''")], sql)
            con.rollback()

    def test_a_python_without_enable_load_extension_gets_a_hint(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        with self.assertRaises(bscload.LoadError) as cm:
            bscload.load(NoExtensionLoading(con))
        msg = str(cm.exception)
        self.assertTrue(msg.startswith("bsc: this Python's sqlite3 module cannot load extensions"), msg)
        self.assertIn("--enable-loadable-sqlite-extensions", msg)
        self.assertIsInstance(cm.exception, sqlite3.OperationalError)

    def test_loading_not_enabled_gets_a_hint(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        # Debian's SQLite lets the C API load extensions until told otherwise;
        # other builds start with it off, as here, and then plain sqlite3 says
        # only this when enable_load_extension(True) is forgotten
        con.enable_load_extension(False)
        with self.assertRaises(sqlite3.OperationalError) as cm:
            con.load_extension(BSC_SO)
        self.assertEqual(str(cm.exception), "not authorized")
        with self.assertRaises(bscload.LoadError) as cm:
            bscload.load(LoadingSwitchedOff(con), BSC_SO)
        msg = str(cm.exception)
        self.assertTrue(msg.startswith("bsc: SQLite refused to load %s: not authorized" % BSC_SO), msg)
        self.assertIn("con.enable_load_extension(True)", msg)

    def test_a_missing_library_is_named(self):
        con = sqlite3.connect(self.db)
        self.addCleanup(con.close)
        missing = os.path.join(self.tmp, "nowhere", "bsc.so")
        with self.assertRaises(bscload.LoadError) as cm:
            bscload.load(con, missing)
        self.assertTrue(str(cm.exception).startswith("bsc: cannot load %s: " % missing), str(cm.exception))
        with mock.patch.object(bscload, "candidates", return_value=[missing]):
            with self.assertRaises(bscload.LoadError) as cm:
                bscload.load(con)
        self.assertEqual(str(cm.exception),
                         "bsc: cannot find bsc.so; looked in %s; build it with `make` (or install it with "
                         "`make install`), or pass its path: bscload.load(con, '/path/to/bsc.so')" % missing)
        with self.assertRaisesRegex(sqlite3.OperationalError, "not authorized"):
            con.execute("SELECT load_extension(?)", (BSC_SO,))

    def test_pandas_reads_the_scorecard(self):
        con = self.connect()
        self.build(con)
        df = pandas.read_sql_query("SELECT * FROM bsc_scorecard(?)", con, params=("2026-02",))
        self.assertEqual(list(df.columns), SCORECARD)
        self.assertEqual(list(df["kpi"]), ["margin", "visits", "late", "trained"])
        self.assertEqual(str(df["score"].dtype), "float64")
        self.assertAlmostEqual(df.set_index("kpi").loc["trained", "score"], score(75.0, 100.0, 50.0), places=9)
        by_status = df.groupby("status")["kpi"].count().to_dict()
        self.assertEqual(sum(by_status.values()), len(KPIS))


if __name__ == "__main__":
    unittest.main()
