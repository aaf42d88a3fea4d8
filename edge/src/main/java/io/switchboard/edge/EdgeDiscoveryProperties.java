package io.switchboard.edge;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How an edge presents itself in discovery, and how it stops.
 *
 * @param zone where this edge runs; clients of the same zone are sent here first
 * @param publicUrl the WebSocket address clients use, e.g. {@code wss://edge-3.chat.example/ws}; if unset,
 *     {@code ws://<advertised-host>:<port>/ws}
 * @param advertisedHost the host part of the address when {@code public-url} is unset
 * @param loadReportInterval how often the number of open sockets is written to ZooKeeper, when it changed
 * @param drainTimeout how long a draining edge waits for its clients to leave before it stops anyway
 * @param drainOnStop drain when the application stops (SIGTERM); off, it stops at once as a crashed edge would
 *     (tests that model a crash turn it off)
 */
@Validated
@ConfigurationProperties("switchboard.edge")
public record EdgeDiscoveryProperties(
    @DefaultValue("default") @NotBlank String zone,
    String publicUrl,
    @DefaultValue("127.0.0.1") @NotBlank String advertisedHost,
    @DefaultValue("1s") Duration loadReportInterval,
    @DefaultValue("10s") Duration drainTimeout,
    @DefaultValue("true") boolean drainOnStop) {

  /** The socket's address for a server listening on {@code port}. */
  public String socketUrl(int port) {
    if (publicUrl != null && !publicUrl.isBlank()) {
      return publicUrl;
    }
    return "ws://" + advertisedHost + ":" + port + "/ws";
  }
}
