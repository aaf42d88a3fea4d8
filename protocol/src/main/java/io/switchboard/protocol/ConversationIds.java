package io.switchboard.protocol;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Direct (1-1) conversations have a derived id, so the first message between two people creates the
 * conversation without a separate "create" step and both sides always name the same one. Groups have a
 * random id, given when the group is created.
 */
public final class ConversationIds {

  private static final String DIRECT_PREFIX = "dm-";
  private static final String GROUP_PREFIX = "g-";
  private static final Pattern WELL_FORMED_GROUP = Pattern.compile("g-[0-9a-f]{32}");

  private ConversationIds() {}

  public static String direct(String userA, String userB) {
    if (userA.equals(userB)) {
      throw new IllegalArgumentException("a direct conversation needs two different users");
    }
    return userA.compareTo(userB) < 0
        ? DIRECT_PREFIX + userA + "-" + userB
        : DIRECT_PREFIX + userB + "-" + userA;
  }

  /** A fresh group id: {@code g-} and 32 random hex characters, revealing neither order nor count. */
  public static String newGroup() {
    return GROUP_PREFIX + UUID.randomUUID().toString().replace("-", "");
  }

  /** Whether an id could be a group's; a check before it goes anywhere near a query. */
  public static boolean isGroup(String conversationId) {
    return conversationId != null && WELL_FORMED_GROUP.matcher(conversationId).matches();
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
