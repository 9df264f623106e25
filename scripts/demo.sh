#!/usr/bin/env bash
# The main job: builds and starts the ASL Studio desktop app (release build). Extra
# arguments are passed to the app (a file to open). Without a display (a server, CI),
# the app starts on a virtual display and a screenshot of it is saved instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/setup.sh"
source "$here/env.sh"
cd "$root"
bash "$here/ui-build.sh"
cargo build --release --locked -p asl-studio --features custom-protocol
app="$CARGO_TARGET_DIR/release/asl-studio"
export ASL_STUDIO_SAMPLES="$root/samples"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
shot="$CARGO_TARGET_DIR/asl-studio-demo.png"
echo "No display: starting ASL Studio on a virtual display; a screenshot goes to $shot"
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
  "$0" "${@:2}" & pid=$!
  sleep 8
  import -window root "$1"
  kill $pid' "$app" "$shot" "${@:-$root/samples/order-processing/order-processing.asl.json}"
echo "Screenshot: $shot"
