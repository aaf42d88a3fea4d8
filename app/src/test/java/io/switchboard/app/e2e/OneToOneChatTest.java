package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.QUIET;
import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.frame.WelcomeFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 1-1 chat over real sockets, through the broker, the router and the database. */
class OneToOneChatTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void bobReceivesAlicesMessageLiveAndAliceGetsItsSequenceNumber() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
      assertThat(aliceSocket.await(WelcomeFrame.class, WAIT).userId()).isEqualTo(alice.userId());
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);

      SendFrame hello = Frames.to(bob.userId(), "Hi Bob!");
      aliceSocket.send(hello);

      AcceptedFrame accepted = aliceSocket.await(AcceptedFrame.class, WAIT);
      assertThat(accepted.clientMessageId()).isEqualTo(hello.clientMessageId());
      assertThat(accepted.seq()).isEqualTo(1);
      assertThat(accepted.conversationId()).isEqualTo(ConversationIds.direct(alice.userId(), bob.userId()));

      MessageFrame received = bobSocket.await(MessageFrame.class, WAIT);
      assertThat(received.message().body()).isEqualTo("Hi Bob!");
      assertThat(received.message().senderId()).isEqualTo(alice.userId());
      assertThat(received.message().seq()).isEqualTo(1);
      assertThat(received.message().messageId()).isEqualTo(accepted.messageId());
    }
  }

  @Test
  void bobWhoWasOfflineGetsAllHundredMessagesInOrderOnceWhenHeConnects() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      Frames.sendAllAccepted(aliceSocket, bob.userId(), numbered("message ", 100));
    }

    try (ChatConnection bobSocket = bob.connect()) {
      List<MessageFrame> backlog = new ArrayList<>();
      SyncedFrame synced = null;
      while (synced == null) {
        ServerFrame frame = bobSocket.poll(WAIT);
        assertThat(frame).as("frame before 'synced'").isNotNull();
        if (frame instanceof MessageFrame message) {
          backlog.add(message);
        } else if (frame instanceof SyncedFrame done) {
          synced = done;
        }
      }
      assertThat(synced.messages()).isEqualTo(100);
      assertThat(backlog).extracting(frame -> frame.message().body())
          .containsExactlyElementsOf(numbered("message ", 100));
      assertThat(backlog).extracting(frame -> frame.message().seq())
          .containsExactlyElementsOf(sequence(100));
      assertThat(bobSocket.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);

      // acknowledged: a reconnect brings nothing again
      bobSocket.send(new AckFrame(backlog.get(0).message().conversationId(), 100));
      bobSocket.drain(QUIET);
    }
    try (ChatConnection bobAgain = bob.connect()) {
      assertThat(bobAgain.await(SyncedFrame.class, WAIT).messages()).isZero();
    }
  }

  @Test
  void aResendOfTheSameClientMessageIdIsOneMessage() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);

      SendFrame once = Frames.to(bob.userId(), "only once, please");
      aliceSocket.send(once);
      aliceSocket.send(once);
      aliceSocket.send(once);

      List<AcceptedFrame> accepted = List.of(
          aliceSocket.await(AcceptedFrame.class, WAIT),
          aliceSocket.await(AcceptedFrame.class, WAIT),
          aliceSocket.await(AcceptedFrame.class, WAIT));
      assertThat(accepted).extracting(AcceptedFrame::messageId).containsOnly(accepted.get(0).messageId());
      assertThat(accepted).extracting(AcceptedFrame::seq).containsOnly(1L);

      List<ServerFrame> bobFrames = new ArrayList<>(List.of(bobSocket.await(MessageFrame.class, WAIT)));
      bobFrames.addAll(bobSocket.drain(QUIET));
      assertThat(bobFrames).filteredOn(MessageFrame.class::isInstance).hasSize(1);
    }

    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    JsonNode page = bob.get("/api/conversations/" + conversationId + "/messages").body();
    assertThat(page.get("messages")).hasSize(1);
  }

  @Test
  void aClientMessageIdReusedForAnotherConversationIsRefusedNotSwallowed() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    try (ChatConnection aliceSocket = alice.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      aliceSocket.send(new SendFrame("same-id", bob.userId(), null, "for Bob"));
      aliceSocket.await(AcceptedFrame.class, WAIT);
      aliceSocket.send(new SendFrame("same-id", carol.userId(), null, "for Carol"));
      var refused = aliceSocket.await(io.switchboard.protocol.frame.ErrorFrame.class, WAIT);
      assertThat(refused.code()).isEqualTo("client_message_id_reused");
      assertThat(refused.ref()).isEqualTo("same-id");
    }
    // nothing was stored for Carol (the conversation itself may exist, empty)
    assertThat(carol.get("/api/conversations").body().get("conversations").findValues("lastSeq"))
        .allMatch(lastSeq -> lastSeq.asLong() == 0);
  }

  @Test
  void theConversationListShowsEachConversationsNewestMessageLatestActivityFirst() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    String withAlice = ConversationIds.direct(alice.userId(), bob.userId());
    String withCarol = ConversationIds.direct(carol.userId(), bob.userId());
    try (ChatConnection aliceSocket = alice.connect(); ChatConnection carolSocket = carol.connect()) {
      aliceSocket.await(SyncedFrame.class, WAIT);
      carolSocket.await(SyncedFrame.class, WAIT);
      sendAndAwait(aliceSocket, bob, "one");
      sendAndAwait(aliceSocket, bob, "two");
      sendAndAwait(carolSocket, bob, "hi from Carol");
      assertListed(bob, withCarol, "hi from Carol", 1, withAlice, "two", 2);

      sendAndAwait(aliceSocket, bob, "three");
      assertListed(bob, withAlice, "three", 3, withCarol, "hi from Carol", 1);
      // one conversation alone shows the same preview
      assertThat(bob.get("/api/conversations/" + withAlice).body().get("lastMessage").get("body").asString())
          .isEqualTo("three");
    }
  }

  @Test
  void theConversationListComesInPagesThatTogetherHoldEveryConversationOnce() {
    Session bob = cluster.newUser("bob");
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Session friend = cluster.newUser("friend");
      try (ChatConnection socket = friend.connect()) {
        socket.await(SyncedFrame.class, WAIT);
        sendAndAwait(socket, bob, "hello " + i);
      }
      newestFirst.add(0, ConversationIds.direct(friend.userId(), bob.userId()));
    }

    List<String> paged = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String path = "/api/conversations?limit=2";
    while (path != null) {
      JsonNode page = bob.get(path).body();
      page.get("conversations").forEach(row -> paged.add(row.get("conversationId").asString()));
      pageSizes.add(page.get("conversations").size());
      path = page.get("next").isNull() ? null : "/api/conversations?limit=2&before=" + page.get("next").asString();
    }

    assertThat(paged).containsExactlyElementsOf(newestFirst);
    assertThat(pageSizes).containsExactly(2, 2, 1);
    assertThat(bob.get("/api/conversations?limit=5").body().get("next").isNull())
        .as("a page that holds the rest has no next").isTrue();
    HttpAnswer forged = bob.get("/api/conversations?before=not-a-cursor");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body().get("detail").asString())
        .isEqualTo("'before' must be the 'next' of an earlier page of the list");
  }

  private static void sendAndAwait(ChatConnection socket, Session to, String body) {
    socket.send(Frames.to(to.userId(), body));
    socket.await(AcceptedFrame.class, WAIT);
  }

  /** Bob's list: two conversations, newest activity first, each with its newest message and unread count. */
  private static void assertListed(Session bob, String first, String firstBody, long firstSeq,
      String second, String secondBody, long secondSeq) {
    JsonNode rows = bob.get("/api/conversations").body().get("conversations");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("conversationId").asString()).isEqualTo(first);
    assertThat(rows.get(0).get("lastMessage").get("body").asString()).isEqualTo(firstBody);
    assertThat(rows.get(0).get("lastMessage").get("seq").asLong()).isEqualTo(firstSeq);
    assertThat(rows.get(0).get("unreadCount").asLong()).isEqualTo(firstSeq);
    assertThat(rows.get(1).get("conversationId").asString()).isEqualTo(second);
    assertThat(rows.get(1).get("lastMessage").get("body").asString()).isEqualTo(secondBody);
    assertThat(rows.get(1).get("lastMessage").get("seq").asLong()).isEqualTo(secondSeq);
  }

  static List<String> numbered(String prefix, int count) {
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      expected.add(prefix + i);
    }
    return expected;
  }

  static List<Long> sequence(int count) {
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= count; i++) {
      expected.add(i);
    }
    return expected;
  }
}
