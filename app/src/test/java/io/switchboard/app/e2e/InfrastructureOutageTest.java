package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.lettuce.core.RedisClient;
import io.switchboard.protocol.PresenceStatus;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The servers Switchboard depends on go away in the middle of a conversation and come back: every service
 * reaches them through a {@link FaultProxy}, which the test cuts (every connection closed, new ones refused)
 * and restores. Counted on every device: each message of the conversation once, in sequence order, and stored
 * once.
 */
class InfrastructureOutageTest {

  /** Messages each side sends. */
  private static final int PER_SIDE = 150;

  private static final Duration PACE = Duration.ofMillis(25);

  /**
   * Redis back to a presence answer of "online": Lettuce reconnects within 2 s, the edge renews every lease
   * each lease/3 (1 s here).
   */
  private static final Duration PRESENCE_RECOVERY = Duration.ofSeconds(10);

  private final TestCluster cluster = TestCluster.sharedBehindProxies();

  @AfterEach
  void restoreEverything() {
    cluster.proxies().broker().restore();
    cluster.proxies().mongo().restore();
    cluster.proxies().redis().restore();
  }

  /**
   * Alice (one device) and Bob (a phone that sends, and a laptop on another edge that only reads) write to
   * each other while the broker connection of every service — both edges and the router — is cut for a few
   * seconds. Sends during the cut are refused (not_accepted) and resent; deliveries that were in an edge's
   * queue when it vanished come from the database once the edge has its queue and bindings back.
   */
  @Test
  void theBrokerConnectionIsCutMidStreamAndNothingIsLostOrDoubled() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bobPhone = cluster.newUser("bob");
    Session bobLaptop = cluster.newDevice(bobPhone);
    try (TestCluster.Edge edgeB = cluster.startEdge();
        ChatConnection aliceSocket = alice.connect();
        ChatConnection phoneSocket = bobPhone.connect();
        ChatConnection laptopSocket = edgeB.connect(bobLaptop)) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      phoneSocket.await(SyncedFrame.class, WAIT);
      laptopSocket.await(SyncedFrame.class, WAIT);

      List<SendFrame> fromAlice = numbered(bobPhone.userId(), "a", PER_SIDE);
      List<SendFrame> fromBob = numbered(alice.userId(), "b", PER_SIDE);
      ChattingDevice aliceDevice = new ChattingDevice(aliceSocket, fromAlice, PACE, 2 * PER_SIDE);
      ChattingDevice phone = new ChattingDevice(phoneSocket, fromBob, PACE, 2 * PER_SIDE);
      ChattingDevice laptop = new ChattingDevice(laptopSocket, List.of(), PACE, 2 * PER_SIDE);
      Duration limit = Duration.ofSeconds(90);
      CompletableFuture<Void> all = CompletableFuture.allOf(
          aliceDevice.run(limit), phone.run(limit), laptop.run(limit));

      int connectionsBefore = cluster.proxies().broker().acceptedConnections();
      Thread.sleep(1_200);
      cluster.proxies().broker().cut();
      Thread.sleep(3_000);
      cluster.proxies().broker().restore();
      all.get(limit.toSeconds() + 10, TimeUnit.SECONDS);

      assertThat(cluster.proxies().broker().acceptedConnections())
          .as("front, router and edge B connected again")
          .isGreaterThanOrEqualTo(connectionsBefore + 3);
      assertThat(aliceDevice.notAcceptedCount() + phone.notAcceptedCount())
          .as("sends during the cut were refused, not acknowledged").isPositive();
      for (ChattingDevice device : List.of(aliceDevice, phone, laptop)) {
        assertThat(device.givenSeqs()).as("every message once, in order")
            .containsExactlyElementsOf(sequence(2 * PER_SIDE));
        assertThat(device.messageSeqs()).doesNotHaveDuplicates();
        assertThat(device.bodies()).containsExactlyInAnyOrderElementsOf(bodies(fromAlice, fromBob));
        assertThat(device.socket().isOpen()).as("the socket lived through the outage").isTrue();
      }
      assertThat(laptopSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
    }
    assertThat(countStored(alice, ConversationIds.direct(alice.userId(), bobPhone.userId())))
        .as("stored once each").isEqualTo(2 * PER_SIDE);
  }

  /**
   * Redis goes away and comes back empty, as a restarted Redis without persistence would: messages keep
   * flowing and devices keep connecting meanwhile (presence is never on the message path), and once Redis is
   * back every connected device's lease is taken again, so its contacts see it online.
   */
  @Test
  void redisRestartsAndMessagingGoesOnWhilePresenceComesBack() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);
      // a first message makes them contacts, who may see each other's presence
      aliceSocket.send(Frames.to(bob.userId(), "hello"));
      bobSocket.await(MessageFrame.class, WAIT);
      assertThat(awaitPresence(bobSocket, alice, PresenceStatus.ONLINE, WAIT)).isNotNull();

      // signed in before the outage (logins ask Redis for their rate limit, and wait up to a second for it)
      Session bobTablet = cluster.newDevice(bob);

      cluster.proxies().redis().cut();
      forgetPresence();
      List<SendFrame> fromAlice = numbered(bob.userId(), "r", PER_SIDE);
      ChattingDevice aliceDevice = new ChattingDevice(aliceSocket, fromAlice, PACE, PER_SIDE);
      ChattingDevice bobDevice = new ChattingDevice(bobSocket, List.of(), PACE, PER_SIDE);
      Duration limit = Duration.ofSeconds(60);
      CompletableFuture<Void> both = CompletableFuture.allOf(aliceDevice.run(limit), bobDevice.run(limit));
      // a device that connects while Redis is away is served all the same: it syncs, and what is sent to its
      // user afterwards reaches it live
      try (ChatConnection tabletSocket = bobTablet.connect()) {
        tabletSocket.await(SyncedFrame.class, WAIT);
        both.get(limit.toSeconds() + 10, TimeUnit.SECONDS);
        assertThat(bobDevice.givenSeqs()).as("every message while Redis was away, once, in order")
            .containsExactlyElementsOf(LongStream.rangeClosed(2, PER_SIDE + 1).boxed().toList());
        assertThat(aliceDevice.notAcceptedCount()).isZero();
        aliceSocket.send(Frames.to(bob.userId(), "for the tablet too"));
        tabletSocket.await(MessageFrame.class, frame -> frame.message().body().equals("for the tablet too"), WAIT);
      }

      cluster.proxies().redis().restore();
      long deadline = System.nanoTime() + PRESENCE_RECOVERY.toNanos();
      PresenceFrame answer = null;
      while (System.nanoTime() < deadline && (answer == null || answer.status() != PresenceStatus.ONLINE)) {
        Thread.sleep(250);
        bobSocket.send(new PresenceQueryFrame(List.of(alice.userId())));
        answer = bobSocket.await(PresenceFrame.class, frame -> frame.userId().equals(alice.userId()), WAIT);
      }
      assertThat(answer).as("alice's lease taken again after Redis came back").isNotNull();
      assertThat(answer.status()).isEqualTo(PresenceStatus.ONLINE);
    }
  }

  /**
   * MongoDB goes away: sends are held, durable in the router's queue, and nobody is told a message was sent
   * (no accepted, no delivery) until it is stored; the client resends after its timeout, as it may. Once
   * MongoDB is back everything is stored once and delivered once, in order.
   */
  @Test
  void mongoIsAwayAndSendsAreHeldUntilStored() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    int count = 20;
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);

      cluster.proxies().mongo().cut();
      List<SendFrame> frames = numbered(bob.userId(), "m", count);
      frames.forEach(aliceSocket::send);
      List<ServerFrame> duringOutage = new ArrayList<>(aliceSocket.drain(Duration.ofSeconds(4)));
      duringOutage.addAll(bobSocket.drain(Duration.ofMillis(100)));
      assertThat(duringOutage).as("nothing is acknowledged or delivered before it is stored")
          .noneMatch(frame -> frame instanceof AcceptedFrame || frame instanceof MessageFrame);
      frames.forEach(aliceSocket::send); // the client's resend after its timeout: the router drops repeats

      cluster.proxies().mongo().restore();
      Set<String> accepted = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (accepted.size() < count && System.nanoTime() < deadline) {
        if (aliceSocket.poll(Duration.ofMillis(200)) instanceof AcceptedFrame frame) {
          accepted.add(frame.clientMessageId());
        }
      }
      assertThat(accepted).containsExactlyInAnyOrderElementsOf(
          frames.stream().map(SendFrame::clientMessageId).toList());
      List<Long> seqs = new ArrayList<>();
      deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seqs.size() < count && System.nanoTime() < deadline) {
        if (bobSocket.poll(Duration.ofMillis(200)) instanceof MessageFrame message) {
          seqs.add(message.message().seq());
        }
      }
      assertThat(bobSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(seqs).as("every message once, in order").containsExactlyElementsOf(sequence(count));
    }
    assertThat(countStored(alice, ConversationIds.direct(alice.userId(), bob.userId()))).isEqualTo(count);
  }

  /** As a Redis restarted without persistence: every presence key of this run is gone. */
  private void forgetPresence() {
    RedisClient client = RedisClient.create("redis://" + cluster.proxies().redis().target());
    try (var connection = client.connect()) {
      var keys = connection.sync().keys(cluster.presenceKeyPrefix() + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }

  private static PresenceFrame awaitPresence(ChatConnection socket, Session subject, PresenceStatus status,
      Duration wait) {
    socket.send(new PresenceQueryFrame(List.of(subject.userId())));
    return socket.await(PresenceFrame.class,
        frame -> frame.userId().equals(subject.userId()) && frame.status() == status, wait);
  }

  /**
   * Only one edge loses its broker connection, so its queue and bindings vanish while the router goes on
   * publishing: what is published for its user meanwhile matches no binding and is gone from the broker. No
   * more messages follow (nothing later reveals the gap); the edge, once reconnected, must catch its device up
   * from the database by itself.
   */
  @Test
  void anEdgeThatLostItsQueueCatchesItsDevicesUpFromTheDatabase() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    String brokerUri = cluster.brokerUri();
    int count = 10;
    try (FaultProxy edgeLink = FaultProxy.inFrontOf(brokerUri);
        TestCluster.Edge edgeC = cluster.startEdge("--switchboard.broker.uri=" + edgeLink.proxied(brokerUri));
        ChatConnection aliceSocket = alice.connect();
        ChatConnection bobSocket = edgeC.connect(bob)) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);
      aliceSocket.send(Frames.to(bob.userId(), "before"));
      assertThat(bobSocket.await(MessageFrame.class, WAIT).message().seq()).isEqualTo(1);

      edgeLink.cut();
      List<SendFrame> frames = numbered(bob.userId(), "lost", count);
      frames.forEach(aliceSocket::send);
      for (int i = 0; i < count; i++) {
        aliceSocket.await(AcceptedFrame.class, WAIT); // stored and published, to nobody
      }
      assertThat(bobSocket.drain(Duration.ofMillis(500))).noneMatch(MessageFrame.class::isInstance);
      edgeLink.restore();

      List<Long> seqs = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seqs.size() < count && System.nanoTime() < deadline) {
        if (bobSocket.poll(Duration.ofMillis(200)) instanceof MessageFrame message) {
          seqs.add(message.message().seq());
        }
      }
      assertThat(seqs).as("caught up after the reconnect, once, in order")
          .containsExactlyElementsOf(LongStream.rangeClosed(2, count + 1).boxed().toList());
      assertThat(bobSocket.drain(Frames.QUIET)).noneMatch(MessageFrame.class::isInstance);
      assertThat(bobSocket.isOpen()).isTrue();
    }
  }

  static List<SendFrame> numbered(String to, String prefix, int count) {
    List<SendFrame> frames = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      frames.add(Frames.to(to, prefix + i));
    }
    return frames;
  }

  static List<Long> sequence(int count) {
    return LongStream.rangeClosed(1, count).boxed().toList();
  }

  static List<String> bodies(List<SendFrame> first, List<SendFrame> second) {
    List<String> bodies = new ArrayList<>();
    first.forEach(frame -> bodies.add(frame.body()));
    second.forEach(frame -> bodies.add(frame.body()));
    return bodies;
  }

  static int countStored(Session session, String conversationId) {
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
