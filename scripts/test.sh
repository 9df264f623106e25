#!/usr/bin/env bash
# Every test of the workspace, with the shared corpus and conformance cases when present.
# Ends with one line adding up every test binary: "N passed, N failed".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$root"
echo "corpus: ${ASL_CORPUS_DIR:-unset}; conformance: ${ASL_CONFORMANCE_DIR:-unset}; target: $CARGO_TARGET_DIR"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --locked 2>&1 | tee "$log" || status=$?
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
