#!/usr/bin/env bash
# Accuracy benchmark: runs the hub's own pipeline on each task and scores its clustering against the truth.
#
#   benchmarks/accuracy/run.sh                      # every task under tasks/
#   benchmarks/accuracy/run.sh febrl4 febrl3        # only these tasks
#
# Per task: a fresh hub root in a temp dir, then ingest -> standardize -> train (EM, no labels) ->
# match -> cluster with the system's own settings (thresholds chosen without labels: no step but `evaluate` ever sees truth.csv),
# then `hub evaluate --truth`. Prints a Markdown table and writes it to benchmarks/accuracy/results.md.
# Extra JVM options: HUB_JAVA_OPTS (e.g. -Xmx8g). Keeps the temp hub roots when KEEP_HUBS=1.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$bench/../.." && pwd)"
hub="$repo/bin/hub"
run_id=bench
work="$(mktemp -d "${TMPDIR:-/tmp}/hub-accuracy.XXXXXX")"
[ "${KEEP_HUBS:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

# Peer figures (Splink, pairwise F1 at a threshold chosen WITH the labels), shown beside ours.
declare -A peer=([febrl3]="0.995 (Splink)" [febrl4]="0.9998 (Splink)" [splink_fake_1000]="0.862 (Splink)")

if [ "$#" -gt 0 ]; then tasks=("$@"); else tasks=(); for d in "$bench"/tasks/*/; do tasks+=("$(basename "$d")"); done; fi

# Which pipeline steps this build of the hub has (standardize/match/cluster are being written).
commands="$("$hub" --help 2>/dev/null | awk '/^Commands:/{on=1; next} on && /^  [a-z]/{print $1}')"
missing=()
for step in ingest standardize train match cluster evaluate; do
  grep -qx "$step" <<<"$commands" || missing+=("$step")
done

run_step() { # run_step <log> <hub args...>: quiet unless it fails
  local log="$1"; shift
  if ! "$hub" "$@" >>"$log" 2>&1; then
    echo "  step '$1' failed; its output:" >&2; grep -v '^WARNING' "$log" | tail -n 20 >&2
    return 1
  fi
}

rows=()
status_row() { # status_row <task> <message>: a table row for a task that did not reach evaluate
  rows+=("| $1 | $2 | | | | | | | | | ${peer[$1]:-} |")
}

for task in "${tasks[@]}"; do
  dir="$bench/tasks/$task"
  [ -d "$dir/contracts" ] && [ -f "$dir/truth.csv" ] || { echo "error: no task '$task' (need $dir/contracts/ and $dir/truth.csv)" >&2; exit 1; }
  root="$work/$task/hub"; log="$work/$task/log.txt"; json="$work/$task/evaluate.json"
  mkdir -p "$work/$task"
  echo "== $task" >&2
  start=$(date +%s)
  common=(--hub-root "$root" --run-id "$run_id")
  run_step "$log" ingest --contracts "$dir/contracts" "${common[@]}" || { status_row "$task" "ingest failed"; continue; }
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "  ingested; stopping here: this hub has no '${missing[*]}' command yet (see \`bin/hub --help\`)." >&2
    status_row "$task" "ingested only: hub lacks ${missing[*]}"
    continue
  fi
  for step in standardize train match cluster; do
    run_step "$log" "$step" "${common[@]}" || { status_row "$task" "$step failed"; continue 2; }
  done
  # The only step that reads the labels.
  run_step "$log" evaluate --truth "$dir/truth.csv" --hub-root "$root" --json "$json" || { status_row "$task" "evaluate failed"; continue; }
  seconds=$(( $(date +%s) - start ))
  rows+=("$(python3 - "$json" "$task" "$seconds" "${peer[$task]:-}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
task, seconds, peer = sys.argv[2], sys.argv[3], sys.argv[4]
f = lambda x: f"{x:.4f}"
print(f"| {task} | {r['labelled_records']:,} | {r['labelled_not_clustered']:,} | {f(r['pairwise_precision'])} | "
      f"{f(r['pairwise_recall'])} | {f(r['pairwise_f1'])} | {f(r['end_to_end_pairwise_f1'])} | {f(r['bcubed_f1'])} | "
      f"{r['over_merged_clusters']:,} | {seconds} | {peer} |")
PY
)")
done

{
  echo "# Accuracy benchmark results"
  echo
  echo "Commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores."
  echo "Our figures use the thresholds the hub picks WITHOUT the labels; peer figures used label-tuned thresholds."
  echo "Pairwise P/R/F1 score the records both clustered and labelled; end-to-end F1 counts labelled records the hub"
  echo "did not cluster (quarantined at ingest) as singletons. Seconds: ingest to evaluate, JVM starts included."
  echo
  echo "| task | records | not clustered | pairwise P | pairwise R | pairwise F1 | end-to-end F1 | B-cubed F1 | over-merged clusters | seconds | peer F1 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$bench/results.md"
