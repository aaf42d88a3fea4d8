package io.switchboard.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access tokens and the filter that demands them, for every service that serves the API or the socket. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  @Bean
  AccessTokens switchboardAccessTokens(SecurityProperties properties) {
    return new AccessTokens(properties, Clock.systemUTC());
  }

  @Bean
  BearerTokenFilter switchboardBearerTokenFilter(
      AccessTokens accessTokens, ObjectProvider<DeviceRevocations> revocations) {
    return new BearerTokenFilter(accessTokens, revocations.getIfAvailable(() -> DeviceRevocations.NONE));
  }
}
