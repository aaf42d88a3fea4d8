package io.switchboard.edge.drain;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.switchboard.security.ProblemResponses;
import java.net.InetSocketAddress;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /admin/drain}: drain this edge now and answer when it is done (Kubernetes' preStop hook calls
 * it; SIGTERM does the same). Only from the edge's own host: a drain is an operator's act, and this path is
 * not behind the access-token check.
 */
@Configuration(proxyBeanMethods = false)
class DrainRoutes {

  static final String PATH = "/admin/drain";

  @Bean
  RouterFunction<ServerResponse> drainRouterFunction(EdgeDrain drain) {
    return route()
        .POST(PATH, request -> fromLoopback(request)
            ? drain.drain().flatMap(report -> ServerResponse.ok().bodyValue(report))
            : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "drain is asked from the edge's own host")))
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }

  private static boolean fromLoopback(ServerRequest request) {
    return request.remoteAddress()
        .map(InetSocketAddress::getAddress)
        .map(address -> address != null && address.isLoopbackAddress())
        .orElse(false);
  }
}
