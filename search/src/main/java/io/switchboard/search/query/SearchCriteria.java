package io.switchboard.search.query;

import java.time.Instant;
import java.util.List;

/**
 * One search as asked: the text, optional narrowing (conversation, sender, sentAt range), the order, the page
 * size and where the previous page ended ({@code after}: the sort values of its last hit, or empty).
 */
public record SearchCriteria(
    QueryText text,
    String conversationId,
    String senderId,
    Instant from,
    Instant to,
    SortOrder sort,
    int limit,
    List<Object> after) {}
