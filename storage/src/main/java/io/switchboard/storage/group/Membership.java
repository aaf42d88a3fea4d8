package io.switchboard.storage.group;

/**
 * One user's window in one group: they read, receive and sync messages from {@code joinedSeq} (the event
 * that added them, or 1 for the founders) up to {@code leftSeq} (the event that removed them, which they still
 * get) — or up to the newest while they are a member ({@code leftSeq} null).
 */
public record Membership(String conversationId, String userId, long joinedSeq, Long leftSeq) {

  public boolean isCurrent() {
    return leftSeq == null;
  }

  /** The last seq of the window, given how far the conversation has gone. */
  public long lastReadableSeq(long conversationLastSeq) {
    return leftSeq == null ? conversationLastSeq : Math.min(leftSeq, conversationLastSeq);
  }
}
