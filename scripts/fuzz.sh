#!/usr/bin/env bash
# Fuzzing campaigns: scripts/fuzz.sh [TARGET|all] [SECONDS] (default: all, 60 s each).
# libFuzzer on the stable toolchain: rustc's own SanitizerCoverage pass (-Cpasses=
# sancov-module) gives libFuzzer its coverage feedback, no nightly flag needed (no ASan:
# the engine crates forbid unsafe code, so a memory error is not what we hunt).
# Each target's corpus grows in fuzz/corpus/TARGET (kept between campaigns, not
# committed); seeds come from samples/, the tests and ../shared/corpus, copied at run
# time. A crash, hang or OOM leaves its input in fuzz/artifacts/TARGET and fails the
# run. Ends with "fuzz-smoke: N passed, M failed" (one per target), as scripts/test.sh
# counts. FUZZ_BUILD_ONLY=1 only builds; FUZZ_JOBS is not offered: one fuzz process at
# a time on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root/fuzz"
targets=(${FUZZ_TARGETS:-document check edits layout expr execution delta serve})
want="${1:-all}" seconds="${2:-60}"
if [ "$want" != all ] && [[ ! " ${targets[*]} " =~ " $want " ]]; then
  echo "usage: scripts/fuzz.sh [all|${targets[*]// /|}] [SECONDS]" >&2
  exit 2
fi
[ "$want" = all ] || targets=("$want")

# The instrumented build lives in its own target dir so it never invalidates the shared
# one. --target keeps RUSTFLAGS off build scripts and proc macros (they would need the
# libFuzzer runtime to link).
export CARGO_TARGET_DIR="${ASL_FUZZ_TARGET_DIR:-$HOME/.cache/asl-studio/fuzz-target}"
host="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
build_start=$SECONDS
cargo build --release --locked --target "$host" $(printf -- "--bin %s " "${targets[@]}")
echo "fuzz build: $((SECONDS - build_start)) s"
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0
bin="$CARGO_TARGET_DIR/$host/release"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
for t in "${targets[@]}"; do
  seeds="$work/seeds-$t"
  mkdir -p "$seeds" "corpus/$t" "artifacts/$t"
  python3 "$root/fuzz/seeds.py" "$t" "$root" "$seeds"
  # Known crashes first: every minimised input kept in fuzz/regressions must pass.
  inputs=("corpus/$t" "$seeds")
  [ -d "regressions/$t" ] && inputs+=("regressions/$t")
  rc=0
  # -timeout 30 s: above the engine's own limits (JSONata: 10 s), so a hang is one that
  # escaped them.
  "$bin/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t/" "${inputs[@]}" \
    >"$work/$t.log" 2>&1 || rc=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log")"
  cov="$(grep -oE "cov: [0-9]+ ft: [0-9]+" "$work/$t.log" | tail -1 || true)"
  files="$(find "corpus/$t" -type f | wc -l)"
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz $t: ok, ${execs:-0} runs, ${rate:-0} exec/s, ${cov:-no coverage}, corpus $files files"
  else
    failed=$((failed + 1))
    echo "fuzz $t: FAILED (exit $rc), input in fuzz/artifacts/$t/; the report:"
    # The panic message (or libFuzzer's timeout/OOM line) and where the input went.
    sed -n '/panicked at/,/^stack backtrace/p' "$work/$t.log" | head -40
    grep -E '^==[0-9]+== ERROR|^SUMMARY|^artifact_prefix' "$work/$t.log" || true
  fi
done
echo "fuzz-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
