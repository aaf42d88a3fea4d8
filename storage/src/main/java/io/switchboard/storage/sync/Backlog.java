package io.switchboard.storage.sync;

import java.util.List;
import java.util.Map;

/**
 * What one device is missing, as of the moment it was read.
 *
 * @param acknowledged every conversation the user is in, with the device's acknowledged seq (0 if none)
 * @param behind the conversations whose last seq is past the device's cursor, with that cursor
 */
public record Backlog(Map<String, Long> acknowledged, List<Position> behind) {

  /** A conversation to catch up in, from just after {@code afterSeq}. */
  public record Position(String conversationId, long afterSeq) {}
}
