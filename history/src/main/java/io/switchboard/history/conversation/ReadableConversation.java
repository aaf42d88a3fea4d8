package io.switchboard.history.conversation;

import io.switchboard.storage.conversation.Conversation;

/**
 * A conversation and the part of it the caller may read: sequence numbers {@code firstSeq} to {@code lastSeq}.
 * All of it in a direct conversation; in a group, the caller's membership window — from the event that added
 * them up to the newest message, or up to the event that removed them.
 */
public record ReadableConversation(Conversation conversation, long firstSeq, long lastSeq) {

  public String conversationId() {
    return conversation.conversationId();
  }
}
