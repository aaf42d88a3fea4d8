package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.embedded.EmbeddedInfrastructure;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The all-in-one launcher: every service in one process on the embedded broker and the on-disk embedded
 * database. Two people chat; after a restart on the same data directory, history and accounts are still there.
 */
class AllInOneLauncherTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Path DASHBOARD = Path.of("deploy", "grafana", "switchboard-dashboard.json");
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDirectory;

  @Test
  void startsEverythingOnEmbeddedServersAndKeepsDataAcrossARestart() {
    String[] args = {"--server.port=0", "--switchboard.data-dir=" + dataDirectory, "--spring.main.banner-mode=off",
        // its own rate-limit buckets where Redis is shared; the default limits themselves apply
        "--switchboard.limits.key-prefix=switchboard_test_" + java.util.UUID.randomUUID() + ":limits:"};
    String alice = "alice_" + UUID.randomUUID().toString().substring(0, 8);
    String bob = "bob_" + UUID.randomUUID().toString().substring(0, 8);
    String conversationId;

    try (SwitchboardApplication.Launched launched = SwitchboardApplication.launch(args, 0)) {
      SwitchboardHttp http = httpOf(launched);
      Session aliceSession = http.register(alice, PASSWORD);
      Session bobSession = http.register(bob, PASSWORD);
      try (ChatConnection aliceSocket = aliceSession.connect(); ChatConnection bobSocket = bobSession.connect()) {
        aliceSocket.await(SyncedFrame.class, WAIT);
        bobSocket.await(SyncedFrame.class, WAIT);
        aliceSocket.send(new SendFrame("first", bobSession.userId(), null, "Hello from the all-in-one"));
        conversationId = aliceSocket.await(AcceptedFrame.class, WAIT).conversationId();
        assertThat(bobSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("Hello from the all-in-one");
      }
      assertThat(awaitSearchHit(bobSession, "all-in-one")).isEqualTo(conversationId);
      assertThat(indexSettings(launched)).as("the embedded node's index needs no native zstd (Java 21+ has none)")
          .contains("\"codec\":\"legacy_default\"");
      // push runs too, with every provider off until configured: targets can be registered all the same
      assertThat(bobSession.post("/api/push/targets", java.util.Map.of("provider", "fcm", "token", "t-" + bob)).status())
          .isEqualTo(201);
      var providers = launched.context().getBean(io.switchboard.push.provider.PushProviders.class);
      for (var kind : io.switchboard.push.target.ProviderKind.values()) {
        assertThat(providers.of(kind)).as("%s off", kind).isEmpty();
      }
      assertOperatorsSeeWhatHappened(http);
    }

    try (SwitchboardApplication.Launched restarted = SwitchboardApplication.launch(args, 0)) {
      Session bobAgain = httpOf(restarted).logIn(bob, PASSWORD);
      var page = bobAgain.get("/api/conversations/" + conversationId + "/messages").body();
      assertThat(page.get("messages").get(0).get("body").asString()).isEqualTo("Hello from the all-in-one");
      assertThat(awaitSearchHit(bobAgain, "hello")).as("the index is kept in the data directory").isEqualTo(conversationId);
    }
  }

  /**
   * What an operator's Prometheus scrapes from the launcher: every service's meters, with what just happened
   * in them (a socket's frames, one message accepted, delivered live and indexed; queue depths read).
   */
  private static void assertOperatorsSeeWhatHappened(SwitchboardHttp http) {
    String metrics = prometheusText(http);
    assertThat(metrics).contains("switchboard_edge_connections{application=\"switchboard\"}");
    assertThat(sample(metrics, "switchboard_edge_frames_in_total", "type=\"send\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(metrics, "switchboard_edge_frames_out_total", "type=\"accepted\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(metrics, "switchboard_edge_messages_delivered_total", "")).isGreaterThanOrEqualTo(1);
    assertThat(sample(metrics, "switchboard_edge_delivery_latency_seconds_count", "")).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("switchboard_edge_delivery_latency_seconds_bucket");
    assertThat(sample(metrics, "switchboard_edge_catchup_duration_seconds_count", "")).isGreaterThanOrEqualTo(1);
    assertThat(sample(metrics, "switchboard_router_messages_total", "outcome=\"accepted\"")).isEqualTo(1);
    assertThat(sample(metrics, "switchboard_router_latency_seconds_count", "")).isEqualTo(1);
    for (String stage : List.of("queued", "stored", "sender_read", "published")) {
      assertThat(sample(metrics, "switchboard_router_stage_seconds_count", "stage=\"" + stage + "\"")).as(stage).isEqualTo(1);
    }
    assertThat(sample(metrics, "switchboard_search_indexed_total", "")).isGreaterThanOrEqualTo(1);
    assertThat(metrics).contains("switchboard_search_lag_seconds_bucket");
    for (String dashboardMetric : metricsOfTheDashboard()) {
      assertThat(metrics).as("the Grafana dashboard's query of %s finds it", dashboardMetric)
          .contains(dashboardMetric + "{");
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    // the announcement's confirm is not waited for by the lane (nor by the sender's answer): it may come last
    while (sample(metrics, "switchboard_broker_queue_depth", "queue=\"switchboard.router.inbound\"") < 0
        || sample(metrics, "switchboard_router_stage_seconds_count", "stage=\"announced\"") < 1) {
      assertThat(System.nanoTime()).as("queue depths read from the broker, the message announced").isLessThan(deadline);
      pause();
      metrics = prometheusText(http);
    }
    assertThat(sample(metrics, "switchboard_router_stage_seconds_count", "stage=\"announced\"")).isEqualTo(1);
  }

  /** Every Switchboard metric deploy/grafana's dashboard queries. */
  private static Set<String> metricsOfTheDashboard() {
    Path directory = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(directory.resolve(DASHBOARD))) {
      directory = directory.getParent();
      assertThat(directory).as(DASHBOARD + " above the module directory").isNotNull();
    }
    try {
      Matcher names = Pattern.compile("switchboard_[a-z_]+").matcher(Files.readString(directory.resolve(DASHBOARD)));
      Set<String> found = new TreeSet<>();
      while (names.find()) {
        found.add(names.group());
      }
      assertThat(found).isNotEmpty();
      return found;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String prometheusText(SwitchboardHttp http) {
    return getText(http.base().resolve("/actuator/prometheus"));
  }

  /** The body of a GET that must answer 200. */
  private static String getText(URI uri) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
      return response.body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET " + uri + " failed", e);
    }
  }

  /** The value of the first sample of {@code name} whose labels contain {@code label}; -1 if there is none. */
  private static double sample(String metrics, String name, String label) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The settings of the message indices, as the embedded Elasticsearch node answers them. */
  private static String indexSettings(SwitchboardApplication.Launched launched) {
    Object node = launched.infrastructure().properties().get(EmbeddedInfrastructure.ELASTICSEARCH_URI_PROPERTY);
    return getText(URI.create(node + "/switchboard-messages/_settings"));
  }

  /** The conversation of the first hit for {@code q}, once the embedded Elasticsearch has indexed it. */
  private static String awaitSearchHit(Session session, String q) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      var answer = session.get("/api/search?q=" + q);
      if (answer.status() == 200 && !answer.body().get("hits").isEmpty()) {
        return answer.body().get("hits").get(0).get("conversationId").asString();
      }
      assertThat(System.nanoTime()).as("searchable in time: %s", answer.body()).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static SwitchboardHttp httpOf(SwitchboardApplication.Launched launched) {
    int port = ((WebServerApplicationContext) launched.context()).getWebServer().getPort();
    return new SwitchboardHttp(URI.create("http://127.0.0.1:" + port));
  }
}
