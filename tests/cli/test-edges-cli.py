#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CLI tests of gmcsim's hard edges (issue 13): what it writes over, how much it
reads, what it does on a signal, conflicting options, duplicate JSON keys, what
it echoes to a terminal, errno names and exit statuses. TAP output.

usage: test-edges-cli.py GMCSIM DATA_DIR

DATA_DIR is tests/data (the sysfs copies `profile import` reads). Each
expectation is the documented rule, reasoned out next to the test; none is
copied from gmcsim's output. Set GMCSIM_WRAPPER (e.g. "valgrind -q
--error-exitcode=99") to run every gmcsim invocation under a tool.
"""
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile

import tap

GMCSIM = None
DATA = None
WRAPPER = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


def gmcsim(*args, stdin=None, cwd=None):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], input=stdin, capture_output=True,
                          text=True, check=False, cwd=cwd)
    return Result(proc)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def check_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


def check_error(r, status, needles, what):
    """One 'gmcsim CMD: ENAME: message' line on stderr naming every needle."""
    check_eq(r.status, status, f"{what}: exit status (stderr {r.err!r})")
    check(re.fullmatch(r"gmcsim [a-z ]+: E[A-Z0-9]+: [^\n]+\n", r.err) is not None,
          f"{what}: one 'gmcsim CMD: ERRNO: message' line: {r.err!r}")
    for needle in needles:
        check(needle in r.err, f"{what}: stderr should name {needle!r}: {r.err!r}")


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)


# ---------------------------------------------------------------- writers (--output)

def import_to(output):
    """`profile import` of a sysfs copy (a valid profile) to @output."""
    return gmcsim("profile", "import", "--sysfs",
                  os.path.join(DATA, "sysfs", "probe", "0000:43:00.0"), "--output", output)


@test
def output_refuses_what_is_not_a_regular_file():
    # sim-profile.h: only a regular file is replaced; anything else is refused before a
    # byte is written (a usage error, exit 2, as every I/O failure of import is), and is
    # still there afterwards. The old writer renamed its temporary file over all of them.
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        r = import_to(fifo)
        check_error(r, 2, ["FIFO", "not a regular file"], "--output FIFO")
        check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO is still a FIFO")

        sub = os.path.join(tmp, "sub")
        os.mkdir(sub)
        r = import_to(sub)
        check_error(r, 2, ["is a directory"], "--output DIR")
        check(stat.S_ISDIR(os.lstat(sub).st_mode), "the directory is still a directory")
        check_eq(os.listdir(sub), [], "nothing was written into the directory")

        # a symbolic link is refused (documented), not replaced and not written through
        target = os.path.join(tmp, "target.json")
        write(target, "old")
        link = os.path.join(tmp, "link.json")
        os.symlink(target, link)
        r = import_to(link)
        check_error(r, 2, ["symbolic link"], "--output LINK")
        check(os.path.islink(link), "the link is still a link")
        with open(target, encoding="utf-8") as f:
            check_eq(f.read(), "old", "the link's target is unchanged")

        # a dangling link too: writing through it would create a file elsewhere
        dangling = os.path.join(tmp, "dangling.json")
        os.symlink(os.path.join(tmp, "elsewhere.json"), dangling)
        check_error(import_to(dangling), 2, ["symbolic link"], "--output dangling link")
        check(not os.path.exists(os.path.join(tmp, "elsewhere.json")), "nothing created")

        # a character device: as root, one made here with /dev/null's numbers (1:3) is
        # safe to test; without root /dev/null itself is (the old writer could not replace
        # it either, but said "Permission denied" instead of naming a device)
        if os.geteuid() == 0:
            node = os.path.join(tmp, "null")
            try:
                os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
            except OSError:
                node = None
        else:
            node = "/dev/null"
        if node:
            r = import_to(node)
            check_error(r, 2, ["character device"], f"--output {node}")
            check(stat.S_ISCHR(os.lstat(node).st_mode), f"{node} is still a char device")
        # no temporary file was left behind
        left = sorted(n for n in os.listdir(tmp) if n not in
                      ("fifo", "sub", "target.json", "link.json", "dangling.json", "null"))
        check_eq(left, [], "no temporary file left")


@test
def output_keeps_permissions_of_a_replaced_file():
    # a replaced regular file keeps its mode: 0640 stays 0640 (the old writer made 0644)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "p.json")
        write(path, "old")
        os.chmod(path, 0o640)
        r = import_to(path)
        check_eq(r.status, 0, f"import over a regular file ({r.err!r})")
        st = os.lstat(path)
        check(stat.S_ISREG(st.st_mode), "still a regular file")
        check_eq(oct(st.st_mode & 0o7777), oct(0o640), "mode kept")
        with open(path, encoding="utf-8") as f:
            check(f.read().startswith("{"), "the profile replaced the old text")
        check_eq(os.listdir(tmp), ["p.json"], "no temporary file left")


def main():
    global GMCSIM, DATA
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM, DATA = sys.argv[1], sys.argv[2]
    if os.sep in GMCSIM:  # some runs use another working directory
        GMCSIM = os.path.abspath(GMCSIM)
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
