#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run the reference layout vectors through `gmcsim layout --batch -` and
compare every result with the vector's "expected" object, field by field.

usage: check-vectors.py GMCSIM VECTORS.jsonl...

Each vector line is {"input": {...}, "expected": {...}} (see
the reference's vectors/README.md). For an expected
{"ok": false} without "error" any failure is accepted; with "error" the
errno name must match. For {"ok": true} every key of "expected" must be in
the output with the same value; keys gmcsim adds ("line", "asic",
"warnings") are not compared. One departure: an input whose vram_size is
not a whole MiB or is 2^52 bytes or more is expected to fail with EINVAL
(issue 14; see tests/oracle/vector_expect.py).

The whole file goes through one gmcsim process, so this also checks that
every input line yields exactly one output line with the right "line".
Set GMCSIM_WRAPPER (e.g. "valgrind -q --error-exitcode=99") to run gmcsim
under a tool. Ends with "N passed, M failed"; exits 1 on any failure.
"""
import json
import os
import shlex
import subprocess
import sys

# The vectors' expectations, with the departure both vector checkers make.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oracle"))
from vector_expect import expected_of  # noqa: E402

# Show at most this many mismatching vectors in full; count the rest.
MAX_REPORTED = 25


def compare(expected, got):
    """Return a list of differences between an expected and an actual result."""
    diffs = []
    if not isinstance(got, dict):
        return [f"output is not a JSON object: {got!r}"]
    if expected.get("ok") is False:
        if got.get("ok") is not False:
            diffs.append(f"expected a failure ({expected.get('error', 'any error')}), "
                         f"got ok={got.get('ok')!r}")
        elif "error" in expected and got.get("error") != expected["error"]:
            diffs.append(f"error: expected {expected['error']}, got {got.get('error')} "
                         f"({got.get('message')})")
        return diffs
    if got.get("ok") is not True:
        return [f"expected success, got {got.get('error')}: {got.get('message')}"]
    for key, want in expected.items():
        if key == "ok":
            continue
        if key not in got:
            diffs.append(f"{key}: missing from the output")
        elif key == "bo":
            diffs.extend(compare_bos(want, got[key]))
        elif got[key] != want:
            diffs.append(f"{key}: expected {want!r}, got {got[key]!r}")
    return diffs


def compare_bos(want, got):
    if not isinstance(got, list) or len(got) != len(want):
        return [f"bo: expected {len(want)} entries, got {got!r}"]
    diffs = []
    for i, (w, g) in enumerate(zip(want, got)):
        for key, value in w.items():
            if not isinstance(g, dict) or g.get(key) != value:
                diffs.append(f"bo[{i}].{key}: expected {value!r}, "
                             f"got {g.get(key) if isinstance(g, dict) else g!r}")
    return diffs


def run_file(gmcsim, path, wrapper):
    """Check one vectors file; return (passed, failed, problems printed)."""
    with open(path, encoding="utf-8") as f:
        vectors = [json.loads(line) for line in f if line.strip()]
    stdin = "".join(json.dumps(v["input"]) + "\n" for v in vectors)
    proc = subprocess.run(wrapper + [gmcsim, "layout", "--batch", "-"], input=stdin,
                          capture_output=True, text=True, check=False)
    name = os.path.basename(path)
    fatal = []
    want_status = 0 if all(expected_of(v).get("ok") for v in vectors) else 1
    if proc.returncode != want_status:
        fatal.append(f"{name}: gmcsim exited {proc.returncode}, expected {want_status}; "
                     f"stderr: {proc.stderr.strip()}")
    lines = proc.stdout.splitlines()
    if len(lines) != len(vectors):
        fatal.append(f"{name}: {len(vectors)} input lines gave {len(lines)} output lines")

    passed = failed = 0
    for n, vector in enumerate(vectors, start=1):
        if n > len(lines):
            failed += 1
            continue
        try:
            got = json.loads(lines[n - 1])
        except json.JSONDecodeError as e:
            got = None
            diffs = [f"output line is not JSON ({e}): {lines[n - 1][:200]}"]
        else:
            diffs = compare(expected_of(vector), got)
            if isinstance(got, dict) and got.get("line") != n:
                diffs.append(f"line: expected {n}, got {got.get('line')!r}")
        if diffs:
            failed += 1
            if failed <= MAX_REPORTED:
                print(f"FAIL {name}:{n}: {json.dumps(vector['input'])}")
                for d in diffs:
                    print(f"    {d}")
        else:
            passed += 1
    if failed > MAX_REPORTED:
        print(f"... and {failed - MAX_REPORTED} more failing vectors in {name}")
    refused = sum(expected_of(v) is not v["expected"] for v in vectors)
    if refused:
        print(f"{name}: {refused} vector(s) expected refused (vram_size the register cannot "
              f"express, issue 14) instead of their rounded-down result")
    for msg in fatal:
        print(f"FAIL {msg}")
    print(f"{name}: {passed} passed, {failed} failed")
    return passed, failed, bool(fatal)


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    gmcsim, paths = sys.argv[1], sys.argv[2:]
    wrapper = shlex.split(os.environ.get("GMCSIM_WRAPPER", ""))
    total_passed = total_failed = 0
    any_fatal = False
    for path in paths:
        passed, failed, fatal = run_file(gmcsim, path, wrapper)
        total_passed += passed
        total_failed += failed
        any_fatal |= fatal
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed or any_fatal else 0


if __name__ == "__main__":
    sys.exit(main())
