#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Output that explains itself (issue 13): check's legend, --summary and
--no-legend, check --help per fix strategy, tables within 100 columns unless
--wide, the --from/--to header, and the part aliases. TAP output.

usage: test-output-cli.py GMCSIM

Expectations come from the documentation (README.md, docs/profiles.md,
docs/findings.md) and hand facts written next to each check: the gc944
profiles are XGMI nodes 2 and 5 (XGMI_LFB_CNTL 0x72 / 0x75), the Navi21 VFs
differ in FB_OFFSET 0x40 / 0x400; the LLVM target of GC 10.3.0 is gfx1030,
of GC 9.5.0 gfx950, and gfx942 is GC 9.4.3 and 9.4.4 alike (the KFD's
gfx_target_version table); Navi21 is Sienna Cichlid (GC 10.3.0), Navi31 GC
11.0.0, the MI300X GC 9.4.3.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import tap

GMCSIM = None
WIDTH = 100  # the limit for every table by default
# the finding kinds in their documented order (docs/findings.md, enum gmcsim_finding_kind)
KINDS = ["stale-mc", "stale-pa", "mixed-stale", "stale-content", "stale-pte", "cross-segment",
         "pin-leak", "pin-underflow", "free-in-suspend", "release-pinned", "use-after-free",
         "firmware-opaque", "bar-moved", "msix-stale", "identity-changed"]
FIXES = ["none", "rfc", "rfc-all", "p2-pinfix", "upstream"]


class Result:
    def __init__(self, proc):
        self.status, self.out, self.err = proc.returncode, proc.stdout, proc.stderr


def gmcsim(*args):
    return Result(subprocess.run([GMCSIM, *args], capture_output=True, text=True, timeout=120))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def check_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


def check_fits(text, what, width=WIDTH):
    for line in text.splitlines():
        check(len(line) <= width, f"{what}: a line of {len(line)} columns: {line!r}")
        check(line == line.rstrip(), f"{what}: trailing blanks: {line!r}")


def table_lines(text):
    """The lines of check's tables: each 'BLOCK ...' header and its rows."""
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith("BLOCK "):
            inside = True
        elif not line.strip():
            inside = False
        if inside:
            out.append(line)
    return out


def builtin_profiles():
    return [p["name"] for p in json.loads(gmcsim("profile", "list", "--json").out)]


def builtin_pairs():
    return [p["name"] for p in json.loads(gmcsim("profile", "pairs", "--json").out)]


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ------------------------------------------------------------ check's legend and --summary

@test
def legend_under_the_tables():
    r = gmcsim("check")
    check_eq(r.status, 1, "check exits 1 (findings)")
    lines = r.out.splitlines()
    legend = [i for i, line in enumerate(lines) if line.startswith("Legend:")]
    check_eq(len(legend), 1, "one legend line")
    i = legend[0]
    last_row = max(n for n, line in enumerate(lines) if line.startswith("ih "))
    first_details = next(n for n, line in enumerate(lines) if line.startswith("== fix"))
    check(last_row < i < first_details, "the legend is between the table and the findings")
    for mark in ("+N", "(xN)", "gate open/closed"):
        check(mark in lines[i], f"the legend explains {mark}: {lines[i]!r}")
    check(len(lines[i]) <= WIDTH, "the legend is one line within 100 columns")
    r = gmcsim("check", "--no-legend")
    check_eq(r.status, 1, "--no-legend exit")
    check("Legend:" not in r.out, "--no-legend leaves it out")
    check("== fix none" in r.out, "--no-legend keeps the findings")


@test
def summary_prints_only_the_tables():
    full = gmcsim("check", "--swap-at", "after-suspend,after-resume")
    r = gmcsim("check", "--summary", "--swap-at", "after-suspend,after-resume")
    check_eq(r.status, full.status, "--summary exits as check does")
    check("== fix" not in r.out, "--summary prints no finding sections")
    check_eq(table_lines(r.out), table_lines(full.out), "the same tables")
    check_eq(r.out.splitlines()[0], full.out.splitlines()[0], "the same header")
    check_eq(len(re.findall(r"^swap ", r.out, re.M)), 2, "both tables")
    legend = [line for line in r.out.splitlines() if line.startswith("Legend:")]
    check_eq(len(legend), 1, "the legend, once")
    check("+N" in legend[0] and "(xN)" not in legend[0], "only the table's mark")
    r = gmcsim("check", "--summary", "--no-legend")
    check(not [line for line in r.out.splitlines() if line.startswith("Legend:")],
          "--summary --no-legend")
    for args in (["--summary", "--json"], ["--no-legend", "--sites"]):
        r = gmcsim("check", *args)
        check_eq(r.status, 2, f"{args} is a usage error")
        check(r.err.startswith("gmcsim check: EINVAL:"), r.err)


@test
def help_describes_each_fix_and_names_the_docs():
    r = gmcsim("check", "--help")
    check_eq(r.status, 0, "check --help")
    for fix in FIXES:
        lines = [line for line in r.out.splitlines() if re.match(rf"^\s+{re.escape(fix)}\s+\S",
                                                                  line)]
        check_eq(len(lines), 1, f"one line describes {fix}")
        check(len(lines[0].split(None, 1)[1]) > 20, f"{fix}: a description: {lines[0]!r}")
    for doc in ("gmcsim-check(1)", "docs/findings.md", "docs/catalog.md"):
        check(doc in r.out, f"help names {doc}")
    for opt in ("--summary", "--no-legend", "--wide"):
        check(opt in r.out, f"help names {opt}")


# ------------------------------------------------------------ widths

@test
def tables_fit_in_100_columns():
    check_fits(gmcsim("profile", "list").out, "profile list")
    check_fits(gmcsim("profile", "pairs").out, "profile pairs")
    check_fits(gmcsim("asics").out, "asics")
    for name in builtin_profiles():
        check_fits(gmcsim("profile", "show", name).out, f"profile show {name}")
    for ex in ("vega20-hive", "navi21", "aldebaran-a-a", "gc944-migrate"):
        check_fits(gmcsim("layout", "--example", ex).out, f"layout --example {ex}")
    for pair in builtin_pairs():
        r = gmcsim("check", "--pair", pair)
        check_fits("\n".join(table_lines(r.out)), f"check --pair {pair}: tables")
        check_fits(gmcsim("check", "--pair", pair, "--summary").out, f"check --pair {pair} "
                   "--summary")
        check_fits(gmcsim("check", "--pair", pair, "--sites").out, f"check --pair {pair} --sites")
    r = gmcsim("probe")
    if r.status == 0:
        check_fits(r.out, "probe")
    # the sweep's summary (248 columns on one line before): the finding kinds in groups,
    # each group naming its rows by fix and what changed, every kind still shown
    for args in (("--cycles", "1", "--blocks", "psp"),
                 ("--generate", "node-pairs", "--blocks", "psp", "--fix", "none", "--cycles", "1",
                  "--swap-at", "after-suspend")):
        r = gmcsim("sweep", *args)
        check_eq(r.status, 0, f"sweep {args} ({r.err!r})")
        check_fits(r.out, f"sweep {' '.join(args)}")
        headers = [l.split() for l in r.out.splitlines() if l.startswith("FIX ")]
        check(len(headers) > 1, "the summary is split into groups")
        keys = ["FIX", "PART", "WHAT", "CHANGED"] if "--generate" in args else ["FIX", "WHAT", "CHANGED"]
        check(all(h[:len(keys)] == keys for h in headers), "every group names its rows")
        kinds = [w for h in headers for w in h[len(keys):] if w not in ("PAIRS", "RUNS", "FAILING")]
        check_eq(kinds, KINDS, "every finding kind, once, in order")


@test
def wide_prints_full_width():
    narrow, wide = gmcsim("profile", "list"), gmcsim("profile", "list", "--wide")
    check_eq(wide.status, 0, "profile list --wide")
    check(max(len(line) for line in wide.out.splitlines()) > WIDTH, "--wide is wider")
    descriptions = {p["name"]: p["description"]
                    for p in json.loads(gmcsim("profile", "list", "--json").out)}
    for line in wide.out.splitlines()[1:]:
        name = line.split()[0]
        check(line.endswith(descriptions[name]), f"--wide: {name}'s whole description")
    cut = [line for line in narrow.out.splitlines() if line.endswith("\u2026")]
    check(cut, "without --wide, long descriptions end in an ellipsis")
    check_eq([line.split()[0] for line in narrow.out.splitlines()],
             [line.split()[0] for line in wide.out.splitlines()], "the same rows")


@test
def wide_check_table_groups_its_columns():
    # a block named with 60 characters: 60 + five fix columns > 100
    name = "b" * 60
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "long.json")
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs",
                               "examples", "block-myip.json"), encoding="utf-8") as f:
            block = f.read().replace('"myip"', json.dumps(name))
        with open(path, "w", encoding="utf-8") as f:
            f.write(block)
        r = gmcsim("check", "--block-file", path, "--summary")
        check(r.status in (0, 1), f"exit {r.status}: {r.err!r}")
        check(name in r.out, "the long block is a row")
        check_fits(r.out, "grouped table")
        headers = [line.split() for line in r.out.splitlines() if line.startswith("BLOCK ")]
        check(len(headers) > 1, "the table is split into column groups")
        check_eq([fix for h in headers for fix in h[1:]], FIXES, "each fix in one group, in order")
        rows = [line for line in r.out.splitlines() if line.startswith(name)]
        check_eq(len(rows), len(headers), "the long block in every group")
        r = gmcsim("check", "--block-file", path, "--summary", "--wide")
        headers = [line.split() for line in r.out.splitlines() if line.startswith("BLOCK ")]
        check_eq(headers, [["BLOCK", *FIXES]], "--wide: one table with every fix")


# ------------------------------------------------------------ --from/--to

@test
def from_to_header_says_what_differs():
    cases = [
        (["--from", "gc944-vf-node2", "--to", "gc944-vf-node5"], "xgmi node id 2 -> 5"),
        (["--from", "navi21-vf-a", "--to", "navi21-vf-b"], "mc_fb_offset 0x40 -> 0x400"),
        (["--to", "navi21-vf-b", "--from", "navi21-vf-a"], "mc_fb_offset 0x40 -> 0x400"),
        (["--from", "gc944-vf-node2", "--to", "gc944-vf-node2-otherbar"], "BAR addresses"),
        (["--from", "gc944-vf-node2", "--to", "gc944-vf-node2-otherid"], "identity values"),
        (["--from", "gc1100-vf-a", "--to", "gc1100-vf-b"],
         "FB location 0x8000-0x83bf -> 0x8400-0x87bf"),
    ]
    for args, want in cases:
        r = gmcsim("check", *args, "--summary")
        check(r.status in (0, 1), f"{args}: exit {r.status} ({r.err!r})")
        first = r.out.splitlines()[0]
        check(f"({want})" in first, f"{args}: header says ({want}): {first!r}")
        doc = json.loads(gmcsim("check", *args, "--json").out)
        check_eq(doc["changes"], want, f"{args}: JSON changes")
    r = gmcsim("check", "--from", "gc944-vf-node2", "--to", "gc944-vf-node2", "--summary")
    check("(nothing differs)" in r.out.splitlines()[0], "the same profile twice")
    # a built-in pair keeps its own words
    r = gmcsim("check", "--pair", "navi21-fb-offset", "--summary")
    check("(mc_fb_offset only)" in r.out.splitlines()[0], r.out.splitlines()[0])


# ------------------------------------------------------------ aliases

@test
def aliases_name_their_part():
    for alias, part, gc in (("navi21", "sienna_cichlid", "10.3.0"), ("navi31", "gc1100", "11.0.0"),
                            ("mi300x", "gc943", "9.4.3"), ("gfx950", "gc950", "9.5.0"),
                            ("gfx1030", "sienna_cichlid", "10.3.0")):
        r = gmcsim("layout", "--asic", alias, "--vram-size", "16G")
        check_eq(r.status, 0, f"--asic {alias}: exit ({r.err!r})")
        check(r.out.startswith(f"ASIC {part}, GC {gc},"), f"{alias}: {r.out.splitlines()[0]!r}")
        check(f"{alias} = {part} (GC {gc})" in r.err, f"{alias}: stderr says the part: {r.err!r}")
        j = gmcsim("layout", "--asic", alias, "--vram-size", "16G", "--json")
        check_eq(json.loads(j.out)["asic"], part, f"{alias}: JSON asic")
    # the part's own name says nothing more
    r = gmcsim("layout", "--asic", "sienna_cichlid", "--vram-size", "16G")
    check_eq(r.err, "", "no note for a part's own name")


@test
def ambiguous_and_unknown_aliases_are_refused():
    r = gmcsim("layout", "--asic", "gfx942", "--vram-size", "16G")
    check_eq(r.status, 2, "gfx942 is a usage error")
    for word in ("ambiguous", "gc943", "gc944", "9.4.3", "9.4.4"):
        check(word in r.err, f"gfx942: names {word}: {r.err!r}")
    check_eq(r.out, "", "nothing on stdout")
    r = gmcsim("layout", "--asic", "navi33", "--vram-size", "16G")
    check_eq(r.status, 2, "navi33 (GC 11.0.2) is not modelled")
    check("navi31" in r.err and "gmcsim asics" in r.err, f"close names: {r.err!r}")


@test
def asics_lists_aliases():
    r = gmcsim("asics")
    check_eq(r.status, 0, "asics")
    rows = {line.split()[0]: line for line in r.out.splitlines()[1:] if line.strip()}
    check(re.search(r"\bnavi21\b", rows["sienna_cichlid"]), rows["sienna_cichlid"])
    check(re.search(r"\bgfx1030\b", rows["sienna_cichlid"]), rows["sienna_cichlid"])
    check(re.search(r"\bnavi31\b", rows["gc1100"]), rows["gc1100"])
    check(re.search(r"\bmi300x\b", rows["gc943"]), rows["gc943"])
    check(re.search(r"\bgfx950\b", rows["gc950"]), rows["gc950"])
    for part in ("gc943", "gc944"):
        check("gfx942?" in rows[part], f"{part}: gfx942 marked ambiguous: {rows[part]!r}")
    check("ambiguous" in r.out, "the mark is explained")
    parts = {p["name"]: p for p in json.loads(gmcsim("asics", "--json").out)}
    check("navi21" in parts["sienna_cichlid"]["aliases"], "JSON aliases")
    check("gfx942" in parts["gc944"]["ambiguous_aliases"], "JSON ambiguous_aliases")
    check("gfx942" not in parts["gc944"]["aliases"], "an ambiguous alias is not an alias")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
