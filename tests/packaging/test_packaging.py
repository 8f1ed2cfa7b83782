"""make install / uninstall into a DESTDIR, and for real in a mount namespace
of its own, the installed copy loaded by the shell, Python and ODBC, by its
path and by its bare name, and make dist's tarball building and testing on its
own, with no git."""
import glob
import os
import re
import shutil
import subprocess
import sysconfig
import tarfile
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VERSION = open(os.path.join(ROOT, "VERSION")).read().strip()
# Debian's multiarch triplet (x86_64-linux-gnu), the library folder's last part
MULTIARCH = sysconfig.get_config_var("MULTIARCH")


def loader_dirs():
    """The folders the dynamic loader searches for a library opened by its
    bare name, without a trailing slash (glibc's ld.so lists them)."""
    out = subprocess.run(["ld.so", "--list-diagnostics"], capture_output=True, text=True, check=True).stdout
    return [d.rstrip("/") for d in re.findall(r'^path\.system_dirs\[0x[0-9a-f]+\]="([^"]*)"$', out, re.M)]


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
        for target in ("deps", "test-deps"):
            res = make(target)
            self.assertEqual((res.returncode, res.stdout, res.stderr), (0, "", ""), target)

    def test_deps_prints_the_command_when_not_root(self):
        # a copy of the Makefile that user nobody can read, wherever the
        # checkout is (/root is closed to others); run as nobody when this
        # runs as root, else as whoever runs it
        os.chmod(self.tmp, 0o755)
        for name in ("Makefile", "VERSION"):
            shutil.copy(os.path.join(ROOT, name), self.tmp)
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        res = subprocess.run(user + ["make", "-s", "-C", self.tmp, "deps", "DEB_PACKAGES=sqlite3 bsc-no-such-package"],
                             capture_output=True, text=True)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn("apt-get update && apt-get install -y bsc-no-such-package\n", res.stdout)
        self.assertNotIn("install -y sqlite3", res.stdout)

    def test_install_loads_and_uninstall_removes(self):
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest, "PREFIX=/usr")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        libdir = "/usr/lib/" + MULTIARCH
        so = os.path.join(dest + libdir, "bsc.so")
        self.assertTrue(os.path.isfile(so))
        # the folder is one the dynamic loader searches for a library that a
        # program opens by its bare name, as sqlite3_load_extension('bsc') does
        self.assertIn(libdir, loader_dirs())
        schema = os.path.join(dest, "usr/share/bsc/schema.sql")
        self.assertTrue(os.path.isfile(schema))
        out = subprocess.run(["sqlite3", ":memory:", ".load " + so[:-3], ".read " + schema,
                              "SELECT bsc_version(), count(*) FROM objectives"],
                             capture_output=True, text=True, cwd=self.tmp)
        self.assertEqual(out.stdout.strip(), VERSION + "|0", out.stderr)
        # by its bare name from another folder, once the loader looks in
        # that folder (here through LD_LIBRARY_PATH, as the real folder is
        # not this test's to write)
        by_name = dict(os.environ, LD_LIBRARY_PATH=dest + libdir)
        out = subprocess.run(["sqlite3", ":memory:", ".load bsc", "SELECT bsc_version()"],
                             capture_output=True, text=True, cwd=self.tmp, env=by_name)
        self.assertEqual((out.stdout.strip(), out.stderr), (VERSION, ""))
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

    def test_make_install_then_load_by_name_from_anywhere(self):
        """`make install` as a newcomer runs it (as root, the default PREFIX,
        no DESTDIR), then, in another folder, bsc loaded by its bare name: the
        shell's `.load bsc`, Python's load_extension('bsc'), bscload.load(con)
        and ODBC's LoadExt=bsc; then `make uninstall`. In a mount namespace of
        its own, where /usr is an overlay whose writes go to a folder of this
        test: the machine's /usr is never written, and the other test runs on
        the machine see nothing. Where no private mount namespace can be made
        (not root; a chroot, whose / is no mount point; a container without
        CAP_SYS_ADMIN), there is nothing more to do than the test above, which
        checks the same layout in a DESTDIR and loads bsc by name from it."""
        if subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                          capture_output=True).returncode != 0:
            return
        upper, work, elsewhere = (os.path.join(self.tmp, d) for d in ("upper", "work", "elsewhere"))
        for d in (upper, work, elsewhere):
            os.mkdir(d)
        script = r"""
set -eu
mount -t overlay overlay -o lowerdir=/usr,upperdir="$UPPER",workdir="$WORK" /usr
make -s -C "$ROOT" install
cd "$ELSEWHERE"
sqlite3 :memory: '.load bsc' 'SELECT bsc_version()'
/usr/bin/python3 -c "import sqlite3; c = sqlite3.connect(':memory:'); c.enable_load_extension(True); c.load_extension('bsc'); print(c.execute('SELECT bsc_version()').fetchone()[0])"
PYTHONPATH=/usr/share/bsc/python /usr/bin/python3 -c 'import bscload, sqlite3; print(bscload.load(sqlite3.connect(":memory:")))'
sqlite3 demo.db '.load bsc' '.read /usr/share/bsc/schema.sql' '.read /usr/share/bsc/demo.sql' '.read /usr/share/bsc/views.sql'
echo 'SELECT count(*) FROM scorecard' | isql -b -d, -k "Driver=$DRIVER;Database=$PWD/demo.db;LoadExt=bsc"
make -s -C "$ROOT" uninstall
if sqlite3 :memory: '.load bsc' 2>&1; then echo "still there"; fi
"""
        driver = (glob.glob("/usr/lib/*/odbc/libsqlite3odbc.so") + [None])[0]
        self.assertIsNotNone(driver, "libsqliteodbc is not installed (make deps installs it)")
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        env.update(ROOT=ROOT, UPPER=upper, WORK=work, ELSEWHERE=elsewhere, DRIVER=driver)
        res = subprocess.run(["unshare", "--mount", "--propagation", "private", "bash", "-c", script],
                             capture_output=True, text=True, env=env)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        so = "/usr/lib/%s/bsc.so" % MULTIARCH
        self.assertEqual(res.stdout.splitlines(),
                         [VERSION, VERSION, so, "29", "Error: bsc.so: cannot open shared object file: No such file or directory"],
                         res.stderr)
        # what make install wrote, make uninstall took away, and it took away
        # nothing else (that would be a whiteout file here)
        left = [os.path.join(d, f) for d, _, files in os.walk(upper) for f in files]
        self.assertEqual(left, [])


    def test_readme_commands_after_installing(self):
        """docs/install.md's commands after `make install`, run as written but
        with the default prefix inside a DESTDIR."""
        with open(os.path.join(ROOT, "docs", "install.md"), encoding="utf-8") as f:
            readme = f.read()
        m = re.search(r"After installing, in an empty\s+folder.*?\n```sh\n(.*?)\n```\n", readme, re.S)
        self.assertIsNotNone(m, "docs/install.md: no ```sh block after 'After installing, in an empty folder'")
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest)
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        work = os.path.join(self.tmp, "work")
        os.mkdir(work)
        # the SQL files by their paths in the DESTDIR; bsc by its name, which
        # the loader finds in the DESTDIR's library folder through
        # LD_LIBRARY_PATH (the machine's own is not this test's to write)
        script = m.group(1).replace("/usr/share/", dest + "/usr/share/")
        libdir = os.path.join(dest, "usr/lib", MULTIARCH)
        res = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, capture_output=True, text=True,
                             env=dict(os.environ, LD_LIBRARY_PATH=libdir))
        self.assertEqual((res.returncode, res.stderr), (0, ""), script)
        lines = [line.strip("| ") for line in res.stdout.splitlines()]
        self.assertIn(os.path.join(libdir, "bsc.so"), lines)
        self.assertIn("29", lines)  # the demo's KPIs, through ODBC
        self.assertTrue(os.path.isfile(os.path.join(work, "acme.db")))

    def test_prefix_is_honoured(self):
        dest = os.path.join(self.tmp, "root")
        res = make("install", "DESTDIR=" + dest, "PREFIX=/opt/bsc")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/lib", MULTIARCH, "bsc.so")))
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/share/bsc/schema.sql")))
        self.assertTrue(os.path.isfile(os.path.join(dest, "opt/bsc/share/bsc/python/bscload.py")))

    def test_bsc_so_exports_only_its_entry_point(self):
        res = subprocess.run(["nm", "-D", "--defined-only", os.path.join(ROOT, "bsc.so")],
                             capture_output=True, text=True, check=True)
        self.assertEqual([line.split()[-1] for line in res.stdout.splitlines()], ["sqlite3_bsc_init"])

    def test_dist_tarball_builds_and_passes_its_tests(self):
        res = make("dist")
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        tarball = os.path.join(ROOT, "dist", "bsc-%s.tar.gz" % VERSION)
        with tarfile.open(tarball) as tf:
            names = tf.getnames()
            tf.extractall(self.tmp)
        top = "bsc-%s" % VERSION
        for must in ("Makefile", "VERSION", "COMMIT", "README.md", "LICENSE", "CHANGELOG.md", "sql/schema.sql",
                     "ext/bsc.c", ".ci/run", "python/bscload.py", "docs/demo.svg", "docs/demo.dot",
                     "tests/node/package.json", "tests/node/package-lock.json"):
            self.assertIn(top + "/" + must, names)
        self.assertIn(top + "/MANIFEST", names)
        src = os.path.join(self.tmp, top)
        env = dict(os.environ, BSC_IN_DIST="1")
        # every suite, as `make test` runs them (a skipped test fails it);
        # BSC_IN_DIST leaves this test out there, so that it does not recurse
        res = make("test", cwd=src, env=env)
        self.assertEqual(res.returncode, 0, res.stdout[-3000:] + res.stderr[-3000:])
        self.assertRegex(res.stdout, r"\n[1-9][0-9]* passed, 0 failed\s*$")
        self.assertNotIn("skipped", res.stdout)
        suites = re.findall(r"^  (\S+) +[0-9]+ passed, 0 failed$", res.stdout, re.M)
        with open(os.path.join(ROOT, "tests", "run.sh")) as f:
            every = re.search(r'^every="([^"]*)"$', f.read(), re.M).group(1).split()
        self.assertEqual(suites, every)
        # the unpacked tarball, with no git, makes the same tarball again
        res = make("dist", cwd=src, env=dict(env, GIT_DIR="/nonexistent"))  # git cannot help here
        self.assertEqual(res.returncode, 0, res.stdout + res.stderr)
        with tarfile.open(os.path.join(src, "dist", "bsc-%s.tar.gz" % VERSION)) as tf:
            self.assertEqual(sorted(tf.getnames()), sorted(names))
        commit = open(os.path.join(src, "COMMIT")).read().strip()
        out = subprocess.run(["sqlite3", ":memory:", ".load ./bsc", "SELECT bsc_debug()"],
                             capture_output=True, text=True, cwd=src)
        self.assertIn("Commit: " + commit, out.stdout)


if os.environ.get("BSC_IN_DIST"):
    # inside the tarball's own `make test`: not there at all, rather than
    # skipped (a skipped test fails the run)
    del PackagingTest.test_dist_tarball_builds_and_passes_its_tests


if __name__ == "__main__":
    unittest.main()
