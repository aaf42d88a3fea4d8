package io.switchboard.history;

import io.switchboard.storage.StorageLimits;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Query and body parameters, with a clear 400 problem naming the parameter when one is wrong. */
public final class RequestParameters {

  private RequestParameters() {}

  /** {@code limit}, between 1 and the storage page bound; the default when absent. */
  public static int limit(ServerRequest request, int defaultLimit) {
    long limit = optionalLong(request, "limit").orElse((long) defaultLimit);
    if (limit < 1 || limit > StorageLimits.MAX_PAGE_SIZE) {
      throw badRequest("'limit' must be between 1 and " + StorageLimits.MAX_PAGE_SIZE);
    }
    return (int) limit;
  }

  public static Optional<Long> optionalLong(ServerRequest request, String name) {
    return request.queryParam(name).map(value -> {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw badRequest("'" + name + "' must be a whole number");
      }
    });
  }

  public static <T> Mono<T> body(ServerRequest request, Class<T> type) {
    return request.bodyToMono(type)
        // an unreadable body (ServerWebInputException) gets our wording; 415 and the like pass through
        .onErrorMap(error -> error instanceof ServerWebInputException || !(error instanceof ResponseStatusException),
            error -> badRequest("the request body is not valid JSON for this call"))
        .switchIfEmpty(Mono.error(() -> badRequest("a JSON request body is required")));
  }

  public static ResponseStatusException badRequest(String detail) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
  }
}
