package io.switchboard.bench.device;

import io.switchboard.bench.measure.DeliveryLedger;
import io.switchboard.client.ListeningConnection;
import io.switchboard.client.Session;
import io.switchboard.client.SocketLoop;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * One simulated device: its socket, what it has received per conversation, and its acknowledgements. It behaves
 * like a well-made client: it checks every message's place (a seq at or below one already held is a duplicate),
 * and acknowledges in batches, not once per message.
 */
public final class BenchDevice {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  private final Session session;
  private final Map<String, Long> highestSeq = new ConcurrentHashMap<>();
  private final Map<String, Long> acknowledgedSeq = new ConcurrentHashMap<>();
  /** Highest seq per conversation on the current connection: the server must never repeat one within it. */
  private volatile Map<String, Long> highestThisConnection = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();
  private volatile DeliveryLedger ledger;
  private volatile ToIntFunction<AcceptedFrame> recipientsOfAccepted = accepted -> 0;
  private volatile ListeningConnection connection;
  private volatile CompletableFuture<Long> synced = new CompletableFuture<>();
  /** When the last connect's handshake was done, as System.nanoTime(); 0 before the first. */
  private volatile long openedAt;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  public BenchDevice(Session session) {
    this.session = session;
  }

  public Session session() {
    return session;
  }

  public String userId() {
    return session.userId();
  }

  /** Where deliveries and acceptances are counted from now on (each scenario has its own ledger). */
  public void countInto(DeliveryLedger ledger, ToIntFunction<AcceptedFrame> recipientsOfAccepted) {
    this.ledger = ledger;
    this.recipientsOfAccepted = recipientsOfAccepted;
  }

  /** Connects; completes with the time the server said "synced" (catch-up done), as System.nanoTime(). */
  public CompletableFuture<Long> connect(SocketLoop sockets) {
    synced = new CompletableFuture<>();
    highestThisConnection = new ConcurrentHashMap<>();
    CompletableFuture<Long> thisSync = synced;
    return ListeningConnection.open(sockets, session, CONNECT_TIMEOUT, this::onFrame)
        .thenCompose(opened -> {
          openedAt = System.nanoTime();
          connection = opened;
          // a socket the server closes before "synced" is a failed attempt, not one that never ends
          opened.closed().thenAccept(reason -> thisSync.completeExceptionally(
              new IllegalStateException("closed before synced: " + reason)));
          return thisSync;
        });
  }

  /** When the last connect's handshake was done (System.nanoTime()): how much of a catch-up was the socket's opening. */
  public long openedAt() {
    return openedAt;
  }

  public boolean isConnected() {
    ListeningConnection current = connection;
    return current != null && current.isOpen();
  }

  /** Drops the connection the way a lost network does: no closing handshake; completes when it is gone. */
  public CompletableFuture<Void> drop() {
    ListeningConnection current = connection;
    return current == null ? CompletableFuture.completedFuture(null) : current.abort();
  }

  public CompletableFuture<?> close() {
    ListeningConnection current = connection;
    if (current == null || !current.isOpen()) {
      return CompletableFuture.completedFuture(null);
    }
    return current.close().thenCompose(ignored -> current.closed())
        .completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Queues a frame behind the ones before it: a socket takes one send at a time. */
  public synchronized void send(ClientFrame frame) {
    ListeningConnection current = connection;
    sending = sending.handle((ignored, failure) -> null)
        .thenCompose(ignored -> current.send(frame));
  }

  /** Acknowledges everything received since the last call; returns how many ack frames went out. */
  public int acknowledge() {
    int frames = 0;
    for (Map.Entry<String, Long> entry : highestSeq.entrySet()) {
      Long acknowledged = acknowledgedSeq.get(entry.getKey());
      if (acknowledged == null || acknowledged < entry.getValue()) {
        acknowledgedSeq.put(entry.getKey(), entry.getValue());
        if (isConnected()) {
          send(new AckFrame(entry.getKey(), entry.getValue()));
          frames++;
        }
      }
    }
    return frames;
  }

  /** The highest seq this device holds in a conversation (0 if none): for naming where a delivery went missing. */
  public long highestSeq(String conversationId) {
    return highestSeq.getOrDefault(conversationId, 0L);
  }

  /** Messages this device received, duplicates included. */
  public long received() {
    return received.get();
  }

  private void onFrame(ServerFrame frame) {
    long arrived = System.nanoTime();
    if (frame instanceof MessageFrame message) {
      onMessage(message.message(), arrived);
    } else if (frame instanceof AcceptedFrame accepted) {
      DeliveryLedger current = ledger;
      if (current != null && BenchMessages.isBench(accepted.clientMessageId())) {
        current.answered(accepted.clientMessageId());
        current.placed(accepted.messageId(), accepted.conversationId(), accepted.seq());
        current.accepted(accepted.messageId(), recipientsOfAccepted.applyAsInt(accepted));
      }
      highestSeq.merge(accepted.conversationId(), accepted.seq(), Math::max);
      acknowledgedSeq.merge(accepted.conversationId(), accepted.seq(), Math::max);
    } else if (frame instanceof SyncedFrame) {
      synced.complete(arrived);
    } else if (frame instanceof ErrorFrame error) {
      DeliveryLedger current = ledger;
      if (current != null && error.ref() != null) {
        current.refused();
      }
    }
  }

  private void onMessage(ChatMessage message, long arrived) {
    received.incrementAndGet();
    DeliveryLedger current = ledger;
    if (current != null && message.clientMessageId() != null) {
      current.seen(message.clientMessageId());
    }
    Long beforeOnThisConnection = highestThisConnection.get(message.conversationId());
    highestThisConnection.merge(message.conversationId(), message.seq(), Math::max);
    if (beforeOnThisConnection != null && message.seq() <= beforeOnThisConnection) {
      if (current != null) {
        current.duplicate();
      }
      return;
    }
    Long before = highestSeq.get(message.conversationId());
    if (before != null && message.seq() <= before) {
      // held already, from before a reconnect: the server resends from the last acknowledged position and the
      // client keeps one copy, so this is a redelivery, not a duplicate the user would see
      if (current != null) {
        current.redelivered();
      }
      return;
    }
    highestSeq.put(message.conversationId(), message.seq());
    if (before != null && message.seq() != before + 1 && current != null) {
      current.outOfOrder();
    }
    if (current != null) {
      BenchMessages.scheduledNanos(message.body())
          .ifPresent(scheduled -> current.delivered(message.messageId(), scheduled, arrived));
    }
  }
}
