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

  public HttpAnswer get(String path) {
    return http.get(path, accessToken);
  }

  public HttpAnswer post(String path, Object body) {
    return http.post(path, accessToken, body);
  }

  static URI webSocketUri(URI base) {
    String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + base.getAuthority() + "/ws");
  }
}
