package io.switchboard.router.receipt;

import io.switchboard.broker.UserDeliveries;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.ReadStateDelivery;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.router.push.PushEvents;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.message.MessageStore;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves a member's delivered/read watermark and tells whom it concerns: the senders of the messages the move
 * covers get a receipt, and on a read every device of the reader gets the new read state. A move that does
 * not advance the watermark (a second device acknowledging, a late read) tells nobody. A read also goes to the
 * push workers, which withdraw what they hold or have shown for that conversation.
 *
 * <p>A device's "delivered" reads as little as it can (see {@link #delivered}): there is one per message and
 * recipient device, the commonest command of all (49 for each message to a group of 50), and each read it
 * skips is a database operation every message pays for.
 */
@Component
class ReceiptRouter {

  private final ConversationStore conversations;
  private final ReadStateStore watermarks;
  private final MessageStore messages;
  private final UserDeliveries userDeliveries;
  private final PushEvents pushEvents;

  ReceiptRouter(
      ConversationStore conversations,
      ReadStateStore watermarks,
      MessageStore messages,
      UserDeliveries userDeliveries,
      PushEvents pushEvents) {
    this.conversations = conversations;
    this.watermarks = watermarks;
    this.messages = messages;
    this.userDeliveries = userDeliveries;
    this.pushEvents = pushEvents;
  }

  Mono<Void> route(ReceiptCommand command) {
    if (command.kind() == ReceiptKind.DELIVERED) {
      return delivered(command);
    }
    return conversations.find(command.conversationId())
        // not a member (any more): nothing to record, nobody to tell
        .filter(conversation -> conversation.hasMember(command.userId()))
        .flatMap(conversation -> advance(conversation, command));
  }

  private Mono<Void> advance(Conversation conversation, ReceiptCommand command) {
    long seq = Math.min(command.seq(), conversation.lastSeq());
    return watermarks.advance(command.userId(), conversation.conversationId(), command.kind(), seq)
        .filter(before -> seq > before)
        .flatMap(before -> messages.sendersBetween(conversation.conversationId(), before, seq)
            .filter(sender -> !sender.equals(command.userId()))
            .collectList()
            .flatMap(senders -> Mono.when(
                tellSenders(senders, conversation.conversationId(), command.userId(), command.kind(), seq),
                command.kind() == ReceiptKind.READ
                    ? userDeliveries.publish(new ReadStateDelivery(command.userId(), conversation.conversationId(),
                        seq, Math.max(0, conversation.lastSeq() - seq)))
                    : Mono.empty()))
            .then(command.kind() == ReceiptKind.READ
                ? pushEvents.read(command.userId(), conversation.conversationId(), seq)
                : Mono.empty()));
  }

  /**
   * A device's "delivered", without reading the conversation: the edge sends one only for a message it gave
   * the device, so the user was due it (a member then) and the seq is within the conversation. Whom it
   * concerns are the senders of the messages the move covers, found without a read where that is known: in a
   * 1-1 conversation the other person (the only other sender: the user's own messages are below their
   * watermark already, as sending marks read, and so delivered, up to the message sent); where the edge gave the
   * device every message the move covers, the senders it names.
   */
  private Mono<Void> delivered(ReceiptCommand command) {
    Optional<List<String>> participants = ConversationIds.directParticipants(command.conversationId());
    if (participants.isPresent() && !participants.get().contains(command.userId())) {
      return Mono.empty();
    }
    long seq = command.seq();
    return watermarks.advance(command.userId(), command.conversationId(), ReceiptKind.DELIVERED, seq)
        .filter(before -> seq > before)
        .flatMap(before -> concerned(command, participants, before)
            .filter(sender -> !sender.equals(command.userId()))
            .collectList()
            .flatMap(senders -> tellSenders(senders, command.conversationId(), command.userId(), ReceiptKind.DELIVERED, seq)));
  }

  /** The same receipt for each sender: one publish naming them all where the broker routes that. */
  private Mono<Void> tellSenders(List<String> senders, String conversationId, String memberId, ReceiptKind kind, long seq) {
    return userDeliveries.publishToAll(senders,
        (sender, others) -> new ReceiptDelivery(sender, conversationId, memberId, kind, seq, others));
  }

  /** The senders of the messages in (before, seq], read only where neither the id nor the edge tells. */
  private Flux<String> concerned(ReceiptCommand command, Optional<List<String>> participants, long before) {
    if (participants.isPresent()) {
      return Flux.fromIterable(participants.get());
    }
    return command.sendersAfter(before)
        .map(Flux::fromIterable)
        .orElseGet(() -> messages.sendersBetween(command.conversationId(), before, command.seq()));
  }
}
