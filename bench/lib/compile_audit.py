"""Two measurements beside the stores: compiling rules (the library and 1,000 generated rules
of all seven kinds) and the nightly incremental audit on the largest store."""
import datetime
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile

from .common import AS_OF, DATA, ROOT, RULES, die, log, parse_date
from .timing import repeat, timed

# The nights of the incremental audit: each imports a copy of the events of the same weekday
# a week before (new ids), then audits as of that day.
NIGHTS = ["2026-11-23", "2026-11-24", "2026-11-25"]


# ── 1,000 generated rules ──────────────────────────────────────────────────────

def rule_file(i):
    """One rule of one of the seven kinds, varied by i (all lint-clean)."""
    kind = ["match", "deadline", "periodic", "threshold", "sequence", "chain", "escalation"][i % 7]
    k = i // 7
    head = ("rules:\n  - id: gen.%s_%04d\n    title: 生成规则 %d（%s）\n    basis: 基准测试生成的规则\n"
            "    severity: %s\n    effective: {from: 2025-0%d-01}\n    owner: %s\n    tags: [%s]\n    kind: %s\n"
            % (kind, i, i, kind, ["low", "medium", "high"][k % 3], 1 + k % 9,
               ["branch_secretary", "organ_committee_secretary", "party_group_secretary", "discipline_secretary"][k % 4],
               "gen%d" % (k % 10) if kind != "escalation" else "gen_escalation", kind))
    if kind == "match":
        body = [
            '    when: event.type == "car.use" && event.attrs.km > %d\n    message: "{org.name} {event.date} 用车 {event.attrs.km} 公里"\n' % (50 + k),
            '    when: event.type == "expense.meal" && event.attrs.amount > %d && is_holiday(event.date)\n    message: "{org.name} {event.date} 用餐 {event.attrs.amount} 元"\n' % (100 + k),
            '    when: event.type == "reception.official" && event.attrs.companions * %d > event.attrs.guests\n    message: "{org.name} {event.date} 接待陪餐超标"\n' % (2 + k % 5),
            '    when: >\n      event.type == "meeting.branch_committee" && has(event.attrs.attendees)\n      && has(event.attrs.members_total) && event.attrs.attendees * %d <= event.attrs.members_total\n    message: "{org.name} {event.date} 到会人数不足"\n' % (2 + k % 3),
        ][k % 4]
    elif kind == "deadline":
        on, expect, corr, unit = [
            ("inquiry.letter", "inquiry.reply", "[ref, person]", "workdays"),
            ("clue.received", "clue.disposed", "[ref]", "workdays"),
            ("instruction.received", "instruction.studied", "[ref]", "workdays"),
            ("case.accepted", "case.reviewed", "[ref]", "months"),
            ("inspection.feedback", "rectification.leader_report", "[ref]", "months"),
        ][k % 5]
        n = 1 + k % 20 if unit == "workdays" else 1 + k % 3
        body = ('    on: event.type == "%s"\n    expect: event.type == "%s"\n    correlate: %s\n    within: %d %s\n'
                '    message: "{org.name} {trigger.date} 开启的事项应于 {due} 前完成"\n' % (on, expect, corr, n, unit))
    elif kind == "periodic":
        scope, every, typ = [
            ("party_branch", "month", "meeting.branch_committee"),
            ("party_branch", "quarter", "meeting.member_assembly"),
            ("party_branch", "month", "party_day.themed"),
            ("leadership_group", "year", "study.group"),
            ("party_branch", "year", "talk.heart"),
            ("organ_party_committee", "year", "meeting.cadre_assembly"),
        ][k % 6]
        due = "" if k % 2 else "    due: %d workdays\n" % (1 + k % 10)
        body = ('    scope: org.kind == "%s"\n    every: %s\n    expect: event.type == "%s"\n    at_least: %d\n%s'
                '    message: "{org.name} {period.label} 次数不足"\n' % (scope, every, typ, 1 + k % 3, due))
    elif kind == "threshold":
        body = [
            '    when: event.type == "expense.meal" && event.attrs.public_funds == true\n    group_by: [org]\n    window: %d days\n'
            '    sum: event.attrs.amount\n    at_least: %d\n    message: "{org.name} 累计 {count} 元"\n' % (7 + k % 60, 1000 + 100 * k),
            '    when: event.type == "car.use"\n    group_by: [person]\n    window: %d days\n    at_least: %d\n'
            '    message: "{person.name} 用车 {count} 次"\n' % (7 + k % 30, 5 + k % 20),
        ][k % 2]
    elif kind == "sequence":
        body = ('    correlate: [ref]\n    subject: org\n    steps:\n'
                '      - name: received\n        when: event.type == "instruction.received"\n'
                '      - name: studied\n        when: event.type == "instruction.studied"\n        within: %d workdays\n'
                '      - name: planned\n        when: event.type == "instruction.planned"\n        within: %d workdays\n'
                '      - name: ledger\n        when: event.type == "instruction.ledger"\n        within: %d workdays\n'
                '    message: "{org.name} {key} 环节 {step} {outcome}"\n' % (3 + k % 5, 5 + k % 10, 3 + k % 5))
    elif kind == "chain":
        body = [
            '    scope: org.kind == "organ"\n    every: year\n    due: %d months\n    links:\n'
            '      - role: party_group_secretary\n        in: org.kind == "leadership_group"\n'
            '        expect: event.type == "report.duty" && event.attrs.year == period.year\n        each_holder: true\n'
            '      - role: discipline_secretary\n        in: org.kind == "organ_discipline_committee"\n'
            '        expect: event.type == "report.supervision" && event.attrs.year == period.year\n'
            '    message: "{org.name} {period.label} {outcome}"\n' % (1 + k % 3),
            '    scope: org.kind == "party_branch"\n    every: quarter\n    due: %d workdays\n    links:\n'
            '      - role: branch_secretary\n        expect: event.type in ["meeting.branch_committee", "meeting.group"]\n'
            '    message: "{org.name} {period.label} {outcome}"\n' % (1 + k % 10),
        ][k % 2]
    else:
        body = ('    from: [gen%d]\n    group_by: [%s]\n    window: %d months\n    at_least: %d\n    recommend: %d\n'
                '    message: "{org.name} 多次违规 {count} 次"\n' % (k % 10, ["org", "person"][k % 2], 1 + k % 12, 2 + k % 3, 1 + k % 2))
    return head + body


def make_rules(folder, n):
    os.makedirs(folder, exist_ok=True)
    for sub in ("calendars", "policy"):
        src = os.path.join(RULES, sub)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(folder, sub))
    for i in range(n):
        with open(os.path.join(folder, "gen_%04d.yaml" % i), "w", encoding="utf-8") as f:
            f.write(rule_file(i))


def compile_times(jiandu, reps):
    out = {}
    tmp = tempfile.mkdtemp(prefix="jiandu-rules-")
    try:
        gen = os.path.join(tmp, "rules")
        make_rules(gen, 1000)
        for name, folder in (("library", RULES), ("1000 rules", gen)):
            # lint: load, parse and type-check every rule, with the static checks
            def lint():
                w, rss, _ = timed([jiandu, "lint", folder], check=False)
                return w, rss
            w, rss, _ = repeat(reps, lint)
            r = subprocess.run([jiandu, "lint", folder], stdout=subprocess.PIPE, cwd=ROOT)
            summary = r.stdout.decode().strip().splitlines()[-1] if r.stdout else ""
            if r.returncode != 0:
                die("jiandu lint %s failed:\n%s" % (folder, r.stdout.decode()[-3000:]))
            # graph: the same, then compiled into one evaluation graph
            def graph():
                w, rss, _ = timed([jiandu, "graph", "--rules", folder], check=True)
                return w, rss
            gw, grss, _ = repeat(reps, graph)
            out[name] = dict(lint=w, lint_rss=rss, graph=gw, summary=summary)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


# ── the nightly incremental audit ───────────────────────────────────────────────

def day_events(store, night, path):
    """The events of the same weekday a week before, moved to `night`, as JSONL for import."""
    src = parse_date(night) - datetime.timedelta(days=7)
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    rows = db.execute(
        "SELECT id, ts + utc_offset, type, org, person, ref, attrs FROM events "
        "WHERE date(ts + utc_offset, 'unixepoch') = ? ORDER BY ts, seq", (src.isoformat(),)).fetchall()
    db.close()
    shift = 7 * 86400
    with open(path, "w", encoding="utf-8") as f:
        for id_, local, typ, org, person, ref, attrs in rows:
            t = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=local + shift)
            rec = {"id": "n%s-%s" % (night.replace("-", ""), id_), "ts": t.strftime("%Y-%m-%dT%H:%M:%S"), "type": typ, "org": org}
            if person is not None:
                rec["person"] = person
            if ref is not None:
                rec["ref"] = ref + "-n" + night.replace("-", "")  # a new case, not an answer to an old one
            rec["attrs"] = json.loads(attrs)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(rows)


def ledger_of(store):
    """Alerts, their keys and trails: what an audit leaves (the runs table has times in it)."""
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    out = [db.execute("SELECT * FROM %s ORDER BY 1" % t).fetchall() for t in ("alerts", "alert_keys", "trail")]
    db.close()
    return out


def incremental_audit(jiandu, store, reps):
    work = os.path.join(DATA, "audit-work.db")
    full = os.path.join(DATA, "audit-full.db")
    for f in (work, work + "-wal", work + "-shm", work + ".anchor", full, full + "-wal", full + "-shm", full + ".anchor"):
        if os.path.exists(f):
            os.unlink(f)
    log("incremental audit: copying the store")
    shutil.copyfile(store, work)
    os.sync()
    res = {"nights": []}
    try:
        log("incremental audit: the first audit, as of %s" % AS_OF)
        w, rss, _ = timed([jiandu, "audit", "--rules", RULES, "--db", work, "--as-of", AS_OF])
        res["first"] = (w, rss)
        nights = NIGHTS[:max(3, reps)]
        for night in nights:
            jl = os.path.join(DATA, "events-%s.jsonl" % night)
            n = day_events(store, night, jl)
            iw, _, _ = timed([jiandu, "import", "--db", work, jl])
            if night == nights[-1]:  # the same night read in full, on a copy: the results must not differ
                shutil.copyfile(work, full)
                os.sync()  # the copy's 2 GB written back now, not while the night's audit is timed
            said = os.path.join(DATA, "audit-%s.out" % night)
            aw, arss, _ = timed([jiandu, "audit", "--rules", RULES, "--db", work, "--as-of", night], stdout=said)
            with open(said, encoding="utf-8") as f:
                out = f.read()
            os.unlink(said)
            if "resumed from" not in out:
                die("the nightly audit did not resume from the checkpoint:\n" + out)
            os.unlink(jl)
            res["nights"].append(dict(night=night, events=n, import_s=iw, audit_s=aw, rss=arss))
            log("  night %s: %d events imported in %.2f s, audit %.2f s" % (night, n, iw, aw))
        log("incremental audit: the last night again, reading every event (--full), to compare")
        fw, _, _ = timed([jiandu, "audit", "--rules", RULES, "--db", full, "--as-of", nights[-1], "--full"])
        res["full_night"] = fw
        res["identical"] = ledger_of(work) == ledger_of(full)
    finally:
        for f in (work, work + "-wal", work + "-shm", work + ".lock", work + ".anchor", full, full + "-wal", full + "-shm", full + ".lock",
                  full + ".anchor"):
            if os.path.exists(f):
                os.unlink(f)
    res["audit"] = statistics.median(x["audit_s"] for x in res["nights"])
    res["import"] = statistics.median(x["import_s"] for x in res["nights"])
    res["rss"] = statistics.median(x["rss"] for x in res["nights"])
    res["events"] = statistics.median(x["events"] for x in res["nights"])
    return res


