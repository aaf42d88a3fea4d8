package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The all-in-one launcher: every service in one process on the embedded broker and the on-disk embedded
 * database. Two people chat; after a restart on the same data directory, history and accounts are still there.
 */
class AllInOneLauncherTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
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
    }

    try (SwitchboardApplication.Launched restarted = SwitchboardApplication.launch(args, 0)) {
      Session bobAgain = httpOf(restarted).logIn(bob, PASSWORD);
      var page = bobAgain.get("/api/conversations/" + conversationId + "/messages").body();
      assertThat(page.get("messages").get(0).get("body").asString()).isEqualTo("Hello from the all-in-one");
      assertThat(awaitSearchHit(bobAgain, "hello")).as("the index is kept in the data directory").isEqualTo(conversationId);
    }
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
