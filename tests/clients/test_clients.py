"""The clients of docs/clients.md that are neither Python, R, Node nor ODBC
(those have suites of their own): the sqlite3 shell loading bsc from
~/.sqliterc, and DB Browser for SQLite (Debian's sqlitebrowser, run headless
on Qt's offscreen platform) loading it through its extensions/list setting,
and what each shows without it."""
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))  # without its suffix


def known_uid(uid):
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="bsc-clients-")
        self.home = os.path.join(self.tmp, "home")
        os.mkdir(self.home)
        self.db = os.path.join(self.tmp, "demo.db")
        subprocess.run(["sqlite3", "-batch", "-bail", self.db, ".load " + SO,
                        ".read " + os.path.join(ROOT, "sql", "schema.sql"),
                        ".read " + os.path.join(ROOT, "sql", "demo.sql")], check=True, capture_output=True)
        self.objectives = int(self.shell_with_bsc("SELECT count(*) FROM objectives"))
        self.assertGreater(self.objectives, 10)
        # a home of its own: no ~/.sqliterc, DB Browser settings or runtime
        # folder of whoever runs the tests
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_"))}
        self.env.update(HOME=self.home, XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
                        XDG_RUNTIME_DIR=os.path.join(self.tmp, "run"))
        os.mkdir(self.env["XDG_RUNTIME_DIR"], 0o700)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def shell_with_bsc(self, sql):
        return subprocess.run(["sqlite3", self.db, ".load " + SO, sql], capture_output=True, text=True,
                              check=True).stdout.strip()

    # -- the sqlite3 shell and ~/.sqliterc -----------------------------------

    def sqlite3(self, *args, stdin=None):
        """The shell as a user whose home is self.home. The shell takes the
        home folder from the password database, and from HOME only for a user
        it does not list: so run it as such a user (as root, by setpriv; else
        in a user namespace that maps one to whoever runs the tests), with
        the files it needs open to it."""
        uid = next(u for u in range(4000000, 4100000) if not known_uid(u))
        if os.geteuid() == 0:
            user = ["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid, "--clear-groups"]
            for d, _, files in os.walk(self.tmp):
                os.chmod(d, 0o777)
                for f in files:
                    os.chmod(os.path.join(d, f), 0o666)
        else:
            user = ["unshare", "--user", "--map-user=%d" % uid, "--map-group=%d" % uid]
        res = subprocess.run(user + ["sqlite3", *args], input=stdin, capture_output=True, text=True, env=self.env,
                             cwd=self.tmp)
        return res.returncode, res.stdout, res.stderr

    def test_without_sqliterc_the_map_is_not_readable(self):
        rc, out, err = self.sqlite3(self.db, "SELECT count(*) FROM objectives")
        self.assertNotEqual(rc, 0)
        self.assertIn("no such module: bsc_objectives", err)

    def test_sqliterc_loads_bsc_in_every_session(self):
        # a copy of bsc.so that the shell's user can read wherever the
        # checkout is (/root is closed to others)
        shutil.copy(SO + ".so", os.path.join(self.tmp, "bsc.so"))
        with open(os.path.join(self.home, ".sqliterc"), "w") as f:
            f.write(".load %s\n.mode list\n" % os.path.join(self.tmp, "bsc"))
        # SQL on the command line, SQL on standard input (as a script pipes it)
        self.assertEqual(self.sqlite3(self.db, "SELECT count(*) FROM objectives"),
                         (0, "%d\n" % self.objectives, ""))
        self.assertEqual(self.sqlite3(self.db, stdin="SELECT bsc_version();\n"),
                         (0, open(os.path.join(ROOT, "VERSION")).read().strip() + "\n", ""))
        # a refused write is the shell's error, with bsc's message
        rc, out, err = self.sqlite3(self.db, "UPDATE objectives SET perspective = 'nonsense' WHERE id = 'revenue_growth'")
        self.assertNotEqual(rc, 0)
        self.assertIn("bsc: objectives.perspective: 'nonsense' is not a perspective", err)
        # -init names a file to read instead of ~/.sqliterc
        rc, out, err = self.sqlite3("-init", os.devnull, self.db, "SELECT count(*) FROM objectives")
        self.assertIn("no such module: bsc_objectives", err)

    # -- DB Browser for SQLite ---------------------------------------------

    def db4s(self, *options):
        """What DB Browser prints on standard error when it runs a script
        against the demo map: its Execute SQL tab reports an error as
        'Error in statement #N: message.' The script's first statement reads a
        map table; its second is a write that bsc refuses, with a message that
        holds a value read from the map (so that it shows bsc ran it)."""
        script = os.path.join(self.tmp, "check.sql")
        with open(script, "w") as f:
            f.write("SELECT count(*) FROM objectives;\n"
                    "INSERT INTO objectives(id, title, perspective) SELECT 'x', 'X', 'seen ' || count(*) FROM objectives;\n")
        env = dict(self.env, QT_QPA_PLATFORM="offscreen")
        proc = subprocess.Popen(["sqlitebrowser", *options, "-s", script, self.db], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env, cwd=self.tmp)
        lines = []
        # it stays open after the script, as a user's window does: read until
        # the report of the error, then close it
        reader = threading.Thread(target=lambda: lines.extend(proc.stderr))
        reader.start()
        try:
            for _ in range(600):
                if any("Aborting execution" in line for line in lines):
                    break
                reader.join(0.1)
                if not reader.is_alive():
                    break
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            reader.join(10)
            proc.stderr.close()
        return "".join(lines)

    def test_db_browser_with_extensions_list_loads_bsc(self):
        err = self.db4s("-o", "extensions/list=%s.so" % SO)
        self.assertIn("Error in statement #2: bsc: objectives.perspective: 'seen %d' is not a perspective"
                      % self.objectives, err)
        self.assertNotIn("statement #1", err)
        self.assertEqual(self.shell_with_bsc("SELECT count(*) FROM objectives WHERE id = 'x'"), "0")

    def test_db_browser_without_it_cannot_read_the_map(self):
        err = self.db4s()
        self.assertIn("Error in statement #1: no such module: bsc_objectives.", err)


if __name__ == "__main__":
    unittest.main()
