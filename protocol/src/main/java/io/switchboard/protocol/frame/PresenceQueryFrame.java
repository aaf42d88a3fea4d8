package io.switchboard.protocol.frame;

import java.util.List;

/**
 * Asks for the presence of up to {@link #MAX_USERS} users (say, a group's members); answered by one
 * {@code presence} frame per user the asker shares a conversation with. Others are left out silently.
 */
public record PresenceQueryFrame(List<String> userIds) implements ClientFrame {

  public static final String TYPE = "presence_query";
  public static final int MAX_USERS = 100;

  public PresenceQueryFrame {
    if (userIds == null || userIds.isEmpty()) {
      throw new IllegalArgumentException("'userIds' is required");
    }
    if (userIds.size() > MAX_USERS) {
      throw new IllegalArgumentException("'userIds' holds at most " + MAX_USERS + " users");
    }
    userIds.forEach(userId -> FrameRules.requireText(userId, "userIds"));
    userIds = List.copyOf(userIds);
  }
}
