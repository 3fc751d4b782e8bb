#!/usr/bin/env bash
# Runs the whole test suite with a throwaway PostgreSQL 15 that is stopped (and its temp folder deleted) when this
# command ends, also on failure or Ctrl+C. Arguments go to `dotnet test`, e.g.: scripts/test.sh --filter "FullyQualifiedName~Cli"
# Needs the .NET 10 SDK, the PostgreSQL 15 server binaries (apt-get install postgresql-15, or set CHATBOT_PG_BIN) and
# Chromium for the status page test (apt-get install chromium).
set -uo pipefail
cd "$(dirname "$0")/.."
pg_env=$(bash scripts/start-test-postgres.sh) || { echo "Could not start the test PostgreSQL (see above)." >&2; exit 1; }
eval "$pg_env"
trap 'bash scripts/stop-test-postgres.sh "$CHATBOT_TEST_PGROOT"' EXIT
trap 'exit 130' INT TERM
dotnet test ChatBot.sln "$@"
