package io.switchboard.accounts.login;

import io.switchboard.accounts.user.User;
import io.switchboard.accounts.user.UserStore;
import io.switchboard.accounts.user.Usernames;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Decides whether a username and password belong together. */
@Component
public class CredentialsChecker {

  private final UserStore userStore;
  private final PasswordHasher passwordHasher;

  public CredentialsChecker(UserStore userStore, PasswordHasher passwordHasher) {
    this.userStore = userStore;
    this.passwordHasher = passwordHasher;
  }

  /** The user, or {@link InvalidCredentialsException} whether the name is unknown or the password wrong. */
  public Mono<User> authenticate(String username, String password) {
    return userStore
        .findByUsername(Usernames.normalize(username))
        .flatMap(user -> passwordHasher.matches(password, user.passwordHash()).flatMap(ok -> acceptIf(ok, user)))
        .switchIfEmpty(
            Mono.defer(
                () -> passwordHasher.matchAgainstDecoy(password).then(Mono.error(InvalidCredentialsException::new))));
  }

  private static Mono<User> acceptIf(boolean passwordMatches, User user) {
    return passwordMatches ? Mono.just(user) : Mono.error(InvalidCredentialsException::new);
  }
}
