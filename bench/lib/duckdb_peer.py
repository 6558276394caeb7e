"""The DuckDB peer: the same eleven baselines in DuckDB's dialect (bench/duckdb/sql/RULE.sql),
run by bench/duckdb/peer.mjs on an in-memory copy of the store, one thread. DuckDB is a peer
to beat, not a dependency of jiandu: @duckdb/node-api is installed inside bench/duckdb/ (npm
ci, node_modules git-ignored) on first use. The time to load the store into DuckDB is reported
apart from the queries' time."""
import json
import os
import shutil
import sqlite3
import subprocess

from .common import BENCH, ROOT, die, log

HERE = os.path.join(BENCH, "duckdb")
PEER = os.path.join(HERE, "peer.mjs")


def duckdb_rules():
    """The rules with a DuckDB query (bench/duckdb/sql/*.sql), sorted."""
    folder = os.path.join(HERE, "sql")
    return sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".sql"))


def ensure_installed():
    """node and @duckdb/node-api inside bench/duckdb/ (npm ci on first use)."""
    for tool in ("node", "npm", "sqlite3"):
        if not shutil.which(tool):
            die("%s is needed for the DuckDB peer (apt-get install nodejs npm sqlite3)" % tool)
    if not os.path.isdir(os.path.join(HERE, "node_modules", "@duckdb", "node-api")):
        log("installing @duckdb/node-api inside bench/duckdb/ (npm ci)")
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", HERE],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=HERE)
        if r.returncode != 0:
            die("npm ci in bench/duckdb failed:\n" + r.stdout.decode("utf-8", "replace")[-3000:])


def write_helpers(path, setup):
    """A SQLite file with the helper tables (days, workdays, periods) as main tables, for
    peer.mjs to copy into DuckDB: `setup(db)` creates them as TEMP tables, as for SQLite."""
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    setup(db)
    for t in ("days", "workdays", "periods"):
        db.execute("CREATE TABLE main.%s AS SELECT * FROM temp.%s" % (t, t))
    db.commit()
    db.close()


def run_peer(store, helpers, as_of, end_utc, rules, runs):
    """One peer.mjs process: the store loaded, then each rule's query `runs` times.
    {version, load_s, rules: {RULE: {times: [s…], rows: [[subject, period, key, outcome]…]}}}."""
    p = subprocess.run(["node", PEER, store, helpers, as_of, str(end_utc), str(runs)] + list(rules),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    if p.returncode != 0:
        die("bench/duckdb/peer.mjs failed on %s:\n%s" % (store, p.stderr.decode("utf-8", "replace")[-3000:]))
    return json.loads(p.stdout)
