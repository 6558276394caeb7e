"""Findings as comparable multisets of (subject, period, key, outcome): from jiandu's JSONL and
from a peer's rows, so that every engine's answer to a rule can be compared with every other's."""
import collections
import json


def findings_of_jsonl(path, rules):
    out = {r: collections.Counter() for r in rules}
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["rule"] in out:
                out[d["rule"]][(d["subject"]["id"], d["period"] or "", d["key"] or "", d["outcome"])] += 1
    return out


def findings_of_rows(rows):
    return collections.Counter((str(s), p or "", k or "", o) for s, p, k, o in rows)




def differences(want, got, want_name, got_name, n=5):
    """The first n findings each side has and the other has not, as lines to print."""
    out = []
    for k in sorted((want - got).keys())[:n]:
        out.append("only %s: %s" % (want_name, k))
    for k in sorted((got - want).keys())[:n]:
        out.append("only %s: %s" % (got_name, k))
    return out
