"""docs/reference.md cannot drift: it lists every table, column, function,
argument and view that bsc and sql/views.sql make, with their declared
types, and nothing else. What a database with bsc loaded reports is the
truth:
  - pragma_function_list: the scalar functions, and how many arguments each
    takes (a call `f(a, b [, c])` in the entry says 2 or 3);
  - pragma_module_list and pragma_table_xinfo: the table-valued functions
    (eponymous modules), their columns and types in order, and their
    arguments (hidden columns), which the entry's call names in order;
  - the map-table modules (the others), each created as its entry's
    `CREATE VIRTUAL TABLE name USING module` says, and pragma_table_xinfo
    of it: columns, types, and `not null` in the notes exactly where the
    column is declared NOT NULL;
  - the views of sql/views.sql and their columns.
The page says how an entry is written."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAGE = os.path.join(ROOT, "docs", "reference.md")
KINDS = {"Tables": "table", "Table-valued functions": "tvf", "Scalar functions": "scalar", "Views": "view"}
ROW = re.compile(r"^\|\s*`(\w+)`\s*\|\s*([^|]*?)\s*\|\s*(.*?)\s*\|\s*$")


class Entry:
    def __init__(self, kind, name, line):
        self.kind, self.name, self.line = kind, name, line
        self.text = []

    def body(self):
        return "".join(self.text)

    def columns(self):
        """(name, type, notes) of each row of its table of columns."""
        return [m.groups() for m in map(ROW.match, self.text) if m]

    def call(self):
        """(arguments in order, how many are required) of its call, or None."""
        m = re.search(r"`%s\(([^`]*)\)`" % re.escape(self.name), self.body())
        if not m:
            return None
        inside = m.group(1)
        names = re.findall(r"\w+", inside)
        head = inside.split("[", 1)[0]
        return names, len(re.findall(r"\w+", head))

    def __repr__(self):
        return "docs/reference.md:%d (%s %s)" % (self.line, self.kind, self.name)


def parse():
    """The entries of the page: each ### heading under a ## heading of KINDS."""
    entries, kind, fenced = [], None, False
    with open(PAGE, encoding="utf-8") as f:
        lines = f.readlines()
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            if entries and kind:
                entries[-1].text.append(line)
            continue
        if line.startswith("## "):
            kind = KINDS.get(line[3:].strip())
        elif line.startswith("### ") and kind:
            entries.append(Entry(kind, line[4:].strip(), n))
        elif entries and kind:
            entries[-1].text.append(line)
    return entries


class ReferenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.entries = parse()
        cls.tmp = tempfile.mkdtemp(prefix="bsc-reference-")
        cls.db = os.path.join(cls.tmp, "ref.db")
        # the views need a map; every table is then created as its entry says
        cls.sql(".read sql/schema.sql", ".read sql/views.sql")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def sql(cls, *commands):
        res = subprocess.run(["sqlite3", "-batch", "-bail", "-separator", "|", cls.db,
                              ".load " + os.path.join(ROOT, "bsc")] + list(commands),
                             cwd=ROOT, capture_output=True, text=True)
        if res.returncode != 0 or res.stderr:
            raise AssertionError("%s: %s" % (commands, res.stderr))
        return [line.split("|") for line in res.stdout.splitlines()]

    def of(self, kind):
        return {e.name: e for e in self.entries if e.kind == kind}

    def test_the_page_has_entries_of_every_kind_once(self):
        for kind in KINDS.values():
            self.assertTrue(self.of(kind), "no %s entry" % kind)
        names = [(e.kind, e.name) for e in self.entries]
        self.assertEqual(len(names), len(set(names)), "an entry is there twice")

    def xinfo(self, name):
        return [(n, t, int(h)) for n, t, h in
                self.sql("SELECT name, type, hidden FROM pragma_table_xinfo('%s')" % name)]

    def modules(self):
        """(table-valued functions, map-table modules) that bsc registers."""
        names = [n for (n,) in self.sql("SELECT name FROM pragma_module_list WHERE name LIKE 'bsc%'")]
        tvf = {n for n in names if self.xinfo(n)}
        return tvf, set(names) - tvf

    def test_scalar_functions_and_their_arguments(self):
        found = {}
        for name, narg in self.sql("SELECT name, narg FROM pragma_function_list WHERE name LIKE 'bsc%'"):
            found.setdefault(name, set()).add(int(narg))
        entries = self.of("scalar")
        self.assertEqual(sorted(entries), sorted(found), "scalar functions: the page against pragma_function_list")
        for name, e in entries.items():
            with self.subTest(function=name):
                call = e.call()
                self.assertIsNotNone(call, "%r: no `%s(...)` call" % (e, name))
                args, required = call
                self.assertEqual(set(range(required, len(args) + 1)), found[name],
                                 "%r: `%s(%s)` against the argument counts bsc registers" % (e, name, ", ".join(args)))

    def test_table_valued_functions_columns_and_arguments(self):
        tvf, _ = self.modules()
        entries = self.of("tvf")
        self.assertEqual(sorted(entries), sorted(tvf), "table-valued functions: the page against pragma_module_list")
        for name, e in entries.items():
            with self.subTest(function=name):
                cols = self.xinfo(name)
                self.assertEqual([(c, t) for c, t, _ in e.columns()], [(c, t) for c, t, _ in cols],
                                 "%r: columns and types against pragma_table_xinfo" % e)
                hidden = [c for c, _, h in cols if h]
                self.assertEqual([c for c, _, notes in e.columns() if notes.startswith("argument")], hidden,
                                 "%r: the rows whose notes start with `argument` are the hidden columns" % e)
                call = e.call()
                self.assertIsNotNone(call, "%r: no `%s(...)` call" % (e, name))
                self.assertEqual(call[0], hidden, "%r: the call's arguments are the hidden columns" % e)

    def test_tables_and_their_columns(self):
        _, maps = self.modules()
        entries = self.of("table")
        made = {}
        for name, e in entries.items():
            m = re.search(r"`CREATE VIRTUAL TABLE (\w+) USING (\w+)`", e.body())
            self.assertIsNotNone(m, "%r: no `CREATE VIRTUAL TABLE %s USING module`" % (e, name))
            self.assertEqual(m.group(1), name, e)
            made[m.group(2)] = name
        self.assertEqual(sorted(made), sorted(maps), "map tables: the page's modules against pragma_module_list")
        have = {n for (n,) in self.sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for module, name in made.items():
            if name not in have:
                self.sql("CREATE VIRTUAL TABLE %s USING %s" % (name, module))
        for name, e in entries.items():
            with self.subTest(table=name):
                cols = [(n, t, int(nn)) for n, t, nn in
                        self.sql("SELECT name, type, \"notnull\" FROM pragma_table_xinfo('%s')" % name)]
                self.assertEqual([(c, t) for c, t, _ in e.columns()], [(c, t) for c, t, _ in cols],
                                 "%r: columns and types against pragma_table_xinfo" % e)
                for (c, _, notes), (_, _, notnull) in zip(e.columns(), cols):
                    self.assertEqual("not null" in notes, bool(notnull),
                                     "%r: %s is%s declared NOT NULL" % (e, c, "" if notnull else " not"))

    def test_views_and_their_columns(self):
        views = [n for (n,) in self.sql("SELECT name FROM sqlite_master WHERE type = 'view'")]
        entries = self.of("view")
        self.assertEqual(sorted(entries), sorted(views), "views: the page against sql/views.sql")
        for name, e in entries.items():
            with self.subTest(view=name):
                cols = self.sql("SELECT name, type FROM pragma_table_info('%s')" % name)
                self.assertEqual([(c, t) for c, t, _ in e.columns()], [tuple(c) for c in cols],
                                 "%r: columns and types against pragma_table_info" % e)

    def test_the_overview_names_every_function(self):
        """The table under ## Functions names every function, scalar or table-valued."""
        with open(PAGE, encoding="utf-8") as f:
            text = f.read()
        overview = text.split("\n## Functions\n", 1)[1].split("\n## ", 1)[0]
        named = set(re.findall(r"^\| `(\w+)", overview, re.M))
        self.assertEqual(sorted(named), sorted(set(self.of("scalar")) | set(self.of("tvf"))))


if __name__ == "__main__":
    unittest.main()
