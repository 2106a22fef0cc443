#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scan a real amdgpu tree against the built-in catalog: recall, the
differences, the new candidates, and the time it took (suite 'kernel', and
the measuring script of docs/performance.md).

usage: test-scan-kernel.py GMCSIM [SPATCH]

  GMCSIM_KERNEL_TREE        the tree (a kernel top or its drivers/gpu/drm/amd);
                            without it the test exits 77 (a skip)
  GMCSIM_SCAN_JOBS          spatch processes (default 2, the issue's 2 cores)
  GMCSIM_KERNEL_MIN_RECALL  the least recall that passes (default 0.95: the
                            lower of docs/scan.md's figures, 95.5 % on 6.17,
                            rounded down)
  GMCSIM_KERNEL_MAX_SECONDS fail when the scan takes longer (default: report only;
                            the time depends on the machine and its load)

Recall is the share of scannable built-in sites found with their create hook,
domain and kept address in agreement (docs/scan.md "Measured").
"""
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time


def main():
    gmcsim = sys.argv[1]
    spatch = (sys.argv[2] if len(sys.argv) > 2 else "") or shutil.which("spatch") or ""
    tree = os.environ.get("GMCSIM_KERNEL_TREE")
    if not tree:
        print("GMCSIM_KERNEL_TREE is not set: nothing to scan (skip)")
        return 77
    if not spatch:
        print("no spatch (Coccinelle) was found at configure time (skip)")
        return 77
    jobs = os.environ.get("GMCSIM_SCAN_JOBS", "2")
    min_recall = float(os.environ.get("GMCSIM_KERNEL_MIN_RECALL", "0.95"))
    max_seconds = os.environ.get("GMCSIM_KERNEL_MAX_SECONDS")

    # compare with the catalog's facts of the tree's own kernel where the catalog models it
    kernel = []
    try:
        mk = open(os.path.join(tree, "Makefile")).read()
        ver = "%s.%s" % (re.search(r"^VERSION = (\d+)", mk, re.M).group(1),
                         re.search(r"^PATCHLEVEL = (\d+)", mk, re.M).group(1))
        if ver in ("6.12", "6.17", "6.18"):
            kernel = ["--kernel", ver]
    except (OSError, AttributeError):
        pass

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    r = subprocess.run([gmcsim, "scan", "--json", "--jobs", jobs, "--spatch", spatch, *kernel,
                        tree],
                       capture_output=True, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode not in (0, 1):
        print(f"gmcsim scan exited {r.returncode}: {r.stderr}")
        return 1
    rep = json.loads(r.stdout)
    cmp = rep["comparison"]
    recall = cmp["recovered"] / cmp["scannable"] if cmp["scannable"] else 0.0

    print(f"tree     {rep['tree']['dir']} (Linux {rep['tree']['version']})")
    print(f"files    {rep['files']['parsed']} of {rep['files']['c']} .c files parsed in "
          f"{rep['files']['rounds']} rounds, {rep['files']['spatch_runs']} spatch processes")
    print(f"time     {wall:.1f} s wall, {cpu:.1f} s CPU (user+sys of gmcsim and spatch), "
          f"--jobs {jobs}, load average {os.getloadavg()[0]:.1f}")
    print(f"counts   {cmp['counts']}")
    print(f"recall   {cmp['recovered']} of {cmp['scannable']} = {100 * recall:.1f} %")
    for row in cmp["rows"]:
        if row["status"] == "differing":
            for f in row["facts"]:
                if f["verdict"] == "differ":
                    print(f"differ   {row['block']}/{row['site']} {f['key']}: "
                          f"catalog {f['catalog']}; tree {f['tree']}")
        elif row["status"] == "missing":
            print(f"missing  {row['block']}/{row['site']}: {row['why']}")
    for row in cmp["rows"]:
        if row["status"] == "new":
            s = rep["sites"][row["scanned"]]
            print(f"new      {s['block']}/{s['name']} {s['file']}:{s['line']} {s['function']}")
    missed = [p for p in rep["problems"] if p["missed"]]
    for p in missed:
        print(f"missed   {p['file']}: {p['what']}")
    print(f"gave up  {len(rep['gave_up'])} indirect calls")

    if recall < min_recall:
        print(f"FAIL: recall {recall:.3f} is below {min_recall}")
        return 1
    if max_seconds and wall > float(max_seconds):
        print(f"FAIL: {wall:.1f} s is above {max_seconds} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
