#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of fix strategies as data: `gmcsim fix`, `check --fix-file` and
fix files in scenarios. TAP output.

usage: test-fix-cli.py GMCSIM

Expectations come from docs/fixes.md, the catalog files (sim/catalog/*.json)
and upstream-history.md; none is copied from gmcsim's own output. Where a
test compares two runs, the claim that they must agree is the documented
behaviour (a fix file printed by `fix show --json` is the strategy), or the
issue's own statement (the 6.17 gate opened on GC 9.4.3 makes the gc943 pair
behave as upstream does on gc944, whose profiles hold the same registers:
docs/profiles.md).
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

import tap

GMCSIM = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))

FIXES = ["none", "rfc", "rfc-all", "p2-pinfix", "upstream"]
PAIRS = ["gc944-node2-to-node5", "gc944-multi-vf-node2-to-node5", "gc943-node2-to-node5",
         "gc950-node2-to-node5", "gc1100-fb-location", "vega20-node1-to-node3",
         "aldebaran-a-a-node2-to-node5", "navi21-fb-offset", "gc944-identity", "gc944-bars"]


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


def gmcsim(*args):
    return Result(subprocess.run(WRAPPER + [GMCSIM, *args], capture_output=True, text=True,
                                 check=False))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def check_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def check_json(*args):
    r = gmcsim("check", *args, "--json")
    check(r.status in (0, 1), f"check {' '.join(args)}: exit {r.status}: {r.err.strip()}")
    return json.loads(r.out)


def findings(doc, fix):
    run = next(run for run in doc["runs"] if run["fix"] == fix)
    return {(f["kind"], f["block"], f["site"], f["step"]) for f in run["findings"]}


def check_refused(r, needle, what):
    check_eq(r.status, 2, f"{what}: exit status (stderr {r.err.strip()!r})")
    check_eq(r.out, "", f"{what}: nothing on stdout")
    check(re.fullmatch(r"gmcsim (check|fix show): E[A-Z0-9]+: [^\n]+\n", r.err) is not None,
          f"{what}: one 'gmcsim CMD: ERRNO: message' line, got {r.err!r}")
    check(needle in r.err, f"{what}: the message should say {needle!r}: {r.err!r}")


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def fix_list():
    r = gmcsim("fix", "list", "--json")
    check_eq(r.status, 0, f"fix list --json ({r.err})")
    doc = json.loads(r.out)
    check_eq([s["name"] for s in doc], FIXES, "the built-ins, in enum gmcsim_fix order")
    # only the 6.17 series runs the 6.17 layout code (upstream-history.md §2)
    check_eq({s["name"]: s["layout"] for s in doc},
             {f: "6.17" if f == "upstream" else "pre-6.17" for f in FIXES}, "layout codes")
    r = gmcsim("fix", "list")
    check_eq(r.status, 0, "fix list")
    for f in FIXES:
        check(re.search(rf"^{re.escape(f)}\s", r.out, re.M), f"fix list names {f}")


@test
def builtins_round_trip_on_every_pair():
    """`fix show NAME --json` is the strategy: run as a fix file it finds exactly what --fix does."""
    with tempfile.TemporaryDirectory() as tmp:
        for fix in FIXES:
            r = gmcsim("fix", "show", fix, "--json")
            check_eq(r.status, 0, f"fix show {fix} --json")
            path = os.path.join(tmp, fix + ".json")
            write(path, r.out)
            # the printed file reads back into the same file
            check_eq(gmcsim("fix", "show", path, "--json").out, r.out, f"{fix}: show FILE")
            for pair in PAIRS:
                extra = ["--swap-at", "before-suspend,after-suspend,after-resume", "--cycles",
                         "1,2"]
                a = gmcsim("check", "--pair", pair, "--fix", fix, "--json", *extra)
                b = gmcsim("check", "--pair", pair, "--fix-file", path, "--json", *extra)
                check_eq((b.status, b.out, b.err), (a.status, a.out, a.err),
                         f"{fix} on {pair}: --fix-file == --fix")
            a = gmcsim("check", "--fix", fix)
            b = gmcsim("check", "--fix-file", os.path.join(tmp, fix + ".json"))
            check_eq(b.out, a.out, f"{fix}: the text report too")


@test
def gate_opened_on_gc943_behaves_as_upstream_on_gc944():
    """upstream's gate is a GC 9.4.4 VF; open it on 9.4.3 too and the gc943 pair, whose
    profiles hold the registers of the gc944 pair, finds what upstream finds on gc944."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "gate943.json")
        write(path, json.dumps({
            "fix": "gate943",
            "layout": "6.17",
            "gate": {"sriov": "vf", "gc": "9.4.3,9.4.4"},
            "resume": [{"when": {"gate": True, "sriov": "vf"},
                        "do": ["xgmi_info", "vram_base_offset", "msix"]}],
            "fb_aper": {"upstream_fb_aper": True},
        }))
        mine = check_json("--pair", "gc943-node2-to-node5", "--fix-file", path)
        ref = check_json("--pair", "gc944-node2-to-node5", "--fix", "upstream")
        check(mine["runs"][0]["gate"], "the gate is open on the gc943 VF")
        check_eq(mine["runs"][0]["findings"], ref["runs"][0]["findings"],
                 "gc943 with the gate open == gc944 under upstream")
        # upstream itself keeps the gate closed on 9.4.3, so there it finds more
        up943 = check_json("--pair", "gc943-node2-to-node5", "--fix", "upstream")
        check(not up943["runs"][0]["gate"], "upstream: the gate is closed on gc943")
        check(findings(up943, "upstream") > findings(mine, "gate943"),
              "gc943 under upstream finds what the opened gate removes")


@test
def refresh_only_psp_and_smu():
    """A strategy whose helper re-reads only PSP's and SMU's kept addresses on resume.
    The catalog's PSP and SMU sites on a GC 9.4.4 VF that keep a field or derived MC
    address the driver uses on resume (psp.json, smu.json: cache, consume): psp fw_pri,
    fence_buf, cmd_buf, km_ring, ta_xgmi, ucode_fw_buf, ucode_mc_addr and smu
    driver_table. Re-read, their stale-mc and cross-segment at resume go; nothing else
    changes (the gmc fields, other blocks, MSI-X, firmware state)."""
    refreshed = [("psp", s) for s in ("fw_pri", "fence_buf", "cmd_buf", "km_ring", "ta_xgmi",
                                      "ucode_fw_buf", "ucode_mc_addr")] + [("smu", "driver_table")]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "psp-smu.json")
        write(path, json.dumps({"fix": "psp-smu", "layout": "pre-6.17",
                                "refresh": {"blocks": ["psp", "smu"]}}))
        doc = check_json("--fix", "none", "--fix-file", path)
        none, mine = findings(doc, "none"), findings(doc, "psp-smu")
        gone = {(k, b, s, f"cycle 1 resume {b}") for b, s in refreshed
                for k in ("stale-mc", "cross-segment")}
        check(gone <= none, f"without a fix each is stale at resume: {sorted(gone - none)}")
        check_eq(mine, none - gone, "only the refreshed sites' stale addresses go")


@test
def restore_msix_only():
    """Only amdgpu_restore_msix() on resume (4108c2be12eb): the new VF's MSI-X table
    is programmed, so msix-stale goes on a node move; every address stays stale."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "msix.json")
        write(path, json.dumps({"fix": "msix-only", "layout": "pre-6.17",
                                "resume": [{"do": ["msix"]}]}))
        doc = check_json("--fix", "none", "--fix-file", path)
        none, mine = findings(doc, "none"), findings(doc, "msix-only")
        lost = ("msix-stale", "ih", "msix", "cycle 1 resume")
        check(lost in none, "without a fix the IH loses its interrupts")
        check_eq(mine, none - {lost}, "msix-stale goes, nothing else")


@test
def fix_files_mix_with_builtins_and_scenarios():
    with tempfile.TemporaryDirectory() as tmp:
        write(os.path.join(tmp, "msix.json"),
              json.dumps({"fix": "msix-only", "layout": "pre-6.17", "resume": [{"do": ["msix"]}]}))
        doc = check_json("--fix-file", os.path.join(tmp, "msix.json"), "--fix", "none,upstream")
        check_eq([r["fix"] for r in doc["runs"]], ["none", "upstream", "msix-only"],
                 "the built-ins in their order, then the files")
        doc = check_json("--fix-file", os.path.join(tmp, "msix.json"))
        check_eq([r["fix"] for r in doc["runs"]], ["msix-only"], "a file alone runs alone")
        doc = check_json("--fix-file", os.path.join(tmp, "msix.json"), "--blocks", "psp")
        check_eq([r["fix"] for r in doc["runs"]], ["msix-only"], "--blocks keeps the fix files")
        # a scenario's fix_files are relative to the scenario
        write(os.path.join(tmp, "scenario.json"),
              json.dumps({"pair": "navi21-fb-offset", "fixes": ["none"], "fix_files": ["msix.json"]}))
        doc = check_json("--scenario", os.path.join(tmp, "scenario.json"))
        check_eq([r["fix"] for r in doc["runs"]], ["none", "msix-only"], "scenario fix_files")
        check_eq(doc["from"], "navi21-vf-a", "the scenario's pair")


@test
def bad_fix_files_exit_2():
    big = "x" * ((16 << 20) + 1)
    cases = {
        "unknown-key": ({"fix": "a", "layout": "pre-6.17", "refresh_all": True}, "refresh_all"),
        "wrong-type": ({"fix": "a", "layout": "pre-6.17", "recreate_unpins": "yes"},
                       "recreate_unpins"),
        "layout-value": ({"fix": "a", "layout": "6.16"}, "layout"),
        "unknown-part": ({"fix": "a", "layout": "6.17", "gate": {"sriov": "vf", "gc": "9.9.9"}},
                         "gate[0].gc"),
        "empty": ({"fix": "a"}, "an empty strategy"),
        "no-name": ({"layout": "pre-6.17"}, "fix"),
        "gate-without-6.17": ({"fix": "a", "layout": "pre-6.17", "gate": False}, "gate"),
        "6.17-without-gate": ({"fix": "a", "layout": "6.17"}, "gate"),
        "fb-aper-without-6.17": ({"fix": "a", "layout": "pre-6.17", "fb_aper": {"all": True}},
                                 "fb_aper"),
        "refresh-a-register": ({"fix": "a", "layout": "pre-6.17",
                                "refresh": {"cache": ["register"]}}, "refresh.cache[0]"),
        "mc-init-without-xgmi": ({"fix": "a", "layout": "pre-6.17",
                                  "resume": [{"do": ["mc_init"]}]}, "resume[0].do"),
        "unknown-action": ({"fix": "a", "layout": "pre-6.17", "resume": [{"do": ["reboot"]}]},
                           "reboot"),
        "unknown-condition": ({"fix": "a", "layout": "pre-6.17",
                               "resume": [{"when": {"moon": "full"}, "do": ["msix"]}]}, "moon"),
        "empty-selection": ({"fix": "a", "layout": "pre-6.17", "refresh": {}}, "empty selection"),
        "bad-site-name": ({"fix": "a", "layout": "pre-6.17", "refresh": {"sites": ["psp"]}},
                          "block/site"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, (doc, needle) in cases.items():
            path = os.path.join(tmp, name + ".json")
            write(path, json.dumps(doc))
            check_refused(gmcsim("check", "--fix-file", path), needle, name)
            check_refused(gmcsim("fix", "show", path, "--json"), needle, f"fix show {name}")
        not_json = os.path.join(tmp, "not.json")
        write(not_json, "{\"fix\": \"a\", \"layout\": \"pre-6.17\",}")
        check_refused(gmcsim("check", "--fix-file", not_json), "not.json", "trailing comma")
        check_refused(gmcsim("check", "--fix-file", tmp), "is a directory", "a directory")
        huge = os.path.join(tmp, "huge.json")
        write(huge, big)
        check_refused(gmcsim("check", "--fix-file", huge), "larger than 16 MiB", "a huge file")
        if os.path.exists("/dev/zero"):
            check_refused(gmcsim("check", "--fix-file", "/dev/zero"), "/dev/zero", "/dev/zero")
        check_refused(gmcsim("check", "--fix-file", os.path.join(tmp, "missing.json")),
                      "missing.json", "a missing file")
        # a file named like a built-in it runs next to is ambiguous
        same = os.path.join(tmp, "same.json")
        write(same, json.dumps({"fix": "none", "layout": "pre-6.17"}))
        check_refused(gmcsim("check", "--fix", "none", "--fix-file", same), "named 'none'",
                      "two strategies of one name")
        check_refused(gmcsim("fix", "show", "no-such-fix"), "neither a built-in", "fix show ?")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
