package io.switchboard.edge;

import io.switchboard.protocol.json.FrameCodec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

  @Bean
  FrameCodec edgeFrameCodec() {
    return new FrameCodec();
  }
}
