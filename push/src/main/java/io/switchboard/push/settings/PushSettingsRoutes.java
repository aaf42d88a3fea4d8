package io.switchboard.push.settings;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;

import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Notification settings; docs/protocol.md has an example of each call. */
@Configuration(proxyBeanMethods = false)
class PushSettingsRoutes {

  @Bean
  RouterFunction<ServerResponse> pushSettingsRouterFunction(PushSettingsHandler settings) {
    return RouterFunctions.route()
        .route(GET("/api/push/settings"), settings::get)
        .route(PUT("/api/push/settings"), settings::put)
        .route(PUT("/api/push/muted/{conversationId}"), settings::mute)
        .route(DELETE("/api/push/muted/{conversationId}"), settings::unmute)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
