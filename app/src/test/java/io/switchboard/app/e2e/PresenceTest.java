package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.QUIET;
import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.PresenceStatus;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.frame.TypingFrame;
import io.switchboard.protocol.frame.TypingNoticeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Online, offline with last seen, typing, and who may learn any of it; over real sockets and real Redis. */
class PresenceTest {

  /** Longest a vanished device may still count as online: the lease, a sweep, and slack for a busy machine. */
  private static final Duration LAPSE_BOUND = TestCluster.PRESENCE_LEASE.plusSeconds(4);

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aContactSeesAliceComeOnlineAndGoOfflineWithHerLastSeen() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection bobSocket = contactOf(alice, bob)) {
      try (ChatConnection aliceSocket = synced(alice)) {
        assertThat(awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT).lastSeenAt()).isNull();
      }
      Instant closedAt = Instant.now();
      PresenceFrame offline = awaitPresence(bobSocket, alice, PresenceStatus.OFFLINE, WAIT);
      assertThat(offline.lastSeenAt()).isBetween(closedAt.minusSeconds(5), Instant.now().plusSeconds(1));
    }
  }

  @Test
  void aliceStaysOnlineUntilHerLastDeviceCloses() {
    Session phone = cluster.newUser("alice");
    Session laptop = cluster.newDevice(phone);
    Session bob = cluster.newUser("bob");
    try (ChatConnection bobSocket = contactOf(phone, bob); ChatConnection laptopSocket = synced(laptop)) {
      try (ChatConnection phoneSocket = synced(phone)) {
        awaitPresence(bobSocket, phone, PresenceStatus.ONLINE, WAIT);
      }
      // the phone is gone, the laptop is not: no change to announce, and a query still says online
      assertThat(presenceFrames(bobSocket.drain(QUIET.multipliedBy(2)))).isEmpty();
      bobSocket.send(new PresenceQueryFrame(List.of(phone.userId())));
      assertThat(awaitPresence(bobSocket, phone, PresenceStatus.ONLINE, WAIT)).isNotNull();

      laptopSocket.close();
      assertThat(awaitPresence(bobSocket, phone, PresenceStatus.OFFLINE, WAIT).lastSeenAt()).isNotNull();
      assertThat(presenceFrames(bobSocket.drain(QUIET))).isEmpty();
    }
  }

  @Test
  void whenAlicesEdgeDiesHerContactSeesHerOfflineWithinTheLease() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection bobSocket = contactOf(alice, bob)) {
      TestCluster.Edge edge = cluster.startEdge();
      ChatConnection aliceSocket = edge.connect(alice);
      aliceSocket.await(SyncedFrame.class, WAIT);
      awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT);

      long killedAt = System.nanoTime();
      edge.close();
      PresenceFrame offline = awaitPresence(bobSocket, alice, PresenceStatus.OFFLINE, LAPSE_BOUND);
      Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
      assertThat(took).isLessThanOrEqualTo(LAPSE_BOUND);
      assertThat(offline.lastSeenAt()).isNotNull();
      aliceSocket.abort();
    }
  }

  @Test
  void typingReachesTheOtherMemberOnceAndIsNeverStored() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    try (ChatConnection bobSocket = contactOf(alice, bob); ChatConnection aliceSocket = synced(alice)) {
      awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT);
      for (int i = 0; i < 5; i++) {
        aliceSocket.send(new TypingFrame(conversationId)); // a burst: passed on once per second at most
      }
      TypingNoticeFrame typing = bobSocket.await(TypingNoticeFrame.class, WAIT);
      assertThat(typing.conversationId()).isEqualTo(conversationId);
      assertThat(typing.userId()).isEqualTo(alice.userId());

      // nothing ends it on the server: the client lets it fade; no further typing frames come
      assertThat(bobSocket.drain(QUIET.multipliedBy(2))).noneMatch(TypingNoticeFrame.class::isInstance);
      assertThat(aliceSocket.drain(QUIET)).noneMatch(TypingNoticeFrame.class::isInstance);
    }
    JsonNode history = bob.get("/api/conversations/" + conversationId + "/messages").body().get("messages");
    assertThat(history).hasSize(1);
  }

  /**
   * Three others: on RabbitMQ (CI) the notice goes out as one publish naming them all, and the edge hands it to
   * each of them, once.
   */
  @Test
  void typingInAGroupReachesEveryOtherMemberOnceAndNotTheTypist() {
    Session alice = cluster.newUser("alice");
    List<Session> others = List.of(cluster.newUser("bob"), cluster.newUser("carol"), cluster.newUser("dave"));
    String groupId = GroupSupport.createGroup(alice, "typists", others.toArray(Session[]::new));
    List<ChatConnection> sockets = others.stream().map(PresenceTest::synced).toList();
    try (ChatConnection aliceSocket = synced(alice)) {
      aliceSocket.send(new TypingFrame(groupId));
      for (ChatConnection socket : sockets) {
        TypingNoticeFrame typing = socket.await(TypingNoticeFrame.class, WAIT);
        assertThat(typing.conversationId()).isEqualTo(groupId);
        assertThat(typing.userId()).isEqualTo(alice.userId());
      }
      for (ChatConnection socket : sockets) {
        assertThat(socket.drain(QUIET)).noneMatch(TypingNoticeFrame.class::isInstance);
      }
      assertThat(aliceSocket.drain(QUIET)).noneMatch(TypingNoticeFrame.class::isInstance);
    } finally {
      sockets.forEach(ChatConnection::close);
    }
  }

  /** Three contacts: one publish naming them all on RabbitMQ; each sees Alice come online, once. */
  @Test
  void everyContactSeesAliceComeOnlineOnce() {
    Session alice = cluster.newUser("alice");
    List<ChatConnection> contacts = List.of(cluster.newUser("bob"), cluster.newUser("carol"), cluster.newUser("dave"))
        .stream().map(contact -> contactOf(alice, contact)).toList();
    try (ChatConnection aliceSocket = synced(alice)) {
      for (ChatConnection contact : contacts) {
        assertThat(awaitPresence(contact, alice, PresenceStatus.ONLINE, WAIT).lastSeenAt()).isNull();
      }
      for (ChatConnection contact : contacts) {
        assertThat(presenceFrames(contact.drain(QUIET))).isEmpty();
      }
    } finally {
      contacts.forEach(ChatConnection::close);
    }
  }

  @Test
  void typingInAConversationTheDeviceDoesNotKnowIsRefused() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    String theirs = ConversationIds.direct(alice.userId(), bob.userId());
    try (ChatConnection bobSocket = contactOf(alice, bob); ChatConnection carolSocket = synced(carol)) {
      carolSocket.send(new TypingFrame(theirs));
      assertThat(carolSocket.await(io.switchboard.protocol.frame.ErrorFrame.class, WAIT).code())
          .isEqualTo("not_a_member");
      assertThat(bobSocket.drain(QUIET)).noneMatch(TypingNoticeFrame.class::isInstance);
    }
  }

  @Test
  void carolWhoSharesNoConversationWithAliceLearnsNothingOfHerPresence() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    try (ChatConnection bobSocket = contactOf(alice, bob); ChatConnection aliceSocket = synced(alice);
        ChatConnection carolSocket = synced(carol)) {
      awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT);

      JsonNode carolAsks = carol.get("/api/presence?userIds=" + alice.userId()).body();
      assertThat(carolAsks.get("presence")).isEmpty();
      carolSocket.send(new PresenceQueryFrame(List.of(alice.userId())));
      assertThat(presenceFrames(carolSocket.drain(QUIET.multipliedBy(2)))).isEmpty();

      JsonNode bobAsks = bob.get("/api/presence?userIds=" + alice.userId() + "," + carol.userId()).body();
      assertThat(bobAsks.get("presence")).hasSize(1);
      assertThat(bobAsks.get("presence").get(0).get("userId").asString()).isEqualTo(alice.userId());
      assertThat(bobAsks.get("presence").get(0).get("status").asString()).isEqualTo("online");
    }
  }

  @Test
  void aliceCanHideHerLastSeen() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    assertThat(alice.get("/api/users/me/settings").body().get("showLastSeen").asBoolean()).isTrue();
    assertThat(alice.put("/api/users/me/settings", Map.of("showLastSeen", false)).status()).isEqualTo(200);
    try (ChatConnection bobSocket = contactOf(alice, bob)) {
      try (ChatConnection aliceSocket = synced(alice)) {
        awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT);
      }
      assertThat(awaitPresence(bobSocket, alice, PresenceStatus.OFFLINE, WAIT).lastSeenAt()).isNull();
      JsonNode asked = bob.get("/api/presence?userIds=" + alice.userId()).body().get("presence").get(0);
      assertThat(asked.get("status").asString()).isEqualTo("offline");
      assertThat(asked.has("lastSeenAt")).isFalse();
    }
    assertThat(alice.put("/api/users/me/settings", Map.of()).status()).isEqualTo(400);
  }

  /** Makes Bob Alice's contact (Bob writes to her while she is offline); returns Bob's synced socket. */
  private static ChatConnection contactOf(Session alice, Session bob) {
    ChatConnection bobSocket = synced(bob);
    bobSocket.send(Frames.to(alice.userId(), "hi Alice"));
    bobSocket.await(AcceptedFrame.class, WAIT);
    return bobSocket;
  }

  private static PresenceFrame awaitPresence(
      ChatConnection socket, Session subject, PresenceStatus status, Duration timeout) {
    return socket.await(PresenceFrame.class,
        frame -> frame.userId().equals(subject.userId()) && frame.status() == status, timeout);
  }

  private static List<ServerFrame> presenceFrames(List<ServerFrame> frames) {
    return frames.stream().filter(PresenceFrame.class::isInstance).toList();
  }

  private static ChatConnection synced(Session session) {
    ChatConnection socket = session.connect();
    socket.await(SyncedFrame.class, WAIT);
    return socket;
  }
}
