package io.switchboard.edge.socket;

import io.switchboard.edge.EdgeProperties;
import io.switchboard.edge.session.DeviceSessions;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The socket lives at {@code /ws}. The token was checked by the security filter before the upgrade; the
 * device it names is handed to the socket's handler.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSocketConfiguration {

  static final String PATH = "/ws";

  @Bean
  HandlerMapping edgeSocketMapping(ChatSocketHandler handler) {
    return new SimpleUrlHandlerMapping(Map.of(PATH, handler), Ordered.HIGHEST_PRECEDENCE);
  }

  /**
   * Our own adapter, ahead of the framework's default one, because it must carry the authenticated device
   * from the handshake into the socket and apply the transport's frame limit.
   */
  @Bean
  WebSocketHandlerAdapter edgeWebSocketHandlerAdapter(EdgeProperties properties, DeviceSessions sessions) {
    var upgrade = new ReactorNettyRequestUpgradeStrategy(() -> WebsocketServerSpec.builder()
        .maxFramePayloadLength(properties.transportMaxFrameBytes()));
    var adapter = new WebSocketHandlerAdapter(
        new AuthenticatedWebSocketService(new HandshakeWebSocketService(upgrade), sessions,
            new AllowedOrigins(properties.allowedOrigins())));
    adapter.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return adapter;
  }
}
