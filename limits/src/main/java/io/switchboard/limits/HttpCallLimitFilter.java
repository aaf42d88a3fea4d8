package io.switchboard.limits;

import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.security.BearerTokenFilter;
import io.switchboard.security.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticated calls per device: right after the token is checked, before any handler does work. Keyed by
 * the device the token speaks for, so logging in again for a fresh token does not refill the bucket. Calls
 * without a caller (sign-up, login, static files) are limited elsewhere or not at all.
 */
final class HttpCallLimitFilter implements WebFilter, Ordered {

  static final String DETAIL = "Too many requests with this access token";

  private final RateLimiter limiter;

  HttpCallLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public int getOrder() {
    return BearerTokenFilter.ORDER + 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return AuthenticatedDevice.find(exchange)
        .map(device -> limiter.httpCall(device.deviceId()).flatMap(verdict -> {
          if (verdict.allowed()) {
            return chain.filter(exchange);
          }
          exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
          return ProblemResponses.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
              DETAIL + "; try again in " + verdict.retryAfterSeconds() + " s");
        }))
        .orElseGet(() -> chain.filter(exchange));
  }
}
