#!/usr/bin/env python3
"""The stages' layering (docs/architecture.md), checked on every build and by ctest.

Usage: layers.py ENGINE_DIR "stage:dep,dep stage:dep …" [--stamp FILE] [--graph]

Each stage (a folder of engine/) may include the headers of the stages it names and of
theirs, transitively, and its own. A wrong-way include — a stage including one that is not
below it — is an error at its file and line; so is a cycle in the table. --graph prints the
folder graph of the includes as they are. On success the stamp file is written (the build's
record that the check passed)."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([A-Za-z_]+)/')


def closure(table):
    below = {}

    def visit(stage, path):
        if stage in path:
            raise SystemExit("layers: error: the stages' table has a cycle: " + " → ".join(path + [stage]))
        if stage in below:
            return below[stage]
        out = set()
        for dep in table.get(stage, []):
            if dep not in table:
                raise SystemExit(f"layers: error: stage {stage} names {dep}, which is no stage")
            out |= {dep} | visit(dep, path + [stage])
        below[stage] = out
        return out

    for s in table:
        visit(s, [])
    return below


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    engine, spec = args[0], " ".join(args[1:2])
    stamp = argv[argv.index("--stamp") + 1] if "--stamp" in argv else None
    table = {}
    for item in spec.split():
        name, _, deps = item.partition(":")
        table[name] = [d for d in deps.split(",") if d]
    below = closure(table)
    errors, graph = [], {}
    for stage in sorted(os.listdir(engine)):
        folder = os.path.join(engine, stage)
        if not os.path.isdir(folder):
            continue
        if stage not in table:
            errors.append(f"{folder}: a folder of engine/ that is no stage of the table (engine/CMakeLists.txt)")
            continue
        for root, _, files in os.walk(folder):
            for f in sorted(files):
                if not f.endswith((".h", ".cpp")):
                    continue
                path = os.path.join(root, f)
                with open(path, encoding="utf-8", errors="replace") as text:
                    for n, line in enumerate(text, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) == stage or m.group(1) not in table:
                            continue
                        graph.setdefault(stage, {}).setdefault(m.group(1), 0)
                        graph[stage][m.group(1)] += 1
                        if m.group(1) not in below[stage]:
                            rel = os.path.relpath(path, os.path.dirname(engine))
                            errors.append(f"{rel}:{n}: error: stage {stage} includes {m.group(1)}/, which is not below it "
                                          f"({stage} may use: {', '.join(sorted(below[stage])) or 'no other stage'})")
    if "--graph" in argv:
        for stage in table:
            uses = graph.get(stage, {})
            print(f"{stage:9} → " + (", ".join(f"{d} ({uses[d]})" for d in sorted(uses)) or "—"))
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"layers: {len(errors)} wrong-way include(s); the layering is the table in engine/CMakeLists.txt", file=sys.stderr)
        if stamp and os.path.exists(stamp):
            os.remove(stamp)
        return 1
    if stamp:
        with open(stamp, "w") as out:
            out.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
