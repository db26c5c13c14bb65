#!/usr/bin/env bash
# `npm ci` in web/, skipped when node_modules was installed by this script from the same
# package-lock.json with the same Node (a stamp in node_modules records both). Used by the
# Maven build (server/pom.xml), so that repeated builds do not reinstall everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node --version)"
stamp=node_modules/.castiel-npm-ci
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "web: node_modules matches package-lock.json; npm ci skipped"
  exit 0
fi
npm ci --no-audit --no-fund --prefer-offline
echo "$want" > "$stamp"
