package io.switchboard.app.e2e.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.protocol.json.SwitchboardJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * Google's OAuth2 token endpoint and FCM HTTP v1, as a sender meets them: a service account whose key only this
 * server knows the public half of; {@code POST /token} exchanges a JWT-bearer assertion (RS256, signed by that
 * key, {@code aud} = this token URI, scope firebase.messaging) for an access token; {@code POST
 * /v1/projects/<project>/messages:send} accepts only access tokens it issued.
 */
final class FcmTestServer implements AutoCloseable {

  static final String PROJECT_ID = "switchboard-test";
  static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
  static final String CLIENT_EMAIL = "push@switchboard-test.iam.gserviceaccount.com";

  private final KeyPair serviceAccountKey;
  private final Path serviceAccountFile;
  private final DisposableServer server;
  private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  final Answers answers = new Answers();

  FcmTestServer() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      serviceAccountKey = generator.generateKeyPair();
      server = HttpServer.create().host("127.0.0.1").port(0)
          .route(routes -> routes
              .post("/token", this::token)
              .post("/v1/projects/{project}/messages:send", this::send))
          .bindNow();
      serviceAccountFile = Files.createTempFile("service-account", ".json");
      Map<String, String> account = new HashMap<>();
      account.put("type", "service_account");
      account.put("project_id", PROJECT_ID);
      account.put("private_key_id", "key-1");
      account.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(serviceAccountKey.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n");
      account.put("client_email", CLIENT_EMAIL);
      account.put("client_id", "1");
      account.put("token_uri", tokenUri());
      Files.write(serviceAccountFile, SwitchboardJson.mapper().writeValueAsBytes(account));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the FCM test server", e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  private String tokenUri() {
    return endpoint() + "/token";
  }

  Path serviceAccountFile() {
    return serviceAccountFile;
  }

  int tokensIssued() {
    return issuedTokens.size();
  }

  List<Received> receivedBy(String registrationToken) {
    return received.stream().filter(one -> one.address().equals(registrationToken)).toList();
  }

  private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
    return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(form -> {
      try {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
          String[] parts = pair.split("=", 2);
          fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
              parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        assertThat(fields.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
        SignedJWT assertion = SignedJWT.parse(fields.get("assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKey.getPublic()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(CLIENT_EMAIL);
        // Google's token endpoint wants its own audience in the assertion, wherever the request is sent
        assertThat(assertion.getJWTClaimsSet().getAudience()).contains(GOOGLE_TOKEN_AUDIENCE);
        assertThat(assertion.getJWTClaimsSet().getStringClaim("scope"))
            .contains("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(assertion.getJWTClaimsSet().getExpirationTime()).isAfter(java.util.Date.from(Instant.now()));
      } catch (Exception | AssertionError invalid) {
        return response.status(400).header("content-type", "application/json")
            .sendString(Mono.just("{\"error\":\"invalid_grant\",\"error_description\":\""
                + String.valueOf(invalid.getMessage()).replace("\"", "'").replace("\n", " ") + "\"}")).then();
      }
      String accessToken = "ya29." + UUID.randomUUID();
      issuedTokens.add(accessToken);
      return response.header("content-type", "application/json")
          .sendString(Mono.just("{\"access_token\":\"" + accessToken + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"))
          .then();
    });
  }

  private Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
    String authorization = String.valueOf(request.requestHeaders().get("Authorization"));
    if (!request.param("project").equals(PROJECT_ID) || !authorization.startsWith("Bearer ")
        || !issuedTokens.contains(authorization.substring("Bearer ".length()))) {
      return error(response, 401, "UNAUTHENTICATED", null);
    }
    return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
      JsonNode message = SwitchboardJson.mapper().readTree(body).path("message");
      String token = message.path("token").asString("");
      if (token.isEmpty()) {
        return error(response, 400, "INVALID_ARGUMENT", null);
      }
      switch (answers.next(token)) {
        case GONE:
          return error(response, 404, "NOT_FOUND", "UNREGISTERED");
        case FAILED:
          return error(response, 503, "UNAVAILABLE", "UNAVAILABLE");
        default:
          received.add(new Received(token, Map.of(), message, Instant.now()));
          return response.header("content-type", "application/json")
              .sendString(Mono.just("{\"name\":\"projects/" + PROJECT_ID + "/messages/" + UUID.randomUUID() + "\"}"))
              .then();
      }
    });
  }

  private static Mono<Void> error(HttpServerResponse response, int status, String grpcStatus, String fcmError) {
    String details = fcmError == null ? "[]"
        : "[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + fcmError + "\"}]";
    return response.status(status).header("content-type", "application/json")
        .sendString(Mono.just("{\"error\":{\"code\":" + status + ",\"status\":\"" + grpcStatus
            + "\",\"details\":" + details + "}}"))
        .then();
  }

  @Override
  public void close() {
    server.disposeNow();
    try {
      Files.deleteIfExists(serviceAccountFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
