package io.switchboard.storage.conversation;

import io.switchboard.protocol.ChatMessage;
import java.time.Instant;
import java.util.List;

/**
 * A conversation's header: who is in it, how far its sequence has gone, and its latest message (absent
 * until the first one is stored). A group also has a name and maybe an avatar; a direct conversation has
 * neither.
 */
public record Conversation(
    String conversationId,
    ConversationKind kind,
    List<String> members,
    long lastSeq,
    Instant lastActivityAt,
    ChatMessage lastMessage,
    String name,
    String avatarUrl) {

  /** A direct conversation: no name, no avatar. */
  public Conversation(String conversationId, ConversationKind kind, List<String> members, long lastSeq,
      Instant lastActivityAt, ChatMessage lastMessage) {
    this(conversationId, kind, members, lastSeq, lastActivityAt, lastMessage, null, null);
  }

  public boolean hasMember(String userId) {
    return members.contains(userId);
  }
}
