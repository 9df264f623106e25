#!/usr/bin/env bash
# Builds the UI bundle (ui/dist) the desktop app embeds; installs the npm packages first
# when they are missing or out of date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root/ui"
[ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
