#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The man pages and the bash completion keep up with the tool: every
subcommand `gmcsim --help` lists has a page (man/gmcsim-CMD.1.scd) and is
completed, and every long option a subcommand's --help names is in that
subcommand's page and in the completion script. An option or a subcommand
added later fails here until it is documented. TAP output.

usage: test-docs-cli.py GMCSIM SOURCE_ROOT
"""
import os
import re
import subprocess
import sys

import tap

GMCSIM = SRC = None

# Each --help text and the page that documents it.
HELPS = [
    ([], "gmcsim.1.scd"),
    (["check"], "gmcsim-check.1.scd"),
    (["sweep"], "gmcsim-sweep.1.scd"),
    (["layout"], "gmcsim-layout.1.scd"),
    (["asics"], "gmcsim-asics.1.scd"),
    (["profile"], "gmcsim-profile.1.scd"),
    (["profile", "import"], "gmcsim-profile.1.scd"),
    (["probe"], "gmcsim-probe.1.scd"),
]


def run(*args):
    r = subprocess.run([GMCSIM, *args], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError(f"gmcsim {' '.join(args)}: exit {r.returncode}: {r.stderr!r}")
    return r.stdout


def read(*path):
    with open(os.path.join(SRC, *path), encoding="utf-8") as f:
        return f.read()


# Options a --help quotes that are another program's, not gmcsim's.
NOT_GMCSIM = {"--test-log"}  # UMR's, in `gmcsim profile import --help`


def long_options(text):
    return sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text)) - NOT_GMCSIM)


def mentions(text, word):
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def subcommands():
    """The commands `gmcsim --help` lists (two-space indented, a word, then text)."""
    text = run("--help")
    block = text.split("Commands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\s", block, re.M)


def test_every_subcommand_has_a_page_and_completion():
    cmds = subcommands()
    if len(cmds) < 6:
        raise AssertionError(f"gmcsim --help lists too few commands: {cmds}")
    completion = read("completion", "gmcsim.bash")
    known = re.search(r'^_gmcsim_commands="([^"]*)"', completion, re.M)
    if not known:
        raise AssertionError("completion: no _gmcsim_commands list")
    missing = []
    for cmd in cmds:
        page = os.path.join(SRC, "man", f"gmcsim-{cmd}.1.scd")
        if not os.path.exists(page):
            missing.append(f"man/gmcsim-{cmd}.1.scd")
        if cmd not in known.group(1).split():
            missing.append(f"{cmd} in completion/gmcsim.bash")
        if not mentions(read("man", "gmcsim.1.scd"), f"*{cmd}*"):
            missing.append(f"{cmd} in gmcsim(1)")
        if f"'gmcsim-{cmd}.1'" not in read("man", "meson.build"):
            missing.append(f"gmcsim-{cmd}.1 in man/meson.build")
    if missing:
        raise AssertionError("undocumented: " + ", ".join(missing))


def test_help_options_in_man_pages():
    missing = []
    for args, page in HELPS:
        text = read("man", page)
        for opt in long_options(run(*args, "--help")):
            if not mentions(text, opt):
                missing.append(f"{opt} ({' '.join(['gmcsim', *args])}) in man/{page}")
    if missing:
        raise AssertionError("options missing from the man pages: " + ", ".join(missing))


def test_help_options_in_completion():
    completion = read("completion", "gmcsim.bash")
    missing = []
    for args, _ in HELPS[1:]:
        for opt in long_options(run(*args, "--help")):
            if not mentions(completion, opt):
                missing.append(f"{opt} ({' '.join(['gmcsim', *args])})")
    if missing:
        raise AssertionError("options missing from completion/gmcsim.bash: " +
                             ", ".join(missing))


def test_pages_name_the_exit_statuses():
    # README: check exits 0, 1 with findings, 2 on bad input; every command shares 0/1/2
    for _, page in HELPS:
        text = read("man", page)
        if "# EXIT STATUS" not in text:
            raise AssertionError(f"man/{page}: no EXIT STATUS section")
        for status in ("*0*", "*2*"):
            if status not in text:
                raise AssertionError(f"man/{page}: exit status {status} not described")


def test_catalog_table_matches_the_sites():
    # docs/catalog.md "The built-in sites": the "on gc944 node 2" column is what
    # `gmcsim check --sites` says for the default pair; every site is in the table
    out = run("check", "--sites", "--wide")
    said = {}
    for line in out.splitlines():
        m = re.match(r"^(\S+/\S+)\s+(used|absent|not consumed)\b", line)
        if m:
            said[m.group(1)] = m.group(2)
    if len(said) < 60:
        raise AssertionError(f"check --sites listed {len(said)} sites")
    table, block = {}, None
    for line in read("docs", "catalog.md").splitlines():
        m = re.match(r"^### (\S+) \(order", line)
        if m:
            block = m.group(1)
            continue
        m = re.match(r"^\| `([^`]+)`(?: ⚠[^|]*)? \|", line)  # ⚠: an uncertain site's note
        if m and block:
            cells = [c.strip() for c in line.replace("\\|", "/").split("|")]
            table[f"{block}/{m.group(1)}"] = cells[8] if len(cells) > 8 else ""
    wrong = [f"{k}: docs say '{table[k][:40]}', check --sites says '{v}'"
             for k, v in said.items() if k in table and not table[k].startswith(v)]
    missing = [k for k in said if k not in table and not k.startswith("pattern")]
    if wrong or missing:
        raise AssertionError("; ".join(wrong + [f"{k}: not in the table" for k in missing]))


def main():
    global GMCSIM, SRC
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]
    SRC = sys.argv[2]
    return tap.run([test_every_subcommand_has_a_page_and_completion,
                    test_help_options_in_man_pages, test_help_options_in_completion,
                    test_pages_name_the_exit_statuses, test_catalog_table_matches_the_sites])


if __name__ == "__main__":
    sys.exit(main())
