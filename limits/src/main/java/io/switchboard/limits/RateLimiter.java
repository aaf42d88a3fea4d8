package io.switchboard.limits;

import reactor.core.publisher.Mono;

/**
 * The named limits of Switchboard, each a bucket per caller. Services ask here before doing the work, so a
 * refused action costs one Redis round trip and nothing else.
 */
public final class RateLimiter {

  private final TokenBuckets buckets;
  private final RateLimitProperties properties;

  public RateLimiter(TokenBuckets buckets, RateLimitProperties properties) {
    this.buckets = buckets;
    this.properties = properties;
  }

  /** A {@code send} frame from this device. */
  public Mono<Verdict> message(String deviceId) {
    return take("messages:" + deviceId, properties.messages());
  }

  /** A login attempt naming this username (lower-cased by the caller, so case does not buy more tries). */
  public Mono<Verdict> loginForAccount(String username) {
    return take("logins:account:" + username, properties.loginsPerAccount());
  }

  /** A login attempt from this client address. */
  public Mono<Verdict> loginFromAddress(String address) {
    return take("logins:address:" + address, properties.loginsPerAddress());
  }

  /** A sign-up from this client address. */
  public Mono<Verdict> signupFromAddress(String address) {
    return take("signups:address:" + address, properties.signupsPerAddress());
  }

  /** An authenticated HTTP call (or WebSocket handshake) by this device. */
  public Mono<Verdict> httpCall(String deviceId) {
    return take("http:" + deviceId, properties.httpPerToken());
  }

  public RateLimitProperties properties() {
    return properties;
  }

  private Mono<Verdict> take(String key, RateLimit limit) {
    if (!properties.enabled()) {
      return Mono.just(Verdict.ALLOWED);
    }
    return buckets.take(properties.keyPrefix() + key, limit);
  }
}
