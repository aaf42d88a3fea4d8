package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.ReceiptKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of the edge's sessions a delivery from its queue is handed to. */
class DeviceSessionsTest {

  private static final ChatMessage MESSAGE =
      new ChatMessage("m1", "group-1", 7, "alice", "a1", "c1", "hello", Instant.parse("2026-12-06T19:00:00Z"));

  private final DeviceSessions sessions = new DeviceSessions();
  private final DeviceSession alicePhone = session("alice", "a1");
  private final DeviceSession aliceLaptop = session("alice", "a2");
  private final DeviceSession bob = session("bob", "b1");
  private final DeviceSession carol = session("carol", "c1");

  @Test
  void aMessageNamingSeveralMembersReachesEveryDeviceOfEachOnceAndNoOneElse() {
    MessageDelivery forMembers = new MessageDelivery("alice", MESSAGE, List.of("bob", "dave"));

    sessions.dispatch(forMembers);

    assertThat(deliveredTo(alicePhone)).containsExactly(forMembers);
    assertThat(deliveredTo(aliceLaptop)).containsExactly(forMembers);
    assertThat(deliveredTo(bob)).containsExactly(forMembers);
    assertThat(deliveredTo(carol)).isEmpty();
  }

  @Test
  void aReceiptNamingSeveralSendersReachesEveryDeviceOfEachOnceAndNoOneElse() {
    ReceiptDelivery forSenders = new ReceiptDelivery("alice", "group-1", "dave", ReceiptKind.DELIVERED, 7, List.of("carol"));

    sessions.dispatch(forSenders);

    assertThat(deliveredTo(alicePhone)).containsExactly(forSenders);
    assertThat(deliveredTo(aliceLaptop)).containsExactly(forSenders);
    assertThat(deliveredTo(carol)).containsExactly(forSenders);
    assertThat(deliveredTo(bob)).isEmpty();
  }

  @Test
  void aDeliveryNamingNobodyElseReachesOnlyItsOwnUsersDevices() {
    MessageDelivery forBob = new MessageDelivery("bob", MESSAGE);
    ReceiptDelivery receipt = new ReceiptDelivery("alice", "group-1", "bob", ReceiptKind.DELIVERED, 7);

    sessions.dispatch(forBob);
    sessions.dispatch(receipt);

    assertThat(deliveredTo(bob)).containsExactly(forBob);
    assertThat(deliveredTo(alicePhone)).containsExactly(receipt);
    assertThat(deliveredTo(carol)).isEmpty();
  }

  private DeviceSession session(String user, String device) {
    DeviceSession session = new DeviceSession(user, device, 16);
    sessions.add(session);
    return session;
  }

  /** What the session's live buffer holds now (it is unicast, so read once per test). */
  private static List<UserDelivery> deliveredTo(DeviceSession session) {
    session.end();
    return session.liveEvents()
        .take(Duration.ofMillis(200))
        .ofType(LiveEvent.Delivered.class)
        .map(LiveEvent.Delivered::delivery)
        .collectList()
        .block();
  }
}
