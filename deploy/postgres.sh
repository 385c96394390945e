#!/usr/bin/env bash
# PostgreSQL from Debian's package; one database per profile. Usage: deploy/postgres.sh install|start|stop|status|reset|restart
source "$(dirname "$0")/lib/common.sh"
MARK=$STACK_DIR/postgres.started-by-s3batch

cluster() { pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}'; }
as_postgres() { runuser -u postgres -- "$@"; }
sql() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAtc "$1"; }

install() {
  command -v pg_lsclusters >/dev/null && [ -n "$(cluster)" ] && return 0
  apt_install postgresql
  [ -n "$(cluster)" ] || die "no PostgreSQL cluster after install"
}

start() {
  install
  local c; c=$(cluster)
  if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online; then
    log "starting PostgreSQL cluster $c"
    pg_ctlcluster $c start
    touch "$MARK"
  fi
  PG_PORT=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  wait_for 30 postgres as_postgres pg_isready -q -p "$PG_PORT"
  sql "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'" | grep -q 1 \
    || sql "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'"
  sql "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1 \
    || as_postgres createdb -p "$PG_PORT" -O "$PG_USER" "$PG_DB"
}

# reset: drop and recreate this profile's database (tests start from an empty schema).
reset() {
  start
  sql "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
  as_postgres createdb -p "$PG_PORT" -O "$PG_USER" "$PG_DB"
}

# Stops the cluster only if this profile started it: a machine's own PostgreSQL is left alone.
stop() {
  [ -f "$MARK" ] || return 0
  rm -f "$MARK"
  ls "$S3BATCH_ROOT"/.stack/*/postgres.started-by-s3batch >/dev/null 2>&1 && return 0
  log "stopping PostgreSQL cluster $(cluster)"; pg_ctlcluster $(cluster) stop || true
}

# An outage, for the tests: the cluster stopped for a few seconds, then started again.
restart() {
  local c; c=$(cluster)
  log "stopping PostgreSQL cluster $c for ${OUTAGE_SECONDS:-3} s"
  pg_ctlcluster $c stop -m fast
  sleep "${OUTAGE_SECONDS:-3}"
  pg_ctlcluster $c start
  PG_PORT=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  wait_for 30 postgres as_postgres pg_isready -q -p "$PG_PORT"
}

status() {
  if pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $4}' | grep -q online; then
    echo "postgres   running  cluster $(cluster)  127.0.0.1:$PG_PORT/$PG_DB"
  else echo "postgres   stopped"; fi
}

"${1:-status}"
