package io.switchboard.presence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * One Lettuce connection per process, opened on first use: Lettuce multiplexes every command of every caller
 * over it, non-blocking, so a pool would only add sockets; and a service that never touches presence never
 * needs Redis to start. A failed first connect is not remembered: the next command tries again. Once open,
 * Lettuce reconnects by itself, every {@link #MAX_RECONNECT_DELAY} at most.
 *
 * <p>While Redis is away a command fails at once instead of waiting in Lettuce's queue for the reconnect: a
 * lease renewal that fails is simply made again by the next round once Redis is back (which also re-takes
 * leases that a restarted Redis lost), and nothing on the message path ever waits for presence.
 */
public final class PresenceRedis implements AutoCloseable {

  /** Longest wait between two attempts to reconnect to Redis; Lettuce's default grows to 30 s. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

  private final ClientResources resources;
  private final RedisClient client;
  private final AtomicReference<StatefulRedisConnection<String, String>> opened = new AtomicReference<>();
  private final Mono<RedisReactiveCommands<String, String>> commands;

  public PresenceRedis(String uri) {
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources);
    this.client.setOptions(ClientOptions.builder()
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
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
    resources.shutdown();
  }
}
