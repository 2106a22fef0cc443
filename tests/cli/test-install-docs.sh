#!/bin/sh
# SPDX-License-Identifier: MIT
# `meson install` puts the man pages under mandir (man1, man5) and the bash
# completion where bash-completion looks for it, named after the command.
# usage: test-install-docs.sh BUILD_DIR yes|no(man pages built) PAGE...
set -eu
build=$1 man=$2
shift 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM

meson install -C "$build" --destdir "$root" --no-rebuild --quiet >/dev/null
status=0
completion=$(find "$root" -path '*/bash-completion/completions/gmcsim' -type f)
if [ -z "$completion" ]; then
	echo "no bash-completion/completions/gmcsim installed"
	status=1
else
	echo "completion: ${completion#"$root"}"
fi
if [ "$man" = yes ]; then
	for page in "$@"; do
		name=$(basename "$page")
		section=${name##*.}
		found=$(find "$root" -path "*/man/man$section/$name" -type f)
		if [ -z "$found" ]; then
			echo "$name: not installed under man$section"
			status=1
		else
			echo "$name: ${found#"$root"}"
		fi
	done
fi
exit $status
