package io.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.switchboard.accounts.device.DeviceView;
import io.switchboard.accounts.login.LoginResponse;
import io.switchboard.accounts.user.UserView;
import io.switchboard.security.AccessTokens;
import io.switchboard.security.SecurityProperties;
import io.switchboard.storage.user.UserDirectory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The accounts service as it runs, on a real port, against a MongoDB wire-protocol server in memory. */
class AccountsIntegrationTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD = "correct horse battery staple";

  private static MongoServer mongo;
  private static ConfigurableApplicationContext accounts;
  private static WebTestClient client;

  @BeforeAll
  static void startAccountsOnAnInMemoryMongo() {
    mongo = new MongoServer(new MemoryBackend());
    InetSocketAddress address = mongo.bind();
    accounts =
        new SpringApplicationBuilder(AccountsApplication.class)
            .properties("spring.config.name=accounts")
            .run(
                "--server.port=0",
                "--switchboard.mongodb.uri=mongodb://" + address.getHostString() + ":" + address.getPort(),
                "--switchboard.mongodb.database=accounts-it",
                "--switchboard.security.token-secret=" + randomSecret(),
                // buckets of its own in whatever Redis is there, and limits these tests never reach
                "--switchboard.limits.key-prefix=switchboard_test_" + java.util.UUID.randomUUID() + ":limits:",
                "--switchboard.limits.logins-per-account=100000/1s",
                "--switchboard.limits.logins-per-address=100000/1s",
                "--switchboard.limits.signups-per-address=100000/1s",
                "--switchboard.limits.http-per-token=100000/1s");
    int port = accounts.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            // Argon2 hashing is slow on purpose; a busy CI machine should not fail the test for it
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stop() {
    if (accounts != null) {
      accounts.close();
    }
    if (mongo != null) {
      mongo.shutdownNow();
    }
  }

  @Test
  void signupCreatesTheUserWithItsUsernameLowerCased() {
    String username = newUsername("alice");

    UserView user =
        client
            .post()
            .uri("/api/accounts/signup")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", username.toUpperCase(), "password", PASSWORD, "displayName", "Alice"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/users/"))
            .expectBody(UserView.class)
            .returnResult()
            .getResponseBody();

    assertThat(user.username()).isEqualTo(username);
    assertThat(user.displayName()).isEqualTo("Alice");
    assertThat(RandomIds.isWellFormed(user.userId())).isTrue();
  }

  @Test
  void theDisplayNameDefaultsToTheUsername() {
    String username = newUsername("nodisplay");

    assertThat(signup(username).displayName()).isEqualTo(username);
  }

  @Test
  void aSecondSignupWithTheSameUsernameInAnyCaseIsAConflict() {
    String username = newUsername("bob");
    signup(username);

    postJson("/api/accounts/signup", Map.of("username", username.toUpperCase(), "password", PASSWORD))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo("about:blank")
        .jsonPath("$.status").isEqualTo(409)
        .jsonPath("$.title").isEqualTo("Conflict")
        .jsonPath("$.detail").isEqualTo("The username " + username + " is taken");
  }

  @Test
  void aPasswordAnAttackerWouldTryFirstIsRefused() {
    String username = newUsername("weak");
    expectBadField(Map.of("username", username, "password", "password123"), "password");
    expectBadField(Map.of("username", username, "password", "QWERTYUIOP"), "password");
    expectBadField(Map.of("username", username, "password", "zzzzzzzzzzzz"), "password");
    expectBadField(Map.of("username", username, "password", username.toUpperCase()), "password");
    // the same length, not on the list: fine
    postJson("/api/accounts/signup", Map.of("username", username, "password", "gravel lantern"))
        .expectStatus().isCreated();
  }

  @Test
  void signupNamesTheFieldThatIsWrong() {
    expectBadField(Map.of("username", "no spaces allowed", "password", PASSWORD), "username");
    expectBadField(Map.of("username", "ab", "password", PASSWORD), "username");
    expectBadField(Map.of("password", PASSWORD), "username");
    expectBadField(Map.of("username", newUsername("short"), "password", "seven77"), "password");
    expectBadField(Map.of("username", newUsername("long"), "password", "p".repeat(129)), "password");
    expectBadField(
        Map.of("username", newUsername("display"), "password", PASSWORD, "displayName", "d".repeat(65)),
        "displayName");
  }

  @Test
  void aMalformedBodyIsABadRequestProblem() {
    client
        .post()
        .uri("/api/accounts/signup")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"username\": ")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(400)
        .jsonPath("$.detail").isEqualTo("The body is not JSON of the expected shape");
  }

  @Test
  void anEmptyBodyIsABadRequestProblem() {
    client
        .post()
        .uri("/api/accounts/login")
        .contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail").isEqualTo("A JSON body is required");
  }

  @Test
  void loginIssuesATokenThatIdentifiesTheCaller() {
    String username = newUsername("carol");
    UserView carol = signup(username);

    LoginResponse login = login(username, Map.of("deviceName", "Carol's phone", "platform", "android"));

    assertThat(login.userId()).isEqualTo(carol.userId());
    assertThat(login.tokenType()).isEqualTo("Bearer");
    assertThat(login.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    getWithBearer(login.accessToken(), "/api/users/me")
        .expectStatus()
        .isOk()
        .expectBody(UserView.class)
        .isEqualTo(carol);
  }

  @Test
  void loginAcceptsTheUsernameInAnyCase() {
    String username = newUsername("dave");
    signup(username);

    postJson("/api/accounts/login", Map.of("username", username.toUpperCase(), "password", PASSWORD))
        .expectStatus()
        .isOk();
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    String username = newUsername("erin");
    signup(username);

    expectLoginRefused(Map.of("username", username, "password", "not the password"));
    expectLoginRefused(Map.of("username", newUsername("nobody"), "password", PASSWORD));
  }

  @Test
  void aForgedTokenIsRefused() {
    SecurityProperties otherSecret = new SecurityProperties(randomSecret(), Duration.ofHours(1));
    AccessTokens otherService = new AccessTokens(otherSecret, Clock.systemUTC());
    String forged = otherService.issue(RandomIds.newId(), RandomIds.newId()).value();

    expectTokenRefused(forged, "The access token is not signed by this service");
  }

  @Test
  void anExpiredTokenIsRefused() {
    SecurityProperties sameSecret = accounts.getBean(SecurityProperties.class);
    Clock longAgo = Clock.offset(Clock.systemUTC(), sameSecret.tokenTtl().plusMinutes(1).negated());
    String expired = new AccessTokens(sameSecret, longAgo).issue(RandomIds.newId(), RandomIds.newId()).value();

    expectTokenRefused(expired, "The access token has expired");
  }

  @Test
  void aCallWithoutATokenIsRefused() {
    client
        .get()
        .uri("/api/devices")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void loginWithItsOwnDeviceIdReusesTheDeviceAndWithoutOneAddsADevice() {
    String username = newUsername("frank");
    signup(username);
    LoginResponse phone = login(username, Map.of("deviceName", "Frank's phone", "platform", "ios"));

    LoginResponse phoneAgain = login(username, Map.of("deviceId", phone.deviceId()));
    LoginResponse laptop = login(username, Map.of("deviceName", "Frank's laptop", "platform", "web"));

    assertThat(phoneAgain.deviceId()).isEqualTo(phone.deviceId());
    assertThat(laptop.deviceId()).isNotEqualTo(phone.deviceId());
    List<DeviceView> devices = devicesOf(laptop);
    assertThat(devices).extracting(DeviceView::deviceId).containsExactly(laptop.deviceId(), phone.deviceId());
    assertThat(devices).extracting(DeviceView::current).containsExactly(true, false);
    DeviceView phoneDevice = devices.get(1);
    assertThat(phoneDevice.name()).isEqualTo("Frank's phone");
    assertThat(phoneDevice.platform()).isEqualTo("ios");
    assertThat(phoneDevice.lastLoginAt()).isAfter(phoneDevice.createdAt());
  }

  @Test
  void loginWithSomeoneElsesDeviceIdGetsANewDevice() {
    String grace = newUsername("grace");
    String heidi = newUsername("heidi");
    signup(grace);
    signup(heidi);
    LoginResponse gracesLogin = login(grace, Map.of());

    LoginResponse heidisLogin = login(heidi, Map.of("deviceId", gracesLogin.deviceId()));

    assertThat(heidisLogin.deviceId()).isNotEqualTo(gracesLogin.deviceId());
    assertThat(devicesOf(gracesLogin)).extracting(DeviceView::deviceId).containsExactly(gracesLogin.deviceId());
  }

  @Test
  void aMalformedDeviceIdIsABadRequest() {
    String username = newUsername("ivan");
    signup(username);

    postJson("/api/accounts/login", Map.of("username", username, "password", PASSWORD, "deviceId", "../etc"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.field").isEqualTo("deviceId");
  }

  @Test
  void aSignedInUserFindsAnotherByUsernameOrId() {
    String judy = newUsername("judy");
    UserView bob = signup(newUsername("bob"));
    signup(judy);
    String token = login(judy, Map.of()).accessToken();

    getWithBearer(token, "/api/users?username={username}", bob.username().toUpperCase())
        .expectStatus()
        .isOk()
        .expectBody(UserView.class)
        .isEqualTo(bob);
    getWithBearer(token, "/api/users/{userId}", bob.userId())
        .expectStatus()
        .isOk()
        .expectBody(UserView.class)
        .isEqualTo(bob);
  }

  @Test
  void lookingUpSomeoneWhoDoesNotExistIsNotFound() {
    String username = newUsername("kim");
    signup(username);
    String token = login(username, Map.of()).accessToken();

    for (String path :
        List.of(
            "/api/users?username=" + newUsername("ghost"),
            "/api/users/" + RandomIds.newId(),
            "/api/users/not-an-id")) {
      getWithBearer(token, path)
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.detail").isEqualTo("No such user");
    }
  }

  @Test
  void theUserDirectorySeesSignedUpUsers() {
    UserDirectory directory = new UserDirectory(accounts.getBean(MongoDatabase.class));
    UserView user = signup(newUsername("leo"));

    assertThat(directory.exists(user.userId()).block()).isTrue();
    assertThat(directory.exists(RandomIds.newId()).block()).isFalse();
  }

  private static UserView signup(String username) {
    return postJson("/api/accounts/signup", Map.of("username", username, "password", PASSWORD))
        .expectStatus()
        .isCreated()
        .expectBody(UserView.class)
        .returnResult()
        .getResponseBody();
  }

  private static LoginResponse login(String username, Map<String, String> extraFields) {
    Map<String, String> body = new HashMap<>(extraFields);
    body.put("username", username);
    body.put("password", PASSWORD);
    return postJson("/api/accounts/login", body)
        .expectStatus()
        .isOk()
        .expectBody(LoginResponse.class)
        .returnResult()
        .getResponseBody();
  }

  private static List<DeviceView> devicesOf(LoginResponse login) {
    return getWithBearer(login.accessToken(), "/api/devices")
        .expectStatus()
        .isOk()
        .expectBodyList(DeviceView.class)
        .returnResult()
        .getResponseBody();
  }

  private static WebTestClient.ResponseSpec getWithBearer(String token, String path, Object... uriVariables) {
    return client.get().uri(path, uriVariables).headers(headers -> headers.setBearerAuth(token)).exchange();
  }

  private static WebTestClient.ResponseSpec postJson(String path, Map<String, String> body) {
    return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
  }

  private static void expectBadField(Map<String, String> body, String field) {
    postJson("/api/accounts/signup", body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.field").isEqualTo(field)
        .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith(field + " "));
  }

  private static void expectLoginRefused(Map<String, String> body) {
    postJson("/api/accounts/login", body)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status").isEqualTo(401)
        .jsonPath("$.detail").isEqualTo("Unknown username or wrong password")
        .jsonPath("$.accessToken").doesNotExist();
  }

  private static void expectTokenRefused(String token, String description) {
    getWithBearer(token, "/api/users/me")
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail").isEqualTo(description);
  }

  /** Each test names its own users, so no test depends on what another left behind. */
  private static String newUsername(String prefix) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return prefix + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String randomSecret() {
    byte[] secret = new byte[48];
    RANDOM.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }
}
