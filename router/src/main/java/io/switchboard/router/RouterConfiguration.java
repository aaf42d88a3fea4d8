package io.switchboard.router;

import io.switchboard.storage.user.UserDirectory;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouterProperties.class)
class RouterConfiguration {

  @Bean
  UserDirectory routerUserDirectory(MongoDatabase database) {
    return new UserDirectory(database);
  }
}
