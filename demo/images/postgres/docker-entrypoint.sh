#!/bin/sh
# Entrypoint of slipway/postgres:1, a small look-alike of the official postgres image's.
#   POSTGRES_USER (postgres), POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#   POSTGRES_DB (= user), PGPORT (5432), PGDATA (/var/lib/postgresql/data),
#   POSTGRES_LISTEN (127.0.0.1), POSTGRES_INITDB_ARGS.
# On first start: initdb, superuser role with password, database, /docker-entrypoint-initdb.d/*.
# Then postgres runs in the foreground as user postgres (logs on stderr; SIGINT = fast shutdown).
# Any other command (`docker run IMAGE psql ...`) is run as given.
set -eu

: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${PGPORT:=5432}"
: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_LISTEN:=127.0.0.1}"
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
SOCKET_DIR=/var/run/postgresql
export PGPORT PGDATA

log() { echo "entrypoint: $*" >&2; }
die() { log "$*"; exit 1; }

# `docker run IMAGE -c foo=bar` means postgres with those options
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi

case $PGPORT in ''|*[!0-9]*) die "PGPORT must be a number (got '$PGPORT')" ;; esac

if [ "$(id -u)" = 0 ]; then
  # As root: make the data and socket directories usable by postgres, then re-run as postgres.
  mkdir -p "$PGDATA" "$SOCKET_DIR"
  chmod 700 "$PGDATA"
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres '{}' +
  chown postgres:postgres "$SOCKET_DIR"
  chmod 3777 "$SOCKET_DIR"
  export HOME=/var/lib/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

shift # "postgres"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    die "database is uninitialized and POSTGRES_PASSWORD is not set (set it, or POSTGRES_HOST_AUTH_METHOD=trust)"
  fi
  log "initializing $PGDATA for user $POSTGRES_USER, database $POSTGRES_DB"
  pwfile=""
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  fi
  # shellcheck disable=SC2086
  initdb -D "$PGDATA" --username="$POSTGRES_USER" ${pwfile:+--pwfile="$pwfile"} \
    --auth-local=trust --auth-host="$POSTGRES_HOST_AUTH_METHOD" \
    --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >&2
  if [ -n "$pwfile" ]; then rm -f "$pwfile"; fi

  cat >"$PGDATA/pg_hba.conf" <<HBA
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  $POSTGRES_HOST_AUTH_METHOD
HBA
  cat >>"$PGDATA/postgresql.conf" <<CONF

# slipway/postgres:1 (the entrypoint also passes listen_addresses and the port at start)
listen_addresses = '$POSTGRES_LISTEN'
unix_socket_directories = '$SOCKET_DIR'
jit = off   # the image leaves out LLVM
CONF

  # A temporary server on the unix socket only, for the setup below.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p $PGPORT" -w -t 60 -s start >&2 \
    || die "temporary server did not start"

  export PGHOST="$SOCKET_DIR" PGUSER="$POSTGRES_USER"
  if [ "$POSTGRES_DB" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -q --no-psqlrc --dbname postgres --set db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\gexec
SQL
  fi

  export PGDATABASE="$POSTGRES_DB"
  # shellcheck disable=SC1090
  for f in /docker-entrypoint-initdb.d/*; do
    [ -e "$f" ] || continue
    case $f in
      *.sh)
        if [ -x "$f" ]; then log "running $f"; "$f"; else log "sourcing $f"; . "$f"; fi ;;
      *.sql)    log "running $f"; psql -v ON_ERROR_STOP=1 -q --no-psqlrc -f "$f" ;;
      *.sql.gz) log "running $f"; gzip -dc "$f" | psql -v ON_ERROR_STOP=1 -q --no-psqlrc ;;
      *)        log "ignoring $f" ;;
    esac
  done
  unset PGHOST PGUSER PGDATABASE

  pg_ctl -D "$PGDATA" -m fast -w -s stop >&2
  log "initialization complete"
fi

exec postgres -c listen_addresses="$POSTGRES_LISTEN" -c unix_socket_directories="$SOCKET_DIR" -p "$PGPORT" "$@"
