package io.switchboard.history.conversation;

import io.switchboard.broker.RouterCommands;
import io.switchboard.history.RequestParameters;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationPreviews;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ConversationStore.ListPosition;
import io.switchboard.storage.conversation.ReadStateStore;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's conversation list, one conversation's header, and marking a conversation read. */
@Component
public class ConversationHandler {

  private static final int DEFAULT_LIST_SIZE = 50;

  private final ConversationStore conversations;
  private final ConversationPreviews previews;
  private final ReadStateStore readStates;
  private final MembershipCheck membership;
  private final RouterCommands routerCommands;

  ConversationHandler(
      ConversationStore conversations,
      ConversationPreviews previews,
      ReadStateStore readStates,
      MembershipCheck membership,
      RouterCommands routerCommands) {
    this.conversations = conversations;
    this.previews = previews;
    this.readStates = readStates;
    this.membership = membership;
    this.routerCommands = routerCommands;
  }

  /**
   * GET /api/conversations?limit=N&before=C — latest activity first, with last message and unread count; {@code
   * next} is the {@code before} of the page after this one, null on the last page.
   */
  public Mono<ServerResponse> list(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    int limit = RequestParameters.limit(request, DEFAULT_LIST_SIZE);
    // one row more than asked: whether another page follows, without a second query
    Flux<Conversation> rows = request.queryParam("before")
        .map(before -> conversations.ofMember(caller.userId(), ListCursor.decode(before), limit + 1))
        .orElseGet(() -> conversations.ofMember(caller.userId(), limit + 1));
    return rows.collectList()
        .flatMap(found -> {
          boolean more = found.size() > limit;
          List<Conversation> page = more ? found.subList(0, limit) : found;
          String next = more ? ListCursor.encode(ListPosition.of(page.get(limit - 1))) : null;
          return summaries(caller, page).map(summaries -> new ConversationPage(summaries, next));
        })
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  /** One page of the list, as GET /api/conversations returns it. */
  public record ConversationPage(List<ConversationSummary> conversations, String next) {}

  /** GET /api/conversations/{id} */
  public Mono<ServerResponse> one(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    return membership.requireMember(conversationId, caller)
        .flatMap(conversation -> summaries(caller, List.of(conversation)))
        .flatMap(summaries -> ServerResponse.ok().bodyValue(summaries.get(0)));
  }

  /** Each conversation as the caller sees it: with its newest message and how far the caller has read. */
  private Mono<List<ConversationSummary>> summaries(AuthenticatedDevice caller, List<Conversation> conversations) {
    return previews.fill(conversations).flatMap(filled -> readStates
        .readSeqs(caller.userId(), filled.stream().map(Conversation::conversationId).toList())
        .map(read -> filled.stream()
            .map(c -> ConversationSummary.of(c, read.getOrDefault(c.conversationId(), 0L)))
            .toList()));
  }

  /**
   * POST /api/conversations/{id}/read {"seq": N} — the caller has read up to N. Goes through the router like
   * a read frame, so every device of the caller and the senders hear of it; 202 once that is durable.
   */
  public Mono<ServerResponse> markRead(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    return membership.requireMember(conversationId, caller)
        .zipWith(RequestParameters.body(request, SeqBody.class))
        .flatMap(both -> {
          if (both.getT2().seq() < 1) {
            return Mono.error(RequestParameters.badRequest("'seq' must be a positive number"));
          }
          return routerCommands.receipt(new ReceiptCommand(caller.userId(), caller.deviceId(), conversationId,
              ReceiptKind.READ, Math.min(both.getT2().seq(), both.getT1().lastSeq())));
        })
        .then(ServerResponse.accepted().build());
  }

  /**
   * GET /api/conversations/{id}/receipts — every member's delivered and read watermarks: "read by 3 of 5"
   * for a message at seq N is the number of other members with readSeq ≥ N.
   */
  public Mono<ServerResponse> receipts(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    return membership.requireMember(conversationId, caller)
        .zipWith(readStates.ofConversation(conversationId))
        .map(both -> both.getT1().members().stream()
            .map(member -> {
              var marks = both.getT2().getOrDefault(member, new ReadStateStore.Watermarks(0, 0));
              return new MemberReceipts(member, marks.deliveredSeq(), marks.readSeq());
            })
            .toList())
        .flatMap(members -> ServerResponse.ok().bodyValue(Map.of("members", members)));
  }

  /** One member's watermarks, as GET …/receipts returns them. */
  public record MemberReceipts(String userId, long deliveredSeq, long readSeq) {}

  /** {"seq": N} */
  public record SeqBody(long seq) {}
}
