#!/usr/bin/env bash
# Connections beyond one process: starts Switchboard as separate processes with two edges (scripts/cluster.sh,
# on this machine's RabbitMQ and Redis), holds the spread scenario's idle devices in several generator
# processes (2 by default, each dialling its edge at its own loopback address), and writes the result to
# docs/performance/spread.md. Stops the cluster when done. Extra arguments go to the generator, e.g.
# `bench/run-cluster.sh --spread 40000 --generators 4`.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.1.0-SNAPSHOT
./mvnw -q -pl app,accounts,router,history,search,push,edge,bench -am package -DskipTests

# A process may hold at most ~19k sockets here (20,000 open files): each edge and each generator stays below.
ulimit -n 20000 2>/dev/null || true

export SWITCHBOARD_CLUSTER_DIR="${SWITCHBOARD_CLUSTER_DIR:-$(mktemp -d)}"
# the edges hold the sockets: room for 15,000 each; the other services keep the script's default
export SWITCHBOARD_EDGE_JVM_OPTIONS="${SWITCHBOARD_EDGE_JVM_OPTIONS:--Xms512m -Xmx1g -XX:+UseG1GC}"
# set-up only, as in bench/run.sh: cheap Argon2 so that tens of thousands of logins take minutes, and no
# per-address sign-up or login limit (every simulated user comes from 127.0.0.1)
export SWITCHBOARD_CLUSTER_ARGS="--switchboard.accounts.password-hashing.memory-kib=256 \
--switchboard.accounts.password-hashing.iterations=1 --switchboard.limits.signups-per-address=1000000/1m \
--switchboard.limits.logins-per-address=1000000/1m --logging.level.root=WARN"
scripts/cluster.sh start
trap 'status=$?; scripts/cluster.sh stop || true; exit $status' EXIT

pid() { cat "$SWITCHBOARD_CLUSTER_DIR/pids/$1.pid"; }
processes="edge-1=$(pid edge-1),edge-2=$(pid edge-2),accounts=$(pid accounts),router=$(pid router)"
processes="$processes,rabbitmq=beam.smp,redis=redis-server 127.0.0.1:6379"
setup="Switchboard as separate processes (scripts/cluster.sh): two edges (-Xmx1g each), accounts, router, \
history, search, push; ZooKeeper, the MongoDB stand-in and an Elasticsearch node in one infrastructure process; \
RabbitMQ $(rabbitmqctl version 2>/dev/null || echo '(version unknown)') and Redis \
$(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/') of this machine. The generators are JVMs of their \
own on the same machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r). Argon2 lowered \
for set-up only. Java: $(java -version 2>&1 | head -1)."

mkdir -p docs/performance
java -Xmx2g -jar "bench/target/bench-$VERSION-exec.jar" --target http://127.0.0.1:8081 --scenarios spread \
  --edges edge-1=ws://127.0.0.1:8091/ws,edge-2=ws://127.0.0.1:8092/ws --processes "$processes" \
  --out docs/performance/spread.md --images docs/performance --setup "$setup" "$@"
