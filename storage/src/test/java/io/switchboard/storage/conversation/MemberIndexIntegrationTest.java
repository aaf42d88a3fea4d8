package io.switchboard.storage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.storage.TestDatabase;
import io.switchboard.storage.group.Group;
import io.switchboard.storage.group.GroupState;
import io.switchboard.storage.group.GroupStore;
import io.switchboard.storage.group.Membership;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.group.UserConversations;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * "The user's conversations" is read through the member index (see {@link MemberIndex}): it must find every
 * conversation the user is in, none they have left or were never in, and, for a database an older version
 * wrote, be built from what is there. Each test has a database of its own, so the one-off build runs fresh.
 */
class MemberIndexIntegrationTest {

  private TestDatabase database;
  private ConversationStore conversations;
  private GroupStore groups;
  private MembershipStore memberships;

  @BeforeEach
  void startDatabase() {
    database = TestDatabase.start("member_index");
    conversations = new ConversationStore(database.database());
    groups = new GroupStore(database.database());
    memberships = new MembershipStore(database.database());
  }

  @AfterEach
  void stopDatabase() {
    database.close();
  }

  @Test
  void findsTheConversationsAUserIsInNowAndNoOthers() {
    conversations.ensureIndexes().block();
    conversations.ensureDirect("d-ann-bob", List.of("ann", "bob"), Instant.now()).block();
    conversations.ensureDirect("d-ann-cat", List.of("ann", "cat"), Instant.now()).block();
    conversations.ensureDirect("d-bob-cat", List.of("bob", "cat"), Instant.now()).block();
    String groupId = ConversationIds.newGroup();
    Group group = groups.create(groupId, new GroupState("G", null, List.of("ann", "bob"), List.of("ann")), "ann",
        Instant.now(), applied("create")).block();

    assertThat(idsOf("ann")).containsExactlyInAnyOrder("d-ann-bob", "d-ann-cat", groupId);
    assertThat(idsOf("cat")).containsExactlyInAnyOrder("d-ann-cat", "d-bob-cat");

    // bob leaves the group and dan joins: the index still names the group for bob, the conversation does not
    Group changed = groups.applyChange(group, new GroupState("G", null, List.of("ann", "dan"), List.of("ann")),
        applied("swap")).block();
    assertThat(changed).isNotNull();
    assertThat(idsOf("bob")).containsExactlyInAnyOrder("d-ann-bob", "d-bob-cat");
    assertThat(idsOf("dan")).containsExactly(groupId);
    assertThat(idsOf("eve")).isEmpty();

    // bob's window in the group he left is still found (catch-up reads up to his leaving)
    memberships.joined(groupId, List.of("ann", "bob"), 1).block();
    memberships.left(groupId, List.of("bob"), 2).block();
    assertThat(windowsOf("bob")).containsExactly(new Membership(groupId, "bob", 1, 2L));
    assertThat(windowsOf("cat")).isEmpty();
  }

  @Test
  void aDatabaseWrittenWithoutTheIndexGetsItBuiltOnceAtStart() {
    MongoDatabase raw = database.database();
    // as an older version left them: conversations and a window, no member index
    insert(raw, ConversationStore.COLLECTION, conversation("d-old", "DIRECT", List.of("ann", "bob")));
    insert(raw, ConversationStore.COLLECTION, conversation("g-old", "GROUP", List.of("ann")));
    insert(raw, MembershipStore.COLLECTION, new Document("_id", "g-old|bob")
        .append("conversationId", "g-old").append("userId", "bob").append("joinedSeq", 1L).append("leftSeq", 3L));
    assertThat(idsOf("ann")).as("before the build nothing is indexed").isEmpty();

    conversations.ensureIndexes().block();

    assertThat(idsOf("ann")).containsExactlyInAnyOrder("d-old", "g-old");
    assertThat(idsOf("bob")).containsExactly("d-old");
    assertThat(windowsOf("bob")).containsExactly(new Membership("g-old", "bob", 1, 3L));
    assertThat(Mono.from(raw.getCollection("migrations").find(new Document("_id", "member-index")).first()).block())
        .as("noted as done, so later starts do not scan again").isNotNull();

    conversations.ensureIndexes().block();
    assertThat(idsOf("ann")).as("a second start changes nothing").containsExactlyInAnyOrder("d-old", "g-old");
  }

  private List<Membership> windowsOf(String userId) {
    return new UserConversations(conversations, memberships).of(userId).block().windows();
  }

  private List<String> idsOf(String userId) {
    return conversations.allOfMember(userId).map(Conversation::conversationId).collectList().block();
  }

  private static Document conversation(String id, String kind, List<String> members) {
    return new Document("_id", id).append("kind", kind).append("members", members).append("lastSeq", 3L)
        .append("createdAt", new Date()).append("lastActivityAt", new Date());
  }

  private static void insert(MongoDatabase database, String collection, Document document) {
    Mono.from(database.getCollection(collection).insertOne(document)).block();
  }

  private static Group.AppliedCommand applied(String commandId) {
    return new Group.AppliedCommand(commandId,
        List.of(new ConversationEvent(ConversationEvent.Type.GROUP_CREATED, "ann", List.of(), null)));
  }
}
