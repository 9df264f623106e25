#!/usr/bin/env bash
# Every test: the Rust workspace (with the shared corpus and conformance cases when
# present), the UI's unit tests (vitest) and the end-to-end tests of the built app under
# a virtual display. Ends with one line adding them all up: "N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$root"
echo "corpus: ${ASL_CORPUS_DIR:-unset}; conformance: ${ASL_CONFORMANCE_DIR:-unset}; target: $CARGO_TARGET_DIR"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
status=0
# Runs one test runner, its output shown and kept in $logs/NAME, its exit code in
# $logs/NAME.rc; a failing runner fails the script but the next one still runs.
runner() {
  local name="$1" rc=0
  shift
  "$@" 2>&1 | tee "$logs/$name" || rc=$?
  echo "$rc" >"$logs/$name.rc"
  if [ "$rc" -ne 0 ]; then status=$rc; fi
}
# The UI bundle first: the app binary embeds ui/dist.
bash "$here/ui-build.sh"
# One build of everything, the app included (its binary is what the e2e tests drive).
# --no-fail-fast: every test binary runs, whatever failed before it.
runner cargo cargo test --workspace --locked --no-fail-fast --features asl-studio/custom-protocol
runner vitest bash -c 'cd ui && NO_COLOR=1 npx vitest run'
runner e2e env ASL_E2E_BUILT=1 bash "$here/e2e.sh"
# asl serve driven by real clients (boto3, the AWS CLI, @aws-sdk/client-sfn).
runner serve bash "$root/tests/serve/run.sh"
# A 60-second libFuzzer smoke of every fuzz target (fuzz/): "fuzz-smoke: N passed, M failed".
runner fuzz bash "$here/fuzz.sh" all 60
# Each runner's own summary lines, added up. cargo: "test result: ok. N passed; M failed"
# per test binary, and a binary that died of a signal prints none (it counts as one
# failure); vitest: "Tests  N passed | M failed (T)"; node --test: "ℹ pass N" / "ℹ fail N";
# the serve runner's Python clients: "serve-python: N passed, M failed"; the fuzz smoke:
# "fuzz-smoke: N passed, M failed".
# A runner that failed with no failure counted (it did not build, it crashed) counts as one.
count='/^test result:/ || /^ *Tests +[0-9]/ || /^(serve-python|fuzz-smoke): [0-9]+ passed/ {
         for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       /process didn.t exit successfully: .*\(signal: / { f += 1 }
       /^ℹ pass [0-9]+$/ { p += $3 } /^ℹ fail [0-9]+$/ { f += $3 }
       END { print p + 0, f + 0 }'
total_passed=0 total_failed=0
for name in cargo vitest e2e serve fuzz; do
  read -r passed failed < <(awk "$count" "$logs/$name")
  rc="$(cat "$logs/$name.rc")"
  note=""
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; note=" (exit $rc with no test failing: counted as one failure)"; fi
  printf '%-7s %d passed, %d failed%s\n' "$name:" "$passed" "$failed" "$note"
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed))
done
echo "$total_passed passed, $total_failed failed"
exit "$status"
