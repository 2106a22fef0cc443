#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The shard recipes of docs/sweeping.md, run without a scheduler. TAP output.

usage: test-recipes-cli.py GMCSIM

docs/examples/sweep-slurm.sh and sweep-k8s.yaml are run as the scheduler would
run them (the array index in SLURM_ARRAY_TASK_ID, the pod index in
JOB_COMPLETION_INDEX), then merged; the merge must be the unsharded document
(docs/sweeping.md). The `batch` suite runs the Slurm recipe on a real Slurm.
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
SRC = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(SRC, "docs", "examples")
# small enough to be quick: 236 node pairs x 1 block x 2 fixes x 6 swap points x 1 cycle
SELECTION = "--generate node-pairs --blocks psp --fix none,upstream --cycles 1 --worst 3"
SHARDS = 3


def check_eq(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")


def unsharded():
    r = subprocess.run([GMCSIM, "sweep", *shlex.split(SELECTION), "--json"], capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout)


def env(**extra):
    e = dict(os.environ)
    e["PATH"] = os.path.dirname(os.path.abspath(GMCSIM)) + os.pathsep + e.get("PATH", "")
    e.update(extra)
    return e


def test_slurm_recipe():
    with tempfile.TemporaryDirectory() as out:
        script = os.path.join(EXAMPLES, "sweep-slurm.sh")
        for i in range(1, SHARDS + 1):
            subprocess.run(["sh", script], check=True, env=env(
                GMCSIM=GMCSIM, OUT=out, SELECTION=SELECTION, SLURM_ARRAY_TASK_ID=str(i),
                SLURM_ARRAY_TASK_COUNT=str(SHARDS), SLURM_CPUS_PER_TASK="2"))
        check_eq(sorted(os.listdir(out)), [f"shard-{i}.json" for i in range(1, SHARDS + 1)],
                 "one file per task, no partial file left")
        subprocess.run(["sh", script], check=True,
                       env=env(GMCSIM=GMCSIM, OUT=out, SELECTION=SELECTION, MERGE="1"))
        with open(os.path.join(out, "merged.json"), encoding="utf-8") as f:
            check_eq(json.load(f), unsharded(), "merged == unsharded")


def k8s_recipe():
    """The Indexed Job's shell command, its SELECTION and SHARDS (a small, fixed YAML)."""
    with open(os.path.join(EXAMPLES, "sweep-k8s.yaml"), encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"- >-\n((?:\s{14}.*\n)+)", text).group(1)
    command = " ".join(line.strip() for line in block.splitlines())
    shards = int(re.search(r'name: SHARDS\n\s+value: "(\d+)"', text).group(1))
    completions = int(re.search(r"completions: (\d+)", text).group(1))
    check_eq(shards, completions, "SHARDS is the number of completions")
    return command


def test_k8s_recipe():
    command = k8s_recipe()
    with tempfile.TemporaryDirectory() as out:
        local = command.replace("/out/", out + "/")
        for k in range(SHARDS):
            subprocess.run(["sh", "-c", local], check=True, env=env(
                JOB_COMPLETION_INDEX=str(k), SELECTION=SELECTION, SHARDS=str(SHARDS)))
        paths = [os.path.join(out, f"shard-{i}.json") for i in range(1, SHARDS + 1)]
        r = subprocess.run([GMCSIM, "sweep", *shlex.split(SELECTION), "--merge", "--json",
                            *paths], capture_output=True, text=True, check=True)
        check_eq(json.loads(r.stdout), unsharded(), "merged == unsharded")


def main():
    global GMCSIM
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    GMCSIM = sys.argv[1]
    return tap.run([test_slurm_recipe, test_k8s_recipe])


if __name__ == "__main__":
    sys.exit(main())
