#!/usr/bin/env bash
# Stops the server started by .ci/start-postgres.sh. Usage: .ci/stop-postgres.sh [DIR] [--rm]
# --rm also deletes DIR (data, socket and log).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

dir=${PARLEY_PG_DIR:-/tmp/parley-pg}
remove=
for arg in "$@"; do
  case $arg in
    --rm) remove=1 ;;
    *) dir=$arg ;;
  esac
done
data=$dir/data

if [ -f "$data/postmaster.pid" ]; then
  if is_root; then
    (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null) || true
  else
    (cd / && "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null) || true
  fi
fi
if [ -n "$remove" ]; then
  case $dir in
    /|"") die "refusing to remove '$dir'" ;;
  esac
  rm -rf "$dir"
fi
