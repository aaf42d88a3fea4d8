package io.switchboard.accounts.user;

import io.switchboard.accounts.InvalidRequestException;
import io.switchboard.accounts.RandomIds;
import io.switchboard.security.AuthenticatedDevice;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Finding users: the caller themself, a user by id, a user by username (how Alice finds Bob). */
@Component
public class UserLookupHandler {

  private static final String USERNAME_PARAMETER = "username";

  private final UserStore userStore;

  public UserLookupHandler(UserStore userStore) {
    this.userStore = userStore;
  }

  /** {@code GET /api/users/me} */
  public Mono<ServerResponse> caller(ServerRequest request) {
    return found(userStore.findById(AuthenticatedDevice.require(request.exchange()).userId()));
  }

  /** {@code GET /api/users/{userId}} */
  public Mono<ServerResponse> byId(ServerRequest request) {
    String userId = request.pathVariable("userId");
    // an id we could never have issued is not worth a query
    return RandomIds.isWellFormed(userId) ? found(userStore.findById(userId)) : notFound();
  }

  /** {@code GET /api/users?username=bob} */
  public Mono<ServerResponse> byUsername(ServerRequest request) {
    String username = request.queryParam(USERNAME_PARAMETER).map(Usernames::normalize).orElse("");
    if (username.isEmpty()) {
      return Mono.error(InvalidRequestException.field(USERNAME_PARAMETER, "is required"));
    }
    return Usernames.isAllowed(username) ? found(userStore.findByUsername(username)) : notFound();
  }

  private static Mono<ServerResponse> found(Mono<User> user) {
    return user.map(UserView::of).flatMap(view -> ServerResponse.ok().bodyValue(view)).switchIfEmpty(notFound());
  }

  private static Mono<ServerResponse> notFound() {
    return Mono.error(UserNotFoundException::new);
  }
}
