"""The R and Node recipes of docs/clients.md run as written: each ```r and
```js block, in a folder holding a fresh demo.db, must print what the
```text block right after it shows. They load bsc by its bare name, as
after `make install`; here the dynamic loader finds it through
LD_LIBRARY_PATH, in a folder holding a copy of the bsc.so just built."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))  # without its suffix
PAGE = os.path.join(ROOT, "docs", "clients.md")
RUNNERS = {"r": ["Rscript", "-"], "js": ["node", "-"]}


def recipes():
    """(language, line, code, expected output) of each ```r and ```js block."""
    with open(PAGE, encoding="utf-8") as f:
        text = f.read()
    found = []
    for m in re.finditer(r"^```(r|js)\n(.*?)^```\n\s*?^```text\n(.*?)^```$", text, re.M | re.S):
        found.append((m.group(1), text.count("\n", 0, m.start()) + 1, m.group(2), m.group(3)))
    return found


class RecipeTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-recipes-")
        os.mkdir(os.path.join(self.tmp, "lib"))
        shutil.copy(SO + ".so", os.path.join(self.tmp, "lib", "bsc.so"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def demo(self):
        db = os.path.join(self.tmp, "demo.db")
        if os.path.exists(db):
            os.remove(db)
        subprocess.run(["sqlite3", "-batch", "-bail", db, ".load " + SO] +
                       [".read " + os.path.join(ROOT, "sql", f) for f in ("schema.sql", "demo.sql", "views.sql")],
                       check=True, capture_output=True)

    def test_the_page_has_a_recipe_in_each_language(self):
        self.assertEqual(sorted({lang for lang, *_ in recipes()}), ["js", "r"])

    def test_every_recipe_prints_what_the_page_shows(self):
        env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(self.tmp, "lib"),
                   NODE_PATH=os.path.join(ROOT, "tests", "node", "node_modules"))
        for lang, line, code, expected in recipes():
            with self.subTest(recipe="docs/clients.md:%d (```%s)" % (line, lang)):
                self.demo()
                res = subprocess.run(RUNNERS[lang], input=code, capture_output=True, text=True, cwd=self.tmp, env=env)
                self.assertEqual((res.returncode, res.stderr), (0, ""))
                self.assertEqual([l.rstrip() for l in res.stdout.splitlines()],
                                 [l.rstrip() for l in expected.splitlines()])


if __name__ == "__main__":
    unittest.main()
