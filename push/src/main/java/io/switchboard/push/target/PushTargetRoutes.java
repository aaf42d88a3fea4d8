package io.switchboard.push.target;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Push target registration; docs/protocol.md has an example of each call. */
@Configuration(proxyBeanMethods = false)
class PushTargetRoutes {

  @Bean
  RouterFunction<ServerResponse> pushTargetRouterFunction(PushTargetHandler targets) {
    return RouterFunctions.route()
        .route(GET("/api/push/config"), targets::config)
        .route(POST("/api/push/targets"), targets::register)
        .route(GET("/api/push/targets"), targets::list)
        .route(DELETE("/api/push/targets/{targetId}"), targets::unregister)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
