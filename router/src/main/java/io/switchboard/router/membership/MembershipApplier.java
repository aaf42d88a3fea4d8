package io.switchboard.router.membership;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.router.routing.MessageIds;
import io.switchboard.router.routing.RunToTheEnd;
import io.switchboard.storage.DuplicateKeys;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.group.Group;
import io.switchboard.storage.group.GroupStore;
import io.switchboard.storage.group.MembershipPlan;
import io.switchboard.storage.group.MembershipRules;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one membership command, in its conversation's lane, so it falls in one order with the
 * conversation's messages:
 *
 * <ol>
 *   <li>decide against the group as it is now ({@link MembershipRules}; a refusal is a value);
 *   <li>write the new state, the command's id and the sequence numbers of its events in one write to the
 *       group's document ({@link GroupStore#applyChange});
 *   <li>store the events as messages at those numbers, then open and close membership windows at them;
 *   <li>hand back the events with whom each is due to — the caller publishes them, then answers the asker.
 * </ol>
 *
 * <p>Every step can be repeated: a command delivered again (a router stopped half-way) is found among the
 * group's recent commands, and its events are looked up by their client message ids ({@code event-<command
 * id>-<n>}) and stored only if missing, so the change is made once and its events exist once.
 */
@Component
public class MembershipApplier {

  /** Reads and decisions anew after another change came first (only possible with several routers). */
  private static final int MAX_ATTEMPTS = 5;

  private final GroupStore groups;
  private final MembershipStore memberships;
  private final MessageStore messages;
  private final ConversationStore conversations;
  private final ReadStateStore readStates;
  private final UserDirectory users;
  private final MembershipRules rules;

  MembershipApplier(
      GroupStore groups,
      MembershipStore memberships,
      MessageStore messages,
      ConversationStore conversations,
      ReadStateStore readStates,
      UserDirectory users,
      MembershipRules rules) {
    this.groups = groups;
    this.memberships = memberships;
    this.messages = messages;
    this.conversations = conversations;
    this.readStates = readStates;
    this.users = users;
    this.rules = rules;
  }

  /**
   * Once subscribed, runs to its end even if the subscriber cancels: a change written without its events stored
   * would have its events numbered afresh on the repeat, leaving holes ({@link RunToTheEnd}).
   */
  public Mono<MembershipResult> apply(MembershipCommand command) {
    return RunToTheEnd.of(() -> attempt(command, 1));
  }

  private Mono<MembershipResult> attempt(MembershipCommand command, int attempt) {
    return groups.find(command.conversationId())
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(found -> {
          Group current = found.orElse(null);
          Optional<Group.AppliedCommand> done = found.flatMap(group -> group.applied(command.commandId()));
          if (done.isPresent()) {
            return record(command, current, done.get().events(), null);
          }
          MembershipPlan plan = rules.plan(current, command);
          if (plan instanceof MembershipPlan.Refused refused) {
            return Mono.just((MembershipResult) new MembershipResult.Refused(refused.refusal(), refused.detail()));
          }
          MembershipPlan.Accepted accepted = (MembershipPlan.Accepted) plan;
          var applied = new Group.AppliedCommand(command.commandId(), accepted.events());
          return write(command, current, accepted, applied)
              .flatMap(after -> record(command, after, accepted.events(),
                  after.lastSeq() - accepted.events().size() + 1))
              .switchIfEmpty(Mono.defer(() -> again(command, attempt)));
        });
  }

  /** The new state and the events' numbers in one write; empty if the group changed (or was created) meanwhile. */
  private Mono<Group> write(
      MembershipCommand command, Group current, MembershipPlan.Accepted accepted, Group.AppliedCommand applied) {
    if (command.change() == MembershipCommand.Change.CREATE) {
      return groups.create(command.conversationId(), accepted.after(), command.actorId(), Instant.now(), applied)
          // this command's own earlier attempt, or an id collision: the next read tells which
          .onErrorResume(DuplicateKeys::isDuplicateKey, duplicate -> Mono.empty());
    }
    return groups.applyChange(current, accepted.after(), applied);
  }

  private Mono<MembershipResult> again(MembershipCommand command, int attempt) {
    if (attempt >= MAX_ATTEMPTS) {
      return Mono.error(new IllegalStateException("group " + command.conversationId()
          + " kept changing under command " + command.commandId() + " for " + attempt + " attempts"));
    }
    return attempt(command, attempt + 1);
  }

  /**
   * Stores the events (those not stored already), records the windows they open and close, and says whom each
   * goes to. {@code firstSeq} is the number the write reserved for the first event, or null when the command
   * was applied earlier: a missing event then takes a fresh number.
   */
  private Mono<MembershipResult> record(
      MembershipCommand command, Group after, List<ConversationEvent> events, Long firstSeq) {
    return users.displayNames(EventBodies.namesNeeded(events))
        .flatMapMany(names -> Flux.range(0, events.size())
            .concatMap(index -> storeEvent(command, events.get(index), index,
                firstSeq == null ? null : firstSeq + index, names)))
        .concatMap(message -> recordWindows(after, message).thenReturn(
            new MembershipResult.EventDelivery(message, dueTo(after, message.event()))))
        .collectList()
        .flatMap(delivered -> afterStore(command, delivered).thenReturn(
            (MembershipResult) new MembershipResult.Applied(delivered)));
  }

  private Mono<ChatMessage> storeEvent(
      MembershipCommand command, ConversationEvent event, int index, Long reservedSeq, Map<String, String> names) {
    String clientMessageId = "event-" + command.commandId() + "-" + (index + 1);
    Mono<Long> seq = reservedSeq != null
        ? Mono.just(reservedSeq)
        : conversations.allocateSeq(command.conversationId());
    Mono<ChatMessage> stored = seq
        .map(number -> new ChatMessage(
            MessageIds.next(),
            command.conversationId(),
            number,
            command.actorId(),
            // no device: every device of the actor shows it as a message, none takes it as its own "accepted"
            null,
            clientMessageId,
            EventBodies.describe(event, names),
            Instant.now(),
            event))
        .flatMap(message -> messages.insert(message).thenReturn(message));
    return messages.findByClientMessageId(command.actorId(), clientMessageId)
        .switchIfEmpty(Mono.defer(() -> stored));
  }

  /** Windows open at the event that adds and close at the event that removes, before anyone hears of it. */
  private Mono<Void> recordWindows(Group after, ChatMessage message) {
    ConversationEvent event = message.event();
    switch (event.type()) {
      case GROUP_CREATED:
        return memberships.joined(message.conversationId(), after.members(), message.seq());
      case MEMBER_ADDED:
        return memberships.joined(message.conversationId(), event.userIds(), message.seq());
      case MEMBER_REMOVED:
      case MEMBER_LEFT:
        return memberships.left(message.conversationId(), event.userIds(), message.seq());
      default:
        return Mono.empty();
    }
  }

  private static List<String> dueTo(Group after, ConversationEvent event) {
    Set<String> members = new LinkedHashSet<>(after.members());
    if (event.endsMemberships()) {
      members.addAll(event.userIds());
    }
    return new ArrayList<>(members);
  }

  /** The actor has read the change (the conversation list's preview is read from the messages with the list). */
  private Mono<Void> afterStore(MembershipCommand command, List<MembershipResult.EventDelivery> delivered) {
    if (delivered.isEmpty()) {
      return Mono.empty();
    }
    ChatMessage last = delivered.get(delivered.size() - 1).message();
    return readStates.markRead(command.actorId(), command.conversationId(), last.seq());
  }
}
