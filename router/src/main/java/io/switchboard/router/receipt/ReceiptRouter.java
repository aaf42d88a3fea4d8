package io.switchboard.router.receipt;

import io.switchboard.broker.UserDeliveries;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.ReadStateDelivery;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.router.push.PushEvents;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.message.MessageStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves a member's delivered/read watermark and tells whom it concerns: the senders of the messages the move
 * covers get a receipt, and on a read every device of the reader gets the new read state. A move that does
 * not advance the watermark (a second device acknowledging, a late read) tells nobody. A read also goes to the
 * push workers, which withdraw what they hold or have shown for that conversation.
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
            .flatMap(senders -> userDeliveries.publish(Flux.fromIterable(deliveries(conversation, command, seq, senders))))
            .then(command.kind() == ReceiptKind.READ
                ? pushEvents.read(command.userId(), conversation.conversationId(), seq)
                : Mono.empty()));
  }

  private static List<UserDelivery> deliveries(
      Conversation conversation, ReceiptCommand command, long seq, List<String> senders) {
    List<UserDelivery> deliveries = new ArrayList<>();
    for (String sender : senders) {
      deliveries.add(new ReceiptDelivery(
          sender, conversation.conversationId(), command.userId(), command.kind(), seq));
    }
    if (command.kind() == ReceiptKind.READ) {
      deliveries.add(new ReadStateDelivery(
          command.userId(), conversation.conversationId(), seq, Math.max(0, conversation.lastSeq() - seq)));
    }
    return deliveries;
  }
}
