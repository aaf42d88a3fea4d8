package io.switchboard.presence;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.Limit;
import io.switchboard.protocol.PresenceStatus;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Presence in Redis. Every connected socket holds a lease: an entry in its user's sorted set
 * ({@code devices:<user>}, member = connection id, score = lease expiry in ms) and the same expiry in one
 * sorted set of all leases ({@code leases}), which edges sweep for lapsed ones. A user is online while their
 * set has an unexpired entry.
 *
 * <p>Every transition runs as one Lua script, on Redis's own clock, so exactly one caller learns that a user
 * came online or went offline, however many edges race: that caller announces it. Redis 6.2 commands only.
 * Keyspace notifications are not used: they need server configuration, are not delivered to a subscriber that
 * was disconnected, and on a cluster come per node.
 */
@Component
public class PresenceStore {

  /** Redis time in ms, used by every script. */
  private static final String NOW = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      """;

  /** KEYS: devices, leases; ARGV: connection id, lease ms, leases member. 1 if the user just came online. */
  private static final String HOLD = NOW + """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      local before = redis.call('ZCARD', KEYS[1])
      local expiry = now + tonumber(ARGV[2])
      redis.call('ZADD', KEYS[1], expiry, ARGV[1])
      redis.call('ZADD', KEYS[2], expiry, ARGV[3])
      if before == 0 then return 1 end
      return 0
      """;

  /**
   * KEYS: devices, leases, last-seen; ARGV: connection id, leases member, 'close' or 'lapse', lease ms.
   * The time the user went offline (ms) if this was their last live connection, else -1. A lapse is only
   * taken if the lease is still expired (not renewed since the sweep read it); its user was last seen when
   * the lease was last renewed.
   */
  private static final String RELEASE = NOW + """
      local seen = now
      if ARGV[3] == 'lapse' then
        local expiry = redis.call('ZSCORE', KEYS[2], ARGV[2])
        if not expiry or tonumber(expiry) > now then return -1 end
        seen = tonumber(expiry) - tonumber(ARGV[4])
      end
      redis.call('ZREM', KEYS[2], ARGV[2])
      local removed = redis.call('ZREM', KEYS[1], ARGV[1])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
      if removed == 1 and redis.call('ZCARD', KEYS[1]) == 0 then
        redis.call('SET', KEYS[3], seen)
        return seen
      end
      return -1
      """;

  /** Users checked by one run of {@link #WITHOUT_LIVE_DEVICE}. */
  static final int ONLINE_CHECK_BATCH = 500;

  /** KEYS: devices of each user asked about. The positions (1-based) of those with no unexpired lease. */
  private static final String WITHOUT_LIVE_DEVICE = NOW + """
      local offline = {}
      for i, key in ipairs(KEYS) do
        if redis.call('ZCOUNT', key, now, '+inf') == 0 then offline[#offline + 1] = i end
      end
      return offline
      """;

  /** Lapsed leases taken per sweep; the rest wait for the next one. */
  static final int SWEEP_BATCH = 500;

  private static final String SHOW_LAST_SEEN = "showLastSeen";
  private static final char MEMBER_SEPARATOR = ' ';

  private final Mono<RedisReactiveCommands<String, String>> redis;
  private final String prefix;
  private final long leaseMillis;

  public PresenceStore(PresenceRedis redis, PresenceProperties properties) {
    this.redis = redis.commands();
    this.prefix = properties.keyPrefix();
    this.leaseMillis = properties.lease().toMillis();
  }

  /** Takes or renews the lease of one connection; true if this made the user online. */
  public Mono<Boolean> hold(String userId, String connectionId) {
    return redis.flatMap(commands -> commands.<Long>eval(HOLD, ScriptOutputType.INTEGER,
                new String[] {devicesKey(userId), leasesKey()},
                connectionId, Long.toString(leaseMillis), leaseMember(userId, connectionId))
            .next())
        .map(becameOnline -> becameOnline == 1L);
  }

  /** The connection closed; the user went offline if it was their last. */
  public Mono<WentOffline> release(String userId, String connectionId) {
    return release(userId, connectionId, "close");
  }

  /**
   * Takes lapsed leases (their edge stopped renewing them) and says which users went offline by it. Any number
   * of edges may sweep at once: each lapse is taken by one of them.
   */
  public Flux<WentOffline> sweepLapsed() {
    return redis.flatMapMany(commands -> commands.zrangebyscore(leasesKey(),
            Range.create(Double.NEGATIVE_INFINITY, (double) System.currentTimeMillis()), Limit.from(SWEEP_BATCH)))
        .concatMap(member -> {
          int separator = member.indexOf(MEMBER_SEPARATOR);
          return release(member.substring(0, separator), member.substring(separator + 1), "lapse");
        });
  }

  /** Presence of each user, as anyone allowed to see it sees it; in the order asked. */
  public Flux<PresenceState> states(Iterable<String> userIds) {
    long now = System.currentTimeMillis();
    return Flux.fromIterable(userIds).concatMap(userId -> redis.flatMap(commands -> commands
        .zcount(devicesKey(userId), Range.create((double) now, Double.POSITIVE_INFINITY))
        .flatMap(live -> live > 0 ? Mono.just(PresenceState.online(userId)) : offline(commands, userId))));
  }

  /**
   * Those of {@code userIds} with no live device, in the order asked: whom a message cannot reach now. One
   * script per {@link #ONLINE_CHECK_BATCH} users (a {@code ZCOUNT} each, on Redis's clock), so a 1,000-member
   * group costs two round trips, not a thousand.
   */
  public Flux<String> withoutLiveDevice(Iterable<String> userIds) {
    return Flux.fromIterable(userIds)
        .buffer(ONLINE_CHECK_BATCH)
        .concatMap(batch -> redis.flatMapMany(commands -> commands.<java.util.List<Long>>eval(WITHOUT_LIVE_DEVICE,
                ScriptOutputType.MULTI, batch.stream().map(this::devicesKey).toArray(String[]::new)))
            .flatMapIterable(positions -> positions)
            .map(position -> batch.get(position.intValue() - 1)));
  }

  /** What contacts are told when a user goes offline: their last seen, unless they hide it. */
  public Mono<PresenceState> offlineAnnouncement(WentOffline wentOffline) {
    return showsLastSeen(wentOffline.userId()).map(shows ->
        new PresenceState(wentOffline.userId(), PresenceStatus.OFFLINE, shows ? wentOffline.at() : null));
  }

  public Mono<Boolean> showsLastSeen(String userId) {
    return redis.flatMap(commands -> commands.hget(settingsKey(userId), SHOW_LAST_SEEN))
        .map(Boolean::parseBoolean)
        .defaultIfEmpty(true);
  }

  public Mono<Void> setShowLastSeen(String userId, boolean show) {
    return redis.flatMap(commands -> commands.hset(settingsKey(userId), SHOW_LAST_SEEN, Boolean.toString(show)))
        .then();
  }

  public Duration lease() {
    return Duration.ofMillis(leaseMillis);
  }

  private Mono<PresenceState> offline(RedisReactiveCommands<String, String> commands, String userId) {
    return Mono.zip(commands.get(lastSeenKey(userId)).map(Long::parseLong).defaultIfEmpty(-1L), showsLastSeen(userId))
        .map(seen -> new PresenceState(userId, PresenceStatus.OFFLINE,
            seen.getT1() < 0 || !seen.getT2() ? null : Instant.ofEpochMilli(seen.getT1())));
  }

  private Mono<WentOffline> release(String userId, String connectionId, String reason) {
    return redis.flatMap(commands -> commands.<Long>eval(RELEASE, ScriptOutputType.INTEGER,
                new String[] {devicesKey(userId), leasesKey(), lastSeenKey(userId)},
                connectionId, leaseMember(userId, connectionId), reason, Long.toString(leaseMillis))
            .next())
        .filter(seen -> seen >= 0)
        .map(seen -> new WentOffline(userId, Instant.ofEpochMilli(seen)));
  }

  private String devicesKey(String userId) {
    return prefix + "devices:" + userId;
  }

  private String leasesKey() {
    return prefix + "leases";
  }

  private String lastSeenKey(String userId) {
    return prefix + "last-seen:" + userId;
  }

  private String settingsKey(String userId) {
    return prefix + "settings:" + userId;
  }

  private static String leaseMember(String userId, String connectionId) {
    return userId + MEMBER_SEPARATOR + connectionId;
  }
}
