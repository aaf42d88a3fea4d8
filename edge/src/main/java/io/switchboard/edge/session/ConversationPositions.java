package io.switchboard.edge.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest sequence number this socket has been given, per conversation. It is how the seam between
 * catch-up and live traffic has no duplicate (anything at or below is dropped) and no gap (anything that
 * jumps ahead is preceded by what it jumped over, read from the database).
 *
 * <p>Beside the number, who sent the message given there (when the socket was given that message itself, not
 * a position from the device's cursors): the device's "delivered" for it names its sender to the router.
 *
 * <p>Written only by the socket's single outbound pipeline; read also by the inbound side (may this device
 * acknowledge that conversation?), hence the concurrent map.
 */
final class ConversationPositions {

  private final Map<String, Given> lastDelivered = new ConcurrentHashMap<>();

  /** @param senderId null where the message at {@code seq} is not known here */
  private record Given(long seq, String senderId) {

    Given furthest(Given other) {
      return other.seq > seq ? other : this;
    }
  }

  void startFrom(Map<String, Long> acknowledged) {
    acknowledged.forEach((conversationId, seq) -> advance(conversationId, seq, null));
  }

  /** 0 for a conversation this socket has not heard of: it began after the socket connected. */
  long last(String conversationId) {
    Given given = lastDelivered.get(conversationId);
    return given == null ? 0L : given.seq();
  }

  /** Who sent the message at {@code seq}, if that is the last one this socket was given; else null. */
  String senderAt(String conversationId, long seq) {
    Given given = lastDelivered.get(conversationId);
    return given != null && given.seq() == seq ? given.senderId() : null;
  }

  boolean knows(String conversationId) {
    return lastDelivered.containsKey(conversationId);
  }

  /** @param senderId who sent the message at {@code seq}; null if not known */
  void advance(String conversationId, long seq, String senderId) {
    lastDelivered.merge(conversationId, new Given(seq, senderId), Given::furthest);
  }
}
