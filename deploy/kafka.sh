#!/usr/bin/env bash
# Apache Kafka broker, KRaft single node, from Maven Central jars. Usage: deploy/kafka.sh install|start|stop|restart|status
source "$(dirname "$0")/lib/common.sh"
LIB=$CACHE_DIR/kafka-lib
DIR=$STACK_DIR/kafka
PIDF=$DIR/kafka.pid

install() {
  [ -f "$LIB/.complete" ] && return 0
  log "fetching Kafka broker jars from Maven Central"
  rm -rf "$LIB"; mkdir -p "$LIB"
  mvn -B -q -f "$S3BATCH_ROOT/deploy/kafka/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB" \
    || die "could not fetch Kafka jars"
  touch "$LIB/.complete"
}

start() {
  install
  pid_alive "$PIDF" && { log "kafka already running on 127.0.0.1:$KAFKA_PORT"; create_topics; return 0; }
  mkdir -p "$DIR"
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DIR/data
num.partitions=8
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=16777216
PROPS
  cat > "$DIR/log4j2.properties" <<'PROPS'
rootLogger.level=WARN
rootLogger.appenderRef.stdout.ref=STDOUT
appender.stdout.type=Console
appender.stdout.name=STDOUT
appender.stdout.layout.type=PatternLayout
appender.stdout.layout.pattern=[%d] %p %m (%c)%n
logger.raft.name=kafka.server.KafkaRaftServer
logger.raft.level=INFO
PROPS
  if [ ! -f "$DIR/data/meta.properties" ]; then
    local id; id=$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    java -cp "$LIB/*" kafka.tools.StorageTool format -t "$id" -c "$DIR/server.properties" >"$DIR/format.log" 2>&1 \
      || { cat "$DIR/format.log" >&2; die "kafka storage format failed"; }
  fi
  log "starting kafka on 127.0.0.1:$KAFKA_PORT"
  nohup java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$DIR/log4j2.properties" -cp "$LIB/*" kafka.Kafka "$DIR/server.properties" \
    >"$DIR/kafka.log" 2>&1 &
  echo $! > "$PIDF"
  wait_for 60 "kafka" grep -q "Kafka Server started" "$DIR/kafka.log"
  create_topics
}

# Topics are declared, never auto-created (the list of k8s/kafka-topics.yaml, plus s3batch.bench.v1 for ./s3batch bench).
create_topics() {
  local t existing
  existing=$(java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list 2>/dev/null)
  for t in s3batch.jobs.v1:4 s3batch.tasks.high.v1:8 s3batch.tasks.normal.v1:8 s3batch.tasks.low.v1:8 s3batch.outcomes.v1:8 s3batch.job-status.v1:4 s3batch.bench.v1:8; do
    grep -qx "${t%%:*}" <<<"$existing" && continue
    java -cp "$LIB/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create \
      --topic "${t%%:*}" --partitions "${t##*:}" --replication-factor 1 --config max.message.bytes=16777216 \
      $( [ "${t%%:*}" = s3batch.bench.v1 ] && echo "--config retention.bytes=268435456 --config segment.bytes=67108864" ) >/dev/null
  done
}

stop() { stop_pid "$PIDF" kafka 30; }
# The broker down for OUTAGE_SECONDS (default 3) and up again, as an operator's restart (the fault suite's).
restart() { log "stopping Kafka for ${OUTAGE_SECONDS:-3} s"; stop; sleep "${OUTAGE_SECONDS:-3}"; start; }
status() { pid_alive "$PIDF" && echo "kafka      running  pid $(cat "$PIDF")  127.0.0.1:$KAFKA_PORT" || echo "kafka      stopped"; }

"${1:-status}"
