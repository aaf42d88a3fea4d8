package io.switchboard.history.conversation;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.storage.conversation.Conversation;
import java.time.Instant;
import java.util.List;

/** A row of the conversation list, as the HTTP API returns it. {@code name} and {@code avatarUrl} are a group's. */
public record ConversationSummary(
    String conversationId,
    String kind,
    String name,
    String avatarUrl,
    List<String> members,
    long lastSeq,
    Instant lastActivityAt,
    ChatMessage lastMessage,
    long readSeq,
    long unreadCount) {

  static ConversationSummary of(Conversation conversation, long readSeq) {
    return new ConversationSummary(
        conversation.conversationId(),
        conversation.kind().name().toLowerCase(java.util.Locale.ROOT),
        conversation.name(),
        conversation.avatarUrl(),
        conversation.members(),
        conversation.lastSeq(),
        conversation.lastActivityAt(),
        conversation.lastMessage(),
        readSeq,
        Math.max(0, conversation.lastSeq() - readSeq));
  }
}
