package io.switchboard.security;

import io.switchboard.protocol.json.SwitchboardJson;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place HTTP errors become RFC 9457 problem responses ({@code application/problem+json}), always
 * with {@code type}, {@code title}, {@code status} and {@code detail}.
 *
 * <p>{@link #write} is for web filters, which answer before any handler and its codecs are involved.
 * {@link #errorsAsProblems()} is for functional endpoints: handlers signal a fault with a specific
 * {@link org.springframework.web.ErrorResponseException} (or let Spring's own ones through, such as an
 * unsupported content type) and this filter turns it into the response, once, for every route it wraps.
 */
public final class ProblemResponses {

  /** RFC 9457: "about:blank" means the status code says it all and the title is its reason phrase. */
  public static final URI UNTYPED_PROBLEM = URI.create("about:blank");

  private static final String INTERNAL_ERROR_DETAIL = "The server could not handle this request";

  /** Spring's own mix-in, so a filter's problem has exactly the shape a handler's gets from the codecs. */
  private static final JsonMapper PROBLEM_MAPPER =
      SwitchboardJson.mapper().rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  /** Answers with a problem; headers the caller wants (WWW-Authenticate, Retry-After) are set first. */
  public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String detail) {
    byte[] body = PROBLEM_MAPPER.writeValueAsBytes(typed(ProblemDetail.forStatusAndDetail(status, detail)));
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().setContentLength(body.length);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  /**
   * Wraps functional routes so every error they signal is answered as a problem: an {@link ErrorResponse}
   * with its own status, detail and headers; anything else is a bug, logged and answered 500 without
   * details.
   */
  public static HandlerFilterFunction<ServerResponse, ServerResponse> errorsAsProblems() {
    // deferred so that a handler which throws instead of returning an error signal is caught too
    return (request, next) -> Mono.defer(() -> next.handle(request)).onErrorResume(ProblemResponses::problemFor);
  }

  private static Mono<ServerResponse> problemFor(Throwable error) {
    if (error instanceof ErrorResponse known) {
      if (known.getStatusCode().is5xxServerError()) {
        log.warn("Answering {}", known.getStatusCode(), error);
      }
      return problemResponse(known.getStatusCode())
          .headers(headers -> headers.addAll(known.getHeaders()))
          .bodyValue(typed(known.getBody()));
    }
    log.error("Unexpected failure, answering 500", error);
    return problemResponse(HttpStatus.INTERNAL_SERVER_ERROR)
        .bodyValue(typed(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_DETAIL)));
  }

  private static ServerResponse.BodyBuilder problemResponse(HttpStatusCode status) {
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  /** Spring leaves {@code type} out when unset; we always send it, so every client sees one shape. */
  private static ProblemDetail typed(ProblemDetail problem) {
    if (problem.getType() == null) {
      problem.setType(UNTYPED_PROBLEM);
    }
    return problem;
  }
}
