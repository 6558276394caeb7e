"""What a run prints and what a full run writes: the results table, the targets met or not,
and bench/README.md (its fixed head, the table, then bench/NOTES.md)."""
import os
import sqlite3
import statistics

from .common import AS_OF, BENCH, die

# The stores the ratio targets are judged on (issue 16: "at 2.5M and 10M events").
LARGE = ("2.5M", "10M")

TARGETS = {
    "scan": "whole-library check at most 2× the floor (the storage-order scan), at %s" % " and ".join(LARGE),
    "duckdb": "faster than DuckDB on the 11 baselines (data loaded), at least 2×, at %s" % " and ".join(LARGE),
    "sql": "at least 5× faster than the SQLite baselines (the same 11 rules), at %s" % " and ".join(LARGE),
    "threads": "2 threads at most 0.6× the time of 1 thread (whole library), at %s" % " and ".join(LARGE),
    "same": "identical findings across jiandu, SQLite and DuckDB, every baseline rule, every store",
    "mem": "peak anonymous memory under 256 MiB",
    "flat": "peak anonymous memory at 10M at most 1.25× of 1M (the same city)",
    "scale": "10× the events in at most 11× the time (10M / 1M)",
    "audit": "nightly incremental audit of one day on the 10M store under 1 s",
    "compile": "compiling 1,000 rules under 200 ms",
}


def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    return dict(nproc=os.cpu_count(), cpu=model, mem=mem, sqlite=sqlite3.sqlite_version)


def fmt_s(s):
    return "%.2f s" % s if s >= 0.995 else "%.0f ms" % (s * 1000)


def mib(kib):
    return "%.0f MiB" % (kib / 1024)




def ratio(a, b):
    return "%.2f×" % (a / b) if b else "?"


def main_table(results, meta):
    """The engines and the floor, one column per store."""
    L = []
    names = [r["name"] for r in results]
    L.append("| | " + " | ".join(names) + " |")
    L.append("|---|" + "---:|" * len(names))

    def row(label, f):
        L.append("| %s | %s |" % (label, " | ".join(f(r) for r in results)))
    n = len(results[0]["rules"])
    row("events read (as of %s)" % AS_OF, lambda r: "{:,}".format(r["events"]))
    row("store size", lambda r: "%.0f MB" % (r["bytes"] / 1e6))
    row("**floor**: bare scan (`jiandu-scan`, storage order)", lambda r: fmt_s(r["scan"]))
    row("**jiandu**, whole library (%d rules), 1 thread" % meta["rules"], lambda r: fmt_s(r["check"]))
    row("jiandu, whole library, 2 threads (`--threads 2`)", lambda r: fmt_s(r["threads2"]))
    row("jiandu, the %d baseline rules (one run, `--rule` ×%d), 1 thread" % (n, n), lambda r: fmt_s(r["subset"]))
    row("jiandu, the %d baseline rules, 2 threads" % n, lambda r: fmt_s(r["subset2"]))
    row("**SQLite**, the %d baselines (sum)" % n, lambda r: fmt_s(r["sql_total"]))
    row("**DuckDB**, the %d baselines (sum, data loaded, 1 thread)" % n, lambda r: fmt_s(r["duck_total"]))
    row("DuckDB: loading the store (apart, not in the sum)", lambda r: fmt_s(r["duck_load"]))
    row("whole library / floor", lambda r: ratio(r["check"], r["scan"]))
    row("DuckDB / jiandu (%d rules)" % n, lambda r: ratio(r["duck_total"], r["subset"]))
    row("SQLite / jiandu (%d rules)" % n, lambda r: ratio(r["sql_total"], r["subset"]))
    row("DuckDB (1 thread) / jiandu on 2 threads (%d rules)" % n, lambda r: ratio(r["duck_total"], r["subset2"]))
    row("2 threads / 1 thread (whole library)", lambda r: ratio(r["threads2"], r["check"]))
    row("findings identical across the three engines", lambda r: "%d of %d" % (r["same"], n))
    row("2 threads: findings byte-identical to 1 thread", lambda r: "yes" if r["threads_identical"] else "**no**")
    row("peak anonymous memory (RssAnon), whole library, 1 thread", lambda r: mib(r["check_anon"]))
    row("peak anonymous memory, 2 threads", lambda r: mib(r["threads2_anon"]))
    row("peak RSS (VmHWM, with the store's mapped pages), 1 thread", lambda r: mib(r["check_rss"]))
    row("events/s, whole library", lambda r: "{:,.0f}".format(r["events"] / r["check"]))
    row("findings, whole library", lambda r: "{:,}".format(r["findings"]))
    row("runs: floor", lambda r: " · ".join("%.2f" % x for x in r["scan_runs"]))
    row("runs: jiandu, whole library", lambda r: " · ".join("%.2f" % x for x in r["check_runs"]))
    row("runs: jiandu, %d rules" % n, lambda r: " · ".join("%.2f" % x for x in r["subset_runs"]))
    row("runs: DuckDB load", lambda r: " · ".join("%.2f" % x for x in r["duck_load_runs"]))
    row("load average, before → after", lambda r: " → ".join(x or "?" for x in r["load"]))
    return L


def rules_table(results, meta):
    """SQLite and DuckDB rule by rule, and whether each agrees with jiandu."""
    L = ["SQLite and DuckDB, rule by rule (median seconds; findings compared with jiandu's as "
         "(subject, period, key, outcome)):", ""]
    names = [r["name"] for r in results]
    L.append("| rule | kind | " + " | ".join("SQLite %s | DuckDB %s" % (n, n) for n in names) + " | findings (%s) | same |" % names[-1])
    L.append("|---|---|" + "---:|---:|" * len(names) + "---:|---|")
    for rid in results[0]["rules"]:
        same = all(r["rules"][rid]["same"] for r in results)
        L.append("| %s | %s | %s | %s | %s |" % (
            rid, meta["kinds"].get(rid, "?"),
            " | ".join("%s | %s" % (fmt_s(r["rules"][rid]["sql"]), fmt_s(r["rules"][rid]["duck"])) for r in results),
            "{:,}".format(results[-1]["rules"][rid]["findings"]), "yes" if same else "**no**"))
    L.append("")
    L.append("Helper tables (days, working days, periods) built per SQLite connection in %s; not counted above. "
             "DuckDB %s, loaded by `bench/duckdb/peer.mjs` afresh in every round; each query run twice per round, "
             "the second run counted." % (fmt_s(statistics.median(x["setup"] for x in results[0]["rules"].values())),
                                          results[0].get("duckdb_version", "?")))
    return L


def compile_audit_lines(comp, audit, meta):
    L = ["Compiling rules (median of %d):" % meta["compile_reps"], ""]
    L.append("| | `jiandu lint` | `jiandu graph` (lint + one evaluation graph) | |")
    L.append("|---|---:|---:|---|")
    for k, v in comp.items():
        L.append("| %s | %s | %s | %s |" % (k, fmt_s(v["lint"]), fmt_s(v["graph"]), v["summary"]))
    if audit:
        L.append("")
        L.append("Nightly incremental audit on the 10M store: first audit (as of %s) %s, %s peak RSS; then %d nights, each "
                 "importing one day (median %s events, import %s) and auditing as of that day, resumed from the "
                 "checkpoint: median **%s**, peak RSS %s (nights: %s). The last night audited again reading every event "
                 "(`--full`, on a copy): %s; alerts, keys and trails %s."
                 % (AS_OF, fmt_s(audit["first"][0]), mib(audit["first"][1]), len(audit["nights"]), "{:,.0f}".format(audit["events"]),
                    fmt_s(audit["import"]), fmt_s(audit["audit"]), mib(audit["rss"]),
                    ", ".join("%s %s" % (x["night"], fmt_s(x["audit_s"])) for x in audit["nights"]),
                    fmt_s(audit["full_night"]), "identical" if audit["identical"] else "**different**"))
    return L


def memory_lines(results, memory):
    """The memory reference beside the 10M store: how time and peak memory grow with events."""
    by = {r["name"]: r for r in results}
    L = []
    for m in memory:
        L.append("%s store (the 10M store's city, a tenth of the everyday activity; the whole library only): "
                 "%s events, %s (runs %s), peak anonymous memory %s (peak RSS %s)."
                 % (m["name"], "{:,}".format(m["events"]), fmt_s(m["check"]), " · ".join("%.2f" % x for x in m["check_runs"]),
                    mib(m["check_anon"]), mib(m["check_rss"])))
        if "10M" in by:
            b = by["10M"]
            L.append("")
            L.append("10M / %s (the same city, %.1f× the events): jiandu %.1f× the time; peak anonymous memory %.2f× "
                     "(peak RSS %.2f×)." % (m["name"], b["events"] / m["events"], b["check"] / m["check"],
                                            b["check_anon"] / m["check_anon"], b["check_rss"] / m["check_rss"]))
    return L


def targets(results, memory, comp, audit):
    """[(target, measured, met or not)] for what this run measured."""
    T = []

    def mark(ok):
        return "met" if ok else "**not met**"
    by = {r["name"]: r for r in results}
    ref = {m["name"]: m for m in memory}
    large = [by[n] for n in LARGE if n in by]

    def each(f):
        return "; ".join("%s: %s" % (r["name"], f(r)) for r in large)
    if large:
        T.append((TARGETS["scan"], each(lambda r: "%.2f× (%s vs %s)" % (r["check"] / r["scan"], fmt_s(r["check"]), fmt_s(r["scan"]))),
                  mark(all(r["check"] <= 2 * r["scan"] for r in large))))
        T.append((TARGETS["duckdb"], each(lambda r: "DuckDB %.2f× the time of jiandu (%s vs %s)"
                                          % (r["duck_total"] / r["subset"], fmt_s(r["duck_total"]), fmt_s(r["subset"]))),
                  mark(all(r["duck_total"] >= 2 * r["subset"] for r in large))))
        T.append((TARGETS["sql"], each(lambda r: "SQLite %.2f× the time of jiandu (%s vs %s)"
                                       % (r["sql_total"] / r["subset"], fmt_s(r["sql_total"]), fmt_s(r["subset"]))),
                  mark(all(r["sql_total"] >= 5 * r["subset"] for r in large))))
        T.append((TARGETS["threads"], each(lambda r: "%.2f× (%s vs %s)" % (r["threads2"] / r["check"], fmt_s(r["threads2"]), fmt_s(r["check"]))),
                  mark(all(r["threads2"] <= 0.6 * r["check"] for r in large))))
    n_same = sum(r["same"] for r in results)
    n_all = sum(len(r["rules"]) for r in results)
    T.append((TARGETS["same"], "%d of %d" % (n_same, n_all), mark(n_same == n_all)))
    peak = max(max(r["check_anon"], r.get("threads2_anon", 0)) for r in results + memory)
    T.append((TARGETS["mem"], "largest peak anonymous memory %s (1 or 2 threads)" % mib(peak), mark(peak < 256 * 1024)))
    if "1M" in ref and "10M" in by:
        a, b = ref["1M"], by["10M"]
        q = b["check_anon"] / a["check_anon"]
        T.append((TARGETS["flat"], "%s → %s (%.2f×)" % (mib(a["check_anon"]), mib(b["check_anon"]), q), mark(q <= 1.25)))
        t, e = b["check"] / a["check"], b["events"] / a["events"]
        T.append((TARGETS["scale"], "%.1f× the time for %.1f× the events" % (t, e), mark(t <= 11 * e / 10)))
    if audit:
        T.append((TARGETS["audit"], "%s (%.0f× faster than reading every event: %s); ledger identical to a full read: %s"
                  % (fmt_s(audit["audit"]), audit["full_night"] / audit["audit"], fmt_s(audit["full_night"]),
                     "yes" if audit["identical"] else "**no**"),
                  mark(audit["audit"] < 1.0 and audit["identical"])))
    if "1000 rules" in comp:
        c = comp["1000 rules"]
        T.append((TARGETS["compile"], "lint %s, graph %s" % (fmt_s(c["lint"]), fmt_s(c["graph"])), mark(c["lint"] < 0.2)))
    return T


def report(results, memory, comp, audit, meta):
    """(the results as Markdown, the targets table, the targets as tuples)."""
    L = main_table(results, meta) + [""]
    if memory:
        L += memory_lines(results, memory) + [""]
    L += rules_table(results, meta) + [""] + compile_audit_lines(comp, audit, meta)
    T = targets(results, memory, comp, audit)
    TL = ["| target | measured | |", "|---|---|---|"] + ["| %s | %s | %s |" % t for t in T]
    return "\n".join(L), "\n".join(TL), T


def write_readme(stores, comp, audit, meta, table, targets_table, cmdline):
    """bench/README.md: its hand-written part (everything before "## Results") kept as it is,
    then the stores, this run's tables and targets, then bench/NOTES.md."""
    path = os.path.join(BENCH, "README.md")
    with open(path, encoding="utf-8") as f:
        old = f.read()
    cut = old.find("\n## Results\n")
    if cut < 0:
        die("bench/README.md has no '## Results' heading to write the results under")
    m = meta["machine"]
    text = old[:cut + 1] + "## Results\n\n"
    text += ("Run %s with `%s`: jiandu built %s (%s) from commit %s; %d CPUs (%s), %s memory, SQLite %s.\n\n" % (
        meta["date"], cmdline, meta["built"], meta["build_type"], meta["commit"], m["nproc"], m["cpu"], m["mem"], m["sqlite"]))
    text += "| store | `jiandu gen` | | measured |\n|---|---|---|---|\n"
    for s in stores:
        text += "| %s | `%s` | %s events, %.0f MB | %s |\n" % (
            s["name"], s["gen"], "{:,}".format(s["events"]), s["bytes"] / 1e6,
            "every engine" if s["role"] == "engines" else "jiandu, whole library (memory reference)")
    text += "\n" + table + "\n\n## Targets\n\n" + targets_table + "\n"
    if meta.get("notes"):
        text += "\n" + meta["notes"] + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
