package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.DeadNotification;
import io.switchboard.protocol.broker.OfflineMessage;
import io.switchboard.protocol.broker.PushEvent;
import io.switchboard.protocol.json.BrokerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Push events between router and push workers, and the dead letters, as JSON; the documented example decodes. */
class PushEventCodecTest {

  private final BrokerCodec codec = new BrokerCodec();

  @Test
  void pushEventsRoundTripAsTheirKind() {
    PushEvent offline = new OfflineMessage(List.of("bob", "carol"), "g-1", 7, "m7", "alice", "Alice", "hi",
        Instant.parse("2026-11-28T11:59:46.460633890Z"), true);
    PushEvent read = new ConversationRead("bob", "g-1", 7);
    assertThat(codec.decodePushEvent(codec.encode(offline))).isEqualTo(offline);
    assertThat(codec.decodePushEvent(codec.encode(read))).isEqualTo(read);
    assertThat(new String(codec.encode(read), StandardCharsets.UTF_8)).contains("\"kind\":\"conversation_read\"");
  }

  @Test
  void theExampleInProtocolMdDecodes() {
    String documented = "{\"kind\":\"offline_message\",\"recipientIds\":[\"6dd7f8b5bf0e4a389e7a15124aaa9be8\"],"
        + "\"conversationId\":\"dm-1e4e9e55f46c44c58e7d3680f6f62a7d-6dd7f8b5bf0e4a389e7a15124aaa9be8\",\"seq\":1,"
        + "\"messageId\":\"b4a17275bb14465ab8368f495982c782\",\"senderId\":\"1e4e9e55f46c44c58e7d3680f6f62a7d\","
        + "\"senderName\":\"alice\",\"body\":\"Hi Bob!\",\"sentAt\":\"2026-11-28T11:59:46.460633890Z\",\"group\":false}";
    assertThat(ProtocolDocumentationTest.read(java.nio.file.Path.of("docs", "protocol.md")))
        .contains(documented);
    OfflineMessage decoded = (OfflineMessage) codec.decodePushEvent(documented.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded.recipientIds()).containsExactly("6dd7f8b5bf0e4a389e7a15124aaa9be8");
    assertThat(decoded.body()).isEqualTo("Hi Bob!");
  }

  @Test
  void deadNotificationsRoundTrip() {
    DeadNotification dead = new DeadNotification("bob", "g-1", "t1", "web_push", "503 ", 5, 7, 2,
        Instant.parse("2026-11-28T12:00:00Z"));
    assertThat(codec.decodeDeadNotification(codec.encode(dead))).isEqualTo(dead);
  }
}
