#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of the address-map pictures: `gmcsim check` and `gmcsim layout`
with --svg FILE and --map. TAP output.

usage: test-map-cli.py GMCSIM
       test-map-cli.py --xmllint XMLLINT GMCSIM   (exit 77 without xmllint)
       test-map-cli.py --render RSVG_CONVERT GMCSIM [PNG]   (exit 77 without it)

The expected segments, windows and nodes are derived by hand from the gc944
profiles' registers and gmc-address-math.md (§1.2, §2, §3, §9); the expected
number of arrows per strategy is counted from `gmcsim check --json`, the
run's own findings, never from a picture. Set GMCSIM_WRAPPER (e.g.
"valgrind -q --error-exitcode=99") to run every gmcsim invocation under a
tool.
"""
import json
import os
import shlex
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

import tap

GMCSIM = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))
SVG_NS = "{http://www.w3.org/2000/svg}"

# gc944 (sim/profiles/gc944-vf-node{2,5}.json): FB_LOCATION_BASE 0x1000 and
# XGMI_LFB_SIZE 0x17f8 count 16 MiB units (§1.2): fb_start = 0x10_0000_0000,
# a node's segment 0x17_f800_0000; XGMI_LFB_CNTL 0x72 / 0x75: 8 nodes, node
# 2 at boot, node 5 after the swap (§2). FB_OFFSET 0: the hive's physical
# base is 0 (vram_base_offset = id * seg, §3).
FB_START = 0x1000 << 24
SEG = 0x17F8 << 24
NODES = 8
# §9 Example 1 (the default `gmcsim layout`): a Vega20 hive of 4, 32 GiB segments.
VEGA20_NODES = 4
STALE_KINDS = {"stale-mc", "stale-pa", "stale-content", "stale-pte", "mixed-stale"}
FIXES = ["none", "rfc", "rfc-all", "p2-pinfix", "upstream"]


def gmcsim(*args):
    return subprocess.run(WRAPPER + [GMCSIM, *args], capture_output=True, text=True, check=False)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def check_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


def unhex(text):
    return int(text.replace("_", ""), 16)


def stale_sites_from_json():
    """{fix: number of stale sites} from the JSON report: one per block/site
    whose finding says a kept address is stale and gives both values."""
    r = gmcsim("check", "--json")
    check(r.returncode == 1, f"check --json: exit {r.returncode}: {r.stderr}")
    out = {}
    for run in json.loads(r.stdout)["runs"]:
        sites = {(f["block"], f["site"]) for f in run["findings"]
                 if f["kind"] in STALE_KINDS and "cached" in f and "fresh" in f}
        out[run["fix"]] = len(sites)
    return out


def svg_of(*args, status=1):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "map.svg")
        r = gmcsim(*args, "--svg", path)
        check_eq(r.returncode, status, f"{' '.join(args)} --svg: exit ({r.stderr})")
        with open(path, encoding="utf-8") as f:
            return f.read(), r


def panels(root):
    return [g for g in root.iter(SVG_NS + "g") if g.get("class") == "panel"]


def of_class(elem, tag, cls, space=None):
    return [e for e in elem.iter(SVG_NS + tag) if e.get("class") == cls and
            (space is None or e.get("data-space") == space)]


def test_check_svg_is_the_hive():
    text, r = svg_of("check")
    # the table still goes to standard output: --svg FILE is an extra
    check("BLOCK" in r.stdout and "== fix none" in r.stdout, "the table is missing")
    root = ET.fromstring(text)  # well-formed, or this raises
    check_eq(root.tag, SVG_NS + "svg", "root element")
    check(root.get("viewBox", "").startswith("0 0 "), "a viewBox")
    ps = panels(root)
    check_eq([p.get("data-fix") for p in ps], FIXES, "one panel per strategy, in order")
    for p in ps:
        for space in ("mc", "phys"):
            segs = of_class(p, "rect", "segment", space)
            check_eq(len(segs), NODES, f"{p.get('data-fix')}: {space} segments")
    # the pre-6.17 FB layout: the window at node 2 before, node 5 after (§3, §4.1)
    none = ps[0]
    for cls, node in (("vram-boot", 2), ("vram-now", 5)):
        rect = of_class(none, "rect", cls, "mc")
        check_eq(len(rect), 1, f"none: {cls} windows")
        title = rect[0].find(SVG_NS + "title").text
        start = unhex(title.split(": ")[-1].split(" - ")[0])
        check_eq(start, FB_START + node * SEG, f"none: {cls} starts at node {node}'s segment")


def test_check_svg_one_arrow_per_stale_site():
    want = stale_sites_from_json()
    text, _ = svg_of("check")
    root = ET.fromstring(text)
    for p in panels(root):
        fix = p.get("data-fix")
        arrows = of_class(p, "g", "arrow")
        check_eq(len(arrows), want[fix], f"{fix}: arrows")
        check_eq(int(p.get("data-arrows")), want[fix], f"{fix}: data-arrows")
        sites = [a.get("data-site") for a in arrows]
        check_eq(len(sites), len(set(sites)), f"{fix}: one arrow per site")
        for a in arrows:
            check(a.find(SVG_NS + "path") is not None, f"{fix}: an arrow without a path")
    none = {a.get("data-site"): a for a in of_class(panels(root)[0], "g", "arrow")}
    # psp/fw_pri keeps an MC address: node 2's segment -> node 5's, 3 segments on
    a = none["psp/fw_pri"]
    frm, to = unhex(a.get("data-from")), unhex(a.get("data-to"))
    check(FB_START + 2 * SEG <= frm < FB_START + 3 * SEG, "fw_pri's kept copy is in node 2")
    check(FB_START + 5 * SEG <= to < FB_START + 6 * SEG, "fw_pri's fresh value is in node 5")
    check_eq(to - frm, 3 * SEG, "fw_pri moves 3 segments")
    check_eq((a.get("data-from-node"), a.get("data-to-node")), ("2", "5"), "fw_pri's nodes")
    check_eq(a.get("data-cross"), "1", "fw_pri is cross-segment")
    # vram_base_offset, the root: id * seg in the physical space (§3)
    a = none["gmc/vram_base_offset"]
    check_eq(a.get("data-space"), "phys", "vram_base_offset's space")
    check_eq((unhex(a.get("data-from")), unhex(a.get("data-to"))), (2 * SEG, 5 * SEG),
             "vram_base_offset")
    # upstream: the sites the 6.17 series covers are ok and draw nothing
    up = {a.get("data-site") for a in of_class(panels(root)[-1], "g", "arrow")}
    check(not any(s.startswith("psp/") for s in up), f"upstream draws psp arrows: {up}")
    check("gmc/vram_start" not in up, "upstream draws vram_start")


def test_svg_is_self_contained():
    text, _ = svg_of("check")
    for bad in ("<script", "href", "@import", "url(http", "<style", "<image", "<foreignObject"):
        check(bad not in text, f"the SVG holds {bad!r}")
    root = ET.fromstring(text)
    families = {e.get("font-family") for e in root.iter() if e.get("font-family")}
    check(families <= {"sans-serif", "monospace"}, f"font families {families}")


def test_svg_on_stdout():
    r = gmcsim("check", "--fix", "none", "--svg", "-")
    check_eq(r.returncode, 1, f"exit ({r.stderr})")
    check(r.stdout.startswith("<?xml"), "standard output is the SVG, nothing before it")
    root = ET.fromstring(r.stdout)
    check_eq(len(panels(root)), 1, "panels for --fix none")


def test_check_map():
    want = stale_sites_from_json()
    r = gmcsim("check", "--map")
    check_eq(r.returncode, 1, f"exit ({r.stderr})")
    lines = r.stdout.splitlines()
    for line in lines:
        check(len(line) <= 100, f"a line of {len(line)} columns: {line!r}")
        check(line.isascii() and line.isprintable(), f"not printable ASCII: {line!r}")
    check("BLOCK" not in r.stdout, "--map replaces the table")
    heads = [line for line in lines if line.startswith("== fix ")]
    check_eq(len(heads), len(FIXES), "one panel per strategy")
    for head, fix in zip(heads, FIXES):
        check(head.startswith(f"== fix {fix}:"), f"panel order: {head}")
        check(f": {want[fix]} stale address" in head, f"{fix}: count in {head!r}")
    # the line the issue asks for: the site, node 2's address -> node 5's
    eop = [line for line in lines if "gfx/kcq_mqd_backup_eop" in line]
    check(eop, "no kcq_mqd_backup_eop line")
    check(" node 2 0x3f_f" in eop[0] and "-> node 5 0x87_d" in eop[0],
          f"kcq_mqd_backup_eop: {eop[0]!r}")
    nodes = [line for line in lines if line.lstrip().startswith("nodes")]
    check(nodes and all("|2 boot" in n and "|5 now" in n for n in nodes), "node bars")


def test_every_pair_fits_100_columns():
    r = gmcsim("profile", "pairs", "--json")
    check_eq(r.returncode, 0, f"profile pairs: {r.stderr}")
    for pair in json.loads(r.stdout):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "pair.svg")
            r = gmcsim("check", "--pair", pair["name"], "--map", "--svg", path)
            check(r.returncode in (0, 1), f"{pair['name']}: exit {r.returncode}: {r.stderr}")
            for line in r.stdout.splitlines():
                check(len(line) <= 100 and line.isascii() and line.isprintable(),
                      f"{pair['name']}: {line!r}")
            with open(path, encoding="utf-8") as f:
                ET.fromstring(f.read())


def test_layout_map_and_svg():
    r = gmcsim("layout", "--map")
    check_eq(r.returncode, 0, f"layout --map: exit ({r.stderr})")
    for line in r.stdout.splitlines():
        check(len(line) <= 100, f"a line of {len(line)} columns: {line!r}")
    check("fb_start" not in r.stdout, "--map replaces the table")
    text, r = svg_of("layout", status=0)
    check("fb_start" in r.stdout, "--svg FILE keeps the table")
    root = ET.fromstring(text)
    check_eq(len(of_class(root, "rect", "segment", "mc")), VEGA20_NODES, "vega20 segments")
    check_eq(len(of_class(root, "path", "bo", "mc")), 1, "the example's BO")
    for ex in ("navi21", "aldebaran-a-a", "gc944-migrate"):
        r = gmcsim("layout", "--example", ex, "--map")
        check_eq(r.returncode, 0, f"layout --example {ex} --map ({r.stderr})")
        check(all(len(line) <= 100 for line in r.stdout.splitlines()), f"{ex}: width")


def test_conflicting_outputs():
    for args in (["check", "--map", "--json"], ["check", "--svg", "-", "--map"],
                 ["check", "--svg", "-", "--json"], ["layout", "--map", "--json"],
                 ["check", "--sites", "--map"], ["check", "--svg", ""],
                 ["layout", "--batch", "-", "--map"]):
        r = gmcsim(*args)
        check_eq(r.returncode, 2, f"{args}: exit")
        check(r.stderr.startswith(f"gmcsim {args[0]}: EINVAL: "), f"{args}: {r.stderr!r}")
        check_eq(r.stdout, "", f"{args}: nothing on stdout")


def test_bad_svg_paths():
    with tempfile.TemporaryDirectory() as d:
        # a directory: refused, still a directory, nothing left in it
        r = gmcsim("check", "--svg", d)
        check_eq(r.returncode, 2, f"a directory: exit ({r.stderr})")
        # (the errno's name is gmc_errno_name()'s: EISDIR once it knows every file errno)
        check("it is a directory" in r.stderr, f"a directory: {r.stderr!r}")
        check(os.path.isdir(d) and os.listdir(d) == [], "the directory changed")
        # a symbolic link: refused, not written through
        target = os.path.join(d, "target.svg")
        with open(target, "w", encoding="utf-8") as f:
            f.write("keep")
        link = os.path.join(d, "link.svg")
        os.symlink(target, link)
        r = gmcsim("layout", "--svg", link)
        check_eq(r.returncode, 2, f"a link: exit ({r.stderr})")
        check("it is a symbolic link" in r.stderr, f"a link: {r.stderr!r}")
        check(os.path.islink(link), "the link was replaced")
        with open(target, encoding="utf-8") as f:
            check_eq(f.read(), "keep", "written through the link")
        check_eq(sorted(os.listdir(d)), ["link.svg", "target.svg"], "a file left behind")
        # a regular file is replaced
        r = gmcsim("layout", "--svg", target)
        check_eq(r.returncode, 0, f"a regular file: exit ({r.stderr})")
        with open(target, encoding="utf-8") as f:
            check(f.read().startswith("<?xml"), "the regular file was not replaced")
    # a device node: refused, /dev/null stays a character device
    r = gmcsim("check", "--fix", "none", "--svg", "/dev/null")
    check_eq(r.returncode, 2, f"/dev/null: exit ({r.stderr})")
    check("EEXIST" in r.stderr and "not a regular file" in r.stderr, f"/dev/null: {r.stderr!r}")
    check(stat.S_ISCHR(os.stat("/dev/null").st_mode), "/dev/null is no device any more")
    check("BLOCK" not in r.stdout, "the table printed although the picture failed")


def test_help_documents_the_options():
    for cmd in ("check", "layout"):
        r = gmcsim(cmd, "--help")
        check_eq(r.returncode, 0, f"{cmd} --help")
        check("--svg FILE" in r.stdout and "--map" in r.stdout, f"{cmd} --help: options")


def pictures(d):
    """The SVGs of check and of every layout example, written into @d."""
    paths = []
    for name, args in (("check", ["check"]), ("check-none", ["check", "--fix", "none"]),
                       ("layout", ["layout"]),
                       ("layout-aldebaran", ["layout", "--example", "aldebaran-a-a"]),
                       ("layout-navi21-agp", ["layout", "--example", "navi21", "--agp", "1"])):
        path = os.path.join(d, name + ".svg")
        r = gmcsim(*args, "--svg", path)
        check(r.returncode in (0, 1), f"{args}: exit {r.returncode}: {r.stderr}")
        paths.append(path)
    return paths


def run_xmllint(xmllint):
    """Every picture through xmllint --noout; 77 (skip) without xmllint."""
    if not xmllint or not shutil.which(xmllint):
        print("xmllint not found: skipped")
        return 77
    with tempfile.TemporaryDirectory() as d:
        for path in pictures(d):
            r = subprocess.run([xmllint, "--noout", path], capture_output=True, text=True,
                               check=False)
            if r.returncode != 0:
                print(f"xmllint {os.path.basename(path)}: {r.stderr}")
                return 1
            print(f"xmllint {os.path.basename(path)}: well-formed")
    return 0


def png_pixels(data):
    """Width, height and the distinct byte values of a PNG's image data (stdlib only)."""
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, set(zlib.decompress(idat))


def run_render(rsvg, keep):
    """Render the check picture with rsvg-convert; 77 (skip) without it."""
    if not rsvg or not shutil.which(rsvg):
        print("rsvg-convert not found: skipped")
        return 77
    with tempfile.TemporaryDirectory() as d:
        status = 0
        for path in pictures(d):
            png = path[:-4] + ".png"
            r = subprocess.run([rsvg, "-o", png, path], capture_output=True, text=True,
                               check=False)
            if r.returncode != 0:
                print(f"rsvg-convert {os.path.basename(path)}: {r.stderr}")
                return 1
            with open(png, "rb") as f:
                data = f.read()
            width, height, values = png_pixels(data)
            # the viewBox is 1280 wide; a picture with text and colours has many values
            ok = width == 1280 and height > 200 and len(data) > 20000 and len(values) > 32
            print(f"{os.path.basename(png)}: {width}x{height}, {len(data)} bytes, "
                  f"{len(values)} distinct bytes: {'ok' if ok else 'TRIVIAL'}")
            status |= 0 if ok else 1
            if keep and os.path.basename(path) == "check.svg":
                shutil.copy(png, keep)
        return status


def main():
    global GMCSIM
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--xmllint":
        GMCSIM = args[2] if len(args) > 2 else None
        return run_xmllint(args[1]) if GMCSIM else 2
    if len(args) >= 2 and args[0] == "--render":
        GMCSIM = args[2] if len(args) > 2 else None
        return run_render(args[1], args[3] if len(args) > 3 else None) if GMCSIM else 2
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = args[0]
    return tap.run([
        test_check_svg_is_the_hive,
        test_check_svg_one_arrow_per_stale_site,
        test_svg_is_self_contained,
        test_svg_on_stdout,
        test_check_map,
        test_every_pair_fits_100_columns,
        test_layout_map_and_svg,
        test_conflicting_outputs,
        test_bad_svg_paths,
        test_help_documents_the_options,
    ])


if __name__ == "__main__":
    sys.exit(main())
