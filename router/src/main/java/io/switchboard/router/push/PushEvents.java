package io.switchboard.router.push;

import io.switchboard.broker.Broker;
import io.switchboard.broker.Envelope;
import io.switchboard.presence.PresenceStore;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.OfflineMessage;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import io.switchboard.storage.user.UserDirectory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the push workers what only they can still deliver: a message to members who have no device online
 * (presence in Redis says so at routing time), and each read, which withdraws what is pending.
 *
 * <p>Published confirmed, before the router acknowledges its command: a router that stops in between repeats
 * the command and the event, and the workers drop a message sequence number they have already notified. A
 * member who comes online between the check and the push gets both the message and a notification; one who
 * goes offline just after the check is not notified, which the next message corrects.
 */
@Component
public class PushEvents {

  /** Recipients named by one offline event: a 1,000-member group with everyone away costs two events. */
  static final int RECIPIENTS_PER_EVENT = 500;

  /**
   * How long a message waits for presence before it goes on without push events. Messages never depend on
   * Redis: while it is away, nobody is pushed (a notification missed beats a conversation stalled).
   */
  static final Duration PRESENCE_WAIT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(PushEvents.class);

  private final AtomicBoolean presenceAway = new AtomicBoolean();

  private final Broker broker;
  private final BrokerCodec codec;
  private final PresenceStore presence;
  private final UserDirectory users;

  PushEvents(Broker broker, BrokerCodec codec, PresenceStore presence, UserDirectory users) {
    this.broker = broker;
    this.codec = codec;
    this.presence = presence;
    this.users = users;
  }

  /** An ordinary message (not a membership event) to {@code members}: push events for those offline. */
  public Mono<Void> offlineMembers(ChatMessage message, List<String> members) {
    if (message.event() != null) {
      return Mono.empty();
    }
    List<String> recipients = members.stream().filter(member -> !member.equals(message.senderId())).toList();
    if (recipients.isEmpty()) {
      return Mono.empty();
    }
    return presence.withoutLiveDevice(recipients)
        .collectList()
        .timeout(PRESENCE_WAIT)
        .doOnNext(offline -> {
          if (presenceAway.compareAndSet(true, false)) {
            log.info("presence answers again: push events resume");
          }
        })
        .onErrorResume(error -> {
          if (presenceAway.compareAndSet(false, true)) {
            log.warn("presence unavailable, messages go on without push events until it answers: {}",
                error.toString());
          }
          return Mono.just(List.of());
        })
        .filter(offline -> !offline.isEmpty())
        .flatMap(offline -> users.displayNames(List.of(message.senderId()))
            .map(names -> names.getOrDefault(message.senderId(), message.senderId()))
            .flatMapMany(senderName -> Flux.fromIterable(offline)
                .buffer(RECIPIENTS_PER_EVENT)
                .map(chunk -> offlineEnvelope(chunk, senderName, message)))
            .collectList()
            .flatMap(broker::publishConfirmed));
  }

  public Mono<Void> read(String userId, String conversationId, long readSeq) {
    return broker.publishConfirmed(new Envelope(Topology.PUSH_EXCHANGE, Topology.PUSH_READ_ROUTING_KEY,
        codec.encode(new ConversationRead(userId, conversationId, readSeq))));
  }

  private Envelope offlineEnvelope(List<String> recipients, String senderName, ChatMessage message) {
    OfflineMessage event = new OfflineMessage(recipients, message.conversationId(), message.seq(),
        message.messageId(), message.senderId(), senderName, message.body(), message.sentAt(),
        ConversationIds.isGroup(message.conversationId()));
    return new Envelope(Topology.PUSH_EXCHANGE, Topology.PUSH_OFFLINE_ROUTING_KEY, codec.encode(event));
  }
}
