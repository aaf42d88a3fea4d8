package io.switchboard.search.query;

import java.time.Instant;

/**
 * One found message: where it is ({@code conversationId}, {@code seq} — what the jump to it needs), who sent it
 * when, and the matched words in context ({@code highlight}: HTML-escaped text with {@code <em>} around matches).
 */
public record SearchHit(
    String conversationId, long seq, String messageId, String senderId, Instant sentAt, String body,
    String highlight) {}
