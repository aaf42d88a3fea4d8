package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the socket gets an error frame naming the problem; the socket stays usable and other
 * devices notice nothing.
 */
class BadSocketInputTest {

  private final TestCluster cluster = TestCluster.shared();
  private Session alice;
  private Session bob;

  @BeforeEach
  void users() {
    alice = cluster.newUser("alice");
    bob = cluster.newUser("bob");
  }

  @Test
  void malformedJsonGetsAnErrorFrameAndTheSocketStaysUsable() {
    try (ChatConnection socket = connected(alice)) {
      socket.sendText("{\"type\": \"send\", ");
      assertThat(socket.await(ErrorFrame.class, WAIT).code()).isEqualTo("malformed_json");
      socket.sendText("[1, 2, 3]");
      assertThat(socket.await(ErrorFrame.class, WAIT).code()).isEqualTo("malformed_json");
      assertStillUsable(socket);
    }
  }

  @Test
  void unknownFrameTypeIsNamed() {
    try (ChatConnection socket = connected(alice)) {
      socket.sendText("{\"type\": \"teleport\"}");
      ErrorFrame error = socket.await(ErrorFrame.class, WAIT);
      assertThat(error.code()).isEqualTo("unknown_type");
      assertThat(error.message()).contains("teleport");
      assertStillUsable(socket);
    }
  }

  @Test
  void aFrameMissingRequiredMembersNamesTheMember() {
    try (ChatConnection socket = connected(alice)) {
      socket.sendText("{\"type\": \"send\", \"clientMessageId\": \"c1\", \"to\": \"" + bob.userId() + "\"}");
      ErrorFrame error = socket.await(ErrorFrame.class, WAIT);
      assertThat(error.code()).isEqualTo("invalid_frame");
      assertThat(error.message()).contains("body");
      assertStillUsable(socket);
    }
  }

  @Test
  void anOversizeFrameIsRefusedWithoutClosingTheSocket() {
    try (ChatConnection socket = connected(alice)) {
      String huge = "x".repeat(200_000);
      socket.sendText("{\"type\":\"send\",\"clientMessageId\":\"big\",\"to\":\"" + bob.userId()
          + "\",\"body\":\"" + huge + "\"}");
      assertThat(socket.await(ErrorFrame.class, WAIT).code()).isEqualTo("frame_too_large");
      assertStillUsable(socket);
    }
  }

  @Test
  void aBodyOverTheLengthLimitIsRefusedWithItsClientMessageId() {
    try (ChatConnection socket = connected(alice)) {
      SendFrame tooLong = Frames.to(bob.userId(), "y".repeat(16_001));
      socket.send(tooLong);
      ErrorFrame error = socket.await(ErrorFrame.class, WAIT);
      assertThat(error.code()).isEqualTo("body_too_long");
      assertThat(error.ref()).isEqualTo(tooLong.clientMessageId());
      assertStillUsable(socket);
    }
  }

  @Test
  void sendingToAConversationOfOthersIsRefusedAndTheyNoticeNothing() {
    Session carol = cluster.newUser("carol");
    try (ChatConnection bobSocket = connected(bob); ChatConnection carolSocket = connected(carol);
        ChatConnection aliceSocket = connected(alice)) {
      bobSocket.send(Frames.to(carol.userId(), "just between us"));
      bobSocket.await(AcceptedFrame.class, WAIT);
      carolSocket.await(MessageFrame.class, WAIT);

      String theirs = ConversationIds.direct(bob.userId(), carol.userId());
      SendFrame intrusion = Frames.inConversation(theirs, "let me in");
      aliceSocket.send(intrusion);
      ErrorFrame error = aliceSocket.await(ErrorFrame.class, WAIT);
      assertThat(error.code()).isEqualTo("not_a_member");
      assertThat(error.ref()).isEqualTo(intrusion.clientMessageId());

      assertThat(bobSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(carolSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(alice.get("/api/conversations/" + theirs + "/messages").status()).isEqualTo(403);
      assertStillUsable(aliceSocket);
    }
  }

  @Test
  void sendingToAUserWhoDoesNotExistIsRefused() {
    try (ChatConnection socket = connected(alice)) {
      SendFrame nowhere = Frames.to("0000000000000000000000000000dead", "hello?");
      socket.send(nowhere);
      ErrorFrame error = socket.await(ErrorFrame.class, WAIT);
      assertThat(error.code()).isEqualTo("unknown_recipient");
      assertThat(error.ref()).isEqualTo(nowhere.clientMessageId());
      assertStillUsable(socket);
    }
  }

  @Test
  void anAckBeyondWhatTheDeviceWasGivenCannotSkipMessagesStillToCome() {
    try (ChatConnection aliceSocket = connected(alice)) {
      try (ChatConnection bobSocket = connected(bob)) {
        aliceSocket.send(Frames.to(bob.userId(), "one"));
        MessageFrame first = bobSocket.await(MessageFrame.class, WAIT);
        bobSocket.send(new AckFrame(first.message().conversationId(), 1_000));
        bobSocket.send(new PingFrame("after-ack"));
        bobSocket.await(PongFrame.class, WAIT);
      }
      aliceSocket.send(Frames.to(bob.userId(), "two"));
      aliceSocket.send(Frames.to(bob.userId(), "three"));
      aliceSocket.await(AcceptedFrame.class, WAIT);
      aliceSocket.await(AcceptedFrame.class, WAIT);
      aliceSocket.await(AcceptedFrame.class, WAIT);
    }
    try (ChatConnection bobAgain = bob.connect()) {
      assertThat(bobAgain.await(MessageFrame.class, WAIT).message().body()).isEqualTo("two");
      assertThat(bobAgain.await(MessageFrame.class, WAIT).message().body()).isEqualTo("three");
    }
  }

  private ChatConnection connected(Session session) {
    ChatConnection socket = session.connect();
    socket.await(SyncedFrame.class, WAIT);
    return socket;
  }

  /** A ping is answered and a real message still goes through. */
  private void assertStillUsable(ChatConnection socket) {
    socket.send(new PingFrame("still-there"));
    assertThat(socket.await(PongFrame.class, WAIT).nonce()).isEqualTo("still-there");
    SendFrame fine = Frames.to(bob.userId(), "and this one is fine");
    socket.send(fine);
    assertThat(socket.await(AcceptedFrame.class, WAIT).clientMessageId()).isEqualTo(fine.clientMessageId());
    assertThat(socket.isOpen()).isTrue();
  }
}
