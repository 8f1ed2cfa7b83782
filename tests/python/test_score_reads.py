"""The scorecard reads only the periods it scores (scorecard.c, Span): two
range scans of a KPI's measurements and targets rows instead of every row.
The answers must not change. A KPI's rows of every kind of period (days,
weeks that straddle a year, months, quarters, halves, a year) and targets
rows of every kind (year-to-date too), scored at periods of every kind
under both finer_periods settings, give exactly what bsc gave when it read
every row: score_reads.expected was written by the build before the change
(main at 621761b), which read whole years of measurements and every
targets row.
"""
import os
import sqlite3
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "score_reads.expected")

STORED = ["2025-12-30", "2026-W01", "2026-01", "2025-Q4", "2025-W52", "2026-H1", "2025", "2026-01-02",
          "2024-12-31", "2025-W01", "2024-W52", "2026-12", "2026-W53", "2026-12-28", "2027-W01", "2025-06",
          "2025-07-01", "2025-H2", "2025-Q2", "2026-Q4"]
ASKED = STORED + ["2024", "2026", "2027", "2025-Q1", "2025-Q3", "2026-Q1", "2026-Q2", "2026-Q3", "2025-H1",
                  "2026-H2", "YTD:2026-01", "YTD:2026-06", "YTD:2025-12", "YTD:2026-W10", "2026-W02", "2025-W53",
                  "2026-02", "2025-11", "2025-12-29", "2026-01-01", "YTD:2026-12"]
ROW = ("SELECT group_concat(kpi || '|' || coalesce(period, '') || '|' || coalesce(actual, '') || '|' ||"
       " coalesce(target, '') || '|' || coalesce(red, '') || '|' || coalesce(score, '') || '|' ||"
       " coalesce(trend, '') || '|' || coalesce(target_source, '') || '|' || coalesce(red_source, ''), ';')"
       " FROM bsc_scorecard(?)")


def scores():
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(BSC_SO)
    con.executescript("""
        CREATE VIRTUAL TABLE objectives USING bsc_objectives;
        CREATE VIRTUAL TABLE kpis USING bsc_kpis;
        CREATE VIRTUAL TABLE measurements USING bsc_measurements;
        CREATE VIRTUAL TABLE targets USING bsc_targets;
        CREATE VIRTUAL TABLE settings USING bsc_settings;
        INSERT INTO objectives(id, title, perspective) VALUES ('o', 'O', 'financial');
        INSERT INTO kpis(id, objective, title, target, red, aggregation) VALUES
          ('s', 'o', 'S', 100, 50, 'sum'), ('l', 'o', 'L', 100, 50, 'last'), ('a', 'o', 'A', 100, 50, 'average');
    """)
    for k in ("s", "l", "a"):
        for i, p in enumerate(STORED):
            con.execute("INSERT INTO measurements(kpi, period, actual, target) VALUES (?, ?, ?, ?)",
                        (k, p, 2 ** i, None if i % 3 else 60 + i))
    for i, p in enumerate(["2025", "2026-Q1", "2025-H2", "2026-01", "YTD:2026-03", "2026-W01", "2025-12"]):
        con.execute("INSERT INTO targets(kpi, period, target, red) VALUES ('s', ?, ?, ?)", (p, 1000 + i, 10 + i))
    lines = []
    for setting in ("unscored", "latest"):
        con.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('finer_periods', ?)", (setting,))
        con.execute("UPDATE kpis SET frequency = ?", ("quarter" if setting == "latest" else None,))
        for asked in ASKED:
            try:
                got = con.execute(ROW, (asked,)).fetchone()[0]
            except sqlite3.Error as e:  # 2025 has no week 53: the refusal is part of the answer
                got = str(e)
            lines.append("%s %s %s\n" % (setting, asked, got))
    con.close()
    return lines


class TestScoreReads(unittest.TestCase):
    def test_same_scores_as_reading_every_row(self):
        with open(EXPECTED, encoding="utf-8") as f:
            expected = f.readlines()
        got = scores()
        self.assertEqual(len(got), 2 * len(ASKED))
        for want, have in zip(expected, got):
            self.assertEqual(have, want)


if __name__ == "__main__":
    unittest.main()
