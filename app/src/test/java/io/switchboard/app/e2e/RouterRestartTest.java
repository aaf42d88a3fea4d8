package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The router is stopped in the middle of a stream and started again: what the edge handed to the broker
 * waits in the durable queue, what was half done is finished once, and the recipient sees every message
 * once, in order.
 */
class RouterRestartTest {

  private static final int MESSAGES = 1000;

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void noMessageIsLostOrDoubledAcrossARouterRestart() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);

      List<String> clientIds = new ArrayList<>();
      for (int i = 1; i <= MESSAGES; i++) {
        var frame = Frames.to(bob.userId(), "n" + i);
        clientIds.add(frame.clientMessageId());
        aliceSocket.send(frame);
        if (i == MESSAGES / 3) {
          cluster.stopRouter();
        }
        if (i == 2 * MESSAGES / 3) {
          cluster.startRouter();
        }
      }

      Set<String> acceptedIds = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (acceptedIds.size() < MESSAGES && System.nanoTime() < deadline) {
        ServerFrame frame = aliceSocket.poll(Duration.ofSeconds(1));
        if (frame instanceof AcceptedFrame accepted) {
          acceptedIds.add(accepted.clientMessageId());
        }
      }
      assertThat(acceptedIds).containsExactlyInAnyOrderElementsOf(clientIds);

      List<String> bodies = new ArrayList<>();
      List<Long> seqs = new ArrayList<>();
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (bodies.size() < MESSAGES && System.nanoTime() < deadline) {
        ServerFrame frame = bobSocket.poll(Duration.ofSeconds(1));
        if (frame instanceof MessageFrame message) {
          bodies.add(message.message().body());
          seqs.add(message.message().seq());
        }
      }
      assertThat(bobSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(bodies).as("every message once").hasSize(MESSAGES).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(OneToOneChatTest.numbered("n", MESSAGES));
      assertThat(seqs).as("in sequence order").isSorted().doesNotHaveDuplicates();
    }

    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    JsonNode conversation = bob.get("/api/conversations/" + conversationId).body();
    assertThat(countStored(bob, conversationId)).isEqualTo(MESSAGES);
    assertThat(conversation.get("lastMessage").get("seq").asLong()).as("the preview is the newest message")
        .isEqualTo(conversation.get("lastSeq").asLong());
  }

  private static int countStored(Session session, String conversationId) {
    int count = 0;
    long after = 0;
    while (true) {
      JsonNode page = session.get("/api/conversations/" + conversationId + "/messages?after=" + after + "&limit=200")
          .body();
      JsonNode messages = page.get("messages");
      if (messages.isEmpty()) {
        return count;
      }
      count += messages.size();
      after = messages.get(messages.size() - 1).get("seq").asLong();
    }
  }
}
