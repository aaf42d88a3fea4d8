package io.switchboard.protocol.json;

import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipOutcome;
import io.switchboard.protocol.broker.MessageStored;
import io.switchboard.protocol.broker.DeadNotification;
import io.switchboard.protocol.broker.PushEvent;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.broker.UserDelivery;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/** Broker payloads as JSON bytes: readable in the RabbitMQ management UI, and one format for all services. */
public final class BrokerCodec {

  private final ObjectWriter sendCommandWriter = SwitchboardJson.mapper().writerFor(SendCommand.class);
  private final ObjectReader sendCommandReader = SwitchboardJson.mapper().readerFor(SendCommand.class);
  private final ObjectWriter receiptCommandWriter = SwitchboardJson.mapper().writerFor(ReceiptCommand.class);
  private final ObjectReader receiptCommandReader = SwitchboardJson.mapper().readerFor(ReceiptCommand.class);
  private final ObjectWriter deliveryWriter = SwitchboardJson.mapper().writerFor(UserDelivery.class);
  private final ObjectReader deliveryReader = SwitchboardJson.mapper().readerFor(UserDelivery.class);
  private final ObjectWriter membershipWriter = SwitchboardJson.mapper().writerFor(MembershipCommand.class);
  private final ObjectReader membershipReader = SwitchboardJson.mapper().readerFor(MembershipCommand.class);
  private final ObjectWriter outcomeWriter = SwitchboardJson.mapper().writerFor(MembershipOutcome.class);
  private final ObjectReader outcomeReader = SwitchboardJson.mapper().readerFor(MembershipOutcome.class);

  private final ObjectWriter storedWriter = SwitchboardJson.mapper().writerFor(MessageStored.class);
  private final ObjectReader storedReader = SwitchboardJson.mapper().readerFor(MessageStored.class);

  private final ObjectWriter pushEventWriter = SwitchboardJson.mapper().writerFor(PushEvent.class);
  private final ObjectReader pushEventReader = SwitchboardJson.mapper().readerFor(PushEvent.class);
  private final ObjectWriter deadWriter = SwitchboardJson.mapper().writerFor(DeadNotification.class);
  private final ObjectReader deadReader = SwitchboardJson.mapper().readerFor(DeadNotification.class);

  public byte[] encode(PushEvent event) {
    return pushEventWriter.writeValueAsBytes(event);
  }

  public PushEvent decodePushEvent(byte[] body) {
    return pushEventReader.readValue(body);
  }

  public byte[] encode(DeadNotification dead) {
    return deadWriter.writeValueAsBytes(dead);
  }

  public DeadNotification decodeDeadNotification(byte[] body) {
    return deadReader.readValue(body);
  }

  public byte[] encode(MessageStored stored) {
    return storedWriter.writeValueAsBytes(stored);
  }

  public MessageStored decodeMessageStored(byte[] body) {
    return storedReader.readValue(body);
  }

  public byte[] encode(SendCommand command) {
    return sendCommandWriter.writeValueAsBytes(command);
  }

  public SendCommand decodeSendCommand(byte[] body) {
    return sendCommandReader.readValue(body);
  }

  public byte[] encode(ReceiptCommand command) {
    return receiptCommandWriter.writeValueAsBytes(command);
  }

  public ReceiptCommand decodeReceiptCommand(byte[] body) {
    return receiptCommandReader.readValue(body);
  }

  public byte[] encode(UserDelivery delivery) {
    return deliveryWriter.writeValueAsBytes(delivery);
  }

  public UserDelivery decodeDelivery(byte[] body) {
    return deliveryReader.readValue(body);
  }

  public byte[] encode(MembershipCommand command) {
    return membershipWriter.writeValueAsBytes(command);
  }

  public MembershipCommand decodeMembershipCommand(byte[] body) {
    return membershipReader.readValue(body);
  }

  public byte[] encode(MembershipOutcome outcome) {
    return outcomeWriter.writeValueAsBytes(outcome);
  }

  public MembershipOutcome decodeMembershipOutcome(byte[] body) {
    return outcomeReader.readValue(body);
  }
}
