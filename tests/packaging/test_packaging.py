"""make install / uninstall into a DESTDIR, the installed copy loaded by the
shell, Python and ODBC, and make dist's tarball building and testing on its
own, with no git."""
import glob
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VERSION = open(os.path.join(ROOT, "VERSION")).read().strip()


def make(*args, cwd=ROOT, env=None):
    # a make of its own, not a sub-make of the `make -j test` that runs this
    env = {k: v for k, v in (env or os.environ).items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "-s", *args], cwd=cwd, capture_output=True, text=True, env=env)


class PackagingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-pkg-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_deps_does_nothing_when_all_is_there(self):
        res = make("deps")
        self.assertEqual((res.returncode, res.stdout, res.stderr), (0, "", ""))

    @unittest.skipIf(os.geteuid() != 0, "needs root to run make as another user")
    def test_deps_prints_the_command_when_not_root(self):
        # a copy of the Makefile that user nobody can read, wherever the
        # checkout is (/root is closed to others)
        os.chmod(self.tmp, 0o755)
        for name in ("Makefile", "VERSION"):
            shutil.copy(os.path.join(ROOT, name), self.tmp)
        res = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              "make", "-s", "-C", self.tmp, "deps", "DEB_PACKAGES=sqlite3 bsc-no-such-package"],
                             capture_output=True, text=True)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("apt-get update && apt-get install -y bsc-no-such-package\n", res.stdout)
        self.assertNotIn("install -y sqlite3", res.stdout)

    def test_install_loads_and_uninstall_removes(self):
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest, "PREFIX=/usr")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        so = os.path.join(dest, "usr/lib/sqlite3/bsc.so")
        self.assertTrue(os.path.isfile(so))
        schema = os.path.join(dest, "usr/share/bsc/schema.sql")
        self.assertTrue(os.path.isfile(schema))
        out = subprocess.run(["sqlite3", ":memory:", ".load " + so[:-3], ".read " + schema,
                              "SELECT bsc_version(), count(*) FROM objectives"],
                             capture_output=True, text=True, cwd=self.tmp)
        self.assertEqual(out.stdout.strip(), VERSION + "|0", out.stderr)
        # the Python helper finds the bsc.so installed with it
        helper = os.path.join(dest, "usr/share/bsc/python/bscload.py")
        self.assertTrue(os.path.isfile(helper))
        out = subprocess.run(["/usr/bin/python3", "-c",
                              "import sqlite3, bscload; con = sqlite3.connect(':memory:'); print(bscload.load(con)); "
                              "print(con.execute('SELECT bsc_version()').fetchone()[0])"],
                             capture_output=True, text=True, cwd=self.tmp,
                             env=dict(os.environ, PYTHONPATH=os.path.dirname(helper)))
        self.assertEqual(out.stdout.splitlines(), [so, VERSION], out.stderr)
        # a BI tool through unixODBC, the installed copy named in LoadExt=
        import pyodbc
        db = os.path.join(self.tmp, "acme.db")
        subprocess.run(["sqlite3", db, ".load " + so[:-3], ".read " + schema,
                        ".read " + os.path.join(dest, "usr/share/bsc/views.sql")], check=True)
        driver = (glob.glob("/usr/lib/*/odbc/libsqlite3odbc.so") + [None])[0]
        self.assertIsNotNone(driver, "libsqliteodbc is not installed (make deps installs it)")
        with pyodbc.connect("Driver=%s;Database=%s;LoadExt=%s" % (driver, db, so), autocommit=True) as con:
            self.assertEqual(tuple(con.cursor().execute("SELECT bsc_version(), count(*) FROM scorecard").fetchone()),
                             (VERSION, 0))
        res = make("uninstall", "DESTDIR=" + dest, "PREFIX=/usr")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        left = [os.path.join(d, f) for d, _, files in os.walk(dest) for f in files]
        self.assertEqual(left, [], "make uninstall left files behind")

    def test_readme_commands_after_installing(self):
        """docs/install.md's commands after `make install`, run as written but
        with the default prefix inside a DESTDIR."""
        with open(os.path.join(ROOT, "docs", "install.md"), encoding="utf-8") as f:
            readme = f.read()
        m = re.search(r"After installing, in an empty\nfolder.*?\n```sh\n(.*?)\n```\n", readme, re.S)
        self.assertIsNotNone(m, "docs/install.md: no ```sh block after 'After installing, in an empty folder'")
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        work = os.path.join(self.tmp, "work")
        os.mkdir(work)
        script = m.group(1).replace("/usr/local/", dest + "/usr/local/")
        res = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, capture_output=True, text=True)
        self.assertEqual((res.returncode, res.stderr), (0, ""), script)
        lines = [line.strip("| ") for line in res.stdout.splitlines()]
        self.assertIn(os.path.join(dest, "usr/local/lib/sqlite3/bsc.so"), lines)
        self.assertIn("29", lines)  # the demo's KPIs, through ODBC
        self.assertTrue(os.path.isfile(os.path.join(work, "acme.db")))

    def test_prefix_is_honoured(self):
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest, "PREFIX=/opt/bsc")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/lib/sqlite3/bsc.so")))
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/share/bsc/schema.sql")))
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/share/bsc/python/bscload.py")))

    @unittest.skipIf(os.environ.get("BSC_IN_DIST"), "already inside a dist tarball's own test run")
    def test_dist_tarball_builds_and_passes_its_tests(self):
        res = make("dist")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        tarball = os.path.join(ROOT, "dist", "bsc-%s.tar.gz" % VERSION)
        with tarfile.open(tarball) as tf:
            names = tf.getnames()
            tf.extractall(self.tmp)
        top = "bsc-%s" % VERSION
        for must in ("Makefile", "VERSION", "COMMIT", "README.md", "sql/schema.sql", "ext/bsc.c", ".ci/run",
                     "python/bscload.py", "docs/demo.svg", "docs/demo.dot"):
            self.assertIn(top + "/" + must, names)
        self.assertIn(top + "/MANIFEST", names)
        src = os.path.join(self.tmp, top)
        env = dict(os.environ, BSC_IN_DIST="1")
        # every suite, as `make test` runs them; BSC_IN_DIST stops this test
        # from recursing
        res = make("test", cwd=src, env=env)
        self.assertEqual(res.returncode, 0, res.stdout[-3000:] + res.stderr[-3000:])
        self.assertRegex(res.stdout, r"\n[1-9][0-9]* passed, 0 failed\s*$")
        # nothing skipped but this very test
        self.assertEqual(re.findall(r"^ +(\S+) .*, ([0-9]+) skipped$", res.stdout, re.M), [("packaging", "1")])
        # the unpacked tarball, with no git, makes the same tarball again
        res = make("dist", cwd=src, env=dict(env, GIT_DIR="/nonexistent"))  # git cannot help here
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        with tarfile.open(os.path.join(src, "dist", "bsc-%s.tar.gz" % VERSION)) as tf:
            self.assertEqual(sorted(tf.getnames()), sorted(names))
        commit = open(os.path.join(src, "COMMIT")).read().strip()
        out = subprocess.run(["sqlite3", ":memory:", ".load ./bsc", "SELECT bsc_debug()"],
                             capture_output=True, text=True, cwd=src)
        self.assertIn("Commit: " + commit, out.stdout)


if __name__ == "__main__":
    unittest.main()
