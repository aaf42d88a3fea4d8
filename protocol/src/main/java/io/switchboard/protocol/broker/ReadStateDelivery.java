package io.switchboard.protocol.broker;

/** For every device of {@code userId}: the account has read the conversation up to {@code readSeq}. */
public record ReadStateDelivery(String userId, String conversationId, long readSeq, long unreadCount)
    implements UserDelivery {}
