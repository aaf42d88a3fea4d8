package io.switchboard.search.query;

/**
 * A stretch of one conversation the caller may read: seq from {@code fromSeq} through {@code throughSeq}
 * (null: to the newest). A direct conversation is readable whole; a group from the caller's addition to their
 * removal.
 */
public record ReadableWindow(String conversationId, long fromSeq, Long throughSeq) {

  public static ReadableWindow whole(String conversationId) {
    return new ReadableWindow(conversationId, 1, null);
  }

  public boolean isWhole() {
    return fromSeq <= 1 && throughSeq == null;
  }
}
