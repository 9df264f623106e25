# Sourced by the scripts: one persistent build folder, and the shared corpus beside the repo.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/asl-studio/target}"
# No incremental caches: on these shared machines they grew by gigabytes an hour and
# filled the disk; whole-crate rebuilds of the crate that changed cost little more.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
shared="${ASL_SHARED_DIR:-$root/../shared}"
if [ -d "$shared/corpus" ]; then export ASL_CORPUS_DIR="${ASL_CORPUS_DIR:-$shared/corpus}"; fi
if [ -d "$shared/conformance/cases" ]; then export ASL_CONFORMANCE_DIR="${ASL_CONFORMANCE_DIR:-$shared/conformance/cases}"; fi
if [ -d "$shared/conformance-teststate/cases" ]; then export ASL_CONFORMANCE_TESTSTATE_DIR="${ASL_CONFORMANCE_TESTSTATE_DIR:-$shared/conformance-teststate/cases}"; fi
if [ -d "$shared/iac" ]; then export ASL_IAC_DIR="${ASL_IAC_DIR:-$shared/iac}"; fi
