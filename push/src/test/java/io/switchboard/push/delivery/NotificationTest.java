package io.switchboard.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.broker.OfflineMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

  private static final OfflineMessage LATEST = new OfflineMessage(java.util.List.of("bob"), "dm-a-b", 20, "m20", "alice", "Alice",
      "see you at 8", Instant.now(), false);

  @Test
  void aCollapsedBurstShowsTheLatestMessageAndHowManyMoreCame() {
    Notification notification = Notification.of("bob", LATEST, 20, 31, false);
    assertThat(notification.title()).isEqualTo("Alice");
    assertThat(notification.text()).isEqualTo("see you at 8 (+19 more)");
    assertThat(notification.data()).containsEntry("count", "20").containsEntry("seq", "20")
        .containsEntry("badge", "31").containsEntry("senderId", "alice").containsEntry("type", "message");
  }

  @Test
  void hiddenContentNamesNeitherSenderNorText() {
    Notification notification = Notification.of("bob", LATEST, 3, 3, true);
    assertThat(notification.title()).isEqualTo("Switchboard");
    assertThat(notification.text()).isEqualTo("3 new messages");
    assertThat(notification.data()).doesNotContainKeys("senderId", "senderName")
        .containsEntry("conversationId", "dm-a-b");
    assertThat(notification.data().values()).noneMatch(value -> value.contains("see you"));
  }

  @Test
  void theCollapseKeyFitsEveryProviderAndIsTheConversations() {
    String key = Notification.of("bob", LATEST, 1, 1, false).collapseKey();
    assertThat(key).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(Notification.withdrawal("bob", "dm-a-b", 20, 0).collapseKey()).isEqualTo(key);
    assertThat(Notification.withdrawal("bob", "dm-a-c", 20, 0).collapseKey()).isNotEqualTo(key);
  }

  @Test
  void aLongMessageIsCutToItsPreview() {
    OfflineMessage longOne = new OfflineMessage(java.util.List.of("bob"), "dm-a-b", 1, "m1", "alice", "Alice", "x".repeat(5000),
        Instant.now(), false);
    assertThat(Notification.of("bob", longOne, 1, 1, false).text()).hasSize(Notification.PREVIEW_LENGTH);
  }
}
