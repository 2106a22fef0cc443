#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim profile import`. TAP output.

usage: test-import-cli.py GMCSIM DATA_DIR

DATA_DIR is tests/data: the sysfs copies under sysfs/probe/ and the UMR logs
under umr/. Every profile an import writes must load into
`gmcsim check --from FILE --to FILE`. Expected register values are the ones
the fixtures hold (gc943-vf-node2's registers of docs/profiles.md); the byte
addresses are (base_addr[BASE_IDX] + dword) * 4, worked out next to the tests.
Set GMCSIM_WRAPPER (e.g. "valgrind -q --error-exitcode=99") to run every
gmcsim invocation under a tool.
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
DATA = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))
TMP = None

# gc943-vf-node2's registers (docs/profiles.md, built-in profiles table)
NODE2_REGS = {"fb_location_base": "0x1000", "fb_location_top": "0xcfbf", "fb_offset": "0x0",
              "xgmi_lfb_cntl": "0x72", "xgmi_lfb_size": "0x17f8"}


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


def sysfs(bus):
    return os.path.join(DATA, "sysfs", "probe", bus)


def umr(name):
    return os.path.join(DATA, "umr", name)


def out(name):
    return os.path.join(TMP, name)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_loads(a, b=None, want=(0, 1)):
    """`gmcsim check --from A --to B`: 0 or 1 (findings), never 2 (a refused profile)."""
    r = gmcsim("check", "--from", a, "--to", b or a)
    check(r.status in want, f"check --from {a} --to {b or a}: exit {r.status}\n{r.err}")
    check("EINVAL" not in r.err, f"check refused a profile: {r.err}")
    return r


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def umr_and_sysfs():
    r = gmcsim("profile", "import", "--umr-log", umr("gc943-vf-node2.log"),
               "--sysfs", sysfs("0000:43:00.0"), "--name", "node2", "--output", out("node2.json"))
    check_status(r, 0, "import")
    # the bases of the sysfs copy place every register by address
    check(r.out.count("by address") == 5, r.out)
    check("unused: line 7" in r.out and "GC copy" in r.out, r.out)
    p = load(out("node2.json"))
    check(p["name"] == "node2", p["name"])
    check(p["gc"] == "9.4.3", p["gc"])
    check(p["sriov"] is True and p["pci"]["vf"] is True, "a VF: the copy has physfn")
    # mem_info_vram_total 102810779648 = 0x17f0000000
    check(p["vram_size"] == "0x17f0000000", p["vram_size"])
    check(p["regs"] == NODE2_REGS, p["regs"])
    check(p["pci"]["device"] == "0x74b5" and p["pci"]["bus"] == "0000:43:00.0", p["pci"])
    check([b["index"] for b in p["pci"]["bars"]] == [0, 2, 5], p["pci"]["bars"])
    check([b["role"] for b in p["pci"]["bars"]] == ["vram", "doorbell", "mmio"], p["pci"]["bars"])
    check(p["identity"]["fru_id"] == "113-M3000100-102", p["identity"])
    check_status(gmcsim("profile", "show", out("node2.json")), 0, "profile show")


@test
def node_change_pair_is_checked():
    r = gmcsim("profile", "import", "--umr-log", umr("gc943-vf-node5.log"),
               "--sysfs", sysfs("0000:43:00.0"), "--name", "node5", "--output", out("node5.json"))
    check_status(r, 0, "import node 5")
    check(load(out("node5.json"))["regs"]["xgmi_lfb_cntl"] == "0x75", "node 5")
    if not os.path.exists(out("node2.json")):
        umr_and_sysfs()
    # a new XGMI node id under an unfixed driver: findings, exit 1
    r = check_loads(out("node2.json"), out("node5.json"), want=(1,))
    check("node2 -> node5" in r.out, r.out)


@test
def sysfs_only_pf():
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:03:00.0"), "--output", out("v20.json"))
    check_status(r, 0, "import")
    # 0x66a1 is an explicit Vega20 id; no ip_discovery in this copy
    check("vega20 (GC 9.4.0 from device id)" in r.out, r.out)
    p = load(out("v20.json"))
    check(p["name"] == "import-0000-03-00.0", p["name"])
    check(p["sriov"] is False, "a PF")
    # 34342961152 bytes = 32752 MiB
    check(p["vram_size"] == "0x7ff000000", p["vram_size"])
    check([b["role"] for b in p["pci"]["bars"]] == ["vram", "doorbell", "other", "mmio"],
          p["pci"]["bars"])
    check(all(v == "0x0" for v in p["regs"].values()), "no registers from sysfs alone")
    check_loads(out("v20.json"))


@test
def umr_only_to_stdout():
    r = gmcsim("profile", "import", "--umr-log", umr("gc943-vf-node2.log"), "--gc", "9.4.3",
               "--sriov")
    check_status(r, 0, "import")
    p = json.loads(r.out)  # the profile alone on stdout; the report went to stderr
    check(p["regs"] == NODE2_REGS, p["regs"])
    # RCC_CONFIG_MEMSIZE 0x17f00 MiB
    check(p["vram_size"] == "0x17f0000000", p["vram_size"])
    check(p["sriov"] is True, "--sriov")
    check("by name and hub" in r.err, r.err)
    path = out("umr-only.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(r.out)
    check_loads(path)


@test
def envdef_by_name_and_by_address():
    r = gmcsim("profile", "import", "--umr-log", umr("vega10.envdef"), "--gc", "9.0.1",
               "--vram-size", "8G", "--output", out("vega10.json"))
    check_status(r, 0, "by name")
    check(r.out.count("by name") == 3, r.out)
    check(load(out("vega10.json"))["regs"]["fb_offset"] == "0x40", "fb_offset")
    check_loads(out("vega10.json"))
    # (0x2000 + 0x96b) * 4 = 0xA5AC; (0x1A000 + 0x82c) * 4 = 0x6A0B0
    r = gmcsim("profile", "import", "--umr-log", umr("vega10.envdef"), "--gc", "9.0.1",
               "--vram-size", "8G", "--ip-base", "GC=0x2000", "--ip-base", "mmhub=0x1a000",
               "--output", out("vega10b.json"))
    check_status(r, 0, "by address")
    check(r.out.count("by address") == 3, r.out)
    check("MC_VM_FB_OFFSET at 0xa5ac" in r.out, r.out)


@test
def missing_registers():
    r = gmcsim("profile", "import", "--umr-log", umr("gc943-missing.log"), "--gc", "9.4.3",
               "--vram-size", "98048M", "--output", out("missing.json"))
    check_status(r, 1, "missing")
    check("MISSING: no line reads MC_VM_XGMI_LFB_CNTL" in r.out, r.out)
    check("MC_VM_XGMI_LFB_SIZE" in r.out, r.out)
    check("--allow-missing" in r.err, r.err)
    check(not os.path.exists(out("missing.json")), "nothing written")
    r = gmcsim("profile", "import", "--umr-log", umr("gc943-missing.log"), "--gc", "9.4.3",
               "--vram-size", "98048M", "--allow-missing", "--output", out("missing.json"))
    check_status(r, 0, "--allow-missing")
    check(load(out("missing.json"))["regs"]["xgmi_lfb_cntl"] == "0x0", "written as 0")
    check_loads(out("missing.json"))


@test
def part_unknown_or_not_modelled():
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:44:00.0"))
    check_status(r, 1, "unknown part")
    check("give --gc" in r.err and "0x74a1" in r.err, r.err)
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:44:00.0"), "--gc", "9.4.3")
    check_status(r, 1, "no VRAM size")
    check("--vram-size" in r.err, r.err)
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:44:00.0"), "--gc", "9.4.3",
               "--vram-size", "64G", "--output", out("gc-user.json"))
    check_status(r, 0, "--gc completes it")
    check("from command line" in r.out, r.out)
    check_loads(out("gc-user.json"))
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:46:00.0"))
    check_status(r, 1, "not modelled")
    check("11.0.3" in r.err and "not a modelled part" in r.err, r.err)
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:43:00.0"), "--gc", "9.4.4")
    check_status(r, 1, "--gc disagrees with ip_discovery")
    check("disagrees" in r.err and "9.4.3" in r.err, r.err)
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:03:00.0"), "--sriov")
    check_status(r, 1, "--sriov on a PF")
    check("physfn" in r.err, r.err)


@test
def bad_inputs():
    bad_log = out("bad.log")
    with open(bad_log, "w", encoding="utf-8") as f:
        f.write("; fine\nMMIO@0x6e9c = { 0x0 } ; gc_9_4_3.regMC_VM_FB_OFFSET\n"
                "MMIO@0x6e9c { 0x0 }\n")
    r = gmcsim("profile", "import", "--umr-log", bad_log, "--gc", "9.4.3")
    check_status(r, 1, "malformed log")
    check("line 3" in r.err, r.err)
    r = gmcsim("profile", "import", "--umr-log", out("no-such.log"), "--gc", "9.4.3")
    check_status(r, 2, "unreadable log")
    r = gmcsim("profile", "import", "--sysfs", sysfs("0000:99:00.0"))
    check_status(r, 2, "unreadable sysfs copy")
    check("0000:99:00.0" in r.err, r.err)


@test
def usage_errors():
    for args in (
        [],
        ["--gc", "9.4.3"],
        ["--umr-log", umr("vega10.envdef")],
        ["--umr-log", umr("vega10.envdef"), "--gc", "vega10"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.9.9"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.0.1", "--ip-base", "GC"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.0.1", "--ip-base", "SDMA=0x1"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.0.1", "--ip-base", "GC=0x1,zz"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.0.1", "--vram-size", "1000"],
        ["--umr-log", umr("vega10.envdef"), "--gc", "9.0.1", "--name", "a b"],
        ["--sysfs", sysfs("0000:03:00.0"), "--ip-base", "GC=0x2000"],
        ["--sysfs", sysfs("0000:03:00.0"), "--allow-missing"],
        ["--sysfs", sysfs("0000:03:00.0"), "extra"],
        ["--sysfs", sysfs("0000:03:00.0"), "--bogus"],
    ):
        r = gmcsim("profile", "import", *args)
        check_status(r, 2, f"profile import {args}")
        check(r.err.startswith("gmcsim profile import: E"), r.err)
    r = gmcsim("profile", "import", "--help")
    check_status(r, 0, "--help")
    check("--umr-log" in r.out, r.out)
    r = gmcsim("profile", "--help")
    check("import" in r.out, r.out)


def main():
    global GMCSIM, DATA, TMP
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM, DATA = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="gmcsim-import-") as tmp:
        TMP = tmp
        return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
