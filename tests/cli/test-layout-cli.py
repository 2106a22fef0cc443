#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim`, `gmcsim layout` and `gmcsim asics`. TAP output.

usage: test-layout-cli.py GMCSIM

Every expected address below is derived by hand from the formulas and the
worked examples of gmc-address-math.md (section numbers cited); none is
copied from gmcsim's own output. Set GMCSIM_WRAPPER (e.g. "valgrind -q
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

# The documented key order of a successful result ("line" comes first in batch mode).
RESULT_KEYS = [
    "ok", "asic", "gc", "gmc", "mode", "physical_node_id", "num_physical_nodes",
    "fb_start", "fb_end", "vram_start", "vram_end", "mc_vram_size", "real_vram_size",
    "visible_vram_size", "gart_start", "gart_end", "gart_size", "agp_start", "agp_end",
    "agp_size", "vram_base_offset", "node_segment_size", "mc_mask", "bo",
]

# §3: gmc_v9_0_sw_init() sets a 48-bit mc_mask; §4.3: v10, v11, v12 too.
MC_MASK_48 = 0xFFFF_FFFF_FFFF
# §4.4 / §3 step 1: amdgpu_gmc_set_agp_default(): start 0xFFFF_FFFF_FFFF, end 0, size 0.
AGP_OFF = {"agp_start": 0xFFFF_FFFF_FFFF, "agp_end": 0, "agp_size": 0}
SZ_512M = 0x2000_0000  # default GART on these parts (§3, §5)


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out, object_pairs_hook=lambda pairs: dict(pairs))

    def json_keys(self):
        return json.loads(self.out, object_pairs_hook=lambda pairs: [k for k, _ in pairs])


def gmcsim(*args, stdin=None):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], input=stdin, capture_output=True,
                          text=True, check=False)
    return Result(proc)


def hx(value):
    """The JSON hex form gmcsim documents: lowercase, no padding."""
    return hex(value)


def check_fields(obj, want, what):
    """want: {key: int (compared as hex string) | str | int for numeric keys}"""
    for key, value in want.items():
        check(key in obj, f"{what}: key {key} missing")
        if key in ("gmc", "physical_node_id", "num_physical_nodes") or isinstance(value, str):
            check_eq(obj[key], value, f"{what}: {key}")
        else:
            check_eq(obj[key], hx(value), f"{what}: {key}")


def check_bo(obj, index, offset, mc, pa, fb_aper, what):
    bos = obj["bo"]
    check(len(bos) > index, f"{what}: no bo[{index}]")
    check_eq(bos[index], {"offset": hx(offset), "mc": hx(mc), "pa": hx(pa),
                          "fb_aper": hx(fb_aper)}, f"{what}: bo[{index}]")


def check_one_error_line(r, errno_name, status, what):
    check_eq(r.status, status, f"{what}: exit status")
    check(re.fullmatch(rf"gmcsim layout: {errno_name}: [^\n]+\n", r.err) is not None,
          f"{what}: stderr should be one 'gmcsim layout: {errno_name}: ...' line, got {r.err!r}")


# --------------------------------------------------------------------------
# Example 1 — Vega20 (GC 9.4.0), XGMI hive of 4, node 2 (§9 Example 1)
#   LFB_CNTL 0x32: PF_MAX_REGION = (0x32 & 0x70) >> 4 = 3 -> 4 nodes; REGION = 0x32 & 7 = 2
#   LFB_SIZE 0x800 -> seg = 0x800 << 24 = 0x8_0000_0000 (32 GiB)
#   fb_start = 0x8000 << 24 = 0x80_0000_0000; fb_end = 0x9FFF << 24 = 0x9F_FF00_0000 (kept: XGMI)
#   base = vram_start = 0x80_0000_0000 + 2 * 0x8_0000_0000 = 0x90_0000_0000
#   mc_vram_size = 32752 MiB = 0x7_FF00_0000; vram_end = 0x97_FEFF_FFFF
#   visible = min(BAR 0x8_0000_0000, real 0x7_FF00_0000) = 0x7_FF00_0000
#   GART best fit, 512 MiB: size_bf = 0x80_0000_0000 < size_af = 0x7F60_0000_0000
#   -> gart 0 .. 0x1FFF_FFFF
#   AGP off by default; vram_base_offset = 0 + 2 * seg = 0x10_0000_0000
#   BO at page 0x1234 (offset 0x123_4000): mc 0x90_0123_4000, pa 0x10_0123_4000,
#   fb_aper = 0x80_0000_0000 + 0x10_0000_0000 + 0x123_4000 = 0x90_0123_4000
# --------------------------------------------------------------------------
EXAMPLE1 = {
    "gc": "9.4.0", "gmc": 9, "mode": "fb", "physical_node_id": 2, "num_physical_nodes": 4,
    "fb_start": 0x80_0000_0000, "fb_end": 0x9F_FF00_0000,
    "vram_start": 0x90_0000_0000, "vram_end": 0x97_FEFF_FFFF,
    "mc_vram_size": 0x7_FF00_0000, "real_vram_size": 0x7_FF00_0000,
    "visible_vram_size": 0x7_FF00_0000,
    "gart_start": 0, "gart_end": 0x1FFF_FFFF, "gart_size": SZ_512M,
    **AGP_OFF,
    "vram_base_offset": 0x10_0000_0000, "node_segment_size": 0x8_0000_0000,
    "mc_mask": MC_MASK_48,
}
EXAMPLE1_BO = (0x123_4000, 0x90_0123_4000, 0x10_0123_4000, 0x90_0123_4000)

EXAMPLE1_INPUT = {
    "gc": "9.4.0",
    "regs": {"fb_location_base": "0x8000", "fb_location_top": "0x9fff", "fb_offset": 0,
             "xgmi_lfb_cntl": "0x32", "xgmi_lfb_size": "0x800"},
    "vram_size": "0x7ff000000", "visible_vram_size": "0x800000000", "bo_offsets": ["0x1234000"],
}

# --------------------------------------------------------------------------
# Example 2 — Navi21 (GC 10.3.0), one GPU, 16 GiB (§9 Example 2)
#   base = vram_start = 0x8000 << 24 = 0x80_0000_0000; vram_end = 0x83_FFFF_FFFF;
#   fb_start/fb_end = the VRAM range (num_physical_nodes 0, §4.1)
#   GART best fit: size_bf 0x80_0000_0000 < size_af 0x7F7C_0000_0000 -> 0 .. 0x1FFF_FFFF
#   vram_base_offset 0; BO at page 0x100: mc 0x80_0010_0000, pa 0x10_0000,
#   fb_aper (§7) = fb_start + 0 + 0x10_0000 = 0x80_0010_0000
#   with agp=1: agp 0x84_0000_0000 .. 0xFFFF_FFFF_FFFF, 267 894 784 MiB = 0xFF7C_0000_0000
# --------------------------------------------------------------------------
EXAMPLE2 = {
    "gc": "10.3.0", "gmc": 10, "mode": "fb", "physical_node_id": 0, "num_physical_nodes": 0,
    "fb_start": 0x80_0000_0000, "fb_end": 0x83_FFFF_FFFF,
    "vram_start": 0x80_0000_0000, "vram_end": 0x83_FFFF_FFFF,
    "mc_vram_size": 0x4_0000_0000, "real_vram_size": 0x4_0000_0000,
    "gart_start": 0, "gart_end": 0x1FFF_FFFF, "gart_size": SZ_512M,
    **AGP_OFF,
    "vram_base_offset": 0, "node_segment_size": 0, "mc_mask": MC_MASK_48,
}

# --------------------------------------------------------------------------
# Example 3 — Aldebaran (GC 9.4.2) connected_to_cpu, 8 nodes, node 5 (§9 Example 3)
#   LFB_CNTL 0x75: MAX = 7 -> N = 8 (<= 16), id = 5 (<= 15); seg = 0x1000 << 24 = 0x10_0000_0000
#   vram_base_offset = (0x20000 << 24) + 5 * seg = 0x250_0000_0000
#   sysvm: hive_vram_end = 8 * seg - 1 = 0x7F_FFFF_FFFF; vram 0x50_0000_0000 .. 0x5F_FFFF_FFFF
#   gart_start = ALIGN(0x80_0000_0000, 4G) = 0x80_0000_0000, gart_end 0x80_1FFF_FFFF
#   fb_start 0, fb_end 0x7F_FFFF_FFFF, AGP disabled
#   BO at page 0x400: mc 0x50_0040_0000, pa 0x250_0040_0000;
#   fb_aper (§7) = fb_start 0 + 5 * seg + 0x40_0000 = 0x50_0040_0000
# --------------------------------------------------------------------------
EXAMPLE3 = {
    "gc": "9.4.2", "gmc": 9, "mode": "sysvm", "physical_node_id": 5, "num_physical_nodes": 8,
    "fb_start": 0, "fb_end": 0x7F_FFFF_FFFF,
    "vram_start": 0x50_0000_0000, "vram_end": 0x5F_FFFF_FFFF,
    "gart_start": 0x80_0000_0000, "gart_end": 0x80_1FFF_FFFF, "gart_size": SZ_512M,
    **AGP_OFF,
    "vram_base_offset": 0x250_0000_0000, "node_segment_size": 0x10_0000_0000,
    "mc_mask": MC_MASK_48,
}

# --------------------------------------------------------------------------
# Example 4 — GC 9.4.4 SR-IOV VF, XGMI node migration, boot on node 2 (§9 Example 4)
#   LFB_CNTL 0x72: N = 8, id 2; PF_LFB_SIZE 0x17F8 -> seg = 0x17_F800_0000
#   hive_vram_end = 8 * seg - 1 = 0xBF_BFFF_FFFF; gart_start = ALIGN(0xBF_C000_0000, 4G)
#   = 0xC0_0000_0000, gart_end 0xC0_1FFF_FFFF
#   migrate: vram_start 0, vram_end = mc_vram_size - 1 = 0x17_EFFF_FFFF; fb_start stays
#   0x10_0000_0000 (FB_LOCATION_BASE 0x1000)
#   vram_base_offset = 2 * seg = 0x2F_F000_0000
#   BO at page 0x400: mc 0x40_0000, pa 0x2F_F040_0000, fb_aper 0x10_0000_0000 + 2 * seg
#   + 0x40_0000 = 0x3F_F040_0000
#   after resume on node 5 (LFB_CNTL 0x75): vram_base_offset 0x77_D800_0000, mc unchanged
#   0x40_0000, pa 0x77_D840_0000, fb_aper 0x87_D840_0000 (§8: only vram_base_offset moves)
# --------------------------------------------------------------------------
EXAMPLE4 = {
    "gc": "9.4.4", "gmc": 9, "mode": "sysvm-migrate", "physical_node_id": 2,
    "num_physical_nodes": 8,
    "fb_start": 0x10_0000_0000, "vram_start": 0, "vram_end": 0x17_EFFF_FFFF,
    "mc_vram_size": 0x17_F000_0000,
    "gart_start": 0xC0_0000_0000, "gart_end": 0xC0_1FFF_FFFF, "gart_size": SZ_512M,
    **AGP_OFF,
    "vram_base_offset": 0x2F_F000_0000, "node_segment_size": 0x17_F800_0000,
    "mc_mask": MC_MASK_48,
}

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ---------------------------------------------------------------- top level

@test
def top_level_help_and_version():
    for args in (["--help"], ["help"]):
        r = gmcsim(*args)
        check_eq(r.status, 0, f"gmcsim {' '.join(args)} exit")
        check("layout" in r.out and "asics" in r.out, "usage lists the subcommands")
    r = gmcsim("--version")
    check_eq(r.status, 0, "--version exit")
    check(re.fullmatch(r"gmcsim \d+\.\d+\.\d+\n", r.out) is not None, f"--version: {r.out!r}")
    r = gmcsim("help", "layout")
    check_eq(r.status, 0, "help layout exit")
    check("--batch" in r.out, "help layout shows layout's options")


@test
def top_level_usage_errors():
    r = gmcsim()
    check_eq(r.status, 2, "no subcommand")
    check("Usage" in r.err and r.out == "", "usage goes to stderr")
    r = gmcsim("frobnicate")
    check_eq(r.status, 2, "unknown subcommand")
    check("Usage" in r.err and "frobnicate" in r.err and r.out == "", "usage on stderr")
    r = gmcsim("help", "frobnicate")
    check_eq(r.status, 2, "help for an unknown subcommand")


@test
def layout_help_names_examples_and_default():
    r = gmcsim("layout", "--help")
    check_eq(r.status, 0, "layout --help exit")
    for name in ("vega20-hive", "navi21", "aldebaran-a-a", "gc944-migrate"):
        check(name in r.out, f"--help names example {name}")
    default_line = [line for line in r.out.splitlines() if "vega20-hive" in line]
    check(any("default" in line for line in default_line), "--help says vega20-hive is the default")


# ---------------------------------------------------------------- the table

def table_rows(text):
    rows = {}
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+)\s+0x([0-9a-f]{16})\b(.*)$", line)
        if m:
            rows[m.group(1)] = (int(m.group(2), 16), m.group(3))
    return rows


@test
def default_table_is_example1():
    r = gmcsim("layout")
    check_eq(r.status, 0, "layout exit")
    check_eq(r.err, "", "no stderr")
    lines = r.out.splitlines()
    header = lines[0]
    for word in ("vega20", "9.4.0", "v9", "fb"):
        check(word in header, f"header names {word}: {header!r}")
    check(any(re.search(r"XGMI.*node 2 of 4", line) for line in lines), "XGMI line: node 2 of 4")
    rows = table_rows(r.out)
    for key, value in EXAMPLE1.items():
        if isinstance(value, int) and key not in ("gmc", "physical_node_id",
                                                   "num_physical_nodes"):
            check(key in rows, f"table row {key}")
            check_eq(rows[key][0], value, f"table {key}")
    # the literal rows of §9, as 0x%016llx
    check(re.search(r"^vram_start\s+0x0000009000000000$", r.out, re.M), "vram_start row")
    check(re.search(r"^vram_end\s+0x00000097feffffff$", r.out, re.M), "vram_end row")
    check(re.search(r"^vram_base_offset\s+0x0000001000000000$", r.out, re.M), "vram_base_offset")
    # sizes carry a readable size: 32752 MiB, 512 MiB, 32 GiB (§9)
    check("(32752 MiB)" in rows["mc_vram_size"][1], "mc_vram_size readable size")
    check("(512 MiB)" in rows["gart_size"][1], "gart_size readable size")
    check("(32 GiB)" in rows["node_segment_size"][1], "node_segment_size readable size")
    bo_lines = [line for line in lines if line.startswith("0x")]
    check_eq(bo_lines, ["  ".join(f"0x{v:016x}" for v in EXAMPLE1_BO)], "BO table row")
    # the explicit example name gives the same output
    check_eq(gmcsim("layout", "--example", "vega20-hive").out, r.out, "--example vega20-hive")


# ---------------------------------------------------------------- --json per example

@test
def json_example1_vega20_hive():
    r = gmcsim("layout", "--json")
    check_eq(r.status, 0, "exit")
    obj = r.json()
    check_eq(r.json_keys(), RESULT_KEYS, "key order")
    check_eq(obj["ok"], True, "ok")
    check_eq(obj["asic"], "vega20", "asic")
    check_fields(obj, EXAMPLE1, "example 1")
    check_bo(obj, 0, *EXAMPLE1_BO, "example 1")
    check_eq(len(obj["bo"]), 1, "one BO")


@test
def json_example1_with_agp():
    # §9 Example 1, amdgpu.agp=1: fb_start > gart_start -> size_bf = 0x80_0000_0000 - 0x4_0000_0000
    # = 0x7C_0000_0000; size_af = 2^48 - 0xA0_0000_0000 = 0xFF60_0000_0000 (267 780 096 MiB)
    # -> agp_start = 0xA0_0000_0000, agp_end = 0xFFFF_FFFF_FFFF
    obj = gmcsim("layout", "--example", "vega20-hive", "--agp", "1", "--json").json()
    check_fields(obj, {"agp_start": 0xA0_0000_0000, "agp_end": 0xFFFF_FFFF_FFFF,
                       "agp_size": 267_780_096 << 20, "vram_start": 0x90_0000_0000}, "agp=1")


@test
def connected_to_cpu_ignored_where_the_driver_never_reads_it():
    # gmc_v9_0.c: gmc_v9_0_early_init() reads connected_to_cpu from the SMU only on XGMI
    # IP 6.1.0 (Aldebaran); on Vega20 (GC 9.4.0) the driver's flag stays false (§2), so
    # Example 1 with the flag is Example 1: FB layout, VRAM at 0x90_0000_0000. The result
    # says the flag was ignored, in each input form.
    flags = gmcsim("layout", "--example", "vega20-hive", "--connected-to-cpu", "--json")
    line = json.loads(batch([json.dumps({**EXAMPLE1_INPUT, "connected_to_cpu": True})]).out)
    for what, obj in (("flags", flags.json()), ("batch", line)):
        check_eq(obj["ok"], True, f"{what}: ok ({obj.get('message')})")
        check_fields(obj, EXAMPLE1, f"{what}: example 1 with connected_to_cpu")
        check_bo(obj, 0, *EXAMPLE1_BO, f"{what}: example 1 with connected_to_cpu")
        warnings = obj.get("warnings", [])
        check_eq(len(warnings), 1, f"{what}: one warning: {warnings}")
        check("connected_to_cpu is ignored" in warnings[0] and "Aldebaran" in warnings[0]
              and "vega20" in warnings[0], f"{what}: the warning says why: {warnings[0]!r}")
    table = gmcsim("layout", "--example", "vega20-hive", "--connected-to-cpu")
    check_eq(table.status, 0, "table exit")
    check(re.search(r"^warning: connected_to_cpu is ignored: .*Aldebaran", table.out, re.M),
          f"the table ends with the warning: {table.out!r}")
    # a part without XGMI keeps its own reason
    obj = gmcsim("layout", "--example", "navi21", "--connected-to-cpu", "--json").json()
    check_eq(obj.get("warnings"), ["connected_to_cpu is ignored: sienna_cichlid has no XGMI"],
             "navi21 warning")
    # Aldebaran reads it: Example 3 is sysvm and nothing is ignored
    obj = gmcsim("layout", "--example", "aldebaran-a-a", "--json").json()
    check_eq(obj["mode"], "sysvm", "example 3 mode")
    check("warnings" not in obj, f"example 3 has no warning: {obj.get('warnings')}")


@test
def json_example2_navi21():
    obj = gmcsim("layout", "--example", "navi21", "--json").json()
    check_fields(obj, EXAMPLE2, "example 2")
    check_bo(obj, 0, 0x10_0000, 0x80_0010_0000, 0x10_0000, 0x80_0010_0000, "example 2")
    obj = gmcsim("layout", "--example", "navi21", "--agp", "1", "--json").json()
    check_fields(obj, {"agp_start": 0x84_0000_0000, "agp_end": 0xFFFF_FFFF_FFFF,
                       "agp_size": 267_894_784 << 20}, "example 2, agp=1")


@test
def json_example2_sign_extension():
    # §9 Example 2, sign-extension vectors: MC 0x7FFF_1FFF_F000 stays, 0x8000_0000_1000 becomes
    # 0xFFFF_8000_0000_1000. With vram_start 0x80_0000_0000 those are VRAM offsets
    # 0x7F7F_1FFF_F000 and 0x7F80_0000_1000; pa = mc - vram_start + 0 (§7), taken from the
    # sign-extended mc as the driver does.
    obj = gmcsim("layout", "--example", "navi21", "--bo-offset", "0x7f7f1ffff000",
                 "--bo-offset", "0x7f8000001000", "--json").json()
    check_eq(len(obj["bo"]), 2, "the flags replace the example's BO list")
    check_bo(obj, 0, 0x7F7F_1FFF_F000, 0x7FFF_1FFF_F000, 0x7F7F_1FFF_F000, 0x7FFF_1FFF_F000,
             "below the hole")
    check_bo(obj, 1, 0x7F80_0000_1000, 0xFFFF_8000_0000_1000,
             (0xFFFF_8000_0000_1000 - 0x80_0000_0000) % 2**64, 0xFFFF_8000_0000_1000,
             "above the hole")


@test
def json_example2_variants_v11_v12():
    # §9 variant 2b, the same FB on gmc v11 (HIGH): gart_start = (0x7FFF_FFFF_FFFF - 0x2000_0000
    # + 1) & ~(4G - 1) = 0x7FFF_0000_0000, gart_end 0x7FFF_1FFF_FFFF; with AGP: 0x84_0000_0000 ..
    # 0x7FFB_FFFF_FFFF. Variant 2c, gmc v12 (LOW): gart 0 .. 0x1FFF_FFFF.
    common = ["--reg", "fb_location_base=0x8000", "--vram-size", "16G", "--json"]
    obj = gmcsim("layout", "--gc", "11.0.0", *common).json()
    check_fields(obj, {"gmc": 11, "gart_start": 0x7FFF_0000_0000, "gart_end": 0x7FFF_1FFF_FFFF,
                       "vram_start": 0x80_0000_0000}, "variant 2b")
    obj = gmcsim("layout", "--gc", "11.0.0", "--agp", "1", *common).json()
    check_fields(obj, {"agp_start": 0x84_0000_0000, "agp_end": 0x7FFB_FFFF_FFFF}, "2b, agp=1")
    obj = gmcsim("layout", "--gc", "12.0.0", *common).json()
    check_fields(obj, {"gmc": 12, "gart_start": 0, "gart_end": 0x1FFF_FFFF}, "variant 2c")


@test
def json_example3_aldebaran_a_a():
    obj = gmcsim("layout", "--example", "aldebaran-a-a", "--json").json()
    check_eq(obj["asic"], "aldebaran", "asic")
    check_fields(obj, EXAMPLE3, "example 3")
    check_bo(obj, 0, 0x40_0000, 0x50_0040_0000, 0x250_0040_0000, 0x50_0040_0000, "example 3")


@test
def json_example4_gc944_migrate():
    obj = gmcsim("layout", "--example", "gc944-migrate", "--json").json()
    check_fields(obj, EXAMPLE4, "example 4, boot on node 2")
    check_bo(obj, 0, 0x40_0000, 0x40_0000, 0x2F_F040_0000, 0x3F_F040_0000, "example 4, node 2")
    # the state after amdgpu_virt_resume() on node 5: only vram_base_offset moves
    obj = gmcsim("layout", "--example", "gc944-migrate", "--reg", "xgmi_lfb_cntl=0x75",
                 "--json").json()
    check_fields(obj, {**EXAMPLE4, "physical_node_id": 5, "vram_base_offset": 0x77_D800_0000},
                 "example 4, node 5")
    check_bo(obj, 0, 0x40_0000, 0x40_0000, 0x77_D840_0000, 0x87_D840_0000, "example 4, node 5")


# ---------------------------------------------------------------- flag parsing

def vram_size_of(*args):
    r = gmcsim("layout", "--gc", "10.3.0", "--reg", "fb_location_base=0x8000", *args, "--json")
    return r, (int(r.json()["mc_vram_size"], 16) if r.status == 0 else None)


@test
def size_flags_accept_hex_decimal_and_suffixes():
    for text, value in (("32752M", 32752 << 20), ("16G", 16 << 30), ("0x400000000", 16 << 30),
                        ("17179869184", 16 << 30), ("16777216K", 16 << 30), ("16g", 16 << 30),
                        ("0x4G", 4 << 30)):
        r, got = vram_size_of("--vram-size", text)
        check_eq(r.status, 0, f"--vram-size {text} exit ({r.err.strip()})")
        check_eq(got, value, f"--vram-size {text}")


@test
def size_flags_reject_junk_overflow_negative():
    for text, errno_name in (("12abc", "EINVAL"), ("", "EINVAL"), ("0x", "EINVAL"),
                             ("1.5G", "EINVAL"), ("16T", "EINVAL"), (" 16", "EINVAL"),
                             ("+16", "EINVAL"), ("-5", "ERANGE"),
                             ("18446744073709551616", "ERANGE"),
                             ("0x10000000000000000", "ERANGE"), ("17179869184G", "ERANGE")):
        r, _ = vram_size_of("--vram-size", text)
        check_one_error_line(r, errno_name, 2, f"--vram-size {text!r}")
        check("--vram-size" in r.err, f"the message names the flag: {r.err!r}")
    # the largest value still parses
    r, _ = vram_size_of("--bo-offset", "0xfffffffffffff000", "--vram-size", "1G")
    check_eq(r.status, 0, "2^64 - 4096 as a BO offset")


@test
def vram_size_the_register_cannot_express_is_refused():
    # get_memsize() reads RCC_CONFIG_MEMSIZE, a 32-bit count of MiB (peers-and-pci.md §2.3;
    # mc_init shifts it by 20, §1.2): 1,000,000 bytes is no whole MiB, and 2^52 bytes is
    # 2^32 MiB, one past the register. Both are refused, in flags and in batch lines alike:
    # a flag no part takes is a usage error (exit 2, issue 13), a batch line a failed line.
    navi = {"gc": "10.3.0", "regs": {"fb_location_base": "0x8000"}}
    for value, needle in ((1_000_000, "whole number of MiB"), (1 << 52, "2^52")):
        for text in (str(value), hex(value)):
            r, _ = vram_size_of("--vram-size", text)
            check_one_error_line(r, "EINVAL", 2, f"--vram-size {text}")
            check("vram_size" in r.err and needle in r.err, f"--vram-size {text}: {r.err!r}")
        lines = [json.dumps({**navi, "vram_size": v}) for v in (value, hex(value), str(value))]
        for n, obj in enumerate(parse_lines(batch(lines).out), start=1):
            check_eq([obj["ok"], obj["error"]], [False, "EINVAL"], f"batch {value} form {n}")
            check("vram_size" in obj["message"] and needle in obj["message"],
                  f"batch {value} form {n}: {obj['message']!r}")
    # the largest count the register holds, 0xffff_ffff MiB = 0xf_ffff_fff0_0000, is accepted
    r, got = vram_size_of("--vram-size", "4294967295M")
    check_eq([r.status, got], [0, 0xF_FFFF_FFF0_0000], f"(2^32 - 1) MiB ({r.err!r})")
    obj = json.loads(batch([json.dumps({**navi, "vram_size": "0xffffffff00000"})]).out)
    check_eq([obj["ok"], obj.get("mc_vram_size")], [True, "0xffffffff00000"], "batch max")


@test
def flag_usage_errors_exit_2():
    cases = [
        (["layout", "--bogus"], "unknown option"),
        (["layout", "--vram-size"], "needs a value"),
        (["layout", "extra"], "unexpected argument"),
        (["layout", "--asic", "vega20"], "--vram-size is required"),
        (["layout", "--asic", "vega20", "--gc", "9.4.0", "--vram-size", "1G"], "not both"),
        (["layout", "--example", "nosuch"], "nosuch"),
        (["layout", "--example", "navi21", "--asic", "vega20", "--vram-size", "1G"], "--example"),
        (["layout", "--asic", "nosuch", "--vram-size", "1G"], "nosuch"),
        (["layout", "--gc", "vega20", "--vram-size", "1G"], "GC version"),
        (["layout", "--gc", "9.9.9", "--vram-size", "1G"], "9.9.9"),
        (["layout", "--reg", "fb_offset=0x100000000"], "4294967295"),
        (["layout", "--reg", "nosuch=1"], "unknown register"),
        (["layout", "--reg", "fb_offset"], "NAME=VALUE"),
        (["layout", "--gart-size-mb", "2147483648"], "2147483647"),
        (["layout", "--vramlimit-mb", "4294967296"], "4294967295"),
        (["layout", "--batch", "-", "--asic", "vega20"], "--batch"),
        # a value no part takes (issue 13: flag errors are usage errors): a TTM offset is a
        # multiple of the 4 KiB page (§7, "Units"); memsize is whole MiB (§1.2)
        (["layout", "--bo-offset", "0x1001"], "4 KiB page"),
        (["layout", "--vram-size", "1000"], "whole number of MiB"),
    ]
    for args, needle in cases:
        r = gmcsim(*args)
        check_eq(r.status, 2, f"{args}: exit status ({r.err.strip()})")
        check(needle in r.err, f"{args}: stderr should mention {needle!r}: {r.err!r}")
        check(re.fullmatch(r"gmcsim layout: E[A-Z0-9]+: [^\n]+\n", r.err) is not None,
              f"{args}: one 'gmcsim layout: ERRNO: message' line: {r.err!r}")
        check_eq(r.out, "", f"{args}: nothing on stdout")


@test
def agp_other_values_mean_off():
    # amdgpu.agp is an int with no range check (amdgpu_device_check_arguments() touches only
    # gart_size, §1.2) and every caller tests amdgpu_agp == 1 (§3, §4.4, §5): 2 and -5 are
    # accepted and leave AGP off, so Example 2 is Example 2 with AGP_OFF; a warning says so.
    navi = {"gc": "10.3.0", "regs": {"fb_location_base": "0x8000"}, "vram_size": "0x400000000"}
    for value in (2, -5):
        flags = gmcsim("layout", "--example", "navi21", "--agp", str(value), "--json")
        check_eq(flags.status, 0, f"--agp {value} exit ({flags.err!r})")
        line = json.loads(batch([json.dumps({**navi, "agp": value})]).out)
        for what, obj in (("flags", flags.json()), ("batch", line)):
            check_eq(obj["ok"], True, f"{what} agp {value}: ok ({obj.get('message')})")
            check_fields(obj, {**AGP_OFF, "gart_start": 0, "gart_end": 0x1FFF_FFFF,
                               "vram_start": 0x80_0000_0000}, f"{what} agp {value}")
            check_eq(obj.get("warnings"),
                     [f"agp {value} is not -1, 0 or 1: the driver enables AGP only for 1, "
                      "so it is off"], f"{what} agp {value}: warning")
    # -1, 0 and 1 are the documented values: no warning
    for value in (-1, 0, 1):
        obj = gmcsim("layout", "--example", "navi21", "--agp", str(value), "--json").json()
        check("warnings" not in obj, f"agp {value}: no warning ({obj.get('warnings')})")


@test
def bo_offsets_past_vram_or_above_the_mc_space_warn():
    # Example 1 (Vega20, node 2 of 4): real_vram_size 0x7_FF00_0000, vram_start 0x90_0000_0000,
    # mc_mask 0xFFFF_FFFF_FFFF. The driver's VRAM manager hands out offsets below
    # real_vram_size only (amdgpu_vram_mgr.c: amdgpu_vram_mgr_init), so:
    #   0x7_FEFF_F000, the last page: an address the driver can compute, no warning
    #   0x7_FF00_0000, one past the end: past VRAM, still inside the MC space
    #   0xFF6F_FFFF_F000: 0x90_0000_0000 + it = 0xFFFF_FFFF_F000 <= mc_mask: past VRAM only
    #   0xFF70_0000_0000: 0x90_0000_0000 + it = 0x1_0000_0000_0000 > mc_mask: both warnings
    past = "is past the end of VRAM (real_vram_size 0x7ff000000): the driver never places a BO there"
    above = "puts its MC address above the MC space (mc_mask 0xffffffffffff): the addresses shown wrapped"
    cases = (("0x7fefff000", []),
             ("0x7ff000000", [f"BO offset 0x7ff000000 {past}"]),
             ("0xff6ffffff000", [f"BO offset 0xff6ffffff000 {past}"]),
             ("0xff7000000000", [f"BO offset 0xff7000000000 {past}",
                                 f"BO offset 0xff7000000000 {above}"]))
    for offset, want in cases:
        flags = gmcsim("layout", "--example", "vega20-hive", "--bo-offset", offset, "--json")
        check_eq(flags.status, 0, f"{offset}: exit ({flags.err!r})")
        line = json.loads(batch([json.dumps({**EXAMPLE1_INPUT, "bo_offsets": [offset]})]).out)
        for what, obj in (("flags", flags.json()), ("batch", line)):
            check_eq(obj.get("warnings", []), want, f"{what} {offset}: warnings")
        table = gmcsim("layout", "--example", "vega20-hive", "--bo-offset", offset).out
        check_eq([l[len("warning: "):] for l in table.splitlines() if l.startswith("warning: ")],
                 want, f"table {offset}: warning lines")
    # several offending BOs: the first is named, the others counted, one warning per kind
    obj = gmcsim("layout", "--example", "vega20-hive", "--bo-offset", "0x1000", "--bo-offset",
                 "0x800000000", "--bo-offset", "0x900000000", "--json").json()
    check_eq(obj.get("warnings"), [f"BO offset 0x800000000 (and others) {past}"],
             "two BOs past VRAM")


@test
def driver_refusals_exit_1():
    # §2: Vega20 allows 4 nodes; PF_MAX_REGION 4 (LFB_CNTL 0x40) means 5 -> -EINVAL
    r = gmcsim("layout", "--reg", "xgmi_lfb_cntl=0x40")
    check_one_error_line(r, "EINVAL", 1, "5 XGMI nodes on Vega20")
    # with --json the failure is also a JSON object on stdout
    r = gmcsim("layout", "--reg", "xgmi_lfb_cntl=0x40", "--json")
    check_eq(r.status, 1, "--json failure exit")
    obj = r.json()
    check_eq([obj["ok"], obj["error"]], [False, "EINVAL"], "--json failure object")
    check(obj["message"], "message is not empty")


@test
def smu_prv_buffer_size_keeps_low_32_bits():
    # the driver keeps pm.smu_prv_buffer_size in a u32 and gmc_v9_0_mc_init() adds it to the
    # GART size (§3): 0x1_0000_0000 adds 0, 0x1_1000_0000 adds 0x1000_0000
    for text, gart, cut in (("0x100000000", SZ_512M, True),
                            ("0x110000000", SZ_512M + 0x1000_0000, True),
                            ("256M", SZ_512M + (256 << 20), False)):
        r = gmcsim("layout", "--smu-prv-buffer-size", text, "--json")
        check_eq(r.status, 0, f"--smu-prv-buffer-size {text} exit ({r.err.strip()})")
        obj = r.json()
        check_eq(obj["gart_size"], hx(gart), f"gart_size with smu {text}")
        warned = any("smu_prv_buffer_size" in w for w in obj.get("warnings", []))
        check_eq(warned, cut, f"a warning says {text} was cut to 32 bits")


# ---------------------------------------------------------------- --batch

def batch(lines, *extra):
    return gmcsim("layout", "--batch", "-", *extra, stdin="".join(l + "\n" for l in lines))


def parse_lines(text):
    return [json.loads(line) for line in text.splitlines()]


@test
def batch_mixed_good_and_bad_lines():
    j = json.dumps
    navi = {"gc": "10.3.0", "regs": {"fb_location_base": "0x8000"}, "vram_size": "0x400000000"}
    cases = [
        # (input line, expected errno name or None for success, text the message must hold)
        (j(EXAMPLE1_INPUT), None, None),
        (j({**navi, "bogus_key": 1}), "EINVAL", "bogus_key"),
        (j({**navi, "asic": "vega20"}), "EINVAL", "not both"),
        (j({"gc": "10.3.0"}), "EINVAL", "vram_size"),
        (j({**navi, "regs": {"fb_offset": "0x100000000"}}), "ERANGE", "regs.fb_offset"),
        (j({**navi, "regs": {"fb_offset": 4294967296}}), "ERANGE", "4294967295"),
        (j({**navi, "agp": 2}), None, None),
        (j({**navi, "agp": "two"}), "EINVAL", "agp"),
        (j({**navi, "vram_size": "0x12g"}), "EINVAL", "vram_size"),
        (j({**navi, "vram_size": 1.5}), "EINVAL", "vram_size"),
        ("", "EINVAL", "blank"),
        ("   ", "EINVAL", "blank"),
        ("[1, 2]", "EINVAL", "object"),
        ("42", "EINVAL", "object"),
        ("null", "EINVAL", "object"),
        ('{"gc": "10.3.0",', "EINVAL", "JSON"),
        (j(navi) + " {}", "EINVAL", ""),
        (j({**navi, "bo_offsets": ["0x1001"]}), "EINVAL", "0x1001"),
        (j({"gc": "9.4.0", "regs": {"xgmi_lfb_cntl": "0x40"}, "vram_size": "0x400000000"}),
         "EINVAL", "XGMI"),
        # the driver refuses the XGMI registers before it reads memsize (§2: device init
        # fails), so that refusal is what a line without vram_size reports
        (j({"gc": "9.4.0", "regs": {"xgmi_lfb_cntl": "0x40"}}), "EINVAL", "XGMI"),
        (j({**navi, "vram_size": -1}), "ERANGE", "vram_size"),
        (j({**navi, "vram_size": 18446744073709551616}), "ERANGE", "vram_size"),
        (j({**navi, "regs": {"nosuch": 1}}), "EINVAL", "nosuch"),
        (j({**navi, "sriov": "true"}), "EINVAL", "sriov"),
        (j({**navi, "gc": "vega20"}), "EINVAL", "gc"),
        # a part no one models is a value that is not allowed: EINVAL, as in a profile
        # (the one errno mapping of the JSON readers, sim/util-json-read.h)
        (j({**navi, "gc": "9.9.9"}), "EINVAL", "9.9.9"),
        (j({**navi, "gart_size_mb": 2147483648}), "ERANGE", "gart_size_mb"),
        (j({**navi, "vramlimit_mb": 4294967296}), "ERANGE", "vramlimit_mb"),
        (j({**navi, "bo_offsets": "0x1000"}), "EINVAL", "bo_offsets"),
        (j({**navi, "regs": []}), "EINVAL", "regs"),
        (j({**navi, "visible_vram_size": None}), "EINVAL", "visible_vram_size"),
        # memsize is a u32 count of MiB (RCC_CONFIG_MEMSIZE): 2^52 bytes is 2^32 MiB
        # libgmc's rule: RCC_CONFIG_MEMSIZE cannot count 2^52 bytes (issue 14)
        (j({**navi, "vram_size": "0x10000000000000"}), "EINVAL", "2^52"),
        # amdgpu.agp is an int: 2^31 does not fit
        (j({**navi, "agp": 2147483648}), "ERANGE", "agp"),
        (j(navi), None, None),
    ]
    r = batch([c[0] for c in cases])
    check_eq(r.status, 1, f"exit status with failing lines (stderr {r.err!r})")
    out = parse_lines(r.out)
    check_eq(len(out), len(cases), "one output line per input line")
    for n, ((line, errno_name, needle), obj) in enumerate(zip(cases, out), start=1):
        what = f"line {n} ({line[:60]!r})"
        check_eq(obj.get("line"), n, f"{what}: line number")
        check_eq(list(obj)[0], "line", f"{what}: line comes first")
        if errno_name is None:
            check_eq(obj.get("ok"), True, f"{what}: ok ({obj.get('message')})")
        else:
            check_eq([obj.get("ok"), obj.get("error")], [False, errno_name], f"{what}: error")
            check_eq(list(obj), ["line", "ok", "error", "message"], f"{what}: error keys")
            check(needle.lower() in obj["message"].lower(),
                  f"{what}: message should mention {needle!r}: {obj['message']!r}")
    check_fields(out[0], EXAMPLE1, "line 1 = example 1")
    check_eq(list(out[0]), ["line"] + RESULT_KEYS, "batch key order")


@test
def batch_reads_params_as_profiles_do():
    # the keys profiles have: visible_vram_size "all" (GMC_VISIBLE_ALL: the BAR covers all of
    # VRAM, so visible = real_vram_size 0x4_0000_0000, §3) and pre_6_17; and what a batch
    # line keeps on purpose: XGMI registers a part without XGMI never reads (Navi21 ignores
    # them: still node 0 of 0). A vram_size that is not a whole MiB is refused in both
    # (issue 14, batch_mixed_good_and_bad_lines).
    navi = {"gc": "10.3.0", "regs": {"fb_location_base": "0x8000"}, "vram_size": "0x400000000"}
    lines = [json.dumps({**navi, "visible_vram_size": "all"}),
             json.dumps({**navi, "pre_6_17": True}),
             json.dumps({**navi, "regs": {"fb_location_base": "0x8000", "xgmi_lfb_cntl": "0x72"}})]
    r = batch(lines)
    check_eq(r.status, 0, f"exit status ({r.out!r})")
    out = parse_lines(r.out)
    for obj in out:
        check_fields(obj, {"mc_vram_size": 0x4_0000_0000, "visible_vram_size": 0x4_0000_0000,
                           "vram_start": 0x80_0000_0000, "num_physical_nodes": 0},
                     f"line {obj['line']}")


@test
def batch_all_good_exit_0():
    lines = [json.dumps(EXAMPLE1_INPUT),
             json.dumps({**EXAMPLE1_INPUT, "agp": 1}),
             # numbers, hex strings and decimal strings all work
             json.dumps({"asic": "sienna_cichlid", "regs": {"fb_location_base": 32768},
                         "vram_size": "17179869184", "gart_size_mb": "-1", "agp": "0x0",
                         "sriov": False, "connected_to_cpu": False, "bo_offsets": [1048576]})]
    r = batch(lines)
    check_eq(r.status, 0, f"exit status ({r.err!r})")
    out = parse_lines(r.out)
    check_eq([o["line"] for o in out], [1, 2, 3], "line numbers")
    check(all(o["ok"] for o in out), "all ok")
    check_fields(out[2], {**EXAMPLE2, "visible_vram_size": 0x4_0000_0000}, "example 2 from JSON")
    check_bo(out[2], 0, 0x10_0000, 0x80_0010_0000, 0x10_0000, 0x80_0010_0000, "line 3")


@test
def batch_line_endings_and_empty_input():
    text = json.dumps(EXAMPLE1_INPUT) + "\r\n" + json.dumps(EXAMPLE1_INPUT)  # no final newline
    r = gmcsim("layout", "--batch", "-", stdin=text)
    check_eq(r.status, 0, f"CRLF and a last line without newline ({r.err!r})")
    check_eq([o["line"] for o in parse_lines(r.out)], [1, 2], "two lines")
    r = gmcsim("layout", "--batch", "-", stdin="")
    check_eq([r.status, r.out], [0, ""], "empty input: no output, exit 0")


@test
def batch_long_line():
    # a line may be as long as the 16 MiB cap on any input (sim-layout.h): 200 000 BO
    # offsets on one line are about 2.4 MB
    offsets = [hex(i * 4096) for i in range(200_000)]
    r = batch([json.dumps({**EXAMPLE1_INPUT, "bo_offsets": offsets})])
    check_eq(r.status, 0, f"exit ({r.err[:200]!r})")
    obj = json.loads(r.out)
    check_eq(len(obj["bo"]), 200_000, "every BO")
    check_eq(obj["bo"][-1]["mc"], hx(0x90_0000_0000 + 199_999 * 4096), "last BO's mc")


@test
def batch_from_file_and_unreadable_file():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "in.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(EXAMPLE1_INPUT) + "\n\n")
        r = gmcsim("layout", "--batch", path)
        check_eq(r.status, 1, "a file with a blank second line")
        check_eq([o["line"] for o in parse_lines(r.out)], [1, 2], "two result lines")
        r = gmcsim("layout", "--batch", os.path.join(tmp, "missing.jsonl"))
        check_one_error_line(r, "ENOENT", 2, "missing file")
        check_eq(r.out, "", "nothing on stdout")
        r = gmcsim("layout", "--batch", tmp)
        check_eq(r.status, 2, "a directory")
        check_eq(r.out, "", "nothing on stdout for a directory")
    r = gmcsim("layout", "--batch")
    check_eq(r.status, 2, "--batch without FILE")


@test
def batch_invalid_utf8_and_nul():
    raw = b'{"gc": "10.3.0", "vram_size": "\xff"}\n{"gc": "10.3.0\x00"}\n'
    proc = subprocess.run(WRAPPER + [GMCSIM, "layout", "--batch", "-"], input=raw,
                          capture_output=True, check=False)
    check_eq(proc.returncode, 1, "exit")
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    check_eq([(o["line"], o["ok"]) for o in out], [(1, False), (2, False)], "two error lines")


# ---------------------------------------------------------------- asics

@test
def asics_table_and_json():
    r = gmcsim("asics")
    check_eq(r.status, 0, "asics exit")
    check(re.search(r"^vega20\s+9\.4\.0\s", r.out, re.M), "vega20 row")
    r = gmcsim("asics", "--json")
    check_eq(r.status, 0, "asics --json exit")
    parts = {p["name"]: p for p in r.json()}
    # §2: Vega20 (GC 9.4.0) and Aldebaran (GC 9.4.2) read XGMI info; gmc v9 (§1.3)
    # aliases: the KFD's target for GC 9.4.0 is gfx906; MI50/MI60 are Vega20 (docs/profiles.md)
    check_eq(parts["vega20"], {"name": "vega20", "gc": "9.4.0", "gmc": 9, "apu": False,
                               "xgmi": True, "aliases": ["mi50", "mi60", "gfx906"],
                               "ambiguous_aliases": []}, "vega20")
    check_eq(parts["aldebaran"]["xgmi"], True, "aldebaran xgmi")
    # §1.3: GC 10.3.0 uses gmc v10; [K]'s gfxhub_v2_1 has no get_xgmi_info (§2)
    check_eq([parts["sienna_cichlid"]["gc"], parts["sienna_cichlid"]["gmc"],
              parts["sienna_cichlid"]["xgmi"]], ["10.3.0", 10, False], "sienna_cichlid")
    check_eq(gmcsim("asics", "--bogus").status, 2, "asics --bogus")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
