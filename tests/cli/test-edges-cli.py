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
import json
import os
import re
import select
import shlex
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

import tap
from tap import check, check_eq

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



# ---------------------------------------------------------------- readers: size caps

# sim-layout.h: GMCSIM_BATCH_LINE_MAX, a batch line holds at most 16 MiB, newline included
LINE_MAX = 16 << 20
# sim/util-file.c: a whole file (profile, scenario, block file, UMR log, shard) at most 16 MiB
FILE_MAX_MIB = 16
NAVI = ('{"gc": "10.3.0", "regs": {"fb_location_base": "0x8000"}, '
        '"vram_size": "0x400000000"}')


def run_bytes(args, data):
    proc = subprocess.run(WRAPPER + [GMCSIM, *args], input=data, capture_output=True,
                          check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@test
def batch_line_cap():
    # /dev/zero is one endless line of NUL bytes: the cap ends it (exit 2, E2BIG, the cap
    # named) instead of memory growing until the machine gives out
    r = gmcsim("layout", "--batch", "/dev/zero")
    check_error(r, 2, ["E2BIG", "line 1", "16 MiB"], "--batch /dev/zero")
    check_eq(r.out, "", "no result line for a line that was never read whole")
    # the same through stdin, a stream without a newline
    status, out, err = run_bytes(["layout", "--batch", "-"], b"x" * (3 * LINE_MAX))
    check_eq(status, 2, f"stdin without a newline: exit ({err!r})")
    check("E2BIG" in err and "16 MiB" in err, f"stdin without a newline: {err!r}")
    # the boundary: 16 MiB with the newline is a line (not JSON: a failed line, exit 1);
    # one byte more is over the cap. A good line before it is answered first.
    fits = b"x" * (LINE_MAX - 1) + b"\n"
    status, out, err = run_bytes(["layout", "--batch", "-"], NAVI.encode() + b"\n" + fits)
    check_eq(status, 1, f"a line of exactly 16 MiB is read ({err!r})")
    check_eq([l.startswith('{"line":') for l in out.splitlines()], [True, True], "two results")
    over = b"x" * LINE_MAX + b"\n"
    status, out, err = run_bytes(["layout", "--batch", "-"], NAVI.encode() + b"\n" + over)
    check_eq(status, 2, f"a line of 16 MiB + 1 byte: exit ({err!r})")
    check("line 2" in err and "16 MiB" in err, f"the message names line 2 and the cap: {err!r}")
    check_eq(len(out.splitlines()), 1, "line 1 was answered before line 2 was refused")


@test
def whole_file_readers_cap():
    # every other reader takes a whole file of at most 16 MiB: /dev/zero ends with the cap
    # named, in each command's own exit status for a bad input file
    for args, status in ((["profile", "show", "/dev/zero"], 1),
                         (["check", "--scenario", "/dev/zero"], 2),
                         (["check", "--block-file", "/dev/zero"], 2),
                         (["check", "--from", "/dev/zero", "--to", "/dev/zero"], 2),
                         (["sweep", "--merge", "/dev/zero"], 2),
                         (["profile", "import", "--umr-log", "/dev/zero", "--gc", "9.4.3"], 2)):
        r = gmcsim(*args)
        check_error(r, status, [f"{FILE_MAX_MIB} MiB"], " ".join(args))


# ---------------------------------------------------------------- co-process and signals

def start_batch():
    return subprocess.Popen(WRAPPER + [GMCSIM, "layout", "--batch", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            bufsize=1)


def read_answer(proc, what, timeout=10):
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"{what}: no answer within {timeout} s (not flushed?)")
    return proc.stdout.readline()


@test
def batch_is_a_coprocess():
    # each answer is written as soon as its line is read when stdout is a pipe: write one
    # line, read one answer, then the next (a block-buffered answer would never come)
    proc = start_batch()
    for n in (1, 2, 3):
        proc.stdin.write(NAVI + "\n")
        proc.stdin.flush()
        answer = json.loads(read_answer(proc, f"line {n}"))
        check_eq([answer["line"], answer["ok"]], [n, True], f"answer {n}")
    out, err = proc.communicate(timeout=10)  # closes stdin: EOF
    check_eq([proc.returncode, out, err], [0, "", ""], "a clean end at EOF")


@test
def batch_sigterm_while_waiting():
    # SIGTERM while the batch waits for its next line: it says after which line it stopped
    # and ends by SIGTERM (the shell's 143), never silently
    proc = start_batch()
    proc.stdin.write(NAVI + "\n")
    proc.stdin.flush()
    read_answer(proc, "line 1")
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=10)
    check_eq(proc.returncode, -signal.SIGTERM, f"killed by SIGTERM ({err!r})")
    check_eq(out, "", "nothing more on stdout")
    check("interrupted by SIGTERM" in err and "after line 1" in err, f"stderr: {err!r}")


@test
def batch_sigint_mid_stream():
    # SIGINT while lines stream in and answers stream out: every answer written is a whole
    # JSON line, numbered 1..N without a gap, and stderr names N
    proc = start_batch()
    stop = threading.Event()

    def feed():
        try:
            while not stop.is_set():
                proc.stdin.write((NAVI + "\n") * 64)
                proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        # answers stream out while the feeder runs: plain reads, no select() (the text
        # layer may hold lines select() cannot see)
        first = [proc.stdout.readline() for _ in range(200)]
        proc.send_signal(signal.SIGINT)
        out = proc.stdout.read()
        err = proc.stderr.read()
        proc.wait(timeout=10)
    finally:
        stop.set()
        writer.join(timeout=10)
    text = "".join(first) + out
    check_eq(proc.returncode, -signal.SIGINT, f"killed by SIGINT ({err!r})")
    check(text.endswith("\n"), "the last answer is whole")
    numbers = [json.loads(line)["line"] for line in text.splitlines()]
    check_eq(numbers, list(range(1, len(numbers) + 1)), "answers 1..N in order")
    m = re.search(r"interrupted by SIGINT; stopped after line (\d+)", err)
    check(m is not None, f"stderr says where it stopped: {err!r}")
    check_eq(int(m.group(1)), len(numbers), "stderr names the last line answered")


def catches(pid, signo):
    """Whether process @pid has a handler for @signo (Linux: SigCgt in /proc/PID/status)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) >> (signo - 1) & 1)
    except OSError:
        pass
    return False


@test
def sweep_signal_prints_nothing_cut():
    # SIGTERM during a sweep: the runs stop, nothing half-printed, stderr says so, and gmcsim
    # ends by SIGTERM. The sweep takes a fraction of a second, so the signal is sent as soon
    # as the process has its handler (/proc/PID/status), and the attempt is repeated when
    # the sweep was quicker; with --json the output is then empty or one whole document.
    if not os.path.exists("/proc/self/status"):
        raise AssertionError("needs Linux /proc")
    for _ in range(20):
        proc = subprocess.Popen(WRAPPER + [GMCSIM, "sweep", "--json"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        while proc.poll() is None and not catches(proc.pid, signal.SIGTERM):
            time.sleep(0.0002)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        if proc.returncode == 0:
            continue  # it finished first: try again
        check_eq(proc.returncode, -signal.SIGTERM, f"killed by SIGTERM ({err!r})")
        check("gmcsim sweep: interrupted by SIGTERM" in err, f"stderr says so: {err!r}")
        if out:
            json.loads(out)  # printing had begun: it finished
        return
    raise AssertionError("the sweep never was interrupted (no SIGTERM handler?)")


# ---------------------------------------------------------------- conflicting options

SRC_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIO = os.path.join(SRC_ROOT, "docs", "examples", "scenario-gc944.json")
BLOCK_MYIP = os.path.join(SRC_ROOT, "docs", "examples", "block-myip.json")


@test
def check_profiles_one_way_and_both():
    # --pair names both profiles; --from and --to name one each. Together they would
    # override each other, and --from alone used to run against the default pair's
    # 'to' profile, which the user never named (gc944-vf-node5 here)
    r = gmcsim("check", "--pair", "gc944-identity", "--from", "gc944-vf-node2", "--to",
               "gc944-vf-node5")
    check_error(r, 2, ["--pair", "--from"], "--pair with --from/--to")
    r = gmcsim("check", "--from", "gc944-vf-node2")
    check_error(r, 2, ["--from needs --to"], "--from alone")
    check("node5" not in r.err, f"no profile the user never gave: {r.err!r}")
    check_error(gmcsim("check", "--to", "gc944-vf-node5"), 2, ["--to needs --from"],
                "--to alone")
    # both given: fine (exit 1, findings: node 2 -> node 5 is the RFC's target)
    r = gmcsim("check", "--from", "gc944-vf-node2", "--to", "gc944-vf-node5", "--fix", "none")
    check_eq(r.status, 1, f"--from and --to ({r.err!r})")


@test
def check_flag_and_scenario_set_one_thing_once():
    with tempfile.TemporaryDirectory() as tmp:
        # the example scenario sets fixes, pair, blocks, swap_at, cycles and fail_on: a flag
        # for any of them is refused, whichever comes first
        for flag, value, key in (("--fix", "none", "fixes"), ("--pair", "gc944-identity", "pair"),
                                 ("--blocks", "psp", "blocks"), ("--cycles", "1", "cycles"),
                                 ("--swap-at", "after-suspend", "swap_at"),
                                 ("--fail-on", "error", "fail_on")):
            for args in (["--scenario", SCENARIO, flag, value],
                         [flag, value, "--scenario", SCENARIO]):
                check_error(gmcsim("check", *args), 2, [flag, f"'{key}'"], " ".join(args))
        # --from/--to against a scenario's pair: both name the profiles
        r = gmcsim("check", "--scenario", SCENARIO, "--from", "gc944-vf-node2", "--to",
                   "gc944-vf-node5")
        check_error(r, 2, ["--from", "'pair'"], "--from/--to with a scenario's pair")
        # what the scenario leaves alone may come from a flag: it sets no fixes here
        scen = os.path.join(tmp, "pair-only.json")
        write(scen, '{"pair": "gc944-node2-to-node5"}')
        r = gmcsim("check", "--scenario", scen, "--fix", "none")
        check_eq(r.status, 1, f"--fix with a scenario without fixes ({r.err!r})")
        # inside a scenario: pair with from, and from without to
        scen = os.path.join(tmp, "pair-from.json")
        write(scen, '{"pair": "gc944-node2-to-node5", "from": "gc944-vf-node2"}')
        check_error(gmcsim("check", "--scenario", scen), 2, ["'pair'", "'from'"],
                    "a scenario with pair and from")
        scen = os.path.join(tmp, "from-only.json")
        write(scen, '{"from": "gc944-vf-node2"}')
        check_error(gmcsim("check", "--scenario", scen), 2, ["missing key 'to'"],
                    "a scenario with from only")


@test
def options_given_twice():
    # an option that takes a value is given once; the repeatable ones say so in --help
    # (check --block-file, layout --reg and --bo-offset, import --ip-base per hub)
    cases = [
        ("check", ["--fix", "none", "--fix", "rfc"], "--fix"),
        ("check", ["--scenario", SCENARIO, "--scenario", SCENARIO], "--scenario"),
        ("layout", ["--vram-size", "1G", "--vram-size", "2G"], "--vram-size"),
        ("layout", ["--example", "navi21", "--example", "vega20-hive"], "--example"),
        ("sweep", ["--jobs", "1", "--jobs", "2"], "--jobs"),
        ("probe", ["--capture", "0000:43:00.0", "--capture", "0000:44:00.0", "--output", "-"],
         "--capture"),
        ("profile import", ["--sysfs", "a", "--sysfs", "b"], "--sysfs"),
    ]
    for cmd, args, flag in cases:
        r = gmcsim(*cmd.split(), *args)
        check_error(r, 2, [f"{flag} given twice"], f"{cmd} {' '.join(args)}")
    r = gmcsim("profile", "import", "--umr-log", "x", "--gc", "9.0.1", "--ip-base", "GC=0x1",
               "--ip-base", "gc=0x2")
    check_error(r, 2, ["already"], "--ip-base GC twice")
    # repeatable ones still repeat
    r = gmcsim("layout", "--bo-offset", "0x1000", "--bo-offset", "0x2000", "--json")
    check_eq([r.status, len(json.loads(r.out)["bo"])], [0, 2], "--bo-offset twice")
    r = gmcsim("check", "--block-file", BLOCK_MYIP, "--block-file", BLOCK_MYIP, "--fix", "none")
    check("given twice" not in r.err, f"--block-file may repeat: {r.err!r}")


@test
def other_conflicts():
    # --version and --help take nothing after them
    for first in ("--version", "--help"):
        r = gmcsim(first, "extra")
        check_eq(r.status, 2, f"{first} extra: exit ({r.err!r})")
        check("'extra'" in r.err, f"{first} extra: {r.err!r}")
    # a merge adds up shards; it runs nothing, so --jobs and --shard have no meaning there
    with tempfile.TemporaryDirectory() as tmp:
        shard = os.path.join(tmp, "s.json")
        write(shard, gmcsim("sweep", "--shard", "1/1", "--json").out)
        for extra in (["--jobs", "2"], ["--shard", "1/1"]):
            r = gmcsim("sweep", "--merge", *extra, shard)
            check_error(r, 2, ["--merge", extra[0]], f"--merge {extra}")
        r = gmcsim("sweep", "--merge", shard)
        check_eq(r.status, 0, f"--merge alone ({r.err!r})")
    # --json and --csv still exclude each other
    check_error(gmcsim("sweep", "--json", "--csv"), 2, ["--json", "--csv"], "--json --csv")


# ---------------------------------------------------------------- duplicate JSON keys

@test
def duplicate_keys_in_every_input():
    # json-c keeps the last value of a repeated key silently; every reader refuses it and
    # names the key. Each text below is valid input with one key written twice.
    with tempfile.TemporaryDirectory() as tmp:
        profile = gmcsim("profile", "show", "gc944-vf-node2", "--json").out
        check(profile.startswith("{"), "profile show --json")
        path = os.path.join(tmp, "profile.json")
        write(path, '{"description": "one", ' + profile.lstrip()[1:])
        check_error(gmcsim("profile", "show", path), 1, ["'description'"],
                    "a profile with description twice")
        # nested: a BAR with its index twice
        doc = json.loads(profile)
        doc["pci"]["bars"][0] = {"index": 0, **doc["pci"]["bars"][0]}
        text = json.dumps(doc).replace('"index": 0', '"index": 0, "index": 0', 1)
        write(path, text)
        check_error(gmcsim("check", "--from", path, "--to", path), 2, ["'index'"],
                    "a profile with a BAR's index twice")

        with open(BLOCK_MYIP, encoding="utf-8") as f:
            block = f.read()
        path = os.path.join(tmp, "block.json")
        write(path, '{"order": 1, ' + block.lstrip()[1:])
        check_error(gmcsim("check", "--block-file", path), 2, ["'order'"],
                    "a block file with order twice")

        path = os.path.join(tmp, "scenario.json")
        write(path, '{"fixes": "none", "fixes": "all"}')
        check_error(gmcsim("check", "--scenario", path), 2, ["'fixes'"],
                    "a scenario with fixes twice")

        r = gmcsim("layout", "--batch", "-",
                   stdin='{"gc": "10.3.0", "vram_size": "0x400000000", "gc": "9.4.0"}\n')
        check_eq(r.status, 1, "a batch line with gc twice fails")
        res = json.loads(r.out)
        check_eq([res["ok"], res["error"]], [False, "EINVAL"], "the line's result")
        check("'gc'" in res["message"], f"names the key: {res['message']!r}")
        # a key spelt two ways is one key: "\u0067c" is "gc"
        r = gmcsim("layout", "--batch", "-",
                   stdin='{"gc": "10.3.0", "vram_size": "0x400000000", "\\u0067c": "9.4.0"}\n')
        check("'gc'" in json.loads(r.out)["message"], f"an escaped repeat: {r.out!r}")
        # the same key in two objects is no repeat
        r = gmcsim("layout", "--batch", "-", stdin=json.dumps(
            {"gc": "10.3.0", "vram_size": "0x400000000",
             "regs": {"fb_location_base": "0x8000", "fb_location_top": "0x83ff"}}) + "\n")
        check_eq(json.loads(r.out)["ok"], True, f"no repeat ({r.out!r})")

        shard = gmcsim("sweep", "--shard", "1/1", "--json").out
        path = os.path.join(tmp, "shard.json")
        write(path, '{"shards": 2, ' + shard.lstrip()[1:])
        check_error(gmcsim("sweep", "--merge", path), 2, ["'shards'"],
                    "a shard with shards twice")


# ---------------------------------------------------------------- text to a terminal

# What a terminal acts on: C0 controls but the line's own newline, DEL, the C1 controls in
# UTF-8 (C2 80 .. C2 9F) and the bidirectional overrides U+202A..U+202E (E2 80 AA..AE)
RAW_CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]")


def run_raw(args, stdin=None):
    proc = subprocess.run(WRAPPER + [GMCSIM.encode(), *args], input=stdin, capture_output=True,
                          check=False)
    return proc.returncode, proc.stdout, proc.stderr


def check_clean(data, what):
    m = RAW_CONTROL.search(data)
    if m:
        raise AssertionError(f"{what}: raw {m.group(0)!r} reaches the terminal: {data!r}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise AssertionError(f"{what}: not UTF-8 ({e}): {data!r}") from None


@test
def messages_escape_what_the_input_hid():
    with tempfile.TemporaryDirectory() as tmp:
        # a scenario's fix list with ESC [31m and BEL (JSON escapes, valid JSON): the
        # message quotes the name with both shown as \xNN
        scen = os.path.join(tmp, "scen.json")
        write(scen, '{"fixes": "\\u001b[31mred\\u0007"}')
        status, out, err = run_raw([b"check", b"--scenario", scen.encode()])
        check_eq(status, 2, f"exit ({err!r})")
        check_clean(err, "a scenario's fix name")
        check(rb"\x1b[31mred\x07" in err, f"escaped, not dropped: {err!r}")
        # a flag's value with invalid UTF-8 and ESC: 0xff is no UTF-8 at all
        status, out, err = run_raw([b"check", b"--pair", b"\xff\x1b[2J"])
        check_eq(status, 2, f"exit ({err!r})")
        check_clean(err, "--pair's value")
        check(rb"\xff\x1b[2J" in err, f"escaped: {err!r}")
        # an unknown option and an unknown command quote what was typed safely
        for args in ([b"layout", b"--\x1b[2J"], [b"\x1b]0;title\x07"], [b"asics", b"\x9b2J"]):
            status, out, err = run_raw(args)
            check_eq(status, 2, f"{args}: exit ({err!r})")
            check_clean(err, f"{args}")
        # a path with a newline and ESC in it, in the reader's message
        status, out, err = run_raw([b"profile", b"show", os.path.join(tmp, "no\n\x1bfile").encode()])
        check_eq(status, 1, f"profile show of a missing path: exit ({err!r})")
        check_clean(err, "a path")
        check_eq(err.count(b"\n"), 1, "one line")


@test
def printed_values_escape_what_the_input_hid():
    # a profile's description may hold any UTF-8 but control characters (docs/profiles.md);
    # U+009B (CSI on some terminals, C2 9B) and U+202E (which reverses the rest of the
    # line, E2 80 AE) are valid UTF-8 and pass the parser, so `profile show` escapes them
    with tempfile.TemporaryDirectory() as tmp:
        doc = json.loads(gmcsim("profile", "show", "gc944-vf-node2", "--json").out)
        doc["description"] = "x\u009b2J \u202eevil caf\u00e9"
        path = os.path.join(tmp, "p.json")
        write(path, json.dumps(doc))
        status, out, err = run_raw([b"profile", b"show", path.encode()])
        check_eq(status, 0, f"profile show ({err!r})")
        check_clean(out, "profile show's description")
        check(rb"x\xc2\x9b2J \xe2\x80\xaeevil caf" + "\u00e9".encode() in out,
              f"escaped, the printable UTF-8 kept: {out!r}")


@test
def utf8_bom_is_accepted():
    # RFC 8259 section 8.1 lets a parser skip a byte order mark (EF BB BF); every reader
    # does, so a file saved "with BOM" reads as the same file without it
    bom = "\ufeff"
    with tempfile.TemporaryDirectory() as tmp:
        profile = gmcsim("profile", "show", "gc944-vf-node2", "--json").out
        plain, marked = os.path.join(tmp, "plain.json"), os.path.join(tmp, "bom.json")
        write(plain, profile)
        write(marked, bom + profile)
        a, b = gmcsim("profile", "show", plain), gmcsim("profile", "show", marked)
        check_eq([b.status, b.err], [0, ""], "a profile with a BOM")
        check_eq(b.out, a.out, "the same profile")

        scen = os.path.join(tmp, "scen.json")
        write(scen, bom + '{"pair": "gc944-identity", "fixes": "none"}')
        r = gmcsim("check", "--scenario", scen)
        check(r.status in (0, 1), f"a scenario with a BOM ({r.err!r})")

        with open(BLOCK_MYIP, encoding="utf-8") as f:
            block = f.read()
        path = os.path.join(tmp, "block.json")
        write(path, bom + block)
        r = gmcsim("check", "--block-file", path, "--fix", "none")
        check(r.status in (0, 1), f"a block file with a BOM ({r.err!r})")

        r = gmcsim("layout", "--batch", "-", stdin=bom + NAVI + "\n" + NAVI + "\n")
        check_eq([json.loads(l)["ok"] for l in r.out.splitlines()], [True, True],
                 f"a batch file with a BOM ({r.out!r})")

        shard = os.path.join(tmp, "shard.json")
        write(shard, bom + gmcsim("sweep", "--shard", "1/1", "--json").out)
        r = gmcsim("sweep", "--merge", shard)
        check_eq(r.status, 0, f"a shard with a BOM ({r.err!r})")
        # a BOM in the middle is no BOM: an error that says where
        r = gmcsim("layout", "--batch", "-", stdin='{"gc": ' + bom + '"10.3.0"}\n')
        check_eq(json.loads(r.out)["ok"], False, "a BOM inside the JSON")


# ---------------------------------------------------------------- errno names, exit statuses

@test
def errno_names_for_file_errors():
    # every errno a file call can fail with has its name in the message (lib/error.c);
    # "EUNKNOWN" stood for EISDIR, ENOTDIR, ELOOP, EROFS ... before
    with tempfile.TemporaryDirectory() as tmp:
        loop_a, loop_b = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
        os.symlink(loop_b, loop_a)
        os.symlink(loop_a, loop_b)
        afile = os.path.join(tmp, "file")
        write(afile, "{}")
        cases = [
            # a directory given as a file says so (fopen() opens one; the read said EIO)
            (["check", "--scenario", tmp], 2, ["EISDIR", "is a directory"]),
            (["check", "--block-file", tmp], 2, ["EISDIR", "is a directory"]),
            (["sweep", "--merge", tmp], 2, ["EISDIR", "is a directory"]),
            (["profile", "import", "--umr-log", tmp, "--gc", "9.4.3"], 2,
             ["EISDIR", "is a directory"]),
            (["profile", "show", tmp], 1, ["is a directory"]),
            (["layout", "--batch", tmp], 2, ["EISDIR", "is a directory"]),
            # a symbolic link loop: ELOOP (open(2))
            (["check", "--scenario", loop_a], 2, ["ELOOP"]),
            # a file where a directory must be: ENOTDIR (lstat(2) on the output path)
            (["profile", "import", "--sysfs", os.path.join(DATA, "sysfs", "probe",
                                                           "0000:43:00.0"),
              "--output", os.path.join(afile, "p.json")], 2, ["ENOTDIR"]),
            # a name longer than NAME_MAX (255): ENAMETOOLONG
            (["check", "--scenario", os.path.join(tmp, "x" * 300)], 2, ["ENAMETOOLONG"]),
            # and the sysfs copy given as a file says it is one
            (["profile", "import", "--sysfs", afile], 2, ["it is a file"]),
        ]
        for args, status, needles in cases:
            r = gmcsim(*args)
            check_error(r, status, needles, " ".join(args))
            check("EUNKNOWN" not in r.err, f"{args}: {r.err!r}")


@test
def layout_flag_errors_are_usage_errors():
    # `gmcsim layout --help`: 1 the driver refused the input, 2 usage error (bad flags).
    # A --vram-size or --bo-offset no part takes is a bad flag (memsize counts MiB, a TTM
    # offset counts 4 KiB pages); registers the part refuses are the driver's refusal.
    for args in (["--vram-size", "1000"], ["--vram-size", "0x10000000000000"],
                 ["--bo-offset", "0x1001"]):
        r = gmcsim("layout", *args)
        check_error(r, 2, [args[0]], f"layout {' '.join(args)}")
    # PF_MAX_REGION 4 (LFB_CNTL 0x40) means 5 nodes, more than Vega20's 4: the driver's no
    r = gmcsim("layout", "--reg", "xgmi_lfb_cntl=0x40")
    check_error(r, 1, ["XGMI"], "a register the part refuses")


# ---------------------------------------------------------------- custom blocks

def block_rows(out):
    """The block names of the first table of `gmcsim check`'s text."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("BLOCK "))
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(line.split()[0])
    return rows


@test
def block_file_names_its_own_block():
    with open(BLOCK_MYIP, encoding="utf-8") as f:
        myip = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        # a block file named like a built-in block would merge into its rows
        psp = os.path.join(tmp, "psp.json")
        write(psp, json.dumps({**myip, "block": "psp"}))
        check_error(gmcsim("check", "--block-file", psp), 2, ["EEXIST", "'psp'", "built-in"],
                    "a block file named psp")
        # the same block twice, from flags or from a scenario
        check_error(gmcsim("check", "--block-file", BLOCK_MYIP, "--block-file", BLOCK_MYIP), 2,
                    ["EEXIST", "'myip'"], "myip twice")
        scen = os.path.join(tmp, "twice.json")
        write(scen, json.dumps({"block_files": [BLOCK_MYIP, BLOCK_MYIP]}))
        check_error(gmcsim("check", "--scenario", scen), 2, ["'myip'"], "myip twice, scenario")


@test
def blocks_names_user_blocks():
    # --blocks picks built-in blocks and may name a block file's block, before or after
    # --block-file: only myip (and the rows the driver's own findings add) is run
    driver_rows = {"gmc", "ih", "pci"}
    for args in (["--blocks", "myip", "--block-file", BLOCK_MYIP],
                 ["--block-file", BLOCK_MYIP, "--blocks", "myip"]):
        r = gmcsim("check", *args, "--fix", "none")
        check_eq(r.status, 1, f"{args}: exit ({r.err!r})")
        rows = block_rows(r.out)
        check("myip" in rows, f"{args}: myip runs ({rows})")
        check(set(rows) <= {"myip"} | driver_rows, f"{args}: no built-in block ({rows})")
    with tempfile.TemporaryDirectory() as tmp:
        scen = os.path.join(tmp, "scen.json")
        write(scen, json.dumps({"blocks": ["psp", "myip"], "block_files": [BLOCK_MYIP]}))
        r = gmcsim("check", "--scenario", scen, "--fix", "none")
        check_eq(r.status, 1, f"scenario blocks naming myip ({r.err!r})")
        check(set(block_rows(r.out)) >= {"psp", "myip"}, "psp and myip")
    # a name that is neither is still refused
    check_error(gmcsim("check", "--blocks", "nosuch", "--block-file", BLOCK_MYIP), 2,
                ["'nosuch'"], "--blocks nosuch")


@test
def excluded_user_block_is_reported():
    # block-myip.json's sites all say gc "9.4.*": on navi21 (GC 10.3.0) none applies, so
    # the block would run nowhere; stderr says so and why, the run goes on
    r = gmcsim("check", "--pair", "navi21-fb-offset", "--block-file", BLOCK_MYIP, "--fix", "none")
    check(r.status in (0, 1), f"the run goes on ({r.err!r})")
    check(re.fullmatch(r"gmcsim check: warning: block 'myip' is excluded on navi21-vf-a "
                       r"\(GC 10\.3\.0[^)]*\): no site applies \(.*\)\n", r.err) is not None,
          f"one warning line: {r.err!r}")
    check('gc "9.4.*"' in r.err, f"the reason: {r.err!r}")
    check("myip" not in block_rows(r.out), "no myip row")
    # on gc944 (GC 9.4.4) it applies: no warning
    r = gmcsim("check", "--block-file", BLOCK_MYIP, "--fix", "none")
    check_eq(r.err, "", "no warning where the block applies")
    # a site loaded directly (fw_load "direct") never exists on an SR-IOV VF (gc944-vf-*)
    with open(BLOCK_MYIP, encoding="utf-8") as f:
        myip = json.load(f)
    direct = {**myip, "block": "direct", "sites": [{**site, "fw_load": "direct"}
                                                    for site in myip["sites"]]}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "direct.json")
        write(path, json.dumps(direct))
        r = gmcsim("check", "--block-file", path, "--fix", "none")
        check("block 'direct' is excluded on gc944-vf-node2" in r.err, f"{r.err!r}")
        check('fw_load "direct"' in r.err and "SR-IOV" in r.err, f"the reason: {r.err!r}")

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
