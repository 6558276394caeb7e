"""The synthetic stores: what each is (`jiandu gen` parameters) and where it is cached
(bench/data/, git-ignored); generated once, brought to the current schema when reused."""
import os
import subprocess
import time

from .common import DATA, ROOT, RULES, SEED, YEARS, log

# The stores: the top one is a city of the product brief's scale (~5,000 units, ~100,000
# people, 5 million events a year); the 1M store is the same city with a tenth of the everyday
# activity (so 10M/1M is ten times the events over the same subjects); the 100k store is a
# city a tenth the size with the 1M store's activity.
SIZES = [
    ("100k", dict(units=500, people=10000, activity=4)),
    ("1M", dict(units=5000, people=100000, activity=4)),
    ("10M", dict(units=5000, people=100000, activity=51)),
]


def store_path(p):
    return os.path.join(DATA, "city-u%d-p%d-a%d-s%d.db" % (p["units"], p["people"], p["activity"], SEED))


def ensure_store(jiandu, p):
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
    log("generating %s (units %d, people %d, activity %d): this takes a while for the large ones"
        % (os.path.basename(path), p["units"], p["people"], p["activity"]))
    t0 = time.perf_counter()
    subprocess.run([jiandu, "gen", "--db", tmp, "--units", str(p["units"]), "--people", str(p["people"]),
                    "--years", str(YEARS), "--seed", str(SEED), "--activity", str(p["activity"]),
                    "--calendars", os.path.join(RULES, "calendars")], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t0
    os.replace(tmp, path)
    return path, secs




def gen_args(p):
    """The store's `jiandu gen` parameters, as a user would type them."""
    return "--units %d --people %d --activity %d" % (p["units"], p["people"], p["activity"])
