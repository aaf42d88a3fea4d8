package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Router to edges, published on one user's routing key: every edge holding a device of that user gets it.
 * {@code userId} repeats the routing key so an edge never has to parse keys.
 *
 * <p>A delivery that is the same for several users (a group message, a receipt for several senders) may go out
 * as one publish naming them all (RabbitMQ's {@code BCC}: one copy in each edge's queue however many of the
 * keys bind it); {@link #alsoFor()} then names the users besides {@code userId}, and the edge hands it to its
 * devices of each.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MessageDelivery.class, name = "message"),
  @JsonSubTypes.Type(value = SendRejection.class, name = "rejection"),
  @JsonSubTypes.Type(value = ReceiptDelivery.class, name = "receipt"),
  @JsonSubTypes.Type(value = ReadStateDelivery.class, name = "read_state"),
  @JsonSubTypes.Type(value = DeviceSignedOut.class, name = "device_signed_out"),
  @JsonSubTypes.Type(value = PresenceDelivery.class, name = "presence"),
  @JsonSubTypes.Type(value = TypingDelivery.class, name = "typing")
})
public sealed interface UserDelivery
    permits MessageDelivery, SendRejection, ReceiptDelivery, ReadStateDelivery, DeviceSignedOut,
        PresenceDelivery, TypingDelivery {

  String userId();

  /** The other users this one publish is for; empty when it is for {@code userId} alone. */
  default List<String> alsoFor() {
    return List.of();
  }
}
