#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim profile` (list, show, pairs). TAP output.

usage: test-profile-cli.py GMCSIM

The expectations come from docs/profiles.md (the built-in profiles and pairs,
the format, its rules and the round trip) and gmc-address-math.md §2 / §9
(XGMI node numbers and the worked examples' layouts); none is copied from
gmcsim's own output. Set GMCSIM_WRAPPER (e.g. "valgrind -q
--error-exitcode=99") to run every gmcsim invocation under a tool.
"""
import json
import os
import re
import shlex
import subprocess
import sys

import tap
from tap import check, check_eq
import tempfile

GMCSIM = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))

GIB, MIB = 1 << 30, 1 << 20


def xgmi(cntl):
    """§2: PF_MAX_REGION = (cntl & 0x70) >> 4 -> that + 1 nodes; PF_LFB_REGION = cntl & 7."""
    return {"node": cntl & 7, "nodes": ((cntl & 0x70) >> 4) + 1}


# docs/profiles.md "Built-in profiles": name -> (asic, gc, sriov, connected_to_cpu,
# xgmi (from LFB_CNTL) or None, vram_size)
PROFILES = {
    "gc944-vf-node2": ("gc944", "9.4.4", True, False, xgmi(0x72), 0x17_F000_0000),
    "gc944-vf-node5": ("gc944", "9.4.4", True, False, xgmi(0x75), 0x17_F000_0000),
    "gc944-vf-node2-otherid": ("gc944", "9.4.4", True, False, xgmi(0x72), 0x17_F000_0000),
    "gc944-vf-node2-otherbar": ("gc944", "9.4.4", True, False, xgmi(0x72), 0x17_F000_0000),
    "gc943-vf-node2": ("gc943", "9.4.3", True, False, xgmi(0x72), 0x17_F000_0000),
    "gc943-vf-node5": ("gc943", "9.4.3", True, False, xgmi(0x75), 0x17_F000_0000),
    "vega20-node1": ("vega20", "9.4.0", False, False, xgmi(0x31), 32752 * MIB),
    "vega20-node3": ("vega20", "9.4.0", False, False, xgmi(0x33), 32752 * MIB),
    "aldebaran-a-a-node2": ("aldebaran", "9.4.2", False, True, xgmi(0x72), 64 * GIB),
    "aldebaran-a-a-node5": ("aldebaran", "9.4.2", False, True, xgmi(0x75), 64 * GIB),
    "navi21-vf-a": ("sienna_cichlid", "10.3.0", True, False, None, 15 * GIB),
    "navi21-vf-b": ("sienna_cichlid", "10.3.0", True, False, None, 15 * GIB),
    # issue 10: a multi-VF twin of the gc944 pair, a GC 9.5.0 pair (288 GiB = 0x4800 x 16 MiB
    # per node) and a GC 11 VF pair (no XGMI on gmc v11)
    "gc944-mvf-node2": ("gc944", "9.4.4", True, False, xgmi(0x72), 0x17_F000_0000),
    "gc944-mvf-node5": ("gc944", "9.4.4", True, False, xgmi(0x75), 0x17_F000_0000),
    "gc950-vf-node2": ("gc950", "9.5.0", True, False, xgmi(0x72), 288 * GIB),
    "gc950-vf-node5": ("gc950", "9.5.0", True, False, xgmi(0x75), 288 * GIB),
    "gc1100-vf-a": ("gc1100", "11.0.0", True, False, None, 15 * GIB),
    "gc1100-vf-b": ("gc1100", "11.0.0", True, False, None, 15 * GIB),
}
assert xgmi(0x72) == {"node": 2, "nodes": 8} and xgmi(0x31) == {"node": 1, "nodes": 4}

# docs/profiles.md "Pairs": (name, from, to, changes), in the documented order
PAIRS = [
    ("gc944-node2-to-node5", "gc944-vf-node2", "gc944-vf-node5", "xgmi node id"),
    ("gc944-multi-vf-node2-to-node5", "gc944-mvf-node2", "gc944-mvf-node5",
     "xgmi node id, multi-VF"),
    ("gc943-node2-to-node5", "gc943-vf-node2", "gc943-vf-node5", "xgmi node id"),
    ("gc950-node2-to-node5", "gc950-vf-node2", "gc950-vf-node5", "xgmi node id"),
    ("gc1100-fb-location", "gc1100-vf-a", "gc1100-vf-b", "FB location only"),
    ("vega20-node1-to-node3", "vega20-node1", "vega20-node3", "xgmi node id"),
    ("aldebaran-a-a-node2-to-node5", "aldebaran-a-a-node2", "aldebaran-a-a-node5",
     "xgmi node id"),
    ("navi21-fb-offset", "navi21-vf-a", "navi21-vf-b", "mc_fb_offset only"),
    ("gc944-identity", "gc944-vf-node2", "gc944-vf-node2-otherid", "identity values only"),
    ("gc944-bars", "gc944-vf-node2", "gc944-vf-node2-otherbar", "BAR addresses only"),
]


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


def gmcsim(*args, stdin=None):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], input=stdin, capture_output=True,
                          text=True, check=False)
    return Result(proc)


def check_one_error_line(r, verb, status, needles, what):
    check_eq(r.status, status, f"{what}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.out, "", f"{what}: nothing on stdout")
    check(re.fullmatch(rf"gmcsim profile{' ' + verb if verb else ''}: E[A-Z0-9]+: [^\n]+\n",
                       r.err) is not None,
          f"{what}: stderr should be one 'gmcsim profile {verb}: ERRNO: ...' line: {r.err!r}")
    for needle in needles:
        check(needle in r.err, f"{what}: the message should name {needle!r}: {r.err!r}")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def show_json(name):
    r = gmcsim("profile", "show", name, "--json")
    check_eq(r.status, 0, f"profile show {name} --json ({r.err.strip()!r})")
    return r


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def help_and_usage():
    for args in (["profile", "--help"], ["help", "profile"]):
        r = gmcsim(*args)
        check_eq(r.status, 0, f"{args}")
        for verb in ("list", "show", "pairs"):
            check(verb in r.out, f"{args}: help names {verb}")
    for args, verb, needle in ((["profile", "frobnicate"], "", "frobnicate"),
                               (["profile", "list", "extra"], "list", "extra"),
                               (["profile", "pairs", "extra"], "pairs", "extra"),
                               (["profile", "show"], "show", "profile"),
                               (["profile", "show", "a", "b"], "show", "b"),
                               (["profile", "list", "--bogus"], "list", "--bogus")):
        check_one_error_line(gmcsim(*args), verb, 2, [needle], f"{args}")
    r = gmcsim("profile")
    check_eq(r.status, 2, "profile without an action")
    check("Usage" in r.err and r.out == "", "usage on stderr")


@test
def list_table():
    r = gmcsim("profile", "list")
    check_eq(r.status, 0, f"exit ({r.err!r})")
    lines = r.out.splitlines()
    check_eq(lines[0].split()[:6], ["NAME", "PART", "SRIOV", "XGMI", "VRAM", "DESCRIPTION"],
             "header")
    rows = {line.split()[0]: line for line in lines[1:] if line.strip()}
    check_eq(sorted(rows), sorted(PROFILES), "the 18 built-ins")
    for name, (asic, gc, sriov, _cpu, x, _vram) in PROFILES.items():
        line = rows[name]
        check(f"{asic} (GC {gc})" in line, f"{name}: part {asic} (GC {gc}): {line!r}")
        m = re.match(r"\S+\s+\S+ \(GC [\d.]+\)\s+(yes|no)\s+(\S+)\s", line)
        check(m is not None, f"{name}: row shape: {line!r}")
        check_eq(m.group(1), "yes" if sriov else "no", f"{name}: SRIOV")
        check_eq(m.group(2), f"{x['node']}/{x['nodes']}" if x else "-", f"{name}: XGMI")


@test
def list_json():
    r = gmcsim("profile", "list", "--json")
    check_eq(r.status, 0, f"exit ({r.err!r})")
    arr = r.json()
    check(isinstance(arr, list), "a JSON array")
    check_eq(len(arr), len(PROFILES), "18 built-ins")
    by_name = {p["name"]: p for p in arr}
    check_eq(sorted(by_name), sorted(PROFILES), "names")
    for name, (asic, gc, sriov, cpu, x, vram) in PROFILES.items():
        p = by_name[name]
        check_eq(list(p), ["name", "asic", "gc", "sriov", "connected_to_cpu", "xgmi",
                           "vram_size", "description"], f"{name}: keys")
        check_eq([p["asic"], p["gc"], p["sriov"], p["connected_to_cpu"], p["xgmi"]],
                 [asic, gc, sriov, cpu, x], f"{name}: part, mode, XGMI")
        check_eq(int(p["vram_size"], 16), vram, f"{name}: vram_size")
        check(p["description"], f"{name}: a description")


@test
def show_json_round_trips_through_a_file():
    with tempfile.TemporaryDirectory() as tmp:
        for name in PROFILES:
            text = show_json(name).out
            obj = json.loads(text)
            check_eq(obj["name"], name, f"{name}: name")
            path = os.path.join(tmp, name + ".json")
            write(path, text)
            again = show_json(path).out
            check_eq(again, text, f"profile show FILE --json == show {name} --json")
            # '-' reads standard input
            r = gmcsim("profile", "show", "-", "--json", stdin=text)
            check_eq([r.status, r.out], [0, text], f"{name} through standard input")
        # docs/profiles.md "From a built-in": change the name, load it back
        obj = json.loads(show_json("gc944-vf-node2").out)
        obj["name"] = "my-vgpu"
        obj["regs"]["xgmi_lfb_cntl"] = "0x73"
        path = os.path.join(tmp, "my.json")
        write(path, json.dumps(obj))
        mine = json.loads(show_json(path).out)
        check_eq([mine["name"], mine["regs"]["xgmi_lfb_cntl"]], ["my-vgpu", "0x73"], "edited")
        # the text form of a file works too
        r = gmcsim("profile", "show", path)
        check_eq(r.status, 0, f"profile show FILE ({r.err!r})")
        check(r.out.startswith("Profile my-vgpu\n"), f"text names the profile: {r.out[:40]!r}")
        # a minimal hand-written profile: name, gc and vram_size only; defaults filled in
        path = os.path.join(tmp, "minimal.json")
        write(path, json.dumps({"name": "tiny", "gc": "10.3.0", "vram_size": "0x400000000"}))
        mine = json.loads(show_json(path).out)
        check_eq([mine["name"], mine["gc"], mine["sriov"], mine["vram_size"]],
                 ["tiny", "10.3.0", False, "0x400000000"], "minimal: what was given")
        # the documented defaults: gart_size_mb -1, agp -1, vramlimit none (2^32 - 1),
        # registers 0, visible_vram_size "all" when there is no vram BAR
        check_eq([mine["params"]["gart_size_mb"], mine["params"]["agp"],
                  mine["params"]["vramlimit_mb"], mine["params"]["visible_vram_size"],
                  int(mine["regs"]["fb_offset"], 16), mine["pci"]["bars"]],
                 [-1, -1, 4294967295, "all", 0, []], "minimal: defaults spelled out")


@test
def show_text_gc944():
    # gc944-vf-node2 = §9 Example 4's boot node: registers at the gfxhub_v1_2 / mmhub_v1_8
    # offsets (docs/profiles.md register table), migrate layout, vram_base_offset 2 * seg
    r = gmcsim("profile", "show", "gc944-vf-node2")
    check_eq(r.status, 0, f"exit ({r.err!r})")
    check(r.out.startswith("Profile gc944-vf-node2\n"), "first line")
    for reg, hub, dword, value in (("fb_location_base", "MMHUB", 0x0C9C, 0x1000),
                                   ("fb_location_top", "MMHUB", 0x0C9D, 0xCFBF),
                                   ("fb_offset", "GC", 0x0947, 0),
                                   ("xgmi_lfb_cntl", "GC", 0x0957, 0x72),
                                   ("xgmi_lfb_size", "GC", 0x0958, 0x17F8)):
        check(re.search(rf"^\s+{reg}\s+{hub}\s+0\s+0x{dword:04x}\s+0x{value:08x}$", r.out, re.M),
              f"register row {reg} {hub} 0x{dword:04x} = 0x{value:08x}")
    check(re.search(r"sysvm-migrate", r.out), "migrate layout")
    check(re.search(rf"^vram_base_offset\s+0x{2 * (0x17F8 << 24):016x}$", r.out, re.M),
          "vram_base_offset = 2 * 0x17_F800_0000")
    check(re.search(r"^vram_start\s+0x0{16}$", r.out, re.M), "migrate: vram_start 0")
    check(re.search(r"virtual function", r.out), "PCI: a virtual function")


@test
def show_names_the_facts_conditions_read():
    # issue 10: profiles carry what the catalog's conditions read, with the part's
    # defaults (part-facts.md): GC 9.4.4 pairs with MP0/MP1 13.0.14 (catalog-audit.md §4
    # L1) and VCN/JPEG 4.0.3, has no display hardware (no DCE), 8 XCCs and a VCN per AID
    # (4), VCN_DPG on bare metal (soc15_common_early_init); loads through PSP; a VF runs
    # with MCBP (amdgpu_device_set_mcbp); one-VF mode is the profile's statement
    want = {
        "gc944-vf-node2": ({"mp0": "13.0.14", "mp1": "13.0.14", "vcn": "4.0.3", "jpeg": "4.0.3",
                            "display": False, "xcc": 8, "vcn_inst": 4, "pg": ["vcn_dpg"]},
                           {"fw_load": "psp", "one_vf": True, "params": ["mcbp"], "host": []}),
        # one CPX partition in multi-VF mode (its description)
        "gc944-mvf-node2": ({"mp0": "13.0.14", "mp1": "13.0.14", "vcn": "4.0.3",
                             "jpeg": "4.0.3", "display": False, "xcc": 1, "vcn_inst": 1,
                             "pg": ["vcn_dpg"]},
                            {"fw_load": "psp", "one_vf": False, "params": ["mcbp"], "host": []}),
    }
    for name, (ip, driver) in want.items():
        doc = json.loads(show_json(name).out)
        check_eq({k: doc["ip"][k] for k in ip}, ip, f"{name}: ip")
        check_eq({k: doc["driver"][k] for k in driver}, driver, f"{name}: driver")
    # the text form shows the same facts (issue 10: "shown by gmcsim profile show")
    text = gmcsim("profile", "show", "gc944-vf-node2").out
    for line in ("MP0 (PSP)           13.0.14", "MP1 (SMU)           13.0.14",
                 "VCN / JPEG          4.0.3 / 4.0.3, 4 VCN instances", "XCCs                8",
                 "display hardware    no", "firmware load       psp",
                 "VF mode             one-VF (PP_ONE_VF)", "module parameters   mcbp"):
        check(line in text.splitlines(), f"text: {line!r}")
    text = gmcsim("profile", "show", "gc944-mvf-node2").out
    for line in ("XCCs                1", "VF mode             multi-VF"):
        check(any(l.startswith(line) for l in text.splitlines()), f"mvf text: {line!r}")


@test
def pairs_table_and_json():
    r = gmcsim("profile", "pairs")
    check_eq(r.status, 0, f"exit ({r.err!r})")
    lines = [line for line in r.out.splitlines() if line.strip()]
    check_eq(lines[0].split(), ["NAME", "FROM", "TO", "CHANGES"], "header")
    check_eq(len(lines) - 1, len(PAIRS), "10 pairs")
    check_eq([tuple(line.split(None, 3)) for line in lines[1:]], PAIRS, "the documented pairs")
    r = gmcsim("profile", "pairs", "--json")
    check_eq(r.status, 0, "pairs --json")
    check_eq([(p["name"], p["from"], p["to"], p["changes"]) for p in r.json()], PAIRS,
             "pairs --json")
    # every pair's profiles are built-ins
    for _, a, b, _ in PAIRS:
        check(a in PROFILES and b in PROFILES, f"{a}, {b} are built-ins")


@test
def unknown_profile_exits_1():
    for name in ("nosuch", "gc944-vf-node9", "./gc944-vf-node2"):
        r = gmcsim("profile", "show", name)
        check_one_error_line(r, "show", 1, [name], f"show {name}")
        r = gmcsim("profile", "show", name, "--json")
        check_one_error_line(r, "show", 1, [name], f"show {name} --json")


@test
def agp_other_values_load_and_mean_off():
    # amdgpu.agp is an int with no range check and only 1 enables AGP (gmc-address-math.md
    # §1.2, §4.4): a profile may hold 2 or -5; it loads, keeps the value, and its layout has
    # AGP disabled (vega20-node1 is bare metal, so agp 1 would place it). The layout's
    # warning says why.
    base = json.loads(show_json("vega20-node1").out)
    with tempfile.TemporaryDirectory() as tmp:
        for value in (2, -5):
            obj = json.loads(json.dumps(base))
            obj["params"]["agp"] = value
            path = os.path.join(tmp, f"agp{value}.json")
            write(path, json.dumps(obj))
            check_eq(json.loads(show_json(path).out)["params"]["agp"], value, f"agp {value} kept")
            r = gmcsim("profile", "show", path)
            check_eq(r.status, 0, f"show agp {value} ({r.err!r})")
            # amdgpu_gmc_set_agp_default(): 0xffff_ffff_ffff, 0, 0 (§4.4)
            check(re.search(r"^agp_start\s+0x0000ffffffffffff$", r.out, re.M), "agp_start off")
            check(re.search(r"^agp_size\s+0x0{16}\s+\(0 B, AGP disabled\)$", r.out, re.M),
                  "agp_size 0, disabled")
            check(f"warning: agp {value} is not -1, 0 or 1" in r.out, f"agp {value}: warning")


@test
def malformed_file_exits_1_naming_the_key():
    base = json.loads(show_json("gc944-vf-node2").out)
    with tempfile.TemporaryDirectory() as tmp:
        def variant(name, edit):
            obj = json.loads(json.dumps(base))
            edit(obj)
            path = os.path.join(tmp, name + ".json")
            write(path, json.dumps(obj))
            return path

        def set_(path, value):
            def edit(obj):
                *parents, last = path
                for p in parents:
                    obj = obj[p]
                obj[last] = value
            return edit

        def delete(key):
            return lambda obj: obj.pop(key)

        cases = [
            (variant("unknown-top", set_(["colour"], "red")), ["colour"]),
            (variant("unknown-bar", set_(["pci", "bars", 0, "colour"], "red")),
             ["pci.bars[0]", "colour"]),
            (variant("fb-offset-range", set_(["regs", "fb_offset"], "0x100000000")),
             ["regs.fb_offset"]),
            (variant("no-vram-size", delete("vram_size")), ["vram_size"]),
            (variant("vram-not-mib", set_(["vram_size"], "0x17f0000001")), ["vram_size"]),
            # RCC_CONFIG_MEMSIZE is a 32-bit count of MiB (peers-and-pci.md §2.3)
            (variant("vram-1000000", set_(["vram_size"], 1000000)),
             ["vram_size", "whole number of MiB"]),
            (variant("vram-2-52", set_(["vram_size"], "0x10000000000000")),
             ["vram_size", "2^52"]),
            (variant("bad-gc", set_(["gc"], "9.9.9")), ["gc"]),
            (variant("bad-agp", set_(["params", "agp"], "two")), ["params.agp"]),
            # amdgpu.agp is an int: any int32 is a profile's, 2^31 is not
            (variant("big-agp", set_(["params", "agp"], 2147483648)), ["params.agp"]),
            (variant("bad-role", set_(["pci", "bars", 0, "role"], "frame")),
             ["pci.bars[0]", "role"]),
            (variant("bad-name", set_(["name"], "has space")), ["name"]),
            (variant("vf-not-sriov", set_(["sriov"], False)), ["vf"]),
            (variant("signed-int", set_(["regs", "fb_offset"], "+1")), ["regs.fb_offset"]),
        ]
        for path, needles in cases:
            for extra in ([], ["--json"]):
                r = gmcsim("profile", "show", path, *extra)
                check_one_error_line(r, "show", 1, needles, f"show {os.path.basename(path)}")
        # not JSON at all, and JSON with a trailing comma (strict RFC 8259)
        for name, text in (("truncated", '{"name": "x",'), ("trailing-comma",
                           '{"name": "x", "gc": "10.3.0", "vram_size": "0x400000000",}'),
                           ("empty", "")):
            path = os.path.join(tmp, name + ".json")
            write(path, text)
            check_one_error_line(gmcsim("profile", "show", path), "show", 1, [path],
                                 f"show {name}")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
