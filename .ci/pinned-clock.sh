#!/usr/bin/env bash
# Runs the test suite with the clock pinned (libfaketime, Debian package `faketime`) to the instants where
# date-dependent code changes its answer: the 1st of the month 00:30 (pace status "too early to tell", a month with
# no data yet) and the last day 23:30 (month end). TIMEZONE defaults to UTC and so does TZ here, so these are the
# configured time zone's instants. Time still advances from the pinned instant, and FAKETIME_DONT_RESET makes
# every process of the run (test files, spawned CLIs, worker threads) share that one clock
# (test/cli/spawn-cli.ts passes the FAKETIME* variables on).
#   bash .ci/pinned-clock.sh                      # both instants of the current month
#   bash .ci/pinned-clock.sh "2027-02-28 23:30:00" # any instants, "YYYY-MM-DD HH:MM:SS" in TZ
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "faketime is missing: apt-get install -y faketime (Debian)" >&2
  exit 1
fi

export TZ="${TZ:-UTC}"
if [ "$#" -eq 0 ]; then
  first=$(date +%Y-%m-01)
  last=$(date -d "$first +1 month -1 day" +%Y-%m-%d)
  set -- "$first 00:30:00" "$last 23:30:00"
fi

# every instant runs, and the run fails when any of them failed
failed=()
for instant in "$@"; do
  echo "== tests with the clock at $instant $TZ"
  FAKETIME_DONT_RESET=1 faketime -m -f "@$instant" npm test || failed+=("$instant")
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "tests failed with the clock at: ${failed[*]}" >&2
  exit 1
fi
