#!/bin/sh
# Install the build into a scratch root, then build an example with nothing
# but the installed headers and gmc.pc, and run it.
# usage: check-installed.sh BUILD_DIR EXAMPLE.c CC PKG
set -eu
build=$1 src=$2 cc=$3 pkg=$4
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT INT TERM

meson install -C "$build" --destdir "$root" --no-rebuild --quiet >/dev/null
pcdir=$(dirname "$(find "$root" -name "$pkg.pc" | head -n 1)")
libdir=$(dirname "$(find "$root" -name "lib$pkg.so" | head -n 1)")
prefix=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=prefix "$pkg")
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --define-variable=prefix="$root$prefix" --cflags --libs "$pkg")
# shellcheck disable=SC2086
"$cc" -std=c99 -Wall -Wextra -Werror "$src" -o "$root/example" $flags
LD_LIBRARY_PATH="$libdir" "$root/example"
