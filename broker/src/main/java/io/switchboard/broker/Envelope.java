package io.switchboard.broker;

/** One message to publish: where it goes and its encoded body. */
public record Envelope(String exchange, String routingKey, byte[] body) {}
