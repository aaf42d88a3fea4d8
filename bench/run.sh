#!/usr/bin/env bash
# Builds Switchboard and the load generator, starts the all-in-one server, runs every scenario against it and
# writes the latest run into docs/performance.md (plots under docs/performance/). Extra arguments go to the
# generator, e.g. `bench/run.sh --quick` or `bench/run.sh --scenarios steady --rates 1000,4000`.
#
# With SWITCHBOARD_RABBITMQ_URI and SWITCHBOARD_REDIS_URI set, the server uses those real servers (as the
# report's targets require); without them it runs on its embedded broker and Redis, and the report says so.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BENCH_PORT:-18080}"
data="$(mktemp -d)"
log="target/bench-server.log"
mkdir -p target
./mvnw -q -pl app,bench -am package -DskipTests

# One process may hold at most ~19k sockets here (20,000 open files); the idle scenario uses 15,000.
ulimit -n 20000 2>/dev/null || true

# Argon2 cost is lowered only so that signing in 15,000 simulated devices takes seconds, not many minutes, and
# the per-address sign-up and login limits are lifted because every simulated user comes from 127.0.0.1;
# nothing measured below involves a password. The per-device message limit (30 per 10 s) is lifted too: the
# catch-up scenario's one sender queues 1,000 messages at once (the steady scenarios stay far below it).
# BENCH_MONGODB=memory keeps the embedded MongoDB stand-in in memory instead of its H2 file: not what a user
# runs, but it shows what Switchboard itself costs apart from the stand-in's file store.
mongodb="${BENCH_MONGODB:-file}"
# BENCH_JAVA runs the server on another Java than the one on the PATH (the generator stays on the PATH's), e.g. a
# Java 25 beside the Java 17 the project builds with: the report's setup line names the server's.
server_java="${BENCH_JAVA:-java}"
"$server_java" -Xms1g -Xmx3g -XX:+UseG1GC -DSWITCHBOARD_EMBEDDED_MONGODB="$mongodb" -jar app/target/app-0.1.0-SNAPSHOT.jar \
  --server.port="$port" --switchboard.data-dir="$data" \
  --switchboard.accounts.password-hashing.memory-kib=256 --switchboard.accounts.password-hashing.iterations=1 \
  --switchboard.limits.signups-per-address=1000000/1m --switchboard.limits.logins-per-address=1000000/1m \
  --switchboard.limits.messages=1000000/1m \
  --logging.level.root=WARN --logging.level.io.switchboard.app=INFO >"$log" 2>&1 &
server=$!
trap 'status=$?; kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"; exit $status' EXIT

for _ in $(seq 1 180); do
  grep -q "Switchboard is running" "$log" && break
  kill -0 $server 2>/dev/null || { echo "the server did not start; see $log" >&2; exit 1; }
  sleep 1
done

servers_memory=yes
if [[ -n "${SWITCHBOARD_RABBITMQ_URI:-}" ]]; then
  broker="RabbitMQ $(rabbitmqctl version 2>/dev/null || echo '(version unknown)') at ${SWITCHBOARD_RABBITMQ_URI#*@}"
else
  broker="the embedded Qpid broker (in the server's JVM)"
  servers_memory=no
fi
if [[ -n "${SWITCHBOARD_REDIS_URI:-}" ]]; then
  redis="Redis $(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/') at ${SWITCHBOARD_REDIS_URI#redis://}"
else
  redis="the embedded redis-server"
  servers_memory=no
fi
processes="switchboard=$server"
if [[ $servers_memory == yes ]]; then
  processes="$processes,rabbitmq=beam.smp,redis=redis-server 127.0.0.1:6379"
fi
setup="All-in-one server (one JVM, -Xmx3g: edge, router, history, accounts, search, push; MongoDB is the embedded \
stand-in mongo-java-server $( [[ $mongodb == memory ]] && echo 'in memory (BENCH_MONGODB=memory)' || echo 'with its H2 file store'), Elasticsearch an embedded node) on $broker and $redis; the load \
generator in its own JVM on the same machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, \
$(uname -r). Argon2 lowered for set-up only. Java (server): $("$server_java" -version 2>&1 | head -1)."

java -Xmx2g -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar --target "http://127.0.0.1:$port" \
  --processes "$processes" \
  --servers-memory "$servers_memory" --out docs/performance.md --images docs/performance --setup "$setup" "$@"
