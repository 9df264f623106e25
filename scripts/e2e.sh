#!/usr/bin/env bash
# End-to-end tests of the real desktop app: builds the UI and the app, starts a virtual
# display and tauri-driver, and runs tests/e2e (WebdriverIO). Screenshots land in
# $CARGO_TARGET_DIR/e2e-shots. Assumes scripts/setup.sh has run (system packages).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root"

if [ -z "${ASL_E2E_BUILT:-}" ]; then
  bash "$here/ui-build.sh"
  # The same command as scripts/test.sh, so both share one build of tauri.
  cargo test --workspace --locked --features asl-studio/custom-protocol --no-run
fi
export ASL_STUDIO_BIN="${ASL_STUDIO_BIN:-$CARGO_TARGET_DIR/debug/asl-studio}"
# The CLI, for tests that need a Step Functions API server (`asl serve`) beside the app.
export ASL_BIN="${ASL_BIN:-$CARGO_TARGET_DIR/debug/asl}"

if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked --quiet
fi
(cd tests/e2e && { [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error; })

work="$(mktemp -d)"
cleanup() {
  [ -n "${driver:-}" ] && kill "$driver" 2>/dev/null || true
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source "$here/xvfb.sh"
start_xvfb 1440x900
# A fresh home for the app's settings, recent files and drafts.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
# AWS as the cloud tests meet it: a local server (the test gives the app its URL), fixed
# test credentials, no instance metadata lookups. Nothing here reaches AWS.
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
unset AWS_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SFN
# The tests' copies of samples and generated machines go here and are removed with it.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
export ASL_STUDIO_SAMPLES="$root/samples"
export ASL_E2E_SHOTS="$CARGO_TARGET_DIR/e2e-shots"
# Free ports, so two runs on one machine (a developer's and CI's) never share a driver.
free_port() { node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'; }
# One driver per spec file: WebKitWebDriver can crash (a segfault inside WebKit, seen under
# load), and tauri-driver does not restart it, so with one driver for the whole run every
# later session failed too. A crash now costs at most the file it happened in.
start_driver() {
  export ASL_E2E_PORT="$(free_port)"
  native_port="$(free_port)"
  tauri-driver --port "$ASL_E2E_PORT" --native-port "$native_port" >>"$work/driver.log" 2>&1 & driver=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$ASL_E2E_PORT") 2>/dev/null && break; sleep 0.2; done
}
stop_driver() {
  pkill -P "$driver" 2>/dev/null || true
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
  driver=""
}
cd tests/e2e
# ASL_E2E_SCRIPT=file.mjs runs one script against the app instead (for probing).
if [ -n "${ASL_E2E_SCRIPT:-}" ]; then start_driver; node "$ASL_E2E_SCRIPT"; exit $?; fi
# Arguments pick spec files (e.g. specs/code.test.mjs); by default all of them.
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=(specs/*.test.mjs)
status=0
for spec in "${specs[@]}"; do
  start_driver
  # ASL_E2E_ONLY=pattern runs the tests whose name matches.
  node --test --test-concurrency=1 ${ASL_E2E_ONLY:+--test-name-pattern="$ASL_E2E_ONLY"} --test-reporter=spec \
    --test-reporter-destination=stdout "$spec" || status=$?
  stop_driver
done
exit "$status"
