package io.switchboard.accounts.login;

import io.switchboard.accounts.JsonBodies;
import io.switchboard.accounts.user.UserStore;
import io.switchboard.accounts.user.UserView;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST /api/accounts/signup}: creates a user. It does not log in: that names a device, login does. */
@Component
public class SignupHandler {

  private final UserStore userStore;
  private final PasswordHasher passwordHasher;
  private final AttemptLimits attemptLimits;

  SignupHandler(UserStore userStore, PasswordHasher passwordHasher, AttemptLimits attemptLimits) {
    this.userStore = userStore;
    this.passwordHasher = passwordHasher;
    this.attemptLimits = attemptLimits;
  }

  public Mono<ServerResponse> signup(ServerRequest request) {
    return JsonBodies.read(request, SignupRequest.class)
        .map(SignupRequest::validated)
        .flatMap(
            signup ->
                attemptLimits.signup(request)
                    .then(Mono.defer(() -> passwordHasher.hash(signup.password())))
                    .flatMap(hash -> userStore.create(signup.username(), signup.displayName(), hash)))
        .flatMap(
            user ->
                ServerResponse.created(URI.create("/api/users/" + user.userId())).bodyValue(UserView.of(user)));
  }
}
