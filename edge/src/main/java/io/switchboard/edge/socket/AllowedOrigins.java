package io.switchboard.edge.socket;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;

/**
 * Which web pages may open a socket: the edge's own origin (the web client it serves), and the configured
 * ones. A browser always sends {@code Origin} on a WebSocket handshake, so this is what stops another site's
 * page from opening a socket with a token it got hold of; clients that are not browsers send none and are
 * judged by their token alone.
 */
final class AllowedOrigins {

  private final CorsConfiguration configured = new CorsConfiguration();

  AllowedOrigins(List<String> patterns) {
    configured.setAllowedOriginPatterns(patterns);
  }

  boolean allows(ServerHttpRequest request) {
    // not a cross-origin request: no Origin at all, or the same scheme, host and port as the request
    if (!CorsUtils.isCorsRequest(request)) {
      return true;
    }
    return configured.checkOrigin(request.getHeaders().getFirst(HttpHeaders.ORIGIN)) != null;
  }
}
