package io.switchboard.protocol.broker;

import io.switchboard.protocol.ReceiptKind;

/**
 * Edge or history to router: a device of {@code userId} acknowledged (delivered) or the user read the
 * conversation up to {@code seq}. The router moves the member's watermark and tells whom it concerns.
 *
 * @param senderOfSeq who sent the message at {@code seq}, where the edge knows it (it gave that very message to
 *     the device); otherwise null. When the watermark moves by that one message, the router tells its sender
 *     without reading the messages the move covers.
 */
public record ReceiptCommand(
    String userId, String deviceId, String conversationId, ReceiptKind kind, long seq, String senderOfSeq) {

  /** A receipt without a known sender: the router reads who sent the messages the move covers. */
  public ReceiptCommand(String userId, String deviceId, String conversationId, ReceiptKind kind, long seq) {
    this(userId, deviceId, conversationId, kind, seq, null);
  }
}
