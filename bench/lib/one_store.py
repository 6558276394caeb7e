"""One store measured: the bare scan, jiandu and each peer, round by round (so that a busy
spell of a shared machine falls on all of them), and the findings compared rule by rule."""
import collections
import os
import re
import statistics

from .common import AS_OF, DATA, RULES, log
from .findings import findings_of_jsonl, findings_of_rows
from .sql_peer import run_sql
from .timing import timed


def bench_store(name, store, jiandu, scan, cal, baselines, reps):
    r = {"name": name, "store": store, "bytes": os.path.getsize(store)}
    out = os.path.join(DATA, "findings-%s.jsonl" % name)

    rules = list(baselines)
    sub = []
    for rid in rules:
        sub += ["--rule", rid]
    # Round by round: the bare scan, jiandu (whole library, then the baseline rules) and each
    # SQL baseline once per round, so that a busy spell of the machine touches all of them.
    runs = collections.defaultdict(list)
    sql_runs = collections.defaultdict(list)
    rows_of = {}
    r["load"] = [open("/proc/loadavg").read().split()[0]] if os.path.exists("/proc/loadavg") else []
    for k in range(reps):
        log("[%s] round %d of %d: bare scan, jiandu check (all rules, baseline rules), SQL" % (name, k + 1, reps))
        runs["scan"].append(timed([scan, store, "--as-of", AS_OF], stdout=out + ".scan"))
        runs["check"].append(timed([jiandu, "check", "--rules", RULES, "--db", store, "--as-of", AS_OF, "--format", "jsonl"],
                                   stdout=out))
        runs["subset"].append(timed([jiandu, "check", "--rules", RULES, "--db", store, "--as-of", AS_OF, "--format", "jsonl"] + sub,
                                    stdout=out + ".subset"))
        for rid in rules:
            t, setup, rows_of[rid] = run_sql(store, cal, baselines, rid, AS_OF)
            sql_runs[rid].append((t, setup))
    if r["load"]:
        r["load"].append(open("/proc/loadavg").read().split()[0])
    for key in ("scan", "check", "subset"):
        r[key] = statistics.median(x[0] for x in runs[key])
        r[key + "_rss"] = statistics.median(x[1] for x in runs[key])
        r[key + "_runs"] = [x[0] for x in runs[key]]
    m = re.search(r"rows (\d+)", open(out + ".scan").read())
    os.unlink(out + ".scan")
    os.unlink(out + ".subset")
    r["events"] = int(m.group(1))
    with open(out, encoding="utf-8") as f:
        r["findings"] = sum(1 for _ in f)

    engine = findings_of_jsonl(out, rules)
    r["sql"] = {}
    for rid in rules:
        times = [x[0] for x in sql_runs[rid]]
        setups = [x[1] for x in sql_runs[rid]]
        rows = rows_of[rid]
        got = findings_of_rows(rows)
        want = engine[rid]
        same = got == want
        diff = []
        if not same:
            for k in sorted((want - got).keys())[:5]:
                diff.append("only jiandu: %s" % (k,))
            for k in sorted((got - want).keys())[:5]:
                diff.append("only SQL:    %s" % (k,))
        r["sql"][rid] = dict(seconds=statistics.median(times), setup=statistics.median(setups), findings=sum(want.values()),
                             sql_findings=sum(got.values()), same=same, diff=diff)
        log("  %-44s %8.3f s  %6d findings  %s" % (rid, r["sql"][rid]["seconds"], sum(want.values()), "same" if same else "DIFFERENT"))
        for d in diff:
            log("    " + d)
    r["sql_total"] = sum(x["seconds"] for x in r["sql"].values())
    os.unlink(out)
    return r


