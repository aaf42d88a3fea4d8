package io.switchboard.protocol.broker;

/**
 * The user read the conversation up to {@code readSeq} (on any device): a pending notification up to there is
 * withdrawn, and the badge drops.
 */
public record ConversationRead(String userId, String conversationId, long readSeq) implements PushEvent {}
