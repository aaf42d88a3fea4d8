package io.switchboard.protocol.broker;

import io.switchboard.protocol.ReceiptKind;

/**
 * Edge or history to router: a device of {@code userId} acknowledged (delivered) or the user read the
 * conversation up to {@code seq}. The router moves the member's watermark and tells whom it concerns.
 */
public record ReceiptCommand(String userId, String deviceId, String conversationId, ReceiptKind kind, long seq) {}
