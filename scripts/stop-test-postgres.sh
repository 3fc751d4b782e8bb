#!/usr/bin/env bash
# Stops a PostgreSQL started by start-test-postgres.sh and deletes its temp folder.
set -uo pipefail
root=${1:-${CHATBOT_TEST_PGROOT:-}}
if [ -z "$root" ] || [ ! -x "$root/pg_ctl" ]; then
  echo "usage: scripts/stop-test-postgres.sh <folder printed by start-test-postgres.sh>" >&2
  exit 1
fi
"$root/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$root"
