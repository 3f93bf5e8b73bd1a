#!/usr/bin/env bash
# Installs what is missing, starts the embedded central server with demo data, and opens the app
# signed out. Idempotent: the demo database is created and seeded once, then reused.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
cargo xtask ui
cargo build --bins

data_dir="${PORTAL_DATA_DIR:-$HOME/.local/share/reseller-portal-demo-server}"
export PORTAL_DATA_DIR="$data_dir" PORTAL_BIND="${PORTAL_BIND:-127.0.0.1:8080}"
echo "==> central server on http://$PORTAL_BIND (data in $data_dir)"
target/debug/portal-server serve --seed-demo &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT

echo "==> opening Reseller Portal. Demo logins (password Portal-Demo-2026):"
echo "    admin@northwind.example (Administrator), sales@northwind.example (Sales)"
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  target/debug/reseller-portal
else
  # No desktop session (a bare root shell): give the app a keychain and, if needed, a virtual display.
  bash scripts/desktop-session.sh target/debug/reseller-portal
fi
