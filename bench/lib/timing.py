"""Running a command and timing it: wall time and peak memory of one run, and the medians of
several (every figure the benchmark reports is a median of at least three runs)."""
import os
import statistics
import subprocess
import tempfile
import time

from .common import ROOT, die


def timed(cmd, stdout=None, stdin=None, check=True):
    """Run cmd under /usr/bin/time; (wall seconds, peak RSS in KiB, stderr text)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tpath = tf.name
    full = ["/usr/bin/time", "-f", "%M", "-o", tpath] + cmd
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.run(full, stdout=out, stderr=subprocess.PIPE, stdin=stdin, cwd=ROOT)
        wall = time.perf_counter() - t0
    finally:
        if stdout:
            out.close()
    with open(tpath) as f:
        lines = [l for l in f.read().splitlines() if l.strip()]
    os.unlink(tpath)
    rss = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    err = p.stderr.decode("utf-8", "replace")
    if check and p.returncode not in (0,):
        die("%s exited %d:\n%s" % (" ".join(cmd), p.returncode, err[-3000:]))
    return wall, rss, err


def repeat(n, fn):
    """Call fn() n times; it returns (seconds, rss_kib, ...): medians of both, and all runs."""
    runs = [fn() for _ in range(n)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), runs



def measure(cmd, stdout=None):
    """One run of cmd, its output to the file `stdout`: {wall, rss} (seconds, KiB)."""
    wall, rss, _ = timed(cmd, stdout=stdout)
    return dict(wall=wall, rss=rss)
