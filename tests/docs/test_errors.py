"""docs/errors.md's table of refusals is a test: every statement in it, run on
a fresh demo map (sql/schema.sql, sql/demo.sql, sql/views.sql, as `make demo`
makes it), must fail with exactly the error the table shows, and write
nothing (every shadow table and the schema are compared before and after).
The table covers every map table and every function of bsc, with at least 80
statements, so that the page and the messages cannot drift apart."""
import os
import re
import sqlite3
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGE = os.path.join(ROOT, "docs", "errors.md")
BSC = os.path.join(ROOT, "bsc")
ROW = re.compile(r"^\| `(.+)` \| `(.+)` \|$")


def table():
    """(statement, error) of each row under the page's table heading."""
    rows, inside = [], False
    with open(PAGE, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                inside = line == "## Every refusal, by example"
                continue
            m = ROW.match(line) if inside else None
            if m:
                rows.append((m.group(1), m.group(2)))
    return rows


def demo_map():
    con = sqlite3.connect(":memory:")
    con.enable_load_extension(True)
    con.load_extension(BSC)
    con.enable_load_extension(False)
    con.isolation_level = None  # each statement is its own, as in the shell
    for name in ("schema.sql", "demo.sql", "views.sql"):
        with open(os.path.join(ROOT, "sql", name), encoding="utf-8") as f:
            con.executescript(f.read())
    return con


def dump(con):
    """Every shadow table's rows and the schema: what 'nothing written' compares."""
    out = list(con.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name"))
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' AND"
                               " (name LIKE '%\\_data' ESCAPE '\\' OR name LIKE '%\\_config' ESCAPE '\\')"
                               " ORDER BY name").fetchall():
        out.append((name, list(con.execute('SELECT * FROM "%s" ORDER BY 1' % name.replace('"', '""')))))
    return out


class ErrorsPageTest(unittest.TestCase):
    def test_every_refusal_says_what_the_page_says_and_writes_nothing(self):
        rows = table()
        self.assertGreaterEqual(len(rows), 80, "docs/errors.md's table of refusals has too few rows")
        con = demo_map()
        before = dump(con)
        for sql, error in rows:
            with self.subTest(sql=sql):
                with self.assertRaises(sqlite3.Error) as cm:
                    con.execute(sql).fetchall()
                self.assertEqual(str(cm.exception), error)
                self.assertTrue(con.in_transaction is False)
                self.assertEqual(dump(con), before, "the refused statement wrote something")

    def test_the_table_covers_every_table_and_function(self):
        text = " ".join(sql for sql, _ in table())
        con = demo_map()
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
        names += [n for (n,) in con.execute("SELECT DISTINCT name FROM pragma_function_list WHERE name LIKE 'bsc%'"
                                            " UNION SELECT name FROM pragma_module_list WHERE name LIKE 'bsc%'")]
        # the map tables' modules are covered by their tables; these functions take
        # nothing a caller could get wrong (bsc_status and bsc_progress answer NULL)
        exempt = {"bsc_version", "bsc_debug", "bsc_catalog", "bsc_status", "bsc_progress"}
        exempt |= {m.group(1) for (sql,) in con.execute("SELECT sql FROM sqlite_schema WHERE sql LIKE"
                                                        " 'CREATE VIRTUAL TABLE%'")
                   for m in [re.search(r"USING\s+(\w+)", sql)] if m}
        missing = sorted(n for n in names if n not in exempt and not re.search(r"\b%s\b" % n, text))
        self.assertEqual(missing, [], "docs/errors.md's table of refusals has no statement for these")


if __name__ == "__main__":
    unittest.main()
