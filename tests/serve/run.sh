#!/usr/bin/env bash
# The real-client tests of `asl serve`: boto3 and the AWS CLI (Python) and
# @aws-sdk/client-sfn (node --test), each against a server of its own on a free port;
# and the `asl aws` tests against asl serve and moto.
# Clients are installed once (install.sh); nothing here reaches the internet.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../scripts/env.sh"
venv="$(bash "$here/install.sh" | tail -1)"
cargo build -q -p asl-cli --locked
export ASL_BIN="$CARGO_TARGET_DIR/debug/asl" SERVE_PYTHON="$venv/bin/python" PYTHONDONTWRITEBYTECODE=1
status=0
(cd "$here" && "$venv/bin/python" run_python.py) || status=$?

# asl aws and asl replay (crates/asl-aws/tests/servers.rs, ignored in the workspace run)
# against asl serve and moto's server, each started by the tests on a free port.
ASL_AWS_MOTO_SERVER="$venv/bin/moto_server" cargo test -p asl-aws --locked --test servers -- --ignored || status=$?

# The JavaScript SDK gets its own server.
out="$(mktemp)"
"$ASL_BIN" serve --port 0 --mock-config "$here/mock-config.json" >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$out" && break; sleep 0.1; done
url="$(sed -n 's/^listening on //p' "$out")"
if [ -z "$url" ]; then echo "asl serve did not start: $(cat "$out")"; exit 1; fi
(cd "$here" && ASL_SERVE_URL="$url" node --test --test-reporter=spec sfn.test.mjs) || status=$?
exit "$status"
