"""The helper tables the SQL baselines join on: days (working day, holiday, running count of
working days, the month/quarter/year a day is in), workdays (the n-th working day) and
periods (each periodic rule's periods with their due dates)."""
import datetime
import glob
import os
import re

from .common import RULES, die, parse_date


def load_calendar():
    """rules/calendars/*.yaml: {year: (rest days {date: name}, make-up working days)}."""
    years = {}
    # The official years only (YYYY.yaml): the benchmark city lies within them.
    for f in sorted(glob.glob(os.path.join(RULES, "calendars", "[0-9][0-9][0-9][0-9].yaml"))):
        text = open(f, encoding="utf-8").read()
        body = "\n".join(l.split("#", 1)[0] for l in text.splitlines())
        m = re.search(r"^year:\s*(\d{4})", body, re.M)
        if not m:
            die("%s: no year" % f)
        year = int(m.group(1))
        rest = {}
        for h in re.finditer(r"\{\s*name:\s*([^,]+),\s*from:\s*(\d{4}-\d\d-\d\d),\s*to:\s*(\d{4}-\d\d-\d\d)\s*\}", body):
            d, end = parse_date(h.group(2)), parse_date(h.group(3))
            while d <= end:
                rest[d] = h.group(1).strip()
                d += datetime.timedelta(days=1)
        w = re.search(r"^workdays:\s*\[([^\]]*)\]", body, re.M)
        makeup = {parse_date(x.strip()) for x in w.group(1).split(",") if x.strip()} if w else set()
        years[year] = (rest, makeup)
    if not years:
        die("no calendars in rules/calendars")
    return years


class Calendar:
    """The engine's working-day calendar (engine/base/calendar.cpp), for the helper tables."""

    def __init__(self, years):
        self.years = years

    def is_holiday(self, d):
        nxt = self.years.get(d.year + 1)
        if nxt and d in nxt[0]:
            return True
        return d in self.years[d.year][0]

    def is_workday(self, d):
        if d in self.years[d.year][1]:
            return True
        if self.is_holiday(d):
            return False
        return d.isoweekday() <= 5

    def add_workdays(self, d, n):
        while n > 0:
            d += datetime.timedelta(days=1)
            if d.year not in self.years:
                return None  # beyond the calendars: unknown (the engine faults)
            if self.is_workday(d):
                n -= 1
        return d


def add_months(d, n):
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    m += 1
    last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(y, m, min(d.day, last))


def periods_of(every, first, until):
    """(index, label, start, end) of the periods from the one holding `first` to `until`'s."""
    out = []
    if every == "month":
        y, m = first.year, first.month
        while (y, m) <= (until.year, until.month):
            start = datetime.date(y, m, 1)
            out.append((y * 12 + m - 1, "%04d-%02d" % (y, m), start, add_months(start, 1) - datetime.timedelta(days=1)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif every == "quarter":
        y, q = first.year, (first.month - 1) // 3
        while (y, q) <= (until.year, (until.month - 1) // 3):
            start = datetime.date(y, q * 3 + 1, 1)
            out.append((y * 4 + q, "%04d-Q%d" % (y, q + 1), start, add_months(start, 3) - datetime.timedelta(days=1)))
            y, q = (y + 1, 0) if q == 3 else (y, q + 1)
    elif every == "year":
        for y in range(first.year, until.year + 1):
            out.append((y, "%04d" % y, datetime.date(y, 1, 1), datetime.date(y, 12, 31)))
    else:
        die("periods: every=%s is not supported by the benchmark's helper" % every)
    return out



def setup_tables(db, cal, baselines, as_of):
    """TEMP tables for the SQL baselines: days, workdays, periods (from rules/calendars)."""
    # days: each day of the calendars' years: its day number, whether a working day or a
    # holiday, the running count of working days up to it, the indexes of its month, quarter
    # and year (as the periods table numbers them)
    db.execute("CREATE TEMP TABLE days(day TEXT PRIMARY KEY, dn INTEGER, workday INTEGER, holiday INTEGER, wd INTEGER, "
               "m_idx INTEGER, q_idx INTEGER, y_idx INTEGER)")
    db.execute("CREATE TEMP TABLE workdays(n INTEGER PRIMARY KEY, day TEXT)")
    db.execute('CREATE TEMP TABLE periods(rule TEXT, idx INTEGER, label TEXT, start TEXT, "end" TEXT, due TEXT, PRIMARY KEY(rule, idx))')
    rows, wrows = [], []
    n = 0
    epoch = datetime.date(1970, 1, 1)
    for y in sorted(cal.years):
        d = datetime.date(y, 1, 1)
        while d.year == y:
            w = cal.is_workday(d)
            if w:
                n += 1
                wrows.append((n, d.isoformat()))
            rows.append((d.isoformat(), (d - epoch).days, int(w), int(cal.is_holiday(d)), n,
                         d.year * 12 + d.month - 1, d.year * 4 + (d.month - 1) // 3, d.year))
            d += datetime.timedelta(days=1)
    db.executemany("INSERT INTO days VALUES(?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO workdays VALUES(?,?)", wrows)
    prow = []
    for rule, (_, per) in baselines.items():
        if not per:
            continue
        every, n, unit, first = per
        # whole periods only: the first one starts on or after the effective date
        for idx, label, start, end in periods_of(every, first, as_of + datetime.timedelta(days=400)):
            if start < first:
                continue
            due = end if not n else (cal.add_workdays(end, n) if unit == "workdays" else add_months(end, n))
            prow.append((rule, idx, label, start.isoformat(), end.isoformat(), due.isoformat() if due else None))
    db.executemany("INSERT INTO periods VALUES(?,?,?,?,?,?)", prow)


