#!/bin/sh
# A gmcsim sweep as a Slurm job array (docs/sweeping.md): task I of N runs
# slice I of N, then one job that depends on the array merges the slices.
#
#   sbatch --array=1-8 sweep-slurm.sh        # the slices
#   sbatch --dependency=afterok:JOBID --export=ALL,MERGE=1 sweep-slurm.sh
#
# GMCSIM (default: gmcsim on PATH), OUT (default: the submit directory) and
# SELECTION (the sweep's selectors, the same for every slice and the merge)
# come from the environment.
#SBATCH --job-name=gmcsim-sweep
#SBATCH --cpus-per-task=2
#SBATCH --output=gmcsim-sweep-%A-%a.log
set -eu
GMCSIM=${GMCSIM:-gmcsim}
OUT=${OUT:-${SLURM_SUBMIT_DIR:-.}}
SELECTION=${SELECTION:---generate random:1000 --seed 7 --worst 10}

if [ -n "${MERGE:-}" ]; then
	# shellcheck disable=SC2086 # the selectors are words
	exec "$GMCSIM" sweep $SELECTION --merge --json "$OUT"/shard-*.json > "$OUT/merged.json"
fi
# shellcheck disable=SC2086
"$GMCSIM" sweep $SELECTION --jobs "${SLURM_CPUS_PER_TASK:-1}" \
	--shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --json \
	> "$OUT/shard-$SLURM_ARRAY_TASK_ID.json.part"
mv "$OUT/shard-$SLURM_ARRAY_TASK_ID.json.part" "$OUT/shard-$SLURM_ARRAY_TASK_ID.json"
