package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import org.junit.jupiter.api.Test;

/** Every HTTP error is an RFC 9457 problem with a detail a person can act on, wherever it arises. */
class HttpErrorsTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void anUnknownPathIsAProblem() {
    Session alice = cluster.newUser("alice");
    HttpAnswer answer = alice.get("/api/no-such-thing");
    assertThat(answer.status()).isEqualTo(404);
    assertProblem(answer);
  }

  @Test
  void aBodyThatIsNotJsonIsAProblemNamingTheCause() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    try (ChatConnection socket = alice.connect()) {
      socket.await(SyncedFrame.class, Frames.WAIT);
      socket.send(Frames.to(bob.userId(), "hi"));
      socket.await(AcceptedFrame.class, Frames.WAIT);
    }
    HttpAnswer answer = cluster.http().postRaw("/api/conversations/" + conversationId + "/read",
        alice.accessToken(), "{\"seq\": \"many\"");
    assertThat(answer.status()).isEqualTo(400);
    assertProblem(answer);
    assertThat(answer.body().get("detail").asString()).contains("not valid JSON");
  }

  @Test
  void aCallWithoutATokenIsAProblemWithAChallenge() {
    HttpAnswer answer = cluster.http().get("/api/conversations", null);
    assertThat(answer.status()).isEqualTo(401);
    assertProblem(answer);
  }

  private static void assertProblem(HttpAnswer answer) {
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
    assertThat(answer.body().get("detail").asString()).isNotBlank();
  }
}
