#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting, the layer check, lints, unit and integration tests, and
# the end-to-end tests that drive the real app window (under Xvfb, with a private keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

bash scripts/setup.sh --test
cargo fmt --all --check
# Imports point down each crate's layers (xtask/src/layers/rules.rs); reads sources, builds nothing of ours.
cargo xtask layers
cargo xtask ui
cargo clippy -p portal-ui --target wasm32-unknown-unknown -- -D warnings
cargo clippy --all-targets -- -D warnings
cargo test --no-run
log="$(mktemp -t portal-test-XXXXXX.log)"
set +e
bash scripts/desktop-session.sh cargo test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole suite (cargo's own last line is a doc-test binary's).
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "Summary: %d passed, %d failed\n", passed, failed }' "$log"
rm -f "$log"
exit "$status"
