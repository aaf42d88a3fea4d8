package io.switchboard.edge.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest sequence number this socket has been given, per conversation. It is how the seam between
 * catch-up and live traffic has no duplicate (anything at or below is dropped) and no gap (anything that
 * jumps ahead is preceded by what it jumped over, read from the database).
 *
 * <p>Beside the number, who sent the messages given since the device last reported "delivered": its next report
 * names them to the router, which then need not read the messages the report covers to find whom to tell. At
 * most {@link #MAX_SENDERS_KEPT} are kept per conversation (a device that never acknowledges costs no more); past
 * that, the oldest are let go and the report names senders only from there on.
 *
 * <p>Advanced only by the socket's single outbound pipeline; read, and its senders taken, by the inbound side
 * (acks), hence the concurrent map, each change one atomic compute.
 */
final class ConversationPositions {

  static final int MAX_SENDERS_KEPT = 64;

  private final Map<String, Given> given = new ConcurrentHashMap<>();

  /** A message given here: its place and who sent it. */
  private record Sent(long seq, String senderId) {}

  /**
   * @param seq the highest given
   * @param knownAfter every message in ({@code knownAfter}, {@code seq}] was given here, and is in {@code sent}
   * @param sent those messages, oldest first
   */
  private record Given(long seq, long knownAfter, List<Sent> sent) {

    static Given at(long seq) {
      return new Given(seq, seq, List.of());
    }

    /** With one more message; past the cap the oldest goes, and the senders are known from its place on. */
    Given then(Sent message) {
      List<Sent> kept = new ArrayList<>(sent.size() + 1);
      kept.addAll(sent);
      kept.add(message);
      long after = knownAfter;
      if (kept.size() > MAX_SENDERS_KEPT) {
        after = kept.remove(0).seq();
      }
      return new Given(message.seq(), after, kept);
    }
  }

  /** Who sent the messages a report covers, as far as this socket knows them. */
  record Senders(long knownAfter, Map<String, Long> latestSeqBySender) {}

  void startFrom(Map<String, Long> acknowledged) {
    acknowledged.forEach(this::advanceTo);
  }

  /** 0 for a conversation this socket has not heard of: it began after the socket connected. */
  long last(String conversationId) {
    Given current = given.get(conversationId);
    return current == null ? 0L : current.seq();
  }

  boolean knows(String conversationId) {
    return given.containsKey(conversationId);
  }

  /**
   * The device is at {@code seq} without this socket having given it the messages up to there (its cursor, or
   * the place a group was joined at): nothing is known of their senders.
   */
  void advanceTo(String conversationId, long seq) {
    given.compute(conversationId, (id, current) -> current == null || seq > current.seq() ? Given.at(seq) : current);
  }

  /**
   * The message at {@code seq} was given to the device (in order, after any gap).
   *
   * @param senderId who sent it; null for the user's own message, whose sender is never told of their own
   *     "delivered" (so a device that sends much and hears little keeps nothing for it)
   */
  void advance(String conversationId, long seq, String senderId) {
    given.compute(conversationId, (id, current) -> {
      Given from = current == null ? Given.at(seq - 1) : current;
      if (seq <= from.seq()) {
        return from;
      }
      return senderId == null
          ? new Given(seq, from.knownAfter(), from.sent())
          : from.then(new Sent(seq, senderId));
    });
  }

  /**
   * The senders of the messages up to {@code seq} given since the last report, and forgets them (they are
   * reported now); null where this socket cannot say who sent every message from its last report up to there.
   */
  Senders takeSendersThrough(String conversationId, long seq) {
    Senders[] taken = new Senders[1];
    given.computeIfPresent(conversationId, (id, current) -> {
      if (seq <= current.knownAfter() || seq > current.seq()) {
        return current;
      }
      Map<String, Long> latest = new HashMap<>();
      List<Sent> later = new ArrayList<>();
      for (Sent sent : current.sent()) {
        if (sent.seq() <= seq) {
          latest.put(sent.senderId(), sent.seq());
        } else {
          later.add(sent);
        }
      }
      taken[0] = new Senders(current.knownAfter(), latest);
      // most reports cover everything given: keep nothing then, not an empty list per conversation and socket
      return new Given(current.seq(), seq, later.isEmpty() ? List.of() : later);
    });
    return taken[0];
  }
}
