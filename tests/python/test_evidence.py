"""bsc_link_evidence checked against an independent computation: the scores
written out from the goal/red-flag scale, the series paired by hand, and
Pearson's r from Python's statistics.correlation. Covers missing periods
(left out, never zero), a lag, best_lag, a coarser side (a quarter counts
once, at its last month), a process's series (the mean of the objectives it
causes), the period bounds, and the verdicts, on either side of |r| = 0.5 and
of 8 pairs."""
import os
import sqlite3
import statistics
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))
sys.path.insert(0, os.path.join(ROOT, "python"))
import bscload  # noqa: E402  (python/bscload.py)

TARGET, RED = 100.0, 50.0


def score(actual):
    """The goal/red-flag scale, written out: 10/3 at red, 20/3 at target, linear, clamped."""
    return min(10.0, max(0.0, 10 / 3 * (1 + (actual - RED) / (TARGET - RED))))


def month(i):
    """Month number i (0 = 2025-01) as a period."""
    return "%04d-%02d" % (2025 + i // 12, i % 12 + 1)


# monthly actuals by month number; None: no measurement that month
CAUSE = [60, 72, 65, 80, None, 90, 85, 70, 95, 100, 88, None, 110, 104, 97, 120, 115, 108]
EFFECT = [55, 50, 66, 61, 79, 70, 92, None, 84, 70, 98, 101, 90, 99, 118, None, 112, 125]
OTHER = [40, None, 58, 63, 51, 77, 70, 82, 79, 90, None, 95, 99, 91, 104, 111, 108, 117]
# a quarterly KPI: 2025-Q1 .. 2026-Q2
QUARTERLY = [62, 75, 71, 88, 93, 101]
# falling while CAUSE rises: against a positive link
FALLING = [140 - v if v is not None else None for v in CAUSE]
# eight months each, found by search: against STEADY, r just above 0.5 and just below
STEADY = [60, 65, 70, 75, 80, 85, 90, 95]
ABOVE = [111, 63, 62, 76, 82, 110, 112, 109]  # r = 0.50002
BELOW = [58, 81, 84, 57, 59, 73, 72, 119]  # r = 0.49996


class EvidenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.con = sqlite3.connect(":memory:")
        bscload.load(cls.con, BSC_SO)
        with open(os.path.join(ROOT, "sql", "schema.sql")) as f:
            cls.con.executescript(f.read())
        c = cls.con
        c.executemany("INSERT INTO processes(id, title, cluster) VALUES (?, ?, 'operations')",
                      [("p", "P")])
        c.executemany("INSERT INTO objectives(id, title, perspective) VALUES (?, ?, ?)", [
            ("cause", "Cause", "internal"), ("effect", "Effect", "customer"), ("other", "Other", "internal"),
            ("quarterly", "Quarterly", "customer"), ("falling", "Falling", "customer"),
            ("undeclared", "Undeclared", "customer"), ("steady", "Steady", "internal"),
            ("above", "Above", "customer"), ("below", "Below", "customer"),
            ("unmeasured", "Unmeasured", "financial")])
        c.executemany("INSERT INTO links(cause, effect, sign, lag) VALUES (?, ?, ?, ?)", [
            ("cause", "effect", "positive", 2), ("cause", "quarterly", "positive", 0),
            ("cause", "undeclared", "positive", 0),
            ("cause", "falling", "positive", 0), ("p", "cause", "positive", 0), ("p", "other", "positive", 0),
            ("p", "effect", "negative", 1), ("effect", "unmeasured", "positive", 0),
            ("steady", "above", "positive", 0), ("steady", "below", "positive", 0),
            ("above", "steady", "negative", 0)])
        series = {"cause": CAUSE, "effect": EFFECT, "other": OTHER, "falling": FALLING,
                  "steady": STEADY, "above": ABOVE, "below": BELOW}
        c.executemany("INSERT INTO kpis(id, objective, title, target, red, frequency) VALUES (?, ?, ?, ?, ?, ?)",
                      [(k, k, k, TARGET, RED, "month") for k in series] +
                      [("quarterly", "quarterly", "quarterly", TARGET, RED, "quarter")])
        # left at the default frequency (month), measured per quarter
        c.execute("INSERT INTO kpis(id, objective, title, target, red) VALUES ('undeclared', 'undeclared', 'U', ?, ?)",
                  (TARGET, RED))
        c.executemany("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)",
                      [(k, month(i), v) for k, s in series.items() for i, v in enumerate(s) if v is not None])
        c.executemany("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)",
                      [(k, "%04d-Q%d" % (2025 + i // 4, i % 4 + 1), v) for i, v in enumerate(QUARTERLY)
                       for k in ("quarterly", "undeclared")])
        # a month without an actual is no observation either
        c.execute("INSERT INTO measurements(kpi, period, actual, target) VALUES ('effect', ?, NULL, 100)",
                  (month(7),))

    @classmethod
    def tearDownClass(cls):
        cls.con.close()

    def row(self, cause, effect, *args):
        cur = self.con.execute("SELECT pairs, correlation, best_lag, best_correlation, verdict, frequency, lag"
                               " FROM bsc_link_evidence(?, ?) WHERE cause = ? AND effect = ?",
                               (args + (None, None))[:2] + (cause, effect))
        rows = cur.fetchall()
        self.assertEqual(len(rows), 1)
        return rows[0]

    @staticmethod
    def pairs(x, y, lag):
        """(x at t, y at t + lag) for every t both have, as scores."""
        return [(score(x[t]), score(y[t + lag])) for t in x if t + lag in y]

    @staticmethod
    def monthly(values, first=0, last=99):
        return {i: v for i, v in enumerate(values) if v is not None and first <= i <= last}

    def check(self, got, pairs, negative=False):
        n, r, best_lag, best_r, verdict, _, lag = got
        self.assertEqual(n, len(pairs))
        expected = statistics.correlation([a for a, _ in pairs], [b for _, b in pairs])
        self.assertAlmostEqual(r, expected, places=12)
        if n < 8:
            self.assertEqual(verdict, "insufficient data")
        elif abs(expected) < 0.5:
            self.assertEqual(verdict, "weak")
        else:
            self.assertEqual(verdict, "supported" if (expected < 0) == negative else "contradicted")
        return expected

    def best(self, x, y, negative=False):
        """The lag 0..6 with the strongest r of the declared sign over 8 pairs or more."""
        best = None
        for lag in range(7):
            p = self.pairs(x, y, lag)
            if len(p) < 8:
                continue
            r = statistics.correlation([a for a, _ in p], [b for _, b in p])
            if (r < 0 if negative else r > 0) and (best is None or abs(r) > abs(best[1])):
                best = (lag, r)
        return best

    def test_lagged_link_with_missing_months(self):
        got = self.row("cause", "effect")
        x, y = self.monthly(CAUSE), self.monthly(EFFECT)
        self.assertEqual(got[5:], ("month", 2))
        self.check(got, self.pairs(x, y, 2))
        lag, r = self.best(x, y)
        self.assertEqual(got[2], lag)
        self.assertAlmostEqual(got[3], r, places=12)

    def test_a_falling_effect_contradicts(self):
        got = self.row("cause", "falling")
        r = self.check(got, self.pairs(self.monthly(CAUSE), self.monthly(FALLING), 0))
        self.assertLess(r, -0.5)
        self.assertEqual(got[4], "contradicted")
        # no lag gives r of the declared (positive) sign
        self.assertEqual(got[2:4], (None, None))

    def test_a_quarter_counts_once_at_its_last_month(self):
        got = self.row("cause", "quarterly")
        x = self.monthly(CAUSE)
        y = {i * 3 + 2: v for i, v in enumerate(QUARTERLY)}  # 2025-Q1 at 2025-03 (month 2), ...
        self.assertEqual(got[5], "month")
        self.check(got, self.pairs(x, y, 0))
        self.assertEqual(got[0], len([t for t in y if t in x]))  # no month of a quarter filled in

    def test_a_kpi_measured_per_quarter_is_quarterly_whatever_it_declares(self):
        # declared 'month' (the default) but measured per quarter: read as quarterly
        got = self.row("cause", "undeclared")
        y = {i * 3 + 2: v for i, v in enumerate(QUARTERLY)}
        self.assertEqual(got[5], "month")
        self.check(got, self.pairs(self.monthly(CAUSE), y, 0))

    def test_a_process_is_the_mean_of_what_it_causes(self):
        # p causes cause, other and effect directly: its score per month is their mean
        causes = [self.monthly(CAUSE), self.monthly(OTHER), self.monthly(EFFECT)]
        p = {}
        for t in range(len(CAUSE)):
            scores = [score(s[t]) for s in causes if t in s]
            if scores:
                p[t] = statistics.fmean(scores)
        got = self.row("p", "effect")
        y = self.monthly(EFFECT)
        pairs = [(p[t], score(y[t + 1])) for t in p if t + 1 in y]
        self.check(got, pairs, negative=True)

    def test_period_bounds(self):
        # 2025-04 .. 2026-03: months 3 .. 14 of both series
        got = self.row("cause", "effect", "2025-04", "2026-Q1")
        x, y = self.monthly(CAUSE, 3, 14), self.monthly(EFFECT, 3, 14)
        self.check(got, self.pairs(x, y, 2))
        # only a start, or only an end
        got = self.row("cause", "effect", "2025-07", None)
        self.check(got, self.pairs(self.monthly(CAUSE, 6), self.monthly(EFFECT, 6), 2))
        got = self.row("cause", "effect", None, "2025")
        self.check(got, self.pairs(self.monthly(CAUSE, 0, 11), self.monthly(EFFECT, 0, 11), 2))
        # too few months left: insufficient data, r still shown
        got = self.row("cause", "effect", "2026-01", None)
        self.assertEqual(got[4], "insufficient data")
        self.check(got, self.pairs(self.monthly(CAUSE, 12), self.monthly(EFFECT, 12), 2))
        self.assertEqual(got[2:4], (None, None))  # best_lag needs 8 pairs too

    def test_the_verdicts_edge_at_half(self):
        x = self.monthly(STEADY)
        r = self.check(self.row("steady", "above"), self.pairs(x, self.monthly(ABOVE), 0))
        self.assertTrue(0.5 < r < 0.5001, r)
        self.assertEqual(self.row("steady", "above")[4], "supported")
        r = self.check(self.row("steady", "below"), self.pairs(x, self.monthly(BELOW), 0))
        self.assertTrue(0.4999 < r < 0.5, r)
        self.assertEqual(self.row("steady", "below")[4], "weak")
        # the same r against a negative link
        self.check(self.row("above", "steady"), self.pairs(self.monthly(ABOVE), x, 0), negative=True)
        self.assertEqual(self.row("above", "steady")[4], "contradicted")
        # 8 pairs is enough, 7 is not
        self.assertEqual(self.row("steady", "above", "2025-02", None)[4], "insufficient data")

    def test_a_side_without_scores(self):
        self.assertEqual(self.row("effect", "unmeasured"), (0, None, None, None, "insufficient data", None, 0))

    def test_arguments_and_errors(self):
        cur = self.con.execute("SELECT DISTINCT period_from, period_to, schema"
                               " FROM bsc_link_evidence('2025-q2', '2025')")
        self.assertEqual(cur.fetchall(), [("2025-Q2", "2025", "main")])
        for args, msg in [
            (("2025-13", None), "bsc: bsc_link_evidence: period_from '2025-13' is not a period"),
            ((None, "soon"), "bsc: bsc_link_evidence: period_to 'soon' is not a period"),
            (("2026", "2025-06"), "bsc: bsc_link_evidence: period_from '2026' starts after period_to "
                                  "'2025-06' ends"),
        ]:
            with self.assertRaises(sqlite3.OperationalError) as ctx:
                self.con.execute("SELECT * FROM bsc_link_evidence(?, ?)", args).fetchall()
            self.assertIn(msg, str(ctx.exception))
