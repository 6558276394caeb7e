"""Peak memory of a running command, read from /proc/PID/status while it runs.

Peak RSS (VmHWM, what /usr/bin/time and getrusage report) counts every resident page, the
pages of the store file SQLite maps among them: on a 2 GB store that is the file cache, not
memory the engine holds, and it grows with the store whatever the engine does. What the
engine itself holds is its anonymous memory (heap, stacks): RssAnon. The kernel keeps no
high-water mark of RssAnon, so it is sampled every ~10 ms and the largest sample kept.
"""
import os
import threading

INTERVAL = 0.01  # seconds between samples


def read_status(pid):
    """{field: KiB} of RssAnon, VmHWM and VmRSS, and the process's name; None once it is gone."""
    try:
        with open("/proc/%d/status" % pid, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return None
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "Name":
            out["Name"] = value.strip()
        elif key in ("RssAnon", "VmHWM", "VmRSS"):
            out[key] = int(value.split()[0])
    return out


class PeakSampler(threading.Thread):
    """Samples /proc/PID/status until stop(): peak RssAnon and VmHWM in KiB. Only samples of
    the command itself count (its name is the program's): between fork and exec the child
    still shows the Python parent's memory."""

    def __init__(self, pid, program):
        super().__init__(daemon=True)
        self.pid = pid
        self.comm = os.path.basename(program)[:15]  # the kernel's comm is at most 15 characters
        self.anon = 0
        self.hwm = 0
        self.samples = 0
        self._done = threading.Event()

    def run(self):
        while not self._done.is_set():
            s = read_status(self.pid)
            if s is not None and s.get("Name") == self.comm and "RssAnon" in s:
                self.samples += 1
                self.anon = max(self.anon, s["RssAnon"])
                self.hwm = max(self.hwm, s.get("VmHWM", 0))
            self._done.wait(INTERVAL)

    def stop(self):
        self._done.set()
        self.join()
