package io.switchboard.limits;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.switchboard.presence.PresenceRedis;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, one hash per key, each taken from by one Lua script: one round trip, atomic however
 * many edges and services race, and timed by Redis's own clock so the instances' clocks need not agree. (Why
 * not Bucket4j: its Lettuce proxy manager works by compare-and-swap, a read and then a conditional write
 * retried under contention, at least two round trips on the message path, and it wants a second connection
 * with a byte-array codec; this script is a dozen lines on the connection presence already holds, within
 * Redis 6.2.)
 *
 * <p>A bucket's key expires once it would be full again, so idle clients cost nothing.
 *
 * <p>If Redis cannot answer within {@link #TIMEOUT}, the action is allowed: a limit that cannot be checked must
 * not take chat down with it. The outage is logged once when it starts and once when it ends.
 */
public final class TokenBuckets {

  /** How long a check may wait for Redis before the action goes ahead unchecked. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  /**
   * KEYS: the bucket; ARGV: capacity, period ms. Returns 0 if a token was taken, else the ms until one will
   * be there. Tokens are fractional: the bucket refills continuously at capacity per period.
   */
  private static final String TAKE = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local capacity = tonumber(ARGV[1])
      local period = tonumber(ARGV[2])
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
      local tokens = tonumber(state[1])
      local at = tonumber(state[2])
      if tokens == nil or at == nil then
        tokens = capacity
        at = now
      end
      tokens = math.min(capacity, tokens + math.max(0, now - at) * capacity / period)
      local wait = 0
      if tokens >= 1 then
        tokens = tokens - 1
      else
        wait = math.ceil((1 - tokens) * period / capacity)
      end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
      redis.call('PEXPIRE', KEYS[1], period)
      return wait
      """;

  private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);

  private final Mono<RedisReactiveCommands<String, String>> redis;
  private final AtomicBoolean unavailable = new AtomicBoolean();

  public TokenBuckets(PresenceRedis redis) {
    this.redis = redis.commands();
  }

  /** Takes one token from the bucket at {@code key}, shaped by {@code limit}. */
  public Mono<Verdict> take(String key, RateLimit limit) {
    return redis
        .flatMap(commands -> commands.<Long>eval(TAKE, ScriptOutputType.INTEGER, new String[] {key},
                Integer.toString(limit.capacity()), Long.toString(limit.period().toMillis()))
            .next())
        .timeout(TIMEOUT)
        .map(wait -> {
          if (unavailable.compareAndSet(true, false)) {
            log.info("Rate limits are checked again: Redis answers");
          }
          return wait <= 0 ? Verdict.ALLOWED : Verdict.refused(Duration.ofMillis(wait));
        })
        .onErrorResume(error -> {
          if (unavailable.compareAndSet(false, true)) {
            log.warn("Rate limits are not checked while Redis does not answer: {}", error.toString());
          }
          return Mono.just(Verdict.ALLOWED);
        });
  }
}
