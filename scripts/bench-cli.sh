#!/usr/bin/env bash
# The product path, measured as users run it (issue 14, item 4): the whole `asl` process
# (release build) on the benchmark workloads of ../shared/bench, each run N times (default
# 5), printing the median wall time and the largest peak RSS (/usr/bin/time). Reported,
# not asserted: these machines are shared.
#   bash scripts/bench-cli.sh [N]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root"
runs="${1:-5}"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

cargo build --release --locked -q -p asl-cli
asl="$CARGO_TARGET_DIR/release/asl"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$root/../shared/bench/gen.js" "$work" >/dev/null

# One line per command: its name, the median wall time (s) and the peak RSS (MB).
measure() {
  local name="$1"
  shift
  local times=() rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
    # The last line: a failing command adds "Command exited with non-zero status N" first.
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t")
    ((m > rss)) && rss=$m
  done
  local median
  median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  printf '%-48s %6s s %8s MB  (%s runs)\n' "$name" "$median" "$(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}')" "$runs"
}

input() { [ -f "$work/$1.input.json" ] && echo "--input=@$work/$1.input.json" || true; }

for w in w2-100000 w1-10000 w3-10000 w2-10000; do
  # shellcheck disable=SC2046
  measure "asl run --type express $w (text)" "$asl" run --type express "$work/$w.asl.json" $(input "$w")
done
# shellcheck disable=SC2046
measure "asl run --type express w2-10000 --format json" "$asl" run --type express --format json "$work/w2-10000.asl.json" $(input w2-10000)
measure "asl layout real-5000" "$asl" layout "$work/real-5000.asl.json"
measure "asl validate real-5000" "$asl" validate "$work/real-5000.asl.json"
measure "asl test ../shared/conformance/cases" "$asl" test "$root/../shared/conformance/cases"
