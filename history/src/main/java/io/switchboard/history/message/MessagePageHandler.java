package io.switchboard.history.message;

import io.switchboard.history.RequestParameters;
import io.switchboard.history.conversation.MembershipCheck;
import io.switchboard.history.conversation.ReadableConversation;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.security.AuthenticatedDevice;
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
    return membership.requireReader(conversationId, caller)
        .flatMap(readable -> {
          if (after.isPresent()) {
            return forward(readable, after.get(), limit);
          }
          if (around.isPresent()) {
            return window(readable, around.get(), limit);
          }
          return backward(readable, before.orElse(readable.lastSeq() + 1), limit);
        })
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  private Mono<MessagePage> backward(ReadableConversation readable, long beforeSeq, int limit) {
    long before = Math.min(beforeSeq, readable.lastSeq() + 1);
    return messages.backFrom(readable.conversationId(), before, readable.firstSeq(), limit + 1).collectList()
        .map(newestFirst -> {
          boolean hasOlder = newestFirst.size() > limit;
          List<ChatMessage> page = ascending(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
          return new MessagePage(page, hasOlder, beforeSeq <= readable.lastSeq());
        });
  }

  private Mono<MessagePage> forward(ReadableConversation readable, long afterSeq, int limit) {
    long after = Math.max(afterSeq, readable.firstSeq() - 1);
    return messages.range(readable.conversationId(), after, readable.lastSeq(), limit).collectList()
        .map(page -> new MessagePage(page, afterSeq >= readable.firstSeq(),
            !page.isEmpty() && page.get(page.size() - 1).seq() < readable.lastSeq()
                || page.isEmpty() && after < readable.lastSeq()));
  }

  private Mono<MessagePage> window(ReadableConversation readable, long seq, int limit) {
    int olderCount = limit / 2;
    Mono<MessagePage> older = backward(readable, seq, Math.max(1, olderCount));
    Mono<MessagePage> fromSeq = forward(readable, seq - 1, limit - olderCount);
    return Mono.zip(older, fromSeq).map(both -> {
      List<ChatMessage> combined = new ArrayList<>(olderCount == 0 ? List.of() : both.getT1().messages());
      combined.addAll(both.getT2().messages());
      return new MessagePage(combined, both.getT1().hasOlder() || olderCount == 0 && seq > readable.firstSeq(),
          both.getT2().hasNewer());
    });
  }

  private static List<ChatMessage> ascending(List<ChatMessage> page) {
    List<ChatMessage> sorted = new ArrayList<>(page);
    sorted.sort(Comparator.comparingLong(ChatMessage::seq));
    return sorted;
  }
}
