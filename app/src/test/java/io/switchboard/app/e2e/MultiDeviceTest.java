package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.QUIET;
import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.ReadStateFrame;
import io.switchboard.protocol.frame.ReceiptFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One account on several devices, several accounts in one client, receipts and signing devices out. */
class MultiDeviceTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void everyDeviceOfAnAccountGetsEverythingIncludingWhatItsOtherDevicesSent() {
    Session alice1 = cluster.newUser("alice");
    Session alice2 = cluster.newDevice(alice1);
    Session alice3 = cluster.newDevice(alice1);
    Session bob = cluster.newUser("bob");
    try (ChatConnection d1 = synced(alice1); ChatConnection d2 = synced(alice2); ChatConnection d3 = synced(alice3);
        ChatConnection bobSocket = synced(bob)) {
      bobSocket.send(Frames.to(alice1.userId(), "to all of Alice's devices"));
      for (ChatConnection device : List.of(d1, d2, d3)) {
        assertThat(device.await(MessageFrame.class, WAIT).message().body()).isEqualTo("to all of Alice's devices");
      }

      SendFrame fromPhone = Frames.to(bob.userId(), "sent from device 1");
      d1.send(fromPhone);
      assertThat(d1.await(AcceptedFrame.class, WAIT).clientMessageId()).isEqualTo(fromPhone.clientMessageId());
      for (ChatConnection other : List.of(d2, d3, bobSocket)) {
        MessageFrame copy = other.await(MessageFrame.class, WAIT);
        assertThat(copy.message().body()).isEqualTo("sent from device 1");
        assertThat(copy.message().senderDeviceId()).isEqualTo(alice1.deviceId());
      }
      assertThat(d1.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
    }
  }

  @Test
  void aDeviceThatWasOffDuring200MessagesCatchesUpAloneAndTheOthersSeeNoRepeats() {
    Session alice1 = cluster.newUser("alice");
    Session alice2 = cluster.newDevice(alice1);
    Session alice3 = cluster.newDevice(alice1);
    Session bob = cluster.newUser("bob");
    try (ChatConnection d1 = synced(alice1); ChatConnection d2 = synced(alice2); ChatConnection bobSocket = synced(bob)) {
      for (int i = 1; i <= 200; i++) {
        bobSocket.send(Frames.to(alice1.userId(), "b" + i));
      }
      assertThat(receiveAndAck(d1, 200)).containsExactlyElementsOf(OneToOneChatTest.sequence(200));
      assertThat(receiveAndAck(d2, 200)).containsExactlyElementsOf(OneToOneChatTest.sequence(200));

      try (ChatConnection d3 = alice3.connect()) {
        assertThat(Frames.backlog(d3)).extracting(message -> message.message().seq())
            .containsExactlyElementsOf(OneToOneChatTest.sequence(200));
      }
      assertThat(d1.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(d2.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
    }
  }

  @Test
  void deliveredAndReadReachTheSenderAndReadStateReachesEveryDeviceOfTheReader() {
    Session alice1 = cluster.newUser("alice");
    Session alice2 = cluster.newDevice(alice1);
    Session alice3 = cluster.newDevice(alice1);
    Session bob = cluster.newUser("bob");
    String conversationId = ConversationIds.direct(alice1.userId(), bob.userId());
    try (ChatConnection d1 = synced(alice1); ChatConnection d2 = synced(alice2); ChatConnection d3 = synced(alice3);
        ChatConnection bobSocket = synced(bob)) {
      bobSocket.send(Frames.to(alice1.userId(), "one"));
      bobSocket.send(Frames.to(alice1.userId(), "two"));
      bobSocket.await(AcceptedFrame.class, WAIT);
      bobSocket.await(AcceptedFrame.class, WAIT);
      receiveAndAck(d2, 2);

      ReceiptFrame delivered = bobSocket.await(ReceiptFrame.class,
          receipt -> receipt.kind() == ReceiptKind.DELIVERED && receipt.upToSeq() == 2, WAIT);
      assertThat(delivered.userId()).isEqualTo(alice1.userId());
      assertThat(delivered.conversationId()).isEqualTo(conversationId);

      receiveAndAck(d1, 2);
      d1.send(new ReadFrame(conversationId, 2));
      ReceiptFrame read = bobSocket.await(ReceiptFrame.class, receipt -> receipt.kind() == ReceiptKind.READ, WAIT);
      assertThat(read.upToSeq()).isEqualTo(2);
      assertThat(read.userId()).isEqualTo(alice1.userId());
      for (ChatConnection device : List.of(d1, d2, d3)) {
        ReadStateFrame state = device.await(ReadStateFrame.class, WAIT);
        assertThat(state.conversationId()).isEqualTo(conversationId);
        assertThat(state.readSeq()).isEqualTo(2);
        assertThat(state.unreadCount()).isZero();
      }
    }
    JsonNode conversation = alice3.get("/api/conversations/" + conversationId).body();
    assertThat(conversation.get("unreadCount").asLong()).isZero();
    JsonNode receipts = bob.get("/api/conversations/" + conversationId + "/receipts").body().get("members");
    assertThat(receipts.findValues("readSeq")).extracting(JsonNode::asLong).contains(2L);
  }

  @Test
  void signingADeviceOutClosesItsSocketAndRefusesItsToken() throws Exception {
    Session phone = cluster.newUser("alice");
    Session laptop = cluster.newDevice(phone);
    try (ChatConnection phoneSocket = synced(phone); ChatConnection laptopSocket = synced(laptop)) {
      assertThat(laptop.delete("/api/devices/" + phone.deviceId()).status()).isEqualTo(204);

      ChatConnection.CloseReason closed = phoneSocket.closed().get(15, TimeUnit.SECONDS);
      assertThat(closed.code()).isEqualTo(4003);
      assertThat(phone.get("/api/users/me").status()).isEqualTo(401);
      assertThatThrownBy(phone::connect).isInstanceOf(HandshakeRefusedException.class)
          .satisfies(error -> assertThat(((HandshakeRefusedException) error).status()).isEqualTo(401));

      assertThat(laptop.get("/api/users/me").status()).isEqualTo(200);
      assertThat(laptop.get("/api/devices").body().findValues("deviceId")).extracting(JsonNode::asString)
          .containsExactly(laptop.deviceId());
      assertThat(laptopSocket.isOpen()).isTrue();
    }
  }

  @Test
  void aNewDeviceStartsAtThePresentAndFindsOlderMessagesInHistory() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    try (ChatConnection bobSocket = synced(bob)) {
      for (int i = 1; i <= 5; i++) {
        bobSocket.send(Frames.to(alice.userId(), "before " + i));
        bobSocket.await(AcceptedFrame.class, WAIT);
      }
      Session newLaptop = cluster.newDevice(alice);
      try (ChatConnection laptop = newLaptop.connect()) {
        assertThat(laptop.await(SyncedFrame.class, WAIT).messages()).isZero();
        bobSocket.send(Frames.to(alice.userId(), "after"));
        assertThat(laptop.await(MessageFrame.class, WAIT).message().seq()).isEqualTo(6);
      }
      JsonNode history = newLaptop.get("/api/conversations/" + conversationId + "/messages").body().get("messages");
      assertThat(history).hasSize(6);
    }
  }

  @Test
  void aLoginBeyondTheDeviceLimitIsRefusedWithAClearProblem() {
    Session first = cluster.newUser("alice");
    for (int i = 2; i <= 10; i++) {
      cluster.newDevice(first);
    }
    String username = first.get("/api/users/me").body().get("username").asString();
    var refused = cluster.http().post("/api/accounts/login", null,
        java.util.Map.of("username", username, "password", "correct horse battery staple"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().get("detail").asString()).contains("sign one out");
  }

  @Test
  void oneClientSignedInAsTwoAccountsGetsEachAccountsMessagesOnItsOwnSocket() {
    Session alice = cluster.newUser("alice");
    Session carol = cluster.newUser("carol");
    Session bob = cluster.newUser("bob");
    Session dave = cluster.newUser("dave");
    // one process, two accounts, one socket each
    try (ChatConnection aliceSocket = synced(alice); ChatConnection carolSocket = synced(carol);
        ChatConnection bobSocket = synced(bob); ChatConnection daveSocket = synced(dave)) {
      bobSocket.send(Frames.to(alice.userId(), "for Alice"));
      daveSocket.send(Frames.to(carol.userId(), "for Carol"));

      assertThat(aliceSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("for Alice");
      assertThat(carolSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("for Carol");
      assertThat(aliceSocket.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(carolSocket.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
    }
    assertThat(alice.get("/api/conversations").body().get("conversations")).hasSize(1);
    assertThat(carol.get("/api/conversations").body().get("conversations")).hasSize(1);
  }

  private static ChatConnection synced(Session session) {
    ChatConnection socket = session.connect();
    socket.await(SyncedFrame.class, WAIT);
    return socket;
  }

  /** Receives {@code count} message frames, acknowledging each; returns their sequence numbers. */
  private static List<Long> receiveAndAck(ChatConnection socket, int count) {
    List<Long> seqs = new ArrayList<>();
    while (seqs.size() < count) {
      MessageFrame message = socket.await(MessageFrame.class, WAIT);
      seqs.add(message.message().seq());
      socket.send(new AckFrame(message.message().conversationId(), message.message().seq()));
    }
    return seqs;
  }
}
