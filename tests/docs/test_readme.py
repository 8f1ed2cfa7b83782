"""The manual cannot rot: every example in README.md and in every docs/*.md
page runs through the real client.

How a page's fenced blocks are read:
  ```sql          runs in the sqlite3 shell, in a folder laid out like the
                  repository root after `make demo` (bsc.so, sql/, docs/,
                  python/ and a fresh demo.db made from sql/schema.sql,
                  sql/demo.sql and sql/views.sql), as
                      sqlite3 -batch -cmd '.load ./bsc' -cmd '.mode box' demo.db
                  with the block on standard input. It must print nothing on
                  standard error and exit with 0.
  ```sql new      the same in an empty database, acme.db, instead of demo.db.
  ```sql error    must fail: the shell prints an error. The ```text block that
                  must follow holds all it prints, errors included, in order.
  ```python       runs with Debian's /usr/bin/python3 in the same kind of
                  folder, with PYTHONPATH=python; no error, exit code 0.
  ```python pandas  the same, using pandas (make test-deps installs python3-pandas).
A ```text block that follows one of these at once (blank lines between at
most) is what it must print; lines are compared without trailing blanks.
Other blocks (```sh, ```ini, ```text alone) are not run here, except the
ODBC configuration, which OdbcSectionTest checks through unixODBC (and the
commands after installing, which tests/packaging runs). Every function,
table module and view that bsc and sql/views.sql make, and every report of
sql/reports, must appear in an SQL example of some page (the columns are
held by test_reference.py). Every relative link of a page (and of
CONTRIBUTING.md) must lead to a file that exists, and to a heading of it.

`/usr/bin/python3 tests/docs/test_readme.py --rewrite` (run by `make docs`)
writes the actual outputs into the pages' ```text blocks; read the
difference before committing it.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
README = os.path.join(ROOT, "README.md")


def pages():
    """The pages whose examples run: README.md, then docs/*.md by name."""
    return [README] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))


def name(path):
    return os.path.relpath(path, ROOT)
PY = "/usr/bin/python3"
SHELL = ["sqlite3", "-batch", "-cmd", ".load ./bsc", "-cmd", ".mode box"]
FENCE = re.compile(r"^```(\S*)[ \t]*(.*?)[ \t]*$")
RUN = {"sql", "python"}


class Block:
    def __init__(self, page, start, end, lang, flags, body):
        self.page = page  # the page's path relative to the root
        self.start, self.end = start, end  # line numbers of the fences, 0-based
        self.lang, self.flags, self.body = lang, flags, body
        self.output = None  # the ```text block that follows at once

    def __repr__(self):
        return "%s:%d (```%s %s)" % (self.page, self.start + 1, self.lang, " ".join(sorted(self.flags)))


def parse(lines, page="README.md"):
    """Every fenced block of a page, each runnable one with its output block."""
    blocks, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        if j == len(lines):
            raise ValueError("%s:%d: the block is not closed" % (page, i + 1))
        blocks.append(Block(page, i, j, m.group(1), set(m.group(2).split()), "".join(lines[i + 1:j])))
        i = j + 1
    for a, b in zip(blocks, blocks[1:]):
        if a.lang in RUN and b.lang == "text" and all(not l.strip() for l in lines[a.end + 1:b.start]):
            a.output = b
    return blocks


def read_page(path):
    with open(path, encoding="utf-8") as f:
        return f.readlines()


def all_blocks():
    """The blocks of every page, in order."""
    return [b for path in pages() for b in parse(read_page(path), name(path))]


def tidy(text):
    """Output as compared: trailing blanks of lines and of the whole left out."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def have_pandas():
    return subprocess.run([PY, "-c", "import pandas"], capture_output=True).returncode == 0


class Workspace:
    """Folders laid out like the repository root after `make demo`."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-readme-")
        self.demo = os.path.join(self.tmp, "demo.db")
        res = subprocess.run(["sqlite3", "-batch", "-bail", self.demo, ".load " + os.path.join(ROOT, "bsc"),
                              ".read sql/schema.sql", ".read sql/demo.sql", ".read sql/views.sql"],
                             cwd=ROOT, capture_output=True, text=True)
        if res.returncode != 0 or res.stderr:
            raise RuntimeError("cannot build the demo map: " + res.stderr)
        self.n = 0

    def fresh(self):
        self.n += 1
        d = os.path.join(self.tmp, "w%d" % self.n)
        os.mkdir(d)
        for name in ("bsc.so", "sql", "docs", "python"):
            os.symlink(os.path.join(ROOT, name), os.path.join(d, name))
        shutil.copyfile(self.demo, os.path.join(d, "demo.db"))
        return d

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def run(block, ws):
    """(stdout, stderr, exit code) of a block; for ```sql error the output is
    stdout and stderr as the shell wrote them, in order."""
    d = ws.fresh()
    if block.lang == "sql":
        db = "acme.db" if "new" in block.flags else "demo.db"
        if "error" in block.flags:
            # once with both streams in one pipe, unbuffered so they stay in order
            both = subprocess.run(["stdbuf", "-o0", "-e0"] + SHELL + [db], input=block.body, cwd=d,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            shutil.copyfile(ws.demo, os.path.join(d, "demo.db"))
            if os.path.exists(os.path.join(d, "acme.db")):
                os.remove(os.path.join(d, "acme.db"))
            apart = subprocess.run(SHELL + [db], input=block.body, cwd=d, capture_output=True, text=True)
            return both.stdout, apart.stderr, apart.returncode
        res = subprocess.run(SHELL + [db], input=block.body, cwd=d, capture_output=True, text=True)
        return res.stdout, res.stderr, res.returncode
    env = dict(os.environ, PYTHONPATH=os.path.join(d, "python"))
    res = subprocess.run([PY, "-"], input=block.body, cwd=d, capture_output=True, text=True, env=env)
    return res.stdout, res.stderr, res.returncode


class ReadmeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.lines = {name(p): read_page(p) for p in pages()}
        cls.blocks = all_blocks()
        cls.ws = Workspace()

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def runnable(self):
        return [b for b in self.blocks if b.lang in RUN]

    def test_the_pages_have_examples_of_every_kind(self):
        kinds = {(b.lang, frozenset(b.flags)) for b in self.runnable()}
        for kind in [("sql", frozenset()), ("sql", frozenset({"new"})), ("sql", frozenset({"error"})),
                     ("python", frozenset()), ("python", frozenset({"pandas"}))]:
            self.assertIn(kind, kinds)
        self.assertGreater(len([b for b in self.runnable() if b.output]), 20)

    def test_the_readme_is_a_front_page_and_maps_every_page(self):
        self.assertLessEqual(len(self.lines["README.md"]), 250, "README.md is the front page: move the manual to docs/")
        index = "".join(self.lines["docs/README.md"])
        front = "".join(self.lines["README.md"])
        for page in self.lines:
            if page.startswith("docs/") and page != "docs/README.md":
                with self.subTest(page=page):
                    self.assertIn("](%s)" % page[len("docs/"):], index, "docs/README.md does not list %s" % page)
                    self.assertIn("](%s)" % page, front, "README.md's map of the manual does not list %s" % page)

    def test_every_page_is_found(self):
        for page in ("README.md", "docs/README.md", "docs/data-model.md", "docs/reference.md"):
            self.assertIn(page, self.lines)
        self.assertEqual(len([b for b in self.blocks if b.page == "README.md" and b.output]), 3,
                         "the front page shows the scorecard, a chain and the cluster gaps")

    def test_flags_are_known(self):
        known = {"sql": {"new", "error"}, "python": {"pandas"}}
        for b in self.runnable():
            self.assertLessEqual(b.flags, known[b.lang], b)
            if "error" in b.flags:
                self.assertIsNotNone(b.output, "%r shows an error: a ```text block must follow" % b)

    def test_every_sql_example_runs(self):
        for b in self.runnable():
            if b.lang != "sql":
                continue
            with self.subTest(block=b):
                out, err, rc = run(b, self.ws)
                if "error" in b.flags:
                    self.assertTrue(err.strip(), "%r should fail, but the shell printed no error" % b)
                    self.assertEqual(tidy(out), tidy(b.output.body))
                else:
                    self.assertEqual(err, "", b)
                    self.assertEqual(rc, 0, b)
                    if b.output:
                        self.assertEqual(tidy(out), tidy(b.output.body))

    def test_every_python_example_runs(self):
        for b in self.runnable():
            if b.lang != "python":
                continue
            with self.subTest(block=b):
                out, err, rc = run(b, self.ws)
                self.assertEqual((rc, err), (0, ""), b)
                if b.output:
                    self.assertEqual(tidy(out), tidy(b.output.body))

    def test_every_function_view_and_column_is_documented(self):
        def ask(sql):
            res = subprocess.run(["sqlite3", "-batch", self.ws.demo, ".load " + os.path.join(ROOT, "bsc"), sql],
                                 capture_output=True, text=True, check=True)
            return [line.split("|") for line in res.stdout.splitlines()]
        sql = "\n".join(b.body for b in self.runnable() if b.lang == "sql")
        names = ask("SELECT name FROM pragma_function_list WHERE name LIKE 'bsc%' "
                    "UNION SELECT name FROM pragma_module_list WHERE name LIKE 'bsc%' "
                    "UNION SELECT name FROM sqlite_master WHERE type = 'view'")
        self.assertGreater(len(names), 25)
        for (name,) in names:
            self.assertRegex(sql, r"\b%s\b" % name, "no SQL example uses %s" % name)

    def test_every_report_runs_in_an_example(self):
        sql = "\n".join(b.body for b in self.runnable() if b.lang == "sql" and b.output)
        reports = sorted(glob.glob(os.path.join(ROOT, "sql", "reports", "*.sql")))
        self.assertGreater(len(reports), 0)
        for path in reports:
            self.assertIn(".read sql/reports/%s\n" % os.path.basename(path), sql, "no example shows it")

    def test_every_fence_starts_a_line(self):
        # an indented block (in a list item, say) would not be run
        for page, lines in self.lines.items():
            indented = [n + 1 for n, line in enumerate(lines) if re.match(r"^\s+```", line)]
            self.assertEqual(indented, [], "%s: lines with an indented ``` fence" % page)

    def test_every_link_leads_somewhere(self):
        for path in pages() + [os.path.join(ROOT, "CONTRIBUTING.md")]:
            with self.subTest(page=name(path)):
                for target in links(path):
                    self.assertTrue(resolves(path, target), "%s links to %s, which is not there"
                                    % (name(path), target))

    def test_errors_start_with_bsc(self):
        for b in self.runnable():
            if "error" in b.flags:
                with self.subTest(block=b):
                    self.assertIn("bsc: ", b.output.body)


LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading):
    """GitHub's anchor of a heading: lower case, no punctuation but - and _,
    spaces as -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def links(path):
    """The relative links of a page, outside its code blocks and code spans."""
    text = "".join(l for b, l in zip(in_code(read_page(path)), read_page(path)) if not b)
    text = re.sub(r"`[^`]*`", "", text)
    return [t for t in LINK.findall(text) if not re.match(r"^[a-z]+:", t)]


def in_code(lines):
    """For each line, whether it lies in a fenced block (fences included)."""
    inside, out = False, []
    for line in lines:
        fence = line.startswith("```")
        out.append(inside or fence)
        if fence:
            inside = not inside
    return out


def anchors(path):
    lines = read_page(path)
    return {slug(l.lstrip("#")) for l, c in zip(lines, in_code(lines)) if not c and l.startswith("#")}


def resolves(page, target):
    file, _, anchor = target.partition("#")
    path = os.path.normpath(os.path.join(os.path.dirname(page), file)) if file else page
    if not os.path.exists(path):
        return False
    return not anchor or (path.endswith(".md") and anchor in anchors(path))


def driver():
    found = glob.glob("/usr/lib/*/odbc/libsqlite3odbc.so") + glob.glob("/usr/lib/odbc/libsqlite3odbc.so")
    return found[0] if found else None


class OdbcSectionTest(unittest.TestCase):
    """The manual's odbcinst.ini and odbc.ini lines, and its DSN-less connection
    string, work as written with unixODBC and Debian's driver, once the
    example's paths are replaced by this machine's."""

    @classmethod
    def setUpClass(cls):
        if not driver() or not shutil.which("isql"):
            raise RuntimeError("unixODBC or libsqliteodbc is not installed: run make deps (make test does)")
        blocks = all_blocks()
        ini = [b for b in blocks if b.lang == "ini"]
        cls.odbcinst = [b.body for b in ini if "[SQLite3]" in b.body]
        cls.odbc = [b.body for b in ini if "LoadExt=" in b.body]
        cls.dsnless = [b.body.strip() for b in blocks if b.lang == "text" and b.body.startswith("Driver=")]
        cls.ws = Workspace()
        cls.dir = cls.ws.fresh()

    @classmethod
    def tearDownClass(cls):
        cls.ws.close()

    def local(self, text):
        text = re.sub(r"Database=[^;\s`]+", "Database=" + os.path.join(self.dir, "demo.db"), text)
        return re.sub(r"LoadExt=[^;\s`]+", "LoadExt=" + os.path.join(ROOT, "bsc.so"), text)

    def test_dsn_from_the_readme_reads_the_map(self):
        self.assertEqual(len(self.odbcinst), 1)
        self.assertEqual(len(self.odbc), 1)
        with open(os.path.join(self.dir, "odbcinst.ini"), "w") as f:
            f.write(self.odbcinst[0])
        with open(os.path.join(self.dir, "odbc.ini"), "w") as f:
            f.write(self.local(self.odbc[0]))
        dsn = re.search(r"^\[([^\]]+)\]", self.odbc[0], re.M).group(1)
        env = dict(os.environ, ODBCSYSINI=self.dir, ODBCINI=os.path.join(self.dir, "odbc.ini"))
        res = subprocess.run(["isql", "-v", "-b", "-d|", dsn], input="SELECT count(*) FROM scorecard\n",
                             capture_output=True, text=True, env=env)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertIn("29", [line.strip() for line in res.stdout.splitlines()])

    def test_dsnless_string_from_the_readme_reads_the_map(self):
        import pyodbc
        self.assertEqual(len(self.dsnless), 1, self.dsnless)
        self.assertRegex(self.dsnless[0], r"^Driver=SQLite3;Database=[^;\s]+;LoadExt=[^;\s]+$")
        with pyodbc.connect(self.local(self.dsnless[0]), autocommit=True) as con:
            rows = con.cursor().execute("SELECT kpi, status FROM bsc_scorecard(?)", "2026-Q3").fetchall()
        self.assertEqual(len(rows), 29)
        self.assertLessEqual({r.status for r in rows}, {"red", "amber", "green", "none"})


def rewrite():
    """Writes the actual outputs into every page's ```text blocks."""
    ws = Workspace()
    pandas = have_pandas()
    try:
        for path in pages():
            lines = read_page(path)
            for b in reversed(parse(lines, name(path))):
                if b.lang not in RUN or not b.output or ("pandas" in b.flags and not pandas):
                    continue
                out, err, rc = run(b, ws)
                if "error" not in b.flags and (err or rc):
                    print("%r fails: %s" % (b, err.strip()), file=sys.stderr)
                    continue
                body = [line.rstrip() + "\n" for line in out.rstrip().splitlines()]
                lines[b.output.start + 1:b.output.end] = body
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(lines)
    finally:
        ws.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["--rewrite"]:
        rewrite()
    else:
        unittest.main()
