"""sql/demo.sql tells the story it promises: scored on the goal/red-flag
scale, the KPIs' latest periods show red, amber and green, and some KPIs
improve while others worsen.

The scale is issue 4's: with d = target - red, 0 at red - d, 10/3 at red,
20/3 at target, 10 at target + d, linear and clamped; `range` scores the
distance from the target as `lower` with goal 0. It is written out here so
that the demo is checked before bsc_score() exists, and checked against
bsc_score() once it does.
"""
import os
import re
import shlex
import sqlite3
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))


def read(name):
    with open(os.path.join(ROOT, "sql", name), encoding="utf-8") as f:
        return f.read()


def score(actual, target, red, polarity):
    if polarity == "range":
        actual, target, red = abs(actual - target), 0.0, abs(red - target)
    d = target - red
    return min(10.0, max(0.0, 10 / 3 * (1 + (actual - red) / d)))


def status(s):
    return "red" if s < 10 / 3 else "amber" if s < 20 / 3 else "green"


class TestDemo(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.con = sqlite3.connect(":memory:", isolation_level=None)
        cls.con.enable_load_extension(True)
        cls.con.load_extension(BSC_SO)
        cls.con.executescript(read("schema.sql"))
        cls.con.executescript(read("demo.sql"))
        # every KPI's last two periods with an actual, newest first
        cls.series = {}
        for kpi, polarity, red, period, actual, target in cls.con.execute("""
                SELECT k.id, k.polarity, ifnull(k.red, k.baseline), m.period, m.actual,
                       ifnull(m.target, k.target)
                  FROM kpis AS k JOIN measurements AS m ON m.kpi = k.id
                 WHERE m.actual IS NOT NULL ORDER BY k.id, m.period DESC"""):
            cls.series.setdefault(kpi, []).append((period, score(actual, target, red, polarity),
                                                   (actual, target, red, polarity)))

    @classmethod
    def tearDownClass(cls):
        cls.con.close()

    def test_every_kpi_is_scored(self):
        kpis = [r[0] for r in self.con.execute("SELECT id FROM kpis")]
        self.assertEqual(sorted(self.series), sorted(kpis))
        for kpi, rows in self.series.items():
            self.assertGreaterEqual(len(rows), 8, kpi)

    def test_latest_periods_show_all_three_statuses(self):
        latest = [status(rows[0][1]) for rows in self.series.values()]
        for s in ("red", "amber", "green"):
            self.assertGreaterEqual(latest.count(s), 3, s)

    def test_some_kpis_improve_and_some_worsen(self):
        trends = [rows[0][1] - rows[1][1] for rows in self.series.values()]
        self.assertGreaterEqual(sum(t > 0 for t in trends), 3)
        self.assertGreaterEqual(sum(t < 0 for t in trends), 3)

    def test_overridden_targets_change_the_score(self):
        rows = self.con.execute("""
            SELECT m.kpi, m.period, m.actual, m.target, k.target, ifnull(k.red, k.baseline), k.polarity
              FROM measurements AS m JOIN kpis AS k ON k.id = m.kpi
             WHERE m.target IS NOT NULL""").fetchall()
        self.assertGreaterEqual(len(rows), 2)
        for kpi, period, actual, own, kpi_target, red, polarity in rows:
            self.assertNotEqual(score(actual, own, red, polarity),
                                score(actual, kpi_target, red, polarity), (kpi, period))

    def test_aligned_objectives_roll_up_their_units(self):
        """An objective with rollup 'aligned' scores the link-weighted average
        of the objectives of units below its own that are linked to it, each
        its KPIs' weighted average at their latest periods: worked out here."""
        parent = dict(self.con.execute("SELECT id, parent FROM units"))
        top = [u for u, p in parent.items() if p is None][0]
        unit_of = {o: u or top for o, u in self.con.execute("SELECT id, unit FROM objectives")}

        def below(u, anc):
            while parent[u] is not None:
                u = parent[u]
                if u == anc:
                    return True
            return False

        def own(objective):
            rows = [(self.series[k][0][1], w) for k, w in
                    self.con.execute("SELECT id, weight FROM kpis WHERE objective = ?", (objective,))]
            return sum(s * w for s, w in rows) / sum(w for _, w in rows)

        rolled = self.con.execute("SELECT id, score FROM objectives WHERE rollup = 'aligned'").fetchall()
        self.assertGreaterEqual(len(rolled), 1)
        for objective, got in rolled:
            parts = []
            for cause, weight, rollup in self.con.execute(
                    "SELECT l.cause, l.weight, o.rollup FROM links AS l JOIN objectives AS o ON o.id = l.cause"
                    " WHERE l.effect = ?", (objective,)):
                if below(unit_of[cause], unit_of[objective]):
                    self.assertEqual(rollup, "weighted", cause)  # own() knows no other way
                    parts.append((own(cause), weight))
            self.assertGreaterEqual(len(parts), 2, objective)
            self.assertAlmostEqual(got, sum(s * w for s, w in parts) / sum(w for _, w in parts), places=9,
                                   msg=objective)

    def test_bsc_score_agrees(self):
        for kpi, rows in self.series.items():
            for period, expected, (actual, target, red, polarity) in rows:
                got = self.con.execute("SELECT bsc_score(?, ?, ?, ?)",
                                       (actual, target, red, polarity)).fetchone()[0]
                self.assertAlmostEqual(got, expected, places=9, msg=(kpi, period))


class TestMakeDemo(unittest.TestCase):
    """`make demo` ends with the vital few, the link evidence and the
    attention list (issue 14): its recipe's shell commands are run as
    written, on a database of their own, and the last one's output read."""

    def test_ends_with_the_analytics(self):
        with open(os.path.join(ROOT, "Makefile"), encoding="utf-8") as f:
            recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", f.read(), re.M).group(1)
        runs = [shlex.split(line) for line in recipe.splitlines() if line.strip().startswith("sqlite3")]
        runs = [r for r in runs if any(a.startswith(".read") for a in r)]  # not the picture
        self.assertTrue(runs[-1][-1].endswith("show_analysis.sql"), runs[-1])
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "demo.db")
            out = ""
            for r in runs:
                res = subprocess.run([db if a == "demo.db" else a for a in r], cwd=ROOT, capture_output=True,
                                     text=True, timeout=120)
                self.assertEqual(res.returncode, 0, res.stderr)
                self.assertEqual(res.stderr, "")
                out = res.stdout
        titles = [line for line in out.splitlines() if line and not line.startswith((" ", "-")) and
                  "  " not in line]
        self.assertEqual(titles[-3:], [
            "The vital few: processes ranked by their influence on the financial outcome",
            "Evidence for each link: do the scores move together as the map says?",
            "Where to act: vital processes whose objectives are amber or red"])
        vital = out[out.index(titles[-3]):out.index(titles[-2])]
        evidence = out[out.index(titles[-2]):out.index(titles[-1])]
        attention = out[out.index(titles[-1]):]
        self.assertIn(" vital", vital)
        for verdict in ("supported", "contradicted", "weak", "insufficient data"):
            self.assertIn(verdict, evidence)
        rows = [line for line in attention.splitlines()[3:] if line.strip()]
        self.assertGreaterEqual(len(rows), 1)
        for line in rows:
            self.assertRegex(line, r" (red|amber)\s*$")


if __name__ == "__main__":
    unittest.main()
