# Shared helpers for the .ci scripts; sourced, not run.
# shellcheck shell=bash

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_CONFIG=${PG_CONFIG:-$PG_BIN/pg_config}

# Wall-clock start of the top-level script, shared with the scripts it calls.
: "${CI_T0:=$(date +%s)}"
export CI_T0
elapsed() { echo $(($(date +%s) - CI_T0)); }

# Progress heading with seconds elapsed since the top-level script started.
phase() { printf '==> [%4ss] %s\n' "$(elapsed)" "$*"; }
note() { printf '    %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
  if is_root; then "$@"; else sudo "$@"; fi
}

# Print the packages from "$@" that dpkg does not report as installed.
missing_packages() {
  local p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || printf '%s\n' "$p"
  done
}

# Install the packages from "$@" that are missing (apt-get update first, once per run).
ensure_packages() {
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then
    note "already installed: $*"
    return 0
  fi
  note "installing: $missing"
  if [ -z "${CI_APT_UPDATED:-}" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    export CI_APT_UPDATED=1
  fi
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}
