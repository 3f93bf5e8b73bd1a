#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked, throwaway GNOME keyring (the OS
# keychain the app stores sessions in), and on a virtual display when there is no real one.
# Usage: scripts/desktop-session.sh COMMAND [ARGS...]
set -euo pipefail

# Every process started inside the session carries this marker in its environment, D-Bus-activated
# services included. When the command ends, whatever still carries it is stopped: a daemon left
# holding our stdout would keep a CI pipe (`… | tee`) open forever after the tests have finished.
reap_session() {
  local marker="PORTAL_DESKTOP_SESSION=$PORTAL_DESKTOP_SESSION" signal entry pid pids
  for signal in TERM KILL; do
    pids=()
    for entry in /proc/[0-9]*; do
      pid="${entry#/proc/}"
      [ "$pid" = "$$" ] && continue
      grep -qzxF "$marker" "$entry/environ" 2>/dev/null && pids+=("$pid")
    done
    [ "${#pids[@]}" -eq 0 ] && return 0
    kill "-$signal" "${pids[@]}" 2>/dev/null || true
    sleep 1
  done
}

if [ -z "${PORTAL_DESKTOP_SESSION:-}" ]; then
  export PORTAL_DESKTOP_SESSION="portal-$$-$RANDOM$RANDOM"
  # No accessibility bus: nothing here reads it, and it is one more daemon to outlive the tests.
  export NO_AT_BRIDGE=1
  status=0
  dbus-run-session -- "$0" "$@" || status=$?
  reap_session
  exit "$status"
fi

# A fresh keyring store, so a locked login keyring never blocks (D-Bus would wait for a prompt).
keyring_home="$(mktemp -d -t portal-keyring-XXXXXX)"
cleanup() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "${keyring_pid:-}" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$keyring_home"
}
trap cleanup EXIT
mkdir -p "$keyring_home/keyrings"
# The daemon creates and unlocks a login keyring with this throwaway password; nothing ever prompts.
eval "$(printf 'portal-test-keyring' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# Our daemon is the one carrying this session's marker: the newest one on the machine may be another
# session's (tests of another checkout running beside these), which this cleanup must not stop.
keyring_pid=""
for pid in $(pgrep -f 'gnome-keyring-daemon --unlock' || true); do
  grep -qzxF "PORTAL_DESKTOP_SESSION=$PORTAL_DESKTOP_SESSION" "/proc/$pid/environ" 2>/dev/null && keyring_pid="$pid"
done

if [ -z "${DISPLAY:-}" ]; then
  # Xvfb picks a free display and writes its number once it is listening (no guessing, no sleeps).
  exec 3< <(Xvfb -displayfd 1 -screen 0 1440x900x24 -nolisten tcp 2>/dev/null & echo "pid $!"; wait)
  read -r _ xvfb_pid <&3
  read -r display_number <&3
  export DISPLAY=":$display_number"
fi

"$@"
