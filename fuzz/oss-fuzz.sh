#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Build every harness the way OSS-Fuzz's and ClusterFuzzLite's build.sh
# does: the compiler and flags come from $CC and $CFLAGS (sanitizer and
# coverage flags included), the engine from $LIB_FUZZING_ENGINE, and the
# results go to $OUT:
#
#   $OUT/fuzz-<target>                  the fuzzer
#   $OUT/fuzz-<target>.dict             its dictionary (fuzz/<target>.dict)
#   $OUT/fuzz-<target>.options          its options, if fuzz/<target>.options exists
#   $OUT/fuzz-<target>_seed_corpus.zip  fuzz/corpus/<target>/ without the crash-* files
#
# A project's build.sh only needs:  $SRC/gmcsim/fuzz/oss-fuzz.sh
# The build directory goes under $WORK (a temporary directory if unset).
# Needs meson, ninja, pkg-config, json-c (a static libjson-c.a if the
# fuzzers are to run where json-c is not installed) and python3.
set -eu

: "${CC:?set CC, e.g. clang}"
: "${CFLAGS?set CFLAGS, e.g. -fsanitize=address,fuzzer-no-link -g}"
: "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE, e.g. -fsanitize=fuzzer}"
: "${OUT:?set OUT, the output directory}"

src=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-$(mktemp -d)}
build=$work/gmcsim-fuzz-build
export CC CFLAGS LIB_FUZZING_ENGINE

# CFLAGS decide optimisation and instrumentation (buildtype plain adds
# nothing); meson passes them to the linker too, so sanitizer runtimes link.
# The tests and libpciaccess are not needed; shared libraries built with
# sanitizers must not insist on resolving every symbol.
rm -rf "$build"
meson setup "$build" "$src" \
	--buildtype=plain \
	-Dfuzzing_engine=oss-fuzz \
	-Dtests=disabled \
	-Dpciaccess=disabled \
	-Db_lundef=false

mkdir -p "$OUT"
for harness in "$src"/fuzz/fuzz-*.c; do
	name=$(basename "$harness" .c)
	[ "$name" = fuzz-main ] && continue
	target=${name#fuzz-}

	ninja -C "$build" "fuzz/$name"
	cp "$build/fuzz/$name" "$OUT/$name"
	if [ -f "$src/fuzz/$target.dict" ]; then
		cp "$src/fuzz/$target.dict" "$OUT/$name.dict"
	fi
	if [ -f "$src/fuzz/$target.options" ]; then
		cp "$src/fuzz/$target.options" "$OUT/$name.options"
	fi
	# A crasher whose fix is pending would stop every run at once; the
	# corpus replay test is where crashers live.
	python3 - "$src/fuzz/corpus/$target" "$OUT/${name}_seed_corpus.zip" <<'PY'
import os, sys, zipfile
corpus, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, f)
        if os.path.isfile(path) and not f.startswith("crash-"):
            z.write(path, f)
PY
done
