#!/usr/bin/env python3
"""ctest docs.codes: the diagnostic codes the engine emits and those docs/diagnostics.md
documents are the same set, each documented once.

  python3 tests/docs/check_codes.py REPO

A code is a quoted literal such as "E203" in engine/ (C++), and a section heading
"### E203: ..." (or "## P001: ...") in docs/diagnostics.md. Fails, naming each code and
where it is used or documented, when one is used but not documented, documented but
never used, or documented twice."""
import os
import re
import sys

repo = sys.argv[1] if len(sys.argv) > 1 else "."
code_re = re.compile(r'"([EWTKCAPV][0-9]{3})"')
used = {}
for root, _, files in os.walk(os.path.join(repo, "engine")):
    for name in files:
        if not name.endswith((".cpp", ".h")):
            continue
        path = os.path.join(root, name)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for code in code_re.findall(line):
                    used.setdefault(code, f"{os.path.relpath(path, repo)}:{n}")

doc = os.path.join(repo, "docs", "diagnostics.md")
documented = {}
problems = []
with open(doc, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        m = re.match(r"#{2,3} ([EWTKCAPV][0-9]{3}):", line)
        if not m:
            continue
        code = m.group(1)
        if code in documented:
            problems.append(f"docs/diagnostics.md:{n}: {code} is documented twice (first at line {documented[code]})")
        documented.setdefault(code, n)
for code in sorted(set(used) - set(documented)):
    problems.append(f"{used[code]}: {code} is used but docs/diagnostics.md has no section '### {code}: …'")
for code in sorted(set(documented) - set(used)):
    problems.append(f"docs/diagnostics.md:{documented[code]}: {code} is documented but the engine never emits it")
for p in problems:
    print("docs.codes: " + p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"docs.codes: {len(used)} codes, each used and documented once")
