package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Alice and Bob on different edges; Bob's edge dies in the middle of a stream and he reconnects to another
 * one. The edge held nothing that was not also in the broker or the database, so he gets every message once,
 * in order.
 */
class EdgeRestartTest {

  private static final int MESSAGES = 300;

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aUserOnAnEdgeThatDiesReconnectsElsewhereAndLosesNothing() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    TestCluster.Edge edgeB = cluster.startEdge();
    try (ChatConnection aliceSocket = alice.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      ChatConnection bobOnB = edgeB.connect(bob);
      bobOnB.await(SyncedFrame.class, WAIT);

      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        for (int i = 1; i <= MESSAGES; i++) {
          aliceSocket.send(Frames.to(bob.userId(), "e" + i));
          if (i % 25 == 0) {
            pause(20);
          }
        }
      });

      List<Long> received = new ArrayList<>();
      receiveAndAck(bobOnB, received, MESSAGES / 3, Duration.ofSeconds(30));
      edgeB.close(); // the edge goes away with Bob connected and messages in flight
      assertThat(bobOnB.closed().get(15, TimeUnit.SECONDS)).isNotNull();

      try (TestCluster.Edge edgeC = cluster.startEdge(); ChatConnection bobOnC = edgeC.connect(bob)) {
        receiveAndAck(bobOnC, received, MESSAGES, Duration.ofSeconds(60));
        sending.get(60, TimeUnit.SECONDS);
        assertThat(bobOnC.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      }
      for (int i = 0; i < MESSAGES; i++) {
        aliceSocket.await(AcceptedFrame.class, WAIT);
      }
      assertThat(received).as("every message once, in order, across the edge restart")
          .containsExactlyElementsOf(OneToOneChatTest.sequence(MESSAGES));
    } finally {
      edgeB.close();
    }
  }

  private static void receiveAndAck(ChatConnection socket, List<Long> received, int until, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (received.size() < until && System.nanoTime() < deadline) {
      ServerFrame frame = socket.poll(Duration.ofMillis(200));
      if (frame instanceof MessageFrame message) {
        received.add(message.message().seq());
        socket.send(new AckFrame(message.message().conversationId(), message.message().seq()));
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
