package io.switchboard.limits;

import io.switchboard.presence.PresenceConfiguration;
import io.switchboard.presence.PresenceRedis;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Rate limits for a service that serves the API or the socket. Imports presence's Redis connection, so a
 * service that has no other use for presence (search) still gets the one connection per process.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@Import(PresenceConfiguration.class)
public class LimitsConfiguration {

  @Bean
  TokenBuckets switchboardTokenBuckets(PresenceRedis redis) {
    return new TokenBuckets(redis);
  }

  @Bean
  RateLimiter switchboardRateLimiter(TokenBuckets buckets, RateLimitProperties properties) {
    return new RateLimiter(buckets, properties);
  }

  @Bean
  HttpCallLimitFilter switchboardHttpCallLimitFilter(RateLimiter limiter) {
    return new HttpCallLimitFilter(limiter);
  }
}
