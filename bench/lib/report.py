"""What a run prints and what a full run writes: the results table, the targets met or not,
and bench/README.md (its fixed head, the table, then bench/NOTES.md)."""
import os
import sqlite3
import statistics

from .common import AS_OF, BENCH
from .stores import SIZES

TARGETS = {
    "scan": "full check of 10M at most 2x the bare scan",
    "sql": "full check of 10M at least 10x faster than the SQL baselines",
    "same": "identical findings (SQL and jiandu), every baseline rule, every store",
    "mem": "peak memory under 1 GiB",
    "flat": "peak memory flat as events grow (10M within 25% of 1M, the same city)",
    "scale": "10x the events in at most 11x the time (10M / 1M)",
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


def report(results, comp, audit, meta, quick):
    L = []
    sizes = [r["name"] for r in results]
    L.append("| | " + " | ".join(sizes) + " |")
    L.append("|---|" + "---:|" * len(sizes))
    def row(label, f):
        L.append("| %s | %s |" % (label, " | ".join(f(r) for r in results)))
    row("events read (as of %s)" % AS_OF, lambda r: "{:,}".format(r["events"]))
    row("store size", lambda r: "%.0f MB" % (r["bytes"] / 1e6))
    row("**jiandu check**, whole library (%d rules)" % meta["rules"], lambda r: fmt_s(r["check"]))
    row("events/s", lambda r: "{:,.0f}".format(r["events"] / r["check"]))
    row("peak memory", lambda r: mib(r["check_rss"]))
    row("findings", lambda r: "{:,}".format(r["findings"]))
    row("**bare scan** (every row, every column, in order)", lambda r: fmt_s(r["scan"]))
    row("jiandu / bare scan", lambda r: "%.1f×" % (r["check"] / r["scan"]))
    row("runs: jiandu check", lambda r: " · ".join("%.2f" % x for x in r["check_runs"]))
    row("runs: bare scan", lambda r: " · ".join("%.2f" % x for x in r["scan_runs"]))
    row("jiandu check, the %d baseline rules" % len(results[0]["sql"]), lambda r: fmt_s(r["subset"]))
    row("**SQL**, the same %d rules (sum)" % len(results[0]["sql"]), lambda r: fmt_s(r["sql_total"]))
    row("SQL / jiandu (same rules)", lambda r: "%.1f×" % (r["sql_total"] / r["subset"]))
    row("SQL / jiandu (whole library)", lambda r: "%.1f×" % (r["sql_total"] / r["check"]))
    row("identical findings", lambda r: "%d of %d rules" % (sum(1 for x in r["sql"].values() if x["same"]), len(r["sql"])))
    row("load average, before → after", lambda r: " → ".join(r["load"]) if r["load"] else "?")
    by = {r["name"]: r for r in results}
    scale = None
    if "1M" in by and "10M" in by:
        a, b = by["1M"], by["10M"]
        scale = (b["check"] / a["check"], b["events"] / a["events"])
        L.append("")
        L.append("10M / 1M (the same city, %.1f× the events): jiandu check %.1f× the time, bare scan %.1f×, SQL %.1f×; peak memory %.2f×."
                 % (scale[1], scale[0], b["scan"] / a["scan"], b["sql_total"] / a["sql_total"], b["check_rss"] / a["check_rss"]))
    L.append("")
    L.append("SQL baselines, rule by rule (median seconds; findings compared as (subject, period, key, outcome)):")
    L.append("")
    L.append("| rule | kind | " + " | ".join(sizes) + " | findings (largest) | same |")
    L.append("|---|---|" + "---:|" * len(sizes) + "---:|---|")
    for rid in results[0]["sql"]:
        same = all(r["sql"][rid]["same"] for r in results)
        L.append("| %s | %s | %s | %s | %s |" % (
            rid, meta["kinds"].get(rid, "?"), " | ".join(fmt_s(r["sql"][rid]["seconds"]) for r in results),
            "{:,}".format(results[-1]["sql"][rid]["findings"]), "yes" if same else "**no**"))
    L.append("")
    L.append("Helper tables (days, working days, periods) built per connection in %s; not counted above." %
             fmt_s(statistics.median(x["setup"] for x in results[0]["sql"].values())))
    L.append("")
    L.append("Compiling rules (median of %d):" % meta["compile_reps"])
    L.append("")
    L.append("| | `jiandu lint` | `jiandu graph` (lint + one evaluation graph) | |")
    L.append("|---|---:|---:|---|")
    for k, v in comp.items():
        L.append("| %s | %s | %s | %s |" % (k, fmt_s(v["lint"]), fmt_s(v["graph"]), v["summary"]))
    if audit:
        L.append("")
        L.append("Nightly incremental audit on the 10M store: first audit (as of %s) %s, %s peak; then %d nights, each "
                 "importing one day (median %s events, import %s) and auditing as of that day, resumed from the "
                 "checkpoint: median **%s**, peak %s (nights: %s). The last night audited again reading every event "
                 "(`--full`, on a copy): %s; alerts, keys and trails %s."
                 % (AS_OF, fmt_s(audit["first"][0]), mib(audit["first"][1]), len(audit["nights"]), "{:,.0f}".format(audit["events"]),
                    fmt_s(audit["import"]), fmt_s(audit["audit"]), mib(audit["rss"]),
                    ", ".join("%s %s" % (x["night"], fmt_s(x["audit_s"])) for x in audit["nights"]),
                    fmt_s(audit["full_night"]), "identical" if audit["identical"] else "**different**"))

    # targets
    T = []
    def mark(ok):
        return "met" if ok else "**not met**"
    if "10M" in by:
        b = by["10M"]
        T.append((TARGETS["scan"], "%.1f× (%s vs %s)" % (b["check"] / b["scan"], fmt_s(b["check"]), fmt_s(b["scan"])),
                  mark(b["check"] <= 2 * b["scan"])))
        T.append((TARGETS["sql"], "SQL %.1f× the time of jiandu on the same rules (%.1f× the whole library)"
                  % (b["sql_total"] / b["subset"], b["sql_total"] / b["check"]), mark(b["sql_total"] >= 10 * b["subset"])))
    same_all = all(x["same"] for r in results for x in r["sql"].values())
    T.append((TARGETS["same"], "%d of %d" % (sum(1 for r in results for x in r["sql"].values() if x["same"]),
                                              sum(len(r["sql"]) for r in results)), mark(same_all)))
    peak = max(r["check_rss"] for r in results)
    T.append((TARGETS["mem"], "largest peak %s" % mib(peak), mark(peak < 1024 * 1024)))
    if "1M" in by and "10M" in by:
        ratio = by["10M"]["check_rss"] / by["1M"]["check_rss"]
        T.append((TARGETS["flat"], "%s → %s (%.2f×)" % (mib(by["1M"]["check_rss"]), mib(by["10M"]["check_rss"]), ratio), mark(ratio <= 1.25)))
    if scale:
        T.append((TARGETS["scale"], "%.1f× the time for %.1f× the events" % scale, mark(scale[0] <= 11 * scale[1] / 10)))
    if audit:
        T.append((TARGETS["audit"], "%s (%.0f× faster than reading every event: %s); ledger identical to a full read: %s"
                  % (fmt_s(audit["audit"]), audit["full_night"] / audit["audit"], fmt_s(audit["full_night"]),
                     "yes" if audit["identical"] else "**no**"),
                  mark(audit["audit"] < 1.0 and audit["identical"])))
    if "1000 rules" in comp:
        c = comp["1000 rules"]
        T.append((TARGETS["compile"], "lint %s, graph %s" % (fmt_s(c["lint"]), fmt_s(c["graph"])), mark(c["lint"] < 0.2)))
    TL = ["| target | measured | |", "|---|---|---|"] + ["| %s | %s | %s |" % t for t in T]
    return "\n".join(L), "\n".join(TL), T


README_HEAD = """# Benchmarks: jiandu against what a user would use instead

`bench/run` generates synthetic stores (`jiandu gen`, cached in `bench/data/`, git-ignored)
and measures, in one run on one machine, `jiandu check` with the whole rule library against
the two things a user could do instead: read the events themselves (the **bare scan**, the
floor for any engine on this store) or write the obligations as **SQL** over the store (what a
technical user would write: `bench/sql/RULE_ID.sql`). The SQL baselines are checked to return
the same findings as jiandu — subject, period, key and outcome — on every store.

```sh
bench/run                       # the full benchmark (about 45 minutes on 2 CPUs, most of it the 10M store)
bench/run --quick               # the 100k store only: a smoke check, nothing written here
bench/run --build build-bench   # another build directory (default build/)
```

## What is measured

| store | `jiandu gen` | |
|---|---|---|
%(stores)s

Two years of records (2025 and 2026 up to 20 November), seed 1, lapse rate 0.02; every
check is as of 2026-11-20. The 1M and 10M stores are the same city (the product brief's scale:
about 5,000 units and 100,000 people), the 10M one with ten times the everyday activity (car
use and meals), so 10M / 1M is ten times the events over the same subjects; the 100k store
is a city a tenth that size.

- **jiandu check**: `jiandu check --rules rules --db STORE --as-of 2026-11-20 --format jsonl`,
  findings written to a file; wall time, events/s (events read / wall time) and peak resident
  memory (`/usr/bin/time -f %%M`).
- **bare scan**: `build/jiandu-scan STORE --as-of 2026-11-20` (bench/scan.cpp): the engine's
  query (`WHERE ts < end of the as-of day ORDER BY ts, seq`: since store version 8 the table's own order),
  every column of every row read, a checksum printed: the floor for any engine that reads
  this store in time order through SQLite, as jiandu does (reading the table in storage
  order, without the index, is faster, but yields the events out of time order).
- **SQL**: each `bench/sql/RULE_ID.sql` on a fresh read-only connection (Python's `sqlite3`,
  SQLite %(sqlite)s), after TEMP helper tables built from `rules/calendars/*.yaml`: `days` (each
  day: working day, holiday, running count of working days), `workdays` (the n-th working
  day) and `periods` (each period's start, end and due date, for the rules that declare
  `-- periods:`). Times are the query alone; the same rules in jiandu are timed with
  `--rule ID` repeated.
- **compile**: `jiandu lint DIR` (load, parse, type-check, static checks) and `jiandu graph
  --rules DIR` (the same, compiled into one evaluation graph), for `rules/` and for 1,000
  generated rule files of all seven kinds.
- **incremental audit**: a copy of the 10M store, audited as of 2026-11-20 (reading every
  event, and saving the checkpoint); then three nights in a row, each importing one day of
  new events (a copy of the same weekday a week before, with new ids and refs) with `jiandu
  import` and running `jiandu audit --as-of` that day, which resumes from the last night's
  checkpoint (the benchmark stops if it does not). The last night is also audited on a copy
  of the store with `--full` (reading every event): alerts, keys and trails must be identical.

Every timing is the median of %(reps)d runs. The runs go round by round (bare scan, jiandu, jiandu on the
baseline rules, each SQL baseline; then again), so that a busy spell of a shared machine falls
on all of them; the table lists each run of the two main timings and the load average before
and after, so that noise can be told from a result. The file cache is warm (the store was just
generated or read).

## SQL baselines

| rule | kind | what the SQL has to do |
|---|---|---|
| conduct.private_car_use | match | a filter on the type and a JSON attribute |
| conduct.holiday_public_meal | match | the same, joined with the calendar's holidays |
| discipline.inquiry_reply_15wd | deadline | 15 working days from the trigger's local day, first answer on or after it (same-day timing rule), late / missing / due_soon (warn 3 working days) |
| instructions.first_time_study | deadline | 5 working days, late / missing |
| meetings.branch_committee_monthly | periodic | whole months since the effective date, a 5-working-day grace window, one event discharges one period (the earliest still short): a recursive query walks each branch's months |
| meetings.member_assembly_quarterly | periodic | the same by quarter |
| reporting.annual_report_to_city | periodic | an expectation that reads the period (attrs.year), due two months after the year (end-of-month clamping) |
| conduct.public_meal_spending_30d | threshold | a 30-day sliding sum per unit in the engine's order, fired on crossing, re-armed below (window functions) |
| instructions.implementation | sequence | five steps, each due after the one it follows (working days, months), late / missing / out_of_order, steps recorded before the case |
| responsibility.annual_duty_report | chain | the org subtree (recursive), role holders on 31 December from dated assignments, each holder's report wherever filed, vacant / missing_duty |
| discipline.repeated_conduct_violations | escalation | expressible, but only by restating the nine rules it reads (seven match, two threshold), then a one-year window per person with re-arming |

Two deadlines read "the first answer after the trigger answers it", which is what the engine
does when a ref names one case (as in these stores); the engine also pairs several open
triggers of one key first-in, first-out, which plain SQL would need a recursive query for.
Every rule kind, escalation included, could be written in SQL; the cost is that each query
restates the engine's semantics (periods judged the day after their due date, whole periods
since the effective date, one event per period, working days after the trigger's local day,
the escalation's inputs) and is re-run over the events once per rule.

"""


def write_readme(results, comp, audit, meta, table, targets, cmdline):
    stores = "\n".join("| %s | `--units %d --people %d --activity %d` | %s events, %.0f MB |" % (
        name, p["units"], p["people"], p["activity"], "{:,}".format(next((r["events"] for r in results if r["name"] == name), 0)),
        next((r["bytes"] for r in results if r["name"] == name), 0) / 1e6) for name, p in SIZES)
    m = meta["machine"]
    text = README_HEAD % dict(stores=stores, sqlite=m["sqlite"], reps=meta["reps"])
    text += "## Results\n\n"
    text += ("Run %s with `%s`: jiandu built %s (%s) from commit %s; %d CPUs (%s), %s memory, SQLite %s.\n\n" % (
        meta["date"], cmdline, meta["built"], meta["build_type"], meta["commit"], m["nproc"], m["cpu"], m["mem"], m["sqlite"]))
    text += table + "\n\n## Targets\n\n" + targets + "\n"
    if meta.get("notes"):
        text += "\n" + meta["notes"] + "\n"
    with open(os.path.join(BENCH, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


