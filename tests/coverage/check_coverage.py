#!/usr/bin/env python3
"""Checks docs/coverage.md against regulations.md and the rules of rules/.

    python3 tests/coverage/check_coverage.py REPO_ROOT [--regulations FILE]

REPO_ROOT is the repository root (the folder with docs/ and rules/). The research notes are
read from REPO_ROOT/../shared/design/regulations.md unless --regulations names the file.

Fails (exit 1, one line per problem on stderr) when:
  - an obligation of regulations.md §1 is missing from the main table of docs/coverage.md,
    or the table names one twice, or names an id regulations.md does not have;
  - a row of the table of obligations from outside §1 uses an id of §1, or repeats an id;
  - the page names a rule id that no rule file defines;
  - an obligation marked `encoded` or `partly encoded` names no rule, or one marked
    `not encoded` names a rule; a Status or Numbers cell has a value outside the legend;
  - a rule of rules/ (every *.yaml except *.test.yaml and the calendars/ and policy/
    folders) is named under no obligation.
Otherwise prints one summary line and exits 0. Exit 2: a file is missing or unreadable, or
the page has no table to check.

Standard library only. The rule files are YAML; their ids are read with a small
indentation-aware scan of the top-level `rules:` list (`- id: X`, `id: X` at the item's
indentation, or a flow mapping `- {id: X, ...}`), enough for the project's files — it does
not parse YAML in general (anchors, multi-document streams and tags are not supported).
"""

import os
import re
import sys

ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
OBLIGATION_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
STATUSES = {"encoded", "partly encoded", "not encoded"}
NUMBERS = {"agree", "local choice", "—"}


def die(msg):
    print(f"coverage: {msg}", file=sys.stderr)
    sys.exit(2)


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        die(f"cannot read {path}: {e.strerror}")


def cells(line):
    """The cells of a Markdown table row (without the outer pipes), stripped."""
    s = line.strip()
    if not s.startswith("|"):
        return None
    s = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
    # No cell of these tables contains an escaped pipe; split plainly.
    return [c.strip() for c in s.split("|")]


def is_rule_line(row):
    return all(re.fullmatch(r":?-{3,}:?", c) for c in row)


def tables(text):
    """Yields (header cells, [(line number, row cells)]) for each Markdown table."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        head = cells(lines[i])
        sep = cells(lines[i + 1]) if i + 1 < len(lines) else None
        if head and sep and is_rule_line(sep):
            rows = []
            j = i + 2
            while j < len(lines):
                row = cells(lines[j])
                if row is None:
                    break
                rows.append((j + 1, row))
                j += 1
            yield head, rows
            i = j
        else:
            i += 1


def regulation_ids(path):
    """The obligation ids of regulations.md §1 (the first column of its table)."""
    text = read(path)
    m = re.search(r"^## 1\..*?$(.*?)^## 2\.", text, re.M | re.S)
    if not m:
        die(f"{path}: no section '## 1.' followed by '## 2.'")
    ids = []
    for head, rows in tables(m.group(1)):
        if not head or head[0] != "ID":
            continue
        for _, row in rows:
            if row and OBLIGATION_RE.match(row[0]):
                ids.append(row[0])
    if not ids:
        die(f"{path}: no obligations found in the table of section 1")
    return ids


def rule_files(root):
    rules_dir = os.path.join(root, "rules")
    if not os.path.isdir(rules_dir):
        die(f"no folder {rules_dir}")
    out = []
    for dirpath, dirnames, filenames in os.walk(rules_dir):
        dirnames[:] = sorted(d for d in dirnames if d not in ("calendars", "policy"))
        for name in sorted(filenames):
            if not (name.endswith(".yaml") or name.endswith(".yml")):
                continue
            if name.endswith(".test.yaml") or name.endswith(".test.yml"):
                continue
            out.append(os.path.join(dirpath, name))
    return out


def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v


def strip_comment(v):
    # A ` #` starts a comment in a plain scalar; ids never contain one.
    return re.split(r"\s+#", v, maxsplit=1)[0]


def rule_ids_in(path):
    """The ids of the rules of one rule file, each with its line number."""
    lines = read(path).split("\n")
    found = []
    in_rules = False
    item_indent = None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and not line.startswith("-"):
            in_rules = re.match(r"^rules\s*:", line) is not None
            item_indent = None
            continue
        if not in_rules:
            continue
        m = re.match(r"^(\s*)-\s+(.*)$", line) or re.match(r"^(\s*)-()$", line)
        if m and (item_indent is None or len(m.group(1)) <= item_indent):
            item_indent = len(m.group(1))
            rest = m.group(2).strip()
            if rest.startswith("{"):
                fm = re.search(r"(?:^\{|,)\s*id\s*:\s*([^,}]+)", rest)
                if fm:
                    found.append((unquote(strip_comment(fm.group(1))), n))
            else:
                km = re.match(r"^id\s*:\s*(.+)$", rest)
                if km:
                    found.append((unquote(strip_comment(km.group(1))), n))
            continue
        if item_indent is not None and indent == item_indent + 2:
            km = re.match(r"^\s*id\s*:\s*(.+)$", line)
            if km:
                found.append((unquote(strip_comment(km.group(1))), n))
    return found


def named_rules(cell):
    """The rule ids written in backticks in a Rules cell."""
    return [t for t in re.findall(r"`([^`]+)`", cell) if ID_RE.match(t)]


def column(head, name, where):
    for i, h in enumerate(head):
        if h.lower() == name.lower():
            return i
    die(f"{where}: a table has no column '{name}'")


def main(argv):
    args = argv[1:]
    regs_path = None
    if "--regulations" in args:
        k = args.index("--regulations")
        if k + 1 >= len(args):
            die("--regulations needs a file")
        regs_path = args[k + 1]
        del args[k : k + 2]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = args[0]
    named_regs = regs_path is not None
    if regs_path is None:
        regs_path = os.path.join(root, "..", "shared", "design", "regulations.md")
    coverage_path = os.path.join(root, "docs", "coverage.md")

    problems = []
    # A checkout without the design folder beside it (a CI clone) checks the table against
    # rules/ only, and says so; a file named with --regulations must exist.
    if not named_regs and not os.path.exists(regs_path):
        print(f"coverage: note: {regs_path} not found: the table is checked against rules/ only", file=sys.stderr)
        regs = None
    else:
        regs = regulation_ids(regs_path)
    reg_set = set(regs or [])

    # Every rule of rules/.
    rules = {}
    for path in rule_files(root):
        for rid, line in rule_ids_in(path):
            rel = os.path.relpath(path, root)
            if rid in rules:
                problems.append(f"rule id {rid} is defined twice ({rules[rid]} and {rel}:{line})")
            else:
                rules[rid] = f"{rel}:{line}"

    main_rows = {}    # obligation id -> (line, status, numbers, rules)
    extra_rows = {}   # id -> (line, rules)
    named = {}        # rule id -> [obligation ids]
    saw_main = saw_extra = False
    for head, rows in tables(read(coverage_path)):
        if "Obligation" not in head or "Rules" not in head:
            continue
        is_main = "Status" in head
        c_id = column(head, "Obligation", coverage_path)
        c_rules = column(head, "Rules", coverage_path)
        c_num = column(head, "Numbers", coverage_path)
        c_status = column(head, "Status", coverage_path) if is_main else None
        saw_main |= is_main
        saw_extra |= not is_main
        for line, row in rows:
            where = f"docs/coverage.md:{line}"
            if len(row) < len(head):
                problems.append(f"{where}: the row has {len(row)} cells, the table {len(head)}")
                continue
            oid = row[c_id].strip("`* ")
            rids = named_rules(row[c_rules])
            numbers = row[c_num]
            for rid in rids:
                named.setdefault(rid, []).append(oid)
                if rid not in rules:
                    problems.append(f"{where}: {oid} names rule {rid}, which no rule file under rules/ defines")
            if numbers not in NUMBERS:
                problems.append(f"{where}: {oid}: Numbers is '{numbers}', not one of: agree, local choice, —")
            if is_main:
                status = row[c_status]
                if oid in main_rows:
                    problems.append(f"{where}: obligation {oid} is listed twice (also line {main_rows[oid][0]})")
                    continue
                if regs is not None and oid not in reg_set:
                    problems.append(f"{where}: {oid} is not an obligation of regulations.md §1")
                if status not in STATUSES:
                    problems.append(f"{where}: {oid}: Status is '{status}', not one of: encoded, partly encoded, not encoded")
                elif status == "not encoded":
                    if rids:
                        problems.append(f"{where}: {oid} is marked not encoded but names {', '.join(rids)}")
                    if numbers != "—":
                        problems.append(f"{where}: {oid} is marked not encoded but its Numbers is '{numbers}', not —")
                else:
                    if not rids:
                        problems.append(f"{where}: {oid} is marked {status} but names no rule")
                    if numbers == "—":
                        problems.append(f"{where}: {oid} is marked {status} but its Numbers is —")
                main_rows[oid] = (line, status, numbers, rids)
            else:
                if oid in reg_set:
                    problems.append(f"{where}: {oid} is an obligation of regulations.md §1: it belongs in the main table")
                if oid in extra_rows:
                    problems.append(f"{where}: {oid} is listed twice (also line {extra_rows[oid][0]})")
                    continue
                if not rids:
                    problems.append(f"{where}: {oid} names no rule")
                extra_rows[oid] = (line, rids)
    if not saw_main:
        die(f"{coverage_path}: no table with the columns Obligation, Status, Rules and Numbers")

    for oid in regs or []:
        if oid not in main_rows:
            problems.append(f"docs/coverage.md: obligation {oid} of regulations.md is missing from the table")
    for rid in sorted(rules):
        if rid not in named:
            problems.append(f"{rules[rid]}: rule {rid} is named under no obligation of docs/coverage.md")

    if problems:
        for p in problems:
            print(f"coverage: error: {p}", file=sys.stderr)
        print(f"coverage: {len(problems)} problem{'s' if len(problems) != 1 else ''} (docs/coverage.md against regulations.md and rules/)", file=sys.stderr)
        return 1

    # Without regulations.md (a checkout without ../shared), the table's own rows are counted.
    if regs is None:
        regs = list(main_rows)
    rows = [main_rows[o] for o in regs]
    encoded = [r for r in rows if r[1] != "not encoded"]
    fully = sum(1 for r in encoded if r[1] == "encoded")
    agreeing = sum(1 for r in encoded if r[2] == "agree")
    outside = sorted({rid for rids in (r[1] for r in extra_rows.values()) for rid in rids})
    print(
        f"coverage: {len(encoded)} of {len(regs)} obligations encoded "
        f"({fully} fully, {len(encoded) - fully} in part; {agreeing} agreeing, {len(encoded) - agreeing} local choice), "
        f"{len(regs) - len(encoded)} not encoded; {len(rules)} rules, each named "
        f"({len(outside)} under {len(extra_rows)} obligations from outside regulations.md §1)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
