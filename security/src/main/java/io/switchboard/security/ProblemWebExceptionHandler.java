package io.switchboard.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The last word on errors no route turned into a problem itself: an unknown path (404), a wrong method
 * (405), an unreadable request. Every HTTP error of every service is then an RFC 9457 problem, never the
 * framework's own error page. Runs before Spring Boot's default handler (order -1).
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    if (error instanceof ErrorResponse known) {
      HttpStatus status = HttpStatus.resolve(known.getStatusCode().value());
      if (status != null) {
        exchange.getResponse().getHeaders().addAll(known.getHeaders());
        String detail = known.getBody().getDetail();
        return ProblemResponses.write(exchange.getResponse(), status,
            detail != null ? detail : status.getReasonPhrase());
      }
    }
    log.error("Unexpected failure on {} {}, answering 500",
        exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
    return ProblemResponses.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR,
        "The server could not handle this request");
  }
}
