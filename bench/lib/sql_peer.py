"""The SQLite peer: the eleven baselines (bench/sql/RULE.sql), each on a fresh read-only
connection with the helper tables, timed apart from building them."""
import datetime
import glob
import os
import re
import sqlite3
import time

from .common import BENCH, parse_date


def sql_baselines():
    """bench/sql/*.sql: {rule id: (text, periods directive or None)}."""
    out = {}
    for f in sorted(glob.glob(os.path.join(BENCH, "sql", "*.sql"))):
        rule = os.path.basename(f)[:-4]
        text = open(f, encoding="utf-8").read()
        m = re.search(r"^-- periods: every=(\w+)(?: due=(\d+) (workdays|months))? from=(\d{4}-\d\d-\d\d)\s*$", text, re.M)
        out[rule] = (text, (m.group(1), int(m.group(2)) if m.group(2) else 0, m.group(3), parse_date(m.group(4))) if m else None)
    return out


def end_utc(db, as_of):
    """The engine's bound: the end of the as-of day in the store's zone, as UTC seconds."""
    end_local = (parse_date(as_of) - datetime.date(1970, 1, 1)).days * 86400 + 86400
    zone = None
    try:
        r = db.execute("SELECT value FROM meta WHERE key = 'zone'").fetchone()
        zone = r[0] if r else None
    except sqlite3.Error:
        pass
    if zone:
        try:
            import zoneinfo
            z = zoneinfo.ZoneInfo(zone)
            local = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=end_local)
            off = z.utcoffset(local)
            return end_local - int(off.total_seconds())
        except Exception:
            pass
    r = db.execute("SELECT utc_offset FROM events ORDER BY ts DESC LIMIT 1").fetchone()
    return end_local - (r[0] if r else 0)


def store_end_utc(store, as_of):
    """end_utc of a store, read from it (read-only)."""
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    try:
        return end_utc(db, as_of)
    finally:
        db.close()


def run_sql(store, setup, text, as_of):
    """One baseline (its SQL text) on a fresh read-only connection, after `setup(db)` built the
    helper tables: (seconds of the query, seconds of the setup, rows)."""
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    t0 = time.perf_counter()
    setup(db)
    params = {"as_of": as_of, "end_utc": end_utc(db, as_of)}
    t1 = time.perf_counter()
    rows = db.execute(text, params).fetchall()
    t2 = time.perf_counter()
    db.close()
    return t2 - t1, t1 - t0, rows




def baseline_kinds(baselines):
    """{rule id: its kind}, from each baseline's first line (`-- RULE (kind): …`)."""
    kinds = {}
    for rid, (text, _) in baselines.items():
        m = re.search(r"^-- %s \((\w+)\)" % re.escape(rid), text, re.M)
        kinds[rid] = m.group(1) if m else "?"
    return kinds
