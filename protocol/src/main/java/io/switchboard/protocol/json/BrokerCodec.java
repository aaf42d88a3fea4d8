package io.switchboard.protocol.json;

import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.broker.UserDelivery;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** Broker payloads as JSON bytes: readable in the RabbitMQ management UI, and one format for all services. */
public final class BrokerCodec {

  private final ObjectWriter sendCommandWriter = SwitchboardJson.mapper().writerFor(SendCommand.class);
  private final ObjectReader sendCommandReader = SwitchboardJson.mapper().readerFor(SendCommand.class);
  private final ObjectWriter deliveryWriter = SwitchboardJson.mapper().writerFor(UserDelivery.class);
  private final ObjectReader deliveryReader = SwitchboardJson.mapper().readerFor(UserDelivery.class);

  public byte[] encode(SendCommand command) {
    return sendCommandWriter.writeValueAsBytes(command);
  }

  public SendCommand decodeSendCommand(byte[] body) {
    return sendCommandReader.readValue(body);
  }

  public byte[] encode(UserDelivery delivery) {
    return deliveryWriter.writeValueAsBytes(delivery);
  }

  public UserDelivery decodeDelivery(byte[] body) {
    return deliveryReader.readValue(body);
  }
}
