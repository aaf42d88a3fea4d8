package io.switchboard.storage.conversation;

import io.switchboard.protocol.ChatMessage;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's header: who is in it, how far its sequence has gone, and its latest message (absent
 * until the first one is stored).
 */
public record Conversation(
    String conversationId,
    ConversationKind kind,
    List<String> members,
    long lastSeq,
    Instant lastActivityAt,
    ChatMessage lastMessage) {

  public boolean hasMember(String userId) {
    return members.contains(userId);
  }
}
