package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.ReceiptKind;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  /**
   * A device reconnecting while the edge is still closing its old socket (a reconnect storm): the old session's
   * removal and the new one's arrival race for the same user. Here the new session's arrival is held half-way,
   * until the old one has left (or half a second, if leaving has to wait for it): the new session must end up
   * registered, or it would get no live delivery until it reconnected again.
   */
  @Test
  void aSessionArrivingWhileTheUsersLastOneLeavesStaysRegistered() throws Exception {
    CountDownLatch oldOneLeft = new CountDownLatch(1);
    DeviceSessions racing = new DeviceSessions(() -> new HeldAdditions(oldOneLeft));
    DeviceSession old = new DeviceSession("alice", "old", 1);
    DeviceSession arriving = new DeviceSession("alice", "new", 1);
    racing.add(old);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> add = threads.submit(() -> racing.add(arriving));
      Thread.sleep(50); // the arrival is under way
      Future<?> remove = threads.submit(() -> {
        racing.remove(old);
        oldOneLeft.countDown();
      });
      add.get(5, TimeUnit.SECONDS);
      remove.get(5, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }

    MessageDelivery forAlice = new MessageDelivery("alice", MESSAGE);
    racing.dispatch(forAlice);
    assertThat(racing.connectedDevices()).isEqualTo(1);
    assertThat(deliveredTo(arriving)).containsExactly(forAlice);
  }

  /** A user's set of sessions whose addition of the device "new" waits for {@code proceed} (at most 0.5 s). */
  private static final class HeldAdditions extends AbstractSet<DeviceSession> {

    private final Set<DeviceSession> sessions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch proceed;

    HeldAdditions(CountDownLatch proceed) {
      this.proceed = proceed;
    }

    @Override
    public boolean add(DeviceSession session) {
      if (session.deviceId().equals("new")) {
        try {
          proceed.await(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return sessions.add(session);
    }

    @Override
    public boolean remove(Object session) {
      return sessions.remove(session);
    }

    @Override
    public Iterator<DeviceSession> iterator() {
      return sessions.iterator();
    }

    @Override
    public int size() {
      return sessions.size();
    }
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
