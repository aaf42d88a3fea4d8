package io.switchboard.history;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

import io.switchboard.history.conversation.ConversationHandler;
import io.switchboard.history.message.MessagePageHandler;
import io.switchboard.history.presence.PresenceHandler;
import io.switchboard.history.sync.SyncHandler;
import io.switchboard.security.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Every history endpoint in one table; docs/protocol.md describes each with an example. */
@Configuration(proxyBeanMethods = false)
class HistoryRoutes {

  @Bean
  RouterFunction<ServerResponse> historyRouterFunction(
      ConversationHandler conversations, MessagePageHandler messages, SyncHandler sync,
      PresenceHandler presence) {
    return RouterFunctions.route()
        .route(GET("/api/conversations"), conversations::list)
        .route(GET("/api/conversations/{conversationId}"), conversations::one)
        .route(POST("/api/conversations/{conversationId}/read"), conversations::markRead)
        .route(GET("/api/conversations/{conversationId}/receipts"), conversations::receipts)
        .route(GET("/api/conversations/{conversationId}/messages"), messages::page)
        .route(GET("/api/sync"), sync::backlog)
        .route(POST("/api/sync/cursor"), sync::advanceCursor)
        .route(GET("/api/presence"), presence::presence)
        .filter(ProblemResponses.errorsAsProblems())
        .build();
  }
}
