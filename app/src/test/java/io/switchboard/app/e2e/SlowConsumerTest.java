package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.edge.session.DeviceSessions;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A device stops reading its socket while messages keep coming for it and for someone else on the same edge.
 * Its buffer is bounded: once full, the edge closes the socket (4001) and, since the device takes nothing, drops
 * the connection after a grace period; meanwhile the other user gets every message without delay.
 */
class SlowConsumerTest {

  /** The smallest live buffer an edge allows, so the stalled socket overflows after a few dozen messages. */
  private static final int SESSION_BUFFER = 16;

  /** Messages to the reader, one every 50 ms while the flood goes on. */
  private static final int MESSAGES = 200;

  /**
   * Long messages to the stalled socket at most: far beyond what the buffers hold (the session buffer, a few
   * frames of prefetch, Reactor Netty's 128 unflushed frames, the kernel's socket buffers).
   */
  private static final int MAX_FLOOD = 2_000;

  private static final long FLOOD_PACE_MILLIS = 15;

  /** Long bodies fill the stalled socket's TCP buffers quickly. */
  private static final String LONG_BODY = "x".repeat(15_000);

  /** The edge's grace (5 s) plus time to fill the buffers at the flood's pace; a stalled socket is gone by then. */
  private static final Duration CLOSED_WITHIN = Duration.ofSeconds(40);

  /** Latency of a message to the reading user, send to receipt; an edge held up by the stalled socket breaks it. */
  private static final Duration NOT_SLOWED = Duration.ofSeconds(3);

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aSocketThatStopsReadingIsClosedWithinABoundAndSlowsNobody() throws Exception {
    Session flooder = cluster.newUser("flooder");
    Session stalled = cluster.newUser("stalled");
    Session friend = cluster.newUser("friend");
    Session reader = cluster.newUser("reader");
    try (TestCluster.Edge edge = cluster.startEdge("--switchboard.edge.session-buffer=" + SESSION_BUFFER);
        ChatConnection flooderSocket = flooder.connect();
        ChatConnection friendSocket = friend.connect();
        ChatConnection readerSocket = edge.connect(reader);
        RawSocket stalledSocket = RawSocket.openAndStopReading(edge.http().base(), stalled.accessToken())) {
      flooderSocket.await(SyncedFrame.class, WAIT);
      friendSocket.await(SyncedFrame.class, WAIT);
      readerSocket.await(SyncedFrame.class, WAIT);
      DeviceSessions sessionsOnEdge = edge.context().getBean(DeviceSessions.class);
      awaitDevices(sessionsOnEdge, 2, WAIT);

      // the flood goes on until the stalled socket is gone; how much it took is the bound on what it could hold
      AtomicInteger flooded = new AtomicInteger();
      CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
        while (sessionsOnEdge.connectedDevices() > 1 && flooded.get() < MAX_FLOOD) {
          flooderSocket.send(Frames.to(stalled.userId(), LONG_BODY + flooded.incrementAndGet()));
          // paced, so the router keeps up and what the reader sees is the edge, not a queue of flood
          pause(FLOOD_PACE_MILLIS);
        }
      });
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      CompletableFuture<Void> chat = CompletableFuture.runAsync(() -> {
        for (int i = 1; i <= MESSAGES; i++) {
          sentAt.put("r" + i, System.nanoTime());
          friendSocket.send(Frames.to(reader.userId(), "r" + i));
          pause(50);
        }
      });

      long start = System.nanoTime();
      List<Long> seqs = new ArrayList<>();
      List<Long> latenciesMillis = new ArrayList<>();
      long stalledGoneAt = 0;
      long deadline = start + CLOSED_WITHIN.plusSeconds(30).toNanos();
      while ((seqs.size() < MESSAGES || stalledGoneAt == 0) && System.nanoTime() < deadline) {
        ServerFrame frame = readerSocket.poll(Duration.ofMillis(20));
        if (frame instanceof MessageFrame message) {
          seqs.add(message.message().seq());
          latenciesMillis.add((System.nanoTime() - sentAt.get(message.message().body())) / 1_000_000);
        }
        if (stalledGoneAt == 0 && sessionsOnEdge.connectedDevices() == 1) {
          stalledGoneAt = System.nanoTime();
        }
      }
      flood.get(30, TimeUnit.SECONDS);
      chat.get(30, TimeUnit.SECONDS);

      assertThat(stalledGoneAt).as("the stalled socket was closed").isPositive();
      Duration stalledFor = Duration.ofNanos(stalledGoneAt - start);
      List<Long> sorted = latenciesMillis.stream().sorted().toList();
      System.out.printf("stalled socket gone after %d ms and %d long messages; reader latency median %d ms, "
              + "max %d ms%n", stalledFor.toMillis(), flooded.get(), sorted.get(sorted.size() / 2),
          sorted.get(sorted.size() - 1));
      assertThat(stalledFor).isLessThan(CLOSED_WITHIN);
      assertThat(flooded.get()).as("what the stalled socket could hold is bounded").isLessThan(MAX_FLOOD);
      assertThat(stalledSocket.readsToTheEndWithin(10_000)).as("its connection is closed").isTrue();
      assertThat(seqs).as("the reader got every message, once, in order")
          .containsExactlyElementsOf(InfrastructureOutageTest.sequence(MESSAGES));
      assertThat(sorted.get(sorted.size() - 1)).as("none was held up by the stalled socket")
          .isLessThan(NOT_SLOWED.toMillis());
      assertThat(readerSocket.isOpen()).isTrue();
    }
  }

  private static void awaitDevices(DeviceSessions sessions, int count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (sessions.connectedDevices() != count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sessions.connectedDevices()).isEqualTo(count);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
