#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1 (a free port, data and socket in a fresh temp folder) for the tests.
# Prints the export lines the tests read, so:   eval "$(scripts/start-test-postgres.sh)"
#   CHATBOT_TEST_POSTGRES  Npgsql connection string (trust auth, no password)
#   CHATBOT_TEST_PGCTL     a pg_ctl that runs as the server's user (the restart test stops and starts it)
#   CHATBOT_TEST_PGDATA    the data folder
#   CHATBOT_TEST_PGROOT    the temp folder; stop with: scripts/stop-test-postgres.sh "$CHATBOT_TEST_PGROOT"
# Logs go to stderr. As root, the server runs as the unprivileged user "postgres" (created when missing).
set -euo pipefail
bin=${CHATBOT_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL 15 server binaries not found in $bin (apt-get install postgresql-15, or set CHATBOT_PG_BIN)" >&2
  exit 1
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/chatbot-pg.XXXXXX")
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  chown postgres "$root"
  as_server=(runuser -u postgres --)
fi

cat > "$root/pg_ctl" <<WRAP
#!/usr/bin/env bash
exec ${as_server[*]} "$bin/pg_ctl" "\$@"
WRAP
chmod 755 "$root/pg_ctl"

"${as_server[@]}" "$bin/initdb" -D "$root/data" -U chatbot --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$root/initdb.log" 2>&1 \
  || { cat "$root/initdb.log" >&2; exit 1; }

started=0
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  cat > "$root/data/postgresql.auto.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$root'
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if "$root/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 start >&2; then started=1; break; fi
done
if [ "$started" -ne 1 ]; then
  cat "$root/server.log" >&2 || true
  echo "Could not start PostgreSQL" >&2
  exit 1
fi

"$bin/psql" -h 127.0.0.1 -p "$port" -U chatbot -d postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE chatbot_test" >&2

echo "export CHATBOT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=chatbot;Database=chatbot_test'"
echo "export CHATBOT_TEST_PGCTL='$root/pg_ctl'"
echo "export CHATBOT_TEST_PGDATA='$root/data'"
echo "export CHATBOT_TEST_PGROOT='$root'"
echo "# stop it with: scripts/stop-test-postgres.sh '$root'"
