#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim sweep`. TAP output.

usage: test-sweep-cli.py GMCSIM

The expectations come from the documented behaviour (`gmcsim sweep --help`,
README.md, docs/profiles.md "Pairs", docs/catalog.md "Block order") and the
reference facts (upstream-history.md §2: the 6.17 series is gated to a GC
9.4.4 VF); none is copied from gmcsim's own output. Set GMCSIM_WRAPPER
(e.g. "valgrind -q --error-exitcode=99") to run every gmcsim invocation
under a tool.
"""
import csv
import io
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

FIXES = ["none", "rfc", "rfc-all", "p2-pinfix", "upstream"]
KINDS = ["stale-mc", "stale-pa", "mixed-stale", "stale-content", "stale-pte", "cross-segment",
         "pin-leak", "pin-underflow", "free-in-suspend", "release-pinned", "use-after-free",
         "firmware-opaque", "bar-moved", "msix-stale", "identity-changed"]
# docs/profiles.md "Pairs": name -> what changes, in the built-in order; issue 10 added
# the multi-VF gc944 pair, the GC 9.5.0 pair and the GC 11 VF pair
PAIRS = {
    "gc944-node2-to-node5": "xgmi node id",
    "gc944-multi-vf-node2-to-node5": "xgmi node id, multi-VF",
    "gc943-node2-to-node5": "xgmi node id",
    "gc950-node2-to-node5": "xgmi node id",
    "gc1100-fb-location": "FB location only",
    "vega20-node1-to-node3": "xgmi node id",
    "aldebaran-a-a-node2-to-node5": "xgmi node id",
    "navi21-fb-offset": "mc_fb_offset only",
    "gc944-identity": "identity values only",
    "gc944-bars": "BAR addresses only",
}
# docs/catalog.md "Block order": the built-in blocks (vpe has no sites)
BLOCKS = ["common", "gmc", "ih", "psp", "smu", "dm", "gfx", "sdma", "uvd", "vce", "vcn", "jpeg",
          "mes", "umsch", "pattern1", "pattern2", "pattern3"]
SWAP_POINTS = 6   # before-suspend, after-suspend:BLOCK, after-suspend, resume:BLOCK,
                  # after-resume, and a control run without a swap (sweep --help)
CYCLES = 3        # 1-3
COMBINATIONS = len(PAIRS) * len(BLOCKS) * len(FIXES) * SWAP_POINTS * CYCLES
RUNS_PER_ROW = len(BLOCKS) * SWAP_POINTS * CYCLES  # one pair, one fix


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


def ok_json(*args):
    r = gmcsim("sweep", *args)
    check_eq(r.status, 0, f"sweep {' '.join(args)}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.err, "", f"sweep {' '.join(args)}: nothing on stderr")
    return r.json()


def check_usage_error(r, needle, what):
    check_eq(r.status, 2, f"{what}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.out, "", f"{what}: nothing on stdout")
    check(re.fullmatch(r"gmcsim sweep: E[A-Z0-9]+: [^\n]+\n", r.err) is not None,
          f"{what}: stderr should be one 'gmcsim sweep: ERRNO: message' line, got {r.err!r}")
    check(needle in r.err, f"{what}: the message should name {needle!r}: {r.err!r}")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def group(doc):
    """JSON rows added up per (fix, changes): {(fix, changes): [pairs, runs, failing, kinds]}."""
    out = {}
    for row in doc["rows"]:
        key = (row["fix"], row["changes"])
        acc = out.setdefault(key, [0, 0, 0, [0] * len(KINDS)])
        acc[0] += 1
        acc[1] += row["runs"]
        acc[2] += row["failing_runs"]
        for n, kind in enumerate(KINDS):
            acc[3][n] += row["findings"][kind]
    return out


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


_FULL = None


def full_json():
    """The unsharded `sweep --json`, run once."""
    global _FULL
    if _FULL is None:
        _FULL = ok_json("--json")
    return _FULL


@test
def help_text():
    r = gmcsim("sweep", "--help")
    check_eq(r.status, 0, "sweep --help")
    for opt in ("--jobs", "--shard", "--merge", "--json", "--csv"):
        check(opt in r.out, f"help names {opt}")


@test
def pairs_are_the_documented_ones():
    r = gmcsim("profile", "pairs", "--json")
    check_eq(r.status, 0, "profile pairs --json")
    check_eq({p["name"]: p["changes"] for p in r.json()}, PAIRS, "the built-in pairs")


@test
def text_summary():
    # --wide: one line per row, every kind a column of the one header
    r = gmcsim("sweep", "--wide")
    check_eq(r.status, 0, f"exit status ({r.err!r})")
    check_eq(r.err, "", "nothing on stderr")
    first = r.out.splitlines()[0]
    m = re.match(r"gmcsim sweep: (\d+) combinations \((\d+) pairs x (\d+) blocks x (\d+) fixes "
                 r"x (\d+) swap points x 1-(\d+) cycles\)$", first)
    check(m is not None, f"first line: {first!r}")
    n, pairs, blocks, fixes, swaps, cycles = map(int, m.groups())
    check(n >= 10_000, f"at least 10,000 combinations, got {n}")
    check_eq(n, pairs * blocks * fixes * swaps * cycles, "combinations = the product")
    check_eq((pairs, blocks, fixes, swaps, cycles),
             (len(PAIRS), len(BLOCKS), len(FIXES), SWAP_POINTS, CYCLES), "the factors")
    check("merged" not in first, "not merged")
    lines = r.out.splitlines()
    header = next(line for line in lines if line.startswith("FIX "))
    check(re.match(r"FIX\s+WHAT CHANGED\s+PAIRS\s+RUNS\s+FAILING\s", header), f"header {header!r}")
    check_eq(header.split()[6:], KINDS, "one column per finding kind")
    rows = [line for line in lines[lines.index(header) + 1:] if line.strip()]
    changes = sorted(set(PAIRS.values()))
    check_eq(len(rows), len(FIXES) * len(changes), "one row per (fix, what changed)")
    check_eq([row.split()[0] for row in rows],
             [fix for fix in FIXES for _ in changes], "rows grouped by fix, in fix order")


@test
def csv_output():
    r = gmcsim("sweep", "--csv")
    check_eq(r.status, 0, f"exit status ({r.err!r})")
    table = list(csv.reader(io.StringIO(r.out)))
    check_eq(table[0], ["fix", "changes", "pairs", "runs", "failing_runs", *KINDS], "CSV header")
    rows = table[1:]
    changes = sorted(set(PAIRS.values()))
    check_eq(len(rows), len(FIXES) * len(changes), "one row per (fix, what changed)")
    keys = [(row[0], row[1]) for row in rows]
    check_eq(sorted(keys), sorted((f, c) for f in FIXES for c in changes),
             "each (fix, what changed) exactly once")
    total = 0
    grouped = group(full_json())
    for row in rows:
        fix, change = row[0], row[1]
        what = f"CSV row {fix}/{change}"
        check_eq(len(row), 5 + len(KINDS), f"{what}: columns")
        nums = [int(v) for v in row[2:]]
        pairs = sum(1 for c in PAIRS.values() if c == change)
        check_eq(nums[0], pairs, f"{what}: pairs")
        check_eq(nums[1], pairs * RUNS_PER_ROW, f"{what}: runs")
        check(0 <= nums[2] <= nums[1], f"{what}: failing_runs <= runs")
        total += nums[1]
        g = grouped[(fix, change)]
        check_eq(nums, [g[0], g[1], g[2], *g[3]], f"{what}: equals the JSON rows added up")
    check_eq(total, COMBINATIONS, "the runs add up to every combination")
    # --csv of the JSON's numbers and --jobs 2 agree
    check_eq(gmcsim("sweep", "--csv", "--jobs", "2").out, r.out, "--csv --jobs 2")


@test
def json_rows_and_reference_facts():
    doc = full_json()
    check_eq([doc["combinations"], doc["shards"]], [COMBINATIONS, 1], "combinations, shards")
    check_eq([(row["pair"], row["fix"]) for row in doc["rows"]],
             [(p, f) for p in PAIRS for f in FIXES], "one row per pair and fix")
    rows = {(row["pair"], row["fix"]): row for row in doc["rows"]}
    for (pair, fix), row in rows.items():
        what = f"{pair}/{fix}"
        check_eq(row["changes"], PAIRS[pair], f"{what}: changes")
        check_eq(row["runs"], RUNS_PER_ROW, f"{what}: runs")
        check_eq(list(row["findings"]), KINDS, f"{what}: a count per kind")
        check(0 <= row["failing_runs"] <= row["runs"], f"{what}: failing_runs")
    # the 6.17 series is gated to an SR-IOV VF with GC 9.4.4 (855a2a029a2e): elsewhere
    # upstream finds what no fix finds (GC 9.4.3, 9.5.0, 11.0.0 VFs and bare metal)
    for pair in ("gc943-node2-to-node5", "gc950-node2-to-node5", "gc1100-fb-location",
                 "vega20-node1-to-node3", "aldebaran-a-a-node2-to-node5", "navi21-fb-offset"):
        strip = ("fix",)
        check_eq({k: v for k, v in rows[(pair, "upstream")].items() if k not in strip},
                 {k: v for k, v in rows[(pair, "none")].items() if k not in strip},
                 f"{pair}: upstream == none (gate closed)")
    # an XGMI node move leaves VRAM MC addresses stale without a fix (upstream-history §1)
    check(rows[("gc944-node2-to-node5", "none")]["findings"]["stale-mc"] > 0,
          "gc944 node move, no fix: stale-mc")
    # upstream on gc944: PDB0 keeps MC addresses (2f405eb45c55) -> fewer stale MCs than none
    check(rows[("gc944-node2-to-node5", "upstream")]["findings"]["stale-mc"] <
          rows[("gc944-node2-to-node5", "none")]["findings"]["stale-mc"],
          "gc944: upstream has fewer stale-mc than none")
    # p2-pinfix keeps pattern 2's pin count balanced: no pin-leak on any pair
    for pair in PAIRS:
        check_eq(rows[(pair, "p2-pinfix")]["findings"]["pin-leak"], 0, f"{pair}: p2-pinfix")
    # only the identity pair changes identity values; only the BAR pair moves BARs
    for pair in PAIRS:
        for fix in FIXES:
            f = rows[(pair, fix)]["findings"]
            check_eq(f["identity-changed"] > 0, pair == "gc944-identity",
                     f"{pair}/{fix}: identity-changed")
            check_eq(f["bar-moved"] > 0, pair == "gc944-bars", f"{pair}/{fix}: bar-moved")


@test
def jobs_give_the_same_counts():
    one = full_json()
    for jobs in ("1", "2", "5"):
        doc = ok_json("--jobs", jobs, "--json")
        check_eq(doc, one, f"--jobs {jobs} == --jobs 1")


@test
def shards_merge_to_the_unsharded_counts():
    full = full_json()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        runs = []
        for i in (1, 2, 3):
            doc = ok_json("--shard", f"{i}/3", "--json")
            check_eq(doc["combinations"], COMBINATIONS, f"shard {i}/3: combinations")
            check_eq([doc["shard"], doc["shards"]], [i, 3], f"shard {i}/3: shard, shards")
            # a slice names its sweep, so a merge can tell whose it is
            check_eq(sorted(doc["sweep"]), ["digest", "selection", "version", "worst"],
                     f"shard {i}/3: its sweep's identity")
            text = gmcsim("sweep", "--shard", f"{i}/3").out.splitlines()[0]
            check(text.startswith(f"gmcsim sweep: shard {i} of 3: ") and "merged" not in text,
                  f"a slice's text says it is one and never that it was merged: {text!r}")
            runs.append(sum(row["runs"] for row in doc["rows"]))
            # a shard's slice does not depend on the threads that run it
            check_eq(ok_json("--shard", f"{i}/3", "--jobs", "2", "--json"), doc,
                     f"shard {i}/3 with --jobs 2")
            path = os.path.join(tmp, f"shard{i}.json")
            write(path, json.dumps(doc))
            paths.append(path)
        check_eq(sum(runs), COMBINATIONS, "the shards' runs add up to every combination")
        check(max(runs) - min(runs) <= 1, f"the shards are even: {runs}")
        merged = ok_json("--merge", "--json", *paths)
        check_eq(merged, full, "the merged document is the unsharded one")
        merged = ok_json("--merge", "--json", paths[2], paths[0], paths[1])
        check_eq(merged["rows"], full["rows"], "merge order does not matter")
        r = gmcsim("sweep", "--merge", "--csv", *paths)
        check_eq(r.status, 0, "--merge --csv")
        check_eq(r.out, gmcsim("sweep", "--csv").out, "merged CSV == unsharded CSV")
        r = gmcsim("sweep", "--merge", *paths)
        check_eq(r.status, 0, "--merge (text)")
        check("merged" in r.out.splitlines()[0], f"text says merged: {r.out.splitlines()[0]!r}")
        # one shard of one is the whole sweep
        check_eq(ok_json("--shard", "1/1", "--json")["rows"], full["rows"], "--shard 1/1")
        # the shards of one selection merge only under that selection
        r = gmcsim("sweep", "--fix", "none", "--merge", *paths)
        check_usage_error(r, "a shard of another sweep", "--merge under another selection")


@test
def bad_shard_and_jobs_exit_2():
    for value in ("0/2", "3/2", "x", "1/0", "2", "1/", "/2", "a/b", "-1/2", "1/2/3"):
        check_usage_error(gmcsim("sweep", "--shard", value), "--shard", f"--shard {value!r}")
    for value in ("0", "x", "-1", "257", "1.5", ""):
        check_usage_error(gmcsim("sweep", "--jobs", value), "--jobs", f"--jobs {value!r}")
    check_usage_error(gmcsim("sweep", "--json", "--csv"), "--csv", "--json --csv")
    check_usage_error(gmcsim("sweep", "--bogus"), "--bogus", "--bogus")
    check_usage_error(gmcsim("sweep", "--jobs"), "--jobs", "--jobs without a value")


@test
def bad_merge_exit_2():
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "text": "not json\n",
            "object": json.dumps({"hello": "world"}),
            "array": "[]",
            "rows-not-array": json.dumps({"rows": {}}),
            "unknown-pair": json.dumps({"rows": [{"pair": "nosuch", "fix": "none",
                                                  "runs": 1, "findings": {}}]}),
            "unknown-fix": json.dumps({"rows": [{"pair": "gc944-identity", "fix": "nosuch",
                                                 "runs": 1, "findings": {}}]}),
            "profile": gmcsim("profile", "show", "gc944-vf-node2", "--json").out,
            "check": gmcsim("check", "--json").out,
        }
        for name, text in files.items():
            path = os.path.join(tmp, name + ".json")
            write(path, text)
            check_usage_error(gmcsim("sweep", "--merge", path), path, f"--merge {name}")
        # the whole sweep's JSON is no shard: it says nothing of the sweep it belongs to
        whole = os.path.join(tmp, "whole.json")
        write(whole, json.dumps(full_json()))
        check_usage_error(gmcsim("sweep", "--merge", whole), "not a shard", "--merge of a whole run")
        good = os.path.join(tmp, "good.json")
        write(good, gmcsim("sweep", "--shard", "1/1", "--json").out)
        check_eq(gmcsim("sweep", "--merge", good).status, 0, "--merge of a real shard")
        missing = os.path.join(tmp, "missing.json")
        check_usage_error(gmcsim("sweep", "--merge", good, missing), missing, "missing file")
        check_usage_error(gmcsim("sweep", "--merge"), "--merge", "--merge without files")
        check_usage_error(gmcsim("sweep", good), "--merge", "a file without --merge")


@test
def selectors_make_the_space():
    """The space is the product of what the selectors give (sweep --help)."""
    with tempfile.TemporaryDirectory() as tmp:
        fix = os.path.join(tmp, "msix.json")
        write(fix, json.dumps({"fix": "msix-only", "layout": "pre-6.17",
                               "resume": [{"do": ["msix"]}]}))
        doc = ok_json("--pair", "gc944-node2-to-node5,navi21-fb-offset", "--blocks", "psp,gfx",
                      "--fix", "none", "--fix-file", fix, "--swap-at", "after-suspend,resume:*",
                      "--cycles", "1", "--json")
        # 2 pairs x 2 blocks x 2 fixes x 2 swap points x 1 cycle count
        check_eq(doc["combinations"], 16, "combinations")
        check_eq([(r["pair"], r["fix"]) for r in doc["rows"]],
                 [(p, f) for p in ("gc944-node2-to-node5", "navi21-fb-offset")
                  for f in ("none", "msix-only")], "rows: pairs x fixes")
        check(all(r["runs"] == 4 for r in doc["rows"]), "each row: 2 blocks x 2 swaps x 1")
        # a node move loses the MSI-X table in each of the 4 runs without a fix; restoring
        # it before the IP blocks resume (4108c2be12eb) helps the 2 runs that swap before
        # resume starts, not the 2 that swap later, before a block's resume (resume:*)
        rows = {(r["pair"], r["fix"]): r for r in doc["rows"]}
        check_eq(rows[("gc944-node2-to-node5", "none")]["findings"]["msix-stale"], 4,
                 "none: msix-stale on a node move")
        check_eq(rows[("gc944-node2-to-node5", "msix-only")]["findings"]["msix-stale"], 2,
                 "msix-only: only where the swap comes after the restore")
        # a user's block, alone
        block = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                             "examples", "block-myip.json")
        doc = ok_json("--pair", "navi21-fb-offset", "--blocks", "none", "--block-file", block,
                      "--fix", "none", "--cycles", "1", "--json")
        check_eq(doc["combinations"], 6, "one pair x one block x one fix x 6 swap points")
    check_usage_error(gmcsim("sweep", "--swap-at", "resume:psp"), "resume:*",
                      "a per-block swap point names the block under test")
    check_usage_error(gmcsim("sweep", "--from", "gc944-vf-node2"), "--to", "--from alone")


@test
def node_pairs_count():
    """Every ordered pair of distinct node ids: gc944, gc943, gc950, aldebaran have 8-node
    hives (XGMI_LFB_CNTL 0x72: PF_MAX_REGION 7), 8 x 7 = 56 pairs each; vega20 a 4-node
    one (0x31), 4 x 3 = 12; gc1100 and navi21 have no XGMI: 4 x 56 + 12 = 236."""
    doc = ok_json("--generate", "node-pairs", "--blocks", "ih", "--fix", "none", "--swap-at",
                  "after-suspend", "--cycles", "1", "--json")
    check_eq(doc["combinations"], 236, "node-pairs combinations")
    pairs = {r["part"]: r["pairs"] for r in doc["rows"]}
    check_eq(pairs, {"gc944": 56, "gc943": 56, "gc950": 56, "vega20": 12, "aldebaran": 56},
             "pairs per part")
    check(all(r["changes"] == "xgmi node id" for r in doc["rows"]), "only node ids change")


@test
def random_is_reproducible_and_replayable():
    args = ["--generate", "random:40", "--blocks", "psp,ih", "--fix", "none,upstream",
            "--cycles", "1", "--json"]
    a = ok_json(*args, "--seed", "7")
    check_eq(ok_json(*args, "--seed", "7"), a, "the same seed draws the same pairs")
    check(ok_json(*args, "--seed", "8") != a, "another seed draws others")
    check_eq(sum(r["pairs"] for r in a["rows"] if r["fix"] == "none"), 40, "40 pairs")
    check_usage_error(gmcsim("sweep", "--generate", "random:5"), "--seed", "random needs a seed")
    # the worst run replays with check from the pair's saved profiles
    r = gmcsim("sweep", *args[:-1], "--seed", "7", "--worst", "1", "--json")
    worst = json.loads(r.out)["worst"][0]
    with tempfile.TemporaryDirectory() as tmp:
        command = worst["command"].replace("--out-dir .", f"--out-dir {tmp}")
        command = command.replace(f"--from {worst['pair']}", f"--from {tmp}/{worst['pair']}")
        command = command.replace(f"--to {worst['pair']}", f"--to {tmp}/{worst['pair']}")
        save, replay = command.split(" && ")
        check_eq(gmcsim(*shlex.split(save)[1:]).status, 0, "--save-pair")
        r = gmcsim(*shlex.split(replay)[1:], "--json")
        check_eq(r.status, 1, f"the replayed run fails: {r.err}")
        got = json.loads(r.out)["runs"][0]["findings"]
        check_eq(len(got), worst["findings"], "it finds what the sweep counted")


@test
def generated_shards_merge_to_the_unsharded_run():
    args = ["--generate", "fb-offsets", "--blocks", "gmc,psp", "--fix", "none,rfc", "--cycles",
            "1,2", "--worst", "4"]
    full = ok_json(*args, "--json")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in (1, 2, 3, 4):
            path = os.path.join(tmp, f"s{i}.json")
            write(path, gmcsim("sweep", *args, "--shard", f"{i}/4", "--json", "--jobs", "2").out)
            paths.append(path)
        check_eq(ok_json(*args, "--merge", "--json", *paths[::-1]), full,
                 "merge == unsharded, rows and worst")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run(TESTS)


@test
def sweep_honours_the_migrate_gate():
    # A site that exists only with PDB0 (amdgpu_gmc_is_pdb0_enabled(): connected_to_cpu,
    # or the 6.17 XGMI-migrate gate) and keeps a physical address, which moves by 3
    # segments on the gc944 pair in either layout. The gc944 VF is not connected to the
    # CPU: under `none` the BO is never created; under `upstream` the gate is open, the
    # BO exists and its kept address is stale. The sweep caches presence per pair and
    # must tell the two apart as `check` does.
    block = {"block": "pdb0user", "order": 5, "sites": [{
        "name": "s", "create": "sw_init", "free_in": "sw_fini", "domain": "vram",
        "size": 4096, "cache": "field", "addr": "pa", "consume": ["hw_init", "resume"],
        "exists": {"pdb0": True}}]}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "pdb0.json")
        write(path, json.dumps(block))
        args = ("--pair", "gc944-node2-to-node5", "--blocks", "none", "--block-file", path,
                "--fix", "none,upstream", "--swap-at", "after-suspend", "--cycles", "1")
        r = gmcsim("check", *args, "--json")
        check_eq(r.status, 1, f"check exit ({r.err!r})")
        runs = {run["fix"]: run for run in r.json()["runs"]}
        sites = {fix: {f["site"] for f in run["findings"] if f["block"] == "pdb0user"}
                 for fix, run in runs.items()}
        check_eq(sites, {"none": set(), "upstream": {"s"}}, "check: the site only with the gate")
        r = gmcsim("sweep", *args, "--json")
        check_eq(r.status, 0, f"sweep exit ({r.err!r})")
        rows = {row["fix"]: row["findings"] for row in r.json()["rows"]}
        # upstream keeps no gmc field stale on this pair: its one stale-pa is the site's
        check_eq(rows["upstream"]["stale-pa"], 1, "sweep: upstream sees the site")
        check_eq(rows["upstream"]["cross-segment"], 1, "sweep: ... in another segment")


if __name__ == "__main__":
    sys.exit(main())
