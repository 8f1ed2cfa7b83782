"""The R and Node recipes of docs/clients.md run as written: each ```r and
```js block, in a folder holding a fresh demo.db, must print what the
```text block right after it shows. They load bsc by its bare name, as
after `make install`; here the dynamic loader finds it through
LD_LIBRARY_PATH, in a folder holding a copy of the bsc.so just built.

`/usr/bin/python3 tests/clients/test_recipes.py --rewrite` (run by `make
docs`) writes the actual outputs into the page's ```text blocks; read the
difference before committing it."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))  # without its suffix
PAGE = os.path.join(ROOT, "docs", "clients.md")
RUNNERS = {"r": ["Rscript", "-"], "js": ["node", "-"]}


BLOCK = re.compile(r"^```(r|js)\n(.*?)^```\n\s*?^```text\n(.*?)^```$", re.M | re.S)


def read_page():
    with open(PAGE, encoding="utf-8") as f:
        return f.read()


def recipes():
    """(language, line, code, expected output) of each ```r and ```js block."""
    text = read_page()
    return [(m.group(1), text.count("\n", 0, m.start()) + 1, m.group(2), m.group(3)) for m in BLOCK.finditer(text)]


class Workspace:
    """A folder with lib/bsc.so, where each recipe runs on a fresh demo.db."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="bsc-recipes-")
        os.mkdir(os.path.join(self.dir, "lib"))
        shutil.copy(SO + ".so", os.path.join(self.dir, "lib", "bsc.so"))
        self.env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(self.dir, "lib"),
                        NODE_PATH=os.path.join(ROOT, "tests", "node", "node_modules"))

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run(self, lang, code):
        db = os.path.join(self.dir, "demo.db")
        if os.path.exists(db):
            os.remove(db)
        subprocess.run(["sqlite3", "-batch", "-bail", db, ".load " + SO] +
                       [".read " + os.path.join(ROOT, "sql", f) for f in ("schema.sql", "demo.sql", "views.sql")],
                       check=True, capture_output=True)
        return subprocess.run(RUNNERS[lang], input=code, capture_output=True, text=True, cwd=self.dir, env=self.env)


class RecipeTest(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace()

    def tearDown(self):
        self.ws.close()

    def test_the_page_has_a_recipe_in_each_language(self):
        self.assertEqual(sorted({lang for lang, *_ in recipes()}), ["js", "r"])

    def test_every_recipe_prints_what_the_page_shows(self):
        for lang, line, code, expected in recipes():
            with self.subTest(recipe="docs/clients.md:%d (```%s)" % (line, lang)):
                res = self.ws.run(lang, code)
                self.assertEqual((res.returncode, res.stderr), (0, ""))
                self.assertEqual([l.rstrip() for l in res.stdout.splitlines()],
                                 [l.rstrip() for l in expected.splitlines()])


def rewrite():
    """Writes each recipe's actual output into its ```text block."""
    ws = Workspace()
    try:
        def actual(m):
            res = ws.run(m.group(1), m.group(2))
            if res.returncode or res.stderr:
                print("```%s recipe fails: %s" % (m.group(1), res.stderr.strip()), file=sys.stderr)
                return m.group(0)
            out = "".join(line.rstrip() + "\n" for line in res.stdout.rstrip().splitlines())
            return m.group(0)[:m.start(3) - m.start(0)] + out + "```"
        text = BLOCK.sub(actual, read_page())
    finally:
        ws.close()
    with open(PAGE, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    if sys.argv[1:] == ["--rewrite"]:
        rewrite()
    else:
        unittest.main()
