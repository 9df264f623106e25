#!/usr/bin/env bash
# Builds the UI bundle (ui/dist) the desktop app embeds; installs the npm packages first
# when they are missing or out of date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/env.sh"
cd "$root/ui"
# Plain text where no terminal reads it: Vite's colour library (picocolors) colours whenever
# CI is set, pipe or not, and counts any FORCE_COLOR (even 0) as yes; NO_COLOR wins.
if [ -n "${CI:-}" ] || [ ! -t 1 ]; then
  export NO_COLOR=1
  unset FORCE_COLOR
fi
[ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
