package io.switchboard.broker;

import io.switchboard.protocol.json.BrokerCodec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One broker connection per process, shared by publishing and consuming. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
public class BrokerConfiguration {

  @Bean(destroyMethod = "close")
  Broker switchboardBroker(BrokerProperties properties) {
    return Broker.connect(properties);
  }

  @Bean
  BrokerCodec switchboardBrokerCodec() {
    return new BrokerCodec();
  }
}
