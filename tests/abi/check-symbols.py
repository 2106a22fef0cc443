#!/usr/bin/env python3
"""The shared library exports exactly what the version script lists, and the
version script lists exactly what the headers mark GMC_EXPORT (libinput's
symbols-leak test, libdrm's symbols-check)."""
import re
import subprocess
import sys


def script_symbols(path):
    text = open(path).read()
    glob = re.search(r"global:(.*?)local:", text, re.S).group(1)
    return {s.strip() for s in glob.split(";") if s.strip()}


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDRB":
            syms.add(parts[2].split("@")[0])
    return syms


def header_symbols(headers):
    syms = set()
    for h in headers:
        text = open(h).read()
        for m in re.finditer(r"^GMC(?:SIM)?_EXPORT\b[^;{#]*?\b(\w+)\s*\(", text, re.S | re.M):
            syms.add(m.group(1))
    return syms


def main():
    lib, script, *headers = sys.argv[1:]
    want = script_symbols(script)
    have = exported(lib)
    declared = header_symbols(headers)
    ok = True
    for name, diff in (("exported but not in the version script", have - want),
                       ("in the version script but not exported", want - have),
                       ("marked exported in a header but not in the version script", declared - want),
                       ("in the version script but not declared in a header", want - declared)):
        if diff:
            ok = False
            print(f"{name}: {' '.join(sorted(diff))}")
    print(f"{len(have)} symbols checked")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
