#!/usr/bin/env python3
"""Writes the bundled example city 江州市 for jiandu into this folder.

    python3 examples/city/generate.py

Outputs orgs.csv, people.csv, roles.csv, events.csv (2025), events-2026.jsonl (2026) and
README.md. Python 3 standard library only, and deterministic: every "random" choice is a hash
of a fixed key, so the same script always writes the same bytes, and adding or removing one
event does not move any other.

The layout of this script:
  1. calendar (the official holidays and make-up working days, from calendars.md)
  2. org structure
  3. people
  4. roles and their history
  5. regular event streams: everything done on time, as the regulations ask
     (5b: the third edition's records, for the 24 rules of issue 18)
  6. DELIBERATE LAPSES: each one made by omitting, shifting or altering named events (and the
     findings of the later rules that follow from them, listed too)
     (6b: the sign-ins of the membership pilot, derived from the party days as recorded)
  7. ids, output files and README

Editions: the first edition was built for the first 12 rules; the second adds what the later
rules (42 in all) count — the monthly 党小组会 and a few more records — and two lapses of rule
kinds the first did not show (a `threshold`, a `chain` post left `vacant`); the third adds the
records the 24 rules of issue 18 read (66 in all: member dues and sign-ins, elections, notices
to real-name informants, inquiry outcomes, a detention, accountability decisions, petitions)
and eight deliberate lapses of them; of the eight rules more it counts to 74 — two that read the
role records themselves (the new-appointment report and the new head's risk re-assessment),
one that starts after the records end (consulting before a sanction, from 2026-12-01), the
复审 and 复核, the 巡察 close-out within 6 months and a year, and the cigarettes at a reception —
none found anything then. The fourth edition adds what 15 more rules read — the make-up of the
organs' party organisations (纪检委员 and full-time party staff: role records), the effect
periods of sanctions (one disposition) and the 复审/复核 applicant's month — with three
deliberate lapses of them: 89 in all. The fifth adds a deliberate lapse each for eight rules
that found nothing: the two that read the role records (a division head appointed two weeks
before the branch elects him secretary, in the role history, and a re-assessment moved), the
复审, the 复核 and the applicant's month (钱晓雪's requests about her 记过), the close-out (a
failed verification and a late passed one, which is late for inspection.rectification too),
the cigarettes and the branch secretary who is not the division head. (The term renewals
cannot be lapsed here: the records and the rules both start on 2025-01-01, so the first
election they hold is of 2025, and its 3-year term ends after the records.) Ids are given per
year to the first edition's events first, then the second's, and so on, so that none of them
moves; an event a later edition moves keeps its place in the numbering (see EDITION below,
and move() in section 6).
examples/city/check.py recomputes the findings independently and compares them with README.md.
"""

import csv
import hashlib
import json
import os
import re
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
FIRST_DAY = date(2025, 1, 1)   # the rules take effect on this day; events start here
AS_OF = date(2026, 11, 20)     # the last day with events, and the as-of date of the checks


def D(text):
    return date.fromisoformat(text)


def days(lo, hi):
    d = lo
    while d <= hi:
        yield d
        d += timedelta(days=1)


# ═════════════════════════════════════════════════════════════════════════════════════════
# 1. CALENDAR — official rest days and make-up working days (国务院办公厅 yearly notices)
# ═════════════════════════════════════════════════════════════════════════════════════════

REST_DAYS = {  # name: (first, last) rest day, inclusive
    2024: [("元旦", "2024-01-01", "2024-01-01"), ("春节", "2024-02-10", "2024-02-17"),
           ("清明节", "2024-04-04", "2024-04-06"), ("劳动节", "2024-05-01", "2024-05-05"),
           ("端午节", "2024-06-10", "2024-06-10"), ("中秋节", "2024-09-15", "2024-09-17"),
           ("国庆节", "2024-10-01", "2024-10-07")],
    2025: [("元旦", "2025-01-01", "2025-01-01"), ("春节", "2025-01-28", "2025-02-04"),
           ("清明节", "2025-04-04", "2025-04-06"), ("劳动节", "2025-05-01", "2025-05-05"),
           ("端午节", "2025-05-31", "2025-06-02"), ("国庆节、中秋节", "2025-10-01", "2025-10-08")],
    2026: [("元旦", "2026-01-01", "2026-01-03"), ("春节", "2026-02-15", "2026-02-23"),
           ("清明节", "2026-04-04", "2026-04-06"), ("劳动节", "2026-05-01", "2026-05-05"),
           ("端午节", "2026-06-19", "2026-06-21"), ("中秋节", "2026-09-25", "2026-09-27"),
           ("国庆节", "2026-10-01", "2026-10-07")],
}
MAKEUP_WORKDAYS = {D(x) for x in [
    "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14",
    "2024-09-29", "2024-10-12",
    "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
    "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]}
HOLIDAY = {}  # date -> holiday name, for every official rest day
for _year, _list in REST_DAYS.items():
    for _name, _lo, _hi in _list:
        for _d in days(D(_lo), D(_hi)):
            HOLIDAY[_d] = _name


def is_workday(d):
    if d in MAKEUP_WORKDAYS:
        return True
    return d.weekday() < 5 and d not in HOLIDAY


def add_workdays(d, n):
    """The n-th working day after d (d itself is not counted)."""
    while n > 0:
        d += timedelta(days=1)
        if is_workday(d):
            n -= 1
    return d


def add_months(d, n):
    """Same day n months later, or that month's last day (民法典 Art.202)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, month_end(y, m).day))


def month_end(y, m):
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def months(first=(2025, 1), last=(AS_OF.year, AS_OF.month)):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_window(y, m):
    """The Monday–Friday working days of a month that a monthly event may fall on.

    They start after the previous month's 5-workday grace window, so that no event can be read
    as belonging to the month before, and stop at AS_OF."""
    lo = add_workdays(date(y, m, 1) - timedelta(days=1), 5) + timedelta(days=1)
    hi = min(month_end(y, m), AS_OF)
    return [d for d in days(lo, hi) if is_workday(d) and d.weekday() < 5]


def h(*key):
    """A stable pseudo-random number for a key (no global random state)."""
    return int.from_bytes(hashlib.sha256("|".join(map(str, key)).encode()).digest()[:8], "big")


def pick(options, *key):
    return options[h(*key) % len(options)]


MORNING = ["09:00", "09:30", "10:00"]
AFTERNOON = ["14:30", "15:00", "15:30", "16:00"]
OFFICE_HOURS = MORNING + AFTERNOON


# ═════════════════════════════════════════════════════════════════════════════════════════
# 2. ORG STRUCTURE — 市委 → 机关工委 → 3 organs → 党组, 机关党委 → 机关纪委, 党支部
# ═════════════════════════════════════════════════════════════════════════════════════════

ORGS = [  # id, parent, kind, name
    ("city", "", "city_committee", "中共江州市委员会"),
    ("gwc", "city", "work_committee", "中共江州市直属机关工作委员会"),
]
ORGANS = {  # id: (name, short name, branches built in divisions: (suffix, division))
    "fgw": ("江州市发展和改革委员会", "市发展改革委", [("b1", "办公室"), ("b2", "综合规划处"), ("b3", "价格管理处")]),
    "czj": ("江州市财政局", "市财政局", [("b1", "办公室"), ("b2", "预算处"), ("b3", "国库处")]),
    "jyj": ("江州市教育局", "市教育局", [("b1", "办公室"), ("b2", "基础教育处")]),
}
BRANCHES = []      # every party_branch id
DIVISION = {}      # branch id -> division name
for oid, (oname, short, branches) in ORGANS.items():
    ORGS += [
        (oid, "gwc", "organ", oname),
        (f"{oid}.pg", oid, "leadership_group", f"中共{oname}党组"),
        (f"{oid}.opc", oid, "organ_party_committee", f"中共{oname}机关委员会"),
        (f"{oid}.odc", f"{oid}.opc", "organ_discipline_committee", f"中共{oname}机关纪律检查委员会"),
    ]
    for suffix, division in branches:
        bid = f"{oid}.{suffix}"
        ORGS.append((bid, f"{oid}.opc", "party_branch", f"{short}{division}党支部"))
        BRANCHES.append(bid)
        DIVISION[bid] = division
ORG_NAME = {o[0]: o[3] for o in ORGS}


def organ_of(org):
    return org.split(".")[0]


# ═════════════════════════════════════════════════════════════════════════════════════════
# 3. PEOPLE — org is the home unit today (a branch, the organ, or the city level)
# ═════════════════════════════════════════════════════════════════════════════════════════

PEOPLE = [
    ("p001", "周海峰", "city"),     # 市委书记
    ("p002", "林志远", "gwc"),      # 市直机关工委书记
    # 市发展改革委: 党组 and 机关党委/纪委 leaders, then the three division branches
    ("p003", "陈建国", "fgw"), ("p004", "王丽华", "fgw"), ("p005", "刘振宇", "fgw"),
    ("p006", "赵文博", "fgw"), ("p007", "孙晓梅", "fgw"),
    ("p008", "郭志强", "fgw.b1"), ("p009", "何静", "fgw.b1"), ("p010", "马骏", "fgw.b1"),
    ("p011", "罗小燕", "fgw.b1"),
    ("p012", "高明", "fgw"),        # 综合规划处处长 until 2025-06-30, then 党组成员
    ("p013", "梁晓东", "fgw.b2"), ("p014", "宋佳", "fgw.b2"), ("p015", "郑浩", "fgw.b2"),
    ("p016", "谢敏", "fgw.b2"), ("p017", "韩磊", "fgw.b2"), ("p018", "唐婷", "fgw.b2"),
    ("p019", "冯国栋", "fgw.b3"), ("p020", "于洋", "fgw.b3"), ("p021", "董丽", "fgw.b3"),
    ("p022", "曹亮", "fgw.b3"), ("p023", "袁芳", "fgw.b3"), ("p024", "邓伟", "fgw.b3"),
    ("p025", "许文静", "fgw.b3"),
    ("p026", "蒋一鸣", "fgw.b2"),    # transferred in on 2025-07-01
    # 市财政局
    ("p027", "黄志诚", "czj"), ("p028", "吴秀兰", "czj"), ("p029", "徐海涛", "czj"),
    ("p030", "朱红", "czj"), ("p031", "胡建军", "czj"),
    ("p032", "林淑芬", "czj.b1"), ("p033", "潘伟", "czj.b1"), ("p034", "杜鹃", "czj.b1"),
    ("p035", "蔡明亮", "czj.b1"),
    ("p036", "程刚", "czj.b2"), ("p037", "彭丽娟", "czj.b2"), ("p038", "曾凡", "czj.b2"),
    ("p039", "田野", "czj.b2"), ("p040", "丁雪", "czj.b2"), ("p041", "姜涛", "czj.b2"),
    ("p042", "范文", "czj.b2"),
    ("p043", "钟立新", "czj.b3"), ("p044", "汪洁", "czj.b3"), ("p045", "任杰", "czj.b3"),
    ("p046", "廖红梅", "czj.b3"), ("p047", "方舟", "czj.b3"), ("p048", "石磊", "czj.b3"),
    ("p049", "魏琳", "czj.b3"),
    # 市教育局
    ("p050", "沈国华", "jyj"), ("p051", "姚丽", "jyj"), ("p052", "卢志刚", "jyj"),
    ("p053", "韦晓红", "jyj"),
    ("p054", "秦海燕", "jyj.b1"), ("p055", "江涛", "jyj.b1"), ("p056", "史雯", "jyj.b1"),
    ("p057", "顾明", "jyj.b1"),
    ("p058", "邵建华", "jyj"),     # 基础教育处处长 until 2026-09-13, then 党组成员
    ("p059", "孟婷", "jyj.b2"), ("p060", "龙飞", "jyj.b2"),
    ("p061", "万芳", "jyj.b2"), ("p062", "段然", "jyj.b2"), ("p063", "雷鸣", "jyj.b2"),
    ("p064", "钱晓雪", "jyj.b2"),
    ("p065", "贺永强", "jyj"),      # 党组书记 from 2026-06-12
    ("p066", "严俊", "jyj.b2"),     # transferred in on 2026-09-14
    # edition 3: 市财政局国库支付中心 official, not a party member (监察法 covers every 公职人员)
    ("p067", "邹建平", "czj"),
]
# The home units the first edition of this city had: the drivers of the official cars are
# picked from them, so that later changes of home unit do not move any trip.
HOME_2025 = {p[0]: p[2] for p in PEOPLE if p[0] not in ("p066", "p067")}
HOME_2025["p058"] = "jyj.b2"
NAME = {p[0]: p[1] for p in PEOPLE}


# ═════════════════════════════════════════════════════════════════════════════════════════
# 4. ROLES — who held what, from when to when (`to` inclusive, "" = still held)
# ═════════════════════════════════════════════════════════════════════════════════════════

ROLES = []  # [person, org, role, from, to]


def role(person, org, name, frm, to=""):
    ROLES.append([person, org, name, frm, to])


def end_role(person, org, name, last_day):
    open_ = [r for r in ROLES if r[:3] == [person, org, name] and r[4] == ""]
    assert len(open_) == 1, (person, org, name)
    open_[0][4] = last_day


def leadership(oid, secretary, members, committee_secretary, discipline_secretary, party_staff=True):
    """党组 secretary and members, 机关党委 secretary (a 党组 member), 机关纪委 secretary
    (also the 机关党委 deputy secretary, 机关条例 Art.9). Leaders are members of 办公室党支部.
    party_staff: the 机关纪委 secretary also works full time on party affairs
    (party_affairs_staff at the 机关党委, 机关条例 Art.30: 1%–2% of the organ's people)."""
    pid, since = secretary
    role(pid, f"{oid}.pg", "party_group_secretary", since)
    role(pid, f"{oid}.b1", "member", since)
    for pid, since in members:
        role(pid, f"{oid}.pg", "party_group_member", since)
        role(pid, f"{oid}.b1", "member", since)
    pid, since = committee_secretary
    role(pid, f"{oid}.opc", "organ_committee_secretary", since)
    pid, since = discipline_secretary
    role(pid, f"{oid}.odc", "discipline_secretary", since)
    role(pid, f"{oid}.opc", "organ_committee_deputy_secretary", since)
    if party_staff:
        role(pid, f"{oid}.opc", "party_affairs_staff", since)
    role(pid, f"{oid}.b1", "member", since)


def branch(bid, since, secretary, committee, members, discipline_from=None):
    """支部建在处室、处长担任书记: the secretary is the division head (the role history below
    has one stretch where the head changed first: 2026-03-30). The last committee
    member is the branch's 纪检委员 (机关条例 Art.9: 支部委员会设纪检委员), from `since` unless
    discipline_from says later."""
    role(secretary, bid, "branch_secretary", since)
    role(secretary, bid, "division_head", since)
    role(secretary, bid, "member", since)
    for pid in committee:
        role(pid, bid, "branch_committee_member", since)
        role(pid, bid, "member", since)
    role(committee[-1], bid, "branch_discipline_member", discipline_from or since)
    for pid in members:
        role(pid, bid, "member", since)


role("p001", "city", "city_secretary", "2021-09-01")
role("p002", "gwc", "work_committee_secretary", "2022-03-01")

leadership("fgw", ("p003", "2021-06-01"),
           [("p004", "2022-01-01"), ("p005", "2020-11-01"), ("p006", "2023-03-01")],
           ("p004", "2022-01-01"), ("p007", "2022-08-01"))
branch("fgw.b1", "2022-12-01", "p008", ["p009", "p010"], ["p011"])
branch("fgw.b2", "2022-12-01", "p012", ["p013", "p014"], ["p015", "p016", "p017", "p018"])
branch("fgw.b3", "2023-06-01", "p019", ["p020", "p021"], ["p022", "p023", "p024", "p025"])

leadership("czj", ("p027", "2022-02-01"),
           [("p028", "2021-03-01"), ("p029", "2022-09-01"), ("p030", "2023-12-01")],
           ("p028", "2021-03-01"), ("p031", "2021-10-01"))
branch("czj.b1", "2023-03-01", "p032", ["p033", "p034"], ["p035"])
branch("czj.b2", "2022-06-01", "p036", ["p037", "p038"], ["p039", "p040", "p041", "p042"])
# 国库处: the committee elected in 2023 named no 纪检委员 until 任杰 p045 took the duty on
# 2026-03-01, after the 机关党委's review of 2025 (deliberate lapse 30, organisation.branch_discipline_member)
branch("czj.b3", "2023-09-01", "p043", ["p044", "p045"], ["p046", "p047", "p048", "p049"],
       discipline_from="2026-03-01")

# 市教育局 has no full-time party worker: its 机关纪委 secretary 韦晓红 does the work beside the
# post (deliberate lapse 31, organisation.party_staff_ratio)
leadership("jyj", ("p050", "2020-07-01"),
           [("p051", "2021-05-01"), ("p052", "2023-01-01")],
           ("p051", "2021-05-01"), ("p053", "2022-04-01"), party_staff=False)
branch("jyj.b1", "2022-09-01", "p054", ["p055", "p056"], ["p057"])
branch("jyj.b2", "2024-01-01", "p058", ["p059", "p060"], ["p061", "p062", "p063", "p064"])

# ── role history ──────────────────────────────────────────────────────────────────────────
# 2025-07-01 综合规划处: 高明 is promoted to the 市发展改革委 党组; committee member 梁晓东
# becomes division head and branch secretary; 郑浩 joins the branch committee.
for r in ("branch_secretary", "division_head", "member"):
    end_role("p012", "fgw.b2", r, "2025-06-30")
role("p012", "fgw.pg", "party_group_member", "2025-07-01")
role("p012", "fgw.b1", "member", "2025-07-01")
end_role("p013", "fgw.b2", "branch_committee_member", "2025-06-30")
role("p013", "fgw.b2", "branch_secretary", "2025-07-01")
role("p013", "fgw.b2", "division_head", "2025-07-01")
role("p015", "fgw.b2", "branch_committee_member", "2025-07-01")

# 2025-07-01 蒋一鸣 transfers in to 综合规划处 with his party membership, keeping the branch at
# seven members.
role("p026", "fgw.b2", "member", "2025-07-01")

# 2026-03-30 市财政局办公室: 林淑芬, who retires on 2026-04-14, steps down as office director
# (到龄退出领导岗位) two weeks early so that 潘伟, appointed office director that day, can take
# over the office; she stays branch secretary to her last day, and the branch elects 潘伟
# secretary only at its 换届 of 2026-04-15. So on 2026-03-31, the end of 2026-Q1, the branch
# secretary is not the division head (edition 5: deliberate lapse, organisation.branch_secretary_is_head).
# 2026-04-15: 林淑芬 retires (last day 2026-04-14); 潘伟 becomes branch secretary; 蔡明亮 joins
# the branch committee.
end_role("p032", "czj.b1", "division_head", "2026-03-29")
role("p033", "czj.b1", "division_head", "2026-03-30")
for r in ("branch_secretary", "member"):
    end_role("p032", "czj.b1", r, "2026-04-14")
end_role("p033", "czj.b1", "branch_committee_member", "2026-04-14")
role("p033", "czj.b1", "branch_secretary", "2026-04-15")
role("p035", "czj.b1", "branch_committee_member", "2026-04-15")
HEAD_BEFORE_SECRETARY = [("czj.b1", D("2026-03-30"), D("2026-04-14"))]   # branch, first and last day

# 2026-06-12 市教育局: 党组书记 沈国华 is transferred out (last day 2026-06-11); 贺永强 is
# appointed party group secretary.
end_role("p050", "jyj.pg", "party_group_secretary", "2026-06-11")
end_role("p050", "jyj.b1", "member", "2026-06-11")
role("p065", "jyj.pg", "party_group_secretary", "2026-06-12")
role("p065", "jyj.b1", "member", "2026-06-12")

# 2026-09-14 基础教育处: 邵建华 (secretary and division head to 2026-09-13) joins the 市教育局
# 党组; committee member 孟婷 becomes division head the same day, but the branch elects her
# secretary only at the by-election (补选) of 2026-10-19, when 钱晓雪 joins the committee:
# the branch secretary's post is VACANT from 2026-09-14 to 2026-10-18, over the end of
# 2026-Q3 (deliberate lapse, organisation.branch_secretary_in_post). 严俊 transfers in as a
# member, keeping the branch at seven members.
for r in ("branch_secretary", "division_head", "member"):
    end_role("p058", "jyj.b2", r, "2026-09-13")
role("p058", "jyj.pg", "party_group_member", "2026-09-14")
role("p058", "jyj.b1", "member", "2026-09-14")
role("p059", "jyj.b2", "division_head", "2026-09-14")
end_role("p059", "jyj.b2", "branch_committee_member", "2026-10-18")
role("p059", "jyj.b2", "branch_secretary", "2026-10-19")
role("p064", "jyj.b2", "branch_committee_member", "2026-10-19")
role("p066", "jyj.b2", "member", "2026-09-14")
VACANCIES = [("jyj.b2", D("2026-09-14"), D("2026-10-18"))]   # branch, first and last day


def holders(org, name, d):
    return [r[0] for r in ROLES if r[1] == org and r[2] == name
            and D(r[3]) <= d and (r[4] == "" or d <= D(r[4]))]


def holder(org, name, d):
    hs = holders(org, name, d)
    assert len(hs) == 1, (org, name, d, hs)
    return hs[0]


def members(org, d):
    return holders(org, "member", d)


def committee(bid, d):
    """The sitting branch committee: the secretary (if the post is filled) and the members."""
    return holders(bid, "branch_secretary", d) + holders(bid, "branch_committee_member", d)


def convener(bid, d):
    """Who convenes a branch meeting: the secretary, or while the post is vacant the division
    head, a sitting committee member (主持工作的支部委员)."""
    hs = holders(bid, "branch_secretary", d)
    if hs:
        return hs[0]
    head = holder(bid, "division_head", d)
    assert head in holders(bid, "branch_committee_member", d), (bid, d)
    return head


def pg_all(oid, d):
    return [holder(f"{oid}.pg", "party_group_secretary", d)] + holders(f"{oid}.pg", "party_group_member", d)


# ═════════════════════════════════════════════════════════════════════════════════════════
# 5. REGULAR EVENT STREAMS — everything done as the regulations ask
# ═════════════════════════════════════════════════════════════════════════════════════════

EVENTS = {}  # key (a tuple naming the event) -> event

# Event ids are numbered per year in time order, EDITION by EDITION: the events of the first
# edition of this city (the 1108 events checked by its first 12 rules) keep the ids they had,
# and the events added for the later rules (edition 2: the monthly 党小组会, the 2026-09
# vacancy, the 2026-08 meals, ...; edition 3: the records of the 24 rules of issue 18, section
# 5b) are numbered after them, edition by edition. An event of an earlier edition may be
# changed in place (a person, an attribute) but never removed, or the ids after it would move;
# moved to another day by a later edition (move() in section 6), it keeps its place.
EDITION = 1


def ev(key, day, time, type_, org, attrs, person=None, ref=None, fmt="local", edition=None):
    """fmt: local = YYYY-MM-DDTHH:MM, date = YYYY-MM-DD, offset = YYYY-MM-DDTHH:MM+08:00."""
    assert key not in EVENTS, key
    assert FIRST_DAY <= day <= AS_OF, (key, day)
    EVENTS[key] = dict(day=day, time=time, type=type_, org=org, person=person, ref=ref,
                       attrs=attrs, fmt=fmt, lapse=None, edition=edition or EDITION)


def sort_key(e):
    """The order of the files, and of the ids within an edition and a year."""
    return (e["day"], e["time"] or "00:00", e["type"], e["org"], e["person"] or "", e["ref"] or "")


def attendance(total, *key, absent_max=2):
    return total - h("absent", *key) % (absent_max + 1)


def quarter_months(y, q):
    return [(y, 3 * q - 2), (y, 3 * q - 1), (y, 3 * q)]


BC_TOPICS = ["研究部署本月支部工作", "研究发展党员和党员教育管理工作", "传达学习上级会议精神，研究贯彻落实措施",
             "研究党费收缴、使用和管理情况", "研究主题党日活动安排", "分析党员思想状况",
             "研究意识形态工作", "研究“三会一课”落实情况", "研究廉政风险防控措施", "研究支部标准化规范化建设"]
PD_TOPICS = ["重温入党誓词", "学习党章党规", "参观市廉政教育基地", "志愿服务进社区", "红色教育基地现场教学",
             "观看警示教育片", "开展“我为群众办实事”实践活动", "学习《中国共产党纪律处分条例》",
             "集体过政治生日", "学习习近平新时代中国特色社会主义思想专题研讨"]
PD_SPECIAL = {(2025, 4): "深入贯彻中央八项规定精神学习教育专题研讨",
              (2025, 7): "纪念中国共产党成立104周年", (2025, 9): "纪念中国人民抗日战争胜利80周年",
              (2026, 7): "纪念中国共产党成立105周年"}
MA_TOPICS = {1: "听取支部季度工作报告，学习贯彻全会精神", 2: "讨论确定入党积极分子，学习党纪党规",
             3: "听取支部工作报告，学习贯彻上级部署", 4: "学习贯彻党的二十届四中全会精神"}
LECTURE_TOPICS = ["以党的创新理论凝心铸魂", "严守纪律规矩，加强作风建设", "坚定理想信念，践行初心使命",
                  "深入学习贯彻中央八项规定精神", "学习贯彻党的二十届四中全会精神", "把牢机关党建政治属性"]
GROUP_TOPICS = ["学习支部委员会会议精神，交流工作体会", "开展批评与自我批评", "学习党章党规，交流心得",
                "讨论支部月度工作安排", "学习上级文件精神", "交流“我为群众办实事”进展"]
STUDY_TOPICS = ["学习习近平总书记重要讲话精神", "学习《中国共产党党和国家机关基层组织工作条例》",
                "学习贯彻中央经济工作会议精神", "深入贯彻中央八项规定精神学习教育专题学习",
                "学习贯彻党的二十届四中全会精神", "学习《习近平谈治国理政》有关篇目",
                "落实全面从严治党主体责任专题学习"]


# ── 三会一课 and 主题党日, per branch ────────────────────────────────────────────────────
for bid in BRANCHES:
    for y, m in months():
        win = month_window(y, m)
        half = max(1, len(win) // 2)
        ym = f"{y}-{m:02d}"
        # 支部委员会会议: monthly, first half of the month's window
        # (more than half of the sitting committee attends: 2 or 3 of 3, both of 2)
        d = pick(win[:half + 1], "bc", bid, ym)
        com = committee(bid, d)
        ev(("bc", bid, ym), d, pick(OFFICE_HOURS, "bc-t", bid, ym), "meeting.branch_committee", bid,
           {"attendees": attendance(len(com), "bc", bid, ym, absent_max=1 if len(com) > 2 else 0),
            "members_total": len(com), "topic": BC_TOPICS[h("bct", bid, ym) % len(BC_TOPICS)]},
           person=convener(bid, d))
        # 主题党日: monthly, second half of the window
        d = pick(win[half:], "pd", bid, ym)
        ev(("pd", bid, ym), d, pick(AFTERNOON, "pd-t", bid, ym), "party_day.themed", bid,
           {"topic": PD_SPECIAL.get((y, m)) or PD_TOPICS[h("pdt", bid, ym) % len(PD_TOPICS)],
            "attendees": attendance(len(members(bid, d)), "pd", bid, ym)},
           person=convener(bid, d))
    for y in (2025, 2026):
        for q in (1, 2, 3, 4):
            (y1, m1), (y2, m2), (y3, m3) = quarter_months(y, q)
            qq = f"{y}-Q{q}"
            # 党课: each quarter, first month of the quarter; the 党组 secretary gives the
            # Q2 lecture in 办公室党支部 (each secretary gives at least one a year), and 贺永强,
            # 市教育局 党组 secretary from 2026-06-12, gives its 2026-Q4 lecture as well
            win = month_window(y1, m1)
            if win:
                d = pick(win, "lec", bid, qq)
                speaker = convener(bid, d)
                if bid.endswith(".b1") and q == 2 or (bid, qq) == ("jyj.b1", "2026-Q4"):
                    speaker = holder(f"{organ_of(bid)}.pg", "party_group_secretary", d)
                ev(("lecture", bid, qq), d, pick(AFTERNOON, "lec-t", bid, qq), "lecture.party", bid,
                   {"speaker": NAME[speaker], "topic": LECTURE_TOPICS[h("lect", bid, qq) % len(LECTURE_TOPICS)],
                    "attendees": attendance(len(members(bid, d)), "lec", bid, qq)},
                   person=speaker, fmt="offset" if (y, q) == (2025, 2) else "local")
            # 支部党员大会: each quarter, second month of the quarter
            win = month_window(y2, m2)
            if win:
                d = pick(win, "ma", bid, qq)
                n = len(members(bid, d))
                ev(("ma", bid, qq), d, pick(MORNING, "ma-t", bid, qq), "meeting.member_assembly", bid,
                   {"attendees": attendance(n, "ma", bid, qq), "members_total": n, "topic": MA_TOPICS[q]},
                   person=convener(bid, d))
            # 党小组会: every month (支部工作条例 Art.13). The first edition held one a quarter,
            # in its third month; the meetings of the other two months are edition 2.
            win = month_window(y3, m3)
            if win:
                d = pick(win, "grp", bid, qq)
                ev(("group", bid, qq), d, pick(OFFICE_HOURS, "grp-t", bid, qq), "meeting.group", bid,
                   {"group": "第一党小组" if q % 2 else "第二党小组",
                    "attendees": 3 + h("grp-n", bid, qq) % 2, "topic": "交流学习体会，开展批评与自我批评"})
            for (ym_y, ym_m) in ((y1, m1), (y2, m2)):
                win = month_window(ym_y, ym_m)
                if not win:
                    continue
                ym = f"{ym_y}-{ym_m:02d}"
                d = pick(win, "grp", bid, ym)
                ev(("group", bid, ym), d, pick(OFFICE_HOURS, "grp-t", bid, ym), "meeting.group", bid,
                   {"group": "第一党小组" if ym_m % 2 else "第二党小组",
                    "attendees": 3 + h("grp-n", bid, ym) % 2,
                    "topic": GROUP_TOPICS[h("grpt", bid, ym) % len(GROUP_TOPICS)]}, edition=2)

# ── 2025 year-end: 谈心谈话 (Nov), 民主评议党员 and 组织生活会 (Dec), per branch ──────────
for bid in BRANCHES:
    nov = month_window(2025, 11)
    sec = holder(bid, "branch_secretary", nov[0])
    partners = holders(bid, "branch_committee_member", nov[0]) + \
        [p for p in members(bid, nov[0]) if p not in committee(bid, nov[0])][:2]
    for i, other in enumerate(partners):
        d = nov[(h("talk", bid, other) + i) % len(nov)]
        ev(("talk", bid, other, 2025), d, pick(OFFICE_HOURS, "talk-t", bid, other), "talk.heart", bid,
           {"with_person": other}, person=sec)
    dec = month_window(2025, 12)
    d = dec[4 + h("ol", bid) % 8]       # a day in the second or third week of December
    n = len(members(bid, d))
    self_day = dec[h("ap", bid) % 3]
    ev(("appraisal", bid, "self"), self_day, "15:00", "appraisal.member", bid,
       {"stage": "self", "members_total": n}, person=sec)
    ev(("org_life", bid, 2025), d, "09:00", "meeting.org_life", bid,
       {"attendees": attendance(n, "ol", bid, absent_max=1), "members_total": n,
        "topic": "2025年度组织生活会：对照检视、批评与自我批评"}, person=sec)
    ev(("appraisal", bid, "mutual"), d, "10:30", "appraisal.member", bid,
       {"stage": "mutual", "members_total": n}, person=sec)
    ev(("appraisal", bid, "vote"), d, "11:00", "appraisal.member", bid,
       {"stage": "vote", "members_total": n}, person=sec)
    ev(("appraisal", bid, "decision"), add_workdays(d, 1), "15:00", "appraisal.member", bid,
       {"stage": "decision", "members_total": n}, person=sec)

# Branch elections (3-year terms, committees re-elected unchanged)
for bid, day in [("fgw.b1", "2025-11-26"), ("czj.b2", "2025-06-12"), ("jyj.b1", "2025-09-09")]:
    ev(("election", bid), D(day), "09:00", "org.election", bid, {"term_years": 3},
       person=holder(bid, "branch_secretary", D(day)))

# ── 党组: 理论学习中心组 monthly, 民主生活会 yearly, 党组通报 yearly ─────────────────────────
for oid in ORGANS:
    pg = f"{oid}.pg"
    for y, m in months():
        ym = f"{y}-{m:02d}"
        win = month_window(y, m)
        d = pick(win, "study", oid, ym)
        ev(("study", oid, ym), d, pick(MORNING, "study-t", oid, ym), "study.group", pg,
           {"topic": STUDY_TOPICS[h("st", oid, ym) % len(STUDY_TOPICS)],
            "attendees": attendance(len(pg_all(oid, d)) + 3, "study", oid, ym, absent_max=1)},
           person=holder(pg, "party_group_secretary", d),
           fmt="offset" if y == 2025 and m in (4, 5, 6) or y == 2026 and m in (4, 5) else "local")
    for year, day in [(2024, pick(month_window(2025, 1)[:8], "dl", oid, 2024)),
                      (2025, pick(month_window(2025, 12)[8:], "dl", oid, 2025))]:
        n = len(pg_all(oid, day))
        ev(("democratic_life", oid, year), day, "09:00", "meeting.democratic_life", pg,
           {"attendees": n, "members_total": n, "approved_reschedule": False},
           person=holder(pg, "party_group_secretary", day))
    for year, day in [(2025, pick(month_window(2025, 3), "disc", oid)),
                      (2026, pick(month_window(2026, 3), "disc", oid))]:
        ev(("pg_disclosure", oid, year - 1), day, "", "report.pg_disclosure", pg,
           {"year": year - 1}, person=holder(pg, "party_group_secretary", day), fmt="date")
    # 机关党员干部大会 (机关条例 Art.26): once a year, the head reports on the unit's work
    for year in (2025, 2026):
        day = pick(month_window(year, 3), "cadre", oid, year)
        ev(("cadre_assembly", oid, year), day, "14:30", "meeting.cadre_assembly", f"{oid}.opc",
           {"attendees": 40 + h("ca", oid, year) % 25, "topic": f"{year}年机关党建暨党风廉政建设工作会议"},
           person=holder(f"{oid}.opc", "organ_committee_secretary", day))

# ── Annual reports, filed in January–February for the year before ───────────────────────
# report.annual_party_building (to the city committee), report.duty (述职: party group
# secretary, organ committee secretary, every branch secretary holding the post on 31 Dec),
# report.supervision (the discipline secretary), report.duty of the work committee secretary.
# 市教育局 sent its 2024 report on 2024-12-30, before these records begin.
for year in (2024, 2025):
    window = [d for y, m in ((year + 1, 1), (year + 1, 2)) for d in month_window(y, m)]
    window = [d for d in window if d.month == 1 or d.day <= 13]   # before the Feb holiday
    year_end = date(year, 12, 31)
    for oid in ORGANS:
        if not (oid == "jyj" and year == 2024):
            ev(("annual_report", oid, year), pick(window, "ar", oid, year), "",
               "report.annual_party_building", oid, {"year": year, "recipient": "中共江州市委员会"},
               person=holder(f"{oid}.pg", "party_group_secretary", year_end), fmt="date")
        duties = [(f"{oid}.pg", "party_group_secretary", "leadership_group"),
                  (f"{oid}.opc", "organ_committee_secretary", "organ_committee")]
        duties += [(bid, "branch_secretary", "branch") for bid in BRANCHES if organ_of(bid) == oid]
        for org, rname, tier in duties:
            pid = holder(org, rname, year_end)
            ev(("duty", year, pid), pick(window, "duty", pid, year), pick(OFFICE_HOURS, "duty-t", pid, year),
               "report.duty", org,
               {"year": year, "tier": tier, "score": round(85 + (h("score", pid, year) % 130) / 10, 1)},
               person=pid)
        pid = holder(f"{oid}.odc", "discipline_secretary", year_end)
        ev(("supervision", year, pid), pick(window, "sup", pid, year), "10:00", "report.supervision",
           f"{oid}.odc", {"year": year}, person=pid)
    ev(("duty", year, "p002"), pick(window, "duty", "p002", year), "09:00", "report.duty", "gwc",
       {"year": year, "tier": "work_committee", "score": 93.5}, person="p002")

# ── 领导干部个人有关事项报告: annual by 31 January; new appointments within 30 days ──────────
for year in (2025, 2026):
    jan = [d for d in month_window(year, 1) if d.day <= 26]
    for oid in ORGANS:
        leaders = pg_all(oid, jan[0]) + [holder(f"{oid}.odc", "discipline_secretary", jan[0])]
        heads = [holder(b, "division_head", jan[0]) for b in BRANCHES if organ_of(b) == oid]
        for pid in leaders + heads:
            ev(("personal", year, pid), pick(jan, "pm", pid, year), pick(OFFICE_HOURS, "pm-t", pid, year),
               "report.personal_matters", oid, {"year": year, "kind": "annual"}, person=pid)
for pid, oid, day in [("p012", "fgw", "2025-07-18"), ("p013", "fgw", "2025-07-22"),
                      ("p033", "czj", "2026-05-08"), ("p065", "jyj", "2026-07-03")]:
    ev(("personal", "new", pid), D(day), "10:00", "report.personal_matters", oid,
       {"year": D(day).year, "kind": "new_appointment"}, person=pid)
for pid, oid, day in [("p058", "jyj", "2026-09-29"), ("p059", "jyj", "2026-09-30")]:   # edition 2
    ev(("personal", "new", pid), D(day), "10:00", "report.personal_matters", oid,
       {"year": D(day).year, "kind": "new_appointment"}, person=pid, edition=2)

# ── 廉政风险排查: each division head's post every March, and again when the holder changes ──
POST_LEVEL = {"办公室": "medium", "综合规划处": "high", "价格管理处": "high", "预算处": "high",
              "国库处": "high", "基础教育处": "medium"}
for year in (2025, 2026):
    for bid in BRANCHES:
        d = pick(month_window(year, 3), "risk", bid, year)
        ev(("risk", bid, year), d, "10:00", "risk.assessment", bid,
           {"post": f"{DIVISION[bid]}处长" if DIVISION[bid] != "办公室" else "办公室主任",
            "level": POST_LEVEL[DIVISION[bid]]}, person=holder(bid, "division_head", d))
for bid, post, level, pid, day in [("fgw.b2", "综合规划处处长", "high", "p013", "2025-07-10"),
                                   ("czj.b1", "办公室主任", "medium", "p033", "2026-04-22"),
                                   ("jyj.pg", "党组书记、局长", "high", "p065", "2026-06-24")]:
    ev(("risk", bid, "handover"), D(day), "15:00", "risk.assessment", bid,
       {"post": post, "level": level}, person=pid)
ev(("risk", "jyj.b2", "handover"), D("2026-09-24"), "15:00", "risk.assessment", "jyj.b2",
   {"post": "基础教育处处长", "level": "medium"}, person="p059", edition=2)

# ── 2026-10-19 基础教育处: the by-election (补选) that ends the vacancy (edition 2) ─────────
# The member assembly elects 钱晓雪 to the committee; the committee then elects 孟婷 secretary.
ev(("ma", "jyj.b2", "by-election"), D("2026-10-19"), "09:00", "meeting.member_assembly", "jyj.b2",
   {"attendees": 7, "members_total": 7, "topic": "补选支部委员会委员，选举支部书记"},
   person="p059", edition=2)

# ── 巡察反馈与整改: two 2025 rounds of the city committee's 巡察 ─────────────────────────────
# Each step at the organ; plan within 1 month, report within 2 months of the feedback,
# verification within 1 month of the report.
INSPECTIONS = [  # ref, organ, round, inspector, problems, feedback, plan, report, verified
    ("xc2025-1-fgw", "fgw", "市委2025年第一轮巡察", "市委第二巡察组", 11,
     "2025-04-24", "2025-05-16", "2025-06-17", "2025-07-09"),
    ("xc2025-1-czj", "czj", "市委2025年第一轮巡察", "市委第三巡察组", 14,
     "2025-04-24", "2025-05-20", "2025-06-20", "2025-07-15"),
    ("xc2025-2-jyj", "jyj", "市委2025年第二轮巡察", "市委第一巡察组", 9,
     "2025-09-16", "2025-10-14", "2025-11-06", "2025-11-27"),
]
for ref, oid, rnd, inspector, n, fb, plan, rep, ver in INSPECTIONS:
    sec = holder(f"{oid}.pg", "party_group_secretary", D(fb))
    ev(("insp", ref, "feedback"), D(fb), "09:30", "inspection.feedback", oid,
       {"round": rnd, "problems": n, "inspector": inspector}, ref=ref)
    ev(("insp", ref, "plan"), D(plan), "16:00", "rectification.plan", oid, {"problems": n},
       person=sec, ref=ref)
    ev(("insp", ref, "report"), D(rep), "10:00", "rectification.report", oid,
       {"problems_fixed": n - 2, "problems_open": 2}, person=sec, ref=ref)
    ev(("insp", ref, "leader_report"), D(rep), "10:30", "rectification.leader_report", oid, {},
       person=sec, ref=ref)
    ev(("insp", ref, "publicized"), add_workdays(D(rep), 3), "09:00", "rectification.publicized", oid,
       {"channel": "江州市人民政府门户网站"}, ref=ref)
    ev(("insp", ref, "verified"), D(ver), "15:00", "rectification.verified", oid,
       {"passed": True, "verifier": "市委巡察工作领导小组办公室"}, ref=ref)

# ── 上级重要指示批示: study within 5 workdays, plan, ledger, feedback ─────────────────────
INSTRUCTIONS = [  # ref, organ, source, subject, received, studied, planned, ledger, feedbacks
    ("zs2025-01", "fgw", "市委办公室", "关于进一步优化营商环境的批示",
     "2025-03-10", "2025-03-12", "2025-03-20", "2025-03-25", [("2025-06-20", "in_progress"), ("2025-09-19", "done")]),
    ("zs2025-02", "czj", "市委办公室", "关于坚持过紧日子、严控一般性支出的批示",
     "2025-07-14", "2025-07-16", "2025-07-25", "2025-07-30", [("2025-10-20", "done")]),
    # studied on the 4th working day, across the National Day holiday (make-up day 09-28 counts)
    ("zs2025-03", "jyj", "市委办公室", "关于做好秋季学期校园安全工作的批示",
     "2025-09-26", "2025-10-09", "2025-10-15", "2025-10-17", [("2025-12-12", "done")]),
    # received just before Spring Festival; studied on the 3rd working day (make-up 02-14 counts)
    ("zs2026-01", "fgw", "市委办公室", "关于谋划“十五五”重大项目的批示",
     "2026-02-12", "2026-02-24", "2026-03-04", "2026-03-10", [("2026-06-18", "in_progress"), ("2026-09-17", "done")]),
]
for ref, oid, source, subject, rec, stu, pla, led, fbs in INSTRUCTIONS:
    pg = f"{oid}.pg"
    sec = holder(pg, "party_group_secretary", D(rec))
    ev(("instr", ref, "received"), D(rec), "09:30", "instruction.received", pg,
       {"source": source, "subject": subject}, ref=ref)
    ev(("instr", ref, "studied"), D(stu), "09:00",
       "instruction.studied", pg, {"meeting": "党组会议"}, person=sec, ref=ref)
    ev(("instr", ref, "planned"), D(pla), "15:00", "instruction.planned", pg,
       {"measures": 4 + h("meas", ref) % 5}, person=sec, ref=ref)
    ev(("instr", ref, "ledger"), D(led), "10:00", "instruction.ledger", pg,
       {"items": 8 + h("items", ref) % 9}, ref=ref)
    for i, (day, status) in enumerate(fbs):
        ev(("instr", ref, "feedback", i), D(day), "16:00", "instruction.feedback", pg,
           {"status": status}, ref=ref)

# ── 问题线索 and 函询: letters from the 机关纪委, replies within 15 workdays ──────────────────
INQUIRIES = [  # ref, person, clue source, clue day, letter (day, time), reply (day, time), disposition
    ("hx2025-01", "p045", "petition", "2025-02-19", ("2025-03-11", "10:00"), ("2025-03-24", "15:30"),
     "inquiry_closed_minor"),
    # answered on the day it was received
    ("hx2025-02", "p023", "report", "2025-05-20", ("2025-06-10", "09:30"), ("2025-06-10", "16:30"), None),
    # received before New Year, answered on time after it (due 2026-01-12)
    ("hx2025-03", "p057", "petition", "2025-11-28", ("2025-12-19", "10:00"), ("2026-01-08", "11:00"),
     "reminder_talk"),
    # answered on its due day (2026-05-13), which still counts as on time
    ("hx2026-01", "p040", "audit", "2026-03-30", ("2026-04-20", "14:30"), ("2026-05-13", "17:00"), None),
    ("hx2026-02", "p010", "petition", "2026-08-27", ("2026-09-18", "10:00"), ("2026-10-09", "15:00"), None),
    ("hx2026-03", "p060", "report", "2026-09-01", ("2026-09-22", "09:30"), ("2026-10-16", "10:00"), None),
]
for ref, pid, source, clue_day, (ld, lt), (rd, rt), measure in INQUIRIES:
    odc = f"{organ_of(next(p[2] for p in PEOPLE if p[0] == pid))}.odc"
    ev(("clue", ref, "received"), D(clue_day), "10:00", "clue.received", odc,
       {"source": source, "realname": source != "report"}, person=pid, ref=ref)
    ev(("clue", ref, "disposed"), add_workdays(D(clue_day), 3), "15:00", "clue.disposed", odc,
       {"method": "talk_inquiry"}, person=pid, ref=ref)
    ev(("inquiry", ref, "letter"), D(ld), lt, "inquiry.letter", odc,
       {"subject": "关于反映问题的函询"}, person=pid, ref=ref)
    ev(("inquiry", ref, "reply"), D(rd), rt, "inquiry.reply", odc, {"endorsed": True}, person=pid, ref=ref)
    if measure:
        day = add_workdays(D(rd), 5)
        sec = holder(odc, "discipline_secretary", day)
        if measure == "reminder_talk":
            ev(("inquiry", ref, "talk"), day, "10:00", "talk.reminder", odc, {"by_person": sec},
               person=pid, ref=ref)
        ev(("inquiry", ref, "disposition"), day, "16:00", "discipline.disposition", odc,
           {"measure": measure, "form": 1}, person=pid, ref=ref)
# a clue closed without an inquiry
ev(("clue", "xs2026-01", "received"), D("2026-06-08"), "10:00", "clue.received", "czj.odc",
   {"source": "other", "realname": False}, person="p048", ref="xs2026-01")
ev(("clue", "xs2026-01", "disposed"), D("2026-06-12"), "15:00", "clue.disposed", "czj.odc",
   {"method": "closed"}, person="p048", ref="xs2026-01")

# ── 中央八项规定: work meals, receptions, official cars (all at the organ) ───────────────────
STAFF = {oid: [p[0] for p in PEOPLE if HOME_2025.get(p[0], "").startswith(oid + ".")] for oid in ORGANS}
PLATES = {"fgw": ["赣G·A1021", "赣G·A1022"], "czj": ["赣G·A2031", "赣G·A2033"], "jyj": ["赣G·A3015"]}
for oid in ORGANS:
    for y, m in months():
        ym = f"{y}-{m:02d}"
        win = month_window(y, m)
        # one overtime work meal a month on a working day, public funds
        d = pick(win, "meal", oid, ym)
        ev(("meal", oid, ym), d, "12:10", "expense.meal", oid,
           {"amount": 180 + h("amt", oid, ym) % 220 + 0.5 * (h("c", oid, ym) % 2),
            "diners": 4 + h("din", oid, ym) % 5, "public_funds": True, "purpose": "加班工作餐"},
           person=holder(f"{oid}.b1", "division_head", d))
        # official car trips, two a month
        for i in range(2):
            d = pick(win, "car", oid, ym, i)
            ev(("car", oid, ym, i), d, pick(OFFICE_HOURS, "car-t", oid, ym, i), "car.use", oid,
               {"plate": pick(PLATES[oid], "plate", oid, ym, i), "purpose": "official",
                "km": round(12 + h("km", oid, ym, i) % 90 + 0.1 * (h("kmd", oid, ym, i) % 10), 1)},
               person=pick(STAFF[oid], "driver", oid, ym, i))
# Not lapses: a public-funds work meal on a make-up working day is an ordinary working day;
# meals paid privately on a holiday are no concern of the rule; a trip whose purpose was not
# recorded is not "private".
ev(("meal", "czj", "makeup"), D("2026-02-14"), "12:00", "expense.meal", "czj",
   {"amount": 236.0, "diners": 6, "public_funds": True, "purpose": "预算编制加班工作餐"}, person="p036")
ev(("meal", "jyj", "makeup"), D("2025-09-28"), "12:00", "expense.meal", "jyj",
   {"amount": 158.5, "diners": 4, "public_funds": True, "purpose": "开学保障加班工作餐"}, person="p058")
ev(("meal", "fgw", "private"), D("2025-05-02"), "18:30", "expense.meal", "fgw",
   {"amount": 420.0, "diners": 6, "public_funds": False, "purpose": "同事聚餐（个人付费）"}, person="p016")
ev(("meal", "jyj", "private"), D("2026-10-03"), "12:30", "expense.meal", "jyj",
   {"amount": 310.0, "diners": 5, "public_funds": False, "purpose": "个人付费"}, person="p063")
ev(("car", "czj", "unknown"), D("2026-03-12"), "14:30", "car.use", "czj",
   {"plate": "赣G·A2033", "purpose": "unknown", "km": 23.4}, person="p047")

RECEPTIONS = [  # organ, day, guests, companions (陪餐: ≤3 for ≤10 guests, else ≤ a third)
    ("fgw", "2025-03-19", 8, 3), ("fgw", "2025-08-13", 12, 4), ("fgw", "2025-11-13", 6, 2),
    ("fgw", "2026-05-20", 5, 2), ("czj", "2025-04-16", 15, 5), ("czj", "2025-09-10", 4, 1),
    ("czj", "2026-03-18", 10, 3), ("czj", "2026-09-16", 9, 3), ("jyj", "2025-06-18", 20, 6),
    ("jyj", "2025-12-10", 3, 2), ("jyj", "2026-04-15", 11, 3), ("jyj", "2026-10-21", 7, 3),
]
for oid, day, guests, comp in RECEPTIONS:
    ev(("reception", oid, day), D(day), "12:00", "reception.official", oid,
       {"guests": guests, "companions": comp, "has_letter": True,
        "cost": float(guests + comp) * 80, "liquor": False},
       person=holder(f"{oid}.b1", "division_head", D(day)))

# ── A few events on make-up working days (ordinary working days) ─────────────────────────
ev(("study", "czj", "makeup"), D("2025-04-27"), "09:00", "study.group", "czj.pg",
   {"topic": "学习贯彻中央八项规定精神", "attendees": 6}, person="p027")
ev(("bc", "jyj.b2", "makeup"), D("2026-02-28"), "09:30", "meeting.branch_committee", "jyj.b2",
   {"attendees": 3, "members_total": 3, "topic": "研究部署春季学期开学工作中的党建任务"}, person="p058")


# ═════════════════════════════════════════════════════════════════════════════════════════
# 5b. EDITION 3 — the records the 24 rules of issue 18 read: members' dues and sign-ins,
#     elections, the real-name informants' notices, the outcomes of the inquiries, a
#     detention, accountability decisions, petitions. All on time here; the deliberate lapses
#     among them are made in section 6 (lapses 22–29).
# ═════════════════════════════════════════════════════════════════════════════════════════

def ev3(*args, **kw):
    ev(*args, edition=3, **kw)


# ── 党员管理: 市教育局 pilots the member records of the 智慧党建 system from 2026-01-05 ─────
# Every member of its two branches is registered that day (via `initial`); transfers are
# recorded as they happen; dues are collected each quarter (按季度交纳, 3 months at a time) on
# one day of the quarter's first month; each member present signs in (member.attended) at
# the monthly 主题党日 — the sign-ins are derived in section 6b from the party days as finally
# recorded, as many as the day's attendees. The other organs keep no member records, so the
# membership rules have no clock for their members.
PILOT = ["jyj.b1", "jyj.b2"]
PILOT_START = D("2026-01-05")
for bid in PILOT:
    for pid in members(bid, PILOT_START):
        ev3(("member", "registered", pid, bid), PILOT_START, "09:00", "member.registered", bid,
            {"via": "initial"}, person=pid)
# person, branch left ("" = from outside the pilot), branch joined ("" = out of it), day.
# 邵建华 moves from 基础教育处 to 办公室党支部 on joining the 党组: a transfer between branches.
MEMBER_TRANSFERS = [("p050", "jyj.b1", "", "2026-06-11"), ("p065", "", "jyj.b1", "2026-06-12"),
                    ("p058", "jyj.b2", "jyj.b1", "2026-09-14"), ("p066", "", "jyj.b2", "2026-09-14")]
for pid, left, joined, day in MEMBER_TRANSFERS:
    if left:
        ev3(("member", "deregistered", pid, left), D(day), "09:00", "member.deregistered", left,
            {"reason": "transfer_out"}, person=pid)
    if joined:
        ev3(("member", "registered", pid, joined), D(day), "09:30", "member.registered", joined,
            {"via": "transfer_in"}, person=pid)


def monthly_dues(pid, d):
    """A member's monthly dues (a share of the salary): more for the leaders and the heads."""
    oid = "jyj"
    if pid in pg_all(oid, d) + [holder(f"{oid}.odc", "discipline_secretary", d)]:
        base = 190 + h("dues", pid) % 70
    elif any(pid in holders(b, "division_head", d) for b in PILOT):
        base = 120 + h("dues", pid) % 40
    else:
        base = 55 + h("dues", pid) % 50
    return base + 0.5 * (h("dues-c", pid) % 2)


# Not a lapse: 钱晓雪 p064's family hardship — the branch committee let her defer the
# 2026-Q2 dues (member.excused on the collection day, until 06-30), and she paid six months
# at the Q3 collection. Without the excuse her payment of 07-31 would come six months and
# three days after that of 01-28: the excuse restarts the clock.
DUES_EXCUSED = {("p064", 2): "家庭困难，经支部委员会同意暂缓交纳2026年第二季度党费"}
DUES_DAY = {}   # (branch, quarter) -> the collection day
for bid in PILOT:
    for q in (1, 2, 3, 4):
        day = pick(month_window(2026, 3 * q - 2), "dues-day", bid, q)
        DUES_DAY[(bid, q)] = day
        for pid in members(bid, day):
            if (pid, q) in DUES_EXCUSED:
                ev3(("member", "excused", pid, f"2026-Q{q}"), day, "11:00", "member.excused", bid,
                    {"reason": DUES_EXCUSED[(pid, q)], "until": "2026-06-30"}, person=pid)
                continue
            n = 6 if (pid, q - 1) in DUES_EXCUSED else 3
            ev3(("dues", pid, f"2026-Q{q}"), day, "11:30", "member.dues_paid", bid,
                {"amount": round(monthly_dues(pid, day) * n, 1), "months": n}, person=pid)

# ── 换届: the branches and organ committees whose terms end in these records ───────────────
# The three 2025 branch elections of section 5 (fgw.b1, czj.b2, jyj.b1) are joined by the
# others whose 3-year (branch) or 5-year (机关党委 and 机关纪委, elected together) terms end by
# 2026-11-20; committees re-elected unchanged unless roles.csv says otherwise. Two were
# postponed with the approval of the body above, recorded before the term ended.
# (jyj.b2, elected 2024-01, and fgw.opc/fgw.odc, elected 2022-01, are not yet due.)
_czj_assembly = EVENTS[("cadre_assembly", "czj", 2026)]["day"]
ELECTIONS_3 = [  # org, day, term years — the term that ended (before these records) in the comment
    ("fgw.b2", D("2025-11-18"), 3),       # elected 2022-12-01
    ("czj.opc", _czj_assembly, 5),        # elected 2021-03, at the 2026 机关党员大会
    ("czj.odc", _czj_assembly, 5),
    ("czj.b1", D("2026-04-15"), 3),       # elected 2023-03-01; postponed to elect 林淑芬's successor
    ("fgw.b3", D("2026-05-20"), 3),       # elected 2023-06-01
    ("czj.b3", D("2026-08-20"), 3),       # elected 2023-09-01
    ("jyj.opc", D("2026-11-12"), 5),      # elected 2021-05; postponed over the 党组 secretary's change
    ("jyj.odc", D("2026-11-12"), 5),
]
ELECTED = {"party_branch": "branch_secretary", "organ_party_committee": "organ_committee_secretary",
           "organ_discipline_committee": "discipline_secretary"}
ORG_KIND = {o[0]: o[2] for o in ORGS}
for org, day, years in ELECTIONS_3:
    ev3(("election", org), day, "09:00" if ORG_KIND[org] == "party_branch" else "15:30", "org.election", org,
        {"term_years": years}, person=holder(org, ELECTED[ORG_KIND[org]], day))
for org, day, months_, approver in [
        ("czj.b1", D("2026-02-10"), 2, "中共江州市财政局机关委员会"),
        ("jyj.opc", D("2026-04-21"), 6, "中共江州市直属机关工作委员会"),
        ("jyj.odc", D("2026-04-21"), 6, "中共江州市直属机关工作委员会")]:
    ev3(("election_postponed", org), day, "10:00", "org.election_postponed", org,
        {"approved": True, "months": months_, "approver": approver},
        person=holder(org, ELECTED[ORG_KIND[org]], day))

# ── 实名检举控告 and the outcomes of the inquiries ───────────────────────────────────────
# A real-name clue (realname: true) is acknowledged to the informant 5 workdays after it was
# received, and its result 5 workdays after the clue is concluded (办结). An inquiry answered
# is concluded either directly by its form-1 disposition (section 5) or by an inquiry.outcome
# 10 workdays after the reply, carried out by the feedback to the person 3 workdays later.
# hx2026-02 (never answered, lapse 10) and hx2026-03 (answered 2026-11-05; its outcome is due
# 2026-12-05) are still open; hx2025-02 and hx2026-03 came from anonymous reports.
INQUIRY_OUTCOMES = {"hx2025-02": ("untrue", "closed_accepted", "函询了结，予以采信了结"),
                    "hx2026-01": ("untrue", "closed_accepted", "函询了结，予以采信了结")}   # see lapse 25
for ref, pid, source, clue_day, (ld, lt), (rd, rt), measure in INQUIRIES:
    odc = f"{organ_of(next(p[2] for p in PEOPLE if p[0] == pid))}.odc"
    realname = source != "report"
    if realname:
        ev3(("notice", ref, "acceptance"), add_workdays(D(clue_day), 5), "10:30", "clue.informant_notified", odc,
            {"stage": "acceptance", "channel": "书面告知"}, ref=ref)
    if measure:
        concluded, result = add_workdays(D(rd), 5), "函询了结，予以" + {"inquiry_closed_minor": "了结（情节轻微）",
                                                                     "reminder_talk": "谈话提醒"}[measure]
    elif ref in INQUIRY_OUTCOMES:
        assessment, action, result = INQUIRY_OUTCOMES[ref]
        day = add_workdays(D(rd), 10)
        ev3(("inquiry", ref, "outcome"), day, "15:00", "inquiry.outcome", odc,
            {"assessment": assessment, "action": action}, person=pid, ref=ref)
        concluded = add_workdays(day, 3)
        ev3(("inquiry", ref, "closure_notified"), concluded, "10:00", "inquiry.closure_notified", odc,
            {"channel": "当面反馈"}, person=pid, ref=ref)
    else:
        continue
    ev3(("clue", ref, "concluded"), concluded, "16:30", "clue.concluded", odc,
        {"realname": realname, "result": result}, person=pid, ref=ref)
    if realname:
        ev3(("notice", ref, "result"), add_workdays(concluded, 5), "10:30", "clue.informant_notified", odc,
            {"stage": "result", "channel": "书面告知"}, ref=ref)
ev3(("clue", "xs2026-01", "concluded"), D("2026-06-12"), "16:30", "clue.concluded", "czj.odc",
    {"realname": False, "result": "线索不具可查性，予以了结"}, person="p048", ref="xs2026-01")

# ── 留置: the 市监委's detention of 邹建平 p067, a 市财政局 official (not a party member) ───
# The city's tree has no unit for the 市纪委监委: the case's time limits are recorded at the
# 市财政局机关纪委, which follows it for the organ. 3 months to 2026-06-16, extended once by
# the provincial 监委 (the next higher body) on that day; transferred for prosecution on
# 2026-09-11, inside the 6 months (to 2026-09-16) — see lapse 26 in section 6.
ev3(("detention", "lz2026-01", "started"), D("2026-03-16"), "10:00", "detention.started", "czj.odc", {},
    person="p067", ref="lz2026-01")
ev3(("detention", "lz2026-01", "extended"), D("2026-06-16"), "15:00", "detention.extended", "czj.odc",
    {"stage": "first", "approver": "higher_level"}, person="p067", ref="lz2026-01")
ev3(("detention", "lz2026-01", "ended"), D("2026-09-11"), "10:00", "detention.ended", "czj.odc",
    {"how": "transferred_for_prosecution"}, person="p067", ref="lz2026-01")

# ── 问责: two decisions, one record per form (问责条例 Art.8) ──────────────────────────────
# wz2025-01: the city committee, after 市财政局's late rectification report (lapse 9): 通报 of
# the 党组 and 诫勉 of its secretary 黄志诚 (no organisational adjustment, nothing to carry out).
# wz2025-02: the 市发展改革委 党组, on a 巡察 finding (three 2024 price adjustments approved
# without the 成本监审): 降职 of 曹亮 p022, deputy head of 价格管理处 (roles.csv records only
# the division heads). He appealed on 07-25; the appeal was decided (upheld) on 08-20, within
# the month; the 降职 was carried out on 08-08 — see lapse 27 in section 6.
for target, form, person in [("organization", "notice", None), ("cadre", "admonishment", "p027")]:
    ev3(("accountability", "wz2025-01", form), D("2025-08-14"), "10:00", "accountability.decision", "czj.pg",
        {"target": target, "form": form}, person=person, ref="wz2025-01")
ev3(("accountability", "wz2025-02", "demotion"), D("2025-07-18"), "10:00", "accountability.decision", "fgw.pg",
    {"target": "cadre", "form": "demotion"}, person="p022", ref="wz2025-02")
ev3(("accountability", "wz2025-02", "appeal"), D("2025-07-25"), "09:30", "accountability.appeal", "fgw.pg",
    {"decision_received_on": "2025-07-21"}, person="p022", ref="wz2025-02")
ev3(("accountability", "wz2025-02", "appeal_decided"), D("2025-08-20"), "16:00", "accountability.appeal_decided",
    "fgw.pg", {"result": "upheld"}, person="p022", ref="wz2025-02")
ev3(("accountability", "wz2025-02", "executed"), D("2025-08-08"), "15:00", "accountability.executed", "fgw.pg",
    {"form": "demotion"}, person="p022", ref="wz2025-02")

# ── 信访: petitions to the three organs (信访工作条例 Arts.22–23, 34–36) ───────────────────
# Each: received → written notice (15 days) → accepted → concluded (60 days; +30 with an
# extension approved in time). No 复查 or 复核 is recorded: they go to the 市人民政府 or the
# body above the organ, which these records do not hold.
PETITIONS = [  # ref, organ, channel, subject (for the reader: the catalog has no attribute for it),
    #            received, notified (and accepted the same day), extended, concluded
    ("xf2025-01", "jyj", "letter", "反映学区划分调整问题", "2025-03-17", "2025-03-26", None, "2025-05-08"),
    ("xf2025-02", "fgw", "online", "反映停车收费标准问题", "2025-06-09", "2025-06-13", None, "2025-07-10"),
    # extended by 30 days, approved two days before the 60 days end (10-11), concluded at day 86
    ("xf2025-03", "czj", "visit", "反映惠农补贴发放问题", "2025-08-04", "2025-08-12", "2025-10-09", "2025-11-06"),
    ("xf2026-01", "czj", "online", "反映政府采购付款进度问题", "2026-03-09", "2026-03-16", None, "2026-04-24"),
    ("xf2026-02", "fgw", "letter", "反映小区物业服务收费问题", "2026-04-28", "2026-05-08", None, "2026-06-30"),
    ("xf2026-03", "jyj", "visit", "反映农村学校校车运营问题", "2026-06-15", "2026-06-22", None, "2026-08-14"),
    # accepted on 11-13: its 60 days run to 2027-01-12
    ("xf2026-04", "fgw", "online", "反映供暖价格调整问题", "2026-11-09", "2026-11-13", None, None),
]
for ref, oid, channel, subject, rec, noti, ext, con in PETITIONS:
    ev3(("petition", ref, "received"), D(rec), "10:00", "petition.received", oid, {"channel": channel}, ref=ref)
    ev3(("petition", ref, "notified"), D(noti), "15:00", "petition.notified", oid, {"decision": "accepted"}, ref=ref)
    ev3(("petition", ref, "accepted"), D(noti), "15:30", "petition.accepted", oid, {}, ref=ref)
    if ext:
        ev3(("petition", ref, "extended"), D(ext), "10:00", "petition.extended", oid,
            {"approved": True, "days": 30, "notified": True}, ref=ref)
    if con:
        ev3(("petition", ref, "concluded"), D(con), "16:00", "petition.concluded", oid, {}, ref=ref)
# Not a lapse: a petition transferred by the 市信访局 on 2025-09-26 that belongs to the
# market regulator; 市教育局 objects on 10-10, the 5th working day (09-28 is a make-up working
# day, 10-01..08 the National Day holiday), and tells the petitioner it was referred on.
ev3(("petition", "xf2025-04", "received"), D("2025-09-26"), "10:00", "petition.received", "jyj",
    {"channel": "transferred"}, ref="xf2025-04")
ev3(("petition", "xf2025-04", "objection"), D("2025-10-10"), "10:00", "petition.objection", "jyj",
    {"received_on": "2025-09-26", "reason": "校外培训机构退费纠纷属市场监管部门职责"}, ref="xf2025-04")
ev3(("petition", "xf2025-04", "notified"), D("2025-10-10"), "15:00", "petition.notified", "jyj",
    {"decision": "referred"}, ref="xf2025-04")


# ═════════════════════════════════════════════════════════════════════════════════════════
# 6. DELIBERATE LAPSES — each omits, shifts or alters named events of the streams above.
#    Every lapse is listed in README.md, and these are the only findings of the rules. The
#    lapses are numbered here in the order they were made; the README's table orders its rows
#    by rule, and its text names them by row (R() in section 7).
# ═════════════════════════════════════════════════════════════════════════════════════════

LAPSES = []


def lapse(rule, subject, period, outcome, detail, reason, event=None):
    """A row of the README's table. n: the lapse's number here (the order the lapses were made
    in, as the comments below number them); the table orders the rows by rule, and the README
    names the rows through R() (section 7)."""
    LAPSES.append(dict(rule=rule, subject=subject, period=period, outcome=outcome,
                       detail=detail, reason=reason, event=event, n=len(LAPSES) + 1))
    if event:
        EVENTS[event]["lapse"] = rule


def omit(key):
    del EVENTS[key]


def shift(key, day, time=None):
    EVENTS[key]["day"] = D(day)
    if time:
        EVENTS[key]["time"] = time


# 1. 综合规划处党支部 held no branch committee meeting in July 2025, the month its new
#    secretary 梁晓东 took over.
omit(("bc", "fgw.b2", "2025-07"))
lapse("meetings.branch_committee_monthly", "fgw.b2", "2025-07", "missing",
      "0 × meeting.branch_committee", "new secretary took over on 07-01; no 支委会 that month")

# 2. 市财政局办公室党支部 held no branch committee meeting in February 2026 (Spring Festival).
omit(("bc", "czj.b1", "2026-02"))
lapse("meetings.branch_committee_monthly", "czj.b1", "2026-02", "missing",
      "0 × meeting.branch_committee", "skipped over the Spring Festival holiday")

# 3. 基础教育处党支部 held no member assembly in Q3 2025.
omit(("ma", "jyj.b2", "2025-Q3"))
lapse("meetings.member_assembly_quarterly", "jyj.b2", "2025-Q3", "missing",
      "0 × meeting.member_assembly", "no 支部党员大会 in July–September 2025")

# 4. 市发展改革委办公室党支部 held no member assembly in Q2 2026.
omit(("ma", "fgw.b1", "2026-Q2"))
lapse("meetings.member_assembly_quarterly", "fgw.b1", "2026-Q2", "missing",
      "0 × meeting.member_assembly", "no 支部党员大会 in April–June 2026")

# 5. 国库处党支部 held no themed party day in October 2025 (National Day month).
omit(("pd", "czj.b3", "2025-10"))
lapse("meetings.themed_party_day_monthly", "czj.b3", "2025-10", "missing",
      "0 × party_day.themed", "no 主题党日 in the National Day month")

# 6. 市教育局办公室党支部 held no themed party day in July 2026.
omit(("pd", "jyj.b1", "2026-07"))
lapse("meetings.themed_party_day_monthly", "jyj.b1", "2026-07", "missing",
      "0 × party_day.themed", "no 主题党日 in July 2026")

# 7. 预算处党支部 held no organizational life meeting for 2025 (its appraisal went ahead).
omit(("org_life", "czj.b2", 2025))
lapse("meetings.org_life_yearly", "czj.b2", "2025", "missing",
      "0 × meeting.org_life", "no 组织生活会 in 2025 nor in the 15-workday grace")

# 8. 市教育局 never sent its 2025 report on Party building to the city committee.
omit(("annual_report", "jyj", 2025))
lapse("reporting.annual_report_to_city", "jyj", "2025", "missing",
      "0 × report.annual_party_building", "2025 report not sent by 2026-02-28")

# 9. 市财政局 filed its rectification report two weeks late (due 2025-06-24), and the
#    verification followed on 2025-07-22.
shift(("insp", "xc2025-1-czj", "report"), "2025-07-08")
shift(("insp", "xc2025-1-czj", "leader_report"), "2025-07-08")
shift(("insp", "xc2025-1-czj", "publicized"), "2025-07-11")
shift(("insp", "xc2025-1-czj", "verified"), "2025-07-22")
lapse("inspection.rectification", "czj", "xc2025-1-czj", "late",
      "step report due 2025-06-24, done 2025-07-08", "整改报告 filed 14 days after the 2-month limit")

# 10. 马骏 never answered the letter of inquiry received 2026-09-18 (due 2026-10-15).
omit(("inquiry", "hx2026-02", "reply"))
lapse("discipline.inquiry_reply_15wd", "p010", "hx2026-02", "missing",
      f"due {add_workdays(D('2026-09-18'), 15)}, no reply", "函询 of 2026-09-18 never answered")

# 11. 龙飞 answered the letter received 2026-09-22 only on 2026-11-05 (due 2026-10-20: the
#     holidays 09-25..27 and 10-01..07 do not count, the make-up day 10-10 does; 09-20 is before the letter).
shift(("inquiry", "hx2026-03", "reply"), "2026-11-05", "10:00")
lapse("discipline.inquiry_reply_15wd", "p060", "hx2026-03", "late",
      f"due {add_workdays(D('2026-09-22'), 15)}, replied 2026-11-05", "reply 12 workdays past the 15-workday limit")

# 12. 梁晓东, branch secretary of 综合规划处 since 2025-07-01, filed no 2025 duty report.
omit(("duty", 2025, "p013"))
lapse("responsibility.annual_duty_report", "fgw", "2025", "missing_duty",
      "branch_secretary p013 (fgw.b2)", "梁晓东 held the post on 2025-12-31 but gave no 述职")

# 13. 市财政局 paid a dinner from public funds on 2025-10-03, during the National Day holiday
#     (the regular October work meal, moved onto the holiday).
shift(("meal", "czj", "2025-10"), "2025-10-03", "18:30")
EVENTS[("meal", "czj", "2025-10")]["attrs"].update(amount=1260.0, diners=8, purpose="接待往来人员")
lapse("conduct.holiday_public_meal", "czj", None, "violation", "2025-10-03, public funds",
      "公款吃喝 on a National Day rest day", event=("meal", "czj", "2025-10"))

# 14. 市发展改革委 paid a meal from public funds on 2026-02-20, during Spring Festival.
shift(("meal", "fgw", "2026-02"), "2026-02-20", "12:00")
EVENTS[("meal", "fgw", "2026-02")]["attrs"].update(amount=980.0, diners=7, purpose="节日聚餐")
lapse("conduct.holiday_public_meal", "fgw", None, "violation", "2026-02-20, public funds",
      "公款吃喝 on a Spring Festival rest day", event=("meal", "fgw", "2026-02"))

# 15. 段然 used an official car for a private trip on 2025-05-31 (端午 holiday).
shift(("car", "jyj", "2025-05", 0), "2025-05-31", "08:40")
EVENTS[("car", "jyj", "2025-05", 0)]["attrs"].update(purpose="private", km=146.0)
EVENTS[("car", "jyj", "2025-05", 0)]["person"] = "p062"
lapse("conduct.private_car_use", "jyj", None, "violation", "2025-05-31, person p062",
      "公车私用 over the Dragon Boat holiday", event=("car", "jyj", "2025-05", 0))

# 16. 市发展改革委 had 5 companions at a reception for 6 guests (limit 3).
EVENTS[("reception", "fgw", "2025-11-13")]["attrs"].update(companions=5, cost=880.0)
lapse("conduct.reception_companions", "fgw", None, "violation", "guests 6, companions 5",
      "陪餐 5 for 6 guests; at most 3 allowed", event=("reception", "fgw", "2025-11-13"))


# ── Findings of the later rules that follow from the lapses above (genuine, and listed) ──
# 17. 9. again: the 主要负责人组织落实情况报告 went with the late 整改报告 on 2025-07-08.
lapse("inspection.leader_report", "czj", "xc2025-1-czj", "late",
      "due 2025-06-24, done 2025-07-08", "主要负责人组织落实情况报告 filed with the late 整改报告 (<lapse 9>)")

# 18. 市发展改革委 党组 fed back on zs2026-01 only on 2026-06-18, eight days after the quarter
#     that follows its ledger (2026-03-10); instructions.first_time_study sees only the study.
lapse("instructions.implementation", "fgw.pg", "zs2026-01", "late",
      "step feedback due 2026-06-10, done 2026-06-18", "first 落实反馈 8 days after the quarter following the ledger")

# 19. 14. and 16. have the same person: 郭志强 p008, office director of 市发展改革委, paid the
#     Spring Festival meal and hosted the reception with 5 companions — twice within a year.
lapse("discipline.repeated_conduct_violations", "p008", "2026-02-20", "repeated",
      "2 × 八项规定 within 1 year: {e1}, {e2}; form 2",
      "郭志强 (the reception of <lapse 16>, the meal of <lapse 14>) within a year: the case for form 2")
# (the event ids are filled in once the ids are assigned, below)

# ── Edition 2: two deliberate lapses of rule kinds the first edition did not show ────────
# 20. threshold: 市财政局 paid three large work meals for the 2027 budget preparation in August
#     2026; with the regular monthly meal its public meal spending passes 5000 in 30 days.
for day, amount, diners in [("2026-08-12", 1860.0, 14), ("2026-08-19", 1720.0, 13), ("2026-08-26", 1580.0, 12)]:
    ev(("meal", "czj", "budget", day), D(day), "12:10", "expense.meal", "czj",
       {"amount": amount, "diners": diners, "public_funds": True, "purpose": "2027年部门预算编制集中办公工作餐"},
       person=holder("czj.b1", "division_head", D(day)), edition=2)
_cross = D("2026-08-26")
_sum = sum(e["attrs"]["amount"] for e in EVENTS.values() if e["type"] == "expense.meal" and e["org"] == "czj"
           and e["attrs"]["public_funds"] and _cross - timedelta(days=29) <= e["day"] <= _cross)
lapse("conduct.public_meal_spending_30d", "czj", "2026-08-26", "exceeded",
      f"sum {_sum:.1f} ≥ 5000 in the 30 days to 2026-08-26",
      "three 预算编制 work meals (08-12, 08-19, 08-26) on top of the monthly one")

# 21. chain `vacant`: 基础教育处党支部 had no secretary from 2026-09-14 to 2026-10-18 (section 4),
#     so on 2026-09-30, the end of 2026-Q3.
lapse("organisation.branch_secretary_in_post", "jyj.b2", "2026-Q3", "vacant",
      "branch_secretary (jyj.b2) vacant on 2026-09-30",
      "邵建华 joined the 党组 on 09-14; 孟婷 elected secretary only on 10-19")


# ── Edition 3: eight deliberate lapses of the 24 rules of issue 18 (lapses 22–29) ──────────
# 22. 雷鸣 p063 (基础教育处) paid his 2026-Q1 dues at the collection of 01-28, then missed the
#     Q2 collection on a business trip and was never asked again: no dues since.
for q in (2, 3, 4):
    omit(("dues", "p063", f"2026-Q{q}"))
_due = add_months(DUES_DAY[("jyj.b2", 1)], 6)
lapse("organisation.member_dues_lapse_6m", "p063", "p063", "missing", f"due {_due}, no dues paid",
      f"雷鸣 missed the Q2 collection on a business trip and was never asked again: no dues since "
      f"{DUES_DAY[('jyj.b2', 1)]} (党章 Art.9)")

# 23. 顾明 p057 (办公室党支部) was seconded to the city's 创文 task force from February to
#     mid-August 2026, with no approved absence on record: he signed in at no 主题党日 from
#     that of January until that of August (the sign-ins are derived in 6b below).
AWAY = {"p057": (D("2026-02-01"), D("2026-08-15"))}
_last, _back = EVENTS[("pd", "jyj.b1", "2026-01")]["day"], EVENTS[("pd", "jyj.b1", "2026-08")]["day"]
lapse("organisation.member_org_life_lapse_6m", "p057", "p057", "late",
      f"due {add_months(_last, 6)}, signed in {_back}",
      f"顾明 seconded February–August without an approved absence: no sign-in from {_last} to {_back}")

# 24. 市教育局机关纪委 told the real-name informant of hx2025-03 (received 2025-11-28) that it was
#     accepted only on 2026-01-06, with the year-end work (due 2025-12-19).
shift(("notice", "hx2025-03", "acceptance"), "2026-01-06", "10:30")
_due = add_workdays(D("2025-11-28"), 15)
lapse("discipline.realname_accept_notice_15wd", "jyj.odc", "hx2025-03", "late",
      f"due {_due}, notified 2026-01-06", "受理情况 told to the real-name informant 11 workdays late, after New Year")

# 25. 丁雪 p040's reply (hx2026-01) confirmed a minor irregularity the audit had found (a late
#     reimbursement claim), but the 市财政局机关纪委 closed the inquiry as accepted (采信了结)
#     instead of a form-1 measure.
EVENTS[("inquiry", "hx2026-01", "outcome")]["attrs"].update(assessment="minor")
lapse("discipline.inquiry_outcome_fits", "p040", None, "violation",
      "assessment minor, action closed_accepted", "问题轻微 but 采信了结: should be 谈话提醒, 批评教育, 责令检查 or 诫勉",
      event=("inquiry", "hx2026-01", "outcome"))

# 26. 邹建平 p067's detention (lz2026-01) ended with his transfer for prosecution on 2026-09-18,
#     two days after the 6 months (3 + the first extension of 3) ran out; no second extension
#     was asked of the 国家监委.
shift(("detention", "lz2026-01", "ended"), "2026-09-18")
lapse("supervision.detention_extended_6m", "p067", "lz2026-01", "late",
      f"due {add_months(D('2026-03-16'), 6)}, ended 2026-09-18",
      "留置 2 days past 6 months without the 国家监委's approval of a further extension")

# 27. The 降职 of 曹亮 p022 (wz2025-02, decided 2025-07-18) was carried out only on 2025-09-05:
#     the 党组 waited for his appeal to be decided (08-20), but an appeal does not stay the
#     decision (问责条例: 申诉期间不停止问责决定的执行).
shift(("accountability", "wz2025-02", "executed"), "2025-09-05")
lapse("accountability.adjustment_done_1m", "p022", "wz2025-02", "late",
      f"due {add_months(D('2025-07-18'), 1)}, done 2025-09-05",
      "降职 carried out 18 days after the month: held back for the appeal, which does not stay it")

# 28. 市发展改革委 received a letter (xf2026-02) on 2026-04-28, before the May Day holiday, and
#     told the petitioner only on 2026-05-18 (the 15 calendar days ran to 05-13).
for step in ("notified", "accepted"):
    shift(("petition", "xf2026-02", step), "2026-05-18")
lapse("petition.notice_15d", "fgw", "xf2026-02", "late",
      f"due {D('2026-04-28') + timedelta(days=15)}, notified 2026-05-18",
      "书面告知 20 days after receipt, over the May Day holiday")

# 29. 市教育局 accepted a petition (xf2026-03) on 2026-06-22 and concluded it on 2026-09-04,
#     past the 60 days (08-21) without an approved extension (over the school summer holiday).
shift(("petition", "xf2026-03", "concluded"), "2026-09-04")
lapse("petition.conclude_60d", "jyj", "xf2026-03", "late",
      f"due {D('2026-06-22') + timedelta(days=60)}, concluded 2026-09-04",
      "办结 at day 74 with no extension approved (the 90-day cap is met)")


# ── Edition 4: three deliberate lapses of the 15 rules of the organisation's make-up, the
#    effect periods and the 复审/复核 applicant's month (lapses 30–32) ──────────────────────
def ev4(*args, **kw):
    ev(*args, edition=4, **kw)


# 30. 国库处党支部 had a committee but no 纪检委员 on 2025-12-31: 任杰 p045 took the duty only on
#     2026-03-01 (section 4).
_end = D("2025-12-31")
lapse("organisation.branch_discipline_member", "czj.b3", "2025", "violation",
      f"discipline_member not met on {_end}: {len(holders('czj.b3', 'branch_committee_member', _end))} "
      f"committee members, no branch_discipline_member",
      "支部委员会 without a 纪检委员 all 2025; 任杰 named only on 2026-03-01")

# 31. 市教育局 had no full-time party worker on 2025-12-31 (section 4): 0 for its 17 people.
_people = sum(1 for p in PEOPLE if organ_of(p[2]) == "jyj")
lapse("organisation.party_staff_ratio", "jyj", "2025", "violation",
      f"party_staff not met on {_end}: 0 party_affairs_staff for {_people} people",
      f"no 专职党务工作人员 for the organ's {_people} people (at least 1 needed: 1%, rounded up)")

# 32. 钱晓雪 p064 (基础教育处) was given a 政务记过 (admin_demerit) on 2026-01-22 for the fee
#     irregularities the 2025 巡察 found in her section; on 2026-10-19, within the year, the
#     branch's by-election put her on its committee (section 4): a new post in the effect
#     period, for the organisation department to confirm it was no promotion.
ev4(("disposition", "cf2026-01"), D("2026-01-22"), "15:00", "discipline.disposition", "jyj.odc",
    {"measure": "admin_demerit", "form": 2}, person="p064", ref="cf2026-01")
lapse("discipline.effect_1y", "p064", "p064", "violation",
      f"role.start:p064@jyj.b2:branch_committee_member:2026-10-19 within 1 year of admin_demerit {{e1}} "
      f"(2026-01-22, until {add_months(D('2026-01-22'), 12)})",
      "政务记过 of 2026-01-22; elected to the branch committee at the 补选 of 2026-10-19, inside the year")


# ── Edition 5: a deliberate lapse each for the rules that read the role records, the 复审 and
#    复核, the 巡察 close-out, the cigarettes and the secretary who is the division head (the
#    fifth edition's rows of the README; one of them brings a finding of an earlier rule) ─────
def ev5(*args, **kw):
    ev(*args, edition=5, **kw)


def move(key, day, time=None):
    """shift() for an event of an earlier edition: it keeps its id (its place in the numbering
    is the one it had), while the files list it on its new day."""
    EVENTS[key].setdefault("placed", sort_key(EVENTS[key]))
    shift(key, day, time)


# 33. 市财政局办公室党支部: 潘伟 p033 became office director on 2026-03-30, but the branch
#     elected him secretary only at its 换届 of 04-15, and 林淑芬 p032 kept the secretaryship to
#     her retirement (section 4): on 2026-03-31 the branch secretary was not the division head.
lapse("organisation.branch_secretary_is_head", "czj.b1", "2026-Q1", "violation",
      "secretary_is_head not met on 2026-03-31: secretary p032, head p033",
      "潘伟 office director from 03-30; 林淑芬 branch secretary until her retirement, 潘伟 elected only on 04-15")

# 34. 潘伟 p033 filed his new-appointment report on 2026-05-08, counting the 30 days from his
#     election as branch secretary (04-15) — but the clock runs from his appointment as office
#     director on 03-30 (a division head's post; the branch secretaryship is none of the roles).
_due = D("2026-03-30") + timedelta(days=30)
lapse("reporting.personal_matters_new_appointment", "p033", "p033", "late",
      f"due {_due}, done {EVENTS[('personal', 'new', 'p033')]['day']}",
      "30 days counted from his election as branch secretary (04-15), not from his appointment as 办公室主任 (03-30)")

# 35. 基础教育处: 孟婷 p059 became division head on 2026-09-14 (section 4); the branch
#     re-assessed the post's integrity risks only after the 补选 had made her secretary, on
#     2026-10-22 (recorded on 09-24 in the second edition: moved, its id kept).
move(("risk", "jyj.b2", "handover"), "2026-10-22")
lapse("integrity.risk_reassess_new_head", "jyj.b2", "jyj.b2", "late",
      f"due {add_months(D('2026-09-14'), 1)}, done 2026-10-22",
      "孟婷 head from 09-14; the post re-assessed only after the 补选 of 10-19 made her secretary")

# 36–37. 市教育局's rectification (xc2025-2-jyj): the verification of 2025-11-27 failed — two
#     problems of 基础教育处's fees were still open (the 政务记过 of lapse 32 came of them) — and
#     the 巡察办 passed the re-verification only on 2026-04-16, a month after the 6 months
#     from the feedback (2026-03-16), and four months after the month from the report.
EVENTS[("insp", "xc2025-2-jyj", "verified")]["attrs"].update(passed=False)
ev5(("insp", "xc2025-2-jyj", "verified", 2), D("2026-04-16"), "15:00", "rectification.verified", "jyj",
    {"passed": True, "verifier": "市委巡察工作领导小组办公室"}, ref="xc2025-2-jyj")
lapse("inspection.rectification", "jyj", "xc2025-2-jyj", "late",
      f"step verified due {add_months(EVENTS[('insp', 'xc2025-2-jyj', 'report')]['day'], 1)}, done 2026-04-16",
      "the verification of 2025-11-27 failed (2 problems open); passed only on 2026-04-16")
lapse("inspection.closeout_6m", "jyj", "xc2025-2-jyj", "late",
      f"due {add_months(D('2025-09-16'), 6)}, verified 2026-04-16",
      "problems of the 2025-09-16 feedback closed (对账销号) a month after the 6 months")

# 38. 市财政局 served cigarettes at its reception of 2026-09-16 (9 guests from the provincial
#     finance department).
EVENTS[("reception", "czj", "2026-09-16")]["attrs"].update(cigarettes=True, cost=1140.0)
lapse("conduct.reception_cigarettes", "czj", None, "violation", "2026-09-16, guests 9, cigarettes",
      "香烟 put on the tables at a 公务接待 (2 cartons, in the cost)", event=("reception", "czj", "2026-09-16"))

# 39–41. 钱晓雪 p064 contested her 政务记过 (cf2026-01, lapse 32), received on 2026-01-23: she
#     asked the 市教育局机关纪委 for 复审 on 2026-02-26, three days after her month ran out
#     (02-23, the last day of the Spring Festival holiday), and was heard all the same; the
#     复审 (upheld) came on 2026-04-02, a week after its month; she received it on 04-03 and
#     asked the 市监委 for 复核 in time (04-27), which upheld it on 2026-07-08, eleven days
#     after its two months. The 市监委's decision is recorded at the 机关纪委, like the
#     detention of section 5b.
ev5(("review", "cf2026-01", "requested"), D("2026-02-26"), "10:00", "supervision.review_requested", "jyj.odc",
    {"decision_received_on": "2026-01-23"}, person="p064", ref="cf2026-01")
ev5(("review", "cf2026-01", "decided"), D("2026-04-02"), "16:00", "supervision.review_decided", "jyj.odc",
    {"result": "upheld"}, person="p064", ref="cf2026-01")
ev5(("recheck", "cf2026-01", "requested"), D("2026-04-27"), "10:00", "supervision.recheck_requested", "jyj.odc",
    {"review_received_on": "2026-04-03"}, person="p064", ref="cf2026-01")
ev5(("recheck", "cf2026-01", "decided"), D("2026-07-08"), "16:00", "supervision.recheck_decided", "jyj.odc",
    {"result": "upheld"}, person="p064", ref="cf2026-01")
lapse("supervision.request_out_of_time", "p064", None, "violation",
      "decision_received_on 2026-01-23, requested 2026-02-26",
      f"复审 asked 3 days after the month from receiving the 记过 (to {add_months(D('2026-01-23'), 1)}), over the Spring Festival",
      event=("review", "cf2026-01", "requested"))
lapse("supervision.review_decided_1m", "p064", "cf2026-01", "late",
      f"due {add_months(D('2026-02-26'), 1)}, done 2026-04-02", "复审 decided (upheld) a week after its month")
lapse("supervision.recheck_decided_2m", "p064", "cf2026-01", "late",
      f"due {add_months(D('2026-04-27'), 2)}, done 2026-07-08", "the 市监委's 复核 (upheld) 11 days after its two months")


# ═════════════════════════════════════════════════════════════════════════════════════════
# 6b. THE PILOT'S SIGN-INS — from the party days of 市教育局's branches as finally recorded
# ═════════════════════════════════════════════════════════════════════════════════════════
# As many members sign in as the day's attendees; the absent are those away (lapse 23) and
# others picked by a hash, never the convener. Edition 3.
for key in [k for k, e in EVENTS.items()
            if e["type"] == "party_day.themed" and e["org"] in PILOT and e["day"] >= PILOT_START]:
    e = EVENTS[key]
    bid, d = e["org"], e["day"]
    ms = members(bid, d)
    away = [p for p in ms if p in AWAY and AWAY[p][0] <= d <= AWAY[p][1]]
    k = len(ms) - e["attrs"]["attendees"]
    assert e["person"] in ms and len(away) <= k, (key, away, k)
    rest = sorted((p for p in ms if p != e["person"] and p not in AWAY), key=lambda p: h("pd-absent", bid, d, p))
    absent = set(away + rest[:k - len(away)])
    for pid in ms:
        if pid not in absent:
            ev3(("attended", key, pid), d, e["time"], "member.attended", bid,
                {"activity": "themed_party_day", "meeting": e["attrs"]["topic"]}, person=pid)

# ═════════════════════════════════════════════════════════════════════════════════════════
# 7. IDS AND OUTPUT
# ═════════════════════════════════════════════════════════════════════════════════════════

def ts_text(e):
    if e["fmt"] == "date" or not e["time"]:
        return e["day"].isoformat()
    text = f"{e['day'].isoformat()}T{e['time']}"
    return text + "+08:00" if e["fmt"] == "offset" else text


ordered = sorted(EVENTS.values(), key=sort_key)
counters = {}
# (an event a later edition moved is numbered where it was: see move() in section 6)
for e in sorted(ordered, key=lambda e: (e["edition"], e.get("placed") or sort_key(e))):   # edition 1 first
    y = e["day"].year
    counters[y] = counters.get(y, 0) + 1
    e["id"] = f"e{y}-{counters[y]:05d}"
# The events per year of each earlier edition: their ids never move.
EDITION_1 = {2025: 624, 2026: 484}
EDITION_2 = {2025: 64, 2026: 71}
EDITION_3 = {2025: 29, 2026: 253}
EDITION_4 = {2025: 0, 2026: 1}
for ed, counts in ((1, EDITION_1), (2, EDITION_2), (3, EDITION_3), (4, EDITION_4)):
    for y, n in counts.items():
        assert sum(1 for e in ordered if e["edition"] == ed and e["day"].year == y) == n, (ed, y)
EDITION_3_FROM = {y: EDITION_1[y] + EDITION_2[y] + 1 for y in EDITION_1}
EDITION_4_FROM = {y: EDITION_3_FROM[y] + EDITION_3[y] for y in EDITION_1}
EDITION_5_FROM = {y: EDITION_4_FROM[y] + EDITION_4[y] for y in EDITION_1}
EDITION_5 = {y: sum(1 for e in ordered if e["edition"] == 5 and e["day"].year == y) for y in EDITION_1}
for lp in LAPSES:
    if lp["event"]:
        lp["period"] = EVENTS[lp["event"]]["id"]
    if lp["rule"] == "discipline.repeated_conduct_violations":
        lp["detail"] = lp["detail"].format(e1=EVENTS[("reception", "fgw", "2025-11-13")]["id"],
                                           e2=EVENTS[("meal", "fgw", "2026-02")]["id"])
    if lp["rule"] == "discipline.effect_1y":
        lp["detail"] = lp["detail"].format(e1=EVENTS[("disposition", "cf2026-01")]["id"])


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def attrs_json(a):
    return json.dumps(a, ensure_ascii=False)


write_csv("orgs.csv", ["id", "parent", "kind", "name"], ORGS)
write_csv("people.csv", ["id", "name", "org"], PEOPLE)
write_csv("roles.csv", ["person", "org", "role", "from", "to"], ROLES)
write_csv("events.csv", ["id", "ts", "type", "org", "person", "ref", "attrs"],
          [[e["id"], ts_text(e), e["type"], e["org"], e["person"] or "", e["ref"] or "",
            attrs_json(e["attrs"])] for e in ordered if e["day"].year == 2025])
with open(os.path.join(HERE, "events-2026.jsonl"), "w", encoding="utf-8") as f:
    for e in ordered:
        if e["day"].year != 2026:
            continue
        obj = {"id": e["id"], "ts": ts_text(e), "type": e["type"], "org": e["org"]}
        if e["person"]:
            obj["person"] = e["person"]
        if e["ref"]:
            obj["ref"] = e["ref"]
        elif e["type"] == "lecture.party":
            obj["ref"] = None      # an explicit null, to exercise the importer
        obj["attrs"] = e["attrs"]
        f.write(json.dumps(obj, ensure_ascii=False) + "\n")


# ── README ───────────────────────────────────────────────────────────────────────────────
# The first edition's 11 rules with findings keep their order; the later rules follow. The
# table's rows follow this order, so a later lapse of an earlier rule moves the rows after
# it: the README names rows through R(), never by a written number.
RULE_ORDER = ["meetings.branch_committee_monthly", "meetings.member_assembly_quarterly",
              "meetings.themed_party_day_monthly", "meetings.org_life_yearly",
              "reporting.annual_report_to_city", "inspection.rectification",
              "discipline.inquiry_reply_15wd", "responsibility.annual_duty_report",
              "conduct.holiday_public_meal", "conduct.private_car_use", "conduct.reception_companions",
              "instructions.first_time_study",
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
              # edition 3: the 24 rules of issue 18
              "organisation.member_dues_lapse_6m", "organisation.member_org_life_lapse_6m",
              "organisation.term_renewal_3y", "organisation.term_renewal_5y",
              "organisation.term_postpone_cap_3y", "organisation.term_postpone_cap_5y",
              "discipline.realname_accept_notice_15wd", "discipline.realname_result_notice_15wd",
              "discipline.inquiry_outcome_fits", "discipline.inquiry_outcome_recorded",
              "discipline.inquiry_outcome_carried_out",
              "supervision.detention_3m", "supervision.detention_extended_6m", "supervision.detention_cap_8m",
              "accountability.form_fits_target", "accountability.adjustment_done_1m",
              "accountability.appeal_decided_1m",
              "petition.notice_15d", "petition.objection_5wd", "petition.conclude_60d", "petition.conclude_cap_90d",
              "petition.review_decided_30d", "petition.recheck_decided_30d", "petition.request_out_of_time",
              # triggers made from the role records
              "reporting.personal_matters_new_appointment", "integrity.risk_reassess_new_head",
              # a precondition (unless_before)
              "discipline.consult_before_sanction",
              # 复审、复核 (监察法 Art.56)
              "supervision.review_decided_1m", "supervision.recheck_decided_2m",
              # 巡察 close-out
              "inspection.closeout_6m", "inspection.closeout_cap_1y", "conduct.reception_cigarettes",
              # edition 4: the make-up of the party organisations (chain requirements)
              "organisation.branch_full_members", "organisation.branch_committee_7", "organisation.branch_size_50",
              "organisation.general_branch_100", "organisation.branch_secretary_is_head",
              "organisation.organ_discipline_committee", "organisation.discipline_secretary_is_deputy",
              "organisation.branch_discipline_member", "organisation.party_staff_ratio",
              # the effect periods of sanctions (after + within)
              "discipline.effect_admin_warning_6m", "discipline.effect_1y", "discipline.effect_18m",
              "discipline.effect_2y", "discipline.effect_expulsion_5y",
              # the 复审/复核 applicant's month
              "supervision.request_out_of_time"]
assert len(RULE_ORDER) == len(set(RULE_ORDER)) == 89


def lapse_rows():
    """The table's rows; a reason's "<lapse N>" names the row of the lapse numbered N here."""
    rows = sorted(LAPSES, key=lambda l: (RULE_ORDER.index(l["rule"]), l["subject"], l["period"]))
    for i, l in enumerate(rows, 1):
        l["row"] = i
    for l in rows:
        l["reason"] = re.sub(r"<lapse (\d+)>", lambda m: f"row {R(int(m.group(1)))}", l["reason"])
    return [f"| {i} | `{l['rule']}` | `{l['subject']}` | `{l['period']}` | {l['outcome']} | "
            f"{l['detail']} | {l['reason']} |" for i, l in enumerate(rows, 1)]


def R(*numbers):
    """The README's row numbers of the lapses numbered so in section 6: "9", "1, 2", "22–29"."""
    rows = sorted(next(l["row"] for l in LAPSES if l["n"] == n) for n in numbers)
    runs = []
    for r in rows:
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    return ", ".join(f"{a}–{b}" if b - a >= 2 else (f"{a}, {b}" if b > a else f"{a}") for a, b in runs)


LAPSE_ROWS = lapse_rows()
assert [l["n"] for l in LAPSES] == list(range(1, len(LAPSES) + 1))


def org_tree_lines():
    children = {}
    for oid, parent, kind, name in ORGS:
        children.setdefault(parent, []).append((oid, kind, name))
    out = []

    def walk(parent, depth):
        for oid, kind, name in children.get(parent, []):
            out.append(f"{'  ' * depth}- `{oid}` {name} ({kind})")
            walk(oid, depth + 1)
    walk("", 0)
    return out


ORGAN_PEOPLE = {oid: sum(1 for p in PEOPLE if organ_of(p[2]) == oid) for oid in ORGANS}   # people_within()
for bid in BRANCHES:   # 7 to 10 full members, a committee and (but in lapse 30) its 纪检委员, every day;
    for d in days(date(2024, 1, 1), AS_OF):     # the secretary, if any, is the head (but in lapse 33)
        dm = holders(bid, "branch_discipline_member", d)
        secs = holders(bid, "branch_secretary", d)
        assert not secs or secs == holders(bid, "division_head", d) or any(
            b == bid and lo <= d <= hi for b, lo, hi in HEAD_BEFORE_SECRETARY), (bid, d)
        assert 7 <= len(members(bid, d)) <= 10 and holders(bid, "branch_committee_member", d), (bid, d)
        assert len(dm) <= 1 and set(dm) <= set(holders(bid, "branch_committee_member", d)), (bid, d)
        assert dm or (bid == "czj.b3" and d < D("2026-03-01")), (bid, d)

type_counts = {}
for e in ordered:
    type_counts[e["type"]] = type_counts.get(e["type"], 0) + 1
n2025 = sum(1 for e in ordered if e["day"].year == 2025)
n2026 = len(ordered) - n2025

README = f"""# 江州市 — the bundled example city

A small, fictional city for demos, tutorials and the engine's end-to-end tests: the city
committee of 江州市, its organ work committee (市直机关工委), and three organs with their
party leadership groups, organ party committees, discipline committees and branches. The
records run from {FIRST_DAY} to {AS_OF}; checked as of {AS_OF} with the {len(RULE_ORDER)} rules of
`rules/`, they hold exactly the {len(LAPSES)} findings listed below and nothing else: the deliberate
lapses, and the findings that follow from them under the later rules.

All files are written by `generate.py` (Python 3, standard library, deterministic); do not edit
them by hand. `check.py` reads the files back, validates them, recomputes the findings of the
rules independently and compares them with the table in this README.

```
python3 examples/city/generate.py   # rewrites the data files and this README
python3 examples/city/check.py      # validates, recomputes the findings, compares with the table
```

## Files

| file | contents |
|---|---|
| `orgs.csv` | `id,parent,kind,name` — {len(ORGS)} org units |
| `people.csv` | `id,name,org` — {len(PEOPLE)} people; `org` is the home unit today |
| `roles.csv` | `person,org,role,from,to` — {len(ROLES)} role assignments; `to` is the last day held, empty = still held |
| `events.csv` | `id,ts,type,org,person,ref,attrs` — the {n2025} events of 2025; `attrs` is a JSON object in a CSV column |
| `events-2026.jsonl` | the {n2026} events of 2026, one JSON object a line; `person`/`ref` omitted when absent (lectures carry an explicit `"ref": null`) |

Both event files are in time order. Event ids are numbered per year in five editions: the
{EDITION_1[2025]} + {EDITION_1[2026]} events of the first edition (built for the first 12 rules) keep the ids
`e2025-00001`… and `e2026-00001`… they always had, in time order; the {EDITION_2[2025]} + {EDITION_2[2026]} events
of the second, added for the next 30 rules (the monthly 党小组会, the 2026 vacancy in 基础教育处,
the 2026-08 meals), are numbered after them (from `e2025-{EDITION_1[2025] + 1:05d}` and `e2026-{EDITION_1[2026] + 1:05d}`); and
the {EDITION_3[2025]} + {EDITION_3[2026]} events of the third, added for the 24 rules of issue 18 (the member records, the
elections, the informants' notices, the inquiries' outcomes, the detention, the accountability
decisions and the petitions), after those (from `e2025-{EDITION_3_FROM[2025]:05d}` and `e2026-{EDITION_3_FROM[2026]:05d}`); and
the {EDITION_4[2025]} + {EDITION_4[2026]} events of the fourth, added for the effect periods of sanctions (钱晓雪's 政务记过), after
those (from `e2026-{EDITION_4_FROM[2026]:05d}`); and the {EDITION_5[2025]} + {EDITION_5[2026]} events of the fifth, added for its
deliberate lapses (钱晓雪's 复审 and 复核, the second verification of 市教育局's rectification), after
those (from `e2026-{EDITION_5_FROM[2026]:05d}`). An event a later edition moved to another day (基础教育处's
re-assessment of 2026, `{EVENTS[("risk", "jyj.b2", "handover")]["id"]}`) keeps the id it had. So an id never moves.

Time stamps are local time in Asia/Shanghai: mostly `YYYY-MM-DDTHH:MM`; the annual reports
and 党组通报 are plain dates `YYYY-MM-DD`; the 党组 study sessions of April–June 2025 and
April–May 2026 and the lectures of 2025-Q2 carry an explicit `+08:00`. Decimal attributes are
JSON numbers. Every attribute follows `schemas/events.yaml`. Working days follow the official
calendars of 2024–2026 (holidays and 调休 make-up days); meetings fall on working days in
office hours, and no monthly, quarterly or yearly meeting falls inside the grace window of the
period before it, so a rule reads the same whether it counts grace-window events or not.

## The organisation

{chr(10).join(org_tree_lines())}

Branches are built in divisions (支部建在处室) and each branch secretary is the division head
(`division_head` at the branch), but in 市财政局办公室 from 2026-03-30 to 04-14, between 潘伟's
appointment as office director and his election as secretary (row {R(33)}). Every branch has 7
to 10 full members (`member`; no probationary members are recorded) and a committee: the
secretary and two committee members (`branch_committee_member`; only the two in 基础教育处's
vacancy of 2026), one of whom is the branch's 纪检委员 (`branch_discipline_member`, 机关条例 Art.9; the same person throughout, in
国库处 only from 2026-03-01: row {R(30)}). Leaders of an organ (党组 secretary and members, the
机关纪委 secretary) are members of its 办公室党支部. Each 党组 has one secretary and 2–4
members; the 机关党委 secretary is a 党组 member; the 机关纪委 secretary is also the 机关党委
deputy secretary (机关条例 Art.9). The 机关纪委 secretaries of 市发展改革委 (孙晓梅 `p007`) and
市财政局 (胡建军 `p031`) are also the organs' full-time party workers (`party_affairs_staff` at
the 机关党委, 机关条例 Art.30: 1%–2% of the organ's people, {ORGAN_PEOPLE['fgw']} and {ORGAN_PEOPLE['czj']}); 市教育局
({ORGAN_PEOPLE['jyj']} people) has none (row {R(31)}). 邹建平 `p067`, an official of 市财政局 who is not a party
member, holds no role (he appears only in the detention of 2026). All roles start on or before 2024-01-01
except these changes:

| date | change |
|---|---|
| 2025-07-01 | 综合规划处 (`fgw.b2`): 高明 `p012` (secretary to 2025-06-30) joins the 市发展改革委 党组; 梁晓东 `p013` becomes division head and branch secretary; 郑浩 `p015` joins the branch committee; 蒋一鸣 `p026` transfers in as a member |
| 2026-03-01 | 国库处 (`czj.b3`): committee member 任杰 `p045` becomes the branch's 纪检委员, the first since the committee was elected in 2023 |
| 2026-03-30 | 市财政局办公室 (`czj.b1`): 林淑芬 `p032`, retiring on 2026-04-14, steps down as office director (division head to 2026-03-29) but stays branch secretary; committee member 潘伟 `p033` becomes division head — **the secretary is not the division head** until 04-14 |
| 2026-04-15 | 市财政局办公室 (`czj.b1`): 林淑芬 `p032` retires (last day 2026-04-14); the branch's 换届 elects 潘伟 `p033` secretary; 蔡明亮 `p035` joins the committee |
| 2026-06-12 | 市教育局 党组: 沈国华 `p050` transferred out (last day 2026-06-11); 贺永强 `p065` becomes party group secretary |
| 2026-09-14 | 基础教育处 (`jyj.b2`): 邵建华 `p058` (secretary to 2026-09-13) joins the 市教育局 党组; committee member 孟婷 `p059` becomes division head but not yet secretary — **the secretary's post is vacant**, and 孟婷 convenes the branch's meetings; 严俊 `p066` transfers in as a member |
| 2026-10-19 | 基础教育处 (`jyj.b2`): by-election (补选) at a member assembly: 钱晓雪 `p064` joins the committee, which elects 孟婷 `p059` secretary |

## The regular record

Per branch: a branch committee meeting (more than half of the sitting committee present), a
themed party day and a party group meeting (党小组会; the groups take turns in these records)
every month; a member assembly and a party lecture every quarter (the 党组 secretary gives the
Q2 lecture in 办公室党支部, and 贺永强, 市教育局's new 党组 secretary, its 2026-Q4 lecture too); in
late 2025 heart-to-heart talks, the four stages of the democratic appraisal of members (the
decision stage last) and the organizational life meeting; an integrity-risk assessment of the
division head's post each March and on each change of holder; branch elections for 3-year
terms (three in 2025; the third edition adds the others, below). Per organ: a 党组 study
session every month (13–14 in 2025), a 民主生活会 in December with every member present, a 党组通报 each March for the year before, a 机关党员干部大会 at
the 机关党委 each March, the annual report to the city committee and the duty reports (述职) of
the 党组 secretary, the 机关党委 secretary and every branch secretary each January–February for
the year before, the 机关纪委 secretary's supervision report, the personal-matters reports of
every 党组 secretary and member, the 机关纪委 secretary and every division head each January (and
of newly appointed cadres within 30 days), a work meal and two official car trips a month, and
a few receptions, all with a 公函 and none with liquor. Two 2025 巡察 rounds with their
rectification chains (the 整改报告, the 主要负责人组织落实情况报告 and the publication), four instructions
from the city committee with study, plan, ledger and feedback, six letters of inquiry with
their clues (each disposed of within 5 workdays), replies and dispositions (recorded as form 1).

Since the third edition, for the 24 rules of issue 18: 市教育局 pilots the member records of
the 智慧党建 system from 2026-01-05 — every member of its two branches registered that day
(`member.registered`, via `initial`), the transfers as they happen (沈国华 out, 贺永强 in,
邵建华 from 基础教育处 to 办公室党支部, 严俊 in), the dues collected each quarter (three months
at a time, on one day of the quarter's first month), and a sign-in (`member.attended`) of each
member present at every 主题党日, as many as its attendees; the other organs keep no member
records, so the membership rules watch no one else. The 换届 of the branches and organ
committees whose terms end in these records: 综合规划处 (2025-11-18); 市财政局's 机关党委 and
机关纪委 at its 2026 机关党员大会; 市财政局办公室 on 2026-04-15, after an approved two-month
postponement, electing 潘伟; 价格管理处 (2026-05-20); 国库处 (2026-08-20); 市教育局's 机关党委
and 机关纪委 on 2026-11-12, after an approved six-month postponement over the change of 党组
secretary. Each real-name clue's informant is told of the acceptance 5 workdays after the
clue arrives and of the result 5 workdays after it is concluded (`clue.concluded`). Of the
four inquiries not concluded by a form-1 disposition, `hx2025-02` and `hx2026-01` get an
`inquiry.outcome` 10 workdays after the reply and the feedback to the person 3 workdays later;
`hx2026-02` was never answered and `hx2026-03`'s outcome is not yet due. The 市监委's detention (留置,
`lz2026-01`) of 邹建平 from 2026-03-16, extended once, is recorded at the 市财政局机关纪委 (the
tree has no unit for the 市纪委监委). Two accountability decisions (问责), one record per form:
the city committee's 通报 of the 市财政局党组 and 诫勉 of its secretary after the late
rectification report (`wz2025-01`), and the 市发展改革委党组's 降职 of 曹亮 `p022`, deputy head
of 价格管理处, with his appeal (`wz2025-02`). Eight petitions (信访) to the organs, each told in
writing: seven accepted (six concluded by 2026-11-20), one referred on after an objection to
jurisdiction; none asks for 复查 or 复核 (they go to the 市人民政府 or the body above the organ,
which these records do not hold).

Since the fourth edition, for the 15 rules of the party organisations' make-up, the effect
periods of sanctions and the 复审/复核 applicant's month: each branch's 纪检委员 and the organs'
full-time party workers in the role records (above), and one 政务处分, 钱晓雪 `p064`'s 记过
(`admin_demerit`, form 2, `cf2026-01`, 2026-01-22, recorded at the 市教育局机关纪委), within
whose year she joined her branch's committee (row {R(32)}).

Since the fifth edition, a deliberate lapse each for eight rules that found nothing before:
the two that read the role records (潘伟's new-appointment report, counted from the wrong day,
and 孟婷's re-assessment of her post), the three of 复审 and 复核 (监察法 Art.56: 钱晓雪 asked
the 市教育局机关纪委 for 复审 of her 记过 after her month, it decided late, and the 市监委's 复核
was late too — recorded at the 机关纪委 like the detention), the 巡察 close-out (市教育局's first
verification of 2025-11-27 failed, `passed: false`; the second passed on 2026-04-16), the
cigarettes at a reception, and the branch secretary who is not the division head (市财政局办公室,
above).

Event counts by type:

| type | count |
|---|---|
{chr(10).join(f"| `{t}` | {n} |" for t, n in sorted(type_counts.items()))}
| **total** | **{len(ordered)}** |

## The deliberate lapses

Checked as of {AS_OF} with the rules below, the records hold exactly these findings. A period
is checked once it has closed (its end plus the rule's grace is before {AS_OF}), so November
2026, 2026-Q4 and the year 2026 are not checked; the rules take effect on 2025-01-01, so
nothing of 2024 is checked. The third column is the period for the `periodic` and `chain`
rules, the event id for the `match` rules (for the effect periods of sanctions, which look back at
the person's disposition, the finding's key up to its first `|`, the person; the detail names
the `role.start` made from the role record), the `ref` for the `sequence` and `deadline` rules
(the finding's key up to its first `|`; for the membership rules and the new-appointment
report, which correlate by person, the person; for the new head's re-assessment, which
correlates by unit, the branch), and the day of the crossing for the `threshold` and
`escalation` rules. The rows are in the order of the rules table, so a later edition's row of
an earlier rule comes among the earlier rows. Rows {R(*range(1, 17))} are the first edition's
deliberate lapses; rows {R(17, 18, 19)} are what the later rules make of the records as they were
({R(17)} and {R(19)} follow from rows {R(9)}, {R(14)} and {R(16)}); rows {R(20, 21)} are the two deliberate lapses
added for rule kinds the first edition did not show, a `chain` post left `vacant` and a
`threshold` crossed; rows {R(*range(22, 30))} are the third edition's deliberate lapses, one each for eight of the
24 rules of issue 18; rows {R(30, 31, 32)} are the fourth edition's, one each for three of its 15 rules
(the make-up of the party organisations: two chain requirements; the effect periods: one new
post); rows {R(33, 34, 35, 37, 38, 39, 40, 41)} are the fifth edition's, one each for eight rules that found nothing
before (the role records' two triggers, the three of 复审 and 复核, the 巡察 close-out, the
cigarettes, the secretary who is the division head), and row {R(36)} is what
`inspection.rectification` makes of the late close-out (row {R(37)}: the passed verification came
long after the month from the report). The other {len(RULE_ORDER) - len({l["rule"] for l in LAPSES})} rules find nothing in these records.

<!-- lapses:begin -->
| # | rule | subject | period / ref / event | outcome | detail | reason |
|---|---|---|---|---|---|---|
{chr(10).join(LAPSE_ROWS)}
<!-- lapses:end -->

### The rules, as the data is built for them

All {len(RULE_ORDER)} rules of `rules/`, in the order of the table above. "Due" is the grace after the
period (or the time after the trigger); working days follow `rules/calendars/`.

| rule | kind | what it checks | in these records |
|---|---|---|---|
| `meetings.branch_committee_monthly` | periodic | each `party_branch`, each month: ≥1 `meeting.branch_committee` with 2 × attendees ≥ members_total (or without head counts); due 5 workdays after the month | monthly; rows {R(1, 2)} |
| `meetings.member_assembly_quarterly` | periodic | each branch, each quarter: ≥1 `meeting.member_assembly`; due 5 workdays | second month of each quarter; rows {R(3, 4)} |
| `meetings.themed_party_day_monthly` | periodic | each branch, each month: ≥1 `party_day.themed`; due 5 workdays | monthly; rows {R(5, 6)} |
| `meetings.org_life_yearly` | periodic | each branch, each year: ≥1 `meeting.org_life`; due 15 workdays | December 2025; row {R(7)} |
| `reporting.annual_report_to_city` | periodic | each `organ`, each year: ≥1 `report.annual_party_building` with `attrs.year` = the year; due 2 months after the year | January–February; row {R(8)} |
| `inspection.rectification` | sequence | per `ref`: `inspection.feedback` → `rectification.plan` within 1 month → `rectification.report` within 2 months of the feedback → `rectification.verified` (passed) within 1 month of the report | three 2025 rounds; row {R(9)}, and row {R(36)} (with the close-out's row {R(37)}) |
| `discipline.inquiry_reply_15wd` | deadline | `inquiry.letter` → `inquiry.reply`, same `ref` and `person`, within 15 workdays counted from the day after (`due_soon` 3 workdays before) | six letters; rows {R(10, 11)} |
| `responsibility.annual_duty_report` | chain | each organ, each year, holders on 31 Dec: the 党组 secretary and each branch secretary ≥1 `report.duty` of their own with `attrs.year`; the 机关纪委 ≥1 `report.supervision`; due 2 months | row {R(12)} |
| `conduct.holiday_public_meal` | match | `expense.meal` with `public_funds: true` on an official rest day (a make-up working day is not one) | rows {R(13, 14)} |
| `conduct.private_car_use` | match | `car.use` with `purpose: private` | row {R(15)} |
| `conduct.reception_companions` | match | `reception.official` with guests ≤ 10 and companions > 3, or guests > 10 and 3 × companions > guests | row {R(16)} |
| `instructions.first_time_study` | deadline | `instruction.received` → `instruction.studied`, same `ref`, within 5 workdays | always met |
| `inspection.leader_report` | deadline | `inspection.feedback` → `rectification.leader_report`, same `ref`, within 2 months | filed with the 整改报告; row {R(17)} |
| `inspection.progress_public` | deadline | `rectification.report` → `rectification.publicized`, same `ref`, within 1 month | 3 workdays after the report |
| `instructions.implementation` | sequence | per `ref`: received → studied (5 workdays) → planned (10 workdays) → ledger (5 workdays) → first feedback (3 months) | row {R(18)} |
| `meetings.group_monthly` | periodic | each branch, each month: ≥1 `meeting.group`; due 5 workdays | monthly |
| `meetings.party_lecture_quarterly` | periodic | each branch, each quarter: ≥1 `lecture.party`; due 5 workdays | first month of each quarter |
| `meetings.branch_committee_quorum` | match | `meeting.branch_committee` with 2 × attendees < members_total (半数以上 includes half) | 2–3 of 3 (both of 2 in the vacancy) |
| `meetings.member_appraisal_yearly` | periodic | each branch, each year: ≥1 `appraisal.member` with stage `decision`, by 31 Dec | December 2025 |
| `meetings.heart_talk_yearly` | periodic | each branch, each year: ≥1 `talk.heart`, by 31 Dec | November 2025 |
| `meetings.democratic_life_yearly` | periodic | each `leadership_group`, each year: ≥1 `meeting.democratic_life` in the year (or in the month after with `approved_reschedule`) with 3 × attendees ≥ 2 × members_total (or without head counts) | December 2025 (and the 2024 one in January 2025) |
| `meetings.democratic_life_quorum` | match | `meeting.democratic_life` with 3 × attendees < 2 × members_total (三分之二以上 includes two thirds) | every member present |
| `meetings.cadre_assembly_yearly` | periodic | each `organ_party_committee`, each year: ≥1 `meeting.cadre_assembly`, by 31 Dec | each March |
| `meetings.secretary_lecture_yearly` | chain | each organ, each year: the 党组 secretary on 31 Dec gave ≥1 `lecture.party` in person (person = holder) | the Q2 lecture in 办公室党支部 |
| `organisation.branch_secretary_in_post` | chain | each branch, each quarter: a branch secretary on the quarter's last day (else `vacant`), and ≥1 meeting of the branch in the quarter; due 5 workdays | row {R(21)} |
| `organisation.term_length` | match | `org.election` of a branch with `term_years` > 3 (> 5 for a 机关党委/纪委) | eleven elections, 3 years for a branch, 5 for a 机关党委/纪委 |
| `reporting.personal_matters_annual` | chain | each organ, each year, holders on 31 Dec: every 党组 secretary, 党组 member and division head files a `report.personal_matters` (kind `annual`, `attrs.year` = the next year); due 1 month | each January |
| `reporting.pg_disclosure_yearly` | periodic | each `leadership_group`, each year: ≥1 `report.pg_disclosure` with `attrs.year` = the year; due 3 months | each March |
| `responsibility.study_group_yearly` | periodic | each `leadership_group`, each year: ≥12 `study.group`, by 31 Dec | monthly (13–14 in 2025) |
| `integrity.risk_assessment_yearly` | periodic | each branch, each year: ≥1 `risk.assessment`, by 31 Dec | each March |
| `conduct.holiday_gift` | match | `expense.gift` on an official rest day | no gifts recorded |
| `conduct.allowance_unapproved` | match | `expense.allowance` without `approved: true` | no allowances recorded |
| `conduct.public_meal_spending_30d` | threshold | per org, public-funds `expense.meal` amounts in 30 days reaching 5000 (one finding a crossing) | row {R(20)} |
| `conduct.holiday_car_use` | threshold | per person, ≥2 `car.use` on official rest days within 30 days | one trip on a rest day (row {R(15)}) |
| `conduct.reception_without_letter` | match | `reception.official` without `has_letter: true` | every reception has its 公函 |
| `conduct.reception_liquor` | match | `reception.official` with `liquor: true` | none |
| `discipline.clue_disposition_5wd` | deadline | `clue.received` → `clue.disposed`, same `ref`, within 5 workdays | 3–4 workdays |
| `discipline.case_review_1m` | deadline | `case.accepted` → `case.reviewed`, same `ref`, within 1 month | no cases recorded |
| `discipline.sanction_announce_1m` | deadline | a `discipline.disposition` that is a party sanction → `sanction.announced` within 1 month | no party sanctions (the inquiries' dispositions are form-1 measures, 钱晓雪's 记过 is a 政务处分) |
| `discipline.disposition_form_mismatch` | match | `discipline.disposition` whose `form` is not the form of its `measure` | the inquiries' two recorded as form 1, the 记过 (`cf2026-01`) as form 2 |
| `discipline.repeated_meeting_lapses` | escalation | per branch, ≥3 findings tagged 三会一课 / 主题党日 / 组织生活 within 1 year → form 1 | at most one per branch |
| `discipline.repeated_conduct_violations` | escalation | per person, ≥2 findings tagged 八项规定 within 1 year → form 2 | row {R(19)} |
| `organisation.member_dues_lapse_6m` | deadline | per person: from a `member.registered`, `member.excused` or `member.dues_paid`, the next `member.dues_paid` (or `member.excused`, `member.deregistered`) within 6 months (`due_soon` 1 month before) | 市教育局's pilot, each quarter; row {R(22)} |
| `organisation.member_org_life_lapse_6m` | deadline | the same, with `member.attended` for `member.dues_paid` | a sign-in at each 主题党日 of the pilot; row {R(23)} |
| `organisation.term_renewal_3y` | deadline | per org: an `org.election` of a branch → the next election, or an approved `org.election_postponed`, within 3 years (`due_soon` 6 months before) | seven branch elections, none due before 2028 |
| `organisation.term_renewal_5y` | deadline | the same for a 机关党委 or 机关纪委, within 5 years | four elections, none due before 2031 |
| `organisation.term_postpone_cap_3y` | deadline | an `org.election` of a branch → the next election within 4 years | none due before 2029 |
| `organisation.term_postpone_cap_5y` | deadline | an `org.election` of a 机关党委 or 机关纪委 → the next within 6 years | none due before 2032 |
| `discipline.realname_accept_notice_15wd` | deadline | `clue.received` with `realname: true` → `clue.informant_notified` (stage `acceptance`), same `ref`, within 15 workdays | 5 workdays; row {R(24)} |
| `discipline.realname_result_notice_15wd` | deadline | `clue.concluded` with `realname: true` → `clue.informant_notified` (stage `result`), same `ref`, within 15 workdays | 5 workdays |
| `discipline.inquiry_outcome_fits` | match | `inquiry.outcome` whose `action` its `assessment` does not allow (untrue → 采信了结; minor → a form-1 measure; unresolved → 再次函询 or 初步核实) | row {R(25)} |
| `discipline.inquiry_outcome_recorded` | deadline | `inquiry.reply` → `inquiry.outcome` (or a form-1 `discipline.disposition`), same `ref` and `person`, within 1 month | 5 or 10 workdays; hx2026-03's is due on 2026-12-05 |
| `discipline.inquiry_outcome_carried_out` | deadline | `inquiry.outcome` → its action carried out (after 采信了结 an `inquiry.closure_notified`), same `ref` and `person`, within 1 month | 3 workdays |
| `supervision.detention_3m` | deadline | per `ref` and person: `detention.started` → `detention.ended` or a first `detention.extended` within 3 months | extended on the due day |
| `supervision.detention_extended_6m` | deadline | `detention.started` → `detention.ended`, or a second extension by the 国家监委 on the ten-year ground, within 6 months | row {R(26)} |
| `supervision.detention_cap_8m` | deadline | `detention.started` → `detention.ended` within 8 months | ended in the seventh month |
| `accountability.form_fits_target` | match | `accountability.decision` whose `form` is not one for its `target`, or a cadre's without `person` | 通报 of a 党组; 诫勉 and 降职 of cadres |
| `accountability.adjustment_done_1m` | deadline | a cadre's decision of an organisational adjustment (停职检查 … 降职) → `accountability.executed` of that form, same `ref` and person, within 1 month | row {R(27)} |
| `accountability.appeal_decided_1m` | deadline | `accountability.appeal` → `accountability.appeal_decided`, same `ref`, within 1 month | decided in 26 days |
| `petition.notice_15d` | deadline | `petition.received` → `petition.notified`, same `ref`, within 15 days | 4–14 days; row {R(28)} |
| `petition.objection_5wd` | match | `petition.objection` more than 5 workdays after its `received_on` | one on the 5th workday |
| `petition.conclude_60d` | deadline | `petition.accepted` → `petition.concluded`, or an approved `petition.extended`, within 60 days | one extended on day 58; row {R(29)} |
| `petition.conclude_cap_90d` | deadline | `petition.accepted` → `petition.concluded` within 90 days | the extended one concluded on day 86 |
| `petition.review_decided_30d` | deadline | `petition.review_requested` → `petition.review_decided`, same `ref`, within 30 days | no 复查 recorded |
| `petition.recheck_decided_30d` | deadline | `petition.recheck_requested` → `petition.recheck_decided`, same `ref`, within 30 days | no 复核 recorded |
| `petition.request_out_of_time` | match | a 复查 or 复核 request more than 30 days after its `reply_received_on` | none recorded |
| `reporting.personal_matters_new_appointment` | deadline | a role record's first day (`role.start`) as 党组书记, 党组成员 or division head → `report.personal_matters` (kind `new_appointment`), same person, within 30 days | five of the 6 appointments since 2025 within 15–21 days; 潘伟's (division head from 2026-03-30) on day 39: row {R(34)} |
| `integrity.risk_reassess_new_head` | deadline | a new division head's first day (`role.start`) → `risk.assessment` in the branch, within 1 month | 梁晓东's post re-assessed in 9 days, 潘伟's in 23; 孟婷's in 38: row {R(35)} |
| `discipline.consult_before_sanction` | match | a party sanction (`discipline.disposition`) with no earlier `discipline.consulted` of its `ref`; from 2026-12-01 | after these records end: nothing to judge |
| `supervision.review_decided_1m` | deadline | `supervision.review_requested` → `supervision.review_decided`, same `ref`, within 1 month | 钱晓雪's 复审 (`cf2026-01`), decided in 35 days: row {R(40)} |
| `supervision.recheck_decided_2m` | deadline | `supervision.recheck_requested` → `supervision.recheck_decided`, same `ref`, within 2 months | her 复核, decided in 2 months and 11 days: row {R(41)} |
| `inspection.closeout_6m` | deadline | `inspection.feedback` → a passed `rectification.verified`, same `ref`, within 6 months (reminded a month before) | two of the 3 inspections verified within 3 months; 市教育局's first verification failed, the second passed in the seventh month: row {R(37)} |
| `inspection.closeout_cap_1y` | deadline | the same, within a year at the latest | all three within the year |
| `conduct.reception_cigarettes` | match | `reception.official` with `cigarettes: true` | row {R(38)} |
| `organisation.branch_full_members` | chain | each branch, each quarter, on its last day: ≥3 full members (`member`; `probationary_member` not counted), else `violation`; due 5 workdays | 7–10 in each |
| `organisation.branch_committee_7` | chain | each branch, each quarter: fewer than 7 full members, or ≥1 `branch_committee_member` or `branch_deputy_secretary`; due 5 workdays | every branch has committee members |
| `organisation.branch_size_50` | chain | each branch, each quarter: full and probationary members ≤ 50; due 5 workdays | at most 10 |
| `organisation.general_branch_100` | chain | each `general_branch`, each year: members (full and probationary) in it and below < 100; due 1 month | no 党总支 in the tree |
| `organisation.branch_secretary_is_head` | chain | each branch, each quarter: the (first) branch secretary also holds `division_head` there (no secretary, or no head recorded: not judged); due 5 workdays | always but 市财政局办公室 in 2026-Q1: row {R(33)} (the vacancy of 2026-Q3 is `branch_secretary_in_post`'s) |
| `organisation.organ_discipline_committee` | chain | each `organ_party_committee`, each year: ≥1 `organ_discipline_committee` below it; due 1 month | one under each |
| `organisation.discipline_secretary_is_deputy` | chain | each `organ_discipline_committee`, each year: its (first) `discipline_secretary` is `organ_committee_deputy_secretary` of the parent 机关党委 (none: not judged); due 1 month | always |
| `organisation.branch_discipline_member` | chain | each `general_branch` or branch, each year: no committee member or deputy secretary, or ≥1 `branch_discipline_member`; due 1 month | the last-named committee member of each branch; row {R(30)} |
| `organisation.party_staff_ratio` | chain | each `organ`, each year: 100 × `party_affairs_staff` in it and below ≥ the people whose home unit is in it (`people.csv`); due 1 month | the 机关纪委 secretaries of 市发展改革委 and 市财政局; row {R(31)} |
| `discipline.effect_admin_warning_6m` | match | a `role.start` of any role but `member`/`probationary_member`, at most 6 months (last day included) after the person's latest earlier `discipline.disposition` of `admin_warning` | no 政务警告 recorded |
| `discipline.effect_1y` | match | the same, within 1 year of a `warning` or `admin_demerit` | 钱晓雪's 记过 of 2026-01-22; row {R(32)} |
| `discipline.effect_18m` | match | the same, within 18 months of a `serious_warning` or `admin_major_demerit` | none recorded |
| `discipline.effect_2y` | match | the same, within 2 years of a `party_post_removal`, `admin_demotion` or `admin_removal` | none recorded |
| `discipline.effect_expulsion_5y` | match | a `role.start` of `member` or `probationary_member` within 5 years of the person's `expulsion` | none recorded |
| `supervision.request_out_of_time` | match | a `supervision.review_requested` (`recheck_requested`) after a month from its `decision_received_on` (`review_received_on`) | 钱晓雪's 复审 request, 3 days after her month: row {R(39)}; her 复核 request within its month |

Reports for a year are filed in January–February of the next and carry `attrs.year`; the data
is built so that counting them by `attrs.year` or by time stamp within the period plus its
grace gives the same findings. Edge cases that must *not* fire: a reply on the day of the letter
(`hx2025-02`), a reply across New Year (`hx2025-03`), a reply on its due day (`hx2026-01`,
2026-05-13 17:00); instructions studied across National Day 2025 and Spring Festival 2026 with
make-up days counted; public-funds meals on the make-up working days 2025-09-28 and 2026-02-14;
private meals on 2025-05-02 and 2026-10-03; a car trip with purpose `unknown`; receptions at the
limits (8 guests / 3, 12 / 4, 10 / 3, 9 / 3); a rectification verified within a month of a late
report; a 2025 branch-secretary handover where only the holder on 31 December owes the 述职; and
meetings on the make-up days 2025-04-27 and 2026-02-28. Since the second edition, also: the
jyj 2026 党组 secretary handover (the holder on 31 December 2026 has given a lecture already,
in October); a clue closed without an inquiry (`xs2026-01`, 4 workdays); the 2024 民主生活会
held in January 2025 without an approved postponement (it counts for 2025, beside the December
one, and 2024 is not judged); and in the vacancy, meetings convened by the
committee member in charge (the quarter's meetings count for the branch whoever convenes them)
and a branch committee meeting with both sitting members present (2 of 2). Since the third
edition, also: 钱晓雪's deferred 2026-Q2 dues (an approved `member.excused` restarts the clock:
her payment of 07-31 comes six months and three days after that of 01-28); 沈国华's transfer out
of the pilot on 2026-06-11 and 邵建华's between its branches on 2026-09-14 (a deregistration
stops a clock); the anonymous clues concluded (`hx2025-02`, `xs2026-01`), with no informant
to tell; an outcome not yet due (`hx2026-03`, replied 2026-11-05); a detention extended on the
3 months' due day (2026-06-16); an appeal decided within the month while the adjustment waited
(row {R(27)}); a jurisdiction objection on the 5th workday across National Day 2025 (make-up day
09-28 counted, `xf2025-04`); a petition extension approved two days before the 60 days ran
out and concluded on day 86 (`xf2025-03`); a petition accepted on 2026-11-13 and not yet due
(`xf2026-04`); elections whose next terms end in 2028 or later (no reminder yet). Since the
fourth edition, also: branches of exactly 7 full members, at the bar of
`organisation.branch_committee_7`, each with its committee; the 2026-Q3 vacancy in 基础教育处,
which `organisation.branch_secretary_is_head` leaves to `organisation.branch_secretary_in_post`;
任杰's new post as 纪检委员 on 2026-03-01 with no sanction before it (his only disposition,
`hx2025-01`'s, is a form-1 measure); and one full-time party worker enough for an organ of
{ORGAN_PEOPLE['fgw']} people (1%, rounded up). Since the fifth edition, also: 市教育局's failed
verification of 2025-11-27, which closes nothing; 市财政局办公室's yearly risk assessment of
2026-03-27, three days before 潘伟 became head, which is not his re-assessment (that of 04-22
is, within the month); the 党组 appointments of 2026 reported within 30 days while a division
head's was not; and 钱晓雪's 复核 request 24 days after she received the 复审 decision, within
its month.
"""
with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
    f.write(README)

print(f"orgs {len(ORGS)}, people {len(PEOPLE)}, roles {len(ROLES)}, "
      f"events {len(ordered)} (2025: {n2025}, 2026: {n2026}), lapses {len(LAPSES)}")
