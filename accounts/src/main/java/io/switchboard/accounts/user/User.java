package io.switchboard.accounts.user;

import java.time.Instant;

/** A stored account. The password hash never leaves this service: responses use {@link UserView}. */
public record User(String userId, String username, String displayName, String passwordHash, Instant createdAt) {

  /** Display names are for people, shown in lists and headers: long enough for a full name, no longer. */
  public static final int MAX_DISPLAY_NAME_LENGTH = 64;

  /** A hash is not the password, but it is what an offline guesser wants: keep it out of logs. */
  @Override
  public String toString() {
    return "User[userId=" + userId + ", username=" + username + "]";
  }
}
