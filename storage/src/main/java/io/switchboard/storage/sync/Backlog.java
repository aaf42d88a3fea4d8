package io.switchboard.storage.sync;

import java.util.List;
import java.util.Map;

/**
 * What one device is missing, as of the moment it was read.
 *
 * @param acknowledged every conversation the device may catch up in, with where its catch-up starts: the
 *     device's acknowledged seq (0 if none), but never before the start of the user's window in a group
 * @param behind the conversations with messages past that point, with the point and where to stop
 */
public record Backlog(Map<String, Long> acknowledged, List<Position> behind) {

  /**
   * A conversation to catch up in, from just after {@code afterSeq} through {@code throughSeq}: the newest
   * message, or for a group the user has left, the event that ended their membership.
   */
  public record Position(String conversationId, long afterSeq, long throughSeq) {

    /** Up to the newest message. */
    public Position(String conversationId, long afterSeq) {
      this(conversationId, afterSeq, Long.MAX_VALUE);
    }
  }
}
