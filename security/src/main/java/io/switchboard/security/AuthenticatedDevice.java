package io.switchboard.security;

import java.util.Objects;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who is calling: the user, and which of their devices. {@link BearerTokenFilter} puts it on the exchange
 * once the token checks out; handlers read it from there.
 */
public record AuthenticatedDevice(String userId, String deviceId) {

  /** The exchange attribute that carries the caller. */
  public static final String EXCHANGE_ATTRIBUTE = "switchboard.device";

  public AuthenticatedDevice {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(deviceId, "deviceId");
  }

  public static void put(ServerWebExchange exchange, AuthenticatedDevice device) {
    exchange.getAttributes().put(EXCHANGE_ATTRIBUTE, device);
  }

  /** The caller, or empty on a path {@link BearerTokenFilter} lets through without a token. */
  public static Optional<AuthenticatedDevice> find(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(EXCHANGE_ATTRIBUTE));
  }

  /**
   * The caller, on a path the filter guards. Absent there means the filter did not run: a wiring bug, not
   * a client error, so it fails loudly.
   */
  public static AuthenticatedDevice require(ServerWebExchange exchange) {
    return find(exchange)
        .orElseThrow(
            () -> new IllegalStateException("no authenticated device on " + exchange.getRequest().getPath()));
  }
}
