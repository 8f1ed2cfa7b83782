// Node with better-sqlite3 (pinned in package-lock.json, built by
// tests/node/install.sh): bsc loaded with db.loadExtension(), the map read and
// written, a table function with a parameter, a refused write as a thrown
// SqliteError, info.changes counting the user's rows, a transaction. Run by
// tests/run.sh from the repository root as `node tests/node/test_node.js`,
// with BSC_SO naming bsc.so without its suffix; prints one line a check and
// ends with "N passed, N failed".
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const Database = require('better-sqlite3');

const root = path.resolve(__dirname, '..', '..');
const so = process.env.BSC_SO || path.join(root, 'bsc');
const version = fs.readFileSync(path.join(root, 'VERSION'), 'utf8').trim();
let passed = 0;
let failed = 0;

// what is true: a boolean, or a function that returns one
function check(name, what) {
  let ok = false;
  try {
    ok = (typeof what === 'function' ? what() : what) === true;
  } catch (e) {
    console.log('    error: ' + e.message);
  }
  if (ok) passed++; else failed++;
  console.log((ok ? 'ok   ' : 'FAIL ') + name);
}

// the error that fn throws, or null
function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bsc-node-'));
const db = new Database(path.join(dir, 'demo.db'));
try {
  db.loadExtension(so); // the path; or 'bsc' alone after make install
  check('bsc_version() is VERSION', () => db.prepare('SELECT bsc_version() AS v').get().v === version);

  // exec() runs a whole script, as the shell's .read does
  for (const f of ['schema.sql', 'demo.sql', 'views.sql']) {
    db.exec(fs.readFileSync(path.join(root, 'sql', f), 'utf8'));
  }
  const count = (sql) => db.prepare(sql).pluck().get();
  const objectives = count('SELECT count(*) FROM objectives');
  check('the demo map reads', objectives > 10);

  const chains = db.prepare('SELECT goal, length FROM bsc_chains(?, 3) ORDER BY length').all('turnaround');
  check('a table function with a parameter',
        JSON.stringify(chains) === JSON.stringify([{ goal: 'unit_cost', length: 2 }, { goal: 'operating_margin', length: 3 }]));
  const card = db.prepare('SELECT kpi, score, status FROM bsc_scorecard(?)').all('2026-10');
  check('the scorecard of a period, scores as numbers',
        // the top unit's KPIs: the scorecard's, with no unit asked for
        card.length === count('SELECT count(*) FROM kpis JOIN objectives AS o ON o.id = objective WHERE o.unit IS NULL') &&
        card.every((r) => r.score === null || typeof r.score === 'number'));

  const refused = errorOf(() =>
    db.prepare("INSERT INTO objectives(id, title, perspective) VALUES ('x', 'X', 'nonsense')").run());
  check('a refused write throws a SqliteError with bsc\'s message',
        refused instanceof Database.SqliteError &&
        refused.message.startsWith("bsc: objectives.perspective: 'nonsense' is not a perspective"));
  check('and writes nothing', count('SELECT count(*) FROM objectives') === objectives);

  // info.changes is sqlite3_changes(): the user's rows, not bsc's storage writes
  const insert = db.prepare('INSERT INTO objectives(id, title, perspective) VALUES (?, ?, ?)');
  check('one INSERT: info.changes is 1', insert.run('a', 'A', 'financial').changes === 1);
  check('an UPDATE of every objective: info.changes counts them',
        db.prepare("UPDATE objectives SET owner = 'Board'").run().changes === objectives + 1);
  check('a DELETE: info.changes is 1', db.prepare("DELETE FROM objectives WHERE id = 'a'").run().changes === 1);

  // a month of measurements in one transaction; a bad row rolls it all back
  const measure = db.prepare('INSERT INTO measurements(kpi, period, actual) VALUES (@kpi, @period, @actual)');
  const load = db.transaction((rows) => rows.reduce((n, r) => n + measure.run(r).changes, 0));
  check('a transaction of inserts',
        load([{ kpi: 'revenue', period: '2027-01', actual: 4500 },
              { kpi: 'passengers', period: '2027-01', actual: 40000 }]) === 2 &&
        count("SELECT count(*) FROM measurements WHERE period = '2027-01'") === 2);
  const bad = errorOf(() => load([{ kpi: 'revenue', period: '2027-02', actual: 4600 },
                                  { kpi: 'no_such_kpi', period: '2027-02', actual: 1 }]));
  check('a refused row rolls the transaction back',
        bad !== null && bad.message.startsWith('bsc: measurements.kpi: ') &&
        count("SELECT count(*) FROM measurements WHERE period = '2027-02'") === 0);
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(passed + ' passed, ' + failed + ' failed');
process.exitCode = failed === 0 ? 0 : 1;
