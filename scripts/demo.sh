#!/usr/bin/env bash
# The main job until the desktop app exists: build `asl`, validate the samples, show a
# diagnostic on a broken machine, export a sample to YAML, draw one and run its tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$root"
cargo build --release -q -p asl-cli
asl="$CARGO_TARGET_DIR/release/asl"
echo "== asl validate samples/*/*.asl.json"
"$asl" validate samples/*/*.asl.json
broken="$(mktemp -d)/broken.asl.json"
sed 's/"Next": "CheckInventory"/"Next": "CheckInventry"/' samples/order-processing/order-processing.asl.json > "$broken"
echo "== asl validate (a copy with a typo in one Next)"
"$asl" validate "$broken" || true
echo "== asl export samples/order-processing/order-processing.asl.json --to yaml"
"$asl" export samples/order-processing/order-processing.asl.json --to yaml | head -n 30
echo "== asl render samples/parallel-risk-analysis/parallel-risk-analysis.asl.json --format mermaid"
"$asl" render samples/parallel-risk-analysis/parallel-risk-analysis.asl.json --format mermaid | head -n 12
echo "== asl test samples/order-processing/tests.json"
"$asl" test samples/order-processing/tests.json
