#!/usr/bin/env bash
# The local stack: real Kafka, PostgreSQL and Ceph RGW, then the four services, each started and stopped by PID.
# Usage: deploy/stack.sh up|down|status|infra-up|infra-down|services-up|services-down|env     (S3BATCH_PROFILE=demo|test)
source "$(dirname "$0")/lib/common.sh"
D=$S3BATCH_ROOT/deploy
SERVICES="job-api-service:$API_PORT manifest-planner-service:$PLANNER_PORT task-worker-service:$WORKER_PORT report-service:$REPORT_PORT"

# The addresses of this profile's servers, as the services (and batch-testkit) read them.
env_lines() {
  cat <<ENV
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:$PG_PORT/$PG_DB
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB
QUARKUS_DATASOURCE_USERNAME=$PG_USER
QUARKUS_DATASOURCE_PASSWORD=$PG_PASSWORD
S3BATCH_S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
S3BATCH_S3_ACCESS_KEY=$S3_ACCESS_KEY
S3BATCH_S3_SECRET_KEY=$S3_SECRET_KEY
S3BATCH_REPLICA_ENDPOINT=http://localhost:$RGW_PORT
S3BATCH_REPLICA_ACCESS_KEY=$S3_REPLICA_ACCESS_KEY
S3BATCH_REPLICA_SECRET_KEY=$S3_REPLICA_SECRET_KEY
S3BATCH_API_URL=http://127.0.0.1:$API_PORT
S3BATCH_URL_PLANNER=http://127.0.0.1:$PLANNER_PORT
S3BATCH_URL_WORKER=http://127.0.0.1:$WORKER_PORT
S3BATCH_URL_REPORT=http://127.0.0.1:$REPORT_PORT
S3BATCH_RECORDING_PROXY_PORT=$RECORDING_PROXY_PORT
S3BATCH_WEBHOOK_PORT=$WEBHOOK_PORT
S3BATCH_WEBHOOK_FUNCTION_ARN=arn:aws:lambda:us-east-1:$API_AWS_ACCOUNT:function:s3batch-webhook
S3BATCH_WEBHOOK_TOKEN=$WEBHOOK_TOKEN
S3BATCH_API_ACCOUNT_ID=$API_AWS_ACCOUNT
S3BATCH_API_ACCESS_KEY=$API_ACCESS_KEY
S3BATCH_API_SECRET_KEY=$API_SECRET_KEY
S3BATCH_API_OTHER_ACCESS_KEY=$API_OTHER_ACCESS_KEY
S3BATCH_API_OTHER_SECRET_KEY=$API_OTHER_SECRET_KEY
ENV
}

# The local stack's one API account ("local"): its keys sign requests in every dialect; it goes by the AWS account
# id and COS APPID below. Production accounts are configured the same way (see job-api-service/README.md).
API_AWS_ACCOUNT=123456789012
API_COS_APPID=1250000000
API_ACCESS_KEY=${S3BATCH_API_ACCESS_KEY:-S3BATCHLOCALKEY00001}
API_SECRET_KEY=${S3BATCH_API_SECRET_KEY:-s3batch-local-api-secret-0123456789}
# A second account ("other"), for the tests of isolation and fair admission between accounts.
API_OTHER_ACCESS_KEY=S3BATCHOTHERKEY00002
API_OTHER_SECRET_KEY=s3batch-other-api-secret-9876543210
WEBHOOK_TOKEN=s3batch-local-webhook-token
write_access_config() {
  cat > "$STACK_DIR/api-accounts.properties" <<PROPS
s3batch.api.accounts.local.aws-account-id=$API_AWS_ACCOUNT
s3batch.api.accounts.local.cos-app-id=$API_COS_APPID
s3batch.api.accounts.local.access-keys.$API_ACCESS_KEY=$API_SECRET_KEY
s3batch.api.accounts.other.aws-account-id=222222222222
s3batch.api.accounts.other.access-keys.$API_OTHER_ACCESS_KEY=$API_OTHER_SECRET_KEY
PROPS
  # The local account's role, read by every service: any operation on any bucket, with the stack's S3 key pair.
  cat > "$STACK_DIR/roles.properties" <<PROPS
s3batch.roles.local-batch.account=local
s3batch.roles.local-batch.arns=acs:ram::1234567890123456:role/batch-role,arn:aws:iam::$API_AWS_ACCOUNT:role/batch-role,qcs::cam::uin/100000000001:roleName/batch-role
s3batch.roles.local-batch.operations=*
s3batch.roles.local-batch.buckets=*
s3batch.roles.local-batch.replication.bucket=it-replicas
# the other account's role
s3batch.roles.other-batch.account=other
s3batch.roles.other-batch.arns=acs:ram::2222222222222222:role/batch-role
s3batch.roles.other-batch.operations=*
s3batch.roles.other-batch.buckets=*
# a narrow role, for the tests: its objects may only be in buckets named it-allowed-*
s3batch.roles.local-narrow.account=local
s3batch.roles.local-narrow.arns=acs:ram::1234567890123456:role/narrow
s3batch.roles.local-narrow.operations=PutObjectTagging
s3batch.roles.local-narrow.buckets=it-reports,it-narrow-manifests,it-allowed-objects
# a role with S3 keys of its own that the store does not know, for the tests: the services must use them
s3batch.roles.local-badkeys.account=local
s3batch.roles.local-badkeys.arns=acs:ram::1234567890123456:role/bad-keys
s3batch.roles.local-badkeys.operations=*
s3batch.roles.local-badkeys.buckets=*
s3batch.roles.local-badkeys.access-key=NOSUCHKEY
s3batch.roles.local-badkeys.secret-key=no-such-secret
# a role whose store requests pass through the tests' recording proxy on 127.0.0.1:$RECORDING_PROXY_PORT (same keys)
s3batch.roles.local-recorded.account=local
s3batch.roles.local-recorded.arns=acs:ram::1234567890123456:role/recorded,arn:aws:iam::$API_AWS_ACCOUNT:role/recorded,qcs::cam::uin/100000000001:roleName/recorded
s3batch.roles.local-recorded.operations=*
s3batch.roles.local-recorded.buckets=*
s3batch.roles.local-recorded.endpoint=http://127.0.0.1:$RECORDING_PROXY_PORT
s3batch.roles.local-recorded.access-key=$S3_ACCESS_KEY
s3batch.roles.local-recorded.secret-key=$S3_SECRET_KEY
# a role that may set object lock but not bypass governance retention (no BypassGovernanceRetention, no *)
s3batch.roles.local-lock.account=local
s3batch.roles.local-lock.arns=arn:aws:iam::$API_AWS_ACCOUNT:role/lock-only
s3batch.roles.local-lock.operations=PutObjectLegalHold,PutObjectRetention
s3batch.roles.local-lock.buckets=*
# a role whose replicas go to another store: the stack's gateway by another name, as another user (its own keys)
s3batch.roles.local-replicator.account=local
s3batch.roles.local-replicator.arns=arn:aws:iam::$API_AWS_ACCOUNT:role/replicator
s3batch.roles.local-replicator.operations=ReplicateObject
s3batch.roles.local-replicator.buckets=*
s3batch.roles.local-replicator.replication.bucket=it-replicas-elsewhere
s3batch.roles.local-replicator.replication.endpoint=http://localhost:$RGW_PORT
s3batch.roles.local-replicator.replication.access-key=$S3_REPLICA_ACCESS_KEY
s3batch.roles.local-replicator.replication.secret-key=$S3_REPLICA_SECRET_KEY
# a role that may copy only into buckets named it-copy-allowed*
s3batch.roles.local-copier.account=local
s3batch.roles.local-copier.arns=qcs::cam::uin/100000000001:roleName/copier
s3batch.roles.local-copier.operations=PutObjectCopy
s3batch.roles.local-copier.buckets=it-reports,it-copy-source,it-copy-allowed
# a function LambdaInvoke jobs of the local account may name: a webhook on 127.0.0.1:$WEBHOOK_PORT (the tests' and the
# bench's own HTTP server while they run)
s3batch.functions.local-webhook.account=local
s3batch.functions.local-webhook.arn=arn:aws:lambda:us-east-1:$API_AWS_ACCOUNT:function:s3batch-webhook
s3batch.functions.local-webhook.url=http://127.0.0.1:$WEBHOOK_PORT/invoke
s3batch.functions.local-webhook.authorization=Bearer $WEBHOOK_TOKEN
s3batch.functions.local-webhook.timeout=5s
s3batch.functions.local-webhook.concurrency=16
PROPS
  chmod 600 "$STACK_DIR/api-accounts.properties" "$STACK_DIR/roles.properties"
}

infra_up() {
  "$D/postgres.sh" start
  "$D/kafka.sh" start
  "$D/rgw.sh" start
}

infra_down() {
  "$D/rgw.sh" stop
  "$D/kafka.sh" stop
  "$D/postgres.sh" stop
}

build_services() {
  local missing=0 s
  for s in $SERVICES; do [ -f "$S3BATCH_ROOT/${s%%:*}/target/quarkus-app/quarkus-run.jar" ] || missing=1; done
  [ $missing = 0 ] && [ "${S3BATCH_REBUILD:-0}" = 0 ] && return 0
  log "building the services (mvn package)"
  (cd "$S3BATCH_ROOT" && mvn -B -q -DskipTests package -pl job-api-service,manifest-planner-service,task-worker-service,report-service -am) \
    || die "build failed"
}

services_up() {
  build_services
  mkdir -p "$STACK_DIR/services"
  write_access_config
  local s name port pidf
  for s in $SERVICES; do
    name=${s%%:*}; port=${s##*:}; pidf=$STACK_DIR/services/$name.pid
    if pid_alive "$pidf"; then continue; fi
    log "starting $name on 127.0.0.1:$port"
    # run from a copy of the build, so a rebuild cannot change the jars under a running service
    rm -rf "$STACK_DIR/services/$name.app"
    cp -r "$S3BATCH_ROOT/$name/target/quarkus-app" "$STACK_DIR/services/$name.app"
    ( set -a; eval "$(env_lines)"; set +a
      # the API key pair is for clients (demo, tests); services read accounts and roles from their files
      unset S3BATCH_API_ACCESS_KEY S3BATCH_API_SECRET_KEY S3BATCH_REPLICA_ACCESS_KEY S3BATCH_REPLICA_SECRET_KEY
      export QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_CONFIG_LOCATIONS="$STACK_DIR/roles.properties"
      # a stable name per service: its Kafka consumers are static members, so a restarted service takes its
      # partitions back at once (batch-model StaticMembership)
      export S3BATCH_KAFKA_INSTANCE_ID=$name
      # the fault suite puts a misbehaving proxy between the services and the store
      if [ -n "${S3BATCH_SERVICES_S3_ENDPOINT:-}" ]; then export S3BATCH_S3_ENDPOINT=$S3BATCH_SERVICES_S3_ENDPOINT; fi
      if [ "$name" = job-api-service ]; then # only the API reads the accounts and their keys
        QUARKUS_CONFIG_LOCATIONS="$STACK_DIR/api-accounts.properties,$QUARKUS_CONFIG_LOCATIONS"
      fi
      # vertx.disableURIValidation: Quarkus would answer a malformed URL with an empty 400 before s3batch's router
      # could answer it in the dialect's document (job-api-service RouteErrors)
      exec nohup java -Xmx512m -Dvertx.disableURIValidation=true -jar "$STACK_DIR/services/$name.app/quarkus-run.jar" >"$STACK_DIR/services/$name.log" 2>&1
    ) &
    echo $! > "$pidf"
  done
  for s in $SERVICES; do
    name=${s%%:*}; port=${s##*:}
    wait_for 90 "$name (log: $STACK_DIR/services/$name.log)" curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"
  done
}

services_down() {
  local s
  for s in $SERVICES; do stop_pid "$STACK_DIR/services/${s%%:*}.pid" "${s%%:*}" 20; done
}

status() {
  echo "profile $S3BATCH_PROFILE (state in $STACK_DIR)"
  "$D/postgres.sh" status; "$D/kafka.sh" status; "$D/rgw.sh" status
  local s name
  for s in $SERVICES; do
    name=${s%%:*}
    if pid_alive "$STACK_DIR/services/$name.pid"; then
      printf '%-26s running  pid %s  http://127.0.0.1:%s  log %s\n' "$name" "$(cat "$STACK_DIR/services/$name.pid")" "${s##*:}" "$STACK_DIR/services/$name.log"
    else printf '%-26s stopped\n' "$name"; fi
  done
}

case "${1:-status}" in
  up) infra_up; services_up ;;
  down) services_down; infra_down ;;
  infra-up) infra_up ;;
  infra-down) infra_down ;;
  services-up) services_up ;;
  services-down) services_down ;;
  env) env_lines ;;
  status) status ;;
  *) die "unknown command $1" ;;
esac
