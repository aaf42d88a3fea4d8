package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.protocol.ChatMessage;
import java.util.List;
import java.util.stream.Stream;

/**
 * A stored message for one member, or for several at once. The device that sent it (message.senderDeviceId)
 * turns it into an accepted frame; every other device of those users gets it as a message frame.
 *
 * <p>{@code alsoFor} names more members when one publish went to all their routing keys (the router does that on
 * RabbitMQ, which puts one copy in each edge's queue however many of the keys bind it): the edge hands the message
 * to its devices of every named user. Empty when the delivery is for {@code userId} alone.
 */
public record MessageDelivery(
    String userId, ChatMessage message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> alsoFor)
    implements UserDelivery {

  public MessageDelivery {
    alsoFor = alsoFor == null ? List.of() : List.copyOf(alsoFor);
  }

  public MessageDelivery(String userId, ChatMessage message) {
    this(userId, message, List.of());
  }

  /** Every user this delivery is for: {@code userId}, then {@code alsoFor}. */
  public Stream<String> recipients() {
    return Stream.concat(Stream.of(userId), alsoFor.stream());
  }
}
