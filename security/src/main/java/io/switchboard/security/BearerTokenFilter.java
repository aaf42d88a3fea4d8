package io.switchboard.security;

import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.security.InvalidTokenException.Reason;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Lets a call to the API or the WebSocket through only with a good access token, and tells the handlers who
 * is calling ({@link AuthenticatedDevice}). Anything else is answered 401 with a problem body and a
 * {@code WWW-Authenticate} challenge (RFC 6750). Paths outside {@code /api} and {@code /ws} (health checks,
 * the web client's files) are not its business.
 *
 * <p>The token comes from {@code Authorization: Bearer <token>}. On the WebSocket it may instead be an entry
 * {@code bearer.<token>} of {@code Sec-WebSocket-Protocol}, because browsers cannot set headers on a
 * WebSocket; the socket handler must then accept only the real subprotocol, never echo that entry.
 */
public final class BearerTokenFilter implements WebFilter, Ordered {

  /** Early, so every later filter and handler can rely on the caller being known. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  /** The calls that work without a token: the ones a client makes to get one. */
  public static final List<PublicEndpoint> PUBLIC_ENDPOINTS =
      List.of(
          new PublicEndpoint(HttpMethod.POST, "/api/accounts/signup"),
          new PublicEndpoint(HttpMethod.POST, "/api/accounts/login"));

  static final String WEBSOCKET_PROTOCOL_HEADER = "Sec-WebSocket-Protocol";

  private static final String BEARER_SCHEME = "Bearer ";

  private static final String REALM = "realm=\"" + AccessTokens.ISSUER + "\"";

  // "/x/**" also matches "/x" itself
  private static final PathPattern API_PATHS = PathPatternParser.defaultInstance.parse("/api/**");
  private static final PathPattern WEBSOCKET_PATHS = PathPatternParser.defaultInstance.parse("/ws/**");

  private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

  private final AccessTokens accessTokens;
  private final DeviceRevocations revocations;

  public BearerTokenFilter(AccessTokens accessTokens, DeviceRevocations revocations) {
    this.accessTokens = accessTokens;
    this.revocations = revocations;
  }

  /** One call that needs no token: this method on exactly this path. */
  public record PublicEndpoint(HttpMethod method, String path) {

    boolean matches(ServerHttpRequest request) {
      return method.equals(request.getMethod()) && path.equals(request.getPath().pathWithinApplication().value());
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    PathContainer path = request.getPath().pathWithinApplication();
    boolean websocket = WEBSOCKET_PATHS.matches(path);
    boolean guarded = websocket || API_PATHS.matches(path);
    if (!guarded || isPublic(request)) {
      return chain.filter(exchange);
    }
    Optional<String> token = bearerToken(request, websocket);
    if (token.isEmpty()) {
      return rejectMissing(exchange.getResponse(), websocket);
    }
    AuthenticatedDevice device;
    try {
      device = accessTokens.verify(token.get());
    } catch (InvalidTokenException e) {
      return rejectInvalid(exchange, e.reason());
    }
    return revocations
        .isRevoked(device)
        // an answer of nothing must not end the exchange unanswered
        .defaultIfEmpty(false)
        .flatMap(
            revoked -> {
              if (revoked) {
                return rejectInvalid(exchange, Reason.REVOKED);
              }
              AuthenticatedDevice.put(exchange, device);
              return chain.filter(exchange);
            });
  }

  private static boolean isPublic(ServerHttpRequest request) {
    // a CORS preflight carries no credentials by definition; the CORS handling answers it
    return CorsUtils.isPreFlightRequest(request)
        || PUBLIC_ENDPOINTS.stream().anyMatch(endpoint -> endpoint.matches(request));
  }

  private static Optional<String> bearerToken(ServerHttpRequest request, boolean websocket) {
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER_SCHEME, 0, BEARER_SCHEME.length())) {
      return Optional.of(authorization.substring(BEARER_SCHEME.length()).trim());
    }
    if (!websocket) {
      return Optional.empty();
    }
    return request.getHeaders().getValuesAsList(WEBSOCKET_PROTOCOL_HEADER).stream()
        .map(String::trim)
        .filter(entry -> entry.startsWith(ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX))
        .map(entry -> entry.substring(ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX.length()))
        .findFirst();
  }

  private static Mono<Void> rejectMissing(ServerHttpResponse response, boolean websocket) {
    // RFC 6750: a request with no token at all gets the bare challenge, without an error code
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + REALM);
    String detail =
        websocket
            ? "An access token is required: send Authorization: Bearer <token>, or a Sec-WebSocket-Protocol entry "
                + ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX
                + "<token>"
            : "An access token is required: send Authorization: Bearer <token>";
    return ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, detail);
  }

  private static Mono<Void> rejectInvalid(ServerWebExchange exchange, Reason reason) {
    // the reason and the path help find a misbehaving client; the token itself is never logged
    log.debug("Refused an access token ({}) on {}", reason, exchange.getRequest().getPath());
    ServerHttpResponse response = exchange.getResponse();
    response
        .getHeaders()
        .set(
            HttpHeaders.WWW_AUTHENTICATE,
            "Bearer " + REALM + ", error=\"invalid_token\", error_description=\"" + reason.description() + "\"");
    return ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, reason.description());
  }
}
