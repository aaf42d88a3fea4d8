package io.switchboard.protocol.broker;

import io.switchboard.protocol.ChatMessage;

/**
 * A stored message for one member. The device that sent it (message.senderDeviceId) turns it into an
 * accepted frame; every other device of the user gets it as a message frame.
 */
public record MessageDelivery(String userId, ChatMessage message) implements UserDelivery {}
