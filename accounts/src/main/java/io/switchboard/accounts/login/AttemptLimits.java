package io.switchboard.accounts.login;

import io.switchboard.accounts.user.Usernames;
import io.switchboard.limits.RateLimitedException;
import io.switchboard.limits.RateLimiter;
import io.switchboard.limits.Verdict;
import java.net.InetSocketAddress;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Sign-ups and logins are public and cost a password hash each: they are limited per client address (sign-up,
 * login) and per account named (login), checked before the hash is computed. Every attempt counts, right or
 * wrong, since guessing is made of attempts. The address is the connection's peer; behind a proxy, set
 * {@code server.forward-headers-strategy} so it is the client's.
 */
@Component
class AttemptLimits {

  private final RateLimiter limiter;

  AttemptLimits(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** Completes empty if this login may be tried, else fails with 429. */
  Mono<Void> login(ServerRequest request, String username) {
    return limiter.loginFromAddress(addressOf(request))
        .flatMap(byAddress -> refuseIfOver(byAddress, "Too many login attempts from this address"))
        // an address already refused does not also use up the account's attempts
        .then(Mono.defer(() -> limiter.loginForAccount(Usernames.normalize(username))))
        .flatMap(byAccount -> refuseIfOver(byAccount, "Too many login attempts for this account"));
  }

  /** Completes empty if this sign-up may go ahead, else fails with 429. */
  Mono<Void> signup(ServerRequest request) {
    return limiter.signupFromAddress(addressOf(request))
        .flatMap(verdict -> refuseIfOver(verdict, "Too many sign-ups from this address"));
  }

  private static Mono<Void> refuseIfOver(Verdict verdict, String detail) {
    return verdict.allowed() ? Mono.empty() : Mono.error(new RateLimitedException(detail, verdict));
  }

  private static String addressOf(ServerRequest request) {
    return request.remoteAddress()
        .map(InetSocketAddress::getAddress)
        .map(java.net.InetAddress::getHostAddress)
        .orElse("unknown");
  }
}
