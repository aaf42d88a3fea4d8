package io.switchboard.storage.sync;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.conversation.Conversation;
import io.switchboard.storage.conversation.ConversationKind;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.group.Membership;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.group.UserConversations;
import io.switchboard.storage.message.MessageStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Store-and-forward's read side: what a device has not acknowledged yet, conversation by conversation, in
 * sequence order, read lazily in pages so a device that was away for a week costs one page of memory at a
 * time. Used by the edge when a device connects and by the history service's sync endpoint.
 *
 * <p>In a group, only the user's membership window is theirs: catch-up starts no earlier than the event that
 * added them, and in a group they have left it stops at the event that removed them (which they do get).
 */
@Component
public class BacklogReader {

  private final DeviceCursorStore cursors;
  private final MessageStore messages;
  private final UserConversations userConversations;

  public BacklogReader(
      ConversationStore conversations, DeviceCursorStore cursors, MessageStore messages,
      MembershipStore memberships) {
    this.cursors = cursors;
    this.messages = messages;
    this.userConversations = new UserConversations(conversations, memberships);
  }

  public Mono<Backlog> open(String userId, String deviceId) {
    return userConversations.of(userId)
        .flatMap(found -> cursors.cursorsOf(deviceId, conversationIds(found.memberOf(), found.windows()))
            .map(acknowledged -> backlog(found.memberOf(), acknowledged, found.windows())));
  }

  /** Where the device may have cursors: its user's conversations and the groups they have been in. */
  private static Set<String> conversationIds(List<Conversation> memberOf, List<Membership> windows) {
    Set<String> ids = new LinkedHashSet<>();
    memberOf.forEach(conversation -> ids.add(conversation.conversationId()));
    windows.forEach(window -> ids.add(window.conversationId()));
    return ids;
  }

  /** Every missing message, oldest first within each conversation, fetched {@code pageSize} at a time. */
  public Flux<ChatMessage> messages(Backlog backlog, int pageSize) {
    return Flux.fromIterable(backlog.behind())
        .concatMap(position -> pages(position.conversationId(), position.afterSeq(), position.throughSeq(),
            pageSize));
  }

  private Flux<ChatMessage> pages(String conversationId, long afterSeq, long throughSeq, int pageSize) {
    return messages.range(conversationId, afterSeq, throughSeq, pageSize).collectList()
        .flatMapMany(page -> {
          if (page.size() < pageSize) {
            return Flux.fromIterable(page);
          }
          long last = page.get(page.size() - 1).seq();
          return Flux.fromIterable(page)
              .concatWith(Flux.defer(() -> pages(conversationId, last, throughSeq, pageSize)));
        });
  }

  private static Backlog backlog(
      List<Conversation> memberOf, Map<String, Long> acknowledged, List<Membership> windows) {
    Map<String, Membership> windowOf =
        windows.stream().collect(Collectors.toMap(Membership::conversationId, Function.identity()));
    Map<String, Long> positions = new HashMap<>();
    List<Backlog.Position> behind = new ArrayList<>();
    for (Conversation conversation : memberOf) {
      String id = conversation.conversationId();
      long acked = acknowledged.getOrDefault(id, 0L);
      if (conversation.kind() != ConversationKind.GROUP) {
        place(positions, behind, id, acked, 1, conversation.lastSeq());
      } else if (windowOf.containsKey(id)) {
        Membership window = windowOf.get(id);
        place(positions, behind, id, acked, window.joinedSeq(), window.lastReadableSeq(conversation.lastSeq()));
      }
      // a group member without a window yet is being added right now: the event opening it arrives live
    }
    for (Membership window : windows) {
      String id = window.conversationId();
      if (!window.isCurrent() && !positions.containsKey(id) && acknowledged.getOrDefault(id, 0L) < window.leftSeq()) {
        place(positions, behind, id, acknowledged.getOrDefault(id, 0L), window.joinedSeq(), window.leftSeq());
      }
    }
    return new Backlog(positions, behind);
  }

  private static void place(Map<String, Long> positions, List<Backlog.Position> behind, String conversationId,
      long acknowledged, long firstSeq, long throughSeq) {
    long start = Math.max(acknowledged, firstSeq - 1);
    positions.put(conversationId, start);
    if (throughSeq > start) {
      behind.add(new Backlog.Position(conversationId, start, throughSeq));
    }
  }
}
