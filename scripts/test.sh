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
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# The UI bundle first: the app binary embeds ui/dist.
bash "$here/ui-build.sh"
# One build of everything, the app included (its binary is what the e2e tests drive).
cargo test --workspace --locked --features asl-studio/custom-protocol 2>&1 | tee "$log" || status=$?
(cd ui && NO_COLOR=1 npx vitest run) 2>&1 | tee -a "$log" || status=$?
ASL_E2E_BUILT=1 bash "$here/e2e.sh" 2>&1 | tee -a "$log" || status=$?
# cargo: "test result: ok. N passed; M failed"; vitest: "Tests  N passed (N)" / "N failed";
# node --test (spec reporter): "ℹ pass N" / "ℹ fail N".
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^ *Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^ℹ pass [0-9]+$/ { p += $3 } /^ℹ fail [0-9]+$/ { f += $3 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
