package io.switchboard.broker;

import java.util.List;

/**
 * One message to publish: where it goes and its encoded body. {@code bcc} names more routing keys of the same
 * exchange for the same publish (the broker puts one copy in each queue any of the keys reaches); only for a
 * broker that routes them ({@link Broker#routesBcc()}).
 */
public record Envelope(String exchange, String routingKey, byte[] body, List<String> bcc) {

  public Envelope {
    bcc = List.copyOf(bcc);
  }

  public Envelope(String exchange, String routingKey, byte[] body) {
    this(exchange, routingKey, body, List.of());
  }
}
