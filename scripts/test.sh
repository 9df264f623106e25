#!/usr/bin/env bash
# Every test of the workspace, with the shared corpus and conformance cases when present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$root"
echo "corpus: ${ASL_CORPUS_DIR:-unset}; conformance: ${ASL_CONFORMANCE_DIR:-unset}; target: $CARGO_TARGET_DIR"
cargo test --workspace --locked 2>&1
