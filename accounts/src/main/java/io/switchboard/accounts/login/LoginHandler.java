package io.switchboard.accounts.login;

import io.switchboard.accounts.JsonBodies;
import io.switchboard.accounts.device.Device;
import io.switchboard.accounts.device.DeviceProperties;
import io.switchboard.accounts.device.DeviceStore;
import io.switchboard.accounts.device.TooManyDevicesException;
import io.switchboard.accounts.user.User;
import io.switchboard.security.AccessTokens;
import io.switchboard.security.IssuedAccessToken;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
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
  private final DeviceProperties deviceLimits;
  private final ConversationStore conversations;
  private final DeviceCursorStore cursors;
  private final AttemptLimits attemptLimits;

  LoginHandler(
      CredentialsChecker credentialsChecker,
      DeviceStore deviceStore,
      AccessTokens accessTokens,
      DeviceProperties deviceLimits,
      ConversationStore conversations,
      DeviceCursorStore cursors,
      AttemptLimits attemptLimits) {
    this.credentialsChecker = credentialsChecker;
    this.deviceStore = deviceStore;
    this.accessTokens = accessTokens;
    this.deviceLimits = deviceLimits;
    this.conversations = conversations;
    this.cursors = cursors;
    this.attemptLimits = attemptLimits;
  }

  public Mono<ServerResponse> login(ServerRequest request) {
    return JsonBodies.read(request, LoginRequest.class)
        .map(LoginRequest::validated)
        .flatMap(
            login ->
                attemptLimits.login(request, login.username())
                    .then(Mono.defer(() -> credentialsChecker.authenticate(login.username(), login.password())))
                    .flatMap(user -> deviceFor(user, login)))
        .map(this::loggedIn)
        .flatMap(response -> ServerResponse.ok().bodyValue(response));
  }

  private Mono<Device> deviceFor(User user, LoginRequest login) {
    Mono<Device> registered = deviceStore.countSignedIn(user.userId())
        .flatMap(signedIn -> signedIn >= deviceLimits.maxPerAccount()
            ? Mono.error(new TooManyDevicesException(deviceLimits.maxPerAccount()))
            : deviceStore.register(user.userId(), login.deviceName(), login.platform())
                .flatMap(device -> startFromNow(device).thenReturn(device)));
    if (login.deviceId() == null) {
      return registered;
    }
    return deviceStore.recordLogin(login.deviceId(), user.userId()).switchIfEmpty(registered);
  }

  /**
   * A new device starts at the present in every conversation: older messages are history, loaded over HTTP
   * as the user scrolls, instead of a backlog pushed down its socket at first connect.
   */
  private Mono<Void> startFromNow(Device device) {
    return conversations.allOfMember(device.userId())
        .collectMap(Conversation::conversationId, Conversation::lastSeq)
        .flatMap(positions -> cursors.startAt(device.deviceId(), positions));
  }

  private LoginResponse loggedIn(Device device) {
    IssuedAccessToken token = accessTokens.issue(device.userId(), device.deviceId());
    return new LoginResponse(
        device.userId(), device.deviceId(), token.value(), LoginResponse.BEARER, token.expiresAt());
  }
}
