package io.switchboard.router.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipCommand.Change;
import io.switchboard.protocol.broker.MembershipRefusal;
import io.switchboard.storage.TestDatabase;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.group.Group;
import io.switchboard.storage.group.GroupState;
import io.switchboard.storage.group.GroupStore;
import io.switchboard.storage.group.MembershipRules;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The router's membership handling against a MongoDB wire-protocol server: a command applied twice (the broker
 * delivered it again) is one change with one set of events, and a command whose state was written but whose
 * events were not (the router stopped between the two) is finished, not applied again.
 */
class MembershipApplierIntegrationTest {

  private static TestDatabase testDatabase;
  private static MongoDatabase database;

  private final GroupStore groups = new GroupStore(database);
  private final MembershipStore memberships = new MembershipStore(database);
  private final MessageStore messages = new MessageStore(database);
  private final ConversationStore conversations = new ConversationStore(database);
  private final MembershipApplier applier = new MembershipApplier(groups, memberships, messages, conversations,
      new ReadStateStore(database), new UserDirectory(database), new MembershipRules(10));

  @BeforeAll
  static void startDatabase() {
    testDatabase = TestDatabase.start("router");
    database = testDatabase.database();
    new MessageStore(database).ensureIndexes().block();
    new MembershipStore(database).ensureIndexes().block();
  }

  @AfterAll
  static void stopDatabase() {
    testDatabase.close();
  }

  @Test
  void aCommandDeliveredTwiceIsAppliedOnce() {
    String groupId = ConversationIds.newGroup();
    MembershipCommand create = command(groupId, "ann", Change.CREATE, List.of("ann", "bob"));
    MembershipResult.Applied first = applied(applier.apply(create).block());
    MembershipResult.Applied again = applied(applier.apply(create).block());
    assertThat(again.eventSeqs()).isEqualTo(first.eventSeqs()).containsExactly(1L);
    assertThat(first.events().get(0).members()).containsExactly("ann", "bob");

    MembershipCommand remove = command(groupId, "ann", Change.REMOVE, List.of("bob"));
    MembershipResult.Applied removed = applied(applier.apply(remove).block());
    assertThat(applied(applier.apply(remove).block()).eventSeqs()).isEqualTo(removed.eventSeqs());
    assertThat(removed.events().get(0).members()).as("the removed member hears of it").containsExactly("ann", "bob");

    assertThat(messages.after(groupId, 0, 10).map(ChatMessage::seq).collectList().block()).containsExactly(1L, 2L);
    assertThat(memberships.find(groupId, "bob").block().leftSeq()).isEqualTo(2);
    assertThat(groups.find(groupId).block().members()).containsExactly("ann");
  }

  @Test
  void aChangeWrittenButNotRecordedIsFinishedNotRepeated() {
    String groupId = ConversationIds.newGroup();
    applied(applier.apply(command(groupId, "ann", Change.CREATE, List.of("ann", "bob"))).block());
    MembershipCommand add = command(groupId, "ann", Change.ADD, List.of("cat"));
    // the router stopped right after the group's write: state changed, number reserved, no event stored
    Group before = groups.find(groupId).block();
    groups.applyChange(before, new GroupState("Name", null, List.of("ann", "bob", "cat"), List.of("ann")),
        new Group.AppliedCommand(add.commandId(),
            List.of(new ConversationEvent(ConversationEvent.Type.MEMBER_ADDED, "ann", List.of("cat"), null))))
        .block();

    MembershipResult.Applied finished = applied(applier.apply(add).block());
    ChatMessage event = finished.events().get(0).message();
    assertThat(event.event().type()).isEqualTo(ConversationEvent.Type.MEMBER_ADDED);
    assertThat(event.seq()).as("a fresh number; the reserved one stays a hole").isEqualTo(3);
    assertThat(memberships.find(groupId, "cat").block().joinedSeq()).isEqualTo(3);
    assertThat(groups.find(groupId).block().members()).containsExactly("ann", "bob", "cat");
  }

  @Test
  void theRouterDecidesAgainstTheGroupAsItIsWhenTheCommandArrives() {
    String groupId = ConversationIds.newGroup();
    applied(applier.apply(command(groupId, "ann", Change.CREATE, List.of("ann", "bob", "cat"))).block());
    // checked by the accounts service while bob was an admin; applied after he was demoted
    applied(applier.apply(command(groupId, "ann", Change.PROMOTE, List.of("bob"))).block());
    MembershipCommand bobRemovesCat = command(groupId, "bob", Change.REMOVE, List.of("cat"));
    applied(applier.apply(command(groupId, "ann", Change.DEMOTE, List.of("bob"))).block());

    MembershipResult result = applier.apply(bobRemovesCat).block();
    assertThat(result).isInstanceOf(MembershipResult.Refused.class);
    assertThat(((MembershipResult.Refused) result).refusal()).isEqualTo(MembershipRefusal.NOT_AN_ADMIN);
    assertThat(groups.find(groupId).block().members()).contains("cat");
  }

  /**
   * Each change is cancelled at some moment of its way (as a lost broker connection cancels the router's work),
   * then the same command is applied again to the end (the broker's redelivery, a while later): every change
   * is one event, and the group's numbers run 1, 2, 3… without a hole.
   */
  @Test
  void changesCutShortAndRepeatedLeaveNoHoleInTheSequence() {
    String groupId = ConversationIds.newGroup();
    applied(applier.apply(command(groupId, "ann", Change.CREATE, List.of("ann", "bob"))).block());
    int changes = 30;
    for (int i = 0; i < changes; i++) {
      MembershipCommand change = command(groupId, "ann", i % 2 == 0 ? Change.ADD : Change.REMOVE, List.of("cat"));
      Disposable cutShort = applier.apply(change).subscribe();
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(4)));
      cutShort.dispose();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      applied(applier.apply(change).block(Duration.ofSeconds(10)));
    }

    assertThat(messages.after(groupId, 0, 2 * changes).map(ChatMessage::seq).collectList().block())
        .as("one event per change, numbered without a hole")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, changes + 1).boxed().toList());
  }

  private static MembershipResult.Applied applied(MembershipResult result) {
    assertThat(result).isInstanceOf(MembershipResult.Applied.class);
    return (MembershipResult.Applied) result;
  }

  private static MembershipCommand command(String groupId, String actor, Change change, List<String> userIds) {
    return new MembershipCommand(UUID.randomUUID().toString().replace("-", ""), groupId, actor, change, userIds,
        "Name", null, null, Instant.now());
  }
}
