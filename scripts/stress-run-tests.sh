#!/usr/bin/env bash
# Runs the run/debugger test binaries N times in a row (default 50) while two busy loops
# load both cores, and stops at the first failure: races between a run's threads show up
# here, not in a single quiet run. Usage: bash scripts/stress-run-tests.sh [N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root"
rounds="${1:-50}"
bins=()
for spec in "asl-session history_and_rerun" "asl-session run" "asl-eval debugger" "asl-eval run_events" "asl-eval callbacks"; do
  set -- $spec
  bins+=("$(cargo test -p "$1" --test "$2" --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable")][-1])')")
done
busy() { while :; do :; done; }
busy & b1=$!
busy & b2=$!
trap 'kill $b1 $b2 2>/dev/null' EXIT
for i in $(seq "$rounds"); do
  for bin in "${bins[@]}"; do
    if ! out="$("$bin" -q 2>&1)"; then
      echo "round $i: $(basename "$bin") failed"
      echo "$out" | tail -40
      exit 1
    fi
  done
done
echo "$rounds rounds of ${#bins[@]} test binaries under two busy loops: no failure"
