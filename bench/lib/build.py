"""The binaries measured: build/jiandu and build/jiandu-scan, built unless --no-build, and what
they were built from (commit, build type), so that a table says which code it timed."""
import datetime
import os
import re
import subprocess

from .common import ROOT, die, log


def build(build_dir, skip):
    jiandu = os.path.join(build_dir, "jiandu")
    scan = os.path.join(build_dir, "jiandu-scan")
    if not skip:
        if not os.path.exists(os.path.join(build_dir, "build.ninja")) and not os.path.exists(os.path.join(build_dir, "Makefile")):
            log("configuring %s (Release)" % build_dir)
            subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"],
                           check=True, stdout=subprocess.DEVNULL)
        log("building jiandu and jiandu-scan in %s" % build_dir)
        r = subprocess.run(["cmake", "--build", build_dir, "--target", "jiandu_cli", "jiandu_scan"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            die("build failed:\n" + r.stdout.decode()[-3000:])
    for p in (jiandu, scan):
        if not os.path.exists(p):
            die("%s is missing (build the targets jiandu_cli and jiandu_scan, or drop --no-build)" % p)
    build_type = "?"
    cache = os.path.join(build_dir, "CMakeCache.txt")
    if os.path.exists(cache):
        m = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", open(cache).read(), re.M)
        if m:
            build_type = m.group(1) or "(none)"
    return os.path.abspath(jiandu), os.path.abspath(scan), build_type




def provenance(jiandu):
    """(commit, built): HEAD at the start of the run, unless the binary is older than the last
    commit outside bench/ (a commit to the benchmark alone does not make the binary stale)."""
    def git(*a):
        return subprocess.run(["git"] + list(a), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT).stdout.decode().strip()
    commit = git("rev-parse", "--short", "HEAD") or "?"
    # the last commit that changed what the binary is built from (bench/ aside: not compiled in)
    code_time = int(git("log", "-1", "--format=%ct", "--", ".", ":(exclude)bench") or 0)
    built_at = os.path.getmtime(jiandu)
    if code_time and built_at < code_time:
        commit = "before %s (the binary predates the last commit outside bench/: rebuild, or drop --no-build)" % commit
    elif git("status", "--porcelain", "--", "engine"):
        commit += " with uncommitted changes to engine/"
    return commit, datetime.datetime.fromtimestamp(built_at).strftime("%Y-%m-%d %H:%M")
