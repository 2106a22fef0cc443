#!/usr/bin/env python3
"""Differential test: gmcsim's batch layout output against the Python oracle.

usage: compare.py GMCSIM [--count N] [--seed S] [--show K] [--save-inputs FILE]

Generates N inputs with gen_inputs.py (default 100000, seed 1), pipes them
through `GMCSIM layout --batch -`, computes the oracle's answer for each line
and compares every output field.  "message" is ignored; "line" must equal the
1-based input line number.  Prints the first K differences in full (input,
gmcsim, oracle) and a final line "N passed, M failed".  Exit status 0 only when
M == 0 and gmcsim printed exactly one line per input line.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gmc_oracle  # noqa: E402
import gen_inputs  # noqa: E402

# "warnings" is gmcsim's own addition (what the driver would print), not an output field.
IGNORED = ("message", "line", "warnings")


def compare_one(lineno, tool_line, oracle):
    """Return a list of differences between one gmcsim line and the oracle."""
    try:
        got = json.loads(tool_line)
    except ValueError as e:
        return ["gmcsim output is not JSON (%s)" % e]
    if not isinstance(got, dict):
        return ["gmcsim output is not a JSON object"]
    diffs = []
    if got.get("line") != lineno or isinstance(got.get("line"), bool):
        diffs.append("line: expected %d, gmcsim %s" % (lineno, json.dumps(got.get("line"))))
    keys = (set(got) | set(oracle)) - set(IGNORED)
    for k in sorted(keys):
        if k not in got:
            diffs.append("%s: missing in gmcsim output (oracle %s)" % (k, json.dumps(oracle[k])))
        elif k not in oracle:
            diffs.append("%s: unexpected key in gmcsim output (%s)" % (k, json.dumps(got[k])))
        elif got[k] != oracle[k] or type(got[k]) is not type(oracle[k]):
            diffs.append("%s: gmcsim %s, oracle %s" % (k, json.dumps(got[k]), json.dumps(oracle[k])))
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gmcsim", help="path of the gmcsim executable")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5, help="differences printed in full (default 5)")
    ap.add_argument("--save-inputs", metavar="FILE", help="also write the generated inputs here")
    a = ap.parse_args()

    t0 = time.time()
    inputs = list(gen_inputs.generate(a.seed, a.count))
    lines = [json.dumps(d, separators=(",", ":")) for d in inputs]
    data = ("\n".join(lines) + "\n").encode() if lines else b""
    if a.save_inputs:
        with open(a.save_inputs, "wb") as f:
            f.write(data)

    try:
        proc = subprocess.run([a.gmcsim, "layout", "--batch", "-"], input=data,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        print("compare: cannot run %s: %s" % (a.gmcsim, e), file=sys.stderr)
        return 2
    t1 = time.time()

    out_lines = proc.stdout.decode("utf-8", "replace").splitlines()
    status = 0
    if proc.returncode < 0:
        print("compare: gmcsim was killed by signal %d" % -proc.returncode)
        status = 1
    elif proc.returncode != 0:
        print("compare: note: gmcsim exited with status %d" % proc.returncode, file=sys.stderr)
    if proc.stderr.strip():
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        print("compare: gmcsim stderr (%d lines), first: %s" % (len(err), err[0]), file=sys.stderr)
    if len(out_lines) != len(lines):
        print("compare: gmcsim printed %d lines for %d input lines" % (len(out_lines), len(lines)))
        status = 1

    passed = failed = shown = 0
    for i, line in enumerate(lines):
        oracle = gmc_oracle.compute(inputs[i])
        if i < len(out_lines):
            diffs = compare_one(i + 1, out_lines[i], oracle)
        else:
            diffs = ["no output line from gmcsim"]
        if not diffs:
            passed += 1
            continue
        failed += 1
        if shown < a.show:
            shown += 1
            print("--- difference at line %d" % (i + 1))
            print("input:  " + line)
            print("gmcsim: " + (out_lines[i] if i < len(out_lines) else "<none>"))
            print("oracle: " + json.dumps(dict(oracle, line=i + 1), separators=(",", ":")))
            for d in diffs:
                print("    " + d)
    t2 = time.time()
    print("compare: gmcsim %.2fs, oracle+compare %.2fs" % (t1 - t0, t2 - t1), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    if failed:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
