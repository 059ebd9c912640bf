#!/usr/bin/env bash
# Scale benchmark: a full nightly on generated data, then an incremental night where ~1 % of the
# records changed. Prints per-step times, records/s and the JVM's peak resident memory.
# Usage: benchmarks/scale/run.sh [PEOPLE]   (515000 people ~ 1M source records)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
people="${1:-515000}"
work="$(mktemp -d)"
export HUB_JAVA_OPTS="${HUB_JAVA_OPTS:--Xmx12g}"
hub="$here/bin/hub"
timed() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "peak_rss_kb=%M" -o "$work/$label.mem" "$@" > "$work/$label.log" 2>&1
  else
    "$@" > "$work/$label.log" 2>&1
  fi
  end=$(date +%s.%N)
  printf '%s: %.1f s, %s\n' "$label" "$(echo "$end - $start" | bc)" "$(cat "$work/$label.mem" 2>/dev/null || echo 'peak_rss_kb=?')"
  grep -E "^\s*\[|^total|standardize:|match:|cluster:" "$work/$label.log" || true
}
echo "scale benchmark: $people people, work dir $work, HUB_JAVA_OPTS=$HUB_JAVA_OPTS, $(nproc) cores"
timed generate "$hub" generate --out "$work/data" --people "$people"
timed night1 "$hub" nightly --contracts "$work/data/contracts" --hub-root "$work/hub" --run-id night-1
python3 "$here/benchmarks/scale/change_one_percent.py" "$work/data" 0.01
timed night2 "$hub" nightly --contracts "$work/data/contracts" --hub-root "$work/hub" --run-id night-2
timed evaluate "$hub" evaluate --truth "$work/data/truth.csv" --hub-root "$work/hub"
tail -n 20 "$work/evaluate.log"
echo "logs in $work"
