package io.switchboard.discovery;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the edges are registered.
 *
 * @param zookeeper ZooKeeper connect string ({@code host:port[,host:port…]}); discovery is off when unset
 * @param basePath the znode under which edges register; every service of one deployment uses the same
 * @param sessionTimeout how long ZooKeeper keeps a silent edge's registration: an edge that dies without
 *     leaving disappears from discovery within this time
 * @param connectionTimeout how long one attempt to reach ZooKeeper may take
 */
@Validated
@ConfigurationProperties("switchboard.discovery")
public record DiscoveryProperties(
    String zookeeper,
    @DefaultValue("/switchboard") @NotBlank String basePath,
    @DefaultValue("15s") Duration sessionTimeout,
    @DefaultValue("10s") Duration connectionTimeout) {

  public boolean enabled() {
    return zookeeper != null && !zookeeper.isBlank();
  }
}
