package io.switchboard.app.e2e;

import io.switchboard.app.embedded.EmbeddedInfrastructure;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.client.ChatConnection;
import io.switchboard.edge.EdgeApplication;
import io.switchboard.push.PushApplication;
import io.switchboard.router.RouterApplication;
import io.switchboard.search.SearchApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Switchboard as separate services for end-to-end tests: a front process (accounts, history and an edge —
 * what a load balancer would put behind one address) and a router process, talking only through the broker
 * and the database, like production. The broker is real RabbitMQ when {@code SWITCHBOARD_RABBITMQ_URI} names
 * one (CI), else the embedded Qpid broker; MongoDB is the embedded stand-in unless
 * {@code SWITCHBOARD_MONGODB_URI} names a real one. Started once per test JVM; each test makes its own users.
 */
public final class TestCluster {

  /** How long a device whose edge died still counts as online, in these tests. */
  public static final java.time.Duration PRESENCE_LEASE = java.time.Duration.ofSeconds(3);

  /** Rate limits far above what any test but the limit tests does. */
  public static final Map<String, String> GENEROUS_LIMITS = Map.of(
      "switchboard.limits.messages", "100000/1s",
      "switchboard.limits.logins-per-account", "100000/1s",
      "switchboard.limits.logins-per-address", "100000/1s",
      "switchboard.limits.signups-per-address", "100000/1s",
      "switchboard.limits.http-per-token", "100000/1s");

  private static TestCluster shared;

  private final EmbeddedInfrastructure infrastructure;
  /** Null unless the cluster was started behind proxies ({@link #sharedBehindProxies}). */
  private final FaultProxies proxies;
  private final Map<String, Object> commonProperties;
  private final ConfigurableApplicationContext front;
  private ConfigurableApplicationContext router;
  private final SwitchboardHttp http;
  private final AtomicInteger userCounter = new AtomicInteger();
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  private TestCluster(boolean behindProxies) {
    infrastructure = EmbeddedInfrastructure.start(
        new EmbeddedInfrastructure.Options(temporaryDirectory(), false, 0));
    commonProperties = new HashMap<>(infrastructure.properties());
    proxies = behindProxies ? FaultProxies.inFrontOf(commonProperties) : null;
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    commonProperties.put("switchboard.security.token-secret", Base64.getUrlEncoder().encodeToString(secret));
    // a database of its own, so a run against a shared real MongoDB starts empty
    commonProperties.put("switchboard.mongodb.database", "switchboard_test_" + runId);
    // presence keys of their own in a shared real Redis; a short lease so a dead edge's devices lapse quickly
    commonProperties.put("switchboard.presence.key-prefix", "switchboard_test_" + runId + ":presence:");
    commonProperties.put("switchboard.presence.lease", PRESENCE_LEASE.toMillis() + "ms");
    commonProperties.put("switchboard.presence.sweep-interval", "500ms");
    // rate-limit buckets of their own, and limits no ordinary test reaches: every test user signs up from
    // 127.0.0.1, and some tests send hundreds of messages at once. RateLimitTest brings its own tight ones.
    commonProperties.put("switchboard.limits.key-prefix", limitsKeyPrefix(runId));
    GENEROUS_LIMITS.forEach(commonProperties::put);
    // pages of these origins may open sockets besides the edge's own (SocketHandshakeTest)
    commonProperties.put("switchboard.edge.allowed-origins", "https://*.switchboard.example");
    front = start(FrontServices.class, "front");
    router = startRouterProcess();
    int port = ((WebServerApplicationContext) front).getWebServer().getPort();
    http = new SwitchboardHttp(URI.create("http://127.0.0.1:" + port));
  }

  public static synchronized TestCluster shared() {
    return shared(false);
  }

  /**
   * The cluster of this test JVM with every service reaching the broker, MongoDB and Redis through a
   * {@link FaultProxy}, for tests that take those servers away ({@link #proxies()}).
   */
  public static synchronized TestCluster sharedBehindProxies() {
    return shared(true);
  }

  private static TestCluster shared(boolean behindProxies) {
    if (shared == null) {
      shared = new TestCluster(behindProxies);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    if ((shared.proxies != null) != behindProxies) {
      throw new IllegalStateException("this test JVM's cluster was started " + (behindProxies ? "without" : "with")
          + " proxies");
    }
    return shared;
  }

  /** The broker the services are given (through the proxy, for a cluster behind proxies). */
  public String brokerUri() {
    return (String) commonProperties.get(EmbeddedInfrastructure.BROKER_URI_PROPERTY);
  }

  /** The prefix of every presence key this run writes to Redis. */
  public String presenceKeyPrefix() {
    return (String) commonProperties.get("switchboard.presence.key-prefix");
  }

  /** The proxies in front of the servers; only for a cluster started with {@link #sharedBehindProxies}. */
  public FaultProxies proxies() {
    if (proxies == null) {
      throw new IllegalStateException("this cluster was not started behind proxies");
    }
    return proxies;
  }

  public SwitchboardHttp http() {
    return http;
  }

  /** A new account, signed in on a new device; the name is unique to this run. */
  public Session newUser(String name) {
    String username = name + "_" + runId + "_" + userCounter.incrementAndGet();
    return http.register(username, "correct horse battery staple");
  }

  /** Another device of an account created by {@link #newUser}. */
  public Session newDevice(Session session) {
    String username = session.get("/api/users/me").body().get("username").asString();
    return http.logIn(username, "correct horse battery staple");
  }

  /** The front's application context: its beans, its routes. */
  public ConfigurableApplicationContext frontContext() {
    return front;
  }

  public <T> T frontBean(Class<T> type) {
    return front.getBean(type);
  }

  public synchronized void stopRouter() {
    router.close();
  }

  public synchronized void startRouter() {
    router = startRouterProcess();
  }

  /**
   * Without its web server: in one JVM, stopping a second Netty server would also stop the event loops the
   * front's sockets share (Reactor Netty's global resources). As its own process the router serves health.
   */
  private ConfigurableApplicationContext startRouterProcess() {
    return start(RouterApplication.class, "router", "--spring.main.web-application-type=none");
  }

  /**
   * Another edge server, as its own Spring application with its own Netty event loops, so it can be stopped
   * (as a crashed or drained edge would be) without touching the other servers in this JVM.
   */
  public Edge startEdge() {
    return startEdge(new String[0]);
  }

  /**
   * Another edge, with settings of its own (for example {@code --switchboard.edge.session-buffer=16}); one of
   * the common settings given here replaces it.
   */
  public Edge startEdge(String... settings) {
    List<String> arguments = new ArrayList<>(List.of(settings));
    // a dying edge does not wait for its sockets to finish (graceful shutdown would, for up to 30 s), nor does
    // it drain them first (MultiProcessClusterIT tests the drain)
    arguments.add("--server.shutdown=immediate");
    arguments.add("--switchboard.edge.drain-on-stop=false");
    ConfigurableApplicationContext edge = start(EdgeApplication.class, "edge", arguments.toArray(String[]::new));
    int port = ((WebServerApplicationContext) edge).getWebServer().getPort();
    return new Edge(edge, new SwitchboardHttp(URI.create("http://127.0.0.1:" + port)));
  }

  /** A running extra edge; its HTTP side only has the socket, so sessions made at the front connect here. */
  public record Edge(ConfigurableApplicationContext context, SwitchboardHttp http) implements AutoCloseable {

    public ChatConnection connect(Session session) {
      return new Session(http, session.userId(), session.deviceId(), session.accessToken()).connect();
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * Another front (accounts, history and an edge) on the same broker and database, with some properties of its
   * own: for tests of settings that would disturb every other test, such as tight rate limits.
   */
  public Front startFront(Map<String, String> overrides) {
    Map<String, Object> properties = new HashMap<>(commonProperties);
    properties.putAll(overrides);
    ConfigurableApplicationContext front = start(properties, FrontServices.class, "front", "--server.shutdown=immediate");
    int port = ((WebServerApplicationContext) front).getWebServer().getPort();
    return new Front(front, new SwitchboardHttp(URI.create("http://127.0.0.1:" + port)), port);
  }

  /** A running extra front; sessions made elsewhere are used here with {@link #as}. */
  public record Front(ConfigurableApplicationContext context, SwitchboardHttp http, int port)
      implements AutoCloseable {

    public Session as(Session session) {
      return new Session(http, session.userId(), session.deviceId(), session.accessToken());
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * The search service as its own application on the given Elasticsearch, with its own web server: search is
   * served at its own address, like the path-routed service it is in production.
   */
  public SearchService startSearch(String elasticsearchUri) {
    ConfigurableApplicationContext search = start(SearchApplication.class, "search",
        "--switchboard.search.elasticsearch-uri=" + elasticsearchUri, "--server.shutdown=immediate");
    int port = ((WebServerApplicationContext) search).getWebServer().getPort();
    return new SearchService(search, new SwitchboardHttp(URI.create("http://127.0.0.1:" + port)));
  }

  /** A running search service; sessions made at the front search here with their own token. */
  public record SearchService(ConfigurableApplicationContext context, SwitchboardHttp http) implements AutoCloseable {

    public Session as(Session session) {
      return new Session(http, session.userId(), session.deviceId(), session.accessToken());
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * The push workers as their own application, with their own web server (push targets and settings are served
   * at its own address, like the path-routed service it is in production); {@code settings} are
   * {@code switchboard.push.*} properties, e.g. where the provider test servers are.
   */
  public PushService startPush(Map<String, String> settings) {
    List<String> extra = new ArrayList<>();
    settings.forEach((key, value) -> extra.add("--" + key + "=" + value));
    extra.add("--server.shutdown=immediate");
    ConfigurableApplicationContext push = start(PushApplication.class, "push", extra.toArray(String[]::new));
    int port = ((WebServerApplicationContext) push).getWebServer().getPort();
    return new PushService(push, new SwitchboardHttp(URI.create("http://127.0.0.1:" + port)));
  }

  /** Running push workers; sessions made at the front register their push targets here with their own token. */
  public record PushService(ConfigurableApplicationContext context, SwitchboardHttp http) implements AutoCloseable {

    public Session as(Session session) {
      return new Session(http, session.userId(), session.deviceId(), session.accessToken());
    }

    @Override
    public void close() {
      context.close();
    }
  }

  private ConfigurableApplicationContext start(Class<?> application, String configName, String... extra) {
    return start(commonProperties, application, configName, extra);
  }

  private ConfigurableApplicationContext start(
      Map<String, ?> properties, Class<?> application, String configName, String... extra) {
    List<String> arguments = new ArrayList<>();
    // a setting given in `extra` replaces the common one (the command line would join two values of one key)
    properties.forEach((key, value) -> {
      if (Arrays.stream(extra).noneMatch(setting -> setting.startsWith("--" + key + "="))) {
        arguments.add("--" + key + "=" + value);
      }
    });
    arguments.add("--server.port=0");
    arguments.add("--spring.main.banner-mode=off");
    arguments.addAll(List.of(extra));
    return new SpringApplicationBuilder(application, OwnNettyResources.class)
        .properties("spring.config.name=" + configName)
        .run(arguments.toArray(String[]::new));
  }

  /**
   * Each test application gets event loops of its own. By default every Reactor Netty server in a JVM shares
   * one set, and stopping any of them would stop the sockets of all (in production each is its own process).
   */
  @Configuration(proxyBeanMethods = false)
  static class OwnNettyResources {

    @Bean
    ReactorResourceFactory ownReactorResourceFactory() {
      ReactorResourceFactory factory = new ReactorResourceFactory();
      factory.setUseGlobalResources(false);
      return factory;
    }
  }

  private synchronized void close() {
    router.close();
    front.close();
    if (proxies != null) {
      proxies.broker().restore();
      proxies.mongo().restore();
      proxies.redis().restore();
    }
    deleteKeys((String) commonProperties.get("switchboard.presence.key-prefix"));
    deleteKeys((String) commonProperties.get("switchboard.limits.key-prefix"));
    if (proxies != null) {
      proxies.close();
    }
    infrastructure.close();
  }

  /** Bucket keys for one run of one test set-up, so runs sharing a real Redis never count each other. */
  public static String limitsKeyPrefix(String runId) {
    return "switchboard_test_" + runId + ":limits:";
  }

  /** A shared real Redis keeps nothing of this run (last seen, settings have no expiry). */
  private void deleteKeys(String prefix) {
    io.lettuce.core.RedisClient client =
        io.lettuce.core.RedisClient.create((String) commonProperties.get(EmbeddedInfrastructure.REDIS_URI_PROPERTY));
    try (var connection = client.connect()) {
      var keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } catch (RuntimeException unreachable) {
      // nothing to clean where Redis is already gone
    } finally {
      client.shutdown();
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("switchboard-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Accounts, history and one edge in one process: everything but the router. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @ComponentScan(
      basePackages = {
        "io.switchboard.accounts", "io.switchboard.history", "io.switchboard.edge",
        "io.switchboard.storage", "io.switchboard.broker", "io.switchboard.security", "io.switchboard.presence",
        "io.switchboard.limits"
      },
      excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
  static class FrontServices {}
}
