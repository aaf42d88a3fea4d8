package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationPreviews;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.sync.BacklogReader;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The stores against a MongoDB wire-protocol server (the embedded stand-in, or real MongoDB if named). */
class StoresIntegrationTest {

  private static MongoServer server;
  private static MongoClient client;
  private static MongoDatabase database;

  private final MessageStore messages = new MessageStore(database);
  private final ConversationStore conversations = new ConversationStore(database);
  private final DeviceCursorStore cursors = new DeviceCursorStore(database);
  private final ReadStateStore readStates = new ReadStateStore(database);
  private final MembershipStore memberships = new MembershipStore(database);

  @BeforeAll
  static void startDatabase() {
    String uri = System.getenv("SWITCHBOARD_MONGODB_URI");
    if (uri == null || uri.isBlank()) {
      server = new MongoServer(new MemoryBackend());
      InetSocketAddress address = server.bind();
      uri = "mongodb://127.0.0.1:" + address.getPort();
    }
    client = MongoClients.create(uri);
    database = client.getDatabase("stores_" + UUID.randomUUID().toString().substring(0, 8));
  }

  @AfterAll
  static void stopDatabase() {
    client.close();
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void theUniqueIndexesRefuseATakenPlaceAndAResentClientMessageId() {
    messages.ensureIndexes().block();
    ChatMessage first = message("conv-unique", 1, "alice", "c1");
    StepVerifier.create(messages.insert(first)).verifyComplete();
    StepVerifier.create(messages.insert(message("conv-unique", 1, "bob", "c2")))
        .expectErrorMatches(DuplicateKeys::isDuplicateKey).verify();
    StepVerifier.create(messages.insert(message("conv-unique", 2, "alice", "c1")))
        .expectErrorMatches(DuplicateKeys::isDuplicateKey).verify();
    StepVerifier.create(messages.findByClientMessageId("alice", "c1")).expectNext(first).verifyComplete();
  }

  @Test
  void sequenceNumbersIncreaseAndTheLastActivityOnlyMovesForward() {
    String id = "dm-a-" + UUID.randomUUID();
    Instant created = Instant.parse("2026-11-28T09:00:00Z");
    conversations.ensureDirect(id, List.of("a", "b"), created).block();
    conversations.ensureDirect(id, List.of("a", "b"), created).block();
    Instant later = created.plusSeconds(60);
    assertThat(List.of(
            conversations.allocateSeqAsMember(id, "a", later).block().seq(),
            // a store that took its time arrives with an older clock: the activity stays where it was
            conversations.allocateSeqAsMember(id, "b", created.plusSeconds(1)).block().seq()))
        .containsExactly(1L, 2L);
    assertThat(conversations.allocateSeqAsMember(id, "eve", later.plusSeconds(1)).block()).isNull();
    Conversation conversation = conversations.find(id).block();
    assertThat(conversation.lastSeq()).isEqualTo(2);
    assertThat(conversation.lastActivityAt()).isEqualTo(later);
    assertThat(conversations.ofMember("b", 10).map(c -> c.conversationId()).collectList().block()).contains(id);
  }

  @Test
  void theListIndexWithoutTheTieBreakGivesWayToTheOneWithIt() {
    MongoDatabase older = client.getDatabase("stores_older_" + UUID.randomUUID().toString().substring(0, 8));
    Mono.from(older.getCollection(ConversationStore.COLLECTION).createIndex(
        Indexes.compoundIndex(Indexes.ascending("members"), Indexes.descending("lastActivityAt")))).block();

    new ConversationStore(older).ensureIndexes().block();
    new ConversationStore(older).ensureIndexes().block(); // a second start finds nothing to drop

    assertThat(Flux.from(older.getCollection(ConversationStore.COLLECTION).listIndexes())
            .map(index -> index.getString("name")).collectList().block())
        .contains("members_1_lastActivityAt_-1__id_-1")
        .doesNotContain("members_1_lastActivityAt_-1");
  }

  @Test
  void theListPagesThroughEveryConversationOnceInOrderWhereActivitiesTie() {
    conversations.ensureIndexes().block();
    String member = "m-" + UUID.randomUUID();
    Instant tied = Instant.parse("2026-12-07T10:00:00Z");
    // seven conversations, the first three last active in the same millisecond: their ids order them
    for (int i = 0; i < 7; i++) {
      conversations.ensureDirect(i + "-" + member, List.of(member, "other-" + i), tied.minusSeconds(Math.max(0, i - 2)))
          .block();
    }
    List<String> expected = Stream.of(2, 1, 0, 3, 4, 5, 6).map(i -> i + "-" + member).toList();

    List<String> paged = new ArrayList<>();
    List<Conversation> page = conversations.ofMember(member, 2).collectList().block();
    while (!page.isEmpty()) {
      page.forEach(conversation -> paged.add(conversation.conversationId()));
      ConversationStore.ListPosition last = ConversationStore.ListPosition.of(page.get(page.size() - 1));
      page = conversations.ofMember(member, last, 2).collectList().block();
    }

    assertThat(conversations.ofMember(member, 10).map(Conversation::conversationId).collectList().block())
        .containsExactlyElementsOf(expected);
    assertThat(paged).containsExactlyElementsOf(expected);
  }

  @Test
  void thePreviewIsTheNewestStoredMessageEvenWhereTheLastNumberHoldsNone() {
    messages.ensureIndexes().block();
    ConversationPreviews previews = new ConversationPreviews(messages);
    String busy = "dm-a-" + UUID.randomUUID();
    String quiet = "dm-b-" + UUID.randomUUID();
    conversations.ensureDirect(busy, List.of("a", "b"), Instant.now()).block();
    conversations.ensureDirect(quiet, List.of("a", "b"), Instant.now()).block();
    for (long seq = 1; seq <= 3; seq++) {
      conversations.allocateSeqAsMember(busy, "a", Instant.now()).block();
      messages.insert(message(busy, seq, "a", busy + "-" + seq)).block();
    }
    List<Conversation> listed = previews.fill(List.of(conversations.find(quiet).block(), conversations.find(busy).block()))
        .block();
    assertThat(listed).extracting(Conversation::conversationId).containsExactly(quiet, busy);
    assertThat(listed.get(0).lastMessage()).as("nothing sent yet").isNull();
    assertThat(listed.get(1).lastMessage().seq()).isEqualTo(3);
    assertThat(listed.get(1).lastMessage().body()).isEqualTo("body 3");

    // number 4 is taken but its message not (yet) stored: the preview stays on 3 until it is
    conversations.allocateSeqAsMember(busy, "b", Instant.now()).block();
    assertThat(previews.fill(conversations.find(busy).block()).block().lastMessage().seq()).isEqualTo(3);
    messages.insert(message(busy, 4, "b", busy + "-4")).block();
    assertThat(previews.fill(conversations.find(busy).block()).block().lastMessage().seq()).isEqualTo(4);
  }

  /**
   * Conversations from before previews were read: their document carries the preview it was written with. That
   * one stands in where no stored message is found near the last number, and gives way to a newer stored one.
   */
  @Test
  void aPreviewWrittenOnTheConversationStandsInOnlyWhereNoNewerMessageIsStored() {
    messages.ensureIndexes().block();
    ConversationPreviews previews = new ConversationPreviews(messages);
    String behind = "dm-c-" + UUID.randomUUID();
    String unread = "dm-d-" + UUID.randomUUID();
    for (long seq = 1; seq <= 3; seq++) {
      messages.insert(message(behind, seq, "a", behind + "-" + seq)).block();
    }
    String ahead = "dm-e-" + UUID.randomUUID();
    messages.insert(message(ahead, 7, "a", ahead + "-7")).block();
    ChatMessage writtenAtTwo = message(behind, 2, "a", "written-" + behind);
    ChatMessage writtenAtNine = message(unread, 9, "b", "written-" + unread);
    ChatMessage writtenAtEight = message(ahead, 8, "b", "written-" + ahead);
    Instant now = Instant.now();

    List<Conversation> listed = previews.fill(List.of(
            new Conversation(behind, ConversationKind.DIRECT, List.of("a", "b"), 3, now, writtenAtTwo),
            new Conversation(unread, ConversationKind.DIRECT, List.of("a", "b"), 9, now, writtenAtNine),
            new Conversation(ahead, ConversationKind.DIRECT, List.of("a", "b"), 8, now, writtenAtEight)))
        .block();

    assertThat(listed.get(0).lastMessage().seq()).as("a newer stored message wins over the written one").isEqualTo(3);
    assertThat(listed.get(1).lastMessage()).as("nothing stored near number 9: the written one stands in")
        .isEqualTo(writtenAtNine);
    assertThat(listed.get(2).lastMessage()).as("the written one is newer than any stored near it")
        .isEqualTo(writtenAtEight);
  }

  @Test
  void cursorsAndReadMarksOnlyMoveForward() {
    cursors.advance("device-1", "conv-c", 5).block();
    cursors.advance("device-1", "conv-c", 3).block();
    assertThat(cursors.cursorsOf("device-1", List.of("conv-c", "conv-d")).block()).containsEntry("conv-c", 5L);
    readStates.markRead("alice", "conv-c", 7).block();
    readStates.markRead("alice", "conv-c", 2).block();
    assertThat(readStates.readSeqs("alice", List.of("conv-c")).block()).containsEntry("conv-c", 7L);
  }


  @Test
  void cursorAdvancesWrittenTogetherKeepEachCursorsHighest() {
    String conversation = "conv-" + UUID.randomUUID();
    List<Long> shuffled = new java.util.ArrayList<>(java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    // all at once: the first goes alone, the rest wait for it and go as batches with two cursors in each
    Flux.fromIterable(shuffled)
        .flatMap(seq -> Flux.merge(
            cursors.advance("phone", conversation, seq), cursors.advance("laptop", conversation, seq / 2)),
            shuffled.size())
        .blockLast();

    assertThat(cursors.cursorsOf("phone", List.of(conversation)).block()).containsEntry(conversation, 60L);
    assertThat(cursors.cursorsOf("laptop", List.of(conversation)).block()).containsEntry(conversation, 30L);
  }

  @Test
  void readersAskingAtOnceEachGetTheirOwn() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> conversationIds = List.of("dm-1-" + run, "dm-2-" + run, "dm-3-" + run);
    for (int i = 0; i < conversationIds.size(); i++) {
      conversations.ensureDirect(conversationIds.get(i), List.of("u" + i + run, "v" + run), Instant.now()).block();
    }
    for (int device = 0; device < 30; device++) {
      cursors.advance("device-" + device + run, conversationIds.get(device % 3), device + 1).block();
    }

    List<Map<String, Long>> cursorsRead = Flux.range(0, 30)
        .flatMapSequential(device -> cursors.cursorsOf("device-" + device + run, conversationIds), 30)
        .collectList().block();
    List<String> conversationsRead = Flux.range(0, 30)
        .flatMapSequential(i -> conversations.find(conversationIds.get(i % 3)).map(Conversation::conversationId), 30)
        .collectList().block();

    for (int device = 0; device < 30; device++) {
      assertThat(cursorsRead.get(device)).containsExactly(Map.entry(conversationIds.get(device % 3), device + 1L));
      assertThat(conversationsRead.get(device)).isEqualTo(conversationIds.get(device % 3));
    }
    assertThat(Flux.merge(conversations.find("dm-missing-" + run), conversations.find(conversationIds.get(0)))
            .map(Conversation::conversationId).collectList().block())
        .containsExactly(conversationIds.get(0));
    assertThat(conversations.everOfMember("v" + run).map(Conversation::conversationId).collectList().block())
        .containsExactlyInAnyOrderElementsOf(conversationIds);
  }

  @Test
  void theBacklogIsEverythingAfterTheDeviceCursorInPages() {
    String id = "dm-x-" + UUID.randomUUID();
    conversations.ensureDirect(id, List.of("xena", "yuri"), Instant.now()).block();
    for (int i = 1; i <= 25; i++) {
      long seq = conversations.allocateSeq(id).block();
      messages.insert(message(id, seq, "xena", "b" + i + id)).block();
    }
    cursors.advance("yuri-phone", id, 10).block();
    BacklogReader reader = new BacklogReader(conversations, cursors, messages, memberships);
    var backlog = reader.open("yuri", "yuri-phone").block();
    assertThat(backlog.acknowledged()).containsEntry(id, 10L);
    assertThat(reader.messages(backlog, 4).map(ChatMessage::seq).collectList().block())
        .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L, 25L);
  }

  /**
   * Reads ask for messages by place ("conversationId#seq"), not by a range of seq (see MessageStore): the
   * answers must be exactly the range's, across holes (numbers whose message was never stored), in both
   * directions, for windows wider than a page, and for messages an older version stored without a place.
   */
  @Test
  void readsByPlaceAreExactAcrossHolesAndFindMessagesStoredWithoutAPlace() {
    String id = "dm-p-" + UUID.randomUUID();
    for (long seq : List.of(1L, 3L, 5L, 6L, 8L, 9L, 10L)) {
      messages.insert(message(id, seq, seq % 2 == 0 ? "pat" : "quinn", "p" + seq + id)).block();
    }
    // as an older version stored it: no place
    Mono.from(database.getCollection("messages").insertOne(new Document("_id", "old-" + id).append("conversationId", id)
        .append("seq", 2L).append("senderId", "rae").append("senderDeviceId", "rae-device")
        .append("clientMessageId", "p2" + id).append("body", "body 2")
        .append("sentAt", Date.from(Instant.parse("2026-11-28T10:00:02Z"))))).block();
    messages.ensureIndexes().block();

    assertThat(seqs(messages.range(id, 0, 10, 50))).containsExactly(1L, 2L, 3L, 5L, 6L, 8L, 9L, 10L);
    assertThat(seqs(messages.range(id, 0, 10, 4))).as("a page whose places have a hole").containsExactly(1L, 2L, 3L, 5L);
    assertThat(seqs(messages.range(id, 4, 10, 2))).as("a full page of places").containsExactly(5L, 6L);
    assertThat(seqs(messages.between(id, 3, 8, 50))).containsExactly(5L, 6L);
    assertThat(seqs(messages.backFrom(id, 11, 1, 3))).containsExactly(10L, 9L, 8L);
    assertThat(seqs(messages.backFrom(id, 8, 1, 3))).as("back across a hole").containsExactly(6L, 5L, 3L);
    assertThat(seqs(messages.backFrom(id, 3, 1, 50))).containsExactly(2L, 1L);
    assertThat(messages.sendersBetween(id, 1, 10).collectList().block()).containsExactlyInAnyOrder("pat", "quinn", "rae");
    assertThat(messages.sendersBetween(id, 2, 4).collectList().block()).containsExactly("quinn");
    assertThat(messages.sendersBetween(id, 4, 4).collectList().block()).isEmpty();
  }

  private static List<Long> seqs(Flux<ChatMessage> found) {
    return found.map(ChatMessage::seq).collectList().block();
  }

  private static ChatMessage message(String conversationId, long seq, String sender, String clientMessageId) {
    return new ChatMessage(UUID.randomUUID().toString(), conversationId, seq, sender, sender + "-device",
        clientMessageId, "body " + seq, Instant.parse("2026-11-28T10:00:00Z").plusSeconds(seq));
  }
}
