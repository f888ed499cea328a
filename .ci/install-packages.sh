#!/usr/bin/env bash
# Installs the Debian packages CI needs. Runs apt-get update and install only when
# something is missing, so a warm machine pays nothing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

ensure_packages postgresql-15 postgresql-server-dev-15 build-essential dpkg-dev chromium fonts-liberation
