package io.switchboard.history.conversation;

import io.switchboard.history.RequestParameters;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The caller's conversation list, one conversation's header, and marking a conversation read. */
@Component
public class ConversationHandler {

  private static final int DEFAULT_LIST_SIZE = 50;

  private final ConversationStore conversations;
  private final ReadStateStore readStates;
  private final MembershipCheck membership;

  ConversationHandler(ConversationStore conversations, ReadStateStore readStates, MembershipCheck membership) {
    this.conversations = conversations;
    this.readStates = readStates;
    this.membership = membership;
  }

  /** GET /api/conversations?limit=N — latest activity first, with last message and unread count. */
  public Mono<ServerResponse> list(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    int limit = RequestParameters.limit(request, DEFAULT_LIST_SIZE);
    return conversations.ofMember(caller.userId(), limit).collectList()
        .flatMap(found -> readStates
            .readSeqs(caller.userId(), found.stream().map(c -> c.conversationId()).toList())
            .map(read -> found.stream()
                .map(c -> ConversationSummary.of(c, read.getOrDefault(c.conversationId(), 0L)))
                .toList()))
        .flatMap(rows -> ServerResponse.ok().bodyValue(Map.of("conversations", rows)));
  }

  /** GET /api/conversations/{id} */
  public Mono<ServerResponse> one(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    return membership.requireMember(conversationId, caller)
        .flatMap(conversation -> readStates.readSeqs(caller.userId(), List.of(conversationId))
            .map(read -> ConversationSummary.of(conversation, read.getOrDefault(conversationId, 0L))))
        .flatMap(summary -> ServerResponse.ok().bodyValue(summary));
  }

  /** POST /api/conversations/{id}/read {"seq": N} — the caller has read up to N. */
  public Mono<ServerResponse> markRead(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    return membership.requireMember(conversationId, caller)
        .zipWith(RequestParameters.body(request, SeqBody.class))
        .flatMap(both -> readStates.markRead(caller.userId(), conversationId,
            Math.min(both.getT2().seq(), both.getT1().lastSeq())))
        .then(ServerResponse.noContent().build());
  }

  /** {"seq": N} */
  public record SeqBody(long seq) {}
}
