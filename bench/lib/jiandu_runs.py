"""The engine's runs on one store, as command lines: the floor (build/jiandu-scan, every row
in the table's storage order, which is time order since store version 8) and `jiandu check`
four ways — the whole library on one thread and on two, the eleven baseline rules in one run
(`--rule` repeated) on one thread (as the DuckDB peer runs) and on two — each writing its
findings as JSONL. The thread counts are explicit: jiandu's default is one per core."""
import re

from .common import AS_OF, RULES, die

# (key, what it is): the order of a round, and the labels of the table
RUNS = [
    ("scan", "floor: bare scan (jiandu-scan, storage order)"),
    ("check", "jiandu, whole library, 1 thread"),
    ("threads2", "jiandu, whole library, 2 threads"),
    ("subset", "jiandu, the 11 baseline rules (one run), 1 thread"),
    ("subset2", "jiandu, the 11 baseline rules (one run), 2 threads"),
]


def check_command(jiandu, store, extra=()):
    return [jiandu, "check", "--rules", RULES, "--db", store, "--as-of", AS_OF, "--format", "jsonl"] + list(extra)


def commands(jiandu, scan, store, rules):
    """{key: command} for every run of RUNS."""
    only = []
    for rid in rules:
        only += ["--rule", rid]
    return {
        "scan": [scan, store, "--as-of", AS_OF],
        "check": check_command(jiandu, store, ["--threads", "1"]),
        "threads2": check_command(jiandu, store, ["--threads", "2"]),
        "subset": check_command(jiandu, store, ["--threads", "1"] + only),
        "subset2": check_command(jiandu, store, ["--threads", "2"] + only),
    }


def events_of_scan(text):
    """The row count jiandu-scan prints: the events a check as of AS_OF reads."""
    m = re.search(r"rows (\d+)", text)
    if not m:
        die("jiandu-scan printed no row count:\n" + text[-1000:])
    return int(m.group(1))
