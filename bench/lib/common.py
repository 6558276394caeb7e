"""Where things are and the date every check is judged as of; how a part of the benchmark
speaks (log to stderr, die with status 2). Every other part imports from here."""
import datetime
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench")
DATA = os.path.join(BENCH, "data")
RULES = os.path.join(ROOT, "rules")
AS_OF = "2026-11-20"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def die(msg):
    log("bench/run: " + msg)
    sys.exit(2)


def parse_date(s):
    return datetime.date.fromisoformat(s)
