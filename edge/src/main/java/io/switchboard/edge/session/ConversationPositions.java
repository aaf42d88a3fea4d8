package io.switchboard.edge.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * The highest sequence number this socket has been given, per conversation. It is how the seam between
 * catch-up and live traffic has no duplicate (anything at or below is dropped) and no gap (anything that
 * jumps ahead is preceded by what it jumped over, read from the database).
 *
 * <p>Written only by the socket's single outbound pipeline; read also by the inbound side (may this device
 * acknowledge that conversation?), hence the concurrent map.
 */
final class ConversationPositions {

  private final Map<String, Long> lastDelivered = new ConcurrentHashMap<>();

  void startFrom(Map<String, Long> acknowledged) {
    acknowledged.forEach((conversationId, seq) -> lastDelivered.merge(conversationId, seq, Math::max));
  }

  /** 0 for a conversation this socket has not heard of: it began after the socket connected. */
  long last(String conversationId) {
    return lastDelivered.getOrDefault(conversationId, 0L);
  }

  boolean knows(String conversationId) {
    return lastDelivered.containsKey(conversationId);
  }

  void advance(String conversationId, long seq) {
    lastDelivered.merge(conversationId, seq, Math::max);
  }
}
