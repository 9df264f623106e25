#!/usr/bin/env bash
# Installs what building and testing ASL Studio needs on Debian/Ubuntu, idempotently:
# a C toolchain, the WebKitGTK stack Tauri 2 builds against, a virtual display and
# WebKitWebDriver for the end-to-end tests, Node.js (20 or newer) for the UI, and, if
# missing, a Rust toolchain through rustup.
set -euo pipefail

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
packages=(
  build-essential pkg-config ca-certificates curl file libssl-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth x11-utils dbus-x11 at-spi2-core webkit2gtk-driver fonts-dejavu-core imagemagick
  xdotool  # the e2e tests answer native file dialogs with it
  python3 python3-pip  # asl-catalogue's build reads botocore's service models with them
  python3-venv  # tests/serve installs boto3 and the AWS CLI into a venv of their own
)
need_apt=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then need_apt+=(nodejs npm); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed for the UI build (found $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  # Debian's packaged Rust is too old for the dependencies; rustup is the supported way.
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi
