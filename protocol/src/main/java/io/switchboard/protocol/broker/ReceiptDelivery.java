package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.protocol.ReceiptKind;
import java.util.List;

/**
 * For {@code userId}, a sender: member {@code memberId} has got up to {@code upToSeq} delivered or read.
 * {@code alsoFor} names more senders the same receipt is for when one publish went to all of them (see
 * {@link UserDelivery}).
 */
public record ReceiptDelivery(
    String userId, String conversationId, String memberId, ReceiptKind kind, long upToSeq,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFor)
    implements UserDelivery {

  public ReceiptDelivery {
    alsoFor = alsoFor == null ? List.of() : List.copyOf(alsoFor);
  }

  public ReceiptDelivery(String userId, String conversationId, String memberId, ReceiptKind kind, long upToSeq) {
    this(userId, conversationId, memberId, kind, upToSeq, List.of());
  }
}
