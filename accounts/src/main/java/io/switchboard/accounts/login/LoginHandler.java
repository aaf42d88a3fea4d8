package io.switchboard.accounts.login;

import io.switchboard.accounts.JsonBodies;
import io.switchboard.accounts.device.Device;
import io.switchboard.accounts.device.DeviceStore;
import io.switchboard.accounts.user.User;
import io.switchboard.security.AccessTokens;
import io.switchboard.security.IssuedAccessToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/accounts/login}: checks the credentials, picks the device, issues an access token for it.
 * A login reuses the device it names only if that device is the user's; otherwise it registers a new one.
 */
@Component
public class LoginHandler {

  private final CredentialsChecker credentialsChecker;
  private final DeviceStore deviceStore;
  private final AccessTokens accessTokens;

  public LoginHandler(CredentialsChecker credentialsChecker, DeviceStore deviceStore, AccessTokens accessTokens) {
    this.credentialsChecker = credentialsChecker;
    this.deviceStore = deviceStore;
    this.accessTokens = accessTokens;
  }

  public Mono<ServerResponse> login(ServerRequest request) {
    return JsonBodies.read(request, LoginRequest.class)
        .map(LoginRequest::validated)
        .flatMap(
            login ->
                credentialsChecker
                    .authenticate(login.username(), login.password())
                    .flatMap(user -> deviceFor(user, login)))
        .map(this::loggedIn)
        .flatMap(response -> ServerResponse.ok().bodyValue(response));
  }

  private Mono<Device> deviceFor(User user, LoginRequest login) {
    Mono<Device> registered =
        Mono.defer(() -> deviceStore.register(user.userId(), login.deviceName(), login.platform()));
    if (login.deviceId() == null) {
      return registered;
    }
    return deviceStore.recordLogin(login.deviceId(), user.userId()).switchIfEmpty(registered);
  }

  private LoginResponse loggedIn(Device device) {
    IssuedAccessToken token = accessTokens.issue(device.userId(), device.deviceId());
    return new LoginResponse(
        device.userId(), device.deviceId(), token.value(), LoginResponse.BEARER, token.expiresAt());
  }
}
