#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# ClusterFuzzLite's (and OSS-Fuzz's) build step for gmcsim: $CC, $CFLAGS,
# $LIB_FUZZING_ENGINE, $SRC, $WORK and $OUT come from the builder image.
# json-c is built first, static and with the same flags, when its source is
# in $SRC/json-c (the Dockerfile puts it there); then fuzz/oss-fuzz.sh builds
# every harness and writes the fuzzers, dictionaries, options and seed
# corpora to $OUT. Without $SRC/json-c the installed json-c is used.

if [ -d "$SRC/json-c" ]; then
	cmake -S "$SRC/json-c" -B "$WORK/json-c-build" \
		-DCMAKE_BUILD_TYPE=None \
		-DCMAKE_INSTALL_PREFIX="$WORK/json-c" \
		-DCMAKE_INSTALL_LIBDIR=lib \
		-DCMAKE_POSITION_INDEPENDENT_CODE=ON \
		-DBUILD_SHARED_LIBS=OFF \
		-DBUILD_STATIC_LIBS=ON \
		-DBUILD_TESTING=OFF \
		-DDISABLE_WERROR=ON
	cmake --build "$WORK/json-c-build" -j "$(nproc)"
	cmake --install "$WORK/json-c-build"
	export PKG_CONFIG_PATH="$WORK/json-c/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
fi

"$SRC/gmcsim/fuzz/oss-fuzz.sh"
