package io.switchboard.protocol.broker;

/** For every device of {@code userId}: {@code typingUserId} is typing in the conversation. Never stored. */
public record TypingDelivery(String userId, String conversationId, String typingUserId) implements UserDelivery {}
