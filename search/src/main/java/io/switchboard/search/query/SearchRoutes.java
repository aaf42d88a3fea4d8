package io.switchboard.search.query;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import io.switchboard.search.SearchEnabled;
import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The search endpoint; docs/protocol.md describes it with an example, and the jump from a hit to history. */
@SearchEnabled
@Configuration(proxyBeanMethods = false)
class SearchRoutes {

  @Bean
  RouterFunction<ServerResponse> searchRouterFunction(SearchHandler search) {
    return RouterFunctions.route()
        .route(GET("/api/search"), search::search)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
