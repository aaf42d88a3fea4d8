package io.switchboard.storage.conversation;

/**
 * Direct conversations have exactly two members and a derived id; groups have a random id, a name, members
 * and admins (see docs/groups.md).
 */
public enum ConversationKind {
  DIRECT,
  GROUP
}
