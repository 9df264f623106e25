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
source "$here/xvfb.sh"
trap 'kill ${app_pid:-} ${xvfb:-} 2>/dev/null || true' EXIT
# A screen the size of the app's window (tauri.conf.json: 1280x800), so the shot is the
# window and nothing else.
start_xvfb 1280x800
"$app" "${@:-$root/samples/order-processing/order-processing.asl.json}" & app_pid=$!
sleep 8
# The app's top-level window is the root's biggest child (its title follows the open file,
# so it is not found by name); cropping to it also holds when the window state restored
# another size.
window="$(xwininfo -root -children 2>/dev/null | awk 'match($0, /[0-9]+x[0-9]+\+/) {
  split(substr($0, RSTART, RLENGTH - 1), size, "x")
  if (size[1] * size[2] > best) { best = size[1] * size[2]; id = $1 } } END { print id }')"
import -window "${window:-root}" "$shot"
echo "Screenshot: $shot ($(identify -format '%wx%h' "$shot"))"
