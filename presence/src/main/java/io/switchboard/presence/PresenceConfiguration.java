package io.switchboard.presence;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RedisProperties.class, PresenceProperties.class})
public class PresenceConfiguration {

  @Bean(destroyMethod = "close")
  PresenceRedis presenceRedis(RedisProperties properties) {
    return new PresenceRedis(properties.uri());
  }
}
