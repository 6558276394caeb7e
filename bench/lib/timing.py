"""Running a command and timing it: wall time and peak memory of one run, and the medians of
several (every figure the benchmark reports is a median of at least three runs).

The command is waited for with wait4(), which also gives its peak RSS (ru_maxrss, the same
figure as /usr/bin/time's %M); measure() samples its anonymous memory besides (memory.py)."""
import os
import statistics
import subprocess
import tempfile
import time

from .common import ROOT, die
from .memory import PeakSampler


def _run(cmd, stdout=None, stdin=None, sample=False):
    """(wall seconds, exit code, ru_maxrss KiB, stderr text, sampler or None)."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    with tempfile.TemporaryFile() as err:
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=stdin, cwd=ROOT)
            sampler = None
            if sample:
                sampler = PeakSampler(p.pid, cmd[0])
                sampler.start()
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
            if sampler:
                sampler.stop()
        finally:
            if stdout:
                out.close()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return wall, p.returncode, usage.ru_maxrss, text, sampler


def timed(cmd, stdout=None, stdin=None, check=True):
    """Run cmd: (wall seconds, peak RSS in KiB, stderr text)."""
    wall, code, rss, err, _ = _run(cmd, stdout=stdout, stdin=stdin)
    if check and code != 0:
        die("%s exited %d:\n%s" % (" ".join(cmd), code, err[-3000:]))
    return wall, rss, err


def measure(cmd, stdout=None):
    """One run of cmd, its output to the file `stdout`, memory sampled while it runs:
    {wall: seconds, anon: peak RssAnon KiB, rss: peak RSS (VmHWM) KiB, samples}."""
    wall, code, rss, err, s = _run(cmd, stdout=stdout, sample=True)
    if code != 0:
        die("%s exited %d:\n%s" % (" ".join(cmd), code, err[-3000:]))
    return dict(wall=wall, anon=s.anon, rss=max(rss, s.hwm), samples=s.samples)


def repeat(n, fn):
    """Call fn() n times; it returns (seconds, rss_kib, ...): medians of both, and all runs."""
    runs = [fn() for _ in range(n)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), runs
