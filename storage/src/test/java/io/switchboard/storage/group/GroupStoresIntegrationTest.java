package io.switchboard.storage.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.storage.TestDatabase;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.sync.Backlog;
import io.switchboard.storage.sync.BacklogReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Groups, membership windows and the window-bounded catch-up, against a MongoDB wire-protocol server (the
 * embedded stand-in, or real MongoDB if named).
 */
class GroupStoresIntegrationTest {

  private static TestDatabase database;

  private final GroupStore groups = new GroupStore(database.database());
  private final MembershipStore memberships = new MembershipStore(database.database());
  private final ConversationStore conversations = new ConversationStore(database.database());
  private final MessageStore messages = new MessageStore(database.database());
  private final DeviceCursorStore cursors = new DeviceCursorStore(database.database());
  private final BacklogReader backlogReader = new BacklogReader(conversations, cursors, messages, memberships);

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.start("groups");
    new MembershipStore(database.database()).ensureIndexes().block();
    new MessageStore(database.database()).ensureIndexes().block();
  }

  @AfterAll
  static void stopDatabase() {
    database.close();
  }

  @Test
  void aChangeIsOneWriteOfStateVersionAndSequenceAndLosesToAConcurrentOne() {
    String id = ConversationIds.newGroup();
    Group created = groups.create(id, new GroupState("G", null, List.of("ann", "bob"), List.of("ann")), "ann",
        Instant.now(), applied("create", ConversationEvent.Type.GROUP_CREATED)).block();
    assertThat(created.lastSeq()).isEqualTo(1);
    assertThat(conversations.find(id).block().kind()).isEqualTo(ConversationKind.GROUP);
    assertThat(conversations.find(id).block().name()).isEqualTo("G");

    GroupState withCat = new GroupState("G", null, List.of("ann", "bob", "cat"), List.of("ann"));
    Group after = groups.applyChange(created, withCat, applied("add-cat", ConversationEvent.Type.MEMBER_ADDED))
        .block();
    assertThat(after.members()).containsExactly("ann", "bob", "cat");
    assertThat(after.version()).isEqualTo(created.version() + 1);
    assertThat(after.lastSeq()).isEqualTo(2);
    assertThat(after.applied("add-cat")).isPresent();
    assertThat(after.applied("create")).isPresent();

    // decided on the old version: refused by the version guard, nothing written
    assertThat(groups.applyChange(created, withCat, applied("stale", ConversationEvent.Type.RENAMED)).block())
        .isNull();
    assertThat(groups.find(id).block().applied("stale")).isEmpty();
  }

  @Test
  void aSequenceNumberIsHandedOnlyToAMemberWithTheMembersAtThatNumber() {
    String id = ConversationIds.newGroup();
    groups.create(id, new GroupState("G", null, List.of("ann", "bob"), List.of("ann")), "ann", Instant.now(),
        applied("create", ConversationEvent.Type.GROUP_CREATED)).block();
    var allocation = conversations.allocateSeqAsMember(id, "bob", Instant.now()).block();
    assertThat(allocation.seq()).isEqualTo(2);
    assertThat(allocation.members()).containsExactly("ann", "bob");
    assertThat(conversations.allocateSeqAsMember(id, "eve", Instant.now()).block()).isNull();
    assertThat(conversations.find(id).block().lastSeq()).as("a refused sender takes no number").isEqualTo(2);
  }

  @Test
  void windowsOpenAtTheAdditionAndCloseAtTheRemoval() {
    String id = ConversationIds.newGroup();
    memberships.joined(id, List.of("ann", "bob"), 1).block();
    memberships.joined(id, List.of("cat"), 5).block();
    memberships.left(id, List.of("bob"), 7).block();
    assertThat(memberships.find(id, "cat").block()).isEqualTo(new Membership(id, "cat", 5, null));
    assertThat(memberships.find(id, "bob").block().lastReadableSeq(20)).isEqualTo(7);
    assertThat(memberships.currentMembersSince(id, 4).collectList().block()).containsExactly("ann");
    assertThat(memberships.currentMembersSince(id, 6).collectList().block()).containsExactlyInAnyOrder("ann", "cat");

    memberships.joined(id, List.of("bob"), 9).block();
    assertThat(memberships.find(id, "bob").block()).as("added again: a new window")
        .isEqualTo(new Membership(id, "bob", 9, null));
  }

  @Test
  void catchUpCoversExactlyTheMembersWindow() {
    String id = ConversationIds.newGroup();
    String cat = "cat-" + UUID.randomUUID();
    String bob = "bob-" + UUID.randomUUID();
    // bob is a member from the start (which records him in the member index) and is removed at 7
    Group created = groups.create(id, new GroupState("G", null, List.of("ann", cat, bob), List.of("ann")), "ann",
        Instant.now(), applied("create", ConversationEvent.Type.GROUP_CREATED)).block();
    groups.applyChange(created, new GroupState("G", null, List.of("ann", cat), List.of("ann")),
        applied("remove-bob", ConversationEvent.Type.MEMBER_REMOVED)).block();
    for (long seq = 2; seq <= 10; seq++) {
      conversations.allocateSeqAsMember(id, "ann", Instant.now()).block();
      messages.insert(message(id, seq)).block();
    }
    memberships.joined(id, List.of("ann"), 1).block();
    memberships.joined(id, List.of(cat), 5).block();
    memberships.joined(id, List.of(bob), 1).block();
    memberships.left(id, List.of(bob), 7).block();

    Backlog catBacklog = backlogReader.open(cat, cat + "-phone").block();
    assertThat(catBacklog.acknowledged()).containsEntry(id, 4L);
    assertThat(seqs(catBacklog)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);

    Backlog bobBacklog = backlogReader.open(bob, bob + "-phone").block();
    assertThat(seqs(bobBacklog)).as("up to and with his removal").containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    cursors.advance(bob + "-phone", id, 7).block();
    assertThat(backlogReader.open(bob, bob + "-phone").block().acknowledged()).doesNotContainKey(id);
  }

  private List<Long> seqs(Backlog backlog) {
    return backlogReader.messages(backlog, 4).map(ChatMessage::seq).collectList().block();
  }

  private static Group.AppliedCommand applied(String commandId, ConversationEvent.Type type) {
    return new Group.AppliedCommand(commandId, List.of(new ConversationEvent(type, "ann", List.of(), null)));
  }

  private static ChatMessage message(String conversationId, long seq) {
    return new ChatMessage(UUID.randomUUID().toString(), conversationId, seq, "ann", "ann-phone",
        "c" + seq + conversationId, "body " + seq, Instant.parse("2026-11-28T10:00:00Z").plusSeconds(seq));
  }
}
