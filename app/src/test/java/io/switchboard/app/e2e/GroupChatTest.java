package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.QUIET;
import static io.switchboard.app.e2e.Frames.WAIT;
import static io.switchboard.app.e2e.GroupSupport.applied;
import static io.switchboard.app.e2e.GroupSupport.awaitBody;
import static io.switchboard.app.e2e.GroupSupport.awaitEvent;
import static io.switchboard.app.e2e.GroupSupport.catchUp;
import static io.switchboard.app.e2e.GroupSupport.connected;
import static io.switchboard.app.e2e.GroupSupport.createGroup;
import static io.switchboard.app.e2e.GroupSupport.historySeqs;
import static io.switchboard.app.e2e.GroupSupport.messagesArriving;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent.Type;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.ReceiptFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Group chat over real sockets, through the accounts service, the broker, the router and the database:
 * messages reach every member in one order, membership changes are events in that order, and a member's
 * window of the conversation is exactly from their addition to their removal.
 */
class GroupChatTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void inAGroupOfThreeEachMessageReachesTheOtherTwoLiveAndHistoryHasOneOrderForAll() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    List<Session> everyone = List.of(alice, bob, carol);
    try (ChatConnection aliceSocket = connected(alice); ChatConnection bobSocket = connected(bob);
        ChatConnection carolSocket = connected(carol)) {
      List<ChatConnection> sockets = List.of(aliceSocket, bobSocket, carolSocket);
      String groupId = createGroup(alice, "Weekend plans", bob, carol);
      for (ChatConnection socket : sockets) {
        ChatMessage created = awaitEvent(socket, groupId, Type.GROUP_CREATED);
        assertThat(created.seq()).isEqualTo(1);
        assertThat(created.body()).contains("created the group").contains("Weekend plans");
      }

      for (int i = 0; i < 3; i++) {
        sockets.get(i).send(Frames.inConversation(groupId, "hello from member " + i));
      }
      for (int i = 0; i < 3; i++) {
        List<ChatMessage> received = new ArrayList<>();
        boolean accepted = false;
        while (!accepted || received.size() < 2) {
          ServerFrame frame = sockets.get(i).poll(WAIT);
          assertThat(frame).as("member %d is still waiting", i).isNotNull();
          accepted |= frame instanceof AcceptedFrame;
          if (frame instanceof MessageFrame message) {
            received.add(message.message());
          }
        }
        List<String> expectedSenders = new ArrayList<>();
        for (int other = 0; other < 3; other++) {
          if (other != i) {
            expectedSenders.add(everyone.get(other).userId());
          }
        }
        assertThat(received).extracting(ChatMessage::senderId).containsExactlyInAnyOrderElementsOf(expectedSenders);
        assertThat(received).extracting(ChatMessage::seq).as("live, in sequence order").isSorted();
        assertThat(received).allMatch(message -> message.conversationId().equals(groupId));
      }

      List<List<String>> histories = new ArrayList<>();
      for (Session member : everyone) {
        JsonNode page = member.get("/api/conversations/" + groupId + "/messages").body();
        List<String> order = new ArrayList<>();
        page.get("messages").forEach(message ->
            order.add(message.get("seq").asLong() + ":" + message.get("messageId").asString()));
        histories.add(order);
      }
      assertThat(histories.get(0)).hasSize(4);
      assertThat(histories).allSatisfy(history -> assertThat(history).isEqualTo(histories.get(0)));
    }
  }

  @Test
  void deliveredAndReadReceiptsReachTheSendersOfTheMessagesTheyCoverAndNobodyElse() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    try (ChatConnection aliceSocket = connected(alice); ChatConnection bobSocket = connected(bob);
        ChatConnection carolSocket = connected(carol)) {
      Heard aliceHeard = new Heard(aliceSocket);
      Heard bobHeard = new Heard(bobSocket);
      Heard carolHeard = new Heard(carolSocket);
      String groupId = createGroup(alice, "Receipts", bob, carol);
      for (Heard heard : List.of(aliceHeard, bobHeard, carolHeard)) {
        heard.take(MessageFrame.class, frame -> frame.message().event() != null);
      }

      // seq 2 from Bob. Alice has read her own creation event (seq 1), so her ack moves her mark by one
      // message; Carol's moves hers over two. Either way the edge gave the device those messages and names
      // their senders (ConversationPositionsTest and ReceiptCommandTest show when the router reads them instead)
      bobSocket.send(Frames.inConversation(groupId, "from bob"));
      bobHeard.take(AcceptedFrame.class, accepted -> true);
      aliceHeard.ack("from bob");
      assertThat(bobHeard.delivered(alice, 2).conversationId()).isEqualTo(groupId);
      carolHeard.ack("from bob");
      bobHeard.delivered(carol, 2);
      // Carol's ack also covered Alice's event (seq 1): she hears of it
      aliceHeard.delivered(carol, 2);

      // seq 3 from Carol, one message past each of the others' marks: only Carol hears
      carolSocket.send(Frames.inConversation(groupId, "from carol"));
      carolHeard.take(AcceptedFrame.class, accepted -> true);
      aliceHeard.ack("from carol");
      bobHeard.ack("from carol");
      carolHeard.delivered(alice, 3);
      carolHeard.delivered(bob, 3);

      // Alice reads everything: Bob and Carol each sent something she had not read
      aliceSocket.send(new ReadFrame(groupId, 3));
      for (Heard sender : List.of(bobHeard, carolHeard)) {
        ReceiptFrame read = sender.take(ReceiptFrame.class, receipt -> receipt.kind() == ReceiptKind.READ);
        assertThat(read.userId()).isEqualTo(alice.userId());
        assertThat(read.upToSeq()).isEqualTo(3);
      }

      for (Heard heard : List.of(aliceHeard, bobHeard, carolHeard)) {
        assertThat(heard.receiptsLeft()).as("receipts nobody expected, or one twice").isEmpty();
      }
    }
  }

  /**
   * One report covering three senders' messages: on RabbitMQ (CI) the receipt goes out as one publish naming all
   * three, and each hears it once, on every kind of report.
   */
  @Test
  void aReportCoveringThreeSendersMessagesReachesEachOfThemOnce() {
    List<Session> senders = List.of(cluster.newUser("alice"), cluster.newUser("bob"), cluster.newUser("carol"));
    Session dave = cluster.newUser("dave");
    List<ChatConnection> sockets = new ArrayList<>();
    try (ChatConnection daveSocket = connected(dave)) {
      senders.forEach(sender -> sockets.add(connected(sender)));
      List<Heard> heard = sockets.stream().map(Heard::new).toList();
      Heard daveHeard = new Heard(daveSocket);
      String groupId = createGroup(senders.get(0), "Three senders", senders.get(1), senders.get(2), dave);
      for (Heard each : concat(heard, daveHeard)) {
        each.take(MessageFrame.class, frame -> frame.message().event() != null);
      }
      for (int i = 0; i < senders.size(); i++) {
        sockets.get(i).send(Frames.inConversation(groupId, "from sender " + i));
        heard.get(i).take(AcceptedFrame.class, accepted -> true);
      }

      daveHeard.ack("from sender 2"); // seq 4: covers all three senders' messages
      for (Heard sender : heard) {
        sender.delivered(dave, 4);
      }
      daveSocket.send(new ReadFrame(groupId, 4));
      for (Heard sender : heard) {
        ReceiptFrame read = sender.take(ReceiptFrame.class, receipt -> receipt.kind() == ReceiptKind.READ);
        assertThat(read.userId()).isEqualTo(dave.userId());
        assertThat(read.upToSeq()).isEqualTo(4);
      }

      for (Heard each : concat(heard, daveHeard)) {
        assertThat(each.receiptsLeft()).as("receipts nobody expected, or one twice").isEmpty();
      }
    } finally {
      sockets.forEach(ChatConnection::close);
    }
  }

  private static List<Heard> concat(List<Heard> some, Heard another) {
    List<Heard> all = new ArrayList<>(some);
    all.add(another);
    return all;
  }

  /**
   * Every frame a socket gets, kept until a step of the test takes it: waiting for one frame must not throw
   * away a receipt that the test counts as unwanted at the end.
   */
  private static final class Heard {

    private final ChatConnection socket;
    private final List<ServerFrame> waiting = new ArrayList<>();

    Heard(ChatConnection socket) {
      this.socket = socket;
    }

    <T extends ServerFrame> T take(Class<T> type, Predicate<T> matching) {
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (int i = 0; ; i++) {
        if (i == waiting.size()) {
          ServerFrame next = socket.poll(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
          assertThat(next).as("a %s within %s", type.getSimpleName(), WAIT).isNotNull();
          waiting.add(next);
        }
        ServerFrame frame = waiting.get(i);
        if (type.isInstance(frame) && matching.test(type.cast(frame))) {
          waiting.remove(i);
          return type.cast(frame);
        }
      }
    }

    void ack(String body) {
      ChatMessage message = take(MessageFrame.class, frame -> frame.message().body().equals(body)).message();
      socket.send(new AckFrame(message.conversationId(), message.seq()));
    }

    ReceiptFrame delivered(Session from, long upToSeq) {
      return take(ReceiptFrame.class, receipt -> receipt.kind() == ReceiptKind.DELIVERED
          && receipt.userId().equals(from.userId()) && receipt.upToSeq() == upToSeq);
    }

    List<ServerFrame> receiptsLeft() {
      waiting.addAll(socket.drain(QUIET));
      return waiting.stream().filter(ReceiptFrame.class::isInstance).toList();
    }
  }

  @Test
  void aRemovedMemberLearnsOfTheRemovalThenGetsNothingCannotSendAndCannotReadNewerHistory() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    try (ChatConnection aliceSocket = connected(alice); ChatConnection bobSocket = connected(bob);
        ChatConnection carolSocket = connected(carol)) {
      String groupId = createGroup(alice, "Book club", bob, carol);
      awaitEvent(carolSocket, groupId, Type.GROUP_CREATED);
      aliceSocket.send(Frames.inConversation(groupId, "before the removal"));
      awaitBody(carolSocket, "before the removal");

      long removedAt = applied(alice.groups().remove(groupId, carol.userId()));
      ChatMessage removal = awaitEvent(carolSocket, groupId, Type.MEMBER_REMOVED);
      assertThat(removal.seq()).isEqualTo(removedAt);
      assertThat(removal.event().userIds()).containsExactly(carol.userId());
      assertThat(removal.event().actorId()).isEqualTo(alice.userId());
      awaitEvent(bobSocket, groupId, Type.MEMBER_REMOVED);

      aliceSocket.send(Frames.inConversation(groupId, "after the removal"));
      assertThat(awaitBody(bobSocket, "after the removal").seq()).isGreaterThan(removedAt);
      assertThat(messagesArriving(carolSocket)).as("nothing after the removal").isEmpty();

      SendFrame intrusion = Frames.inConversation(groupId, "can I still talk?");
      carolSocket.send(intrusion);
      ErrorFrame refused = carolSocket.await(ErrorFrame.class, WAIT);
      assertThat(refused.code()).isEqualTo("not_a_member");
      assertThat(refused.ref()).isEqualTo(intrusion.clientMessageId());
      assertThat(messagesArriving(bobSocket)).noneMatch(message -> message.body().equals("can I still talk?"));

      assertThat(historySeqs(carol, groupId, "")).as("her window ends at her removal")
          .containsExactly(1L, 2L, removedAt);
      assertThat(historySeqs(carol, groupId, "?after=" + removedAt)).isEmpty();
      assertThat(historySeqs(carol, groupId, "?around=" + (removedAt + 1))).allMatch(seq -> seq <= removedAt);
      assertThat(historySeqs(bob, groupId, "?after=" + removedAt)).hasSize(1);
      assertThat(carol.groups().details(groupId).status()).isEqualTo(403);
    }
    try (ChatConnection carolAgain = carol.connect()) {
      assertThat(catchUp(carolAgain).seqs()).as("catch-up stops at the removal").containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void aNewMemberGetsMessagesFromTheirAdditionOnAndNothingBeforeIt() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session dave = cluster.newUser("dave");
    try (ChatConnection aliceSocket = connected(alice); ChatConnection bobSocket = connected(bob);
        ChatConnection daveSocket = connected(dave)) {
      String groupId = createGroup(alice, "Climbing", bob);
      aliceSocket.send(Frames.inConversation(groupId, "before dave 1"));
      aliceSocket.send(Frames.inConversation(groupId, "before dave 2"));
      awaitBody(bobSocket, "before dave 2");

      long addedAt = applied(alice.groups().add(groupId, List.of(dave.userId())));
      aliceSocket.send(Frames.inConversation(groupId, "welcome dave"));
      awaitBody(bobSocket, "welcome dave");

      List<ChatMessage> daveGot = messagesUntil(daveSocket, "welcome dave");
      daveGot.addAll(messagesArriving(daveSocket));
      assertThat(daveGot).extracting(ChatMessage::seq).containsExactly(addedAt, addedAt + 1);
      assertThat(daveGot.get(0).event().userIds()).containsExactly(dave.userId());

      assertThat(historySeqs(dave, groupId, "")).containsExactly(addedAt, addedAt + 1);
      assertThat(historySeqs(dave, groupId, "?before=" + addedAt)).isEmpty();
      assertThat(historySeqs(dave, groupId, "?after=0")).containsExactly(addedAt, addedAt + 1);
      assertThat(dave.get("/api/conversations/" + groupId + "/messages").body().get("hasOlder").asBoolean())
          .isFalse();
      assertThat(historySeqs(bob, groupId, "")).hasSize(5);

      // a device he signs in on later starts at the present; what came before is history, within his window
      Session daveLaptop = cluster.newDevice(dave);
      try (ChatConnection daveOtherDevice = daveLaptop.connect()) {
        assertThat(catchUp(daveOtherDevice).seqs()).as("a new device has no backlog").isEmpty();
      }
      assertThat(historySeqs(daveLaptop, groupId, "")).containsExactly(addedAt, addedAt + 1);
    }
  }

  @Test
  void aMemberOfflineDuringFiftyMessagesGetsAllFiftyInOrderOnReconnect() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    String groupId;
    try (ChatConnection bobSocket = connected(bob)) {
      groupId = createGroup(alice, "Fifty", bob, carol);
      ChatMessage created = awaitEvent(bobSocket, groupId, Type.GROUP_CREATED);
      bobSocket.send(new AckFrame(groupId, created.seq()));
      bobSocket.drain(QUIET);
    }
    try (ChatConnection aliceSocket = connected(alice); ChatConnection carolSocket = connected(carol)) {
      for (int i = 1; i <= 50; i++) {
        aliceSocket.send(Frames.inConversation(groupId, "m" + i));
      }
      for (int i = 1; i <= 50; i++) {
        aliceSocket.await(AcceptedFrame.class, WAIT);
      }
      awaitBody(carolSocket, "m50");
    }
    try (ChatConnection bobSocket = bob.connect()) {
      GroupSupport.CatchUp backlog = catchUp(bobSocket);
      assertThat(backlog.syncedCount()).isEqualTo(50);
      assertThat(backlog.messages()).extracting(ChatMessage::body)
          .containsExactlyElementsOf(OneToOneChatTest.numbered("m", 50));
      assertThat(backlog.seqs()).isSorted().doesNotHaveDuplicates();
      assertThat(messagesArriving(bobSocket)).isEmpty();
    }
  }

  @Test
  void nonAdminsCannotAddOrRemoveOthersOrPromote() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    Session dave = cluster.newUser("dave");
    String groupId = createGroup(alice, "Admins only", bob, carol);

    assertForbidden(bob.groups().add(groupId, List.of(dave.userId())), "not_an_admin");
    assertForbidden(bob.groups().remove(groupId, carol.userId()), "not_an_admin");
    assertForbidden(bob.groups().promote(groupId, carol.userId()), "not_an_admin");
    assertForbidden(bob.groups().demote(groupId, alice.userId()), "not_an_admin");
    assertForbidden(dave.groups().add(groupId, List.of(dave.userId())), "not_a_member");
    assertForbidden(dave.groups().details(groupId), null);
    assertThat(alice.groups().members(groupId).body().get("members")).hasSize(3);

    // an admin can make bob one, and then he can
    applied(alice.groups().promote(groupId, bob.userId()));
    applied(bob.groups().add(groupId, List.of(dave.userId())));
    JsonNode members = alice.groups().members(groupId).body().get("members");
    List<String> order = new ArrayList<>();
    members.forEach(member -> order.add(member.get("userId").asString()));
    assertThat(order).containsExactly(alice.userId(), bob.userId(), carol.userId(), dave.userId());
    assertThat(members.get(1).get("admin").asBoolean()).isTrue();
    assertThat(members.get(2).get("admin").asBoolean()).isFalse();
  }

  @Test
  void anyoneCanLeaveAndWhenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    try (ChatConnection aliceSocket = connected(alice); ChatConnection bobSocket = connected(bob)) {
      String groupId = createGroup(alice, "Succession", bob, carol);
      awaitEvent(aliceSocket, groupId, Type.GROUP_CREATED);

      HttpAnswer left = alice.groups().leave(groupId);
      assertThat(applied(left)).isEqualTo(2);
      assertThat(left.body().get("eventSeqs")).hasSize(2);
      assertThat(left.body().get("group").isNull()).as("the leaver no longer sees the group").isTrue();

      ChatMessage leaving = awaitEvent(bobSocket, groupId, Type.MEMBER_LEFT);
      ChatMessage promotion = awaitEvent(bobSocket, groupId, Type.ADMIN_PROMOTED);
      assertThat(promotion.seq()).isEqualTo(leaving.seq() + 1);
      assertThat(promotion.event().userIds()).containsExactly(bob.userId());
      assertThat(promotion.event().actorId()).isNull();
      assertThat(promotion.body()).endsWith("is now an admin");

      awaitEvent(aliceSocket, groupId, Type.MEMBER_LEFT);
      assertThat(messagesArriving(aliceSocket)).as("the leaver hears of nothing after leaving").isEmpty();

      JsonNode details = bob.groups().details(groupId).body();
      assertThat(details.get("memberCount").asInt()).isEqualTo(2);
      assertThat(details.get("admins").get(0).asString()).isEqualTo(bob.userId());
      applied(carol.groups().leave(groupId));
      HttpAnswer lastAdmin = bob.groups().demote(groupId, bob.userId());
      assertThat(lastAdmin.status()).isEqualTo(409);
      assertThat(lastAdmin.body().get("code").asString()).isEqualTo("last_admin");
    }
  }

  @Test
  void anyMemberCanRenameAndTheConversationListShowsTheName() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection aliceSocket = connected(alice)) {
      String groupId = createGroup(alice, "Old name", bob);
      applied(bob.groups().rename(groupId, "New name"));
      ChatMessage renamed = awaitEvent(aliceSocket, groupId, Type.RENAMED);
      assertThat(renamed.event().name()).isEqualTo("New name");
      assertThat(renamed.event().actorId()).isEqualTo(bob.userId());
      assertThat(alice.groups().details(groupId).body().get("name").asString()).isEqualTo("New name");
      JsonNode row = alice.get("/api/conversations/" + groupId).body();
      assertThat(row.get("kind").asString()).isEqualTo("group");
      assertThat(row.get("name").asString()).isEqualTo("New name");
      assertThat(row.get("unreadCount").asLong()).as("the rename by bob is unread for alice").isEqualTo(1);
    }
  }

  @Test
  void aChangeTheRouterDoesNotConfirmInTimeIsAnsweredPendingAndAppliedWhenTheRouterIsBack() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    String groupId = createGroup(alice, "Patience", bob);
    try (ChatConnection bobSocket = connected(bob)) {
      cluster.stopRouter();
      HttpAnswer pending;
      try {
        pending = alice.groups().add(groupId, List.of(carol.userId()));
      } finally {
        cluster.startRouter();
      }
      assertThat(pending.status()).as("%s", pending.body()).isEqualTo(202);
      assertThat(pending.body().get("status").asString()).isEqualTo("pending");
      assertThat(pending.body().get("groupId").asString()).isEqualTo(groupId);

      ChatMessage added = awaitEvent(bobSocket, groupId, Type.MEMBER_ADDED);
      assertThat(added.event().userIds()).containsExactly(carol.userId());
      assertThat(carol.groups().details(groupId).status()).isEqualTo(200);
    }
  }

  @Test
  void badGroupRequestsGetClearProblems() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    HttpAnswer unknownMember = alice.groups().create("Ghosts", List.of("0000000000000000000000000000dead"));
    assertThat(unknownMember.status()).isEqualTo(400);
    assertThat(unknownMember.contentType()).startsWith("application/problem+json");
    assertThat(unknownMember.body().get("field").asString()).isEqualTo("memberIds");

    HttpAnswer noName = alice.post("/api/groups", Map.of("memberIds", List.of(bob.userId())));
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body().get("field").asString()).isEqualTo("name");

    HttpAnswer badAvatar = alice.groups().create("Pictures", "javascript:alert(1)", List.of());
    assertThat(badAvatar.status()).isEqualTo(400);
    assertThat(badAvatar.body().get("field").asString()).isEqualTo("avatarUrl");

    String groupId = createGroup(alice, "Twice", bob);
    HttpAnswer again = alice.groups().add(groupId, List.of(bob.userId()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("code").asString()).isEqualTo("already_members");
    HttpAnswer self = alice.groups().remove(groupId, alice.userId());
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.body().get("code").asString()).isEqualTo("cannot_remove_self");
    assertThat(alice.groups().details("g-nonsense").status()).isEqualTo(403);
  }

  /** Every message frame, in arrival order, up to and including the one with this body. */
  private static List<ChatMessage> messagesUntil(ChatConnection socket, String body) {
    List<ChatMessage> received = new ArrayList<>();
    while (received.isEmpty() || !received.get(received.size() - 1).body().equals(body)) {
      ServerFrame frame = socket.poll(WAIT);
      assertThat(frame).as("no message '%s' yet; got %s", body, received).isNotNull();
      if (frame instanceof MessageFrame message) {
        received.add(message.message());
      }
    }
    return received;
  }

  private static void assertForbidden(HttpAnswer answer, String code) {
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(403);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("detail").asString()).isNotBlank();
    if (code != null) {
      assertThat(answer.body().get("code").asString()).isEqualTo(code);
    }
  }
}
