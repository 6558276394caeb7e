#!/usr/bin/env python3
"""Checks the example city independently of generate.py.

    python3 examples/city/check.py

1. Reads orgs.csv, people.csv, roles.csv, events.csv and events-2026.jsonl with the csv and
   json modules and validates them: headers, unique ids, references, time stamps, every
   event's attrs against schemas/events.yaml, and the role invariants (one branch secretary per
   branch on every day, one party group secretary and 2–4 members per 党组, ...).
2. Recomputes, with its own copy of the official calendar, the findings of the rules listed in
   README.md as of 2026-11-20, under each reasonable reading of the windows (events counted
   inside the period only, or up to the end of the grace; reports by `attrs.year`), and fails
   when the readings disagree.
3. Prints the findings as the README's lapse table (without the free-text reason column) and
   fails unless they are exactly the table's rows.
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
              "division_head", "member"}
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
    r["lo"] = date.fromisoformat(r["from"])
    r["hi"] = date.fromisoformat(r["to"]) if r["to"] else date.max
    if r["lo"] > r["hi"]:
        error(f"role {r}: from after to")


def holders(org, role, d):
    return sorted(r["person"] for r in roles if r["org"] == org and r["role"] == role and r["lo"] <= d <= r["hi"])


def of_kind(kind):
    return sorted(o for o in orgs if orgs[o]["kind"] == kind)


late_starts = sorted({(r["from"], r["person"], r["org"], r["role"]) for r in roles if r["lo"] > date(2024, 1, 1)})
d = date(2024, 1, 1)
while d <= AS_OF:
    for b in of_kind("party_branch"):
        if len(holders(b, "branch_secretary", d)) != 1:
            error(f"{b} on {d}: branch secretaries {holders(b, 'branch_secretary', d)}")
        elif holders(b, "branch_secretary", d) != holders(b, "division_head", d):
            error(f"{b} on {d}: the branch secretary is not the division head")
        if len(holders(b, "member", d)) < 7:
            error(f"{b} on {d}: fewer than 7 members but a branch committee")
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
                     "meeting.org_life") and e["person"] not in holders(e["org"], "branch_secretary", e["d"]):
        error(f"{where}: convened by {e['person']}, not the branch secretary")
events.sort(key=lambda e: e["t"])

# ── the findings ───────────────────────────────────────────────────────────────────────────
findings = []          # (rule, subject, period, outcome, detail)
disagreements = []


def periods(every):
    y, i = 2025, 1
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
    n, unit = due
    return plus_workdays(hi, n) if unit == "workdays" else plus_months(hi, n)


def count_readings(match, lo, hi, due, year=None):
    """Counts under each reading; they must agree for the data to be unambiguous."""
    c = {"period": sum(1 for e in events if match(e) and lo <= e["d"] <= hi),
         "period+grace": sum(1 for e in events if match(e) and lo <= e["d"] <= due)}
    if year is not None:
        c["attrs.year"] = sum(1 for e in events if match(e) and e["attrs"].get("year") == year and e["d"] <= due)
    return c


def judge(rule, subject, period, readings, outcome, detail):
    verdicts = {k: v >= 1 for k, v in readings.items()}
    if len(set(verdicts.values())) > 1:
        disagreements.append((rule, subject, period, readings))
    if not verdicts[next(iter(verdicts))]:
        findings.append((rule, subject, period, outcome, detail))


PERIODIC = [("meetings.branch_committee_monthly", "meeting.branch_committee", "month", (5, "workdays")),
            ("meetings.member_assembly_quarterly", "meeting.member_assembly", "quarter", (5, "workdays")),
            ("meetings.themed_party_day_monthly", "party_day.themed", "month", (5, "workdays")),
            ("meetings.org_life_yearly", "meeting.org_life", "year", (15, "workdays"))]
for rule, typ, every, due in PERIODIC:
    for b in of_kind("party_branch"):
        for name, lo, hi in periods(every):
            dd = due_of(hi, due)
            if dd > AS_OF:
                continue
            c = count_readings(lambda e: e["type"] == typ and e["org"] == b, lo, hi, dd)
            judge(rule, b, name, c, "missing", f"0 × {typ}")

for o in of_kind("organ"):
    for name, lo, hi in periods("year"):
        dd = due_of(hi, (2, "months"))
        if dd > AS_OF:
            continue
        c = count_readings(lambda e: e["type"] == "report.annual_party_building" and e["org"] == o,
                           lo, hi, dd, year=lo.year)
        judge("reporting.annual_report_to_city", o, name, c, "missing", "0 × report.annual_party_building")

# inspection.rectification: feedback → plan (1 month) → report (2 months after feedback)
# → verified (1 month after the report; also checked against 1 month after the report's due)
for fb in [e for e in events if e["type"] == "inspection.feedback"]:
    steps = {}
    for typ, step in (("rectification.plan", "plan"), ("rectification.report", "report"),
                      ("rectification.verified", "verified")):
        hits = [e for e in events if e["type"] == typ and e["ref"] == fb["ref"] and e["org"] == fb["org"]
                and e["t"] >= fb["t"]]
        steps[step] = hits[0]["d"] if hits else None
    due = {"plan": plus_months(fb["d"], 1), "report": plus_months(fb["d"], 2)}
    due["verified"] = plus_months(steps["report"] or due["report"], 1)
    if steps["verified"] and steps["verified"] > plus_months(due["report"], 1):
        disagreements.append(("inspection.rectification", fb["org"], fb["ref"], "verified vs report due"))
    for step in ("plan", "report", "verified"):
        if steps[step] and steps[step] > due[step]:
            findings.append(("inspection.rectification", fb["org"], fb["ref"], "late",
                             f"step {step} due {due[step]}, done {steps[step]}"))
        elif not steps[step] and due[step] < AS_OF:
            findings.append(("inspection.rectification", fb["org"], fb["ref"], "missing",
                             f"step {step} due {due[step]}, not done"))


def deadline(rule, on, expect, n, by_person):
    for t in [e for e in events if e["type"] == on]:
        due = plus_workdays(t["d"], n)
        hits = [e for e in events if e["type"] == expect and e["ref"] == t["ref"] and e["t"] >= t["t"]
                and (not by_person or e["person"] == t["person"])]
        subject = t["person"] if by_person else t["org"]
        if hits and hits[0]["d"] > due:
            findings.append((rule, subject, t["ref"], "late", f"due {due}, replied {hits[0]['d']}"))
        elif not hits and due < AS_OF:
            findings.append((rule, subject, t["ref"], "overdue", f"due {due}, no reply"))
        elif not hits:
            findings.append((rule, subject, t["ref"], "pending", f"due {due}"))


deadline("discipline.inquiry_reply_15wd", "inquiry.letter", "inquiry.reply", 15, True)
deadline("instructions.first_time_study", "instruction.received", "instruction.studied", 5, False)

# responsibility.annual_duty_report: holders on the period's last day
for o in of_kind("organ"):
    for name, lo, hi in periods("year"):
        dd = due_of(hi, (2, "months"))
        if dd > AS_OF:
            continue
        links = [("party_group_secretary", f"{o}.pg", "report.duty", None)]
        links += [("branch_secretary", b, "report.duty", b) for b in of_kind("party_branch")
                  if orgs[b]["parent"] == f"{o}.opc"]
        links += [("discipline_secretary", f"{o}.odc", "report.supervision", None)]
        for rname, org, typ, at in links:
            hs = holders(org, rname, hi)
            if not hs:
                findings.append(("responsibility.annual_duty_report", o, name, "vacant", f"{rname} ({org})"))
            for p in hs:
                c = count_readings(lambda e: e["type"] == typ and e["person"] == p and (at is None or e["org"] == at),
                                   lo, hi, dd, year=lo.year)
                judge("responsibility.annual_duty_report", o, name, c, "missing_duty", f"{rname} {p} ({org})")

for e in events:
    a = e["attrs"]
    if e["type"] == "expense.meal" and a.get("public_funds") is True and e["d"] in REST and e["d"] not in MAKEUP:
        findings.append(("conduct.holiday_public_meal", e["org"], e["id"], "violation", f"{e['d']}, public funds"))
    if e["type"] == "car.use" and a.get("purpose") == "private":
        findings.append(("conduct.private_car_use", e["org"], e["id"], "violation", f"{e['d']}, person {e['person']}"))
    if e["type"] == "reception.official":
        g, c = a["guests"], a["companions"]
        if (g <= 10 and c > 3) or (g > 10 and c * 3 > g):
            findings.append(("conduct.reception_companions", e["org"], e["id"], "violation",
                             f"guests {g}, companions {c}"))

# ── report ─────────────────────────────────────────────────────────────────────────────────
ORDER = ["meetings.branch_committee_monthly", "meetings.member_assembly_quarterly",
         "meetings.themed_party_day_monthly", "meetings.org_life_yearly",
         "reporting.annual_report_to_city", "inspection.rectification", "discipline.inquiry_reply_15wd",
         "responsibility.annual_duty_report", "conduct.holiday_public_meal", "conduct.private_car_use",
         "conduct.reception_companions", "instructions.first_time_study"]
findings.sort(key=lambda f: (ORDER.index(f[0]), f[1], f[2]))
rows = [f"| {i} | `{r}` | `{s}` | `{p}` | {o} | {d} |" for i, (r, s, p, o, d) in enumerate(findings, 1)]

readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
table = readme.split("<!-- lapses:begin -->")[1].split("<!-- lapses:end -->")[0].strip().splitlines()[2:]
expected = ["|".join(line.split("|")[:-2]) + "|" for line in table]   # drop the reason column

print(f"orgs {len(orgs)}, people {len(people)}, roles {len(roles)}, events {len(events)} "
      f"(2025: {sum(e['file'] == 'events.csv' for e in events)}, "
      f"2026: {sum(e['file'] != 'events.csv' for e in events)})")
print("roles starting after 2024-01-01:")
for x in late_starts:
    print("  ", *x)
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
