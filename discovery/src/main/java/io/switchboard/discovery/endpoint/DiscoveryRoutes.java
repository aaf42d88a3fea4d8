package io.switchboard.discovery.endpoint;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The discovery endpoint (the seed's "API server" role), served by the accounts service and the all-in-one
 * launcher. Like every {@code /api} call it needs an access token: a client asks after logging in, before it
 * opens its socket, and again after a disconnect.
 */
@Configuration(proxyBeanMethods = false)
public class DiscoveryRoutes {

  public static final String EDGE_PATH = "/api/discovery/edge";

  @Bean
  RouterFunction<ServerResponse> discoveryRouterFunction(EdgeDiscoveryHandler handler) {
    return route()
        .GET(EDGE_PATH, handler::bestEdge)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
