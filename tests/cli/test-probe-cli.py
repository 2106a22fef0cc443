#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim probe`.

usage: test-probe-cli.py GMCSIM          flags and usage errors (TAP output)
       test-probe-cli.py --real GMCSIM   the real probe on this machine
                                         (exit 0 pass, 1 fail, 77 skip)

The real probe needs no GPU: it must exit 0 and report what is there. Its
answer is checked against /sys/bus/pci/devices read directly (vendor,
device, class files), independently of libpciaccess. It skips (77) where
that directory does not exist or gmcsim was built without libpciaccess.
"""
import json
import os
import shlex
import subprocess
import sys

import tap
from tap import check
import tempfile

GMCSIM = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))
SYS_PCI = "/sys/bus/pci/devices"
SKIP = 77


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


def gmcsim(*args):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], capture_output=True, text=True,
                          check=False)
    return Result(proc)


def check_status(r, want, what):
    if r.status != want:
        raise AssertionError(f"{what}: exit {r.status}, expected {want}\n"
                             f"stdout: {r.out}\nstderr: {r.err}")


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def help_and_listing_in_help():
    r = gmcsim("probe", "--help")
    check_status(r, 0, "--help")
    check("--capture BUS" in r.out and "--read-registers" in r.out, r.out)
    check("read-only" in r.out, r.out)
    r = gmcsim("--help")
    check("probe" in r.out, r.out)


@test
def usage_errors():
    with tempfile.TemporaryDirectory(prefix="gmcsim-probe-") as tmp:
        f = os.path.join(tmp, "p.json")
        for args in (
            ["--output", f],
            ["--read-registers"],
            ["--gc", "9.4.3"],
            ["--capture", "0000:43:00.0"],
            ["--capture", "0000:43:00.0", "--output", f, "--json"],
            ["--capture", "0000:43:00.0", "--output", f, "--gc", "9.4.3", "--read-registers"],
            ["--capture", "0000:43:00.0", "--output", f, "--gc", "nine"],
            ["--capture", "0000:43:00.0", "--output", f, "--vram-size", "12345"],
            ["--capture", "0000:43:00.0", "--output", f, "--name", "no spaces"],
            ["--capture", "not-a-bus", "--output", f],
            ["--capture", "0000:43:20.0", "--output", f],
            ["extra"],
            ["--bogus"],
        ):
            r = gmcsim("probe", *args)
            check_status(r, 2, f"probe {args}")
            check(r.err.startswith("gmcsim probe: EINVAL"), r.err)
            check(not os.path.exists(f), "nothing written")


def sysfs_devices():
    """{bus: (vendor, device, class)} read straight from sysfs."""
    devs = {}
    for bus in os.listdir(SYS_PCI):
        vals = []
        for attr in ("vendor", "device", "class"):
            with open(os.path.join(SYS_PCI, bus, attr), encoding="ascii") as f:
                vals.append(int(f.read().strip(), 16))
        devs[bus] = tuple(vals)
    return devs


def is_amd_gpu(ids):
    vendor, _, cls = ids
    # display (0x03) or processing accelerator (0x12), as amdgpu's pciidlist catch-alls
    return vendor == 0x1002 and (cls >> 16) in (0x03, 0x12)


def real():
    if not os.path.isdir(SYS_PCI):
        print(f"skip: {SYS_PCI} does not exist here")
        return SKIP
    r = gmcsim("probe")
    if r.status == 2 and "built without libpciaccess" in r.err:
        print("skip: gmcsim was built without libpciaccess")
        return SKIP
    check_status(r, 0, "gmcsim probe")
    devs = sysfs_devices()
    gpus = sorted(b for b, ids in devs.items() if is_amd_gpu(ids))
    others = sorted(b for b in devs if b not in gpus)
    print(r.out, end="")
    if not gpus:
        lines = r.out.splitlines()
        check(lines[0].startswith("No AMD GPU"), lines[0])
        check(f"among {len(devs)} PCI function" in lines[0], lines[0])
        for bus in others:
            v, d, c = devs[bus]
            check(f"{bus}  {v:04x}:{d:04x}  class {c:06x}" in r.out, f"{bus} not listed")
    else:
        check(r.out.startswith(f"{len(gpus)} AMD GPU function"), r.out.splitlines()[0])
        for bus in gpus:
            check(f"\n{bus}  " in r.out, f"{bus} not listed")

    r = gmcsim("probe", "--json")
    check_status(r, 0, "gmcsim probe --json")
    doc = json.loads(r.out)
    check(doc["sysfs_root"] == SYS_PCI, doc["sysfs_root"])
    check(sorted(g["bus"] for g in doc["gpus"]) == gpus, "the GPUs are the AMD display functions")
    check(sorted(o["bus"] for o in doc["others"]) == others, "every other function is listed")
    for entry in doc["gpus"] + doc["others"]:
        v, d, c = devs[entry["bus"]]
        check(int(entry["vendor"], 16) == v and int(entry["device"], 16) == d,
              f"{entry['bus']}: ids")
        check(int(entry["class"], 16) == c, f"{entry['bus']}: class")

    # capturing something that is not an AMD GPU, or nothing: refused, nothing written
    with tempfile.TemporaryDirectory(prefix="gmcsim-probe-") as tmp:
        f = os.path.join(tmp, "p.json")
        if others:
            r = gmcsim("probe", "--capture", others[0], "--output", f)
            check_status(r, 1, f"capture {others[0]}")
            check("not an AMD GPU" in r.err, r.err)
        free = next(f"0000:ff:1f.{n}" for n in range(8) if f"0000:ff:1f.{n}" not in devs)
        r = gmcsim("probe", "--capture", free, "--output", f)
        check_status(r, 1, f"capture {free}")
        check("no PCI function" in r.err, r.err)
        check(not os.path.exists(f), "nothing written")
    return 0


def main():
    global GMCSIM
    if len(sys.argv) == 3 and sys.argv[1] == "--real":
        GMCSIM = sys.argv[2]
        try:
            return real()
        except AssertionError as e:
            print(f"FAIL: {e}")
            return 1
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
