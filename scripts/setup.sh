#!/usr/bin/env bash
# Installs what building and running Reseller Portal needs on Debian/Ubuntu (as root, or with sudo).
# Idempotent: installs only what is missing. `--test` adds what the test suite needs.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

pkgs=(build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev
      librsvg2-dev xvfb xauth dbus-x11 gnome-keyring libsecret-tools)
# chromium and its chromedriver (package chromium-driver): the real browser the E2E tests open the
# central server's public landing pages in.
[ "$want_tests" = 1 ] && pkgs+=(webkit2gtk-driver keyutils imagemagick poppler-utils dunst chromium chromium-driver)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "==> installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is required (cargo and rustup): see https://rustup.rs" >&2
  exit 1
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if [ "$want_tests" = 1 ] && ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
