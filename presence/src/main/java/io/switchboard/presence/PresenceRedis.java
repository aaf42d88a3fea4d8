package io.switchboard.presence;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * One Lettuce connection per process, opened on first use: Lettuce multiplexes every command of every caller
 * over it, non-blocking, so a pool would only add sockets; and a service that never touches presence never
 * needs Redis to start. A failed first connect is not remembered: the next command tries again. Once open,
 * Lettuce reconnects by itself.
 */
public final class PresenceRedis implements AutoCloseable {

  private final RedisClient client;
  private final AtomicReference<StatefulRedisConnection<String, String>> opened = new AtomicReference<>();
  private final Mono<RedisReactiveCommands<String, String>> commands;

  public PresenceRedis(String uri) {
    this.client = RedisClient.create();
    RedisURI redisUri = RedisURI.create(uri);
    this.commands = Mono.defer(() -> Mono.fromCompletionStage(client.connectAsync(StringCodec.UTF8, redisUri)))
        .doOnNext(opened::set)
        .map(StatefulRedisConnection::reactive)
        .cache(connected -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
  }

  public Mono<RedisReactiveCommands<String, String>> commands() {
    return commands;
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> connection = opened.get();
    if (connection != null) {
      connection.close();
    }
    client.shutdown();
  }
}
