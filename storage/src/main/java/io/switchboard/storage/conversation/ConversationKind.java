package io.switchboard.storage.conversation;

/** Direct conversations have exactly two members and a derived id; groups arrive with their own issue. */
public enum ConversationKind {
  DIRECT
}
