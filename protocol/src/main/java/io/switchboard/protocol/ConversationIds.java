package io.switchboard.protocol;

import java.util.List;
import java.util.Optional;

/**
 * Direct (1-1) conversations have a derived id, so the first message between two people creates the
 * conversation without a separate "create" step and both sides always name the same one.
 */
public final class ConversationIds {

  private static final String DIRECT_PREFIX = "dm-";

  private ConversationIds() {}

  public static String direct(String userA, String userB) {
    if (userA.equals(userB)) {
      throw new IllegalArgumentException("a direct conversation needs two different users");
    }
    return userA.compareTo(userB) < 0
        ? DIRECT_PREFIX + userA + "-" + userB
        : DIRECT_PREFIX + userB + "-" + userA;
  }

  /** The two participants of a direct conversation id, or empty if the id is not a well-formed direct id. */
  public static Optional<List<String>> directParticipants(String conversationId) {
    if (conversationId == null || !conversationId.startsWith(DIRECT_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = conversationId.substring(DIRECT_PREFIX.length()).split("-", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].compareTo(parts[1]) >= 0) {
      return Optional.empty();
    }
    return Optional.of(List.of(parts[0], parts[1]));
  }
}
