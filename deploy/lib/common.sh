# Shared helpers for the local stack scripts. Sourced, never run.
# A stack is one set of servers with its own ports and state directory:
#   S3BATCH_PROFILE=demo (default) for `./s3batch up|demo`, =test for the test suite.
set -euo pipefail

S3BATCH_ROOT=${S3BATCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
S3BATCH_PROFILE=${S3BATCH_PROFILE:-demo}
case "$S3BATCH_PROFILE" in
  demo) PORT_BASE=18000 ;;
  test) PORT_BASE=28000 ;;
  *) echo "unknown S3BATCH_PROFILE=$S3BATCH_PROFILE (demo|test)" >&2; exit 2 ;;
esac
STACK_DIR=${S3BATCH_STACK_DIR:-$S3BATCH_ROOT/.stack/$S3BATCH_PROFILE}
CACHE_DIR=$S3BATCH_ROOT/.stack/cache
mkdir -p "$STACK_DIR" "$CACHE_DIR"

# Ports: every server of a profile lives at PORT_BASE + a fixed offset.
KAFKA_PORT=$((PORT_BASE + 92)); KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))
RGW_PORT=$((PORT_BASE + 1)); CEPH_MON_PORT=$((PORT_BASE + 789)); RECORDING_PROXY_PORT=$((PORT_BASE + 51)); WEBHOOK_PORT=$((PORT_BASE + 52))
API_PORT=$((PORT_BASE + 80)); PLANNER_PORT=$((PORT_BASE + 81)); WORKER_PORT=$((PORT_BASE + 82)); REPORT_PORT=$((PORT_BASE + 83))
PG_PORT=5432
PG_DB=s3batch_$S3BATCH_PROFILE
PG_USER=s3batch
PG_PASSWORD=${S3BATCH_PG_PASSWORD:-s3batch-local}
# The RGW user the local stack creates; the services reach S3 with it (the stack's one role).
S3_ACCESS_KEY=${S3BATCH_S3_ACCESS_KEY:-s3batch-local-access}
S3_SECRET_KEY=${S3BATCH_S3_SECRET_KEY:-s3batch-local-secret-key-0123456789}
# A second RGW user, owner of the "other store" replication jobs write to (another endpoint name, other keys).
S3_REPLICA_ACCESS_KEY=s3batch-replica-access
S3_REPLICA_SECRET_KEY=s3batch-replica-secret-key-9876543210

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_alive <pidfile>: true when the file names a running process.
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid <pidfile> <name> [seconds]: SIGTERM, wait, then SIGKILL; removes the file.
stop_pid() {
  local f=$1 name=$2 wait=${3:-20} pid
  if ! pid_alive "$f"; then rm -f "$f"; return 0; fi
  pid=$(cat "$f"); log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { log "$name did not stop in ${wait}s, killing"; kill -9 "$pid" 2>/dev/null || true; }
  rm -f "$f"
}

# wait_for <seconds> <description> <command...>: polls the command until it succeeds.
wait_for() {
  local secs=$1 what=$2; shift 2
  for _ in $(seq 1 $((secs * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "$what not ready after ${secs}s"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
