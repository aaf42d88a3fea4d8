package io.switchboard.edge;

import io.switchboard.discovery.DiscoveryConfiguration;
import io.switchboard.protocol.json.FrameCodec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EdgeProperties.class, EdgeDiscoveryProperties.class})
// the registry in ZooKeeper (when configured); the discovery endpoint itself is not served by edges
@Import(DiscoveryConfiguration.class)
class EdgeConfiguration {

  @Bean
  FrameCodec edgeFrameCodec() {
    return new FrameCodec();
  }
}
