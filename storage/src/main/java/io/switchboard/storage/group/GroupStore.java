package io.switchboard.storage.group;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.ExactMatch;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.MemberIndex;
import io.switchboard.storage.message.EventDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Groups in the conversations collection: the fields every conversation has (members, lastSeq, …) and
 *
 * <pre>{@code
 * { kind: "GROUP", name, avatarUrl, admins: [userId, …], createdBy, createdAt,
 *   version: 7,                                  // moved on by every membership change
 *   recentCommands: [{commandId, events: [{type, actorId, userIds, name}, …]}, …] }
 * }</pre>
 *
 * <p>A change is one write to the one document: new state, the version moved on, the command remembered, and
 * {@code lastSeq} raised by the number of events it puts into the conversation. So the change and the
 * sequence numbers of its events are atomic, and a message's sequence number, taken from the same field,
 * falls either before the change or after it (see {@link ConversationStore#allocateSeqAsMember}).
 */
@Component
public class GroupStore {

  /** Commands remembered per group; a redelivered command is found among them (it comes back before later ones). */
  static final int RECENT_COMMANDS = 32;

  private final MongoCollection<Document> conversations;
  private final MemberIndex memberIndex;

  public GroupStore(MongoDatabase database) {
    this.conversations = database.getCollection(ConversationStore.COLLECTION);
    this.memberIndex = new MemberIndex(database);
  }

  public Mono<Group> find(String groupId) {
    // by _id alone (see ExactMatch), the kind checked here
    return Mono.from(conversations.find(Filters.eq("_id", groupId)).first())
        .filter(document -> ConversationKind.GROUP.name().equals(document.getString("kind")))
        .map(GroupStore::fromDocument);
  }

  /**
   * Stores a new group whose first events take sequence numbers 1 to n. Fails with a duplicate-key error if the
   * id is taken (by this very command on an earlier attempt, or by another group).
   */
  public Mono<Group> create(
      String groupId, GroupState state, String createdBy, Instant now, Group.AppliedCommand command) {
    Document document = new Document("_id", groupId)
        .append("kind", ConversationKind.GROUP.name())
        .append("name", state.name())
        .append("avatarUrl", state.avatarUrl())
        .append("members", state.members())
        .append("admins", state.admins())
        .append("createdBy", createdBy)
        .append("createdAt", Date.from(now))
        .append("lastSeq", (long) command.events().size())
        .append("lastActivityAt", Date.from(now))
        .append("version", 1L)
        .append("recentCommands", List.of(toDocument(command)));
    // members are recorded in the index before the group names them (see MemberIndex)
    return memberIndex.add(state.members(), groupId)
        .then(Mono.from(conversations.insertOne(document)))
        .then(find(groupId));
  }

  /**
   * Applies a change to the group as it was read; empty if another change came first (the version moved), in
   * which case the caller reads the group again and decides anew.
   */
  public Mono<Group> applyChange(Group current, GroupState after, Group.AppliedCommand command) {
    List<Document> recent = new ArrayList<>();
    current.recentCommands().stream()
        .skip(Math.max(0, current.recentCommands().size() - (RECENT_COMMANDS - 1)))
        .map(GroupStore::toDocument)
        .forEach(recent::add);
    recent.add(toDocument(command));
    Set<String> before = Set.copyOf(current.members());
    List<String> added = after.members().stream().filter(userId -> !before.contains(userId)).toList();
    // members are recorded in the index before the group names them (see MemberIndex); if the version moved
    // meanwhile, the index holds a few names too many, which its readers allow for
    return memberIndex.add(added, current.groupId()).then(Mono.from(conversations.findOneAndUpdate(
            ExactMatch.of("_id", current.groupId(), "version", current.version()),
            Updates.combine(
                Updates.set("name", after.name()),
                Updates.set("avatarUrl", after.avatarUrl()),
                Updates.set("members", after.members()),
                Updates.set("admins", after.admins()),
                Updates.set("recentCommands", recent),
                Updates.inc("version", 1L),
                Updates.inc("lastSeq", (long) command.events().size()),
                // the change is the conversation's latest activity: lists sort by it
                Updates.max("lastActivityAt", new Date())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
        .map(GroupStore::fromDocument);
  }

  private static Document toDocument(Group.AppliedCommand command) {
    return new Document("commandId", command.commandId())
        .append("events", command.events().stream().map(EventDocuments::toDocument).toList());
  }

  private static Group.AppliedCommand appliedFromDocument(Document document) {
    return new Group.AppliedCommand(document.getString("commandId"),
        document.getList("events", Document.class).stream().map(EventDocuments::fromDocument).toList());
  }

  static Group fromDocument(Document document) {
    List<Document> recent = document.getList("recentCommands", Document.class, List.of());
    return new Group(
        document.getString("_id"),
        new GroupState(document.getString("name"), document.getString("avatarUrl"),
            document.getList("members", String.class), document.getList("admins", String.class, List.of())),
        document.getString("createdBy"),
        document.getDate("createdAt").toInstant(),
        document.get("lastSeq", Number.class).longValue(),
        document.get("version", Number.class).longValue(),
        recent.stream().map(GroupStore::appliedFromDocument).toList());
  }
}
