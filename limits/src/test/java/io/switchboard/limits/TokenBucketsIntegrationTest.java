package io.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.presence.PresenceRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import redis.embedded.RedisServer;

/**
 * The token-bucket script against a real redis-server: the one named by {@code SWITCHBOARD_REDIS_URI} (CI),
 * else the 6.2 server embedded-redis bundles. Every key of these tests starts with a prefix of their own.
 */
class TokenBucketsIntegrationTest {

  private static final String RUN_PREFIX = "switchboard_test_" + UUID.randomUUID().toString().substring(0, 8) + ":";

  private static RedisServer embedded;
  private static PresenceRedis redis;
  private static TokenBuckets buckets;

  @BeforeAll
  static void startRedis() throws IOException {
    String uri = System.getenv("SWITCHBOARD_REDIS_URI");
    if (uri == null || uri.isBlank()) {
      int port = freePort();
      embedded = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").build();
      embedded.start();
      uri = "redis://127.0.0.1:" + port;
    }
    redis = new PresenceRedis(uri);
    buckets = new TokenBuckets(redis);
    // the first command opens the connection, which on a busy machine can outlast the check's timeout (and
    // then the check lets the action through, as it should); the tests here are about the script
    redis.commands().flatMap(commands -> commands.ping()).block(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.commands()
        .flatMap(commands -> commands.keys(RUN_PREFIX + "*").collectList()
            .filter(keys -> !keys.isEmpty())
            .flatMap(keys -> commands.del(keys.toArray(String[]::new))))
        .block();
    redis.close();
    if (embedded != null) {
      embedded.stop();
    }
  }

  @Test
  void aBurstUpToTheCapacityIsAllowedAndTheNextIsToldWhenToRetry() {
    RateLimit limit = RateLimit.parse("5/10s");
    String key = newKey();

    List<Verdict> verdicts = takeMany(key, limit, 6);

    assertThat(verdicts.subList(0, 5)).allMatch(Verdict::allowed);
    Verdict refused = verdicts.get(5);
    assertThat(refused.allowed()).isFalse();
    // one token comes back every 10 s / 5 = 2 s; a little of that has passed already
    assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);
  }

  @Test
  void aRefusalTakesNothingAndTheBucketRefillsWithTime() throws InterruptedException {
    RateLimit limit = RateLimit.parse("2/400ms");
    String key = newKey();
    assertThat(takeMany(key, limit, 3)).extracting(Verdict::allowed).containsExactly(true, true, false);

    Thread.sleep(250); // one token back after 200 ms

    assertThat(takeMany(key, limit, 2)).extracting(Verdict::allowed).containsExactly(true, false);
  }

  @Test
  void bucketsOfDifferentKeysAreIndependent() {
    RateLimit limit = RateLimit.parse("1/1m");
    String emptied = newKey();
    String other = newKey();
    assertThat(takeMany(emptied, limit, 2)).extracting(Verdict::allowed).containsExactly(true, false);

    assertThat(buckets.take(other, limit).block().allowed()).isTrue();
  }

  @Test
  void racingTakersGetExactlyTheCapacity() {
    RateLimit limit = RateLimit.parse("20/1h");
    String key = newKey();

    List<Verdict> verdicts = Flux.range(0, 60)
        .flatMap(i -> buckets.take(key, limit), 60)
        .collectList()
        .block();

    assertThat(verdicts).filteredOn(Verdict::allowed).hasSize(20);
  }

  @Test
  void anIdleBucketLeavesNoKeyOnceItWouldBeFull() throws InterruptedException {
    RateLimit limit = RateLimit.parse("3/300ms");
    String key = newKey();
    buckets.take(key, limit).block();

    Thread.sleep(600);

    assertThat(redis.commands().flatMap(commands -> commands.exists(key)).block()).isZero();
  }

  @Test
  void withoutRedisEveryActionIsAllowed() throws IOException {
    try (PresenceRedis nowhere = new PresenceRedis("redis://127.0.0.1:" + freePort())) {
      TokenBuckets unchecked = new TokenBuckets(nowhere);
      RateLimit limit = RateLimit.parse("1/1h");

      assertThat(List.of(unchecked.take("k", limit).block(), unchecked.take("k", limit).block()))
          .allMatch(Verdict::allowed);
    }
  }

  @Test
  void limitsAreWrittenAsCapacitySlashPeriod() {
    assertThat(RateLimit.parse("30/10s")).isEqualTo(new RateLimit(30, Duration.ofSeconds(10)));
    assertThat(RateLimit.valueOf("5/PT1H")).isEqualTo(new RateLimit(5, Duration.ofHours(1)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimit.parse("30"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RateLimit.parse("0/1s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Verdict> takeMany(String key, RateLimit limit, int times) {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      verdicts.add(buckets.take(key, limit).block());
    }
    return verdicts;
  }

  private static String newKey() {
    return RUN_PREFIX + UUID.randomUUID();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
