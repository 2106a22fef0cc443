#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every exported function in the given public headers has a doxygen comment
right above it that names each parameter with @param and, unless it returns
void, says what it returns with @return or @retval (the house style: a
doxygen comment on every public function).

usage: check-docs.py HEADER...

Prints one line per problem and "N functions, M problems"; exits 1 on any.
"""
import re
import sys

DECL = re.compile(r"GMC(?:SIM)?_EXPORT\s+(?P<ret>[^;(]*?)\b(?P<name>\w+)\s*\((?P<params>[^;]*?)\)\s*;",
                  re.S)
COMMENT_END = re.compile(r"/\*\*(?:(?!\*/).)*\*/\s*$", re.S)


def param_names(params):
    params = " ".join(params.split())
    if params in ("", "void"):
        return []
    names = []
    for p in params.split(","):
        m = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*$", p.strip())
        names.append(m.group(1))
    return names


def check(path):
    text = open(path, encoding="utf-8").read()
    problems, count = [], 0
    for m in DECL.finditer(text):
        count += 1
        name = m.group("name")
        line = text.count("\n", 0, m.start()) + 1
        where = f"{path}:{line}: {name}()"
        before = COMMENT_END.search(text, 0, m.start())
        if not before:
            problems.append(f"{where}: no /** ... */ comment right above it")
            continue
        doc = before.group(0)
        for p in param_names(m.group("params")):
            if not re.search(r"@param(\[[a-z, ]+\])?\s+" + re.escape(p) + r"\b", doc):
                problems.append(f"{where}: no @param for '{p}'")
        returns_void = " ".join(m.group("ret").split()) == "void"
        if not returns_void and not re.search(r"@(return|retval)\b", doc):
            problems.append(f"{where}: returns {m.group('ret').strip()} but has no @return/@retval")
    return count, problems


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    total, problems = 0, []
    for path in sys.argv[1:]:
        n, p = check(path)
        total += n
        problems += p
    for p in problems:
        print(p)
    print(f"{total} functions, {len(problems)} problems")
    return 1 if problems or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
