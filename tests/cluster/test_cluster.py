"""The map on a three-node dqlite cluster: cluster/bsc-node, go-dqlite's
`dqlite` shell, and a small wire client (dqlitewire.py) for what the shell
cannot do (one connection kept across writes of others, leadership handed
over, values with their types).

Loopback only, on ports the kernel hands out and in a temporary directory,
so two runs on one machine do not meet. Every node started is stopped by its
process id: at the end, on a failure, on SIGTERM, and after a time limit
(SIGALRM) that bounds the suite. Each node is compared with a local
database made from the same scripts by the sqlite3 module with bsc.so: the
cluster must answer exactly what a file answers.
"""
import atexit
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import dqlitewire as wire

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))
NODE = os.path.join(ROOT, "cluster", "bsc-node")
ONELINE = os.path.join(ROOT, "cluster", "oneline.py")
DQLITE = shutil.which("dqlite") or "/usr/bin/dqlite"
SCRIPTS = [os.path.join(ROOT, "sql", f) for f in ("schema.sql", "demo.sql", "views.sql")]
DB = "map"          # the tests' database; docs/cluster.md's examples use "bsc"
DOCS = os.path.join(ROOT, "docs", "cluster.md")
LATENCY_MS = "100"  # elections after 1.5 to 3 s of silence: none by mistake on a busy machine
SUITE_LIMIT = 150   # seconds: the whole suite, or it stops its nodes and fails
WAIT = 30           # seconds: any one wait (a leader, a node catching up)

# Every bsc table, view, table-valued and scalar function, as a query. A
# function or module bsc registers that is missing here fails the coverage
# test: add a query for it.
CASES = {
    "processes": "SELECT * FROM processes",
    "objectives": "SELECT * FROM objectives",
    "links": "SELECT * FROM links",
    "kpis": "SELECT * FROM kpis",
    "measurements": "SELECT * FROM measurements",
    "targets": "SELECT * FROM targets",
    "initiatives": "SELECT * FROM initiatives",
    "commentary": "SELECT * FROM commentary",
    # the demo has no settings (map_state compares the table); a setting's
    # effect shows in the analyses above
    "settings": None,
    "scorecard": "SELECT * FROM scorecard",
    "scorecard(2026-Q3)": "SELECT * FROM scorecard WHERE period = '2026-Q3'",
    "objective_scores": "SELECT * FROM objective_scores",
    "perspective_scores": "SELECT * FROM perspective_scores WHERE period = 'YTD:2026-09'",
    "cluster_coverage": "SELECT * FROM cluster_coverage",
    "causal_chains": "SELECT * FROM causal_chains",
    "map_issues": "SELECT * FROM map_issues",
    "attention": "SELECT * FROM attention",
    "initiative_portfolio": "SELECT * FROM initiative_portfolio",
    "scorecard_report": "SELECT * FROM scorecard_report WHERE period = '2026-Q3'",
    "bsc_portfolio": "SELECT * FROM bsc_portfolio",
    "bsc_scorecard": "SELECT * FROM bsc_scorecard('2026-09')",
    "bsc_objective_scores": "SELECT * FROM bsc_objective_scores('2026-Q2')",
    "bsc_perspective_scores": "SELECT * FROM bsc_perspective_scores",
    "bsc_chains": "SELECT * FROM bsc_chains('on_time', 3)",
    "bsc_reach": "SELECT * FROM bsc_reach('corporate_travellers', 'up')",
    "bsc_clusters": "SELECT * FROM bsc_clusters",
    "bsc_catalog": "SELECT * FROM bsc_catalog",
    "bsc_vital_few": "SELECT * FROM bsc_vital_few",
    "bsc_whatif": "SELECT * FROM bsc_whatif('fuel_efficiency', 1)",
    "bsc_check": "SELECT * FROM bsc_check",
    "bsc_link_evidence": "SELECT * FROM bsc_link_evidence('2026-01', NULL)",
    "bsc_integrity": "SELECT count(*) FROM bsc_integrity",
    # a current map: nothing to upgrade, and the answer 0 on every node
    "bsc_upgrade": "SELECT bsc_upgrade()",
    "bsc_cluster_gaps": "SELECT bsc_cluster_gaps(), bsc_cluster_gaps('main')",
    "bsc_dot": "SELECT bsc_dot(), bsc_dot('main')",
    "bsc_score": "SELECT bsc_score(95, 100, 90), bsc_score(84, 82, 72, 'range')",
    "bsc_status": "SELECT bsc_status(7.5), bsc_status(NULL)",
    "bsc_progress": "SELECT bsc_progress(95, 80, 100)",
    "bsc_version": "SELECT bsc_version()",
    # its build date and commit may differ between bsc.so and bsc-node
    "bsc_debug": "SELECT substr(bsc_debug(), 1, instr(bsc_debug(), char(10)) - 1)",
    # the map tables' modules answer through the tables above
    "bsc_processes": None, "bsc_objectives": None, "bsc_links": None, "bsc_kpis": None,
    "bsc_measurements": None, "bsc_targets": None, "bsc_initiatives": None, "bsc_commentary": None,
    "bsc_settings": None, "bsc_units": None,
}

MAP_TABLES = ["processes", "objectives", "links", "kpis", "measurements", "targets", "initiatives", "commentary",
              "settings", "units"]

_nodes = {}  # id -> Popen: every node this module started and has not reaped
_tmpdirs = []  # removed at the end, however it comes
_demo = []     # make cluster-demo's script while it runs: it stops its own nodes on SIGTERM


def _stop_all(sig=signal.SIGTERM):
    """Stops every node started, by pid; SIGKILL after 10 s."""
    for p in _demo:
        if p.poll() is None:
            os.kill(p.pid, signal.SIGTERM)
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                pass
    for p in list(_nodes.values()):
        if p.poll() is None:
            try:
                os.kill(p.pid, sig)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 10
    for i, p in list(_nodes.items()):
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
        _nodes.pop(i, None)


def _on_signal(signum, frame):
    # the suite's trap: a SIGTERM from outside, or the time limit
    sys.stderr.write("cluster tests: signal %d, stopping the nodes\n" % signum)
    _stop_all(signal.SIGKILL)
    for d in _tmpdirs:
        shutil.rmtree(d, ignore_errors=True)
    os._exit(1)


def setUpModule():
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM):
        signal.signal(sig, _on_signal)
    atexit.register(_stop_all, signal.SIGKILL)  # whatever else ends the run
    signal.alarm(SUITE_LIMIT)


def tearDownModule():
    _stop_all()
    signal.alarm(0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, fn, timeout=WAIT):
    """fn() until it returns a true value (exceptions count as false)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            v = fn()
            if v:
                return v
        except (OSError, wire.DqliteError, AssertionError, sqlite3.Error) as e:
            last = e
        time.sleep(0.1)
    raise AssertionError("timed out waiting for %s (last: %r)" % (what, last))


def local_db(path):
    """A file with bsc and the demo map, made as the sqlite3 shell would."""
    con = sqlite3.connect(path, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(BSC_SO)
    for f in SCRIPTS:
        with open(f, encoding="utf-8") as fh:
            con.executescript(fh.read())
    return con


class Cluster:
    def __init__(self, tmp):
        self.tmp = tmp
        self.addr = {}

    def start(self, i, join=True):
        if i not in self.addr:
            self.addr[i] = "127.0.0.1:%d" % free_port()
        args = [NODE, "--id", str(i), "--address", self.addr[i],
                "--dir", os.path.join(self.tmp, "node%d" % i), "--latency-ms", LATENCY_MS]
        if join and i != 1:
            args += ["--join", ",".join(a for j, a in self.addr.items() if j != i)]
        log = open(os.path.join(self.tmp, "node%d.log" % i), "ab")
        _nodes[i] = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        log.close()

    def log(self, i):
        with open(os.path.join(self.tmp, "node%d.log" % i), encoding="utf-8") as f:
            return f.read()

    def servers(self):
        return ",".join(self.addr.values())

    def leader(self):
        """The leader's id, as the live nodes agree; None while there is none."""
        seen = set()
        for i, a in self.addr.items():
            if i not in _nodes or _nodes[i].poll() is not None:
                continue
            try:
                with wire.Connection(a, timeout=2) as c:
                    seen.add(c.leader()[0])
            except OSError:
                return None
        seen.discard(0)
        return seen.pop() if len(seen) == 1 else None

    def connect(self):
        """A connection to the leader, with the map's database open."""
        def attempt():
            i = self.leader()
            if not i:
                return None
            c = wire.Connection(self.addr[i])
            c.open(DB)
            c.query("SELECT 1")  # raises 'not leader' if it moved meanwhile
            return c
        return wait_for("a leader", attempt)

    def voters(self):
        with self.connect() as c:
            return sorted((i, role) for i, _, role in c.cluster())

    def shell(self, *commands, servers=None, cwd=None, db=DB):
        """The dqlite shell: (exit status, stdout, stderr)."""
        p = subprocess.run([DQLITE, "-s", servers or self.servers(), db] + list(commands),
                           capture_output=True, text=True, timeout=30, cwd=cwd)
        return p.returncode, p.stdout, p.stderr

    def dump(self, i):
        """Node i's own copy of the database (any node serves .dump), opened
        read-only with bsc."""
        d = tempfile.mkdtemp(dir=self.tmp, prefix="dump%d-" % i)
        rc, out, err = self.shell(".dump %s %s" % (self.addr[i], DB), servers=self.addr[i], cwd=d)
        assert rc == 0 and out.strip() == "OK", (rc, out, err)
        con = sqlite3.connect(os.path.join(d, DB), isolation_level=None)
        con.enable_load_extension(True)
        con.load_extension(BSC_SO)
        return con


def rows(con, sql):
    """Rows of a query as lists, from the wire client or the sqlite3 module."""
    if isinstance(con, wire.Connection):
        return [list(r) for r in con.query(sql)[1]]
    return [list(r) for r in con.execute(sql).fetchall()]


def map_state(con):
    return {t: rows(con, "SELECT * FROM %s" % t) for t in MAP_TABLES}


class ClusterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for path, what in ((NODE, "make cluster"), (DQLITE, "make deps (go-dqlite)")):
            if not os.access(path, os.X_OK):
                raise AssertionError("%s is missing: run %s" % (path, what))
        cls.tmp = tempfile.mkdtemp(prefix="bsc-cluster-")
        _tmpdirs.append(cls.tmp)
        cls.cluster = c = Cluster(cls.tmp)
        try:
            c.start(1)
            wait_for("node 1 to lead", lambda: c.leader() == 1)
            c.start(2)
            c.start(3)
            wait_for("three voters", lambda: c.voters() == [(1, "voter"), (2, "voter"), (3, "voter")])
            # the demo map, loaded through the dqlite shell as make cluster-demo does
            script = subprocess.run(["/usr/bin/python3", ONELINE] + SCRIPTS, capture_output=True,
                                    text=True, check=True).stdout.strip()
            rc, out, err = c.shell(script)
            assert rc == 0, (out, err)
            cls.local = local_db(os.path.join(cls.tmp, "local.db"))
        except BaseException:
            _stop_all(signal.SIGKILL)
            for i in sorted(c.addr):  # what the nodes said, for the failure's report
                sys.stderr.write("node %d's log:\n%s\n" % (i, c.log(i)[-2000:]))
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        _stop_all()
        cls.local.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write_both(self, sql, con=None):
        """One write on the cluster and on the local file."""
        if con is None:
            with self.cluster.connect() as c:
                c.execute(sql)
        else:
            con.execute(sql)
        self.local.execute(sql)

    def assertSameAsLocal(self, con, sql):
        self.assertEqual(rows(con, sql), rows(self.local, sql), sql)

    def test_00_bsc_node_refuses_what_it_cannot_do(self):
        d = os.path.join(self.tmp, "refused")
        def run(*args):
            p = subprocess.run([NODE] + list(args), capture_output=True, text=True, timeout=30)
            return p.returncode, p.stderr
        rc, err = run()
        self.assertEqual(rc, 2)
        self.assertIn("usage: bsc-node --id N --address HOST:PORT --dir DIR", err)
        rc, err = run("--id", "0", "--address", "127.0.0.1:1", "--dir", d)
        self.assertEqual((rc, err), (2, "bsc-node: --id '0' is not a positive integer\n"))
        rc, err = run("--id", "2", "--address", "127.0.0.1:1", "--dir", d)
        self.assertEqual(rc, 2)
        self.assertIn("only node 1 forms a cluster; give the others --join", err)
        # nobody to join: it gives up, stops, and says so
        port = free_port()
        rc, err = run("--id", "7", "--address", "127.0.0.1:%d" % port, "--dir", d,
                      "--join", "127.0.0.1:%d" % free_port(), "--join-timeout", "1")
        self.assertEqual(rc, 1, err)
        self.assertIn("could not join through", err)

    def test_01_the_nodes_joined_as_voters(self):
        self.assertEqual(self.cluster.voters(), [(1, "voter"), (2, "voter"), (3, "voter")])
        rc, out, _ = self.cluster.shell(".cluster")
        self.assertEqual(rc, 0)
        self.assertEqual(len(out.strip().splitlines()), 3, out)
        for i in (2, 3):
            self.assertIn("joined as a voter", self.cluster.log(i))

    def test_02_every_table_and_function_answers_as_a_file_does(self):
        with self.cluster.connect() as c:
            names = {r[0] for r in rows(c, "SELECT name FROM pragma_function_list WHERE name LIKE 'bsc%' "
                                           "UNION SELECT name FROM pragma_module_list WHERE name LIKE 'bsc%'")}
            self.assertIn("bsc_scorecard", names)
            self.assertEqual(sorted(names - set(CASES)), [], "add a query to CASES for these")
            for name, sql in CASES.items():
                if sql:
                    with self.subTest(name):
                        got = rows(c, sql)
                        self.assertTrue(got, name)
                        self.assertEqual(got, rows(self.local, sql), name)
        # and through the dqlite shell: a line per row (its values are
        # Go's spelling of them, compared above through the wire)
        for name, sql in CASES.items():
            if sql:
                with self.subTest(name, through="the dqlite shell"):
                    rc, out, err = self.cluster.shell(sql)
                    self.assertEqual(rc, 0, err)
                    want = rows(self.local, sql)
                    if not any("\n" in str(v) for r in want for v in r):
                        self.assertEqual(len(out.splitlines()), len(want), out)

    def test_03_the_shell_prints_the_scorecard(self):
        rc, out, err = self.cluster.shell("SELECT perspective, status FROM perspective_scores")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out.splitlines(), ["|".join(r) for r in
                                            self.local.execute("SELECT perspective, status "
                                                               "FROM perspective_scores")])

    def test_04_validation_errors_cross_the_wire_as_bsc_messages(self):
        bad = "INSERT INTO objectives(id, perspective, title) VALUES ('x1', 'finance dept', 'X')"
        with self.assertRaises(sqlite3.Error) as local:
            self.local.execute(bad)
        msg = str(local.exception)
        self.assertTrue(msg.startswith("bsc: objectives.perspective: 'finance dept'"), msg)
        # the wire: SQLite's code and bsc's message
        with self.cluster.connect() as c, self.assertRaises(wire.DqliteError) as remote:
            c.execute(bad)
        self.assertEqual(remote.exception.message, msg)
        self.assertEqual(remote.exception.code, sqlite3.SQLITE_CONSTRAINT)
        # the dqlite shell: its exit status and bsc's message
        rc, out, err = self.cluster.shell(bad)
        self.assertEqual(rc, 1)
        self.assertIn("Error: exec: " + msg + "\n", err)

    def test_05_a_rejected_write_changes_nothing_on_any_node(self):
        c = self.cluster
        with c.connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS marker(n INTEGER)")
            con.execute("INSERT INTO marker VALUES (1)")
            before = map_state(con)
            rejected = [
                # the first row is good, the second is not: neither is stored
                "INSERT INTO measurements(kpi, period, actual) VALUES "
                "('load_factor', '2026-11', 80.1), ('load_factor', '2026-31', 80.9)",
                "UPDATE kpis SET red = target WHERE id = 'load_factor'",
                "INSERT INTO links(cause, effect) VALUES ('on_time', 'no_such_objective')",
                "DELETE FROM objectives WHERE id = 'on_time'",
                # a request of several statements is no transaction of its
                # own: the client's BEGIN makes one, and its ROLLBACK undoes it
                "BEGIN; INSERT INTO marker VALUES (99); INSERT INTO objectives(id, perspective, title) "
                "VALUES ('y', 'sideways', 'Y'); COMMIT",
            ]
            for sql in rejected:
                with self.subTest(sql), self.assertRaises(wire.DqliteError) as e:
                    con.execute(sql)
                self.assertIn("bsc: ", e.exception.message)
            con.execute("ROLLBACK")
            self.assertEqual(map_state(con), before)
            self.assertEqual(rows(con, "SELECT n FROM marker"), [[1]])
            con.execute("INSERT INTO marker VALUES (2)")
        # each node's own copy, once it has applied the write after them
        for i in (1, 2, 3):
            with self.subTest(node=i):
                def caught_up():
                    d = c.dump(i)
                    try:
                        return d if rows(d, "SELECT max(n) FROM marker") == [[2]] else d.close()
                    except sqlite3.Error:
                        d.close()
                        return None
                d = wait_for("node %d to apply the marker" % i, caught_up)
                self.assertEqual(map_state(d), before)
                self.assertEqual(rows(d, "SELECT n FROM marker ORDER BY n"), [[1], [2]])
                d.close()

    def test_06_no_stale_chains_or_scores_after_a_write_of_another_connection(self):
        c = self.cluster
        chains = "SELECT * FROM bsc_chains('crew_skills')"
        score = "SELECT * FROM bsc_scorecard('2026-10') WHERE kpi = 'load_factor'"
        with c.connect() as a:
            version = rows(a, "PRAGMA data_version")
            self.assertSameAsLocal(a, chains)
            self.assertSameAsLocal(a, score)
            # another client (the dqlite shell: another process, another
            # connection of the leader) changes the graph and a score
            for sql in ("INSERT INTO links(cause, effect) VALUES ('crew_skills', 'corporate_contracts')",
                        "UPDATE measurements SET actual = 70.5 WHERE kpi = 'load_factor' AND period = '2026-10'"):
                rc, out, err = c.shell(sql)
                self.assertEqual(rc, 0, err)
                self.local.execute(sql)
            # dqlite's VFS moves the data version of the reading connection
            # as SQLite's own does: the cache key bsc relies on
            self.assertNotEqual(rows(a, "PRAGMA data_version"), version)
            self.assertSameAsLocal(a, chains)
            self.assertSameAsLocal(a, score)
            self.assertIn("corporate_contracts", str(rows(a, chains)))

    def test_07_a_leadership_change_closes_every_connection_of_the_old_leader(self):
        c = self.cluster
        chains = "SELECT * FROM bsc_chains('ops_data')"
        a = c.connect()
        try:
            old = c.leader()
            self.assertSameAsLocal(a, chains)  # the graph is in a's cache now
            other = 1 if old != 1 else 2
            a2 = wire.Connection(c.addr[old])
            a2.transfer(other)
            a2.close()
            wait_for("node %d to lead" % other, lambda: c.leader() == other)
            # a write through the new leader, then leadership back
            with wire.Connection(c.addr[other]) as b:
                b.open(DB)
                sql = "INSERT INTO links(cause, effect) VALUES ('ops_data', 'revenue_growth')"
                b.execute(sql)
                self.local.execute(sql)
                b.transfer(old)
            wait_for("node %d to lead again" % old, lambda: c.leader() == old)
            # a's database was closed with its leadership: no stale answer
            with self.assertRaises(wire.DqliteError) as e:
                a.query(chains)
            self.assertIn(e.exception.message, ("no database opened", "not leader"))
        finally:
            a.close()
        with c.connect() as a:
            self.assertSameAsLocal(a, chains)
            self.assertIn("revenue_growth", str(rows(a, chains)))

    def test_08_an_acknowledged_write_survives_the_leaders_death(self):
        c = self.cluster
        with c.connect() as a:
            old = next(i for i, addr in c.addr.items() if addr == a.address)
            before = rows(a, "SELECT * FROM bsc_chains('self_service')")
            sql = ("INSERT INTO measurements(kpi, period, actual) VALUES ('load_factor', '2026-11', 83.7);"
                   "INSERT INTO links(cause, effect) VALUES ('self_service', 'revenue_growth')")
            a.execute(sql)  # acknowledged: committed by a majority
            self.local.executescript(sql)
            os.kill(_nodes[old].pid, signal.SIGKILL)
        _nodes.pop(old).wait()
        new = wait_for("a new leader", lambda: (c.leader() or old) != old and c.leader())
        self.assertNotEqual(new, old)
        with c.connect() as b:
            self.assertEqual(rows(b, "SELECT actual FROM measurements "
                                     "WHERE kpi = 'load_factor' AND period = '2026-11'"), [[83.7]])
            after = rows(b, "SELECT * FROM bsc_chains('self_service')")
            self.assertNotEqual(after, before)
            self.assertSameAsLocal(b, "SELECT * FROM bsc_chains('self_service')")
            self.assertSameAsLocal(b, "SELECT * FROM bsc_scorecard('2026-11')")
            self.assertSameAsLocal(b, "SELECT * FROM perspective_scores")
            # the new leader takes new measurements with two nodes of three
            sql = "INSERT INTO measurements(kpi, period, actual) VALUES ('otp15', '2026-11', 91.2)"
            b.execute(sql)
            self.local.execute(sql)
            self.assertSameAsLocal(b, "SELECT * FROM bsc_scorecard('2026-11')")
        # the killed node comes back with its data directory and catches up
        c.start(old, join=False)
        def caught_up():
            d = c.dump(old)
            try:
                return map_state(d) == map_state(self.local)
            finally:
                d.close()
        wait_for("node %d to catch up" % old, caught_up)
        self.assertEqual(c.voters(), [(1, "voter"), (2, "voter"), (3, "voter")])

    def test_09_a_node_ignores_sigpipe_and_stops_cleanly_on_sigterm(self):
        c = self.cluster
        i = next(j for j in (3, 2, 1) if j != c.leader())
        p = _nodes[i]
        os.kill(p.pid, signal.SIGPIPE)
        time.sleep(0.2)
        self.assertIsNone(p.poll(), "SIGPIPE killed node %d" % i)
        os.kill(p.pid, signal.SIGTERM)
        self.assertEqual(p.wait(15), 0)
        _nodes.pop(i)
        self.assertIn("stopping", c.log(i))
        self.assertTrue(c.log(i).rstrip().endswith("stopped"), c.log(i)[-300:])
        c.start(i, join=False)
        with c.connect() as a:
            self.assertSameAsLocal(a, "SELECT * FROM bsc_scorecard")

    def test_10_a_failing_read_is_an_error_not_an_empty_answer(self):
        # dqlite 1.11 garbles the message of an error raised while a query
        # steps (docs/cluster.md): the client still gets an error
        with self.cluster.connect() as c, self.assertRaises(wire.DqliteError):
            c.query("SELECT * FROM bsc_reach('no_such_node')")
        with self.assertRaises(sqlite3.Error):
            self.local.execute("SELECT * FROM bsc_reach('no_such_node')").fetchall()

    def test_11_the_pages_examples_print_what_the_page_shows(self):
        """docs/cluster.md's ```sh cluster blocks run in order, in the
        repository root, with $SERVERS set, on a database of their own;
        the ```text block after each is what they must print."""
        with open(DOCS, encoding="utf-8") as f:
            lines = f.read().split("\n")
        blocks, i = [], 0
        while i < len(lines):
            if lines[i].strip() == "```sh cluster":
                j = lines.index("```", i + 1)
                body = "\n".join(lines[i + 1:j])
                k = j + 1
                while k < len(lines) and not lines[k].strip():
                    k += 1
                expected = None
                if k < len(lines) and lines[k].strip() == "```text":
                    end = lines.index("```", k + 1)
                    expected = "\n".join(lines[k + 1:end])
                blocks.append((i + 1, body, expected))
                i = j
            i += 1
        self.assertGreaterEqual(len(blocks), 3)
        env = dict(os.environ, SERVERS=self.cluster.servers())
        for line, body, expected in blocks:
            with self.subTest(line=line):
                self.assertIsNotNone(expected, "docs/cluster.md:%d: no ```text block follows" % line)
                p = subprocess.run(["bash", "-c", body], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=60)
                tidy = lambda t: "\n".join(l.rstrip() for l in t.strip().splitlines())
                self.assertEqual(tidy(p.stdout), tidy(expected), "docs/cluster.md:%d\n%s" % (line, p.stderr))

    def test_12_make_cluster_demo_runs_and_stops_its_nodes(self):
        p = subprocess.Popen(["bash", os.path.join(ROOT, "cluster", "demo.sh")], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        _demo.append(p)
        try:
            out, _ = p.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGTERM)  # its trap stops its nodes
            out, _ = p.communicate(timeout=20)
            self.fail("cluster/demo.sh took more than 90 s:\n" + out[-3000:])
        finally:
            _demo.remove(p)
        self.assertEqual(p.returncode, 0, out[-3000:])
        for want in ("== kill -KILL the leader", "load_factor|2026-11|84.2|", "[\"regulatory_social\"]",
                     "Error: exec: bsc: measurements.period: '2026-31' is not a period"):
            self.assertIn(want, out)
        # the killed node's own copy has the measurement taken while it was down
        self.assertRegex(out, r"own copy of the database .*\n(.*\n)*load_factor\|2026-11\|84\.2\n")
        self.assertEqual(len(re.findall(r"^node \d \(pid \d+\) stopped cleanly$", out, re.M)), 3, out[-1000:])


if __name__ == "__main__":
    unittest.main()
