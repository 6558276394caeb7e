"""One store measured: the floor, jiandu (three ways) and the two SQL peers, round by round (so
that a busy spell of a shared machine falls on all of them), then every engine's findings
compared with jiandu's, rule by rule."""
import collections
import filecmp
import os
import statistics

from .common import AS_OF, DATA, log
from .duckdb_peer import run_peer
from .findings import differences, findings_of_jsonl, findings_of_rows
from .jiandu_runs import RUNS, commands, events_of_scan
from .sql_peer import run_sql, store_end_utc
from .timing import measure

# DuckDB runs each query twice per round, on the data just loaded: the first run warms it (a
# user who loaded a store into DuckDB queries it more than once); the second is the round's.
DUCKDB_RUNS = 2


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return None


def bench_store(name, store, jiandu, scan, setup, baselines, helpers, reps):
    """Every engine on `store`, `reps` rounds. `setup(db)` builds the SQLite helper tables;
    `helpers` is the same tables in a file, for DuckDB."""
    r = {"name": name, "store": store, "bytes": os.path.getsize(store)}
    rules = list(baselines)
    cmds = commands(jiandu, scan, store, rules)
    outs = {key: os.path.join(DATA, "out-%s.%s" % (name, key)) for key, _ in RUNS}
    end = store_end_utc(store, AS_OF)

    runs = collections.defaultdict(list)
    sql_runs = collections.defaultdict(list)
    duck_runs = collections.defaultdict(list)
    duck_load = []
    sql_rows, duck_rows = {}, {}
    r["load"] = [loadavg()]
    for k in range(reps):
        log("[%s] round %d of %d: bare scan, jiandu (whole library, 2 threads, baseline rules), SQLite, DuckDB"
            % (name, k + 1, reps))
        for key, _ in RUNS:
            runs[key].append(measure(cmds[key], stdout=outs[key]))
        for rid in rules:
            t, setup_s, sql_rows[rid] = run_sql(store, setup, baselines[rid][0], AS_OF)
            sql_runs[rid].append((t, setup_s))
        d = run_peer(store, helpers, AS_OF, end, rules, DUCKDB_RUNS)
        r["duckdb_version"] = d["version"]
        duck_load.append(d["load_s"])
        for rid in rules:
            duck_runs[rid].append(d["rules"][rid]["times"][-1])
            duck_rows[rid] = d["rules"][rid]["rows"]
    r["load"].append(loadavg())

    for key, _ in RUNS:
        r[key] = statistics.median(x["wall"] for x in runs[key])
        r[key + "_runs"] = [x["wall"] for x in runs[key]]
        for m in ("rss", "anon"):
            r[key + "_" + m] = statistics.median(x[m] for x in runs[key])
    with open(outs["scan"], encoding="utf-8") as f:
        r["events"] = events_of_scan(f.read())
    with open(outs["check"], encoding="utf-8") as f:
        r["findings"] = sum(1 for _ in f)
    # Two threads give the same findings in the same order: the JSONL is byte-identical.
    r["threads_identical"] = filecmp.cmp(outs["check"], outs["threads2"], shallow=False) and filecmp.cmp(
        outs["subset"], outs["subset2"], shallow=False)
    if not r["threads_identical"]:
        log("  jiandu --threads 2 wrote different findings from one thread (%s, %s)" % (outs["check"], outs["threads2"]))

    whole = findings_of_jsonl(outs["check"], rules)
    subset = findings_of_jsonl(outs["subset"], rules)
    r["rules"] = {}
    for rid in rules:
        want = whole[rid]
        got_sql, got_duck = findings_of_rows(sql_rows[rid]), findings_of_rows(duck_rows[rid])
        diff = (differences(want, subset[rid], "jiandu", "jiandu --rule") + differences(want, got_sql, "jiandu", "SQLite")
                + differences(want, got_duck, "jiandu", "DuckDB"))
        x = dict(findings=sum(want.values()), subset_same=subset[rid] == want, sql_same=got_sql == want,
                 duck_same=got_duck == want,
                 sql=statistics.median(t for t, _ in sql_runs[rid]), setup=statistics.median(s for _, s in sql_runs[rid]),
                 duck=statistics.median(duck_runs[rid]), diff=diff)
        x["same"] = x["subset_same"] and x["sql_same"] and x["duck_same"]
        r["rules"][rid] = x
        log("  %-44s SQLite %8.3f s  DuckDB %8.3f s  %6d findings  %s"
            % (rid, x["sql"], x["duck"], x["findings"], "same" if x["same"] else "DIFFERENT"))
        for line in diff:
            log("    " + line)
    r["sql_total"] = sum(x["sql"] for x in r["rules"].values())
    r["duck_total"] = sum(x["duck"] for x in r["rules"].values())
    r["duck_load"] = statistics.median(duck_load)
    r["duck_load_runs"] = duck_load
    r["same"] = sum(1 for x in r["rules"].values() if x["same"])
    for f in outs.values():
        os.unlink(f)
    return r


def bench_memory(name, store, jiandu, scan, reps):
    """The memory reference: the whole library only, `reps` runs (time and peak memory), and
    the events it reads (one untimed scan)."""
    r = {"name": name, "store": store, "bytes": os.path.getsize(store)}
    cmds = commands(jiandu, scan, store, [])
    out = os.path.join(DATA, "out-%s.check" % name)
    runs = []
    for k in range(reps):
        log("[%s] run %d of %d: jiandu, whole library (time and memory)" % (name, k + 1, reps))
        runs.append(measure(cmds["check"], stdout=out))
    measure(cmds["scan"], stdout=out + ".scan")
    with open(out + ".scan", encoding="utf-8") as f:
        r["events"] = events_of_scan(f.read())
    with open(out, encoding="utf-8") as f:
        r["findings"] = sum(1 for _ in f)
    os.unlink(out)
    os.unlink(out + ".scan")
    r["check"] = statistics.median(x["wall"] for x in runs)
    r["check_runs"] = [x["wall"] for x in runs]
    for m in ("rss", "anon"):
        r["check_" + m] = statistics.median(x[m] for x in runs)
    return r
