#!/usr/bin/env python3
"""Checks the example city independently of generate.py.

    python3 examples/city/check.py

1. Reads orgs.csv, people.csv, roles.csv, events.csv and events-2026.jsonl with the csv and
   json modules and validates them: headers, unique ids, references, time stamps, every
   event's attrs against schemas/events.yaml, and the role invariants (at most one branch
   secretary per branch on any day, and then the division head but in the one stretch the
   README lists; one division head; at most one 纪检委员, a sitting committee member; one
   party group secretary and 2–4 members per 党组; full-time party staff only at a 机关党委,
   ...). A branch without a secretary is not an
   error here (organisation.branch_secretary_in_post reports it); its meetings are then
   convened by a committee member. The member records (dues, sign-ins, ...) are a branch's,
   of a member of it, and a branch that keeps sign-ins has as many at each 主题党日 as the
   day's attendees.
2. Recomputes, with its own copy of the official calendar, the findings of all 89 rules of
   rules/ as of 2026-11-20 — periodic, chain (duties and requirements), deadline, sequence,
   match (also a span `after` an earlier event), threshold and escalation, each in a few lines
   of its own (none of the engine's code or the rule files is read; the rules' numbers and
   tags are copied here) — and, for the counting rules, under
   each reasonable reading of the windows (events counted inside the period only, up to the
   end of the grace, each event for one period only, reports by `attrs.year`); it fails when
   the readings disagree.
3. Prints the findings as the README's lapse table (without the free-text reason column) and
   fails unless they are exactly the table's rows, in the table's order.
Standard library only (PyYAML is used for the catalog when installed). Exit status 0 = all good.
"""

import csv
import json
import os
import re
import sys
from datetime import date, datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "schemas", "events.yaml")
AS_OF = date(2026, 11, 20)
EFFECTIVE = date(2025, 1, 1)
SHANGHAI = timezone(timedelta(hours=8))

errors = []


def error(msg):
    errors.append(msg)


# ── the official calendar, 2024–2026 (rest days and make-up working days) ──────────────────
RESTS = """
2024-01-01..2024-01-01 2024-02-10..2024-02-17 2024-04-04..2024-04-06 2024-05-01..2024-05-05
2024-06-10..2024-06-10 2024-09-15..2024-09-17 2024-10-01..2024-10-07
2025-01-01..2025-01-01 2025-01-28..2025-02-04 2025-04-04..2025-04-06 2025-05-01..2025-05-05
2025-05-31..2025-06-02 2025-10-01..2025-10-08
2026-01-01..2026-01-03 2026-02-15..2026-02-23 2026-04-04..2026-04-06 2026-05-01..2026-05-05
2026-06-19..2026-06-21 2026-09-25..2026-09-27 2026-10-01..2026-10-07
"""
MAKEUPS = """
2024-02-04 2024-02-18 2024-04-07 2024-04-28 2024-05-11 2024-09-14 2024-09-29 2024-10-12
2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11
2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10
"""
REST = set()
for span in RESTS.split():
    a, b = (date.fromisoformat(x) for x in span.split(".."))
    while a <= b:
        REST.add(a)
        a += timedelta(days=1)
MAKEUP = {date.fromisoformat(x) for x in MAKEUPS.split()}


def workday(d):
    return d in MAKEUP or (d.weekday() < 5 and d not in REST)


def plus_workdays(d, n):
    k = 0
    while k < n:
        d += timedelta(days=1)
        k += workday(d)
    return d


def plus_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


# ── the catalog ────────────────────────────────────────────────────────────────────────────
def parse_flow(text):
    """A YAML flow value made of maps, lists and plain scalars (enough for the catalog)."""
    tokens = re.findall(r"[{}\[\],:]|[^{}\[\],:\s][^{}\[\],:]*", text)
    tokens = [t.strip() for t in tokens]
    pos = 0

    def value():
        nonlocal pos
        t = tokens[pos]
        pos += 1
        if t == "{":
            out = {}
            while tokens[pos] != "}":
                k = tokens[pos]
                assert tokens[pos + 1] == ":", text
                pos += 2
                out[k] = value()
                if tokens[pos] == ",":
                    pos += 1
            pos += 1
            return out
        if t == "[":
            out = []
            while tokens[pos] != "]":
                out.append(value())
                if tokens[pos] == ",":
                    pos += 1
            pos += 1
            return out
        return {"true": True, "false": False}.get(t, t)
    return value()


def load_catalog_by_hand(text):
    lines = [re.sub(r"\s+#.*$|^\s*#.*$", "", ln).rstrip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln.strip()]
    types, i = {}, lines.index("types:") + 1
    current = None
    while i < len(lines):
        ln = lines[i]
        indent = len(ln) - len(ln.lstrip())
        key, _, rest = ln.strip().partition(":")
        rest = rest.strip()
        if indent == 2:
            current = types.setdefault(key, {})
        elif indent == 4 and key == "attrs" and rest:
            current["attrs"] = parse_flow(rest)
        elif indent == 4 and key == "attrs":
            attrs = current["attrs"] = {}
            i += 1
            while i < len(lines) and len(lines[i]) - len(lines[i].lstrip()) > 4:
                name, _, v = lines[i].strip().partition(":")
                if v.strip():
                    attrs[name] = parse_flow(v.strip())
                    i += 1
                    continue
                spec = attrs[name] = {}
                i += 1
                while i < len(lines) and len(lines[i]) - len(lines[i].lstrip()) > 6:
                    k, _, v = lines[i].strip().partition(":")
                    v = v.strip()
                    while v.count("[") > v.count("]"):
                        i += 1
                        v += " " + lines[i].strip()
                    spec[k] = parse_flow(v)
                    i += 1
            continue
        i += 1
    return types


def load_catalog():
    text = open(CATALOG, encoding="utf-8").read()
    try:
        import yaml
        types = yaml.safe_load(text)["types"]
    except ImportError:
        types = load_catalog_by_hand(text)
    out = {}
    for name, t in types.items():
        specs = {}
        for a, s in (t.get("attrs") or {}).items():
            s = {"type": s} if isinstance(s, str) else dict(s)
            specs[a] = (s["type"], bool(s.get("required", False)), [str(v) for v in s.get("values", [])])
        out[name] = specs
    return out


def check_attrs(cat, ev):
    specs = cat.get(ev["type"])
    if specs is None:
        return f"unknown event type {ev['type']}"
    a = ev["attrs"]
    if not isinstance(a, dict):
        return "attrs is not an object"
    for k, v in a.items():
        if k not in specs:
            return f"unknown attribute {k}"
        typ, _, values = specs[k]
        ok = {"string": isinstance(v, str),
              "int": isinstance(v, int) and not isinstance(v, bool),
              "decimal": isinstance(v, (int, float)) and not isinstance(v, bool),
              "bool": isinstance(v, bool)}.get(typ)
        if ok is None:
            ok = isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\d", v) is not None
        if not ok:
            return f"attribute {k}={v!r} is not {typ}"
        if values and v not in values:
            return f"attribute {k}={v!r} not in {values}"
    for k, (_, required, _) in specs.items():
        if required and a.get(k) is None:
            return f"required attribute {k} missing"
    return None


# ── reading the files ──────────────────────────────────────────────────────────────────────
def read_csv(name, header):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        error(f"{name}: header {rows[0]} != {header}")
    out = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            error(f"{name}:{n}: {len(r)} fields")
        out.append(dict(zip(header, r)))
    return out


def parse_ts(text):
    m = re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(\+08:00)?)?", text)
    if not m:
        return None
    t = datetime.fromisoformat(text)
    if t.tzinfo:
        t = t.astimezone(SHANGHAI).replace(tzinfo=None)
    return t


orgs = {r["id"]: r for r in read_csv("orgs.csv", ["id", "parent", "kind", "name"])}
people = {r["id"]: r for r in read_csv("people.csv", ["id", "name", "org"])}
roles = read_csv("roles.csv", ["person", "org", "role", "from", "to"])
events = []
for r in read_csv("events.csv", ["id", "ts", "type", "org", "person", "ref", "attrs"]):
    r["attrs"] = json.loads(r["attrs"])
    r["file"] = "events.csv"
    events.append(r)
with open(os.path.join(HERE, "events-2026.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        obj = json.loads(line)
        if set(obj) - {"id", "ts", "type", "org", "person", "ref", "attrs"} or \
                not {"id", "ts", "type", "org", "attrs"} <= set(obj):
            error(f"events-2026.jsonl:{n}: keys {sorted(obj)}")
        obj["person"] = obj.get("person") or ""
        obj["ref"] = obj.get("ref") or ""
        obj["file"] = "events-2026.jsonl"
        events.append(obj)

# ── validation ─────────────────────────────────────────────────────────────────────────────
KIND_PARENT = {"city_committee": "", "work_committee": "city_committee", "organ": "work_committee",
               "leadership_group": "organ", "organ_party_committee": "organ",
               "organ_discipline_committee": "organ_party_committee",
               "party_branch": "organ_party_committee"}
ROLE_NAMES = {"city_secretary", "work_committee_secretary", "party_group_secretary",
              "party_group_member", "organ_committee_secretary", "organ_committee_deputy_secretary",
              "discipline_secretary", "branch_secretary", "branch_committee_member",
              "division_head", "member", "branch_discipline_member", "party_affairs_staff"}
for o in orgs.values():
    if o["kind"] not in KIND_PARENT:
        error(f"org {o['id']}: kind {o['kind']}")
    elif (orgs[o["parent"]]["kind"] if o["parent"] else "") != KIND_PARENT[o["kind"]]:
        error(f"org {o['id']}: parent {o['parent']!r} is not a {KIND_PARENT[o['kind']]}")
    if not re.fullmatch(r"[a-z0-9.]+", o["id"]):
        error(f"org id {o['id']}")
for p in people.values():
    if p["org"] not in orgs:
        error(f"person {p['id']}: unknown org {p['org']}")
for r in roles:
    if r["person"] not in people or r["org"] not in orgs or r["role"] not in ROLE_NAMES:
        error(f"role {r}: unknown person, org or role")
    elif r["role"] == "party_affairs_staff" and orgs[r["org"]]["kind"] != "organ_party_committee":
        error(f"role {r}: full-time party staff outside a 机关党委")
    r["lo"] = date.fromisoformat(r["from"])
    r["hi"] = date.fromisoformat(r["to"]) if r["to"] else date.max
    if r["lo"] > r["hi"]:
        error(f"role {r}: from after to")


def holders(org, role, d):
    return sorted(r["person"] for r in roles if r["org"] == org and r["role"] == role and r["lo"] <= d <= r["hi"])


def of_kind(kind):
    return sorted(o for o in orgs if orgs[o]["kind"] == kind)


late_starts = sorted({(r["from"], r["person"], r["org"], r["role"]) for r in roles if r["lo"] > date(2024, 1, 1)})
vacant_days = {}     # branch -> the days without a branch secretary (a rule reports them)
# The one stretch in which a branch secretary is not the division head, as the README's
# organisation section says (organisation.branch_secretary_is_head reports it): 市财政局办公室,
# 潘伟 office director from 2026-03-30 while 林淑芬 stays secretary to her last day, 04-14.
HEAD_BEFORE_SECRETARY = {"czj.b1": (date(2026, 3, 30), date(2026, 4, 14))}
d = date(2024, 1, 1)
while d <= AS_OF:
    for b in of_kind("party_branch"):
        secs, heads = holders(b, "branch_secretary", d), holders(b, "division_head", d)
        if len(heads) != 1 or len(secs) > 1:
            error(f"{b} on {d}: branch secretaries {secs}, division heads {heads}")
        elif secs and secs != heads and not (HEAD_BEFORE_SECRETARY.get(b, (date.max, date.min))[0] <= d
                                             <= HEAD_BEFORE_SECRETARY[b][1]):
            error(f"{b} on {d}: the branch secretary is not the division head")
        elif not secs:
            vacant_days.setdefault(b, []).append(d)
            if heads[0] not in holders(b, "branch_committee_member", d):
                error(f"{b} on {d}: no secretary, and the division head is not on the committee")
        if len(holders(b, "member", d)) < 7:
            error(f"{b} on {d}: fewer than 7 members but a branch committee")
        dm = holders(b, "branch_discipline_member", d)
        if len(dm) > 1 or not set(dm) <= set(holders(b, "branch_committee_member", d)):
            error(f"{b} on {d}: 纪检委员 {dm} not one sitting committee member")
    for g in of_kind("leadership_group"):
        if len(holders(g, "party_group_secretary", d)) != 1 or \
                not 2 <= len(holders(g, "party_group_member", d)) <= 4:
            error(f"{g} on {d}: secretary/members {holders(g, 'party_group_secretary', d)}")
    for c in of_kind("organ_party_committee"):
        if len(holders(c, "organ_committee_secretary", d)) != 1:
            error(f"{c} on {d}: organ committee secretaries")
    for c in of_kind("organ_discipline_committee"):
        ds = holders(c, "discipline_secretary", d)
        if len(ds) != 1 or ds != holders(orgs[c]["parent"], "organ_committee_deputy_secretary", d):
            error(f"{c} on {d}: discipline secretary {ds} is not the organ committee deputy secretary")
    for o, r in (("city", "city_secretary"), ("gwc", "work_committee_secretary")):
        if len(holders(o, r, d)) != 1:
            error(f"{o} on {d}: {r}")
    d += timedelta(days=1)

cat = load_catalog()
seen = set()
MEETINGS = {"meeting.member_assembly", "meeting.branch_committee", "meeting.group", "lecture.party",
            "party_day.themed", "meeting.org_life", "meeting.democratic_life", "appraisal.member",
            "talk.heart", "meeting.cadre_assembly", "study.group"}
for e in events:
    where = f"{e['file']} {e['id']}"
    if e["id"] in seen or not re.fullmatch(r"e20\d\d-\d{5}", e["id"]):
        error(f"{where}: duplicate or malformed id")
    seen.add(e["id"])
    e["t"] = parse_ts(e["ts"])
    if e["t"] is None:
        error(f"{where}: time stamp {e['ts']!r}")
        continue
    e["d"] = e["t"].date()
    e["timed"] = "T" in e["ts"]
    if not EFFECTIVE <= e["d"] <= AS_OF or str(e["d"].year) != e["id"][1:5] or \
            (e["file"] == "events.csv") != (e["d"].year == 2025):
        error(f"{where}: {e['ts']} outside its file's year or the span")
    if e["org"] not in orgs or (e["person"] and e["person"] not in people):
        error(f"{where}: unknown org or person")
    why = check_attrs(cat, e)
    if why:
        error(f"{where}: {why}")
    if e["type"] not in ("expense.meal", "car.use") and not workday(e["d"]):
        error(f"{where}: {e['type']} on a rest day")
    if e["type"] in MEETINGS and (not workday(e["d"]) or
                                  (e["timed"] and not "08:30" <= e["t"].strftime("%H:%M") <= "17:30")):
        error(f"{where}: meeting outside working days or office hours")
    if e["type"] in ("meeting.branch_committee", "party_day.themed", "meeting.member_assembly",
                     "meeting.org_life") and e["person"] not in (
            holders(e["org"], "branch_secretary", e["d"]) or holders(e["org"], "branch_committee_member", e["d"])):
        error(f"{where}: convened by {e['person']}, not the branch secretary (or, while the post is vacant, "
              f"a committee member)")
events.sort(key=lambda e: e["t"])     # in time order; equal times in the order of the files
events = [e for e in events if "d" in e and e["d"] <= AS_OF]   # nothing after AS_OF is seen
for i, e in enumerate(events):
    e["pos"] = i

# The member records: filed at a branch, about one of its members that day (a deregistration
# may come on the day after the last); each 主题党日 of a branch that records sign-ins, from
# its first registration on, has one sign-in for each attendee, and no sign-in lacks its day.
MEMBER_RECORDS = {"member.registered", "member.deregistered", "member.dues_paid", "member.attended", "member.excused"}
signins, registered = {}, {}
for e in events:
    if e["type"] not in MEMBER_RECORDS:
        continue
    on = [e["d"], e["d"] - timedelta(days=1)] if e["type"] == "member.deregistered" else [e["d"]]
    if orgs[e["org"]]["kind"] != "party_branch" or not any(e["person"] in holders(e["org"], "member", x) for x in on):
        error(f"{e['file']} {e['id']}: {e['type']} of {e['person'] or 'no one'}, not a member of {e['org']}")
    if e["type"] == "member.attended":
        signins.setdefault((e["org"], e["ts"]), []).append(e["person"])
    if e["type"] == "member.registered":
        registered.setdefault(e["org"], e["d"])
party_days = {(e["org"], e["ts"]): e for e in events if e["type"] == "party_day.themed" and e["org"] in registered
              and e["d"] >= registered[e["org"]]}
for k, e in party_days.items():
    people_in = signins.get(k, [])
    if len(people_in) != len(set(people_in)) or len(people_in) != e["attrs"]["attendees"] or e["person"] not in people_in:
        error(f"{e['file']} {e['id']}: {len(people_in)} sign-ins for {e['attrs']['attendees']} attendees")
for k in signins:
    if k not in party_days:
        error(f"sign-ins at {k[0]} on {k[1]} without a 主题党日")

# ── the findings ───────────────────────────────────────────────────────────────────────────
# All 89 rules of rules/ are recomputed here, each in a few lines of its own, from the
# regulation as the rule file states it (counts, windows, deadlines, holders on the period's
# last day); none of the engine's code or the rule files is read. A period is judged once its
# due date (its last day plus the grace) is before AS_OF; a deadline's duty is `missing` from the day
# after its due date.
findings = []          # dicts: rule, subject, where (3rd column), outcome, detail, date, org, person
disagreements = []


def add(rule, subject, where, outcome, detail, day, org=None, person=None):
    findings.append(dict(rule=rule, subject=subject, where=where, outcome=outcome, detail=detail,
                         date=day, org=subject if org is None else org, person=person))


def periods(every, first_year=2025):
    y, i = first_year, 1
    while True:
        if every == "month":
            lo = date(y, i, 1)
            hi = plus_months(lo, 1) - timedelta(days=1)
            name = f"{y}-{i:02d}"
            y, i = (y + 1, 1) if i == 12 else (y, i + 1)
        elif every == "quarter":
            lo = date(y, 3 * i - 2, 1)
            hi = plus_months(lo, 3) - timedelta(days=1)
            name = f"{y}-Q{i}"
            y, i = (y + 1, 1) if i == 4 else (y, i + 1)
        else:
            lo, hi, name = date(y, 1, 1), date(y, 12, 31), str(y)
            y += 1
        if lo > AS_OF:
            return
        yield name, lo, hi


def due_of(hi, due):
    if due is None:
        return hi
    n, unit = due
    return plus_workdays(hi, n) if unit == "workdays" else plus_months(hi, n)


def closed(every, due):
    """The periods judged as of AS_OF: (label, first day, last day, due date)."""
    for name, lo, hi in periods(every):
        dd = due_of(hi, due)
        if dd < AS_OF:
            yield name, lo, hi, dd


def count_readings(match, lo, hi, due, year=None):
    """Counts under the plain readings (within the period; up to its due date; by attrs.year
    when asked). The callers add the rule's own reading last (see allocate); all must agree
    for the data to be unambiguous, and the last one is the verdict."""
    c = {"period": sum(1 for e in events if match(e) and lo <= e["d"] <= hi),
         "period+grace": sum(1 for e in events if match(e) and lo <= e["d"] <= due)}
    if year is not None:
        c["attrs.year"] = sum(1 for e in events if match(e) and e["attrs"].get("year") == year and e["d"] <= due)
    return c


def allocate(match, every, due, at_least, keyf=lambda e: ""):
    """The counts per (key, period's first day) when each event counts for one period only:
    the earliest it may count toward (its grace included) that is still short of at_least,
    else its own. match(e, lo, hi): whether e counts for the period lo..hi at all. The periods
    of 2024 are not judged, but an event in the grace of December 2024 counts for it."""
    spans = [(l, h, due_of(h, due)) for _, l, h in periods(every, 2024)]
    tally = {}
    for e in events:
        k = keyf(e)
        if k is None:          # e.g. an event without a person, for a per-person tally
            continue
        eligible = [l for l, h, dd in spans if l <= e["d"] <= dd and match(e, l, h)]
        if eligible:
            to = next((l for l in eligible if tally.get((k, l), 0) < at_least), eligible[-1])
            tally[(k, to)] = tally.get((k, to), 0) + 1
    return tally


def short(readings, at_least, what):
    verdicts = {k: v >= at_least for k, v in readings.items()}
    if len(set(verdicts.values())) > 1:
        disagreements.append((what, readings))
    n = readings[list(readings)[-1]]
    return n if n < at_least else None


def subtree(o):
    out, todo = [], [o]
    while todo:
        x = todo.pop()
        out.append(x)
        todo += [c for c in orgs if orgs[c]["parent"] == x]
    return sorted(out)


def holiday(d):
    return d in REST and d not in MAKEUP


# ── periodic: each unit in scope, each closed period, a count of events against a bar ──────
def quorate(e, num, den):
    """The meeting had num/den of its members or more (以上 includes the number itself,
    民法典第一千二百五十九条), in integers; a record without both head counts counts."""
    a = e["attrs"]
    return "attendees" not in a or "members_total" not in a or a["attendees"] * den >= a["members_total"] * num


PERIODIC = [  # rule, scope kind, every, due, event type, extra condition, at least, by attrs.year
    # only a meeting with half of the committee or more counts (as meetings.branch_committee_quorum)
    ("meetings.branch_committee_monthly", "party_branch", "month", (5, "workdays"), "meeting.branch_committee",
     lambda e, hi: quorate(e, 1, 2), 1, False),
    ("meetings.member_assembly_quarterly", "party_branch", "quarter", (5, "workdays"), "meeting.member_assembly", None, 1, False),
    ("meetings.themed_party_day_monthly", "party_branch", "month", (5, "workdays"), "party_day.themed", None, 1, False),
    ("meetings.org_life_yearly", "party_branch", "year", (15, "workdays"), "meeting.org_life", None, 1, False),
    ("meetings.group_monthly", "party_branch", "month", (5, "workdays"), "meeting.group", None, 1, False),
    ("meetings.party_lecture_quarterly", "party_branch", "quarter", (5, "workdays"), "lecture.party", None, 1, False),
    ("meetings.member_appraisal_yearly", "party_branch", "year", None, "appraisal.member",
     lambda e, hi: e["attrs"].get("stage") == "decision", 1, False),
    ("meetings.heart_talk_yearly", "party_branch", "year", None, "talk.heart", None, 1, False),
    # held in the year, or in the month after it with the higher body's approval; only a meeting
    # with two thirds of the members or more counts (as meetings.democratic_life_quorum)
    ("meetings.democratic_life_yearly", "leadership_group", "year", (1, "months"), "meeting.democratic_life",
     lambda e, hi: (e["d"] <= hi or e["attrs"].get("approved_reschedule") is True) and quorate(e, 2, 3), 1, False),
    ("meetings.cadre_assembly_yearly", "organ_party_committee", "year", None, "meeting.cadre_assembly", None, 1, False),
    ("reporting.annual_report_to_city", "organ", "year", (2, "months"), "report.annual_party_building", None, 1, True),
    ("reporting.pg_disclosure_yearly", "leadership_group", "year", (3, "months"), "report.pg_disclosure", None, 1, True),
    ("responsibility.study_group_yearly", "leadership_group", "year", None, "study.group", None, 12, False),
    ("integrity.risk_assessment_yearly", "party_branch", "year", None, "risk.assessment", None, 1, False),
]
for rule, kind, every, due, typ, cond, at_least, by_year in PERIODIC:
    for o in of_kind(kind):
        # the rule's own reading: one event counts for one period (by attrs.year if read)
        own = allocate(
            lambda e, lo, hi: e["type"] == typ and e["org"] == o and (cond is None or cond(e, hi))
            and (not by_year or e["attrs"].get("year") == lo.year), every, due, at_least)
        for name, lo, hi, dd in closed(every, due):
            match = lambda e: e["type"] == typ and e["org"] == o and (cond is None or cond(e, hi))
            c = count_readings(match, lo, hi, dd, year=lo.year if by_year else None)
            c["one event, one period"] = own.get(("", lo), 0)
            n = short(c, at_least, (rule, o, name))
            if n is not None:
                add(rule, o, name, "missing", f"{n} × {typ}", dd)


# ── chain: each link's role held on the period's last day, and its duty done ──────────────
def chain(rule, kind, every, due, links):
    """links: (role, holding units of a scope unit, the rule's condition on an event for the
    period starting lo, each holder, readings). The rule's own reading counts the events that
    meet the condition from the period's start to its due date, each event for one period
    only; readings "stamp" (also by time stamp, within the period or up to its due date,
    ignoring the condition's attrs.year) and "year" (also by attrs.year alone) must agree."""
    for role, units, cond, each_holder, readings in links:
        own = allocate(lambda e, lo, hi: cond(e, lo), every, due, 1,
                       (lambda e: e["person"] or None) if each_holder else (lambda e: e["org"]))
        for o in of_kind(kind):
            for name, lo, hi, dd in closed(every, due):
                for u in units(o):
                    hs = holders(u, role, hi)
                    if not hs:
                        add(rule, o, name, "vacant", f"{role} ({u}) vacant on {hi}", dd)
                        continue
                    for p in hs if each_holder else hs[:1]:
                        mine = (lambda e: e["person"] == p) if each_holder else (lambda e: e["org"] == u)
                        c = {}
                        if readings:
                            c = count_readings(lambda e: readings[0](e) and mine(e), lo, hi, dd,
                                               year=lo.year if "year" in readings[1:] else None)
                        c["rule"] = own.get((p if each_holder else u, lo), 0)
                        if short(c, 1, (rule, o, name, role, u, p)) is not None:
                            add(rule, o, name, "missing_duty", f"{role} {p} ({u})", dd, person=p)


def children(kind):
    return lambda o: [u for u in subtree(o) if orgs[u]["kind"] == kind]


def itself(o):
    return [o]


def typed(*types):
    return lambda e: e["type"] in types


# 述职 and the supervision report: by attrs.year; the data is built so that the time stamp
# within the year plus the grace reads the same
DUTY = lambda e, lo: e["type"] == "report.duty" and e["attrs"].get("year") == lo.year
SUPERVISION = lambda e, lo: e["type"] == "report.supervision" and e["attrs"].get("year") == lo.year
chain("responsibility.annual_duty_report", "organ", "year", (2, "months"), [
    ("party_group_secretary", children("leadership_group"), DUTY, True, (typed("report.duty"), "year")),
    ("branch_secretary", children("party_branch"), DUTY, True, (typed("report.duty"), "year")),
    ("discipline_secretary", children("organ_discipline_committee"), SUPERVISION, False,
     (typed("report.supervision"), "year"))])
# the annual personal-matters report is filed in January of the next year and carries that
# year: only the rule's own reading applies
PM = lambda e, lo: e["type"] == "report.personal_matters" and e["attrs"].get("kind") == "annual" \
    and e["attrs"].get("year") == lo.year + 1
chain("reporting.personal_matters_annual", "organ", "year", (1, "months"), [
    ("party_group_secretary", children("leadership_group"), PM, True, None),
    ("party_group_member", children("leadership_group"), PM, True, None),
    ("division_head", children("party_branch"), PM, True, None)])
chain("meetings.secretary_lecture_yearly", "organ", "year", None, [
    ("party_group_secretary", children("leadership_group"), lambda e, lo: e["type"] == "lecture.party", True,
     (typed("lecture.party"),))])
BRANCH_LIFE = ("meeting.branch_committee", "meeting.member_assembly", "meeting.group", "lecture.party",
               "party_day.themed", "meeting.org_life")
chain("organisation.branch_secretary_in_post", "party_branch", "quarter", (5, "workdays"), [
    ("branch_secretary", itself, lambda e, lo: e["type"] in BRANCH_LIFE, False, (typed(*BRANCH_LIFE),))])


# ── chain requirements: the unit's make-up on the period's last day, through the org graph ─
def count_holders(o, role, d):
    """org.holders: the people holding the role in unit o on d, each once."""
    return len(set(holders(o, role, d)))


def holders_within(o, role, d):
    """org.holders_within: the people holding the role in o or any unit below it, each once."""
    return len({p for u in subtree(o) for p in holders(u, role, d)})


def first_holder(o, role, d):
    """org.holder: the first holder in the records' order; None when nobody holds it."""
    return next((r["person"] for r in roles if r["org"] == o and r["role"] == role and r["lo"] <= d <= r["hi"]), None)


def holds(p, role, o, d):
    return p in holders(o, role, d)


def units_within(o, kind):
    """org.units_within: the units of the kind strictly below o."""
    return sum(1 for u in subtree(o) if u != o and orgs[u]["kind"] == kind)


def people_within(o):
    """org.people_within: the people whose home unit (people.csv, today's) is o or below it."""
    units = set(subtree(o))
    return sum(1 for p in people.values() if p["org"] in units)


def requirement(rule, scope, every, due, link, require, detail):
    """A requirement link: each unit in scope, each closed period, require(o, last day); false:
    one violation of the unit itself, for the period, dated its due date."""
    for o in sorted(o for o in orgs if scope(o)):
        for name, lo, hi, dd in closed(every, due):
            if not require(o, hi):
                add(rule, o, name, "violation", f"{link} not met on {hi}: {detail(o, hi)}", dd)


def kind_is(*kinds):
    return lambda o: orgs[o]["kind"] in kinds


QUARTERLY, YEARLY = ("quarter", (5, "workdays")), ("year", (1, "months"))
FULL = lambda o, d: count_holders(o, "member", d)
ALL_MEMBERS = lambda o, d: count_holders(o, "member", d) + count_holders(o, "probationary_member", d)
COMMITTEE = lambda o, d: count_holders(o, "branch_committee_member", d) + count_holders(o, "branch_deputy_secretary", d)
requirement("organisation.branch_full_members", kind_is("party_branch"), *QUARTERLY, "full_members",
            lambda o, d: FULL(o, d) >= 3, lambda o, d: f"{FULL(o, d)} full members")
requirement("organisation.branch_committee_7", kind_is("party_branch"), *QUARTERLY, "branch_committee",
            lambda o, d: FULL(o, d) < 7 or COMMITTEE(o, d) >= 1,
            lambda o, d: f"{FULL(o, d)} full members, no committee member")
requirement("organisation.branch_size_50", kind_is("party_branch"), *QUARTERLY, "branch_size",
            lambda o, d: ALL_MEMBERS(o, d) <= 50, lambda o, d: f"{ALL_MEMBERS(o, d)} members")
requirement("organisation.general_branch_100", kind_is("general_branch"), *YEARLY, "committee_size",
            lambda o, d: holders_within(o, "member", d) + holders_within(o, "probationary_member", d) < 100,
            lambda o, d: f"{holders_within(o, 'member', d) + holders_within(o, 'probationary_member', d)} members")
requirement("organisation.branch_secretary_is_head", kind_is("party_branch"), *QUARTERLY, "secretary_is_head",
            lambda o, d: first_holder(o, "branch_secretary", d) is None or count_holders(o, "division_head", d) == 0
            or holds(first_holder(o, "branch_secretary", d), "division_head", o, d),
            lambda o, d: f"secretary {first_holder(o, 'branch_secretary', d)}, head {first_holder(o, 'division_head', d)}")
requirement("organisation.organ_discipline_committee", kind_is("organ_party_committee"), *YEARLY,
            "discipline_committee", lambda o, d: units_within(o, "organ_discipline_committee") >= 1,
            lambda o, d: "no organ_discipline_committee below it")
requirement("organisation.discipline_secretary_is_deputy",
            lambda o: orgs[o]["kind"] == "organ_discipline_committee" and orgs[o]["parent"] != "", *YEARLY,
            "secretary_is_deputy",
            lambda o, d: first_holder(o, "discipline_secretary", d) is None
            or holds(first_holder(o, "discipline_secretary", d), "organ_committee_deputy_secretary", orgs[o]["parent"], d),
            lambda o, d: f"secretary {first_holder(o, 'discipline_secretary', d)} not deputy of {orgs[o]['parent']}")
requirement("organisation.branch_discipline_member", kind_is("general_branch", "party_branch"), *YEARLY,
            "discipline_member",
            lambda o, d: COMMITTEE(o, d) == 0 or count_holders(o, "branch_discipline_member", d) >= 1,
            lambda o, d: f"{COMMITTEE(o, d)} committee members, no branch_discipline_member")
requirement("organisation.party_staff_ratio", kind_is("organ"), *YEARLY, "party_staff",
            lambda o, d: holders_within(o, "party_affairs_staff", d) * 100 >= people_within(o),
            lambda o, d: f"{holders_within(o, 'party_affairs_staff', d)} party_affairs_staff for {people_within(o)} people")


# ── deadline: a trigger, an answer with the same key within a time ─────────────────────────
def key_part(e, k):
    """A correlation key of an event: ref, person, org or attrs.NAME ("" when absent)."""
    if k.startswith("attrs."):
        v = e["attrs"].get(k[6:])
        return "" if v is None else str(v)
    return e[k]


def plus(d, within):
    """d plus (n, unit): workdays (start day not counted), days, months or years (month end
    clamped); a due date in days, months or years stays where it falls, rest day or not."""
    n, unit = within
    return {"workdays": lambda: plus_workdays(d, n), "days": lambda: d + timedelta(days=n),
            "months": lambda: plus_months(d, n), "years": lambda: plus_months(d, 12 * n)}[unit]()


def deadline(rule, on, expect, within, correlate, subject="org", warn=None, done="done", not_done="not done",
             per_trigger=False, triggers=None):
    """Each trigger (on) is met by the first later event that answers it (expect; with
    per_trigger, expect(trigger) gives the condition), has the same correlation keys and has
    not met an earlier trigger; an event may both meet one obligation and open the next (it
    never meets its own). warn: workdays, or (n, "months"), before the due date. done: a word, or
    a function of the answering event, for the detail. within: (n, unit), or a function of the
    trigger giving it. triggers: the events that may open a duty
    (default: the stored events)."""
    used = set()
    for t in [e for e in (events if triggers is None else triggers) if on(e)]:
        if t["d"] < EFFECTIVE:
            continue
        key = [key_part(t, k) for k in correlate]
        if "" in key:
            error(f"{rule}: trigger {t['id']} lacks a correlation key ({', '.join(correlate)})")
            continue
        due = plus(t["d"], within(t) if callable(within) else within)
        answers = expect(t) if per_trigger else expect
        hits = [e for e in events if answers(e) and [key_part(e, k) for k in correlate] == key and e["t"] >= t["t"]
                and e["id"] not in used and e["id"] != t["id"]]
        subj = t["person"] if subject == "person" and t["person"] else t["org"]
        where = key[0]      # the finding's key up to its first |
        if hits:
            used.add(hits[0]["id"])
            if hits[0]["d"] > due:
                word = done(hits[0]) if callable(done) else done
                add(rule, subj, where, "late", f"due {due}, {word} {hits[0]['d']}", hits[0]["d"], t["org"], t["person"])
        elif due < AS_OF:
            add(rule, subj, where, "missing", f"due {due}, {not_done}", due, t["org"], t["person"])
        elif warn is not None:
            if isinstance(warn, tuple):      # (n, "months"): the same day n months before
                assert warn[1] == "months", warn
                soon = plus_months(due, -warn[0])
            else:
                soon = due
                for _ in range(warn):      # warn workdays before the due date
                    soon -= timedelta(days=1)
                    while not workday(soon):
                        soon -= timedelta(days=1)
            if AS_OF >= soon:
                add(rule, subj, where, "due_soon", f"due {due}", AS_OF, t["org"], t["person"])


def of_type(typ, cond=None):
    return lambda e: e["type"] == typ and (cond is None or cond(e))


# A role's first day as an event (role.start, which the engine makes from roles.csv): 00:00
# of the day, the unit and the holder.
role_starts = [dict(id=f"role.start:{r['person']}@{r['org']}:{r['role']}:{r['from']}", type="role.start",
                    org=r["org"], person=r["person"], ref="", attrs={"role": r["role"]},
                    d=r["lo"], t=datetime.combine(r["lo"], datetime.min.time())) for r in roles]
CADRES = {"party_group_secretary", "party_group_member", "division_head"}
deadline("reporting.personal_matters_new_appointment", of_type("role.start", lambda e: e["attrs"]["role"] in CADRES),
         of_type("report.personal_matters", lambda e: e["attrs"].get("kind") == "new_appointment"), (30, "days"),
         ["person"], subject="person", warn=None, triggers=role_starts)
deadline("integrity.risk_reassess_new_head", of_type("role.start", lambda e: e["attrs"]["role"] == "division_head"),
         of_type("risk.assessment"), (1, "months"), ["org"], triggers=role_starts)

PARTY_SANCTIONS = {"warning", "serious_warning", "party_post_removal", "party_probation", "expulsion"}
deadline("discipline.inquiry_reply_15wd", of_type("inquiry.letter"), of_type("inquiry.reply"), (15, "workdays"),
         ["ref", "person"], subject="person", warn=3, done="replied", not_done="no reply")
deadline("instructions.first_time_study", of_type("instruction.received"), of_type("instruction.studied"),
         (5, "workdays"), ["ref"])
deadline("inspection.leader_report", of_type("inspection.feedback"), of_type("rectification.leader_report"),
         (2, "months"), ["ref"], warn=10)
deadline("inspection.progress_public", of_type("rectification.report"), of_type("rectification.publicized"),
         (1, "months"), ["ref"])
deadline("discipline.clue_disposition_5wd", of_type("clue.received"), of_type("clue.disposed"), (5, "workdays"),
         ["ref"], warn=2)
deadline("discipline.case_review_1m", of_type("case.accepted"), of_type("case.reviewed"), (1, "months"), ["ref"])
deadline("discipline.sanction_announce_1m",
         of_type("discipline.disposition", lambda e: e["attrs"].get("measure") in PARTY_SANCTIONS),
         of_type("sanction.announced"), (1, "months"), ["ref"], subject="person")
# 巡察 close-out: a passed verification within 6 months of the feedback, at the latest a year
PASSED = of_type("rectification.verified", lambda e: e["attrs"].get("passed") is True)
deadline("inspection.closeout_6m", of_type("inspection.feedback"), PASSED, (6, "months"), ["ref"], warn=(1, "months"),
         done="verified", not_done="not verified")
deadline("inspection.closeout_cap_1y", of_type("inspection.feedback"), PASSED, (1, "years"), ["ref"],
         done="verified", not_done="not verified")
# 复审、复核 (监察法 Art.56): decided within 1 and 2 months of the request (no such records here)
deadline("supervision.review_decided_1m", of_type("supervision.review_requested"), of_type("supervision.review_decided"),
         (1, "months"), ["ref"], subject="person")
deadline("supervision.recheck_decided_2m", of_type("supervision.recheck_requested"), of_type("supervision.recheck_decided"),
         (2, "months"), ["ref"], subject="person")
# 处分前交换意见: a party sanction with no earlier discipline.consulted of its ref; the rule
# starts on 2026-12-01 (consultations are recorded from then), after these records end.
CONSULT_FROM = date(2026, 12, 1)
for e in sorted(events, key=lambda e: e["t"]):
    if e["type"] == "discipline.disposition" and e["attrs"].get("measure") in PARTY_SANCTIONS and e["d"] >= CONSULT_FROM \
            and not any(c["type"] == "discipline.consulted" and c["ref"] == e["ref"] and c["t"] <= e["t"] for c in events):
        add("discipline.consult_before_sanction", e["person"] or e["org"], e["ref"], "violation",
            "no consultation before the sanction", e["d"], e["org"], e["person"])

# The 24 rules of issue 18 (the deadline ones; their matches are with the others below).
# 党章 Art.9: six months without dues or organisational life, from the last record; a
# registration or an approved absence starts the clock, a deregistration stops it.
MEMBER_CLOCK_START = ("member.registered", "member.excused")
for rule, record, done, not_done in [("organisation.member_dues_lapse_6m", "member.dues_paid", "paid", "no dues paid"),
                                     ("organisation.member_org_life_lapse_6m", "member.attended", "signed in",
                                      "no sign-in")]:
    deadline(rule, typed(record, *MEMBER_CLOCK_START), typed(record, "member.excused", "member.deregistered"),
             (6, "months"), ["person"], subject="person", warn=(1, "months"), done=done, not_done=not_done)
# 换届: the term (3 years for a branch, 5 for a 机关党委 or 机关纪委; reminded 6 months ahead),
# met by the next election or an approved postponement; and the term plus 1 year, met only by
# the next election.
THREE_YEAR_TERM, FIVE_YEAR_TERM = ("party_branch", "general_branch"), ("organ_party_committee", "organ_discipline_committee")
RENEWED = lambda e: e["type"] == "org.election" or (e["type"] == "org.election_postponed"
                                                    and e["attrs"].get("approved") is True)
for suffix, kinds, years in (("3y", THREE_YEAR_TERM, 3), ("5y", FIVE_YEAR_TERM, 5)):
    elected = of_type("org.election", lambda e, kinds=kinds: orgs[e["org"]]["kind"] in kinds)
    # the term the election recorded, else the general term
    deadline(f"organisation.term_renewal_{suffix}", elected, RENEWED,
             lambda t, years=years: (t["attrs"].get("term_years", years), "years"), ["org"], warn=(6, "months"),
             done=lambda e: "renewed" if e["type"] == "org.election" else "postponed", not_done="not renewed")
    deadline(f"organisation.term_postpone_cap_{suffix}", elected, of_type("org.election"), (years + 1, "years"),
             ["org"], done="renewed", not_done="not renewed")
# 实名检举控告: the informant told of the acceptance, and of the result after the conclusion
REALNAME = lambda e: e["attrs"].get("realname") is True
deadline("discipline.realname_accept_notice_15wd", of_type("clue.received", REALNAME),
         of_type("clue.informant_notified", lambda e: e["attrs"].get("stage") == "acceptance"), (15, "workdays"),
         ["ref"], done="notified", not_done="not notified")
deadline("discipline.realname_result_notice_15wd", of_type("clue.concluded", REALNAME),
         of_type("clue.informant_notified", lambda e: e["attrs"].get("stage") == "result"), (15, "workdays"),
         ["ref"], done="notified", not_done="not notified")
# 谈话函询的结果: an outcome within a month of the reply (a form-1 disposition of the inquiry
# concludes it too), carried out within a month of the outcome
INQUIRY_MINOR_ACTIONS = {"reminder_talk", "critical_education", "ordered_self_exam", "admonishment"}
INQUIRY_DIRECT = INQUIRY_MINOR_ACTIONS | {"inquiry_closed_minor"}
deadline("discipline.inquiry_outcome_recorded", of_type("inquiry.reply"),
         lambda e: e["type"] == "inquiry.outcome" or (e["type"] == "discipline.disposition"
                                                      and e["attrs"].get("measure") in INQUIRY_DIRECT),
         (1, "months"), ["ref", "person"], subject="person", done="concluded", not_done="no outcome")


def carried_out(t):
    act = t["attrs"]["action"]
    return lambda e: (act == "closed_accepted" and e["type"] == "inquiry.closure_notified") or \
        (act in INQUIRY_MINOR_ACTIONS and e["type"] == "discipline.disposition" and e["attrs"].get("measure") == act) or \
        (act == "re_inquiry" and e["type"] == "inquiry.letter") or \
        (act == "preliminary_verification" and e["type"] == "inquiry.verification_proposed")


deadline("discipline.inquiry_outcome_carried_out", of_type("inquiry.outcome"), carried_out, (1, "months"),
         ["ref", "person"], subject="person", per_trigger=True, done="carried out", not_done="not carried out")
# 留置 (监察法 Art.48): 3 months, 3 + 3 with a first extension, 3 + 3 + 2 with the 国家监委's
ENDED_OR = lambda e: "ended" if e["type"] == "detention.ended" else "extended"
deadline("supervision.detention_3m", of_type("detention.started"),
         lambda e: e["type"] == "detention.ended" or (e["type"] == "detention.extended"
                                                      and e["attrs"].get("stage") == "first"),
         (3, "months"), ["ref", "person"], subject="person", done=ENDED_OR, not_done="neither ended nor extended")
deadline("supervision.detention_extended_6m", of_type("detention.started"),
         lambda e: e["type"] == "detention.ended" or (e["type"] == "detention.extended" and e["attrs"].get("stage") == "second"
                                                      and e["attrs"].get("approver") == "national"
                                                      and e["attrs"].get("ten_years_possible") is True),
         (6, "months"), ["ref", "person"], subject="person", done=ENDED_OR, not_done="neither ended nor extended")
deadline("supervision.detention_cap_8m", of_type("detention.started"), of_type("detention.ended"), (8, "months"),
         ["ref", "person"], subject="person", done="ended", not_done="not ended")
# 问责: an organisational adjustment carried out within a month; an appeal decided within one
ORG_ADJUSTMENTS = {"suspension", "post_adjustment", "ordered_resignation", "dismissal", "demotion", "org_adjustment"}
deadline("accountability.adjustment_done_1m",
         of_type("accountability.decision", lambda e: e["attrs"].get("form") in ORG_ADJUSTMENTS
                 and e["attrs"].get("target") == "cadre" and e["person"] != ""),
         of_type("accountability.executed"), (1, "months"), ["ref", "person", "attrs.form"], subject="person")
deadline("accountability.appeal_decided_1m", of_type("accountability.appeal"), of_type("accountability.appeal_decided"),
         (1, "months"), ["ref"], done="decided", not_done="not decided")
# 信访 (calendar days, kept on a rest day): told in 15 days; concluded in 60, or 90 with an
# extension approved in time; 复查 and 复核 decided in 30
deadline("petition.notice_15d", of_type("petition.received"), of_type("petition.notified"), (15, "days"), ["ref"],
         done="notified", not_done="not notified")
deadline("petition.conclude_60d", of_type("petition.accepted"),
         lambda e: e["type"] == "petition.concluded" or (e["type"] == "petition.extended"
                                                         and e["attrs"].get("approved") is True),
         (60, "days"), ["ref"], done=lambda e: "concluded" if e["type"] == "petition.concluded" else "extended",
         not_done="not concluded")
deadline("petition.conclude_cap_90d", of_type("petition.accepted"), of_type("petition.concluded"), (90, "days"),
         ["ref"], done="concluded", not_done="not concluded")
deadline("petition.review_decided_30d", of_type("petition.review_requested"), of_type("petition.review_decided"),
         (30, "days"), ["ref"], done="decided", not_done="not decided")
deadline("petition.recheck_decided_30d", of_type("petition.recheck_requested"), of_type("petition.recheck_decided"),
         (30, "days"), ["ref"], done="decided", not_done="not decided")


# ── sequence: steps of a case, each due within a time of the step it follows ──────────────
def sequence(rule, steps):
    """steps: (name, event condition, within, the step it follows); the first opens one case
    per ref; each later step is done by its first event of the case, and is late after its due
    date, out of order before the step it follows, missing when not done by its due date."""
    (_, opens, _, _), seen = steps[0], set()
    for first in [e for e in events if opens(e)]:
        if first["ref"] in seen or first["d"] < EFFECTIVE:
            continue
        seen.add(first["ref"])
        done = {steps[0][0]: first}
        for name, cond, _, _ in steps[1:]:
            # a step's event recorded before the case opened is part of it, done out of order
            hits = [e for e in events if cond(e) and e["ref"] == first["ref"]]
            done[name] = hits[0] if hits else None
        for name, _, (n, unit), after in steps[1:]:
            p, x = done[after], done[name]
            if x is not None and (x["pos"] < first["pos"] or p is None or x["pos"] < p["pos"]):
                add(rule, first["org"], first["ref"], "out_of_order", f"step {name} done {x['d']} before {after}", x["d"])
                continue
            if p is None:
                continue
            due = plus_workdays(p["d"], n) if unit == "workdays" else plus_months(p["d"], n)
            if x is not None and x["d"] > due:
                add(rule, first["org"], first["ref"], "late", f"step {name} due {due}, done {x['d']}", x["d"])
            elif x is None and due < AS_OF:
                add(rule, first["org"], first["ref"], "missing", f"step {name} due {due}, not done", due)
        if rule == "inspection.rectification" and done["verified"] and done["report"]:
            # the verification is on time (or late) both from the report and from the report's
            # due date: the two readings of "a month after the report" agree
            v = done["verified"]["d"]
            if (v > plus_months(done["report"]["d"], 1)) != (v > plus_months(plus_months(first["d"], 2), 1)):
                disagreements.append((rule, first["org"], first["ref"], "verified vs report due"))


sequence("inspection.rectification", [
    ("feedback", of_type("inspection.feedback"), None, None),
    ("plan", of_type("rectification.plan"), (1, "months"), "feedback"),
    ("report", of_type("rectification.report"), (2, "months"), "feedback"),
    ("verified", of_type("rectification.verified", lambda e: e["attrs"].get("passed") is True), (1, "months"), "report")])
sequence("instructions.implementation", [
    ("received", of_type("instruction.received"), None, None),
    ("studied", of_type("instruction.studied"), (5, "workdays"), "received"),
    ("planned", of_type("instruction.planned"), (10, "workdays"), "studied"),
    ("ledger", of_type("instruction.ledger"), (5, "workdays"), "planned"),
    ("feedback", of_type("instruction.feedback"), (3, "months"), "ledger")])


# ── match: each event that breaks a rule on its own ────────────────────────────────────────
FORM = {**{m: 1 for m in ["criticism", "reminder_talk", "critical_education", "ordered_self_exam", "admonishment",
                          "inquiry_closed_minor", "accountability_notice"]},
        **{m: 2 for m in ["warning", "serious_warning", "org_adjustment", "suspension", "post_adjustment",
                          "ordered_resignation", "dismissal", "demotion", "admin_warning", "admin_demerit",
                          "admin_major_demerit"]},
        **{m: 3 for m in ["party_post_removal", "party_probation", "expulsion", "admin_demotion", "admin_removal", "admin_expulsion"]},
        "criminal_referral": 4}
# 谈话函询: the actions each assessment allows; 问责条例 Art.8: the forms for each target
OUTCOME_ACTIONS = {"untrue": {"closed_accepted"}, "minor": INQUIRY_MINOR_ACTIONS,
                   "unresolved": {"re_inquiry", "preliminary_verification"}}
ACCOUNTABILITY_FORMS = {"organization": {"inspection", "notice", "reorganization"},
                        "cadre": {"notice", "admonishment", "party_sanction"} | ORG_ADJUSTMENTS}


def workdays_between(a, b):
    """The working days after a up to and including b."""
    return sum(1 for i in range(1, (b - a).days + 1) if workday(a + timedelta(days=i)))


for e in events:
    a, t = e["attrs"], e["type"]
    if e["d"] < EFFECTIVE:
        continue

    def hit(rule, detail):
        add(rule, e["org"], e["id"], "violation", detail, e["d"], person=e["person"] or None)
    if t == "expense.meal" and a.get("public_funds") is True and holiday(e["d"]):
        hit("conduct.holiday_public_meal", f"{e['d']}, public funds")
    if t == "car.use" and a.get("purpose") == "private":
        hit("conduct.private_car_use", f"{e['d']}, person {e['person']}")
    if t == "reception.official":
        g, c = a["guests"], a["companions"]
        if (g <= 10 and c > 3) or (g > 10 and c * 3 > g):
            hit("conduct.reception_companions", f"guests {g}, companions {c}")
        if a.get("has_letter") is not True:
            hit("conduct.reception_without_letter", f"{e['d']}, guests {g}, no letter")
        if a.get("liquor") is True:
            hit("conduct.reception_liquor", f"{e['d']}, guests {g}, liquor")
        if a.get("cigarettes") is True:
            hit("conduct.reception_cigarettes", f"{e['d']}, guests {g}, cigarettes")
    if t == "expense.gift" and holiday(e["d"]):
        hit("conduct.holiday_gift", f"{e['d']}, {a['amount']}")
    if t == "expense.allowance" and a.get("approved") is not True:
        hit("conduct.allowance_unapproved", f"{e['d']}, {a['amount']}, not approved")
    if t == "meeting.branch_committee" and not quorate(e, 1, 2):      # fewer than half
        hit("meetings.branch_committee_quorum", f"{a['attendees']} of {a['members_total']}")
    if t == "meeting.democratic_life" and not quorate(e, 2, 3):       # fewer than two thirds
        hit("meetings.democratic_life_quorum", f"{a['attendees']} of {a['members_total']}")
    if t == "org.election" and (orgs[e["org"]]["kind"] == "party_branch" and a["term_years"] > 3 or
                                orgs[e["org"]]["kind"] in ("organ_party_committee", "organ_discipline_committee")
                                and a["term_years"] > 5):
        hit("organisation.term_length", f"term {a['term_years']} years")
    if t == "discipline.disposition" and "form" in a and a.get("measure") in FORM and FORM[a["measure"]] != a["form"]:
        hit("discipline.disposition_form_mismatch", f"{a['measure']} recorded as form {a['form']}")

    def hit_person(rule, detail):      # a match rule with `subject: person` (else its org)
        add(rule, e["person"] or e["org"], e["id"], "violation", detail, e["d"], org=e["org"], person=e["person"] or None)
    if t == "inquiry.outcome" and a["action"] not in OUTCOME_ACTIONS[a["assessment"]]:
        hit_person("discipline.inquiry_outcome_fits", f"assessment {a['assessment']}, action {a['action']}")
    if t == "accountability.decision" and (a["form"] not in ACCOUNTABILITY_FORMS[a["target"]]
                                           or a["target"] == "cadre" and not e["person"]):
        hit_person("accountability.form_fits_target", f"target {a['target']}, form {a['form']}")
    if t == "petition.objection" and workdays_between(date.fromisoformat(a["received_on"]), e["d"]) > 5:
        hit("petition.objection_5wd", f"received {a['received_on']}, objected {e['d']}")
    if t in ("petition.review_requested", "petition.recheck_requested") and \
            (e["d"] - date.fromisoformat(a["reply_received_on"])).days > 30:
        hit("petition.request_out_of_time", f"reply received {a['reply_received_on']}, requested {e['d']}")
    # 监察法 Art.56: a month from receiving the decision (the same day of the month, or its
    # last day); a request without that day is not judged
    received = {"supervision.review_requested": "decision_received_on",
                "supervision.recheck_requested": "review_received_on"}.get(t)
    if received and a.get(received) and e["d"] > plus_months(date.fromisoformat(a[received]), 1):
        hit_person("supervision.request_out_of_time", f"{received} {a[received]}, requested {e['d']}")


# ── match with a span after an earlier event (after + within, correlate person) ────────────
# 影响期: a new post (role.start of any role but a membership; 00:00 of its first day) on or
# after the effective date is a violation when the person's latest earlier disposition of the
# rule's measures (recorded whenever; one of the same day comes after the role.start) was at
# most `within` before it, the span's last day included.
MEMBERSHIPS = {"member", "probationary_member"}
NEW_POST = lambda e: e["attrs"]["role"] not in MEMBERSHIPS


def effect(rule, when, measures, within):
    after = [e for e in events if e["type"] == "discipline.disposition" and e["attrs"].get("measure") in measures]
    n, unit = within
    span = f"{n} {unit[:-1] if n == 1 else unit}"
    for t in sorted(role_starts, key=lambda e: e["t"]):
        if not when(t) or not EFFECTIVE <= t["d"] <= AS_OF:
            continue
        earlier = [e for e in after if e["person"] == t["person"] and e["t"] < t["t"]]
        if not earlier:
            continue
        last = earlier[-1]          # events are in time order
        until = plus(last["d"], within)
        if t["d"] <= until:
            # the finding's key is person|event id: the table shows the person, the detail the event
            add(rule, t["person"], t["person"], "violation",
                f"{t['id']} within {span} of {last['attrs']['measure']} {last['id']} ({last['d']}, until {until})",
                t["d"], t["org"], t["person"])


effect("discipline.effect_admin_warning_6m", NEW_POST, {"admin_warning"}, (6, "months"))
effect("discipline.effect_1y", NEW_POST, {"warning", "admin_demerit"}, (1, "years"))
effect("discipline.effect_18m", NEW_POST, {"serious_warning", "admin_major_demerit"}, (18, "months"))
effect("discipline.effect_2y", NEW_POST, {"party_post_removal", "admin_demotion", "admin_removal"}, (2, "years"))
effect("discipline.effect_expulsion_5y", lambda e: not NEW_POST(e), {"expulsion"}, (5, "years"))


# ── threshold: a count or sum per group in a sliding window of days; one finding a crossing ─
def threshold(rule, cond, group, window_days, bar, value=None, what="count"):
    state = {}
    for e in events:
        if e["d"] < EFFECTIVE or not cond(e) or not group(e):
            continue
        g = state.setdefault(group(e), {"window": [], "armed": False})
        g["window"] = [x for x in g["window"] if x[0]["d"] > e["d"] - timedelta(days=window_days)] + \
            [(e, value(e) if value else 1)]
        total = sum(v for _, v in g["window"])
        if total >= bar and not g["armed"]:
            num = f"{total:.1f}" if value else f"{total}"
            add(rule, group(e), str(e["d"]), "exceeded",
                f"{what} {num} ≥ {bar} in the {window_days} days to {e['d']}", e["d"],
                org=e["org"], person=group(e) if group(e) in people else None)
        g["armed"] = total >= bar


threshold("conduct.public_meal_spending_30d",
          lambda e: e["type"] == "expense.meal" and e["attrs"].get("public_funds") is True,
          lambda e: e["org"], 30, 5000, value=lambda e: e["attrs"]["amount"], what="sum")
threshold("conduct.holiday_car_use", lambda e: e["type"] == "car.use" and holiday(e["d"]),
          lambda e: e["person"], 30, 2, what="trips on rest days")


# ── escalation: repeated findings of the rules above, within a year ───────────────────────
TAGS = {  # the tags the two escalations read (as the rule files give them)
    "meetings.branch_committee_monthly": {"三会一课"}, "meetings.member_assembly_quarterly": {"三会一课"},
    "meetings.group_monthly": {"三会一课"}, "meetings.party_lecture_quarterly": {"三会一课"},
    "meetings.branch_committee_quorum": {"三会一课"}, "meetings.themed_party_day_monthly": {"主题党日"},
    "meetings.org_life_yearly": {"组织生活"}, "meetings.member_appraisal_yearly": {"组织生活"},
    "meetings.heart_talk_yearly": {"组织生活"},
    **{r: {"八项规定"} for r in ["conduct.holiday_public_meal", "conduct.private_car_use",
                                "conduct.reception_companions", "conduct.holiday_gift",
                                "conduct.allowance_unapproved", "conduct.public_meal_spending_30d",
                                "conduct.holiday_car_use", "conduct.reception_without_letter",
                                "conduct.reception_liquor", "conduct.reception_cigarettes"]}}


def escalation(rule, tags, by, at_least, form, label):
    read = [f for f in findings if TAGS.get(f["rule"], set()) & tags and f[by]]
    groups = {}
    for f in sorted(read, key=lambda f: f["date"]):
        groups.setdefault(f[by], []).append(f)
    for g, fs in sorted(groups.items()):
        armed = False
        for i, f in enumerate(fs):
            window = [x for x in fs[:i + 1] if x["date"] > plus_months(f["date"], -12)]
            if len(window) >= at_least and not armed:
                add(rule, g, str(f["date"]), "repeated",
                    f"{len(window)} × {label} within 1 year: {', '.join(x['where'] for x in window)}; form {form}",
                    f["date"], org=f["org"], person=f["person"])
            armed = len(window) >= at_least


escalation("discipline.repeated_meeting_lapses", {"三会一课", "主题党日", "组织生活"}, "org", 3, 1,
           "三会一课/主题党日/组织生活")
escalation("discipline.repeated_conduct_violations", {"八项规定"}, "person", 2, 2, "八项规定")

# ── report ─────────────────────────────────────────────────────────────────────────────────
# The order of the README's table: the first edition's rules, then the later ones.
ORDER = ["meetings.branch_committee_monthly", "meetings.member_assembly_quarterly",
         "meetings.themed_party_day_monthly", "meetings.org_life_yearly",
         "reporting.annual_report_to_city", "inspection.rectification", "discipline.inquiry_reply_15wd",
         "responsibility.annual_duty_report", "conduct.holiday_public_meal", "conduct.private_car_use",
         "conduct.reception_companions", "instructions.first_time_study",
         "inspection.leader_report", "inspection.progress_public", "instructions.implementation",
         "meetings.group_monthly", "meetings.party_lecture_quarterly", "meetings.branch_committee_quorum",
         "meetings.member_appraisal_yearly", "meetings.heart_talk_yearly",
         "meetings.democratic_life_yearly", "meetings.democratic_life_quorum",
         "meetings.cadre_assembly_yearly", "meetings.secretary_lecture_yearly",
         "organisation.branch_secretary_in_post", "organisation.term_length",
         "reporting.personal_matters_annual", "reporting.pg_disclosure_yearly",
         "responsibility.study_group_yearly", "integrity.risk_assessment_yearly",
         "conduct.holiday_gift", "conduct.allowance_unapproved", "conduct.public_meal_spending_30d",
         "conduct.holiday_car_use", "conduct.reception_without_letter", "conduct.reception_liquor",
         "discipline.clue_disposition_5wd", "discipline.case_review_1m", "discipline.sanction_announce_1m",
         "discipline.disposition_form_mismatch",
         "discipline.repeated_meeting_lapses", "discipline.repeated_conduct_violations",
         # the 24 rules of issue 18
         "organisation.member_dues_lapse_6m", "organisation.member_org_life_lapse_6m",
         "organisation.term_renewal_3y", "organisation.term_renewal_5y",
         "organisation.term_postpone_cap_3y", "organisation.term_postpone_cap_5y",
         "discipline.realname_accept_notice_15wd", "discipline.realname_result_notice_15wd",
         "discipline.inquiry_outcome_fits", "discipline.inquiry_outcome_recorded",
         "discipline.inquiry_outcome_carried_out",
         "supervision.detention_3m", "supervision.detention_extended_6m", "supervision.detention_cap_8m",
         "accountability.form_fits_target", "accountability.adjustment_done_1m", "accountability.appeal_decided_1m",
         "petition.notice_15d", "petition.objection_5wd", "petition.conclude_60d", "petition.conclude_cap_90d",
         "petition.review_decided_30d", "petition.recheck_decided_30d", "petition.request_out_of_time",
         # triggers made from the role records
         "reporting.personal_matters_new_appointment", "integrity.risk_reassess_new_head",
         # a precondition (unless_before)
         "discipline.consult_before_sanction",
         # 复审、复核
         "supervision.review_decided_1m", "supervision.recheck_decided_2m",
         "inspection.closeout_6m", "inspection.closeout_cap_1y", "conduct.reception_cigarettes",
         # the make-up of the party organisations (chain requirements)
         "organisation.branch_full_members", "organisation.branch_committee_7", "organisation.branch_size_50",
         "organisation.general_branch_100", "organisation.branch_secretary_is_head",
         "organisation.organ_discipline_committee", "organisation.discipline_secretary_is_deputy",
         "organisation.branch_discipline_member", "organisation.party_staff_ratio",
         # the effect periods of sanctions (after + within)
         "discipline.effect_admin_warning_6m", "discipline.effect_1y", "discipline.effect_18m",
         "discipline.effect_2y", "discipline.effect_expulsion_5y",
         # the 复审/复核 applicant's month
         "supervision.request_out_of_time"]
assert len(set(ORDER)) == len(ORDER) == 89
findings.sort(key=lambda f: (ORDER.index(f["rule"]), f["subject"], f["where"]))
rows = [f"| {i} | `{f['rule']}` | `{f['subject']}` | `{f['where']}` | {f['outcome']} | {f['detail']} |"
        for i, f in enumerate(findings, 1)]

readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
table = readme.split("<!-- lapses:begin -->")[1].split("<!-- lapses:end -->")[0].strip().splitlines()[2:]
expected = ["|".join(line.split("|")[:-2]) + "|" for line in table]   # drop the reason column

print(f"orgs {len(orgs)}, people {len(people)}, roles {len(roles)}, events {len(events)} "
      f"(2025: {sum(e['file'] == 'events.csv' for e in events)}, "
      f"2026: {sum(e['file'] != 'events.csv' for e in events)})")
print("roles starting after 2024-01-01:")
for x in late_starts:
    print("  ", *x)
print("branch secretary posts vacant:")
for b, ds in sorted(vacant_days.items()):
    print(f"   {b}: {ds[0]} .. {ds[-1]} ({len(ds)} days)")
print(f"\nfindings as of {AS_OF}:\n")
print("| # | rule | subject | period / ref / event | outcome | detail |")
print("|---|---|---|---|---|---|")
print("\n".join(rows))
for d in disagreements:
    error(f"readings disagree: {d}")
if rows != expected:
    for line in sorted(set(rows) ^ set(expected)):
        error(("only computed: " if line in rows else "only in README: ") + line)
if errors:
    print(f"\n{len(errors)} problem(s):")
    for m in errors[:50]:
        print("  " + m)
    sys.exit(1)
print(f"\nOK: {len(rows)} findings, exactly the README's lapse table; all files valid.")
