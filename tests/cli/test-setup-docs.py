#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""What README.md and docs/fuzzing.md say about setting up, testing and fuzzing, checked
against the files that do it (issue 13). TAP output.

usage: test-setup-docs.py SOURCE_ROOT
"""
import os
import re
import subprocess
import sys

import tap
from tap import check, check_eq

ROOT = None
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def read(*path):
    with open(os.path.join(ROOT, *path), encoding="utf-8") as f:
        return f.read()


def harnesses():
    return sorted(name[len("fuzz-"):-len(".c")] for name in os.listdir(os.path.join(ROOT, "fuzz"))
                  if name.startswith("fuzz-") and name.endswith(".c") and name != "fuzz-main.c")


@test
def readme_lists_the_packages_bootstrap_installs():
    # bootstrap: packages="..." (two lines); README: "The packages, as `bootstrap` lists them:
    # a, b, ..., z." in the same order
    m = re.search(r'^packages="([^"]*)"', read("bootstrap"), re.M)
    check(m is not None, "bootstrap has packages=")
    installed = m.group(1).split()
    m = re.search(r"The packages, as `bootstrap` lists them: (.*?)\.\n\n", read("README.md"), re.S)
    check(m is not None, "README lists the packages")
    listed = [re.sub(r"\s*\(.*?\)", "", p).strip() for p in
              re.sub(r"\s+", " ", m.group(1)).split(", ")]
    check_eq(listed, installed, "README's list is bootstrap's, in its order")
    check("libclang-rt-14-dev" in listed, "libclang-rt-14-dev (libFuzzer for clang) is listed")


@test
def readme_explains_the_test_counts():
    # the tests defined only when b_sanitize is none are the ones README names
    text = read("docs", "examples", "meson.build")
    m = re.search(r"if get_option\('b_sanitize'\) == 'none'(.*?)\nendif", text, re.S)
    check(m is not None, "docs/examples/meson.build has a plain-only block")
    plain_only = re.findall(r"test\('([^']+)'", m.group(1))
    check(len(plain_only) >= 1, "plain-only tests exist")
    readme = read("README.md")
    words = {1: "one", 2: "two", 3: "three"}
    check(f"the sanitizer build has {words.get(len(plain_only), len(plain_only))} fewer" in readme,
          f"README says how many fewer: {len(plain_only)}")
    for name in plain_only:
        check(f"`{name}`" in readme, f"README names {name}")


@test
def readme_explains_install_and_bootstrap_status():
    readme = read("README.md")
    check("meson install" in readme and "PKG_CONFIG_PATH" in readme,
          "README: meson install and PKG_CONFIG_PATH")
    # bootstrap run accepts check's 1 ("findings") and nothing else
    check(re.search(r"gmcsim check \|\| \[ \$\? -eq 1 \]", read("bootstrap")) is not None,
          "bootstrap run accepts exit 1 only")
    check("`./bootstrap run` exits 0" in readme and "findings" in readme,
          "README says why bootstrap run exits 0")


@test
def campaign_script():
    path = os.path.join(ROOT, "fuzz", "campaign.sh")
    check(os.access(path, os.X_OK), "fuzz/campaign.sh is executable")
    check_eq(subprocess.run(["sh", "-n", path], check=False).returncode, 0, "it parses")
    # a usage error exits 2 before building anything
    r = subprocess.run([path, "-t", "x"], capture_output=True, text=True, check=False)
    check_eq(r.returncode, 2, f"bad -t: usage ({r.stderr!r})")
    r = subprocess.run([path, "nosuch"], capture_output=True, text=True, check=False)
    check_eq(r.returncode, 2, "an unknown harness")
    check("nosuch" in r.stderr, r.stderr)


@test
def fuzzing_doc_publishes_every_harness_rate():
    # docs/fuzzing.md, "Throughput": the campaign.sh table, one row per harness, with a
    # number of executions and an exec/s for each
    doc = read("docs", "fuzzing.md")
    m = re.search(r"### Throughput\n(.*?)\n### ", doc, re.S)
    check(m is not None, "a Throughput section")
    section = m.group(1)
    check("fuzz/campaign.sh" in section, "it says how the rates were measured")
    rows = re.findall(r"^\| `([a-z-]+)` \| (\d+) s \| ([\d,]+) \| ([\d,]+) \|", section, re.M)
    check_eq(sorted(r[0] for r in rows), harnesses(), "one row per harness")
    for name, secs, runs, rate in rows:
        # exec/s is libFuzzer's average, executions / seconds, to within the start-up time
        runs, rate = int(runs.replace(",", "")), int(rate.replace(",", ""))
        check(rate * int(secs) >= runs * 0.9 and rate <= runs, f"{name}: {runs} in {secs} s "
              f"at {rate}/s")


@test
def clusterfuzzlite_reuses_oss_fuzz_sh():
    d = os.path.join(ROOT, ".clusterfuzzlite")
    check_eq(sorted(os.listdir(d)), ["Dockerfile", "build.sh", "project.yaml"], "the three files")
    check(re.search(r"^language: c$", read(".clusterfuzzlite", "project.yaml"), re.M), "language")
    build = read(".clusterfuzzlite", "build.sh")
    check('"$SRC/gmcsim/fuzz/oss-fuzz.sh"' in build, "build.sh runs fuzz/oss-fuzz.sh")
    check(os.access(os.path.join(d, "build.sh"), os.X_OK), "build.sh is executable")
    docker = read(".clusterfuzzlite", "Dockerfile")
    check("FROM gcr.io/oss-fuzz-base/base-builder" in docker, "the OSS-Fuzz builder image")
    check("COPY .clusterfuzzlite/build.sh $SRC/" in docker, "build.sh where the builder runs it")
    check(".clusterfuzzlite/" in read("docs", "fuzzing.md"), "documented in docs/fuzzing.md")


def main():
    global ROOT
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ROOT = sys.argv[1]
    return tap.run(TESTS)


if __name__ == "__main__":
    sys.exit(main())
