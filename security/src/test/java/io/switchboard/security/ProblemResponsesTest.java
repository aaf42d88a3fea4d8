package io.switchboard.security;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

class ProblemResponsesTest {

  private final WebTestClient client =
      WebTestClient.bindToRouterFunction(
              route()
                  .GET("/conflict", request -> Mono.error(conflictWithRetryAfter()))
                  .GET("/thrown", request -> {
                    throw conflictWithRetryAfter();
                  })
                  .GET("/bug", request -> Mono.error(new IllegalStateException("secret internals")))
                  .filter(ProblemResponses.errorsAsProblems())
                  .build())
          .build();

  private static ErrorResponseException conflictWithRetryAfter() {
    ErrorResponseException conflict =
        new ErrorResponseException(
            HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Already there"), null);
    conflict.getHeaders().set("Retry-After", "5");
    return conflict;
  }

  @Test
  void anErrorResponseIsAnsweredWithItsStatusDetailAndHeaders() {
    for (String path : new String[] {"/conflict", "/thrown"}) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isEqualTo(HttpStatus.CONFLICT)
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          .valueEquals("Retry-After", "5")
          .expectBody()
          .json(
              "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Already there\"}",
              JsonCompareMode.STRICT);
    }
  }

  @Test
  void anythingElseIsA500ThatRevealsNothing() {
    client
        .get()
        .uri("/bug")
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type").isEqualTo("about:blank")
        .jsonPath("$.detail").isEqualTo("The server could not handle this request");
  }
}
