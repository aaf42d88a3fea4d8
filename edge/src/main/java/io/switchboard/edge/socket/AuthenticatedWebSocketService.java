package io.switchboard.edge.socket;

import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.security.ProblemResponses;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Performs the upgrade and hands the socket to {@link ChatSocketHandler} together with the device the
 * security filter authenticated on this very request. (The framework's own attribute copying reads the
 * WebSession, which a token-authenticated socket has no reason to create.)
 */
final class AuthenticatedWebSocketService implements WebSocketService {

  private final WebSocketService upgrade;
  private final AllowedOrigins origins;

  AuthenticatedWebSocketService(WebSocketService upgrade, AllowedOrigins origins) {
    this.upgrade = upgrade;
    this.origins = origins;
  }

  @Override
  public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
    if (!(handler instanceof ChatSocketHandler chat)) {
      return upgrade.handleRequest(exchange, handler);
    }
    if (!origins.allows(exchange.getRequest())) {
      return ProblemResponses.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "a page from "
          + exchange.getRequest().getHeaders().getOrigin() + " may not open a socket here"
          + " (switchboard.edge.allowed-origins)");
    }
    List<String> offered = exchange.getRequest().getHeaders().getOrEmpty("Sec-WebSocket-Protocol").stream()
        .flatMap(header -> Arrays.stream(header.split(",")))
        .map(String::strip)
        .toList();
    if (!offered.isEmpty() && !offered.contains(ProtocolVersion.SUBPROTOCOL)) {
      // a browser that offers subprotocols aborts when none is chosen: say why instead
      return ProblemResponses.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
          "offer the " + ProtocolVersion.SUBPROTOCOL + " subprotocol (Sec-WebSocket-Protocol)");
    }
    AuthenticatedDevice device = AuthenticatedDevice.require(exchange);
    return upgrade.handleRequest(exchange, new WebSocketHandler() {
      @Override
      public List<String> getSubProtocols() {
        return chat.getSubProtocols();
      }

      @Override
      public Mono<Void> handle(WebSocketSession session) {
        return chat.handle(session, device);
      }
    });
  }
}
