"""The helper tables the SQL baselines join on, taken from the engine (`jiandu calendar`), not
from the calendar files read a second way: the peers judge by the days the engine judges by.

  days(day, dn, workday, holiday, wd, m_idx, q_idx, y_idx)
      each day: days since 1970-01-01, working day, holiday (a rest day other than an
      ordinary weekend), the running count of working days up to it, and the engine's index
      of the month, quarter and year it is in (the periods table's idx)
  workdays(n, day)                          the n-th working day of the table
  periods(rule, idx, label, start, end, due)
      each period of a baseline that declares `-- periods: every=UNIT [due=N workdays|months]
      from=DATE` (bench/sql/), whole periods from that date on, with the engine's index and
      label; the due date is found by counting working days of the days table after the
      period's end (or adding months), with no calendar logic here.

The days run from 1 January of the first year needed (the stores' first events, the
baselines' effective dates) to 31 December of the year after the as-of date; a due date
beyond them is NULL, as the engine cannot tell it either.
"""
import csv
import datetime
import io
import sqlite3
import subprocess

from .common import ROOT, RULES, die, parse_date

EPOCH = datetime.date(1970, 1, 1)


def engine_csv(jiandu, args):
    """The rows of `jiandu calendar --rules rules ARGS --format csv` (UTF-8 with a BOM, CRLF)."""
    cmd = [jiandu, "calendar", "--rules", RULES] + list(args) + ["--format", "csv"]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    if p.returncode != 0:
        die("%s exited %d:\n%s" % (" ".join(cmd[1:]), p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
    return list(csv.DictReader(io.StringIO(p.stdout.decode("utf-8-sig"), newline="")))


def engine_periods(jiandu, unit, first, last):
    """[(index, label, start, end)] of the engine's periods of `unit` overlapping [first, last]."""
    rows = engine_csv(jiandu, ["--periods", unit, "--from", first.isoformat(), "--to", last.isoformat()])
    return [(int(r["index"]), r["label"], parse_date(r["start"]), parse_date(r["end"])) for r in rows]


def add_months(d, n):
    """d plus n months, clamped to the month's last day (as the engine's Date::add_months)."""
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    m += 1
    last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(y, m, min(d.day, last))


def store_first_day(store):
    """The local day of a store's first event (the events table is in time order)."""
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    try:
        r = db.execute("SELECT date(ts + utc_offset, 'unixepoch') FROM events ORDER BY ts, seq LIMIT 1").fetchone()
    finally:
        db.close()
    return parse_date(r[0]) if r else None


class CalendarTables:
    """The rows of the three helper tables, read from the engine once; setup(db) creates them
    as TEMP tables on a connection (each SQL baseline runs on a fresh one)."""

    def __init__(self, jiandu, baselines, as_of, stores=()):
        as_of = parse_date(as_of)
        froms = [per[3] for _, per in baselines.values() if per]
        starts = [d for d in (store_first_day(s) for s in stores) if d] + froms + [as_of]
        self.first = datetime.date(min(starts).year, 1, 1)
        self.last = datetime.date(as_of.year + 1, 12, 31)

        # The day's period in each unit the SQL joins on, by the engine's own numbering.
        index_of = {}
        for unit in ("month", "quarter", "year"):
            for idx, _, start, end in engine_periods(jiandu, unit, self.first, self.last):
                d = start
                while d <= end:
                    index_of[(unit, d)] = idx
                    d += datetime.timedelta(days=1)

        self.days, self.workdays = [], []
        position = {}  # day -> the running count of working days up to it
        n = 0
        for row in engine_csv(jiandu, ["--from", self.first.isoformat(), "--to", self.last.isoformat()]):
            d = parse_date(row["date"])
            work = row["workday"] == "1"
            if work:
                n += 1
                self.workdays.append((n, d.isoformat()))
            position[d] = n
            self.days.append((d.isoformat(), (d - EPOCH).days, int(work), int(row["holiday"] == "1"), n,
                              index_of[("month", d)], index_of[("quarter", d)], index_of[("year", d)]))
        if len(self.days) != (self.last - self.first).days + 1:
            die("jiandu calendar gave %d days for %s to %s" % (len(self.days), self.first, self.last))

        def after_workdays(d, k):
            if d not in position:
                return None
            i = position[d] + k  # the k-th working day after d (d itself not counted)
            return self.workdays[i - 1][1] if i <= len(self.workdays) else None

        self.periods = []
        for rule, (_, per) in baselines.items():
            if not per:
                continue
            every, k, unit, first = per
            for idx, label, start, end in engine_periods(jiandu, every, first, self.last):
                if start < first:
                    continue  # whole periods only: the first one starts on or after the effective date
                if not k:
                    due = end.isoformat()
                elif unit == "workdays":
                    due = after_workdays(end, k)
                else:
                    due = add_months(end, k).isoformat()
                self.periods.append((rule, idx, label, start.isoformat(), end.isoformat(), due))

    def setup(self, db):
        """TEMP tables days, workdays and periods on the connection `db`."""
        db.execute("CREATE TEMP TABLE days(day TEXT PRIMARY KEY, dn INTEGER, workday INTEGER, holiday INTEGER, wd INTEGER, "
                   "m_idx INTEGER, q_idx INTEGER, y_idx INTEGER)")
        db.execute("CREATE TEMP TABLE workdays(n INTEGER PRIMARY KEY, day TEXT)")
        db.execute('CREATE TEMP TABLE periods(rule TEXT, idx INTEGER, label TEXT, start TEXT, "end" TEXT, due TEXT, '
                   'PRIMARY KEY(rule, idx))')
        db.executemany("INSERT INTO days VALUES(?,?,?,?,?,?,?,?)", self.days)
        db.executemany("INSERT INTO workdays VALUES(?,?)", self.workdays)
        db.executemany("INSERT INTO periods VALUES(?,?,?,?,?,?)", self.periods)
