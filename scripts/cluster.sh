#!/usr/bin/env bash
# Switchboard as a local cluster of separate processes: ZooKeeper (+ the MongoDB stand-in and an Elasticsearch
# node, in one infrastructure process), accounts (with discovery), router, history, search, push and two edges,
# against the real RabbitMQ and Redis of this machine.
#
#   scripts/cluster.sh start     build the jars if missing, start everything, wait until each is ready
#   scripts/cluster.sh status    which processes run, and whether each is ready
#   scripts/cluster.sh stop      edges first (they drain), then the services, then the infrastructure
#
# Settings (environment): SWITCHBOARD_RABBITMQ_URI (amqp://guest:guest@127.0.0.1:5672),
# SWITCHBOARD_REDIS_URI (redis://127.0.0.1:6379), SWITCHBOARD_ELASTICSEARCH_URI (unset: an embedded node on
# 9200), SWITCHBOARD_CLUSTER_DIR (./data/cluster: logs, pids, data), SWITCHBOARD_CLUSTER_JVM_OPTIONS (each
# service's JVM options, -Xmx256m -XX:+UseSerialGC), SWITCHBOARD_EDGE_JVM_OPTIONS (the edges', the same by
# default), SWITCHBOARD_CLUSTER_ARGS (extra --name=value arguments for every service). Ports: ZooKeeper 2181,
# MongoDB 27017, accounts 8081, history 8082, router 8083, search 8084, push 8085, edges 8091 (zone-1) and
# 8092 (zone-2).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.1.0-SNAPSHOT
DIR="${SWITCHBOARD_CLUSTER_DIR:-data/cluster}"
RABBITMQ_URI="${SWITCHBOARD_RABBITMQ_URI:-amqp://guest:guest@127.0.0.1:5672}"
REDIS_URI="${SWITCHBOARD_REDIS_URI:-redis://127.0.0.1:6379}"
ELASTICSEARCH_URI="${SWITCHBOARD_ELASTICSEARCH_URI:-http://127.0.0.1:9200}"
ZOOKEEPER_PORT=2181
MONGODB_PORT=27017
# shellcheck disable=SC2206 # each variable holds separate options
JVM_OPTIONS=(${SWITCHBOARD_CLUSTER_JVM_OPTIONS:--Xmx256m -XX:+UseSerialGC})
# shellcheck disable=SC2206
EDGE_JVM_OPTIONS=(${SWITCHBOARD_EDGE_JVM_OPTIONS:-${JVM_OPTIONS[*]}})
# shellcheck disable=SC2206
EXTRA_ARGUMENTS=(${SWITCHBOARD_CLUSTER_ARGS:-})

# name, port, module, extra arguments
SERVICES=(
  "accounts 8081 accounts"
  "router 8083 router"
  "history 8082 history"
  "search 8084 search --switchboard.search.elasticsearch-uri=${ELASTICSEARCH_URI}"
  "push 8085 push"
  "edge-1 8091 edge --switchboard.edge.id=edge-1 --switchboard.edge.zone=zone-1"
  "edge-2 8092 edge --switchboard.edge.id=edge-2 --switchboard.edge.zone=zone-2"
)

pid_of() { cat "$DIR/pids/$1.pid" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }
answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
ready_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$1/actuator/health/readiness" || true; }

host_port() { # amqp://user:pass@host:port/vhost -> host port
  local rest="${1#*://}"; rest="${rest##*@}"; rest="${rest%%/*}"
  echo "${rest%%:*} ${rest##*:}"
}

build_if_missing() {
  local missing=0
  [[ -f app/target/app-$VERSION.jar ]] || missing=1
  for module in accounts router history search edge; do
    [[ -f $module/target/$module-$VERSION-exec.jar ]] || missing=1
  done
  if [[ $missing -eq 1 ]]; then
    echo "building the jars (./mvnw -q package -DskipTests)"
    ./mvnw -q package -DskipTests
  fi
}

launch() { # name, log, command...
  local name=$1; shift
  nohup "$@" >"$DIR/logs/$name.log" 2>&1 &
  echo $! >"$DIR/pids/$name.pid"
}

await_ready() { # name port
  for _ in $(seq 1 240); do
    if ! alive "$1"; then echo "$1 exited; see $DIR/logs/$1.log" >&2; tail -n 20 "$DIR/logs/$1.log" >&2; return 1; fi
    [[ "$(ready_code "$2")" == 200 ]] && { echo "  $1 ready on :$2"; return 0; }
    sleep 0.5
  done
  echo "$1 not ready within 120 s; see $DIR/logs/$1.log" >&2
  return 1
}

start() {
  for entry in "${SERVICES[@]}" "infrastructure"; do
    if alive "${entry%% *}"; then echo "already running (${entry%% *}); stop it first" >&2; exit 1; fi
  done
  read -r rabbit_host rabbit_port <<<"$(host_port "$RABBITMQ_URI")"
  read -r redis_host redis_port <<<"$(host_port "$REDIS_URI")"
  answers "$rabbit_host" "$rabbit_port" || { echo "RabbitMQ does not answer at $RABBITMQ_URI" >&2; exit 1; }
  answers "$redis_host" "$redis_port" || { echo "Redis does not answer at $REDIS_URI" >&2; exit 1; }
  build_if_missing
  mkdir -p "$DIR/logs" "$DIR/pids"
  [[ -s "$DIR/token-secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$DIR/token-secret"

  echo "starting ZooKeeper, MongoDB stand-in$([[ -z "${SWITCHBOARD_ELASTICSEARCH_URI:-}" ]] && echo ", Elasticsearch")"
  launch infrastructure java -Xmx1g -cp "app/target/app-$VERSION.jar" \
    -Dloader.main=io.switchboard.app.embedded.LocalInfrastructure \
    org.springframework.boot.loader.launch.PropertiesLauncher "$DIR/data" "$ZOOKEEPER_PORT" "$MONGODB_PORT" 9200
  for _ in $(seq 1 240); do
    grep -q "Local infrastructure is running" "$DIR/logs/infrastructure.log" 2>/dev/null && break
    alive infrastructure || { tail -n 30 "$DIR/logs/infrastructure.log" >&2; exit 1; }
    sleep 0.5
  done
  grep -h "Local infrastructure is running" "$DIR/logs/infrastructure.log"

  local common=(
    "--switchboard.broker.uri=$RABBITMQ_URI"
    "--switchboard.mongodb.uri=mongodb://127.0.0.1:$MONGODB_PORT"
    "--switchboard.redis.uri=$REDIS_URI"
    "--switchboard.discovery.zookeeper=127.0.0.1:$ZOOKEEPER_PORT"
    "--switchboard.security.token-secret=$(cat "$DIR/token-secret")"
  )
  for entry in "${SERVICES[@]}"; do
    read -r name port module extra <<<"$entry"
    local options=("${JVM_OPTIONS[@]}")
    if [[ $module == edge ]]; then options=("${EDGE_JVM_OPTIONS[@]}"); fi
    # shellcheck disable=SC2086 # extra holds separate arguments
    launch "$name" java "${options[@]}" -jar "$module/target/$module-$VERSION-exec.jar" \
      "${common[@]}" "--server.port=$port" $extra ${EXTRA_ARGUMENTS[@]+"${EXTRA_ARGUMENTS[@]}"}
  done
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    await_ready "$name" "$port"
  done
  echo "Switchboard cluster is running: web client on http://127.0.0.1:8091/ and :8092/, accounts and discovery"
  echo "on :8081 (GET /api/discovery/edge?zone=zone-1), history :8082, search :8084. Logs: $DIR/logs"
}

stop_process() { # name, seconds
  local pid; pid=$(pid_of "$1")
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $(($2 * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "  $1 did not stop within $2 s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$DIR/pids/$1.pid"
  echo "  $1 stopped"
}

stop() {
  # edges first: each leaves discovery and tells its sockets to reconnect elsewhere before it stops; then every
  # other service of SERVICES (all of them: one left out here would keep consuming the shared queues)
  local entry name module
  for entry in "${SERVICES[@]}"; do
    read -r name _ module _ <<<"$entry"
    if [[ $module == edge ]]; then stop_process "$name" 40 & fi
  done
  wait
  for entry in "${SERVICES[@]}"; do
    read -r name _ module _ <<<"$entry"
    if [[ $module != edge ]]; then stop_process "$name" 40 & fi
  done
  wait
  stop_process infrastructure 40
}

status() {
  local any=0
  for entry in "${SERVICES[@]}" "infrastructure -"; do
    read -r name port _ <<<"$entry"
    if alive "$name"; then
      any=1
      if [[ "$port" == "-" ]]; then
        echo "$name: running (pid $(pid_of "$name"))"
      else
        echo "$name: running (pid $(pid_of "$name")), readiness $(ready_code "$port") on :$port"
      fi
    else
      echo "$name: not running"
    fi
  done
  [[ $any -eq 1 ]]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
