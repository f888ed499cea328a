#!/usr/bin/env bash
# Builds and installs pgvector for PostgreSQL 15 from Debian trixie's *source* package
# (bookworm has no pgvector binary package). The trixie deb-src line lives in a private
# apt config and state folder, so the machine's own apt sources and lists are untouched.
# Idempotent: does nothing when the extension is already installed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

[ -x "$PG_CONFIG" ] || ensure_packages postgresql-server-dev-15
sharedir=$("$PG_CONFIG" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)
control=$sharedir/extension/vector.control
if [ -f "$control" ] && [ "${FORCE:-}" != 1 ]; then
  note "pgvector already installed ($control); FORCE=1 rebuilds"
  exit 0
fi

ensure_packages postgresql-server-dev-15 build-essential dpkg-dev

# The Debian mirror this machine already uses: the URIs: line of the deb822 stanza that
# serves Debian main (not -security), else a classic sources.list line, else the default.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk '
      function flush() {
        if (on && uris != "" && types ~ /(^| )deb( |$)/ && comps ~ /(^| )main( |$)/ && uris !~ /security/) {
          split(uris, u, " "); print u[1]; done = 1; exit
        }
        on = 1; uris = ""; types = ""; comps = ""
      }
      BEGIN { on = 1 }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      { key = tolower($1); $1 = ""; sub(/^ +/, ""); $0 = " " $0 " " }
      key == "types:"      { types = $0 }
      key == "uris:"       { uris = $0 }
      key == "components:" { comps = $0 }
      key == "enabled:"    { on = (tolower($0) !~ / no /) }
      END { if (!done) flush() }
    ' "$f")
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return; fi
  done
  if [ -f /etc/apt/sources.list ]; then
    # deb [options] URI suite components...
    uri=$(sed -E -n '/^[[:space:]]*deb(-src)?[[:space:]]/{s/\[[^]]*\]//;p}' /etc/apt/sources.list \
      | awk '$2 !~ /security/ && $3 !~ /security/ { print $2; exit }')
    if [ -n "$uri" ]; then printf '%s\n' "$uri"; return; fi
  fi
  printf '%s\n' http://deb.debian.org/debian
}

mirror=$(debian_mirror)
note "trixie source from $mirror"

work=$(mktemp -d /tmp/pgvector-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
# apt drops to the _apt user for downloads; let it reach the private folders.
chmod 755 "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' \
  "$mirror" >"$work/sources.list"
if is_root && id _apt >/dev/null 2>&1; then
  chown -R _apt "$work/lists/partial" "$work/cache/archives/partial" "$work/src"
fi

apt_private=(
  apt-get -q
  -oDir::Etc::SourceList="$work/sources.list"
  -oDir::Etc::SourceParts=/dev/null
  -oDir::State::Lists="$work/lists"
  -oDir::Cache="$work/cache"
)
"${apt_private[@]}" update -qq
(cd "$work/src" && "${apt_private[@]}" source --download-only pgvector)

dsc=$(find "$work/src" -maxdepth 1 -name 'pgvector_*.dsc' | head -n 1)
[ -n "$dsc" ] || die "apt-get source did not fetch a pgvector .dsc"
note "building $(basename "$dsc")"
# The .dsc was verified by apt (signed Release -> Sources -> hashes); dpkg-source only
# warns that it has no keyring for the uploader, so keep its output for failures.
out=$(cd "$work/src" && dpkg-source -x "$dsc" pgvector 2>&1) || { printf '%s\n' "$out" >&2; die "dpkg-source -x failed"; }
(
  cd "$work/src/pgvector"
  make -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG"
  as_root make -s PG_CONFIG="$PG_CONFIG" install
)
[ -f "$control" ] || die "make install did not put vector.control in $sharedir/extension"
note "installed pgvector $(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$control")"
