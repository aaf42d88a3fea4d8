package io.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.switchboard.protocol.ProtocolVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

class BearerTokenFilterTest {

  private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"switchboard\", error=\"invalid_token\"";

  private final SecurityProperties properties = TestSecrets.randomProperties();
  private final AccessTokens tokens = new AccessTokens(properties, Clock.systemUTC());
  private final String goodToken = tokens.issue("user-1", "device-1").value();

  private final HandlerFunction<ServerResponse> whoAmI =
      request ->
          ServerResponse.ok()
              .bodyValue(AuthenticatedDevice.require(request.exchange()).userId());
  private final HandlerFunction<ServerResponse> open = request -> ServerResponse.ok().bodyValue("open");

  private final WebTestClient client = clientRevoking(Set.of());

  private WebTestClient clientRevoking(Set<String> revokedDevices) {
    DeviceRevocations revocations = device -> Mono.just(revokedDevices.contains(device.deviceId()));
    return WebTestClient.bindToRouterFunction(
            route()
                .GET("/api/whoami", whoAmI)
                .GET("/ws", whoAmI)
                .POST("/api/accounts/signup", open)
                .GET("/api/accounts/signup", open)
                .POST("/api/accounts/login", open)
                .GET("/actuator/health", open)
                .build())
        .webFilter(new BearerTokenFilter(tokens, revocations))
        .build();
  }

  @Test
  void aCallWithoutATokenGetsAProblemAndTheBareChallenge() {
    client
        .get()
        .uri("/api/whoami")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"")
        .expectBody()
        .jsonPath("$.type").isEqualTo("about:blank")
        .jsonPath("$.title").isEqualTo("Unauthorized")
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.detail").isEqualTo("An access token is required: send Authorization: Bearer <token>");
  }

  @Test
  void aCallWithAnExpiredTokenIsRefusedSayingSo() {
    Clock twoDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
    String expired = new AccessTokens(properties, twoDaysAgo).issue("user-1", "device-1").value();

    expectInvalidToken(expired, "The access token has expired");
  }

  @Test
  void aCallWithAForgedTokenIsRefused() {
    String forged =
        new AccessTokens(TestSecrets.randomProperties(), Clock.systemUTC()).issue("user-1", "device-1").value();

    expectInvalidToken(forged, "The access token is not signed by this service");
  }

  @Test
  void aCallWithAMalformedTokenIsRefused() {
    expectInvalidToken("not-a-token", "The access token is malformed");
  }

  @Test
  void aCallFromARevokedDeviceIsRefused() {
    getWithBearer(clientRevoking(Set.of("device-1")), "/api/whoami", goodToken)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail").isEqualTo("The access token's device has been signed out");
  }

  @Test
  void aGoodTokenInTheAuthorizationHeaderNamesTheCaller() {
    getWithBearer(client, "/api/whoami", goodToken)
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("user-1");
  }

  @Test
  void anotherAuthorizationSchemeCountsAsNoToken() {
    client
        .get()
        .uri("/api/whoami")
        .headers(headers -> headers.setBasicAuth("user", "password"))
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
  }

  @Test
  void theWebSocketAcceptsTheTokenInTheAuthorizationHeader() {
    getWithBearer(client, "/ws", goodToken)
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("user-1");
  }

  @Test
  void theWebSocketAcceptsTheTokenAsASubprotocolEntry() {
    getWithSubprotocols("/ws", ProtocolVersion.SUBPROTOCOL + ", " + bearerEntry(goodToken))
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("user-1");
  }

  @Test
  void theWebSocketAcceptsTheSubprotocolEntryInARepeatedHeader() {
    getWithSubprotocols("/ws", ProtocolVersion.SUBPROTOCOL, bearerEntry(goodToken))
        .expectStatus()
        .isOk();
  }

  @Test
  void theWebSocketRefusesAForgedSubprotocolToken() {
    getWithSubprotocols("/ws", ProtocolVersion.SUBPROTOCOL + ", " + bearerEntry("forged"))
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith(INVALID_TOKEN_CHALLENGE));
  }

  @Test
  void theWebSocketWithoutAnyTokenNamesBothWaysToSendOne() {
    getWithSubprotocols("/ws", ProtocolVersion.SUBPROTOCOL)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.detail")
        .value(String.class, detail -> assertThat(detail).contains("bearer.<token>"));
  }

  @Test
  void theSubprotocolFormIsOnlyForTheWebSocket() {
    getWithSubprotocols("/api/whoami", bearerEntry(goodToken))
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void signupAndLoginNeedNoToken() {
    client.post().uri("/api/accounts/signup").exchange().expectStatus().isOk();
    client.post().uri("/api/accounts/login").exchange().expectStatus().isOk();
  }

  @Test
  void onlyThePublicMethodOfAPublicPathIsOpen() {
    client.get().uri("/api/accounts/signup").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void pathsOutsideTheApiAndTheSocketAreNotGuarded() {
    client.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  private void expectInvalidToken(String token, String description) {
    getWithBearer(client, "/api/whoami", token)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals(
            HttpHeaders.WWW_AUTHENTICATE,
            INVALID_TOKEN_CHALLENGE + ", error_description=\"" + description + "\"")
        .expectBody()
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.title").isEqualTo("Unauthorized")
        .jsonPath("$.detail").isEqualTo(description);
  }

  private static String bearerEntry(String token) {
    return ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX + token;
  }

  private static WebTestClient.ResponseSpec getWithBearer(WebTestClient client, String path, String token) {
    return client.get().uri(path).headers(headers -> headers.setBearerAuth(token)).exchange();
  }

  private WebTestClient.ResponseSpec getWithSubprotocols(String path, String... entries) {
    return client.get().uri(path).header(BearerTokenFilter.WEBSOCKET_PROTOCOL_HEADER, entries).exchange();
  }
}
