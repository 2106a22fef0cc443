#!/bin/sh
# SPDX-License-Identifier: MIT
#
# A short fuzzing campaign that measures what docs/fuzzing.md publishes:
#
#   fuzz/campaign.sh [-t SECONDS] [-j PARALLEL] [-b BUILDDIR] [TARGET...]
#
# 1. Builds the libFuzzer harnesses exactly as docs/fuzzing.md documents
#    (clang, -Dfuzzing_engine=libfuzzer, ASan+UBSan, the libraries built with
#    -fsanitize=fuzzer-no-link), in BUILDDIR (default build-fuzz-lf; an
#    existing one is reused and brought up to date by ninja).
# 2. Runs each TARGET (default: every fuzz/fuzz-*.c) for SECONDS (default
#    30), one process each, PARALLEL at a time (default 1: each on a core of
#    its own), on a COPY of fuzz/corpus/TARGET/ without its crash-* files, with
#    fuzz/TARGET.dict and the libFuzzer options of fuzz/TARGET.options, and
#    ASAN_OPTIONS=malloc_context_size=0:quarantine_size_mb=8 unless set.
# 3. Prints one Markdown row per target: seconds, executions, exec/s (as
#    libFuzzer's -print_final_stats=1 reports them), cov and ft at the end,
#    and what it found; then the machine's load average at the start and the
#    end (the rates follow it). The logs, the corpus copies and any crasher
#    stay in the work directory it names (default a new one under /tmp).
#
# Exit status: 0 when no target crashed, 1 when one did, 2 on a usage or
# build error. Needs clang, libclang-rt-14-dev (libFuzzer and the
# sanitizer runtimes), meson, ninja and json-c.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
seconds=30
parallel=1
build="build-fuzz-lf"

usage() {
	sed -n '4,5p' "$0" | sed 's/^# *//' >&2
	exit 2
}

while getopts t:j:b:h opt; do
	case $opt in
	t) seconds=$OPTARG ;;
	j) parallel=$OPTARG ;;
	b) build=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
case $seconds$parallel in
*[!0-9]*) usage ;;
esac
if [ "$seconds" -lt 1 ] || [ "$parallel" -lt 1 ]; then
	usage
fi

if [ $# -eq 0 ]; then
	for harness in "$src"/fuzz/fuzz-*.c; do
		name=$(basename "$harness" .c)
		[ "$name" = fuzz-main ] || set -- "$@" "${name#fuzz-}"
	done
fi
for target; do
	[ -f "$src/fuzz/fuzz-$target.c" ] || {
		echo "campaign: no harness fuzz/fuzz-$target.c" >&2
		exit 2
	}
done

case $build in
/*) ;;
*) build=$src/$build ;;
esac
work=${WORK:-$(mktemp -d /tmp/gmcsim-campaign.XXXXXX)}
mkdir -p "$work"

# The documented build (docs/fuzzing.md, "Running a campaign").
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$src" -Dfuzzing_engine=libfuzzer \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >"$work/setup.log" 2>&1 || {
		cat "$work/setup.log" >&2
		exit 2
	}
fi
names=$*
ninja_targets=""
for target; do
	ninja_targets="$ninja_targets fuzz/fuzz-$target"
done
# shellcheck disable=SC2086 # word splitting wanted: the target lists
ninja -C "$build" $ninja_targets >"$work/build.log" 2>&1 || {
	tail -n 30 "$work/build.log" >&2
	exit 2
}

: "${ASAN_OPTIONS=malloc_context_size=0:quarantine_size_mb=8}"
export ASAN_OPTIONS

# libFuzzer flags from fuzz/TARGET.options ("[libfuzzer]" then "key = value").
options() {
	[ -f "$src/fuzz/$1.options" ] || return 0
	awk '/^\[/ { on = ($0 == "[libfuzzer]") ; next }
	     on && /=/ { gsub(/[ \t]/, ""); split($0, kv, "="); printf " -%s=%s", kv[1], kv[2] }' \
		"$src/fuzz/$1.options"
}

run_one() {
	target=$1
	corpus=$work/corpus/$target
	artifacts=$work/artifacts/$target
	rm -rf "$corpus" "$artifacts"
	mkdir -p "$corpus" "$artifacts"
	# a copy: the run adds files, fuzz/corpus/ keeps only merged, named seeds
	find "$src/fuzz/corpus/$target" -maxdepth 1 -type f ! -name 'crash-*' \
		-exec cp {} "$corpus/" \;
	dict=""
	[ -f "$src/fuzz/$target.dict" ] && dict="-dict=$src/fuzz/$target.dict"
	# shellcheck disable=SC2046,SC2086 # the options are separate words
	"$build/fuzz/fuzz-$target" $dict $(options "$target") \
		-max_total_time="$seconds" -print_final_stats=1 \
		-artifact_prefix="$artifacts/" "$corpus" >"$work/$target.log" 2>&1 || true
}

# the rates depend on what else runs: the table says how busy the machine was
load() {
	cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown
}
load_start=$(load)

# Run the targets PARALLEL at a time.
running=0
for target in $names; do
	run_one "$target" &
	running=$((running + 1))
	if [ "$running" -ge "$parallel" ]; then
		wait
		running=0
	fi
done
wait

# The table: libFuzzer's final stats and its last "cov: ft:" line.
status=0
echo "| harness | time | executions | exec/s | cov | ft | found |"
echo "|---|---|---|---|---|---|---|"
for target in $names; do
	log=$work/$target.log
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
	cov=$(printf '%s\n' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	crashes=$(find "$work/artifacts/$target" -type f | wc -l)
	found=nothing
	if [ "$crashes" -gt 0 ]; then
		found="$crashes crasher(s) in $work/artifacts/$target"
		status=1
	fi
	if [ -z "$runs" ]; then
		found="no final stats: see $log"
		status=1
	fi
	# shellcheck disable=SC2016 # the backquotes are Markdown's
	printf '| `%s` | %s s | %s | %s | %s | %s | %s |\n' "$target" "$seconds" \
		"${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$found"
done
echo
echo "$seconds s per harness, $parallel at a time on $(nproc) cores; load average" \
	"$load_start at the start, $(load) at the end."
echo "campaign: logs, corpus copies and crashers in $work" >&2
exit $status
