package io.switchboard.accounts.user;

/** What anyone signed in may know about a user: enough to find them and start a chat. */
public record UserView(String userId, String username, String displayName) {

  public static UserView of(User user) {
    return new UserView(user.userId(), user.username(), user.displayName());
  }
}
