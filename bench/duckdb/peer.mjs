// DuckDB as a performance peer for bench/run (not a dependency of jiandu): the store's tables
// and the baselines' helper tables are copied from SQLite into an in-memory DuckDB (timed
// apart, as "load"), then each rule's query in bench/duckdb/sql/ runs `runs` times on one
// thread. Prints one JSON object: {version, load_s, rules: {RULE: {times: [s…], rows: [[subject,
// period, key, outcome]…]}}}; bench/run compares the rows with jiandu's findings.
//
//   node bench/duckdb/peer.mjs STORE HELPERS.db AS_OF END_UTC RUNS RULE…
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const [store, helpers, asOf, endUtc, runsText, ...rules] = process.argv.slice(2);
if (!store || !helpers || !/^\d{4}-\d{2}-\d{2}$/.test(asOf || '') || !/^-?\d+$/.test(endUtc || '') || !rules.length) {
  console.error('usage: node bench/duckdb/peer.mjs STORE HELPERS.db AS_OF END_UTC RUNS RULE…');
  process.exit(2);
}
const runs = Math.max(1, parseInt(runsText, 10) || 1);

// Each table with DuckDB's types for its columns, in the order the SELECT reads them.
const tables = [
  [store, 'events', 'SELECT seq, id, ts, utc_offset, type, org, person, ref, attrs FROM events',
    { seq: 'BIGINT', id: 'VARCHAR', ts: 'BIGINT', utc_offset: 'INTEGER', type: 'VARCHAR', org: 'VARCHAR', person: 'VARCHAR', ref: 'VARCHAR', attrs: 'VARCHAR' }],
  [store, 'orgs', 'SELECT id, parent, kind, name FROM orgs', { id: 'VARCHAR', parent: 'VARCHAR', kind: 'VARCHAR', name: 'VARCHAR' }],
  [store, 'roles', 'SELECT person, org, role, valid_from, valid_to FROM roles',
    { person: 'VARCHAR', org: 'VARCHAR', role: 'VARCHAR', valid_from: 'DATE', valid_to: 'DATE' }],
  [helpers, 'days', 'SELECT day, dn, workday, holiday, wd, m_idx, q_idx, y_idx FROM days',
    { day: 'DATE', dn: 'INTEGER', workday: 'INTEGER', holiday: 'INTEGER', wd: 'INTEGER', m_idx: 'INTEGER', q_idx: 'INTEGER', y_idx: 'INTEGER' }],
  [helpers, 'workdays', 'SELECT n, day FROM workdays', { n: 'INTEGER', day: 'DATE' }],
  [helpers, 'periods', 'SELECT rule, idx, label, start, "end", due FROM periods',
    { rule: 'VARCHAR', idx: 'INTEGER', label: 'VARCHAR', start: 'DATE', end: 'DATE', due: 'DATE' }],
];

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();
const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];

const dir = mkdtempSync(join(tmpdir(), 'jiandu-duckdb-'));
const t0 = performance.now();
try {
  for (const [file, name, select, columns] of tables) {
    const csv = join(dir, name + '.csv');
    // sqlite3 writes NULL as an empty field and quotes the rest as CSV does.
    const fd = openSync(csv, 'w');
    try {
      execFileSync('sqlite3', ['-readonly', '-csv', '-header', file, select], { stdio: ['ignore', fd, 'inherit'] });
    } finally {
      closeSync(fd);
    }
    const cols = Object.entries(columns).map(([c, t]) => `'${c}': '${t}'`).join(', ');
    await db.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${csv}', header = true, columns = {${cols}})`);
    rmSync(csv);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const loadSeconds = (performance.now() - t0) / 1000;

const out = { version, load_s: loadSeconds, rules: {} };
for (const rule of rules) {
  if (!/^[a-z0-9_.]+$/.test(rule)) throw new Error('not a rule id: ' + rule);
  const sql = readFileSync(join(here, 'sql', rule + '.sql'), 'utf8')
    .replaceAll(':end_utc', endUtc)
    .replaceAll(':as_of', `DATE '${asOf}'`);
  const times = [];
  let rows = [];
  for (let i = 0; i < runs; ++i) {
    const t = performance.now();
    const r = await db.runAndReadAll(sql);
    rows = r.getRows();
    times.push((performance.now() - t) / 1000);
  }
  out.rules[rule] = { times, rows: rows.map((row) => row.map((v) => (v === null ? null : String(v)))) };
}
process.stdout.write(JSON.stringify(out) + '\n');
