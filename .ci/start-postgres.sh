#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL 15 server on loopback, with a superuser role
# `parley` / password `parley` and a database `parley_test`, and prints its URL:
#
#   postgres://parley:parley@127.0.0.1:PORT/parley_test
#
# Usage: .ci/start-postgres.sh [DIR] [PORT]    (defaults: /tmp/parley-pg, 55432)
# DIR holds the data directory, the unix socket and the server log. Run again with the same
# DIR and it only checks the server is up and the role and database exist. If PORT is taken
# by something else, the next free port is used. Stop it with .ci/stop-postgres.sh [DIR].
# As root the server runs as the `postgres` user. pgvector comes from .ci/build-pgvector.sh.
#
# Progress goes to stderr; stdout carries only the URL, so `url=$(.ci/start-postgres.sh)` works.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

dir=${1:-${PARLEY_PG_DIR:-/tmp/parley-pg}}
port=${2:-${PARLEY_PG_PORT:-55432}}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data
log=$dir/postgres.log

[ -x "$PG_BIN/initdb" ] || ensure_packages postgresql-15

# Root may not own a cluster: run the server as `postgres`, and give it the folder.
if is_root; then
  id postgres >/dev/null 2>&1 || die "no postgres user; install postgresql-15 first"
  chown postgres: "$dir"
  chmod 700 "$dir"
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  as_pg() { (cd / && "$@"); }
fi

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { as_pg "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

if [ ! -f "$data/PG_VERSION" ]; then
  note "initdb in $data"
  pwfile=$dir/.pw
  printf 'postgres\n' >"$pwfile"
  is_root && chown postgres: "$pwfile"
  as_pg "$PG_BIN/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
fi

if running; then
  port=$(sed -n 4p "$data/postmaster.pid")  # line 4 of postmaster.pid is the port
  note "already running on port $port ($data)"
else
  while port_taken "$port"; do
    note "port $port is taken, trying $((port + 1))"
    port=$((port + 1))
  done
  # ALTER SYSTEM's file, rewritten each start so DIR and PORT always match this call.
  conf=$data/postgresql.auto.conf
  {
    echo "# Written by .ci/start-postgres.sh"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = 200"
  } >"$conf.new"
  is_root && chown postgres: "$conf.new"
  mv "$conf.new" "$conf"
  note "starting PostgreSQL 15 on 127.0.0.1:$port (log: $log)"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
    || { tail -n 30 "$log" >&2 || true; die "PostgreSQL did not start"; }
fi

psql_admin() { as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres "$@"; }

psql_admin -d postgres <<'SQL' >/dev/null
do $$
begin
  if not exists (select from pg_roles where rolname = 'parley') then
    create role parley login superuser password 'parley';
  else
    alter role parley login superuser password 'parley';
  end if;
end
$$;
SQL
if [ -z "$(psql_admin -d postgres -tAc "select 1 from pg_database where datname = 'parley_test'")" ]; then
  psql_admin -d postgres -c 'create database parley_test owner parley' >/dev/null
fi
if [ -z "$(psql_admin -d postgres -tAc "select 1 from pg_available_extensions where name = 'vector'")" ]; then
  note "warning: pgvector is not installed for PostgreSQL 15; run .ci/build-pgvector.sh"
fi

echo "postgres://parley:parley@127.0.0.1:$port/parley_test"
