package io.switchboard.accounts;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Reads a request's JSON body, answering 400 when there is none or it does not parse. */
public final class JsonBodies {

  private JsonBodies() {}

  public static <T> Mono<T> read(ServerRequest request, Class<T> type) {
    return request
        .bodyToMono(type)
        // the decoder's own message may quote internals; the client needs to know only what to fix
        .onErrorMap(
            ServerWebInputException.class,
            malformed -> InvalidRequestException.body("The body is not JSON of the expected shape"))
        .switchIfEmpty(Mono.error(() -> InvalidRequestException.body("A JSON body is required")));
  }
}
