#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of `gmcsim scan`. TAP output.

usage: test-scan-cli.py GMCSIM DATA_DIR                 bad input, flags, no spatch needed
       test-scan-cli.py --fixtures GMCSIM DATA_DIR SPATCH
                                                        the fixture trees, with spatch; a
                                                        TAP skip (1..0 # SKIP) when SPATCH
                                                        is empty or does not run

The fixtures under DATA_DIR/scan are made-up blocks in the driver's style,
written for these tests: tree/ (a kernel top, block "xyz" and a device file)
and agree/ (an amd directory with one block "abc"). Each expectation below
is read off the fixture's source: the numbered comments (1)..(18) in
amdgpu_xyz.c say what each BO is, and the line numbers are found in the
source text by those markers, never taken from gmcsim's output.
docs/scan.md documents the exit statuses, the JSON keys and the classes.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import tap

GMCSIM = DATA = SPATCH = None
XYZ = os.path.join("amdgpu", "amdgpu_xyz.c")  # relative to the amd directory
TREE_AMD = ("drivers", "gpu", "drm", "amd")

# docs/scan.md "JSON": the report's keys, a site's keys, a comparison row's keys.
REPORT_KEYS = {"tree", "complete", "files", "sites", "comparison", "problems", "gave_up"}
SITE_KEYS = {"block", "name", "class", "file", "line", "function", "helper", "slot", "gpu_addr",
             "cpu_addr", "size", "domain_expr", "domain", "keep", "create", "create_hooks",
             "create_via", "path", "lazy", "recreate_on_resume", "free_in", "consume", "refresh",
             "gc", "exists", "consumed", "guards", "consumed_guards", "frees", "uses"}
ROW_KEYS = {"status", "block", "site", "scanned", "facts"}
FACT_KEYS = {"key", "verdict", "catalog", "tree", "evidence"}
# docs/scan.md: the facts compared, one table entry each
FACTS = ["create", "resume", "free_in", "domain", "cache", "consume", "gc"]
# catalog v2 keys the drafts carry beyond v1 (docs/scan.md "Draft block files")
V2_KEYS = {"exists", "consumed", "cite", "status", "note"}


def run(*args, env=None, timeout=300):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run([GMCSIM, "scan"] + list(args), capture_output=True, text=True,
                          env=e, timeout=timeout)


def scan_args():
    """What every fixture scan passes: the spatch found by meson, two processes."""
    return ["--spatch", SPATCH, "--jobs", "2"]


def tree():
    return os.path.join(DATA, "scan", "tree")


def amd_dir(top):
    return os.path.join(top, *TREE_AMD)


def line_of(path, marker, token):
    """The line of the first @token after the line holding @marker in @path."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i, l in enumerate(lines) if marker in l)
    return next(i for i in range(start, len(lines)) if token in lines[i]) + 1


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def status_is(r, want):
    expect(r.returncode == want,
           f"exit {r.returncode}, want {want}\nstdout: {r.stdout[-2000:]}\nstderr: {r.stderr[-2000:]}")


# ---------------------------------------------------------------------------
# Without spatch: bad input and flags
# ---------------------------------------------------------------------------

def test_missing_dir():
    r = run(os.path.join(DATA, "scan", "no-such-tree"))
    status_is(r, 2)
    expect("ENOENT" in r.stderr and r.stdout == "", r.stderr)


def test_file_instead_of_tree():
    r = run(os.path.join(tree(), "Makefile"))
    status_is(r, 2)
    expect("EINVAL" in r.stderr and "is a file" in r.stderr, r.stderr)


def test_tree_without_amdgpu():
    # DATA/scan holds the fixtures, but no amdgpu/ and no drivers/gpu/drm/amd/amdgpu
    r = run(os.path.join(DATA, "scan"))
    status_is(r, 2)
    expect("ENODEV" in r.stderr and "no amdgpu" in r.stderr, r.stderr)


def built_without_coccinelle(r):
    """-Dcoccinelle=disabled: every scan of a good tree says so instead (docs/scan.md)."""
    return r.returncode == 2 and "-Dcoccinelle=disabled" in r.stderr


def test_spatch_missing():
    r = run("--spatch", "/nonexistent/spatch", tree())
    status_is(r, 2)
    if built_without_coccinelle(r):
        return
    expect("install Coccinelle" in r.stderr and "apt-get install coccinelle" in r.stderr,
           r.stderr)
    r = run(tree(), env={"GMCSIM_SPATCH": "/nonexistent/spatch"})
    status_is(r, 2)
    expect("install Coccinelle" in r.stderr, r.stderr)


def test_spatch_failing():
    with tempfile.TemporaryDirectory() as tmp:
        fake = os.path.join(tmp, "spatch")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\necho 'broken install' >&2\nexit 1\n")
        os.chmod(fake, 0o755)
        r = run("--spatch", fake, tree())
    status_is(r, 2)
    expect("--version failed" in r.stderr or built_without_coccinelle(r), r.stderr)


def test_flags():
    status_is(run(), 2)
    status_is(run("--frobnicate", tree()), 2)
    status_is(run("--jobs", "0", tree()), 2)
    status_is(run("--jobs", "x", tree()), 2)
    status_is(run("--vocabulary", "v3", tree()), 2)
    status_is(run(tree(), tree()), 2)
    r = run("--against", os.path.join(DATA, "scan", "no-such-block.json"), tree())
    status_is(r, 2)
    expect("no-such-block.json" in r.stderr, r.stderr)
    r = run("--help")
    status_is(r, 0)
    for flag in ("--against", "--json", "--write-blocks", "--vocabulary", "--jobs", "--spatch"):
        expect(flag in r.stdout, f"--help does not mention {flag}")
    r = subprocess.run([GMCSIM, "--help"], capture_output=True, text=True)
    expect(re.search(r"^  scan ", r.stdout, re.M), "gmcsim --help does not list scan")


# ---------------------------------------------------------------------------
# With spatch: the fixtures
# ---------------------------------------------------------------------------

REPORT = None


def report():
    """The JSON report of the xyz fixture, without a comparison (scanned once)."""
    global REPORT
    if REPORT is None:
        r = run(*scan_args(), "--json", "--against", "none", tree())
        status_is(r, 0)
        REPORT = json.loads(r.stdout)
    return REPORT


def site(name, block="xyz"):
    found = [s for s in report()["sites"] if s["name"] == name and s["block"] == block]
    expect(len(found) == 1, f"{block}/{name}: {len(found)} sites")
    return found[0]


def xyz_line(marker, token="amdgpu_bo_create"):
    return line_of(os.path.join(amd_dir(tree()), XYZ), marker, token)


def test_json_shape():
    rep = report()
    expect(set(rep) == REPORT_KEYS - {"comparison"}, sorted(rep))
    expect(rep["tree"]["kernel"] == "6.99" and rep["tree"]["version"] == "6.99.1",
           rep["tree"])  # the fixture's Makefile: VERSION 6, PATCHLEVEL 99, SUBLEVEL 1
    expect(rep["complete"] is True and rep["problems"] == [], rep["problems"])
    expect(rep["files"]["c"] == 2, rep["files"])  # amdgpu_xyz.c, amdgpu_device.c
    for s in rep["sites"]:
        expect(SITE_KEYS <= set(s), f"{s['name']}: missing {SITE_KEYS - set(s)}")


def test_sw_init_field():
    # (1): created in sw_init (xyz_ring_init, called by xyz_sw_init), address in a field,
    # read by xyz_v1_start_ring on hw_init and resume, freed in xyz_sw_fini
    s = site("ring")
    expect(s["line"] == xyz_line("(1)") and s["function"] == "xyz_ring_init", s)
    expect((s["create"], s["lazy"], s["recreate_on_resume"], s["free_in"]) ==
           ("sw_init", False, False, "sw_fini"), s)
    expect(s["domain"] == "gtt" and s["keep"] == "field" and s["class"] == "candidate", s)
    expect({"hw_init", "resume"} <= set(s["consume"]), s["consume"])
    expect(s["create_via"] == "xyz_ip_funcs.sw_init", s["create_via"])


def test_p1_hw_init_free_in_suspend():
    # (2): created by xyz_load_fw on the hw path (hw_init, and resume through
    # xyz_resume -> xyz_hw_init), freed in xyz_hw_fini, which xyz_suspend calls
    s = site("fw")
    expect(s["line"] == xyz_line("(2)"), s["line"])
    expect((s["create"], s["recreate_on_resume"], s["free_in"]) == ("hw_init", True, "suspend"), s)
    expect(s["domain"] == "vram", s["domain"])


def test_p2_recreated_on_resume():
    # (3): xyz_start runs at hw_init and resume and creates ctx each time; freed in sw_fini
    s = site("ctx")
    expect(s["line"] == xyz_line("(3)"), s["line"])
    expect((s["create"], s["lazy"], s["recreate_on_resume"], s["free_in"]) ==
           ("hw_init", False, True, "sw_fini"), s)
    expect(s["domain"] == "vram|gtt", s["domain"])


def test_lazy():
    # (4): the same path, but only while adev->xyz.tmr_bo is NULL
    s = site("tmr")
    expect(s["line"] == xyz_line("if (!adev->xyz.tmr_bo)"), s["line"])
    expect((s["create"], s["lazy"], s["recreate_on_resume"]) == ("hw_init", True, False), s)


def test_sriov_early_return():
    # (5): xyz_mbox_init returns early unless amdgpu_sriov_vf(); (18): the one reader runs
    # only on a VF too
    s = site("mbox")
    expect(s["exists"] == {"sriov": "vf"}, s["exists"])
    expect(s["consumed"] == {"sriov": "vf"}, s["consumed"])


def test_ternary_domain():
    # (6): amdgpu_sriov_vf(adev) ? VRAM : GTT -> GTT on bare metal, VRAM on a VF
    s = site("log")
    expect(s["domain"] == "gtt" and s.get("domain_sriov") == "vram", s)


def test_function_pointer_table():
    # (8): xyz_sw_init calls adev->xyz.funcs->init_queue, installed as &xyz_v1_funcs
    s = site("queue")
    expect(s["function"] == "xyz_v1_init_queue" and s["create"] == "sw_init", s)
    expect("xyz_sw_init" in s["path"], s["path"])


def test_derived():
    # (7): fence_gpu_addr = ring_gpu_addr + XYZ_FENCE_OFFSET, read by xyz_v1_start_ring
    s = site("fence")
    ring = report()["sites"].index(site("ring"))
    expect(s["keep"] == "derived" and s["parent"] == ring, s)
    expect(s["offset"] == "XYZ_FENCE_OFFSET", s["offset"])
    expect({"hw_init", "resume"} <= set(s["consume"]), s["consume"])


def test_derived_parent_by_third_member():
    # (20) in amdgpu_device.c: xyz_fence_addr = adev->xyz.scratch.gpu_addr + 0x40. The
    # device's own adev->scratch.gpu_addr (17), created in the same file, shares the last
    # two members "scratch.gpu_addr"; the third, xyz, names the parent: xyz/scratch (19).
    # (In 6.17, UVD's fence copy of adev->uvd.inst[].gpu_addr was filed under vcn.)
    s = site("xyz_fence")
    sites = report()["sites"]
    expect(s["keep"] == "derived" and s["parent"] == sites.index(site("scratch")), s)
    expect(sites.index(site("scratch")) != sites.index(site("scratch", "device")), "two parents")
    expect(s["offset"] == "0x40", s["offset"])
    # read in amdgpu_device_program_scratch: from amdgpu_device_ip_init (device init, sw_init)
    # and amdgpu_device_ip_resume
    expect({"sw_init", "resume"} <= set(s["consume"]), s["consume"])


def test_derived_passed_to_a_keeper():
    # (21): xyz_ring_init passes ring_gpu_addr + XYZ_SLOT_OFFSET to xyz_slot_init, whose
    # second parameter mc_addr is stored in slot->mc_addr (its first, kptr, in slot->kptr:
    # a CPU pointer, no site); xyz_v1_start_ring reads adev->xyz.slot.mc_addr on hw_init
    # and resume
    s = site("mc")
    sites = report()["sites"]
    expect(s["keep"] == "derived" and s["parent"] == sites.index(site("ring")), s)
    expect(s["function"] == "xyz_slot_init" and s["gpu_addr"] == "slot->mc_addr", s)
    expect(s["line"] == line_of(os.path.join(amd_dir(tree()), XYZ), "(21) a derived",
                                "slot->mc_addr = mc_addr"), s["line"])
    expect(s["offset"] == "XYZ_SLOT_OFFSET", s["offset"])
    expect({"hw_init", "resume"} <= set(s["consume"]), s["consume"])
    expect(not [x for x in sites if x["gpu_addr"] == "slot->kptr"], "a CPU pointer is no site")


def test_helper_from_two_hooks():
    # (10): xyz_alloc_buf(adev, &adev->xyz.cmd) from sw_init, (&adev->xyz.event) from
    # hw_init (so again on resume); both freed by xyz_free_buf in sw_fini
    cmd, event = site("cmd"), site("event")
    line = xyz_line("(10)")
    expect(cmd["line"] == line and event["line"] == line, (cmd["line"], event["line"]))
    expect(cmd["create"] == "sw_init" and not cmd["recreate_on_resume"], cmd)
    expect(event["create"] == "hw_init" and event["recreate_on_resume"], event)
    expect(cmd["free_in"] == "sw_fini" and event["free_in"] == "sw_fini", (cmd, event))
    expect(cmd["slot"] == "&adev->xyz.cmd.bo", cmd["slot"])


def test_guards_ip_version_and_pg():
    # (11): a switch on the MP0 version, cases 13.0.6 and 13.0.14; (12): DPG pg flag
    expect(site("trace")["exists"] == {"mp0": ["13.0.6", "13.0.14"]}, site("trace")["exists"])
    expect(site("sram")["exists"] == {"pg": ["vcn_dpg"]}, site("sram")["exists"])


def test_classes():
    # (12) sram: nothing reads sram_gpu_addr; (13) a local BO freed in its function;
    # (14) nothing calls xyz_debug_dump
    expect(site("sram")["class"] == "not-reused", site("sram")["class"])
    selftest = [s for s in report()["sites"] if s["function"] == "xyz_selftest"]
    expect(len(selftest) == 1 and selftest[0]["class"] == "transient", selftest)
    expect(site("dump")["class"] == "unreached" and site("dump")["create"] is None, site("dump"))


def test_create_then_pin():
    # (15): amdgpu_bo_create + amdgpu_bo_pin(VRAM); the address stored by
    # amdgpu_bo_gpu_offset() right after, read by xyz_v1_start_ring
    s = site("pt")
    expect(s["helper"] == "amdgpu_bo_create+amdgpu_bo_pin" and s["domain"] == "vram", s)
    expect(s["keep"] == "field" and "resume" in s["consume"], s)


def test_fb_aper_refresh():
    # (16): xyz_resume stores amdgpu_bo_fb_aper_addr(log_bo) into log_gpu_addr
    s = site("log")
    expect(s["refresh"] == ["resume"], s["refresh"])
    expect(any(u.get("refresh") == "amdgpu_bo_fb_aper_addr" for u in s["uses"]), s["uses"])


def test_device_level():
    # (17): created by amdgpu_device_scratch_init from amdgpu_device_ip_init: sw_init
    s = site("scratch", block="device")
    expect(s["create"] == "sw_init" and s["free_in"] == "sw_fini", s)
    expect(s["create_via"] == "device: amdgpu_device_ip_init", s["create_via"])
    expect("resume" in s["consume"], s["consume"])


def test_against_block_file():
    # xyz-block.json: ring as the fixture has it, fw with GTT (the tree asks for VRAM),
    # ghost nowhere; every other candidate is new
    r = run(*scan_args(), "--json", "--against", os.path.join(DATA, "scan", "xyz-block.json"),
            tree())
    status_is(r, 1)
    rep = json.loads(r.stdout)
    expect(set(rep) == REPORT_KEYS, sorted(rep))
    cmp = rep["comparison"]
    rows = {(x["block"], x["site"]): x for x in cmp["rows"] if x["site"]}
    for row in cmp["rows"]:
        expect(ROW_KEYS <= set(row), row)
        for f in row["facts"]:
            expect(set(f) == FACT_KEYS, f)
    expect(rows[("xyz", "ring")]["status"] == "confirmed", rows[("xyz", "ring")])
    expect([f["key"] for f in rows[("xyz", "ring")]["facts"]] == FACTS, rows[("xyz", "ring")])
    fw = rows[("xyz", "fw")]
    expect(fw["status"] == "differing", fw)
    dom = next(f for f in fw["facts"] if f["key"] == "domain")
    expect((dom["verdict"], dom["catalog"], dom["tree"]) == ("differ", "gtt", "vram"), dom)
    expect(dom["evidence"].startswith(f"amdgpu_xyz.c:{xyz_line('(2)')} xyz_load_fw"),
           dom["evidence"])
    expect(rows[("xyz", "ghost")]["status"] == "missing", rows[("xyz", "ghost")])
    candidates = [s for s in rep["sites"] if s["class"] == "candidate"]
    # every candidate but ring and fw is new
    expect(cmp["counts"] == {"confirmed": 1, "differing": 1, "new": len(candidates) - 2,
                             "missing": 1, "unscannable": 0}, cmp["counts"])
    expect((cmp["recovered"], cmp["scannable"]) == (1, 3), cmp)
    # the text report says the same
    r = run(*scan_args(), "--against", os.path.join(DATA, "scan", "xyz-block.json"), tree())
    status_is(r, 1)
    expect("xyz/fw domain: catalog gtt; tree vram" in r.stdout, r.stdout)
    expect("1 confirmed, 1 differing" in r.stdout, r.stdout)


def test_agreeing_tree():
    # agree/: one block, one BO, described exactly by agree-block.json -> exit 0
    r = run(*scan_args(), "--against", os.path.join(DATA, "scan", "agree-block.json"),
            os.path.join(DATA, "scan", "agree"))
    status_is(r, 0)
    expect("1 confirmed, 0 differing, 0 new, 0 missing" in r.stdout, r.stdout)


def test_write_blocks():
    with tempfile.TemporaryDirectory() as tmp:
        v1, v2 = os.path.join(tmp, "v1"), os.path.join(tmp, "v2")
        status_is(run(*scan_args(), "--against", "none", "--vocabulary", "v1",
                      "--write-blocks", v1, tree()), 0)
        status_is(run(*scan_args(), "--against", "none", "--write-blocks", v2, tree()), 0)
        # the candidates' blocks: xyz and device
        expect(sorted(os.listdir(v1)) == ["scan-device.json", "scan-xyz.json"], os.listdir(v1))
        expect(sorted(os.listdir(v2)) == sorted(os.listdir(v1)), os.listdir(v2))
        for name in os.listdir(v1):
            path = os.path.join(v1, name)
            with open(path) as f:
                block = json.load(f)
            for s in block["sites"]:
                expect(not (V2_KEYS & set(s)), f"v1 draft {s['name']} has {V2_KEYS & set(s)}")
            # the v1 drafts load into gmcsim check as they are
            r = subprocess.run([GMCSIM, "check", "--block-file", path, "--fix", "none"],
                               capture_output=True, text=True)
            expect(r.returncode in (0, 1), f"check --block-file {name}: {r.returncode} {r.stderr}")
        with open(os.path.join(v2, "scan-xyz.json")) as f:
            xyz = {s["name"]: s for s in json.load(f)["sites"]}
        # not-reused and transient sites are no candidates: no draft
        expect("sram" not in xyz and "dump" not in xyz, sorted(xyz))
        expect(xyz["mbox"]["exists"] == {"sriov": "vf"} and
               xyz["mbox"]["consumed"] == {"sriov": "vf"}, xyz["mbox"])
        expect(xyz["trace"]["exists"] == {"mp0": ["13.0.6", "13.0.14"]}, xyz["trace"])
        expect("exists" not in xyz["ring"], xyz["ring"])
        cite = xyz["ring"]["cite"]
        expect(cite["kernel"] == "6.99" and cite["create"] == "amdgpu_xyz.c:xyz_ring_init" and
               cite["free"] == "amdgpu_xyz.c:xyz_sw_fini", cite)
        expect(xyz["ring"]["status"] == "uncertain" and xyz["ring"]["note"], xyz["ring"])
        # (16) refreshes log with amdgpu_bo_fb_aper_addr on resume; it has VRAM on a VF
        expect(xyz["log"]["upstream_fb_aper"] is True and xyz["ring"]["upstream_fb_aper"] is False,
               (xyz["log"], xyz["ring"]))
        expect(xyz["fw"]["create"] == "hw_init" and xyz["fw"]["recreate_on_resume"] and
               xyz["fw"]["free_in"] == "suspend", xyz["fw"])
        expect(xyz["fence"]["cache"] == "derived", xyz["fence"])
        # the catalog reads v2: the v2 drafts load into gmcsim check as they are
        for name in os.listdir(v2):
            r = subprocess.run([GMCSIM, "check", "--block-file", os.path.join(v2, name),
                                "--fix", "none"], capture_output=True, text=True)
            expect(r.returncode in (0, 1), f"check --block-file v2 {name}: {r.returncode} "
                   f"{r.stderr}")


def copy_tree(tmp):
    top = os.path.join(tmp, "tree")
    shutil.copytree(tree(), top, symlinks=True)
    return top


def test_unparsable_file():
    with tempfile.TemporaryDirectory() as tmp:
        top = copy_tree(tmp)
        with open(os.path.join(amd_dir(top), "amdgpu", "amdgpu_broken.c"), "w") as f:
            f.write("int xyz_broken_init(struct amdgpu_device *adev)\n{\n"
                    "\treturn amdgpu_bo_create_kernel(adev, PAGE_SIZE, +* ;\n}\n")
        r = run(*scan_args(), "--json", "--against", "none", top)
    status_is(r, 1)  # docs/scan.md: a site may be missing, so never 0
    expect("amdgpu/amdgpu_broken.c" in r.stderr, r.stderr)
    rep = json.loads(r.stdout)
    expect(rep["complete"] is False, rep["complete"])
    broken = [p for p in rep["problems"] if p["file"] == "amdgpu/amdgpu_broken.c"]
    expect(len(broken) == 1 and broken[0]["missed"], rep["problems"])
    # the scan went on: the other files' sites are all there
    expect(any(s["name"] == "ring" for s in rep["sites"]), "ring missing")


def test_unreadable_file():
    with tempfile.TemporaryDirectory() as tmp:
        top = copy_tree(tmp)
        gone = os.path.join(amd_dir(top), "amdgpu", "amdgpu_gone.c")
        os.symlink(os.path.join(tmp, "nowhere.c"), gone)
        locked = os.path.join(amd_dir(top), "amdgpu", "amdgpu_locked.c")
        with open(locked, "w") as f:
            f.write("int x;\n")
        os.chmod(locked, 0)
        r = run(*scan_args(), "--json", "--against", "none", top)
        os.chmod(locked, 0o644)
    status_is(r, 1)
    rep = json.loads(r.stdout)
    files = {p["file"]: p for p in rep["problems"]}
    expect("amdgpu/amdgpu_gone.c" in files and files["amdgpu/amdgpu_gone.c"]["missed"], files)
    expect("cannot read" in files["amdgpu/amdgpu_gone.c"]["what"], files)
    if os.geteuid() != 0:  # root reads a file whatever its mode
        expect("amdgpu/amdgpu_locked.c" in files, files)
    expect(rep["complete"] is False and any(s["name"] == "ring" for s in rep["sites"]), rep)


def test_spatch_fails_on_one_file():
    with tempfile.TemporaryDirectory() as tmp:
        top = copy_tree(tmp)
        with open(os.path.join(amd_dir(top), "amdgpu", "amdgpu_crash.c"), "w") as f:
            f.write("int xyz_crash_init(struct amdgpu_device *adev)\n{\n"
                    "\treturn amdgpu_bo_create_kernel(adev, PAGE_SIZE, PAGE_SIZE,\n"
                    "\t\tAMDGPU_GEM_DOMAIN_GTT, &adev->crash.bo, NULL, NULL);\n}\n")
        # a spatch that dies whenever its file list names amdgpu_crash.c
        fake = os.path.join(tmp, "spatch")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\nfor a in \"$@\"; do\n  case \"$a\" in\n"
                    "  *.lst) if grep -q amdgpu_crash \"$a\"; then exit 3; fi ;;\n"
                    "  esac\ndone\n"
                    f"exec '{SPATCH}' \"$@\"\n")
        os.chmod(fake, 0o755)
        r = run("--spatch", fake, "--jobs", "2", "--json", "--against", "none", top)
    status_is(r, 1)
    expect("amdgpu/amdgpu_crash.c" in r.stderr and "spatch failed" in r.stderr, r.stderr)
    rep = json.loads(r.stdout)
    expect(rep["complete"] is False, rep)
    expect(any(s["name"] == "ring" for s in rep["sites"]), "the other files were lost")


BASE = [test_missing_dir, test_file_instead_of_tree, test_tree_without_amdgpu,
        test_spatch_missing, test_spatch_failing, test_flags]
FIXTURES = [test_json_shape, test_sw_init_field, test_p1_hw_init_free_in_suspend,
            test_p2_recreated_on_resume, test_lazy, test_sriov_early_return, test_ternary_domain,
            test_function_pointer_table, test_derived, test_derived_parent_by_third_member,
            test_derived_passed_to_a_keeper,
            test_helper_from_two_hooks,
            test_guards_ip_version_and_pg, test_classes, test_create_then_pin,
            test_fb_aper_refresh, test_device_level, test_against_block_file,
            test_agreeing_tree, test_write_blocks, test_unparsable_file, test_unreadable_file,
            test_spatch_fails_on_one_file]


def spatch_runs(path):
    try:
        return bool(path) and subprocess.run([path, "--version"], capture_output=True,
                                             timeout=60).returncode == 0
    except OSError:
        return False


def main():
    global GMCSIM, DATA, SPATCH
    args = sys.argv[1:]
    if args and args[0] == "--fixtures":
        GMCSIM, DATA = args[1], args[2]
        # the spatch meson found; one installed since configure time counts too
        SPATCH = (args[3] if len(args) > 3 else "") or shutil.which("spatch") or ""
        if not spatch_runs(SPATCH):
            print("1..0 # SKIP spatch (Coccinelle) not found: configure with it installed")
            return 0
        return tap.run(FIXTURES)
    GMCSIM, DATA = args[0], args[1]
    return tap.run(BASE)


if __name__ == "__main__":
    sys.exit(main())
