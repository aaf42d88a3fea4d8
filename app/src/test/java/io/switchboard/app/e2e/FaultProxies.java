package io.switchboard.app.e2e;

import io.switchboard.app.embedded.EmbeddedInfrastructure;
import java.util.Map;

/**
 * One {@link FaultProxy} in front of each server the services use: the broker, MongoDB and Redis. The
 * services are given the proxies' addresses, so a test can take any server away from all of them at once.
 */
public record FaultProxies(FaultProxy broker, FaultProxy mongo, FaultProxy redis) implements AutoCloseable {

  /**
   * How long a MongoDB operation waits for a reachable server before it fails (the driver's default is 30 s),
   * so a test sees a refused operation, not a hanging one.
   */
  static final int MONGO_SERVER_SELECTION_MILLIS = 2_000;

  /** Proxies in front of the servers the properties name; the properties are rewritten to go through them. */
  static FaultProxies inFrontOf(Map<String, Object> properties) {
    String brokerUri = (String) properties.get(EmbeddedInfrastructure.BROKER_URI_PROPERTY);
    String mongoUri = (String) properties.get(EmbeddedInfrastructure.MONGODB_URI_PROPERTY);
    String redisUri = (String) properties.get(EmbeddedInfrastructure.REDIS_URI_PROPERTY);
    FaultProxies proxies = new FaultProxies(
        FaultProxy.inFrontOf(brokerUri), FaultProxy.inFrontOf(mongoUri), FaultProxy.inFrontOf(redisUri));
    properties.put(EmbeddedInfrastructure.BROKER_URI_PROPERTY, proxies.broker().proxied(brokerUri));
    properties.put(EmbeddedInfrastructure.REDIS_URI_PROPERTY, proxies.redis().proxied(redisUri));
    String proxiedMongo = proxies.mongo().proxied(mongoUri);
    if (proxiedMongo.indexOf('/', "mongodb://".length()) < 0) {
      proxiedMongo += "/";
    }
    proxiedMongo += (proxiedMongo.contains("?") ? "&" : "?")
        + "serverSelectionTimeoutMS=" + MONGO_SERVER_SELECTION_MILLIS;
    properties.put(EmbeddedInfrastructure.MONGODB_URI_PROPERTY, proxiedMongo);
    return proxies;
  }

  @Override
  public void close() {
    broker.close();
    mongo.close();
    redis.close();
  }
}
