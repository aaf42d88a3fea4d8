package io.switchboard.client;

import io.switchboard.protocol.json.SwitchboardJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of Switchboard for one server address: accounts and history. Blocking, for tests, tools and
 * the load generator's set-up phase; answers are JSON trees so callers see exactly what the server sent.
 */
public final class SwitchboardHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      // HTTP/1.1 only: the JDK client's default h2c upgrade on requests with a body now and then leaves a call
      // unanswered against a server that does not upgrade (seen as 15 s timeouts in the tests)
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();

  public SwitchboardHttp(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  public HttpAnswer signUp(String username, String password) {
    return post("/api/accounts/signup", null, Map.of("username", username, "password", password));
  }

  /** Logs in as a new device. */
  public Session logIn(String username, String password) {
    return sessionFrom(post("/api/accounts/login", null, Map.of("username", username, "password", password)));
  }

  /** Logs in again as a device this user already has. */
  public Session logIn(String username, String password, String deviceId) {
    return sessionFrom(post("/api/accounts/login", null,
        Map.of("username", username, "password", password, "deviceId", deviceId)));
  }

  /** Signs up and logs in; the usual first step of a test user. */
  public Session register(String username, String password) {
    HttpAnswer signedUp = signUp(username, password);
    if (signedUp.status() != 201) {
      throw new IllegalStateException("sign-up failed: " + signedUp);
    }
    return logIn(username, password);
  }

  /**
   * Asks discovery which edge to open a socket on: one in {@code zone} (may be null) if any, the least loaded.
   * Clients ask before connecting and again after every disconnect.
   */
  public EdgeAddress discoverEdge(String zone, String accessToken) {
    String query = zone == null ? "" : "?zone=" + java.net.URLEncoder.encode(zone, java.nio.charset.StandardCharsets.UTF_8);
    HttpAnswer answer = get("/api/discovery/edge" + query, accessToken);
    if (answer.status() != 200) {
      throw new SwitchboardClientException("discovery named no edge: " + answer);
    }
    JsonNode body = answer.body();
    return new EdgeAddress(body.get("edgeId").asString(), URI.create(body.get("url").asString()),
        body.get("zone").asString(), body.get("connections").asInt());
  }

  public HttpAnswer get(String path, String accessToken) {
    return send(request(path, accessToken).GET().build());
  }

  public HttpAnswer post(String path, String accessToken, Object body) {
    return withJson("POST", path, accessToken, body);
  }

  public HttpAnswer put(String path, String accessToken, Object body) {
    return withJson("PUT", path, accessToken, body);
  }

  private HttpAnswer withJson(String method, String path, String accessToken, Object body) {
    byte[] json = SwitchboardJson.mapper().writeValueAsBytes(body);
    return send(request(path, accessToken)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(json))
        .build());
  }

  public HttpAnswer delete(String path, String accessToken) {
    return send(request(path, accessToken).DELETE().build());
  }

  /** For tests of bad input: sends the body exactly as given. */
  public HttpAnswer postRaw(String path, String accessToken, String rawBody) {
    return send(request(path, accessToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(rawBody))
        .build());
  }

  /** For tests of bad input: any method, the body (or none, when null) exactly as given, as JSON. */
  public HttpAnswer exchangeRaw(String method, String path, String accessToken, String rawBody) {
    HttpRequest.Builder request = request(path, accessToken);
    if (rawBody == null) {
      return send(request.method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
    return send(request.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(rawBody))
        .build());
  }

  private HttpRequest.Builder request(String path, String accessToken) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (accessToken != null) {
      builder.header("Authorization", "Bearer " + accessToken);
    }
    return builder;
  }

  private HttpAnswer send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = response.body().isEmpty() ? null : SwitchboardJson.mapper().readTree(response.body());
      return new HttpAnswer(response.statusCode(), contentType, body, response.headers().map());
    } catch (IOException e) {
      throw new SwitchboardClientException("HTTP call to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchboardClientException("interrupted calling " + request.uri(), e);
    }
  }

  private Session sessionFrom(HttpAnswer answer) {
    if (answer.status() != 200) {
      throw new SwitchboardClientException("login failed: " + answer);
    }
    JsonNode body = answer.body();
    return new Session(this, body.get("userId").asString(), body.get("deviceId").asString(),
        body.get("accessToken").asString());
  }
}
