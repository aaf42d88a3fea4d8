package io.switchboard.edge.socket;

import io.switchboard.discovery.endpoint.DiscoveryRoutes;
import io.switchboard.edge.session.DeviceSessions;
import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.security.ProblemResponses;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Performs the upgrade and hands the socket to {@link ChatSocketHandler} together with the device the
 * security filter authenticated on this very request. (The framework's own attribute copying reads the
 * WebSession, which a token-authenticated socket has no reason to create.)
 */
final class AuthenticatedWebSocketService implements WebSocketService {

  private static final String DISCOVERY_PATH = DiscoveryRoutes.EDGE_PATH;

  private final WebSocketService upgrade;
  private final DeviceSessions sessions;
  private final AllowedOrigins origins;

  AuthenticatedWebSocketService(WebSocketService upgrade, DeviceSessions sessions, AllowedOrigins origins) {
    this.upgrade = upgrade;
    this.sessions = sessions;
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
    if (sessions.isDraining()) {
      return ProblemResponses.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
          "this edge is draining: ask " + DISCOVERY_PATH + " for another and connect there");
    }
    AuthenticatedDevice device = AuthenticatedDevice.require(exchange);
    Runnable dropConnection = connectionDropper(exchange);
    return upgrade.handleRequest(exchange, new WebSocketHandler() {
      @Override
      public List<String> getSubProtocols() {
        return chat.getSubProtocols();
      }

      @Override
      public Mono<Void> handle(WebSocketSession session) {
        return chat.handle(session, device, dropConnection);
      }
    });
  }

  /**
   * Closes the TCP connection of this exchange, which the socket keeps after the upgrade; the session API can
   * only ask for a closing handshake, which a peer that does not read never takes.
   */
  private static Runnable connectionDropper(ServerWebExchange exchange) {
    Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
    if (nativeRequest instanceof Connection connection) {
      return () -> connection.channel().close();
    }
    return () -> {};
  }
}
