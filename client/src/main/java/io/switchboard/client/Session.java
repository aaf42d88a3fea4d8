package io.switchboard.client;

import java.net.URI;

/**
 * One signed-in device of one account. A client holding several accounts holds several sessions, each
 * with its own token and its own socket.
 */
public record Session(SwitchboardHttp http, String userId, String deviceId, String accessToken) {

  /** Opens this device's socket. */
  public ChatConnection connect() {
    return ChatConnection.open(webSocketUri(http.base()), accessToken);
  }

  /** Opens this device's socket at the given address (e.g. one discovery named). */
  public ChatConnection connectTo(URI socketUrl) {
    return ChatConnection.open(socketUrl, accessToken);
  }

  /** Which edge discovery names for this device now; see {@link SwitchboardHttp#discoverEdge}. */
  public EdgeAddress discoverEdge(String zone) {
    return http.discoverEdge(zone, accessToken);
  }

  /** Asks discovery for an edge and opens the socket there. */
  public ChatConnection connectDiscovered(String zone) {
    return connectTo(discoverEdge(zone).url());
  }

  /** Opens this device's socket the way a page from {@code origin} would (with that {@code Origin} header). */
  public ChatConnection connectFrom(String origin) {
    return ChatConnection.open(webSocketUri(http.base()), accessToken, origin);
  }

  public HttpAnswer get(String path) {
    return http.get(path, accessToken);
  }

  public HttpAnswer post(String path, Object body) {
    return http.post(path, accessToken, body);
  }

  public HttpAnswer delete(String path) {
    return http.delete(path, accessToken);
  }

  public HttpAnswer put(String path, Object body) {
    return http.put(path, accessToken, body);
  }

  /** Group calls as this user. */
  public Groups groups() {
    return new Groups(this);
  }

  static URI webSocketUri(URI base) {
    String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + base.getAuthority() + "/ws");
  }
}
