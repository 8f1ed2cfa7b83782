"""The five map tables through Python's standard sqlite3 module.

Run by Debian's /usr/bin/python3 (tests/run.sh); BSC_SO names the extension
without its suffix, as sqlite3_load_extension() accepts it.
"""
import os
import sqlite3
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BSC_SO = os.environ.get("BSC_SO", os.path.join(ROOT, "bsc"))
with open(os.path.join(ROOT, "sql", "schema.sql"), encoding="utf-8") as f:
    SCHEMA = f.read()

# The columns of issues 2 and 4, in order, with their declared types (text
# sized so that ODBC reports VARCHAR: ids 64, words 32, periods 16, short
# texts 200; long text TEXT).
ID, WORD, PERIOD, SHORT = "VARCHAR(64)", "VARCHAR(32)", "VARCHAR(16)", "VARCHAR(200)"
COLUMNS = {
    "processes": [("id", ID), ("title", SHORT), ("cluster", WORD), ("subprocess", WORD),
                  ("owner", SHORT), ("description", "TEXT"), ("unit", ID)],
    "objectives": [("id", ID), ("title", SHORT), ("perspective", WORD), ("cluster", WORD),
                   ("weight", "REAL"), ("owner", SHORT), ("description", "TEXT"),
                   ("kpis", "INTEGER"), ("rollup", WORD), ("score", "REAL"), ("status", WORD),
                   ("unit", ID)],
    "links": [("cause", ID), ("effect", ID), ("weight", "REAL"), ("sign", WORD),
              ("lag", "INTEGER"), ("note", "TEXT")],
    "kpis": [("id", ID), ("objective", ID), ("title", SHORT), ("unit", SHORT),
             ("polarity", WORD), ("baseline", "REAL"), ("target", "REAL"), ("red", "REAL"),
             ("weight", "REAL"), ("frequency", WORD), ("aggregation", WORD),
             ("period", PERIOD), ("actual", "REAL"), ("score", "REAL"), ("status", WORD),
             ("trend", WORD)],
    "measurements": [("kpi", ID), ("period", PERIOD), ("actual", "REAL"), ("target", "REAL"),
                     ("note", "TEXT")],
}
STORED_KPI = ", ".join(c for c, _ in COLUMNS["kpis"][:11])


def connect(path=":memory:", load=True, schema=False):
    """A connection in autocommit mode (transactions are the test's own)."""
    con = sqlite3.connect(path, isolation_level=None)
    if load:
        con.enable_load_extension(True)
        con.load_extension(BSC_SO)
        con.enable_load_extension(False)
    if schema:
        con.executescript(SCHEMA)
    return con


def small_map(con):
    """One objective per level, a process and a KPI with two measurements."""
    con.executescript("""
        INSERT INTO objectives(id, title, perspective) VALUES ('profit', 'Profit', 'financial');
        INSERT INTO objectives(id, title, perspective) VALUES ('loyal', 'Loyal customers', 'customer');
        INSERT INTO objectives(id, title, perspective, cluster)
          VALUES ('fast', 'Fast delivery', 'internal', 'operations');
        INSERT INTO processes(id, title, cluster, subprocess)
          VALUES ('ship', 'Shipping', 'operations', 'distribute');
        INSERT INTO links(cause, effect) VALUES ('ship', 'fast'), ('fast', 'loyal'), ('loyal', 'profit');
        INSERT INTO kpis(id, objective, title, unit, polarity, target, red)
          VALUES ('lead_time', 'fast', 'Lead time', 'days', 'lower', 2, 4);
        INSERT INTO measurements(kpi, period, actual) VALUES ('lead_time', '2026-01', 3.5),
          ('lead_time', '2026-02', 3.0);
    """)


class MapTestCase(unittest.TestCase):
    def setUp(self):
        self.con = connect(schema=True)

    def tearDown(self):
        self.con.close()

    def rows(self, sql, params=()):
        return self.con.execute(sql, params).fetchall()

    def one(self, sql, params=()):
        return self.con.execute(sql, params).fetchone()

    def assertRefused(self, sql, params, message, exc=sqlite3.IntegrityError):
        """The statement fails with exactly this bsc message."""
        with self.assertRaises(exc) as cm:
            self.con.execute(sql, params)
        self.assertEqual(str(cm.exception), message)


class TestLoading(MapTestCase):
    def test_version_is_the_version_file(self):
        with open(os.path.join(ROOT, "VERSION"), encoding="utf-8") as f:
            self.assertEqual(self.one("SELECT bsc_version()")[0], f.read().strip())

    def test_debug_names_the_sqlite_it_runs_on(self):
        debug = self.one("SELECT bsc_debug()")[0]
        self.assertTrue(debug.startswith("Version: "), debug)
        self.assertIn("SQLite: " + sqlite3.sqlite_version, debug)

    def test_columns_and_declared_types(self):
        for table, columns in COLUMNS.items():
            info = self.rows("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", (table,))
            self.assertEqual(info, columns, table)

    def test_cursor_description_names_every_column(self):
        for table, columns in COLUMNS.items():
            cur = self.con.execute("SELECT * FROM %s" % table)
            self.assertEqual([d[0] for d in cur.description], [c for c, _ in columns], table)

    def test_second_table_of_a_module_is_refused(self):
        self.assertRefused(
            "CREATE VIRTUAL TABLE goals USING bsc_objectives", (),
            "bsc: goals: schema main already has a bsc_objectives table, objectives; a schema "
            "holds one map (attach another database for a second map)",
            sqlite3.OperationalError)

    def test_without_the_extension_the_tables_cannot_be_read(self):
        con = connect(load=False)
        try:
            with self.assertRaises(sqlite3.OperationalError) as cm:
                con.executescript(SCHEMA)
            self.assertEqual(str(cm.exception), "no such module: bsc_processes")
        finally:
            con.close()


class TestProcesses(MapTestCase):
    def test_insert_select_update_delete(self):
        self.con.execute("INSERT INTO processes VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (" pick ", "Order picking", "Operational", "Production", "Ops lead", None, None))
        self.assertEqual(self.rows("SELECT * FROM processes"),
                         [("pick", "Order picking", "operations", "produce", "Ops lead", None, None)])
        self.con.execute("UPDATE processes SET cluster = ?, subprocess = ?, description = ? "
                         "WHERE id = 'pick'", ("klantmanagement", "Retention", "Pick for key accounts"))
        self.assertEqual(self.one("SELECT cluster, subprocess, description FROM processes"),
                         ("customer_management", "retain", "Pick for key accounts"))
        self.con.execute("UPDATE processes SET id = 'picking' WHERE id = 'pick'")
        self.assertEqual(self.rows("SELECT id FROM processes"), [("picking",)])
        self.con.execute("DELETE FROM processes WHERE id = 'picking'")
        self.assertEqual(self.rows("SELECT * FROM processes"), [])

    def test_refusals(self):
        self.assertRefused(
            "INSERT INTO processes(id, title, cluster) VALUES (?, ?, ?)", ("p", "P", "marketing"),
            "bsc: processes.cluster: 'marketing' is not a cluster; use operations, "
            "customer_management, innovation or regulatory_social (row id 'p')")
        self.assertRefused(
            "INSERT INTO processes(id, title, cluster, subprocess) VALUES (?, ?, ?, ?)",
            ("p", "P", "innovation", "retain"),
            "bsc: processes.subprocess: 'retain' is not a sub-process of cluster innovation; "
            "use opportunities, portfolio, develop or launch")
        self.assertRefused("INSERT INTO processes(id, title, cluster) VALUES (?, ?, ?)",
                           ("p", None, "operations"),
                           "bsc: processes.title: NULL is not allowed; processes.title is required "
                           "(row id 'p')")
        self.assertEqual(self.one("SELECT count(*) FROM processes"), (0,))


class TestObjectives(MapTestCase):
    def test_insert_select_update_delete(self):
        self.con.executemany(
            "INSERT INTO objectives(id, title, perspective, cluster, weight) VALUES (?, ?, ?, ?, ?)",
            [("grow", "Grow", "Financieel", None, None),
             ("serve", "Serve", "klant", None, 2),
             ("lean", "Lean", "interne processen", "operationele processen", "0.5"),
             ("learn", "Learn", "leren & groei", None, 1.25)])
        self.assertEqual(
            self.rows("SELECT id, perspective, cluster, weight, kpis FROM objectives ORDER BY id"),
            [("grow", "financial", None, 1.0, 0), ("lean", "internal", "operations", 0.5, 0),
             ("learn", "learning", None, 1.25, 0), ("serve", "customer", None, 2.0, 0)])
        self.con.execute("UPDATE objectives SET perspective = 'F', owner = ? WHERE id = 'serve'",
                         ("CFO",))
        self.assertEqual(self.one("SELECT perspective, owner FROM objectives WHERE id = 'serve'"),
                         ("financial", "CFO"))
        self.con.execute("DELETE FROM objectives WHERE perspective = 'financial'")
        self.assertEqual(self.rows("SELECT id FROM objectives ORDER BY id"), [("lean",), ("learn",)])

    def test_kpis_column_counts_and_is_read_only(self):
        small_map(self.con)
        self.con.execute("INSERT INTO kpis(id, objective, title) VALUES ('ship_cost', 'fast', 'Cost')")
        self.assertEqual(self.rows("SELECT id, kpis FROM objectives ORDER BY id"),
                         [("fast", 2), ("loyal", 0), ("profit", 0)])
        self.assertRefused("UPDATE objectives SET kpis = ? WHERE id = 'fast'", (7,),
                           "bsc: objectives.kpis: 7 not written; kpis is derived from the map and "
                           "read-only (row id 'fast')")
        # writing the other columns leaves it alone
        self.con.execute("UPDATE objectives SET title = 'Faster' WHERE id = 'fast'")
        self.assertEqual(self.one("SELECT title, kpis FROM objectives WHERE id = 'fast'"),
                         ("Faster", 2))

    def test_refusals(self):
        small_map(self.con)
        self.assertRefused("INSERT INTO objectives(id, title, perspective, cluster) VALUES (?, ?, ?, ?)",
                           ("x", "X", "learning", "innovation"),
                           "bsc: objectives.cluster: 'innovation' given for a learning objective; only "
                           "internal-process objectives belong to a cluster")
        self.assertRefused("INSERT INTO objectives(id, title, perspective) VALUES (?, ?, ?)",
                           ("ship", "X", "customer"),
                           "bsc: objectives.id: 'ship' is already the id of a process; processes and "
                           "objectives share one set of ids")
        self.assertRefused("INSERT INTO objectives(id, title, perspective, weight) VALUES (?, ?, ?, ?)",
                           ("x", "X", "customer", float("inf")),
                           "bsc: objectives.weight: Inf is not a finite number (row id 'x')")
        self.assertRefused("DELETE FROM objectives WHERE id = ?", ("profit",),
                           "bsc: objectives.id: cannot delete objective 'profit': links row (cause "
                           "'loyal', effect 'profit') still refers to it; change or delete that row "
                           "first")
        self.assertRefused("UPDATE objectives SET id = 'quick' WHERE id = ?", ("fast",),
                           "bsc: objectives.id: cannot rename objective 'fast': links row (cause "
                           "'fast', effect 'loyal') still refers to it; change or delete that row first")
        self.assertEqual(self.one("SELECT count(*) FROM objectives"), (3,))


class TestLinks(MapTestCase):
    def test_insert_select_update_delete(self):
        small_map(self.con)
        self.assertEqual(self.rows("SELECT * FROM links ORDER BY cause"),
                         [("fast", "loyal", 1.0, "positive", 0, None),
                          ("loyal", "profit", 1.0, "positive", 0, None),
                          ("ship", "fast", 1.0, "positive", 0, None)])
        self.con.execute("INSERT INTO links VALUES (?, ?, ?, ?, ?, ?)",
                         ("ship", "profit", 0.25, "negative", 3, "shipping costs money"))
        self.con.execute("UPDATE links SET weight = ?, lag = ?, sign = '+' "
                         "WHERE cause = 'fast' AND effect = 'loyal'", ("0.75", 2))
        self.assertEqual(self.rows("SELECT * FROM links WHERE weight < 1 ORDER BY cause"),
                         [("fast", "loyal", 0.75, "positive", 2, None),
                          ("ship", "profit", 0.25, "negative", 3, "shipping costs money")])
        self.con.execute("DELETE FROM links WHERE effect = 'profit'")
        self.assertEqual(self.one("SELECT count(*) FROM links"), (2,))
        # with its link gone, the objective can go
        self.con.execute("DELETE FROM objectives WHERE id = 'profit'")

    def test_refusals(self):
        small_map(self.con)
        self.assertRefused("INSERT INTO links(cause, effect) VALUES (?, ?)", ("profit", "ship"),
                           "bsc: links.effect: 'ship' is a process, not an objective")
        self.assertRefused("INSERT INTO links(cause, effect) VALUES (?, ?)", ("loyal", "loyal"),
                           "bsc: links.effect: 'loyal' cannot cause itself")
        self.assertRefused("INSERT INTO links(cause, effect, lag) VALUES (?, ?, ?)",
                           ("ship", "loyal", -1),
                           "bsc: links.lag: -1 is negative; lag must be >= 0 "
                           "(row cause 'ship', effect 'loyal')")
        self.assertRefused("UPDATE links SET effect = 'fast' WHERE cause = 'fast'", (),
                           "bsc: links.effect: 'fast' cannot cause itself")
        self.assertRefused("UPDATE links SET cause = 'fast', effect = 'loyal' WHERE cause = 'loyal'", (),
                           "bsc: links: a link with cause 'fast', effect 'loyal' already exists")
        self.assertEqual(self.one("SELECT count(*) FROM links"), (3,))


class TestKpis(MapTestCase):
    def test_insert_select_update_delete(self):
        small_map(self.con)
        self.con.execute("INSERT INTO kpis(id, objective, title, unit, polarity, baseline, target, red,"
                         " weight, frequency, aggregation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         ("nps", "loyal", "Net Promoter Score", "points", "range", 10, 40, 20,
                          None, "Quarterly", "mean"))
        self.assertEqual(self.one("SELECT %s FROM kpis WHERE id = 'nps'" % STORED_KPI),
                         ("nps", "loyal", "Net Promoter Score", "points", "range", 10.0, 40.0, 20.0,
                          1.0, "quarter", "average"))
        self.assertEqual(self.one("SELECT %s FROM kpis WHERE id = 'lead_time'" % STORED_KPI),
                         ("lead_time", "fast", "Lead time", "days", "lower", None, 2.0, 4.0, 1.0,
                          "month", "last"))
        self.con.execute("UPDATE kpis SET objective = 'profit', polarity = 'higher is better', "
                         "red = NULL WHERE id = 'nps'")
        self.assertEqual(self.one("SELECT objective, polarity, red FROM kpis WHERE id = 'nps'"),
                         ("profit", "higher", None))
        self.con.execute("DELETE FROM kpis WHERE id = 'nps'")
        self.assertEqual(self.rows("SELECT id FROM kpis"), [("lead_time",)])

    def test_refusals(self):
        small_map(self.con)
        self.assertRefused("INSERT INTO kpis(id, objective, title) VALUES (?, ?, ?)",
                           ("x", "ship", "X"),
                           "bsc: kpis.objective: 'ship' is a process, not an objective")
        self.assertRefused("INSERT INTO kpis(id, objective, title, target) VALUES (?, ?, ?, ?)",
                           ("x", "fast", "X", "ten"),
                           "bsc: kpis.target: 'ten' is not a number (row id 'x')")
        self.assertRefused("INSERT INTO kpis(id, objective, title, frequency) VALUES (?, ?, ?, ?)",
                           ("x", "fast", "X", "hourly"),
                           "bsc: kpis.frequency: 'hourly' is not a frequency; use month, quarter, "
                           "year, week, day or half (row id 'x')")
        self.assertRefused("DELETE FROM kpis", (),
                           "bsc: kpis.id: cannot delete KPI 'lead_time': measurements row (kpi "
                           "'lead_time', period '2026-01') still refers to it; change or delete that "
                           "row first")
        self.assertEqual(self.one("SELECT count(*) FROM kpis"), (1,))


class TestMeasurements(MapTestCase):
    def test_insert_select_update_delete(self):
        small_map(self.con)
        self.con.executemany("INSERT INTO measurements VALUES (?, ?, ?, ?, ?)",
                             [("lead_time", "2026-3", 2.5, None, None),
                              ("lead_time", "2026-q2", "2.25", 2.5, "quarter total"),
                              ("lead_time", 2025, 4, None, None)])
        self.assertEqual(self.rows("SELECT * FROM measurements ORDER BY period"),
                         [("lead_time", "2025", 4.0, None, None),
                          ("lead_time", "2026-01", 3.5, None, None),
                          ("lead_time", "2026-02", 3.0, None, None),
                          ("lead_time", "2026-03", 2.5, None, None),
                          ("lead_time", "2026-Q2", 2.25, 2.5, "quarter total")])
        self.con.execute("UPDATE measurements SET actual = actual + 1, note = 'recount' "
                         "WHERE period = '2026-03'")
        self.assertEqual(self.one("SELECT actual, note FROM measurements WHERE period = '2026-03'"),
                         (3.5, "recount"))
        self.con.execute("DELETE FROM measurements WHERE period LIKE '2026-0%'")
        self.assertEqual(self.rows("SELECT period FROM measurements ORDER BY period"),
                         [("2025",), ("2026-Q2",)])
        # with its measurements gone, the KPI can go
        self.con.execute("DELETE FROM measurements")
        self.con.execute("DELETE FROM kpis")
        self.assertEqual(self.one("SELECT kpis FROM objectives WHERE id = 'fast'"), (0,))

    def test_refusals(self):
        small_map(self.con)
        self.assertRefused("INSERT INTO measurements(kpi, period) VALUES (?, ?)",
                           ("lead_time", "2026-02"),
                           "bsc: measurements: a measurement with kpi 'lead_time', period '2026-02' "
                           "already exists")
        self.assertRefused("INSERT INTO measurements(kpi, period) VALUES (?, ?)",
                           ("lead_time", "Feb 2026"),
                           "bsc: measurements.period: 'Feb 2026' is not a period; use 2026, 2026-H2, "
                           "2026-Q3, 2026-09, 2026-09-30 or 2026-W38")
        self.assertRefused("INSERT INTO measurements(kpi, period) VALUES (?, ?)", ("fast", "2026"),
                           "bsc: measurements.kpi: 'fast' is not a KPI of this map")
        self.assertRefused("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)",
                           ("lead_time", "2026-03", b"\x01\x02\x03"),
                           "bsc: measurements.actual: a blob of 3 bytes is not allowed; give text or "
                           "a number (row kpi 'lead_time', period '2026-03')")
        self.assertEqual(self.one("SELECT count(*) FROM measurements"), (2,))

    def test_error_carries_the_constraint_code(self):
        small_map(self.con)
        with self.assertRaises(sqlite3.IntegrityError) as cm:
            self.con.execute("INSERT INTO measurements(kpi, period) VALUES ('lead_time', 'x')")
        self.assertEqual(cm.exception.sqlite_errorcode, sqlite3.SQLITE_CONSTRAINT)


class TestTransactions(MapTestCase):
    def test_rollback_undoes_every_table(self):
        small_map(self.con)
        before = {t: self.rows("SELECT * FROM %s" % t) for t in COLUMNS}
        self.con.execute("BEGIN")
        self.con.execute("INSERT INTO processes(id, title, cluster) VALUES ('sell', 'Sell', 'CRM')")
        self.con.execute("UPDATE objectives SET weight = 3")
        self.con.execute("DELETE FROM links WHERE cause = 'ship'")
        self.con.execute("UPDATE kpis SET target = 1")
        self.con.execute("DELETE FROM measurements")
        self.con.execute("ROLLBACK")
        after = {t: self.rows("SELECT * FROM %s" % t) for t in COLUMNS}
        self.assertEqual(after, before)

    def test_a_refused_row_in_executemany_rolls_back_with_the_transaction(self):
        small_map(self.con)
        rows = [("lead_time", "2026-03", 2.0), ("lead_time", "2026-04", 1.8),
                ("lead_time", "April", 1.7)]
        self.con.execute("BEGIN")
        with self.assertRaises(sqlite3.IntegrityError):
            self.con.executemany("INSERT INTO measurements(kpi, period, actual) VALUES (?, ?, ?)", rows)
        # the good rows are in the open transaction until it is rolled back
        self.assertEqual(self.one("SELECT count(*) FROM measurements"), (4,))
        self.con.execute("ROLLBACK")
        self.assertEqual(self.one("SELECT count(*) FROM measurements"), (2,))

    def test_savepoints(self):
        small_map(self.con)
        self.con.execute("SAVEPOINT a")
        self.con.execute("INSERT INTO measurements(kpi, period, actual) VALUES ('lead_time', '2026-03', 2)")
        self.con.execute("SAVEPOINT b")
        self.con.execute("DELETE FROM measurements WHERE period < '2026-03'")
        self.assertEqual(self.one("SELECT count(*) FROM measurements"), (1,))
        self.con.execute("ROLLBACK TO b")
        self.con.execute("RELEASE a")
        self.assertEqual(self.rows("SELECT period FROM measurements ORDER BY period"),
                         [("2026-01",), ("2026-02",), ("2026-03",)])


class TestPersistence(unittest.TestCase):
    def setUp(self):
        fd, self.path = tempfile.mkstemp(suffix=".db", prefix="bsc-test-")
        os.close(fd)

    def tearDown(self):
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(self.path + suffix):
                os.remove(self.path + suffix)

    def test_the_map_survives_the_connection(self):
        con = connect(self.path, schema=True)
        small_map(con)
        expected = {t: con.execute("SELECT * FROM %s" % t).fetchall() for t in COLUMNS}
        con.close()
        con = connect(self.path)
        try:
            self.assertEqual({t: con.execute("SELECT * FROM %s" % t).fetchall() for t in COLUMNS},
                             expected)
            # and stays validated
            with self.assertRaises(sqlite3.IntegrityError) as cm:
                con.execute("DELETE FROM processes")
            self.assertTrue(str(cm.exception).startswith("bsc: processes.id: cannot delete"))
        finally:
            con.close()

    def test_a_connection_without_the_extension(self):
        con = connect(self.path, schema=True)
        small_map(con)
        con.close()
        con = connect(self.path, load=False)
        try:
            with self.assertRaises(sqlite3.OperationalError) as cm:
                con.execute("SELECT * FROM processes")
            self.assertEqual(str(cm.exception), "no such module: bsc_processes")
            # the data are still there, in ordinary tables
            self.assertEqual(con.execute("SELECT id, cluster FROM processes_data").fetchall(),
                             [("ship", "operations")])
        finally:
            con.close()

    def test_two_connections_see_each_others_commits(self):
        a = connect(self.path, schema=True)
        b = connect(self.path)
        try:
            small_map(a)
            self.assertEqual(b.execute("SELECT count(*) FROM measurements").fetchone(), (2,))
            b.execute("INSERT INTO measurements(kpi, period, actual) VALUES ('lead_time', '2026-03', 2)")
            self.assertEqual(a.execute("SELECT max(period) FROM measurements").fetchone(), ("2026-03",))
            # b renames a table: a finds the map under its new name
            b.execute("ALTER TABLE measurements RENAME TO readings")
            with self.assertRaises(sqlite3.IntegrityError) as cm:
                a.execute("DELETE FROM kpis")
            self.assertIn("readings row (kpi 'lead_time', period '2026-01')", str(cm.exception))
        finally:
            a.close()
            b.close()


class TestAttached(unittest.TestCase):
    def setUp(self):
        self.con = connect(schema=True)
        small_map(self.con)
        self.con.execute("ATTACH ':memory:' AS plan")
        for table in COLUMNS:
            self.con.execute("CREATE VIRTUAL TABLE plan.%s USING bsc_%s" % (table, table))

    def tearDown(self):
        self.con.close()

    def test_second_map_is_separate(self):
        self.con.execute("INSERT INTO plan.objectives(id, title, perspective) VALUES ('profit', 'P', 'F')")
        with self.assertRaises(sqlite3.IntegrityError) as cm:
            self.con.execute("INSERT INTO plan.kpis(id, objective, title) VALUES ('k', 'fast', 'K')")
        self.assertEqual(str(cm.exception), "bsc: kpis.objective: 'fast' is not an objective of this map")
        self.con.execute("INSERT INTO plan.kpis(id, objective, title) VALUES ('k', 'profit', 'K')")
        self.assertEqual(self.con.execute("SELECT id, kpis FROM plan.objectives").fetchall(),
                         [("profit", 1)])
        self.assertEqual(self.con.execute("SELECT kpis FROM main.objectives WHERE id = 'profit'")
                         .fetchone(), (0,))

    def test_drop_table_in_attached_schema_keeps_main(self):
        self.con.execute("DROP TABLE plan.measurements")
        self.assertEqual(self.con.execute("SELECT count(*) FROM main.measurements").fetchone(), (2,))
        names = self.con.execute("SELECT name FROM plan.sqlite_schema "
                                 "WHERE name LIKE 'measurements%'").fetchall()
        self.assertEqual(names, [])


if __name__ == "__main__":
    unittest.main()
