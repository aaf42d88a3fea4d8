package io.switchboard.edge.presence;

import io.switchboard.broker.UserDeliveries;
import io.switchboard.edge.session.DeviceSession;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.broker.TypingDelivery;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.TypingFrame;
import io.switchboard.storage.conversation.ConversationStore;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Passes "typing" on to the other members of a conversation, straight to their routing keys: it is never
 * stored and has no order to keep. A device is heard at most once per {@link #MIN_INTERVAL} per conversation;
 * more is dropped silently (clients keep a typing notice for 6 s, so nothing visible is lost).
 */
@Component
public class TypingRelay {

  private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);

  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** Conversations remembered per socket for the interval above. */
  static final int MAX_TRACKED_CONVERSATIONS = 256;

  private final ConversationStore conversations;
  private final UserDeliveries deliveries;
  /** Per socket, when each conversation's typing was last passed on; forgotten with the socket. */
  private final Map<DeviceSession, Map<String, Long>> lastRelayed = Collections.synchronizedMap(new WeakHashMap<>());

  TypingRelay(ConversationStore conversations, UserDeliveries deliveries) {
    this.conversations = conversations;
    this.deliveries = deliveries;
  }

  /**
   * Membership is checked against the conversation itself, not against what this socket has been given: a
   * new device may type in an old conversation before any message of it reached this socket.
   */
  public Mono<Void> relay(DeviceSession session, TypingFrame typing) {
    if (!firstInInterval(session, typing.conversationId())) {
      return Mono.empty();
    }
    return conversations.find(typing.conversationId())
        .filter(conversation -> conversation.hasMember(session.userId()))
        .switchIfEmpty(Mono.fromRunnable(() -> session.reply(ErrorFrame.of(ErrorCode.NOT_A_MEMBER,
            "you are not a member of conversation " + typing.conversationId()))))
        .flatMap(conversation -> deliveries.publishToAll(
            conversation.members().stream().filter(member -> !member.equals(session.userId())).toList(),
            (member, others) -> new TypingDelivery(member, conversation.conversationId(), session.userId(), others)))
        .onErrorResume(error -> {
          log.debug("typing in {} not passed on: {}", typing.conversationId(), error.toString());
          return Mono.empty();
        });
  }

  private boolean firstInInterval(DeviceSession session, String conversationId) {
    long now = System.nanoTime();
    Map<String, Long> times = lastRelayed.computeIfAbsent(session, ignored -> new HashMap<>());
    synchronized (times) {
      if (times.size() >= MAX_TRACKED_CONVERSATIONS) {
        times.clear(); // a device typing in this many conversations at once is not a person: start over
      }
      Long last = times.get(conversationId);
      if (last != null && now - last < MIN_INTERVAL.toNanos()) {
        return false;
      }
      times.put(conversationId, now);
      return true;
    }
  }
}
