package io.switchboard.protocol.broker;

import io.switchboard.protocol.ReceiptKind;

/** For {@code userId}, a sender: member {@code memberId} has got up to {@code upToSeq} delivered or read. */
public record ReceiptDelivery(
    String userId, String conversationId, String memberId, ReceiptKind kind, long upToSeq)
    implements UserDelivery {}
