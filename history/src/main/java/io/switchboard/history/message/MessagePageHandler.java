package io.switchboard.history.message;

import io.switchboard.history.RequestParameters;
import io.switchboard.history.conversation.MembershipCheck;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.message.MessageStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * GET /api/conversations/{id}/messages — one page of a conversation, by sequence number:
 * {@code before=N} scrolls back (the newest page when no parameter is given), {@code after=N} scrolls
 * forward, {@code around=N} is the window around one message (half before, half after) for jumping to it.
 */
@Component
public class MessagePageHandler {

  private static final int DEFAULT_PAGE_SIZE = 50;

  private final MessageStore messages;
  private final MembershipCheck membership;

  MessagePageHandler(MessageStore messages, MembershipCheck membership) {
    this.messages = messages;
    this.membership = membership;
  }

  public Mono<ServerResponse> page(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    String conversationId = request.pathVariable("conversationId");
    int limit = RequestParameters.limit(request, DEFAULT_PAGE_SIZE);
    Optional<Long> before = RequestParameters.optionalLong(request, "before");
    Optional<Long> after = RequestParameters.optionalLong(request, "after");
    Optional<Long> around = RequestParameters.optionalLong(request, "around");
    if (before.isPresent() && after.isPresent() || around.isPresent() && (before.isPresent() || after.isPresent())) {
      throw RequestParameters.badRequest("use one of 'before', 'after' and 'around'");
    }
    return membership.requireMember(conversationId, caller)
        .flatMap(conversation -> {
          if (after.isPresent()) {
            return forward(conversation, after.get(), limit);
          }
          if (around.isPresent()) {
            return window(conversation, around.get(), limit);
          }
          return backward(conversation, before.orElse(conversation.lastSeq() + 1), limit);
        })
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  private Mono<MessagePage> backward(Conversation conversation, long beforeSeq, int limit) {
    return messages.before(conversation.conversationId(), beforeSeq, limit + 1).collectList()
        .map(newestFirst -> {
          boolean hasOlder = newestFirst.size() > limit;
          List<ChatMessage> page = ascending(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
          return new MessagePage(page, hasOlder, beforeSeq <= conversation.lastSeq());
        });
  }

  private Mono<MessagePage> forward(Conversation conversation, long afterSeq, int limit) {
    return messages.after(conversation.conversationId(), afterSeq, limit).collectList()
        .map(page -> new MessagePage(page, afterSeq > 1,
            !page.isEmpty() && page.get(page.size() - 1).seq() < conversation.lastSeq()
                || page.isEmpty() && afterSeq < conversation.lastSeq()));
  }

  private Mono<MessagePage> window(Conversation conversation, long seq, int limit) {
    int olderCount = limit / 2;
    Mono<MessagePage> older = backward(conversation, seq, Math.max(1, olderCount));
    Mono<MessagePage> fromSeq = forward(conversation, seq - 1, limit - olderCount);
    return Mono.zip(older, fromSeq).map(both -> {
      List<ChatMessage> combined = new ArrayList<>(olderCount == 0 ? List.of() : both.getT1().messages());
      combined.addAll(both.getT2().messages());
      return new MessagePage(combined, both.getT1().hasOlder() || olderCount == 0 && seq > 1,
          both.getT2().hasNewer());
    });
  }

  private static List<ChatMessage> ascending(List<ChatMessage> page) {
    List<ChatMessage> sorted = new ArrayList<>(page);
    sorted.sort(Comparator.comparingLong(ChatMessage::seq));
    return sorted;
  }
}
