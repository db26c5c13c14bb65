#!/usr/bin/env bash
# Builds and installs pgvector for the machine's PostgreSQL from Debian's own source package.
# Debian 12 (bookworm) packages no pgvector for PostgreSQL 15; trixie's source package (0.8.x)
# builds against bookworm's postgresql-server-dev-15. Idempotent: does nothing when the extension
# is already installed. Needs root (apt-get, make install).
#   PG_MAJOR=15 scripts/install-pgvector.sh
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)}"
if [ -z "$PG_MAJOR" ]; then
  echo "install-pgvector: no PostgreSQL under /usr/lib/postgresql; nothing to do" >&2
  exit 0
fi
PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
EXTENSION_DIR="$("$PG_CONFIG" --sharedir)/extension"
if [ -f "$EXTENSION_DIR/vector.control" ] && [ -f "$("$PG_CONFIG" --pkglibdir)/vector.so" ]; then
  echo "install-pgvector: pgvector already installed for PostgreSQL $PG_MAJOR"
  exit 0
fi

SOURCES=/etc/apt/sources.list.d/castiel-trixie-src.sources
if [ ! -f "$SOURCES" ]; then
  cat > "$SOURCES" <<'SRC'
# Source packages only (deb-src): used to build pgvector, never to install binaries from trixie.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq -o DPkg::Lock::Timeout=600 -o Dir::Etc::sourcelist="$SOURCES" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 \
  || apt-get update -qq -o DPkg::Lock::Timeout=600
apt-get install -y -qq -o DPkg::Lock::Timeout=600 "postgresql-server-dev-$PG_MAJOR" make gcc dpkg-dev >/dev/null

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
apt-get source -qq --download-only pgvector
dpkg-source -x --no-check ./pgvector_*.dsc src >/dev/null
cd src
# OPTFLAGS="": no -march=native, so the library runs on any x86-64 the data directory moves to.
make -s OPTFLAGS="" PG_CONFIG="$PG_CONFIG"
make -s install OPTFLAGS="" PG_CONFIG="$PG_CONFIG"
echo "install-pgvector: installed pgvector $(sed -n "s/^default_version = '\(.*\)'/\1/p" vector.control) for PostgreSQL $PG_MAJOR"
