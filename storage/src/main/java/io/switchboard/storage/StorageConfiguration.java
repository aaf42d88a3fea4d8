package io.switchboard.storage;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One MongoDB client per process, shared by every store; each store declares the indexes its queries need. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {

  @Bean(destroyMethod = "close")
  MongoClient switchboardMongoClient(StorageProperties properties) {
    return MongoClients.create(properties.uri());
  }

  @Bean
  MongoDatabase switchboardDatabase(MongoClient client, StorageProperties properties) {
    return client.getDatabase(properties.database());
  }

  /**
   * Indexes are created before the service takes traffic: the unique ones are what keeps duplicates out, so
   * serving without them would be wrong, not just slow. Runs once at start-up, off any event loop.
   */
  @Bean
  SmartInitializingSingleton switchboardIndexes(List<IndexedStore> stores) {
    return () -> stores.forEach(store -> store.ensureIndexes().block(StorageLimits.INDEX_CREATION_TIMEOUT));
  }
}
