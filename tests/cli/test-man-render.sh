#!/bin/sh
# SPDX-License-Identifier: MIT
# Every man page renders with man -l, and groff has nothing to warn about.
# Exit 77 (skip) where man is missing or no page was built (no scdoc).
# usage: test-man-render.sh PAGE...
set -u
command -v man >/dev/null 2>&1 || { echo "man is not installed"; exit 77; }
[ $# -gt 0 ] || { echo "no man pages were built (scdoc missing)"; exit 77; }
status=0
for page in "$@"; do
	out=$(MANWIDTH=80 man -l --warnings "$page" 2>&1 >/dev/null)
	rc=$?
	text=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
	if [ $rc -ne 0 ] || [ -n "$out" ]; then
		echo "$page: man -l exits $rc: $out"
		status=1
	elif ! printf '%s\n' "$text" | grep -q '^NAME'; then
		echo "$page: no NAME section in the rendered page"
		status=1
	else
		echo "$page: renders"
	fi
done
exit $status
