#!/usr/bin/env python3
"""ctest docs.codes: the table of diagnostic codes (engine/base/codes.def), the code that
emits them and docs/diagnostics.md agree.

  python3 tests/docs/check_codes.py REPO

Fails, naming the file and line, when a row of the table is never used (code::X) by the
engine, when a code is written as a string literal instead of through the table, when a row
has no section "### X: meaning" in docs/diagnostics.md or its heading says something else than
the row's meaning, when a section documents a code the table lacks, or documents one twice."""
import os
import re
import sys

repo = sys.argv[1] if len(sys.argv) > 1 else "."
CODE = r"[EWTKCAPV][0-9]{3}"
table_path = os.path.join("engine", "base", "codes.def")
row_re = re.compile(r'^JIANDU_CODE\((' + CODE + r'), (error|warning), "([^"]*)"\)$')
problems = []

table = {}  # code -> (line, severity, meaning)
with open(os.path.join(repo, table_path), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line.startswith("JIANDU_CODE"):
            continue
        m = row_re.match(line)
        if not m:
            problems.append(f"{table_path}:{n}: not a row JIANDU_CODE(X, error|warning, \"meaning\")")
            continue
        code, severity, meaning = m.groups()
        if code in table:
            problems.append(f"{table_path}:{n}: {code} is in the table twice (first at line {table[code][0]})")
        if code.startswith("W") != (severity == "warning") and code != "K005":
            problems.append(f"{table_path}:{n}: {code} is a{'' if severity == 'error' else ' warning'} {severity} "
                            "but W codes, and only they (and K005), are warnings")
        table.setdefault(code, (n, severity, meaning))

used = {}
literal_re = re.compile(r'"(' + CODE + r')"')
use_re = re.compile(r"\bcode::(" + CODE + r")\b")
for root, _, files in os.walk(os.path.join(repo, "engine")):
    for name in sorted(files):
        if not name.endswith((".cpp", ".h")):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, repo)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for code in use_re.findall(line):
                    used.setdefault(code, f"{rel}:{n}")
                for code in literal_re.findall(line):
                    problems.append(f"{rel}:{n}: \"{code}\" is written as a string: use code::{code} "
                                    f"(a row of {table_path})")

documented = {}
doc = os.path.join("docs", "diagnostics.md")
with open(os.path.join(repo, doc), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        m = re.match(r"#{2,3} (" + CODE + r"): (.*)$", line.rstrip("\n"))
        if not m:
            continue
        code, heading = m.groups()
        if code in documented:
            problems.append(f"{doc}:{n}: {code} is documented twice (first at line {documented[code][0]})")
            continue
        documented[code] = (n, heading.strip())

for code, (n, _, meaning) in sorted(table.items()):
    if code not in used:
        problems.append(f"{table_path}:{n}: {code} is in the table but the engine never emits it")
    if code not in documented:
        problems.append(f"{table_path}:{n}: {code} is used but {doc} has no section '### {code}: {meaning}'")
    elif documented[code][1] != meaning:
        problems.append(f"{doc}:{documented[code][0]}: the heading of {code} says '{documented[code][1]}' "
                        f"but its row in {table_path} says '{meaning}'")
for code, (n, _) in sorted(documented.items()):
    if code not in table:
        problems.append(f"{doc}:{n}: {code} is documented but is not in {table_path}")

for p in problems:
    print("docs.codes: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"docs.codes: {len(table)} codes, each in the table once, used and documented once")
