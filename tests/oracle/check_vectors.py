#!/usr/bin/env python3
"""Run the oracle over the reference layout vectors and report mismatches.

usage: check_vectors.py [VECTOR_FILE ...]

Without arguments it reads layout-vectors.jsonl and layout-edge-vectors.jsonl
from ../shared/reference/vectors (relative to the repository root), falling
back to tests/data/.  Rules (vectors/README.md): for an expected
{"ok": false} with no "error" any failure is accepted; with "error" the
oracle must fail with that errno name; for "ok": true every expected key
must match exactly.  One departure: an input whose vram_size is not a whole
MiB or is 2^52 bytes or more is expected to fail with EINVAL (issue 14; see
vector_expect.py).  Exit status 0 only when there are no mismatches.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gmc_oracle  # noqa: E402
from vector_expect import expected_of  # noqa: E402

REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
NAMES = ("layout-vectors.jsonl", "layout-edge-vectors.jsonl")
SEARCH = (os.path.join(REPO, "..", "shared", "reference", "vectors"),
          "/work/shared/reference/vectors",
          os.path.join(REPO, "tests", "data"))


def default_files():
    files = []
    for name in NAMES:
        for d in SEARCH:
            path = os.path.join(d, name)
            if os.path.exists(path):
                files.append(os.path.normpath(path))
                break
        else:
            sys.exit("check_vectors: cannot find %s" % name)
    return files


def diff(expected, got):
    """List of human-readable differences; [] when `got` satisfies `expected`."""
    if not expected.get("ok"):
        if got.get("ok"):
            return ["expected a failure, oracle succeeded"]
        if "error" in expected and expected["error"] != got.get("error"):
            return ["error: expected %s, oracle %s" % (expected["error"], got.get("error"))]
        return []
    if not got.get("ok"):
        return ["expected success, oracle failed: %s %s" % (got.get("error"), got.get("message"))]
    out = []
    for k, v in expected.items():
        if got.get(k, "<missing>") != v:
            out.append("%s: expected %s, oracle %s" % (k, json.dumps(v), json.dumps(got.get(k, "<missing>"))))
    return out


def main(argv):
    files = argv[1:] or default_files()
    total = bad = 0
    for path in files:
        n = m = overridden = 0
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                vec = json.loads(line)
                got = gmc_oracle.compute(vec["input"])
                want = expected_of(vec)
                if want is not vec["expected"]:
                    overridden += 1
                d = diff(want, got)
                n += 1
                if d:
                    m += 1
                    if bad + m <= 20:
                        print("MISMATCH %s:%d input=%s" % (os.path.basename(path), lineno, json.dumps(vec["input"])))
                        for x in d:
                            print("    " + x)
        print("%s: %d vectors, %d matched, %d mismatched" % (path, n, n - m, m))
        if overridden:
            print("%s: %d vector(s) expected refused (vram_size the register cannot express, "
                  "issue 14) instead of their rounded-down result" % (path, overridden))
        total += n
        bad += m
    print("total: %d vectors, %d mismatches" % (total, bad))
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
