#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim check`. TAP output.

usage: test-check-cli.py GMCSIM

The expectations come from the documented behaviour (`gmcsim check --help`,
README.md, docs/profiles.md, docs/catalog.md) and from the reference facts
(gmc-address-math.md §9 Example 4, upstream-history.md §1-2,
bo-lifecycle-and-callers.md §D); none is copied from gmcsim's own output.
The example files docs/examples/scenario-gc944.json and block-myip.json are
run from the source tree (found next to this script). Set GMCSIM_WRAPPER
(e.g. "valgrind -q --error-exitcode=99") to run every gmcsim invocation
under a tool.
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
SRC_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCENARIO = os.path.join("docs", "examples", "scenario-gc944.json")  # relative to SRC_ROOT
BLOCK_MYIP = os.path.join(SRC_ROOT, "docs", "examples", "block-myip.json")

# The five fix strategies in the order the help text and enum gmcsim_fix list them.
FIXES = ["none", "rfc", "rfc-all", "p2-pinfix", "upstream"]
SEVERITIES = ["info", "warning", "error", "critical"]
# enum gmcsim_finding_kind, spelled as the CLI spells names (lower case, '-').
KINDS = {"stale-mc", "stale-pa", "mixed-stale", "stale-content", "stale-pte", "cross-segment",
         "pin-leak", "pin-underflow", "free-in-suspend", "release-pinned", "use-after-free",
         "firmware-opaque", "bar-moved", "msix-stale", "identity-changed"}
# Findings that say an address the driver uses is wrong.
ADDRESS_KINDS = {"stale-mc", "stale-pa", "mixed-stale", "stale-content", "stale-pte",
                 "cross-segment"}
FINDING_KEYS = {"kind", "severity", "block", "site", "step", "count", "uncertain", "detail"}

# The default pair (check --help, docs/profiles.md "Pairs").
DEFAULT_PAIR = "gc944-node2-to-node5"
DEFAULT_FROM, DEFAULT_TO = "gc944-vf-node2", "gc944-vf-node5"

# gmc-address-math.md §9 Example 4 (the gc944 profiles, docs/profiles.md):
#   FB_LOCATION_BASE 0x1000 -> fb_start = 0x1000 << 24 = 0x10_0000_0000
#   XGMI_LFB_SIZE 0x17F8 -> node segment = 0x17F8 << 24 = 0x17_F800_0000
#   LFB_CNTL 0x72 / 0x75 -> node 2 / node 5 of 8
#   Without the 6.17 migrate gate (fix none) the FB layout places VRAM at
#   fb_start + node * seg: node 2 0x3F_F000_0000, node 5 0x87_D800_0000;
#   vram_base_offset = node * seg: 0x2F_F000_0000 and 0x77_D800_0000.
FB_START = 0x1000 << 24
SEG = 0x17F8 << 24
VRAM_SIZE = 0x17_F000_0000
VRAM_START_N2 = FB_START + 2 * SEG
VRAM_START_N5 = FB_START + 5 * SEG
VBO_N2, VBO_N5 = 2 * SEG, 5 * SEG
assert (VRAM_START_N2, VRAM_START_N5) == (0x3F_F000_0000, 0x87_D800_0000)
assert (VBO_N2, VBO_N5) == (0x2F_F000_0000, 0x77_D800_0000)

# The blocks with a site that exists on a GC 9.4.4 VF, in catalog order: dm is
# 9.3.0/10.3/11/12 and never on a VF, sdma 12, uvd/vce 9.0.1/9.2.1/9.4.0, mes 11/12,
# umsch 11; ih's only site, the IH ring BO, does not exist on a 9.4.x dGPU
# (vega20_ih_sw_init uses bus addresses there: catalog-audit.md #21) and jpeg's only
# site, the DPG SRAM, needs JPEG_DPG, which no GC 9 part sets (audit #31).
GC944_BLOCKS = ["common", "gmc", "psp", "smu", "gfx", "vcn", "pattern1", "pattern2", "pattern3"]
NOT_ON_GC944 = ["ih", "dm", "sdma", "uvd", "vce", "jpeg", "mes", "umsch"]
# The report's rows: those blocks, then ih again as the row of the msix-stale finding
# every strategy but upstream reports when the guest moves to another VF.
GC944_ROWS = GC944_BLOCKS + ["ih"]
# The catalog's sites with status "uncertain" (sim/catalog/*.json) that report on the
# default pair: the CSA's PTEs (VM code not verified) and the VCN firmware state.
GC944_UNCERTAIN = {("gfx", "csa"), ("vcn", "fw_state")}

# The scenario keys (`gmcsim check --scenario`, sim/sim-plan.c).
SCENARIO_KEYS = {"pair", "from", "to", "blocks", "block_files", "fixes", "swap_at", "cycles",
                 "fail_on", "kernel", "assume"}
# The modelled kernels, newest (the default) first (--help, docs/catalog.md).
KERNELS = ["6.18", "6.17", "6.12"]


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


def gmcsim(*args, stdin=None, cwd=None):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], input=stdin, capture_output=True,
                          text=True, check=False, cwd=cwd)
    return Result(proc)


def check_json_run(r, status, what):
    check_eq(r.status, status, f"{what}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.err, "", f"{what}: nothing on stderr")
    try:
        return r.json()
    except ValueError as e:
        raise AssertionError(f"{what}: stdout is not JSON ({e}): {r.out[:200]!r}") from e


def check_usage_error(r, needles, what):
    """Exit 2, nothing on stdout, one 'gmcsim check: ERRNO: message' line naming the problem."""
    check_eq(r.status, 2, f"{what}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.out, "", f"{what}: nothing on stdout")
    check(re.fullmatch(r"gmcsim check: E[A-Z0-9]+: [^\n]+\n", r.err) is not None,
          f"{what}: stderr should be one 'gmcsim check: ERRNO: message' line, got {r.err!r}")
    for needle in needles:
        check(needle in r.err, f"{what}: the message should name {needle!r}: {r.err!r}")


def findings(doc, fix=None, block=None):
    out = []
    for run in doc["runs"]:
        if fix is not None and run["fix"] != fix:
            continue
        out.extend(f for f in run["findings"] if block is None or f["block"] == block)
    return out


def run_of(doc, fix):
    runs = [run for run in doc["runs"] if run["fix"] == fix]
    check_eq(len(runs), 1, f"one run of fix {fix}")
    return runs[0]


def worst(doc):
    """The highest severity index of any finding in the document, -1 if none."""
    return max((SEVERITIES.index(f["severity"]) for f in findings(doc)), default=-1)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def table_headers(text):
    """[(swap, cycles)] of every 'swap POINT, N cycle(s)' table header, in order."""
    return [(m.group(1), int(m.group(2)))
            for m in re.finditer(r"^swap (\S+), (\d+) cycles?$", text, re.M)]


def block_rows(text):
    """{block: [cells]} of the first table (rows after the BLOCK header, until a blank line),
    cut at the columns where the header's names start."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("BLOCK "))
    cols = [m.start() for m in re.finditer(r"\S+", lines[start])]
    rows = {}
    for line in lines[start + 1:]:
        if not line.strip():
            break
        cells = [line[a:b].strip() for a, b in zip(cols, cols[1:] + [len(line)])]
        rows[cells[0]] = cells[1:]
    return rows


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ---------------------------------------------------------------- help

@test
def help_names_every_option():
    for args in (["check", "--help"], ["help", "check"]):
        r = gmcsim(*args)
        check_eq(r.status, 0, f"{args} exit")
        for opt in ("--pair", "--from", "--to", "--blocks", "--block-file", "--fix", "--swap-at",
                    "--cycles", "--scenario", "--fail-on", "--json"):
            check(opt in r.out, f"{args}: help names {opt}")
        for fix in FIXES:
            check(fix in r.out, f"{args}: help names fix {fix}")
    r = gmcsim("--help")
    check_eq(r.status, 0, "gmcsim --help")
    for cmd in ("check", "sweep", "profile"):
        check(re.search(rf"^\s+{cmd}\s", r.out, re.M), f"gmcsim --help lists {cmd}")


# ---------------------------------------------------------------- the default run

@test
def default_run_exits_1_with_table_and_details():
    r = gmcsim("check")
    # with no fix the stale VRAM addresses are errors at least (findings >= 'error': exit 1)
    check_eq(r.status, 1, f"exit status (stderr {r.err!r})")
    check_eq(r.err, "", "nothing on stderr")
    first = r.out.splitlines()[0]
    # the header names the kernel whose facts the run uses: the newest by default
    for word in (DEFAULT_FROM, DEFAULT_TO, "xgmi node id", "kernel 6.18"):
        check(word in first, f"first line names {word}: {first!r}")
    check_eq(table_headers(r.out), [("after-suspend", 1)], "one table: after-suspend, 1 cycle")
    header = next(line for line in r.out.splitlines() if line.startswith("BLOCK "))
    check_eq(header.split(), ["BLOCK", *FIXES], "table header: BLOCK and the five fixes")
    rows = block_rows(r.out)
    check_eq(list(rows), GC944_ROWS, "block rows on a GC 9.4.4 VF, in catalog order")
    for block, cells in rows.items():
        check_eq(len(cells), len(FIXES), f"row {block}: one cell per fix")
    # pattern 1 frees in suspend under every strategy (RFC pattern 1, WARN_ON(in_suspend))
    check(all(cell.startswith("free-in-suspend") for cell in rows["pattern1"]),
          f"pattern1 row: {rows['pattern1']}")
    # the details: one section per fix with its count; upstream says the gate is open
    sections = re.findall(r"^== fix (\S+) \(swap after-suspend, 1 cycle(, gate \w+)?\): "
                          r"(\d+) findings?$", r.out, re.M)
    check_eq([s[0] for s in sections], FIXES, "one details section per fix, in order")
    check_eq(sections[-1][1], ", gate open", "upstream on a GC 9.4.4 VF: the migrate gate is open")
    check(all(s[1] == "" for s in sections[:-1]), "only the upstream section names the gate")
    # a finding line and its detail line; the stale MC values follow Example 4
    m = re.search(r"^  error\s+stale-mc\s+psp/fw_pri at (.+)\n\s+(.+): cached 0x([0-9a-f]+), "
                  r"now 0x([0-9a-f]+)$", r.out, re.M)
    check(m is not None, "details list the stale PSP fw_pri MC address with its values")
    cached, fresh = int(m.group(3), 16), int(m.group(4), 16)
    check(VRAM_START_N2 <= cached < VRAM_START_N2 + VRAM_SIZE,
          f"fw_pri's cached MC 0x{cached:x} lies in node 2's VRAM")
    check_eq(fresh - cached, 3 * SEG, "node 2 -> 5 moves a VRAM MC address by 3 segments")
    # the same through --json: the text's counts are the JSON's
    doc = check_json_run(gmcsim("check", "--json"), 1, "check --json")
    check_eq([int(s[2]) for s in sections], [len(run["findings"]) for run in doc["runs"]],
             "finding counts in the text equal the JSON's")


@test
def default_json_document():
    doc = check_json_run(gmcsim("check", "--json"), 1, "check --json")
    for key in ("from", "to", "pair", "changes", "kernel", "assume", "fail_on", "matrix", "runs"):
        check(key in doc, f"top-level key {key}")
    check_eq([doc["from"], doc["to"], doc["pair"], doc["changes"], doc["fail_on"]],
             [DEFAULT_FROM, DEFAULT_TO, DEFAULT_PAIR, "xgmi node id", "error"], "header fields")
    # the newest modelled kernel, and no assumption about the host
    check_eq([doc["kernel"], doc["assume"]], ["6.18", []], "kernel and assume by default")
    runs = doc["runs"]
    check_eq(len(runs), 5, "5 runs by default (every fix, one swap point, one cycle count)")
    check_eq([run["fix"] for run in runs], FIXES, "runs in fix order")
    for run in runs:
        check_eq([run["swap"], run["cycles"]], ["after-suspend", 1], f"{run['fix']}: defaults")
        # the 6.17 gate exists only in the upstream series, and is open on a GC 9.4.4 VF
        check_eq(run["gate"], run["fix"] == "upstream", f"{run['fix']}: gate")
        for f in run["findings"]:
            what = f"{run['fix']} finding {f}"
            check(FINDING_KEYS <= set(f), f"{what}: keys {sorted(FINDING_KEYS)}")
            check(f["kind"] in KINDS, f"{what}: kind")
            check(f["severity"] in SEVERITIES, f"{what}: severity")
            check(isinstance(f["count"], int) and f["count"] >= 1, f"{what}: count >= 1")
            for key in ("block", "site", "step", "detail"):
                check(isinstance(f[key], str) and f[key], f"{what}: {key} is a non-empty string")
            check_eq("cached" in f, "fresh" in f, f"{what}: cached and fresh come together")
            check(isinstance(f["uncertain"], bool), f"{what}: uncertain is a boolean")
            # a finding is uncertain when its site's facts are (the site's status)
            check_eq(f["uncertain"], (f["block"], f["site"]) in GC944_UNCERTAIN,
                     f"{what}: uncertain")
            if "cached" in f:
                check(re.fullmatch(r"0x[0-9a-f]+", f["cached"]) and
                      re.fullmatch(r"0x[0-9a-f]+", f["fresh"]), f"{what}: hex values")
    # gmc: the driver's own fields under no fix (upstream-history.md §1: the cached copies)
    by_site = {(f["block"], f["site"], f["kind"]): f for f in findings(doc, "none")}
    f = by_site.get(("gmc", "vram_start", "stale-mc"))
    check(f is not None, "fix none: gmc.vram_start is stale")
    check_eq([f["cached"], f["fresh"]], [hex(VRAM_START_N2), hex(VRAM_START_N5)],
             "gmc.vram_start: node 2's and node 5's")
    f = by_site.get(("gmc", "vram_base_offset", "stale-pa"))
    check(f is not None, "fix none: vram_base_offset is stale")
    check_eq([f["cached"], f["fresh"]], [hex(VBO_N2), hex(VBO_N5)],
             "vram_base_offset: node 2's and node 5's")
    # the matrix: after-suspend/1 -> block -> fix -> verdict, consistent with the runs
    check_eq(list(doc["matrix"]), ["after-suspend/1"], "matrix keys")
    table = doc["matrix"]["after-suspend/1"]
    check_eq(list(table), GC944_ROWS, "matrix rows")
    for block, cells in table.items():
        check_eq(list(cells), FIXES, f"matrix {block}: one cell per fix")
        for fix, cell in cells.items():
            real = [f for f in findings(doc, fix, block) if f["severity"] != "info"]
            check_eq(cell == "ok", not real, f"matrix {block}/{fix} = {cell!r} vs findings")
            if real:
                check(cell.split()[0] in {f["kind"] for f in real},
                      f"matrix {block}/{fix}: {cell!r} names one of its findings")


@test
def fail_on_thresholds():
    # --fail-on critical, upstream, identity pair: only sysfs identity values change
    # (upstream-history.md §1 property 2, "believed informational only"), nothing critical
    r = gmcsim("check", "--fail-on", "critical", "--fix", "upstream", "--pair", "gc944-identity")
    check_eq(r.status, 0, f"--fail-on critical --fix upstream --pair gc944-identity ({r.err!r})")
    check_eq(r.err, "", "nothing on stderr")
    header = next(line for line in r.out.splitlines() if line.startswith("BLOCK "))
    check_eq(header.split(), ["BLOCK", "upstream"], "one fix column")
    # the exit status follows the worst finding for every threshold (exit 1 iff >= fail-on)
    for args in ([], ["--pair", "gc944-identity"], ["--fix", "upstream"],
                 ["--pair", "gc944-identity", "--fix", "upstream"]):
        doc = json.loads(gmcsim("check", *args, "--json").out)
        for n, sev in enumerate(SEVERITIES):
            r = gmcsim("check", *args, "--fail-on", sev)
            check_eq(r.status, 1 if worst(doc) >= n else 0, f"{args} --fail-on {sev}")
            r = gmcsim("check", *args, "--fail-on", sev, "--json")
            check_eq(r.json()["fail_on"], sev, f"{args} --fail-on {sev}: JSON fail_on")


# ---------------------------------------------------------------- reference facts

@test
def rfc_patterns_table():
    # upstream-history.md §1: pattern 1 is safe for the address but frees in suspend,
    # pattern 2 refreshes the address but leaks pin_count, pattern 3 reuses a stale address
    doc = check_json_run(gmcsim("check", "--pair", DEFAULT_PAIR, "--blocks",
                                "pattern1,pattern2,pattern3", "--fix", "none", "--json"),
                         1, "the RFC's table")
    check_eq([run["fix"] for run in doc["runs"]], ["none"], "one run")
    kinds = {b: {f["kind"] for f in findings(doc, block=b)}
             for b in ("pattern1", "pattern2", "pattern3")}
    check("free-in-suspend" in kinds["pattern1"], f"pattern1: free-in-suspend ({kinds})")
    check_eq(kinds["pattern1"] & ADDRESS_KINDS, set(), "pattern1: no stale address")
    check("pin-leak" in kinds["pattern2"], f"pattern2: pin-leak ({kinds})")
    check_eq(kinds["pattern2"] & ADDRESS_KINDS, set(), "pattern2: no stale address")
    check("stale-mc" in kinds["pattern3"], f"pattern3: stale-mc ({kinds})")
    f = next(f for f in findings(doc, block="pattern3") if f["kind"] == "stale-mc")
    cached, fresh = int(f["cached"], 16), int(f["fresh"], 16)
    check(VRAM_START_N2 <= cached < VRAM_START_N2 + VRAM_SIZE, "pattern3: node 2 VRAM address")
    check_eq(fresh - cached, 3 * SEG, "pattern3: moved by 3 segments")
    # only the three blocks were asked for (gmc and ih may add the driver's own findings)
    check(set(doc["matrix"]["after-suspend/1"]) >= {"pattern1", "pattern2", "pattern3"},
          "the three pattern rows")
    check_eq(set(doc["matrix"]["after-suspend/1"]) & {"psp", "smu", "gfx", "vcn", "common"},
             set(), "no other catalog block")
    # p2-pinfix keeps pattern 2's pin count balanced; rfc-all refreshes pattern 3's address
    doc = json.loads(gmcsim("check", "--blocks", "pattern2,pattern3", "--fix",
                            "p2-pinfix,rfc-all", "--json").out)
    check_eq([f["kind"] for f in findings(doc, "p2-pinfix", "pattern2")
              if f["kind"] == "pin-leak"], [], "p2-pinfix: no pin-leak")
    check_eq([f["kind"] for f in findings(doc, "rfc-all", "pattern3")
              if f["kind"] in ADDRESS_KINDS], [], "rfc-all: pattern3's address refreshed")


@test
def pattern2_leaks_a_pin_every_cycle():
    # docs/catalog.md: P2 is created again on every resume without a free: pin_count + 1
    # each cycle, so N cycles leak N pins
    for cycles in (1, 2, 3):
        doc = json.loads(gmcsim("check", "--blocks", "pattern2", "--fix", "none", "--cycles",
                                str(cycles), "--json").out)
        leaks = [f for f in findings(doc, block="pattern2") if f["kind"] == "pin-leak"]
        check_eq(sum(f["count"] for f in leaks), cycles, f"{cycles} cycles: pin-leak count")


@test
def upstream_on_gc944():
    # bo-lifecycle-and-callers.md §D: with the gate open (SR-IOV VF, GC 9.4.4) PDB0 makes
    # vram_start 0, so cached MC addresses do not change; PSP/SMU FB-aperture addresses are
    # recomputed (18b66a6c2a3f); vram_base_offset is recomputed (855a2a029a2e); MSI-X is
    # restored (4108c2be12eb)
    doc = check_json_run(gmcsim("check", "--fix", "upstream", "--json"), 1, "--fix upstream")
    run = run_of(doc, "upstream")
    check_eq(run["gate"], True, "the gate is open on a GC 9.4.4 VF")
    stale_mc = [f"{f['block']}/{f['site']}" for f in run["findings"] if f["kind"] == "stale-mc"]
    check_eq(stale_mc, [], "no stale-mc anywhere")
    for block in ("psp", "smu"):
        bad = [f"{f['kind']} {f['site']}" for f in run["findings"]
               if f["block"] == block and f["kind"] in ADDRESS_KINDS]
        check_eq(bad, [], f"no address finding in {block}")
    check_eq([f["kind"] for f in run["findings"] if f["block"] == "gmc"
              and f["site"] in ("vram_start", "vram_base_offset")], [],
             "gmc's vram_start / vram_base_offset are fine")
    check_eq([f for f in run["findings"] if f["kind"] == "msix-stale"], [], "MSI-X restored")
    # the same with the whole list of swap points: no stale MC for any of them
    doc = json.loads(gmcsim("check", "--fix", "upstream", "--swap-at",
                            "before-suspend,after-suspend:psp,after-suspend,resume:psp,"
                            "after-resume", "--json").out)
    check_eq([f"{run['swap']}: {f['block']}/{f['site']}" for run in doc["runs"]
              for f in run["findings"] if f["kind"] == "stale-mc"], [],
             "upstream: no stale-mc at any swap point")


@test
def gc943_upstream_equals_none():
    # 855a2a029a2e: the migrate gate is set for an SR-IOV VF with GC 9.4.4 only; on GC 9.4.3
    # the upstream series changes nothing
    doc = check_json_run(gmcsim("check", "--pair", "gc943-node2-to-node5", "--json"), 1,
                         "gc943 pair")
    none, upstream = run_of(doc, "none"), run_of(doc, "upstream")
    check_eq(upstream["gate"], False, "gate closed on GC 9.4.3")
    check(none["findings"], "fix none finds something on gc943")
    check_eq(upstream["findings"], none["findings"], "upstream == none on gc943")
    cells = doc["matrix"]["after-suspend/1"]
    check_eq({b: c["upstream"] for b, c in cells.items()}, {b: c["none"] for b, c in cells.items()},
             "matrix: the upstream column equals none's")
    r = gmcsim("check", "--pair", "gc943-node2-to-node5", "--fix", "upstream")
    check(re.search(r"^== fix upstream \(.*, gate closed\)", r.out, re.M), "text: gate closed")


@test
def kernel_and_assume():
    # --kernel names whose facts the run uses; the header and the JSON say which
    r = gmcsim("check", "--kernel", "6.17", "--fix", "none")
    check_eq(r.status, 1, f"--kernel 6.17: exit ({r.err!r})")
    check("kernel 6.17" in r.out.splitlines()[0], "--kernel 6.17: header")
    for kernel in KERNELS:
        doc = check_json_run(gmcsim("check", "--kernel", kernel, "--fix", "none", "--json"), 1,
                             f"--kernel {kernel} --json")
        check_eq(doc["kernel"], kernel, f"--kernel {kernel}: JSON kernel")
    # mes/resource_1: created in mes_v11_0_sw_init and kept from 6.17 on (stale after the
    # FB moved); in 6.12 it exists only on a VF whose host offers mes_info (6.14.9
    # mes_v11_0_hw_init), which the gc1100 profiles do not: no finding at all
    def resource_1(kernel):
        doc = json.loads(gmcsim("check", "--pair", "gc1100-fb-location", "--blocks", "mes",
                                "--fix", "none", "--kernel", kernel, "--json").out)
        return sorted(f["kind"] for f in findings(doc, "none", "mes")
                      if f["site"] == "resource_1")
    check_eq(resource_1("6.18"), ["stale-mc"], "6.18: resource_1 kept from sw_init")
    check_eq(resource_1("6.17"), ["stale-mc"], "6.17: resource_1 kept from sw_init")
    check_eq(resource_1("6.12"), [], "6.12: no resource_1 without the host's mes_info")
    # --assume host-restores-msix: the host programs the new VF's MSI-X table, so the
    # driver's missing restore (before 6.17) is no finding; without it, one per run
    doc = check_json_run(gmcsim("check", "--fix", "none", "--json"), 1, "no assumption")
    check_eq([f["kind"] for f in findings(doc, "none", "ih")], ["msix-stale"],
             "fix none on another VF: msix-stale")
    doc = check_json_run(gmcsim("check", "--fix", "none", "--assume", "host-restores-msix",
                                "--json"), 1, "--assume host-restores-msix")
    check_eq(doc["assume"], ["host-restores-msix"], "JSON assume")
    check_eq(findings(doc, "none", "ih"), [], "the host restores MSI-X: no ih finding")


@test
def scenario_kernel_and_assume():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "kernel.json")
        write(path, json.dumps({"pair": DEFAULT_PAIR, "fixes": "none", "kernel": "6.12",
                                "assume": ["host-restores-msix"]}))
        doc = check_json_run(gmcsim("check", "--scenario", path, "--json"), 1, "scenario")
        check_eq([doc["kernel"], doc["assume"]], ["6.12", ["host-restores-msix"]],
                 "the scenario's kernel and assumption")
        check_eq(findings(doc, "none", "ih"), [], "assumed: no msix-stale")
        bad = os.path.join(tmp, "bad-kernel.json")
        write(bad, json.dumps({"pair": DEFAULT_PAIR, "kernel": "6.5"}))
        check_usage_error(gmcsim("check", "--scenario", bad), ["6.5"], "scenario kernel 6.5")


@test
def sites_say_why():
    # --sites: every site of the plan's kernel, used / not consumed / absent on the boot
    # vGPU, and why (the RFC's target, a GC 9.4.4 one-VF guest in a hive of 8)
    r = gmcsim("check", "--sites")
    check_eq(r.status, 0, f"--sites exit ({r.err!r})")
    lines = {line.split()[0]: line for line in r.out.splitlines()[1:] if line.strip()}
    want = {
        # psp_hdcp_initialize returns early on a VF
        "psp/ta_hdcp": "absent",
        # psp_early_init: boot-time TMR on MP0 13.0.14
        "psp/tmr": "absent",
        # vega20_ih_sw_init: bus addresses on a 9.4.x dGPU
        "ih/ih_ring": "absent",
        # amdgpu_virt_init_setting clears pg_flags on a VF
        "vcn/dpg_sram": "absent",
        # gfxhub_v1_2 / mmhub_v1_8 skip the system aperture on a VF
        "gmc/mem_scratch": "not consumed",
        # SetToolsDramAddr is not VF-valid on MP1 13.0.14
        "smu/tool_table": "not consumed",
        # one-VF mode: SetDriverDramAddr is sent
        "smu/driver_table": "used",
        "psp/fence_buf": "used",
        "gfx/kcq_mqd_backup_eop": "used",
    }
    for site, presence in want.items():
        check(site in lines, f"--sites lists {site}")
        words = lines[site].split(None, 1)[1]
        check(words.startswith(presence), f"{site}: {presence!r}, got {lines[site]!r}")
    # an absent site says which condition failed
    check("VF" in lines["psp/ta_hdcp"], f"ta_hdcp names the VF: {lines['psp/ta_hdcp']!r}")
    check("13.0.14" in lines["psp/tmr"], f"tmr names MP0 13.0.14: {lines['psp/tmr']!r}")
    check("vcn_dpg" in lines["vcn/dpg_sram"], f"dpg_sram names the flag: {lines['vcn/dpg_sram']!r}")
    # uncertain sites are marked
    check("uncertain" in lines["gfx/csa"], f"csa is uncertain: {lines['gfx/csa']!r}")
    # --explain: one site's facts and why; a site that is not in the catalog is refused
    r = gmcsim("check", "--explain", "psp/tmr")
    check_eq(r.status, 0, f"--explain psp/tmr ({r.err!r})")
    check("absent" in r.out and "13.0.14" in r.out, f"--explain psp/tmr says why: {r.out!r}")
    check_usage_error(gmcsim("check", "--explain", "psp/nosuch"), ["psp/nosuch"],
                      "--explain psp/nosuch")


@test
def mqd_backup_eop():
    # catalog-audit.md §2.2: kcq_init_queue replays the boot-time EOP base from the MQD's CPU
    # backup. Before 6.17 (FB layout) it is node 2's VRAM MC address, 3 segments below
    # node 5's; rfc-all's helper refreshes driver fields, not MQD contents; 6.17's migrate
    # layout keeps the MC address valid
    doc = check_json_run(gmcsim("check", "--blocks", "gfx", "--json"), 1, "--blocks gfx")
    for fix in FIXES:
        got = {f["kind"]: f for f in findings(doc, fix, "gfx")
               if f["site"] == "kcq_mqd_backup_eop"}
        if fix == "upstream":
            check_eq(got, {}, "upstream: the EOP base is still right")
            continue
        check_eq(sorted(got), ["cross-segment", "stale-content"], f"{fix}: EOP findings")
        stale = got["stale-content"]
        cached, fresh = int(stale["cached"], 16), int(stale["fresh"], 16)
        check(VRAM_START_N2 <= cached < VRAM_START_N2 + VRAM_SIZE, f"{fix}: node 2's VRAM")
        check_eq(fresh - cached, 3 * SEG, f"{fix}: 3 segments up")


# ---------------------------------------------------------------- bad input

@test
def bad_inputs_exit_2():
    with tempfile.TemporaryDirectory() as tmp:
        malformed = os.path.join(tmp, "malformed.json")
        write(malformed, '{"pair": "gc944-identity",')
        not_object = os.path.join(tmp, "array.json")
        write(not_object, '["gc944-identity"]')
        unknown_key = os.path.join(tmp, "unknown-key.json")
        write(unknown_key, json.dumps({"pair": "gc944-identity", "colour": "blue"}))
        bad_block = os.path.join(tmp, "bad-block.json")
        write(bad_block, json.dumps({"block": "mine", "order": 130, "sites": [
            {"name": "ctx", "create": "sw_init", "free_in": "sw_fini", "domain": "vram",
             "size": 4096, "cache": "field", "addr": "mc", "consume": ["resume"],
             "flavour": "sour"}]}))
        bad_cycles = os.path.join(tmp, "bad-cycles.json")
        write(bad_cycles, json.dumps({"cycles": [1, 0]}))
        bad_fixes = os.path.join(tmp, "bad-fixes.json")
        write(bad_fixes, json.dumps({"fixes": {"none": True}}))
        missing = os.path.join(tmp, "missing.json")
        cases = [
            (["--pair", "nosuch-pair"], ["nosuch-pair"]),
            (["--blocks", "nosuch"], ["nosuch"]),
            (["--blocks", "psp,nosuch"], ["nosuch"]),
            (["--fix", "nosuch"], ["nosuch"]),
            (["--fix", "none,bogus"], ["bogus"]),
            (["--fix", ""], ["fix"]),
            (["--swap-at", "nowhere"], ["nowhere"]),
            (["--swap-at", "after-suspend:"], ["after-suspend:"]),
            (["--swap-at", "after-suspend,later"], ["later"]),
            (["--cycles", "0"], ["cycle", "0"]),
            (["--cycles", "101"], ["cycle", "101"]),
            (["--cycles", "x"], ["cycle", "x"]),
            (["--cycles", "1,0"], ["cycle", "0"]),
            (["--cycles", "1,2,3,4,5,6,7,8,9"], ["cycle"]),
            (["--fail-on", "bogus"], ["--fail-on"]),
            (["--scenario", missing], [missing]),
            (["--scenario", malformed], [malformed]),
            (["--scenario", not_object], [not_object]),
            (["--scenario", unknown_key], ["colour"]),
            (["--scenario", bad_cycles], ["cycle", "0"]),
            (["--scenario", bad_fixes], ["fixes"]),
            (["--scenario", tmp], [tmp]),
            (["--block-file", bad_block], ["flavour"]),
            (["--block-file", missing], [missing]),
            (["--from", "nosuch-profile"], ["nosuch-profile"]),
            # a guest cannot resume on another part (gmcsim_run_new: different GC versions)
            (["--from", "gc944-vf-node2", "--to", "navi21-vf-a"], ["gc944-vf-node2",
                                                                    "navi21-vf-a"]),
            (["extra"], ["unexpected argument"]),
            (["--json", "extra"], ["unexpected argument"]),
            (["--bogus"], ["--bogus"]),
            (["--pair"], ["--pair"]),
        ]
        for args, needles in cases:
            check_usage_error(gmcsim("check", *args), needles, f"check {args}")


def block_with(**extra):
    """A block file of one VRAM site 'ctx' with @extra keys (docs/catalog.md vocabulary)."""
    site = {"name": "ctx", "create": "sw_init", "free_in": "sw_fini", "domain": "vram",
            "size": 4096, "cache": "field", "addr": "mc", "consume": ["hw_init", "resume"],
            "cite": {"kernel": "6.17", "create": "x.c:f", "free": "x.c:g", "consume": ["x.c:h"]}}
    site.update(extra)
    return json.dumps({"block": "mine", "order": 130, "sites": [site]})


@test
def bad_catalog_vocabulary_exit_2():
    # issue 10: a block file with an unknown condition key, a condition value of the wrong
    # type, a kernel that is not modelled, an uncertain site without its note or a malformed
    # version list is refused with one message naming the file, the site and the key; exit
    # 2 and no report (nothing else changes)
    # one case per kind of fault (the C test, test-sim-catalog.c, covers every key)
    cases = [
        # unknown condition keys, in "exists" and in "consumed"
        ({"exists": {"sriov": "vf", "colour": "blue"}}, ["exists", "colour"]),
        ({"consumed": [{"sriov": "vf"}, {"mp2": ["13.0.6"]}]}, ["consumed", "mp2"]),
        # values of the wrong type
        ({"exists": {"display": "yes"}}, ["display"]),
        ({"exists": {"sriov": "guest"}}, ["sriov", "guest"]),
        # kernel expressions that name no modelled kernel (6.12, 6.17, 6.18)
        ({"kernels": [{"kernel": "6.5", "domain": "gtt"}]}, ["kernel", "6.5"]),
        ({"kernels": [{"kernel": "<6.0", "domain": "gtt"}]}, ["kernel", "<6.0"]),
        # "kernels" as an object, not an array: refused naming it (json-c would assert)
        ({"kernels": {"kernel": "6.17"}}, ["kernels"]),
        # an uncertain site says what is unknown
        ({"status": "uncertain"}, ["note"]),
        # malformed version lists
        ({"exists": {"mp0": ["13.0"]}}, ["mp0", "13.0"]),
        ({"exists": {"vcn": ["4.0.3,4.0.5"]}}, ["vcn", "4.0.3,4.0.5"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for i, (extra, needles) in enumerate(cases):
            path = os.path.join(tmp, f"bad-{i}.json")
            write(path, block_with(**extra))
            check_usage_error(gmcsim("check", "--block-file", path), [path, "'ctx'", *needles],
                              f"block file with {extra}")
        # the same site without the fault runs
        good = os.path.join(tmp, "good.json")
        write(good, block_with(exists={"sriov": "vf"}))
        r = gmcsim("check", "--block-file", good, "--fix", "none")
        check_eq(r.status, 1, f"the good block file runs ({r.err!r})")
    for kernel in ("6.5", ""):
        check_usage_error(gmcsim("check", "--kernel", kernel), [f"'{kernel}'"],
                          f"--kernel {kernel!r}")


@test
def swap_at_unknown_block_is_refused():
    # --swap-at resume:BLOCK / after-suspend:BLOCK name a block; a name that is no block at
    # all can never be reached, so the run would have no swap and report a false all-clear
    for point in ("resume:nosuch", "after-suspend:nosuch"):
        check_usage_error(gmcsim("check", "--swap-at", point), ["nosuch"], f"--swap-at {point}")


@test
def pair_error_points_at_profile_pairs():
    # the pairs are listed by 'gmcsim profile pairs'; 'profile list' lists profiles
    r = gmcsim("check", "--pair", "nosuch-pair")
    check_usage_error(r, ["nosuch-pair"], "--pair nosuch-pair")
    hint = re.search(r"'gmcsim profile (\w+)'", r.err)
    check(hint is None or hint.group(1) == "pairs",
          f"the hint should name 'gmcsim profile pairs': {r.err!r}")


# ---------------------------------------------------------------- lists, files, scenarios

@test
def swap_and_cycle_lists_print_four_tables():
    r = gmcsim("check", "--swap-at", "before-suspend,after-resume", "--cycles", "1,2")
    check(r.status in (0, 1), f"exit status {r.status} ({r.err!r})")
    want = [("before-suspend", 1), ("before-suspend", 2), ("after-resume", 1),
            ("after-resume", 2)]
    check_eq(table_headers(r.out), want, "four tables: swap points x cycle counts")
    headers = [line for line in r.out.splitlines() if line.startswith("BLOCK ")]
    check_eq([h.split() for h in headers], [["BLOCK", *FIXES]] * 4, "each table has every fix")
    sections = re.findall(r"^== fix (\S+) \(swap (\S+), (\d+) cycles?", r.out, re.M)
    check_eq(sections, [(fix, swap, str(c)) for swap, c in want for fix in FIXES],
             "details: one section per run, in table order")
    doc = json.loads(gmcsim("check", "--swap-at", "before-suspend,after-resume", "--cycles",
                            "1,2", "--json").out)
    check_eq([(run["swap"], run["cycles"], run["fix"]) for run in doc["runs"]],
             [(swap, c, fix) for swap, c in want for fix in FIXES], "20 runs in order")
    check_eq(list(doc["matrix"]), [f"{s}/{c}" for s, c in want], "matrix keys")


@test
def block_file_adds_its_block():
    r = gmcsim("check", "--block-file", BLOCK_MYIP)
    check_eq(r.status, 1, f"exit ({r.err!r})")
    rows = block_rows(r.out)
    check_eq(list(rows), GC944_BLOCKS + ["myip", "ih"],
             "myip is a row after the catalog's blocks, before the finding-only ih row")
    doc = check_json_run(gmcsim("check", "--block-file", BLOCK_MYIP, "--fix", "none,upstream",
                                "--json"), 1, "--block-file --json")
    check("myip" in doc["matrix"]["after-suspend/1"], "myip in the matrix")
    none = {(f["site"], f["kind"]): f for f in findings(doc, "none", "myip")}
    # ctx: a VRAM MC address kept in sw_init (P3) -> stale, moved by 3 segments
    f = none.get(("ctx", "stale-mc"))
    check(f is not None, f"myip/ctx is stale under no fix ({sorted(none)})")
    check_eq(int(f["fresh"], 16) - int(f["cached"], 16), 3 * SEG, "myip/ctx moved 3 segments")
    check(("fw_window", "stale-mc") in none, "myip/fw_window (derived) is stale too")
    # ring: GTT; the GART range depends on the hive-wide FB range only, the same on both
    # nodes (Example 4: same FB_LOCATION registers), so a GTT address does not move
    check_eq([k for k in none if k[0] == "ring"], [], "myip/ring (GTT) has no finding")
    # upstream: PDB0 keeps MC addresses and fw_window is refreshed (upstream_fb_aper)
    check_eq(findings(doc, "upstream", "myip"), [], "myip is fine under upstream")


@test
def block_file_survives_a_later_blocks():
    # --block-file adds a block (repeatable); --blocks picks the built-in blocks. The order
    # of the two flags must not matter (the scenario loader applies blocks first for this)
    for args in (["--blocks", "psp", "--block-file", BLOCK_MYIP],
                 ["--block-file", BLOCK_MYIP, "--blocks", "psp"]):
        doc = json.loads(gmcsim("check", *args, "--fix", "none", "--json").out)
        rows = list(doc["matrix"]["after-suspend/1"])
        check("psp" in rows and "myip" in rows, f"{args}: psp and myip rows, got {rows}")
        check("gfx" not in rows, f"{args}: no gfx row")


@test
def from_to_profiles_and_files():
    with tempfile.TemporaryDirectory() as tmp:
        node5 = json.loads(gmcsim("profile", "show", DEFAULT_TO, "--json").out)
        node5["name"] = "my-node5"
        path = os.path.join(tmp, "my-node5.json")
        write(path, json.dumps(node5))
        doc = check_json_run(gmcsim("check", "--from", DEFAULT_FROM, "--to", path, "--json"), 1,
                             "--from NAME --to FILE")
        ref = json.loads(gmcsim("check", "--json").out)
        check_eq([doc["from"], doc["to"]], [DEFAULT_FROM, "my-node5"], "from/to names")
        check("pair" not in doc, "no built-in pair named")
        check_eq(doc["runs"], ref["runs"], "the same runs as the built-in pair")
        check_eq(doc["matrix"], ref["matrix"], "the same matrix as the built-in pair")
        # a scenario with from/to instead of pair
        scen = os.path.join(tmp, "from-to.json")
        write(scen, json.dumps({"from": DEFAULT_FROM, "to": path, "fixes": "none"}))
        doc = check_json_run(gmcsim("check", "--scenario", scen, "--json"), 1, "from/to scenario")
        check_eq([doc["from"], doc["to"]], [DEFAULT_FROM, "my-node5"], "scenario from/to")
        check_eq(doc["runs"], [run_of(ref, "none")], "scenario from/to: fix none's run")


@test
def scenario_example():
    with open(os.path.join(SRC_ROOT, SCENARIO), encoding="utf-8") as f:
        scen = json.load(f)
    # the example exercises every key (pair stands for from/to, which the test above covers)
    # (kernel and assume: scenario_kernel_and_assume below)
    check_eq(set(scen) | {"from", "to", "kernel", "assume"}, SCENARIO_KEYS,
             "the example uses every scenario key")
    check(isinstance(scen["swap_at"], list) and len(scen["swap_at"]) > 1, "swap_at is a list")
    check(isinstance(scen["cycles"], list) and len(scen["cycles"]) > 1, "cycles is a list")
    # README: `gmcsim check --scenario docs/examples/scenario-gc944.json` from the tree
    r = gmcsim("check", "--scenario", SCENARIO, "--json", cwd=SRC_ROOT)
    check(r.status in (0, 1), f"exit status {r.status} ({r.err!r})")
    doc = r.json()
    check_eq([doc.get("pair"), doc["fail_on"]], [scen["pair"], scen["fail_on"]], "pair, fail_on")
    fixes = [fix for fix in FIXES if fix in scen["fixes"]]
    want = [(s, c, fix) for s in scen["swap_at"] for c in scen["cycles"] for fix in fixes]
    check_eq([(run["swap"], run["cycles"], run["fix"]) for run in doc["runs"]], want,
             "runs: swap points x cycle counts x fixes")
    check_eq(r.status, 1 if worst(doc) >= SEVERITIES.index(scen["fail_on"]) else 0,
             "exit status follows fail_on")
    # a scenario's block_files are relative to the scenario file
    scen_dir = os.path.dirname(os.path.join(SRC_ROOT, SCENARIO))
    with open(os.path.join(scen_dir, scen["block_files"][0]), encoding="utf-8") as f:
        own = json.load(f)["block"]
    asked = set(scen["blocks"]) | {own}
    for key, table in doc["matrix"].items():
        rows = set(table)
        check(rows >= asked, f"{key}: rows {sorted(rows)} hold {sorted(asked)}")
        # the driver's own findings may add gmc, ih and pci; no other catalog block
        check(rows <= asked | {"gmc", "ih", "pci"}, f"{key}: no other rows: {sorted(rows)}")
    # the text form: one table per swap point and cycle count
    r = gmcsim("check", "--scenario", SCENARIO, cwd=SRC_ROOT)
    check_eq(table_headers(r.out), [(s, c) for s in scen["swap_at"] for c in scen["cycles"]],
             "text: one table per swap point and cycle count")
    # a flag may not set again what the scenario sets (issue 13: not "last one wins"), on
    # either side of --scenario; a flag for what it leaves alone is fine (it sets no --json)
    for args in (["--scenario", SCENARIO, "--fix", "none"], ["--fix", "none", "--scenario",
                                                            SCENARIO]):
        check_usage_error(gmcsim("check", *args, cwd=SRC_ROOT), ["--fix", "'fixes'"],
                          f"check {args}")


@test
def block_example_is_catalog_vocabulary():
    with open(BLOCK_MYIP, encoding="utf-8") as f:
        block = json.load(f)
    check_eq(sorted(block), ["block", "order", "sites"], "top-level keys")
    names = [s["name"] for s in block["sites"]]
    check_eq(len(names), len(set(names)), "site names are unique")
    # it runs on every built-in pair without an error
    for pair in ("gc944-node2-to-node5", "gc944-multi-vf-node2-to-node5",
                 "gc943-node2-to-node5", "gc950-node2-to-node5", "gc1100-fb-location",
                 "vega20-node1-to-node3", "aldebaran-a-a-node2-to-node5", "navi21-fb-offset",
                 "gc944-identity", "gc944-bars"):
        r = gmcsim("check", "--pair", pair, "--block-file", BLOCK_MYIP, "--json")
        check(r.status in (0, 1), f"{pair}: exit {r.status} ({r.err!r})")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    if os.sep in GMCSIM:  # some runs use another working directory
        GMCSIM = os.path.abspath(GMCSIM)
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
