package io.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.PresenceStatus;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.PresenceDelivery;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.broker.SendRejection;
import io.switchboard.protocol.broker.TypingDelivery;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

  private final FrameCodec codec = new FrameCodec();

  @Test
  void decodesASendFrame() {
    ClientFrame frame = codec.decodeClientFrame(
        "{\"type\":\"send\",\"clientMessageId\":\"c1\",\"to\":\"bob\",\"body\":\"hi\"}");
    assertThat(frame).isEqualTo(new SendFrame("c1", "bob", null, "hi"));
  }

  @Test
  void ignoresMembersItDoesNotKnowSoNewerClientsStillWork() {
    assertThat(codec.decodeClientFrame("{\"type\":\"ping\",\"nonce\":\"n\",\"future\":true}"))
        .isEqualTo(new PingFrame("n"));
  }

  @Test
  void namesEachKindOfBadInput() {
    assertRefused("{not json", ErrorCode.MALFORMED_JSON);
    assertRefused("42", ErrorCode.MALFORMED_JSON);
    assertRefused("{\"body\":\"no type\"}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":7}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"teleport\"}", ErrorCode.UNKNOWN_TYPE);
    assertRefused("{\"type\":\"send\",\"clientMessageId\":\"c\",\"to\":\"b\"}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"send\",\"clientMessageId\":\"c\",\"to\":\"b\",\"conversationId\":\"x\",\"body\":\"b\"}",
        ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"ack\",\"conversationId\":\"x\",\"seq\":0}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"ack\",\"conversationId\":\"x\",\"seq\":\"many\"}", ErrorCode.INVALID_FRAME);
  }

  @Test
  void presenceQueriesAreBoundedAndTypingNeedsAConversation() {
    String hundredAndOne = java.util.stream.IntStream.rangeClosed(1, 101)
        .mapToObj(i -> "\"u" + i + "\"").collect(java.util.stream.Collectors.joining(","));
    assertRefused("{\"type\":\"presence_query\",\"userIds\":[" + hundredAndOne + "]}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"presence_query\",\"userIds\":[]}", ErrorCode.INVALID_FRAME);
    assertRefused("{\"type\":\"typing\"}", ErrorCode.INVALID_FRAME);
    assertThat(codec.decodeClientFrame("{\"type\":\"typing\",\"conversationId\":\"dm-a-b\"}"))
        .isEqualTo(new io.switchboard.protocol.frame.TypingFrame("dm-a-b"));
  }

  @Test
  void anInvalidSendStillNamesItsClientMessageId() {
    assertThatThrownBy(() -> codec.decodeClientFrame("{\"type\":\"send\",\"clientMessageId\":\"c9\",\"to\":\"\",\"body\":\"b\"}"))
        .isInstanceOf(FrameException.class)
        .satisfies(error -> assertThat(((FrameException) error).ref()).isEqualTo("c9"))
        .hasMessageContaining("'to'");
  }

  @Test
  void theErrorTextNamesTheMissingMember() {
    assertThatThrownBy(() -> codec.decodeClientFrame("{\"type\":\"send\",\"clientMessageId\":\"c\",\"to\":\"b\"}"))
        .hasMessageContaining("'body'");
  }

  @Test
  void serverFramesCarryTheirTypeAndRoundTrip() {
    ChatMessage message = new ChatMessage("m1", "dm-a-b", 3, "a", "d1", "c1", "hello", Instant.parse("2026-11-28T10:00:00Z"));
    String text = codec.encode(new MessageFrame(message));
    assertThat(text).contains("\"type\":\"message\"").contains("\"sentAt\":\"2026-11-28T10:00:00Z\"");
    ServerFrame decoded = codec.decodeServerFrame(text);
    assertThat(decoded).isEqualTo(new MessageFrame(message));

    AcceptedFrame accepted = new AcceptedFrame("c1", "m1", "dm-a-b", 3, message.sentAt());
    assertThat(codec.decodeServerFrame(codec.encode(accepted))).isEqualTo(accepted);
  }

  @Test
  void clientFramesRoundTripForClients() {
    AckFrame ack = new AckFrame("dm-a-b", 9);
    assertThat(codec.decodeClientFrame(codec.encode(ack))).isEqualTo(ack);
  }

  @Test
  void brokerPayloadsRoundTrip() {
    BrokerCodec broker = new BrokerCodec();
    SendCommand command = new SendCommand("a", "d1", "c1", "b", null, "hi", Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(broker.decodeSendCommand(broker.encode(command))).isEqualTo(command);

    ChatMessage message = new ChatMessage("m1", "dm-a-b", 1, "a", "d1", "c1", "hi", Instant.parse("2026-11-28T10:00:00Z"));
    assertThat(broker.decodeDelivery(broker.encode(new MessageDelivery("b", message))))
        .isEqualTo(new MessageDelivery("b", message));
    MessageDelivery forSeveral = new MessageDelivery("a", message, List.of("b", "c"));
    assertThat(broker.decodeDelivery(broker.encode(forSeveral))).isEqualTo(forSeveral);
    assertThat(broker.decodeDelivery(broker.encode(forSeveral)).alsoFor()).containsExactly("b", "c");
    ReceiptDelivery receipt = new ReceiptDelivery("a", "g-1", "b", ReceiptKind.DELIVERED, 4);
    assertThat(broker.decodeDelivery(broker.encode(receipt))).isEqualTo(receipt);
    assertThat(new String(broker.encode(receipt), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("alsoFor");
    ReceiptDelivery receiptForSeveral = new ReceiptDelivery("a", "g-1", "b", ReceiptKind.READ, 4, List.of("c", "d"));
    assertThat(broker.decodeDelivery(broker.encode(receiptForSeveral))).isEqualTo(receiptForSeveral);
    TypingDelivery typingForSeveral = new TypingDelivery("a", "g-1", "b", List.of("c"));
    assertThat(broker.decodeDelivery(broker.encode(typingForSeveral))).isEqualTo(typingForSeveral);
    PresenceDelivery presenceForSeveral = new PresenceDelivery("a", "b", PresenceStatus.OFFLINE,
        Instant.parse("2026-12-06T22:00:00Z"), List.of("c", "d"));
    assertThat(broker.decodeDelivery(broker.encode(presenceForSeveral))).isEqualTo(presenceForSeveral);
    SendRejection rejection = new SendRejection("a", "d1", "c1", "not_a_member", "no");
    assertThat(broker.decodeDelivery(broker.encode(rejection))).isEqualTo(rejection);
  }

  private void assertRefused(String text, ErrorCode expected) {
    assertThatThrownBy(() -> codec.decodeClientFrame(text))
        .isInstanceOf(FrameException.class)
        .satisfies(error -> assertThat(((FrameException) error).code()).isEqualTo(expected));
  }
}
