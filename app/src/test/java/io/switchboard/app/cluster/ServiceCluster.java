package io.switchboard.app.cluster;

import io.switchboard.app.embedded.EmbeddedInfrastructure;
import io.switchboard.app.embedded.EmbeddedMongo;
import io.switchboard.app.embedded.EmbeddedRabbitBroker;
import io.switchboard.app.embedded.EmbeddedRedis;
import io.switchboard.app.embedded.EmbeddedZooKeeper;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switchboard as separate processes, the way production runs it: accounts (with the discovery endpoint),
 * router, history and edges, each from its packaged jar with its own JVM, found through a real ZooKeeper.
 *
 * <p>The broker and Redis are the real servers CI names ({@code SWITCHBOARD_RABBITMQ_URI},
 * {@code SWITCHBOARD_REDIS_URI}); on a shared RabbitMQ this run gets a virtual host of its own (created and
 * deleted with {@code rabbitmqctl}), so no other run's router consumes its queues. Without them, the embedded
 * Qpid broker and redis-server run in this JVM. ZooKeeper and MongoDB (the stand-in: no real mongod exists
 * here) run in this JVM on TCP ports the processes connect to.
 */
final class ServiceCluster implements AutoCloseable {

  /** Small heaps and a quick-starting JIT: five JVMs share a 2-core machine with other builds. */
  static final List<String> JVM_OPTIONS =
      List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m");

  /** How long ZooKeeper keeps a silent edge registered: a killed edge is gone from discovery within it. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

  static final Duration START_LIMIT = Duration.ofSeconds(180);

  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final Path root = Path.of(System.getProperty("switchboard.projectRoot", "..")).toAbsolutePath().normalize();
  private final Path work;
  private final List<AutoCloseable> infrastructure = new ArrayList<>();
  private final List<String> common = new ArrayList<>();
  private final List<ServiceProcess> processes = new ArrayList<>();
  private final AtomicInteger users = new AtomicInteger();
  private String virtualHost;
  private String realRedis;
  private ServiceProcess accounts;
  private SwitchboardHttp http;

  ServiceCluster() {
    try {
      work = Files.createTempDirectory("switchboard-cluster-" + runId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the infrastructure, then accounts, router, history and one edge per zone, all at once. */
  ServiceCluster start(String... edgeZones) {
    EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(work.resolve("zookeeper"), 0);
    infrastructure.add(zookeeper);
    EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    infrastructure.add(mongo);
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    common.add("--switchboard.broker.uri=" + brokerUri());
    common.add("--switchboard.mongodb.uri=" + mongo.uri());
    common.add("--switchboard.mongodb.database=switchboard_it_" + runId);
    common.add("--switchboard.redis.uri=" + redisUri());
    common.add("--switchboard.presence.key-prefix=switchboard_it_" + runId + ":presence:");
    common.add("--switchboard.presence.lease=3s");
    common.add("--switchboard.presence.sweep-interval=500ms");
    // rate-limit buckets of this run's own, and limits no test here reaches (every user signs up from 127.0.0.1)
    common.add("--switchboard.limits.key-prefix=switchboard_it_" + runId + ":limits:");
    for (String limit : List.of("messages", "logins-per-account", "logins-per-address", "signups-per-address",
        "http-per-token")) {
      common.add("--switchboard.limits." + limit + "=100000/1s");
    }
    common.add("--switchboard.security.token-secret=" + Base64.getUrlEncoder().encodeToString(secret));
    common.add("--switchboard.discovery.zookeeper=" + zookeeper.connectString());
    common.add("--switchboard.discovery.session-timeout=" + SESSION_TIMEOUT.toMillis() + "ms");
    common.add("--spring.main.banner-mode=off");

    List<ServiceProcess> starting = new ArrayList<>();
    accounts = launch("accounts", List.of());
    starting.add(accounts);
    starting.add(launch("router", List.of()));
    starting.add(launch("history", List.of()));
    for (String zone : edgeZones) {
      starting.add(launchEdge(zone));
    }
    awaitReady(starting);
    http = new SwitchboardHttp(accounts.base());
    return this;
  }

  SwitchboardHttp http() {
    return http;
  }

  /** The history service (messages, receipts) as the given user. */
  Session atHistory(Session session) {
    ServiceProcess history = processes.stream().filter(p -> p.name().equals("history")).findFirst().orElseThrow();
    return new Session(new SwitchboardHttp(history.base()), session.userId(), session.deviceId(),
        session.accessToken());
  }

  Session newUser(String name) {
    return http.register(name + "_" + runId + "_" + users.incrementAndGet(), "correct horse battery staple");
  }

  /** Starts one more edge in {@code zone} and waits until it is registered (ready). */
  Edge startEdge(String zone) {
    ServiceProcess edge = launchEdge(zone);
    awaitReady(List.of(edge));
    return new Edge(edge, zone);
  }

  /** The running edges, oldest first. */
  List<Edge> edges() {
    return processes.stream()
        .filter(process -> process.name().startsWith("edge-") && process.isAlive())
        .map(process -> new Edge(process, process.name().split("-")[1]))
        .toList();
  }

  Edge edgeIn(String zone) {
    return edges().stream().filter(edge -> edge.zone().equals(zone)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no running edge in zone " + zone));
  }

  /** Starts an edge in every given zone that has none running. */
  void ensureEdges(String... zones) {
    List<ServiceProcess> starting = new ArrayList<>();
    for (String zone : zones) {
      if (edges().stream().noneMatch(edge -> edge.zone().equals(zone))) {
        starting.add(launchEdge(zone));
      }
    }
    awaitReady(starting);
  }

  /** A running edge process; its id is its process name. */
  record Edge(ServiceProcess process, String zone) {

    String edgeId() {
      return process.name();
    }

    java.net.URI socketUrl() {
      return java.net.URI.create("ws://127.0.0.1:" + process.port() + "/ws");
    }
  }

  private ServiceProcess launchEdge(String zone) {
    String edgeId = "edge-" + zone + "-" + runId + "-" + users.incrementAndGet();
    return launch(edgeId, List.of(
        "--switchboard.edge.id=" + edgeId,
        "--switchboard.edge.zone=" + zone,
        "--switchboard.edge.load-report-interval=200ms",
        "--switchboard.edge.drain-timeout=10s"));
  }

  private ServiceProcess launch(String name, List<String> extra) {
    String module = name.startsWith("edge-") ? "edge" : name;
    Path jar = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged jar " + jar + ": build with ./mvnw verify (or package)");
    }
    List<String> arguments = new ArrayList<>(common);
    arguments.addAll(extra);
    ServiceProcess process = ServiceProcess.start(name, jar, freePort(), JVM_OPTIONS, arguments, work.resolve("logs"));
    synchronized (processes) {
      processes.add(process);
    }
    return process;
  }

  private static void awaitReady(List<ServiceProcess> starting) {
    CompletableFuture.allOf(starting.stream()
            .map(process -> CompletableFuture.runAsync(() -> process.awaitReady(START_LIMIT)))
            .toArray(CompletableFuture[]::new))
        .join();
  }

  /** Real RabbitMQ in a virtual host of this run's own, or the embedded broker. */
  private String brokerUri() {
    String real = EmbeddedInfrastructure.setting(EmbeddedInfrastructure.RABBITMQ_URI_SETTING);
    if (real == null) {
      EmbeddedRabbitBroker broker = EmbeddedRabbitBroker.start(0, work.resolve("qpid"));
      infrastructure.add(broker);
      return broker.amqpUri();
    }
    String host = "switchboard-it-" + runId;
    if (rabbitmqctl("add_vhost", host) && rabbitmqctl("set_permissions", "-p", host, "guest", ".*", ".*", ".*")) {
      virtualHost = host;
      return real.replaceAll("/+$", "") + "/" + host;
    }
    // no rabbitmqctl here (or no rights): the server's default virtual host, as CI names it
    return real;
  }

  private String redisUri() {
    String real = EmbeddedInfrastructure.setting(EmbeddedInfrastructure.REDIS_URI_SETTING);
    if (real != null) {
      realRedis = real; // this run's keys have a prefix of their own, deleted at the end
      return real;
    }
    EmbeddedRedis redis = EmbeddedRedis.start(work.resolve("redis"), false);
    infrastructure.add(redis);
    return redis.uri();
  }

  private static boolean rabbitmqctl(String... arguments) {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops every process (SIGTERM, then SIGKILL), the virtual host, and what this JVM started. */
  @Override
  public void close() {
    List<ServiceProcess> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    all.forEach(process -> {
      if (process.isAlive()) {
        process.stop(Duration.ZERO);
      }
    });
    all.forEach(process -> {
      if (!process.awaitExit(Duration.ofSeconds(30))) {
        process.dumpThreads();
        System.out.println("----- " + process.name() + " did not stop within 30 s of SIGTERM -----\n" + process.logTail());
        process.kill();
      }
    });
    if (virtualHost != null) {
      rabbitmqctl("delete_vhost", virtualHost);
    }
    if (realRedis != null) {
      deleteKeys(realRedis, "switchboard_it_" + runId + ":presence:");
      deleteKeys(realRedis, "switchboard_it_" + runId + ":limits:");
    }
    for (int i = infrastructure.size() - 1; i >= 0; i--) {
      try {
        infrastructure.get(i).close();
      } catch (Exception e) {
        // the rest still has to stop
      }
    }
  }

  /** A shared real Redis keeps nothing of this run (last seen and settings have no expiry). */
  private static void deleteKeys(String uri, String prefix) {
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(uri);
    try (var connection = client.connect()) {
      var keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } catch (RuntimeException unreachable) {
      // nothing to clean where Redis is gone
    } finally {
      client.shutdown();
    }
  }

  /** Prints each process's log tail: for a failed test's report. */
  void printLogs() {
    List<ServiceProcess> all;
    synchronized (processes) {
      all = new ArrayList<>(processes);
    }
    all.forEach(process -> System.out.println("----- " + process.name() + " -----\n" + process.logTail()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
