#!/bin/sh
# SPDX-License-Identifier: MIT
# Suite `batch`: the Slurm recipe of docs/sweeping.md (docs/examples/sweep-slurm.sh)
# on a real single-node Slurm: munged, slurmctld and slurmd on 127.0.0.1 only,
# started here in a temporary directory and stopped again. A sweep runs as a
# job array of 3 tasks, a dependent job merges the slices, and the merged JSON
# must be byte for byte the unsharded run's. Exits 77 (skip) where Slurm or
# munge is not installed or the daemons cannot start (not root, ports taken).
#
# usage: test-slurm.sh GMCSIM RECIPE
set -u
GMCSIM=$(realpath "$1")
RECIPE=$(realpath "$2")
SELECTION="--generate node-pairs --blocks psp --fix none,upstream --cycles 1 --worst 3"
skip() { echo "skip: $*"; exit 77; }

for cmd in munged slurmctld slurmd sbatch sinfo scontrol; do
	command -v "$cmd" >/dev/null 2>&1 || skip "$cmd is not installed (Debian: slurm-wlm, munge)"
done
[ "$(id -u)" = 0 ] || skip "slurmd needs root"

T=$(mktemp -d /tmp/gmcsim-slurm-XXXXXX)
chmod 755 "$T"
stop() {
	for pid in "$T"/slurmd.pid "$T"/slurmctld.pid "$T"/munged.pid; do
		[ -s "$pid" ] && kill "$(cat "$pid")" 2>/dev/null
	done
	sleep 1
	rm -rf "$T"
}
trap stop EXIT INT TERM

mkdir -p "$T/state" "$T/spool" "$T/out" "$T/munge"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 400 "$T/munge/munge.key"
munged --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.sock" \
	--pid-file="$T/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/seed" \
	>/dev/null 2>&1 || skip "munged does not start"

# every address is loopback; the ports are not Slurm's defaults, to stay clear of a real one
cat > "$T/slurm.conf" <<CONF
ClusterName=gmcsimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=26817
SlurmdPort=26818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -i >/dev/null 2>&1 || skip "slurmctld does not start: $(tail -3 "$T/slurmctld.log" 2>/dev/null)"
slurmd -N localhost >/dev/null 2>&1 || skip "slurmd does not start: $(tail -3 "$T/slurmd.log" 2>/dev/null)"
up=
for _ in $(seq 1 60); do
	if sinfo -h -N -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
		up=1
		break
	fi
	sleep 0.5
done
[ -n "$up" ] || skip "the node never came up: $(tail -3 "$T/slurmctld.log" 2>/dev/null)"

cd "$T/out" || exit 1
export GMCSIM OUT="$T/out" SELECTION
if ! sbatch --wait --array=1-3 --export=ALL --chdir="$T/out" "$RECIPE" >/dev/null; then
	echo "FAIL: the array failed"; cat "$T"/out/*.log "$T/slurmd.log" 2>/dev/null | tail -20
	exit 1
fi
if ! MERGE=1 sbatch --wait --export=ALL --chdir="$T/out" "$RECIPE" >/dev/null; then
	echo "FAIL: the merge failed"; cat "$T"/out/*.log 2>/dev/null | tail -20
	exit 1
fi
# shellcheck disable=SC2086
"$GMCSIM" sweep $SELECTION --json > "$T/unsharded.json" || exit 1
if cmp -s "$T/out/merged.json" "$T/unsharded.json"; then
	echo "ok: 3 Slurm array tasks merged into the unsharded sweep"
	exit 0
fi
echo "FAIL: merged.json differs from the unsharded run"
exit 1
