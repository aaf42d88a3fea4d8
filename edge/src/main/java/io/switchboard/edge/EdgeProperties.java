package io.switchboard.edge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and identity of one edge.
 *
 * @param id names this edge's broker queue; unique per running edge (a random one if not set)
 * @param maxFrameBytes largest frame the edge reads; a larger one gets an error frame, the socket stays open
 * @param transportMaxFrameBytes largest frame the WebSocket transport accepts at all; beyond it the socket is
 *     closed with 1009 (message too big), because such a frame is not read into memory
 * @param maxBodyLength longest message body, in characters
 * @param sessionBuffer live deliveries held for one socket that is not keeping up; past it the socket is
 *     closed with 4001 and the device catches up from its cursor when it reconnects
 * @param syncPageSize messages read from the database at a time while a device catches up
 * @param unbindDelay how long this edge's queue stays bound to a user after their last device here left: a
 *     device that comes back meanwhile (a reload, a network change, a reconnect storm) costs the broker no unbind
 *     and bind; the user's deliveries that reach this edge meanwhile find no socket and are dropped (each is in
 *     the database already)
 * @param allowedOrigins origins (patterns such as {@code https://*.example.com} allowed) whose pages may open
 *     a socket besides the edge's own; a handshake whose {@code Origin} is neither is refused with 403.
 *     Clients that send no {@code Origin} (native apps, servers) are not affected
 */
@Validated
@ConfigurationProperties("switchboard.edge")
public record EdgeProperties(
    String id,
    @DefaultValue("65536") @Min(1024) int maxFrameBytes,
    @DefaultValue("1048576") @Min(1024) int transportMaxFrameBytes,
    @DefaultValue("16000") @Min(1) @Max(1_000_000) int maxBodyLength,
    @DefaultValue("1024") @Min(16) int sessionBuffer,
    @DefaultValue("100") @Min(1) @Max(200) int syncPageSize,
    @DefaultValue("60s") Duration unbindDelay,
    List<String> allowedOrigins) {

  public EdgeProperties {
    if (id == null || id.isBlank()) {
      id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
    if (unbindDelay.isNegative()) {
      throw new IllegalArgumentException("unbind-delay must not be negative");
    }
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    if (transportMaxFrameBytes < maxFrameBytes) {
      throw new IllegalArgumentException("transport-max-frame-bytes must be at least max-frame-bytes");
    }
  }

  /** For validation messages and logs. */
  public @NotBlank String edgeId() {
    return id;
  }
}
