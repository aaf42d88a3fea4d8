package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.protocol.ReceiptKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edge or history to router: a device of {@code userId} acknowledged (delivered) or the user read the
 * conversation up to {@code seq}. The router moves the member's watermark and tells whom it concerns.
 *
 * @param sendersKnownAfter where the edge knows who sent every message in ({@code sendersKnownAfter}, {@code seq}]
 *     (it gave those very messages to the device since its last report), that place; otherwise null
 * @param latestSeqBySender for each sender of a message in that range, the seq of their latest one there; null
 *     when {@code sendersKnownAfter} is. With these the router tells the senders a watermark move concerns
 *     without reading the messages it covers, whenever the move starts at or after {@code sendersKnownAfter}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptCommand(
    String userId, String deviceId, String conversationId, ReceiptKind kind, long seq,
    Long sendersKnownAfter, Map<String, Long> latestSeqBySender) {

  public ReceiptCommand {
    if ((sendersKnownAfter == null) != (latestSeqBySender == null)) {
      throw new IllegalArgumentException("sendersKnownAfter and latestSeqBySender come together");
    }
    latestSeqBySender = latestSeqBySender == null ? null : Map.copyOf(latestSeqBySender);
  }

  /** A receipt without known senders: the router reads who sent the messages the move covers. */
  public ReceiptCommand(String userId, String deviceId, String conversationId, ReceiptKind kind, long seq) {
    this(userId, deviceId, conversationId, kind, seq, null, null);
  }

  /**
   * Who sent the messages in ({@code before}, {@code seq}], if this command says: when the edge knew every sender
   * from {@code before} on. Empty when it cannot say (the database then can).
   */
  public Optional<List<String>> sendersAfter(long before) {
    if (sendersKnownAfter == null || before < sendersKnownAfter) {
      return Optional.empty();
    }
    return Optional.of(latestSeqBySender.entrySet().stream()
        .filter(latest -> latest.getValue() > before && latest.getValue() <= seq)
        .map(Map.Entry::getKey)
        .sorted()
        .toList());
  }
}
