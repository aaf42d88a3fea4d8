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
 * The seam between catch-up and live traffic: a device that connects (and reconnects) while messages are
 * being sent to it gets every one, once, in order.
 */
class ConnectWhileSendingTest {

  private static final int MESSAGES = 400;
  private static final int ACKED_ONE_BY_ONE = 120;

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aDeviceConnectingMidStreamMissesNoneAndDuplicatesNone() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    ChatConnection aliceSocket = alice.connect();
    aliceSocket.await(SyncedFrame.class, WAIT);

    CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
      for (int i = 1; i <= MESSAGES; i++) {
        aliceSocket.send(Frames.to(bob.userId(), "m" + i));
        if (i % 20 == 0) {
          sleep(15);
        }
      }
    });

    List<Long> received = new ArrayList<>();
    // connect while the stream runs, then drop and reconnect twice more mid-stream, acknowledging as we go
    for (int round = 0; round < 3 && received.size() < MESSAGES; round++) {
      sleep(120);
      try (ChatConnection bobSocket = bob.connect()) {
        long deadline = System.nanoTime() + Duration.ofMillis(round < 2 ? 400 : 30_000).toNanos();
        while (System.nanoTime() < deadline && received.size() < MESSAGES) {
          ServerFrame frame = bobSocket.poll(Duration.ofMillis(200));
          if (frame instanceof MessageFrame message) {
            received.add(message.message().seq());
            bobSocket.send(new AckFrame(
                message.message().conversationId(), message.message().seq()));
          }
        }
      }
    }
    sending.get(60, TimeUnit.SECONDS);
    for (int i = 0; i < MESSAGES; i++) {
      aliceSocket.await(AcceptedFrame.class, WAIT);
    }
    aliceSocket.close();

    assertThat(received).as("every message once, in order").containsExactlyElementsOf(
        OneToOneChatTest.sequence(MESSAGES));
  }

  /**
   * The transport answers a close frame at once and drops what it read before it but was not yet asked for;
   * frames the device sent before hanging up must still be handled, and before its next socket reads its backlog.
   */
  @Test
  void everyAckSentJustBeforeClosingHoldsForTheNextSocket() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      Frames.sendAllAccepted(aliceSocket, bob.userId(), OneToOneChatTest.numbered("m", ACKED_ONE_BY_ONE));
    }

    try (ChatConnection bobSocket = bob.connect()) {
      List<MessageFrame> backlog = Frames.backlog(bobSocket);
      assertThat(backlog).hasSize(ACKED_ONE_BY_ONE);
      // one ack per message, the way a client acks what it stores as it comes, and gone at once after the last
      for (MessageFrame message : backlog) {
        bobSocket.send(new AckFrame(message.message().conversationId(), message.message().seq()));
      }
    }
    try (ChatConnection bobSocket = bob.connect()) {
      assertThat(bobSocket.await(SyncedFrame.class, WAIT).messages())
          .as("messages that came again after every one was acknowledged").isZero();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
