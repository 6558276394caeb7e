"""The synthetic stores: what each is (`jiandu gen` parameters) and where it is cached
(bench/data/, git-ignored); generated once, brought to the current schema when reused."""
import os
import subprocess
import time

from .common import DATA, ROOT, RULES, log

# Every store is measured with every engine, except the memory reference (role "memory"),
# on which only the whole library is run: the flat-memory target compares the 10M
# store with a store of the same city and a tenth of the events, and the 2.5M store is
# another city. Two years of records unless `years` says otherwise (the last one 2026),
# lapse rate 0.02.
STORES = [
    # a city a tenth the brief's size, with little everyday activity: the smoke check
    dict(name="100k", role="engines", units=500, people=10000, activity=4, years=2, seed=1),
    # the issue's own second store (issue 16: 2.53M events), the one jiandu must beat DuckDB on
    dict(name="2.5M", role="engines", units=2000, people=40000, activity=20, years=3, seed=7),
    # the product brief's scale (~5,000 units, ~100,000 people, 5 million events a year)
    dict(name="10M", role="engines", units=5000, people=100000, activity=51, years=2, seed=1),
    # the 10M city with a tenth of the everyday activity (car use, meals): 10M / 1M is ten
    # times the events over the same subjects, for peak memory and time as events grow
    dict(name="1M", role="memory", units=5000, people=100000, activity=4, years=2, seed=1),
]
QUICK = ["100k"]


def store_path(p):
    # (years other than 2 in the name only: the stores cached before kept their names)
    years = "" if p["years"] == 2 else "-y%d" % p["years"]
    return os.path.join(DATA, "city-u%d-p%d-a%d%s-s%d.db" % (p["units"], p["people"], p["activity"], years, p["seed"]))


def gen_args(p):
    """The store's `jiandu gen` parameters, as a user would type them."""
    return "--units %d --people %d --activity %d --years %d --seed %d" % (
        p["units"], p["people"], p["activity"], p["years"], p["seed"])


def ensure_store(jiandu, p):
    """(path, seconds it took to generate, or None when it was cached)."""
    path = store_path(p)
    if os.path.exists(path) and not os.path.exists(path + "-journal"):
        # A store cached by an older jiandu is brought to the current schema (status migrates).
        subprocess.run([jiandu, "status", "--db", path], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        return path, None
    os.makedirs(DATA, exist_ok=True)
    tmp = path + ".tmp"
    for f in (tmp, tmp + "-wal", tmp + "-shm"):
        if os.path.exists(f):
            os.unlink(f)
    log("generating %s (%s): this takes a while for the large ones" % (os.path.basename(path), gen_args(p)))
    t0 = time.perf_counter()
    subprocess.run([jiandu, "gen", "--db", tmp] + gen_args(p).split() + ["--calendars", os.path.join(RULES, "calendars")],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    os.replace(tmp, path)
    return path, secs
