#!/usr/bin/env bash
# Ceph RADOS Gateway (S3) on a one-node cluster: one monitor, one in-memory OSD, one gateway, all state in one directory.
# Usage: deploy/rgw.sh install|start|stop|status|reset    (recipe and timings: shared/design/INFRASTRUCTURE.md)
source "$(dirname "$0")/lib/common.sh"
DIR=$STACK_DIR/ceph
CONF=$DIR/ceph.conf
C="-c $CONF"
RGW_TEST_KMS_KEY=czNiYXRjaC1sb2NhbC10ZXN0LWttcy1rZXktMzJieXQ=

install() {
  command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null && return 0
  apt_install ceph-mon ceph-osd radosgw
}

# The OSD's object store: memstore (in memory, 4 GiB: fast, the default) or, with S3BATCH_RGW_OBJECTSTORE=bluestore,
# BlueStore on a sparse file of S3BATCH_RGW_BLUESTORE_BYTES (40 GiB) for objects memory cannot hold (bench --big-copy).
object_store() {
  if [ "${S3BATCH_RGW_OBJECTSTORE:-memstore}" = bluestore ]; then
    printf '%s\n' "osd objectstore = bluestore" "bluestore block path = $DIR/osd/block.img" "bluestore block create = true" \
      "bluestore block size = ${S3BATCH_RGW_BLUESTORE_BYTES:-42949672960}" "bluestore cache size = 536870912"
  else
    printf '%s\n' "osd objectstore = memstore" "memstore device bytes = 4294967296"
  fi
}

write_conf() {
  local fsid=$1
  mkdir -p "$DIR"/{mon,osd/0,run,log,rgw}
  cat > "$CONF" <<CONF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$CEPH_MON_PORT
mon initial members = a
public addr = 127.0.0.1
ms bind msgr1 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $DIR/keyring
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
pid file = $DIR/run/\$name.pid
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 2
mon data avail crit = 1
paxos propose interval = 0.1
paxos min wait = 0.01
objecter tick interval = 0.5
debug rgw = 0/0
debug osd = 0/0
debug mon = 0/0
debug ms = 0/0
[mon.a]
mon data = $DIR/mon/a
[osd.0]
osd data = $DIR/osd/0
$(object_store)
osd fast shutdown = false
osd min pg log entries = 10
osd max pg log entries = 100
osd target pg log entries per osd = 1000
osd pg log dups tracked = 100
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $DIR/rgw
rgw dns name = localhost
CONF
}

bootstrap() {
  local fsid; fsid=$(cat /proc/sys/kernel/random/uuid)
  log "bootstrapping a one-node Ceph cluster in $DIR"
  rm -rf "$DIR"; write_conf "$fsid"
  ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' --cap mgr 'allow profile osd' >/dev/null
  ceph-authtool "$DIR/keyring" --gen-key -n client.rgw.a --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$CEPH_MON_PORT]" "$DIR/monmap" >/dev/null
  ceph-mon $C --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring" >/dev/null 2>&1 || die "ceph-mon mkfs failed"
  start_mon
  local uuid; uuid=$(cat /proc/sys/kernel/random/uuid)
  ceph $C osd new "$uuid" >/dev/null
  ceph-osd $C -i 0 --mkfs --osd-uuid "$uuid" >/dev/null 2>&1 || die "ceph-osd mkfs failed"
  start_osd
  touch "$DIR/.bootstrapped"
}

start_mon() {
  pid_alive "$DIR/mon.pid" && return 0
  nohup ceph-mon $C -i a -f >"$DIR/log/mon.out" 2>&1 & echo $! > "$DIR/mon.pid"
  wait_for 30 "ceph monitor" timeout 5 ceph $C -s
}

start_osd() {
  pid_alive "$DIR/osd.pid" && return 0
  nohup ceph-osd $C -i 0 -f >"$DIR/log/osd.out" 2>&1 & echo $! > "$DIR/osd.pid"
  wait_for 60 "ceph osd" sh -c "timeout 5 ceph $C osd stat | grep -q '1 up'"
}

setup_gateway() {
  if [ ! -f "$DIR/.rgw-replica-user" ]; then
    # the owner of the replicas written "elsewhere" (the tests' other store: this gateway under another name, other keys)
    timeout 60 radosgw-admin $C user create --uid=s3batch-replica --display-name="s3batch replica store" \
      --access-key="$S3_REPLICA_ACCESS_KEY" --secret="$S3_REPLICA_SECRET_KEY" >/dev/null 2>&1 || die "radosgw-admin user create (replica) failed"
    touch "$DIR/.rgw-replica-user"
  fi
  [ -f "$DIR/.rgw-user" ] && return 0
  timeout 60 radosgw-admin $C user create --uid=s3batch --display-name="s3batch local stack" \
    --access-key="$S3_ACCESS_KEY" --secret="$S3_SECRET_KEY" >/dev/null 2>&1 || die "radosgw-admin user create failed"
  # Every storage class a job may name must be declared, or RGW answers 400 InvalidArgument.
  for sc in STANDARD_IA GLACIER; do
    timeout 60 radosgw-admin $C zonegroup placement add --rgw-zonegroup default --placement-id default-placement --storage-class $sc >/dev/null 2>&1 || true
    timeout 60 radosgw-admin $C zone placement add --rgw-zone default --placement-id default-placement --storage-class $sc \
      --data-pool default.rgw.buckets.data >/dev/null 2>&1 || true
  done
  touch "$DIR/.rgw-user"
}

start() {
  install
  if pid_alive "$DIR/rgw.pid"; then log "rgw already running on 127.0.0.1:$RGW_PORT"; return 0; fi
  if [ -f "$DIR/.bootstrapped" ]; then start_mon; start_osd; else bootstrap; fi
  setup_gateway
  log "starting radosgw on 127.0.0.1:$RGW_PORT"
  # SSE-KMS with RGW's built-in test key store (no Vault here): the key id testkey-1 encrypts. A test key of the local
  # stack, not a secret. RGW refuses encryption over plain HTTP unless told otherwise; the stack is local.
  nohup radosgw $C -n client.rgw.a -f --rgw-crypt-require-ssl=false --rgw-crypt-s3-kms-backend=testing \
    --rgw-crypt-s3-kms-encryption-keys="testkey-1=$RGW_TEST_KMS_KEY" >"$DIR/log/rgw.out" 2>&1 & echo $! > "$DIR/rgw.pid"
  # a memstore OSD loads back what it saved at stop: after a large bench, gigabytes, and RGW waits for it
  wait_for 240 "radosgw" curl -sf -o /dev/null "http://127.0.0.1:$RGW_PORT/"
}

stop() {
  stop_pid "$DIR/rgw.pid" radosgw 20
  stop_pid "$DIR/osd.pid" ceph-osd 30
  stop_pid "$DIR/mon.pid" ceph-mon 20
}

# reset: throw the cluster away; the next start bootstraps an empty one.
reset() { stop; rm -rf "$DIR"; }

status() {
  if pid_alive "$DIR/rgw.pid"; then echo "rgw (s3)   running  pid $(cat "$DIR/rgw.pid")  http://127.0.0.1:$RGW_PORT"; else echo "rgw (s3)   stopped"; fi
}

"${1:-status}"
