package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.sync.BacklogReader;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
  void sequenceNumbersIncreaseAndThePreviewFollowsTheNewest() {
    String id = "dm-a-" + UUID.randomUUID();
    conversations.ensureDirect(id, List.of("a", "b"), Instant.now()).block();
    conversations.ensureDirect(id, List.of("a", "b"), Instant.now()).block();
    assertThat(List.of(conversations.allocateSeq(id).block(), conversations.allocateSeq(id).block()))
        .containsExactly(1L, 2L);
    conversations.recordLastMessage(message(id, 2, "a", "x2")).block();
    conversations.recordLastMessage(message(id, 1, "a", "x1")).block();
    assertThat(conversations.find(id).block().lastMessage().seq()).isEqualTo(2);
    assertThat(conversations.ofMember("b", 10).map(c -> c.conversationId()).collectList().block()).contains(id);
  }

  @Test
  void cursorsAndReadMarksOnlyMoveForward() {
    cursors.advance("device-1", "conv-c", 5).block();
    cursors.advance("device-1", "conv-c", 3).block();
    assertThat(cursors.cursorsOf("device-1").block()).containsEntry("conv-c", 5L);
    readStates.markRead("alice", "conv-c", 7).block();
    readStates.markRead("alice", "conv-c", 2).block();
    assertThat(readStates.readSeqs("alice", List.of("conv-c")).block()).containsEntry("conv-c", 7L);
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

  private static ChatMessage message(String conversationId, long seq, String sender, String clientMessageId) {
    return new ChatMessage(UUID.randomUUID().toString(), conversationId, seq, sender, sender + "-device",
        clientMessageId, "body " + seq, Instant.parse("2026-11-28T10:00:00Z").plusSeconds(seq));
  }
}
