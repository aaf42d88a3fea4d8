package io.switchboard.app.cluster;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.EdgeAddress;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardClientException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device that behaves as a Switchboard client should (docs/protocol.md, "What the client must do"): it asks
 * discovery for an edge before connecting and after every disconnect, sends its messages at a steady pace,
 * acknowledges what it gets, and resends (same clientMessageId) every message it has no "accepted" for: after a
 * reconnect, after a {@code not_accepted} or {@code internal} answer, and when none came within
 * {@link #RESEND_AFTER}. One thread drives it; others read what it counted once it is done.
 */
final class ChattingDevice implements Runnable {

  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);
  /**
   * A message without "accepted" for this long is sent again (then after twice as long, up to 8×); the router
   * answers a stored one's repeat.
   */
  private static final Duration RESEND_AFTER = Duration.ofSeconds(4);
  /** Pause after a {@code not_accepted} or {@code internal} before sending again. */
  private static final Duration RESEND_BACKOFF = Duration.ofMillis(300);

  private final String label;
  private final Session session;
  private final String zone;
  private final String peerUserId;
  private final int toSend;
  private final int expectedIncoming;
  private final Duration pace;
  private final Duration limit;

  /** clientMessageId → seq of this device's accepted messages. */
  final Map<String, Long> accepted = new ConcurrentHashMap<>();
  /** seq → body of the peer's messages received. */
  final Map<Long, String> received = new TreeMap<>();
  /** Times a message or accepted came again for a seq this device already had (dropped by seq, as clients do). */
  int repeatedFrames;
  /** A clientMessageId accepted under two different seqs: a resend stored twice. */
  int doubledSends;
  final List<Integer> closeCodes = new ArrayList<>();
  /** Each close's code and reason (for -1, the client's error: the connection ended without a close frame). */
  final List<String> closeReasons = new ArrayList<>();
  final List<String> edgesUsed = new ArrayList<>();
  /** Error frames about this device's sends, by code: what made it resend, for the test's report. */
  final Map<String, Integer> sendErrors = new ConcurrentHashMap<>();
  /** Sends repeated because no answer came within {@link #RESEND_AFTER}. */
  int timeoutResends;
  /** When the device lost its socket for the first time, and when it had a new one (nanoTime; 0 if never). */
  long firstDisconnectAt;
  long firstReconnectAt;
  volatile Throwable failure;
  volatile boolean finished;

  /** clientMessageId → when to send it again if it is still not accepted (nanoTime). */
  private final Map<String, Long> unaccepted = new LinkedHashMap<>();
  /** clientMessageId → how many times its answer did not come in time. */
  private final Map<String, Integer> silencesOf = new HashMap<>();
  private final Map<String, SendFrame> sent = new LinkedHashMap<>();
  private ChatConnection socket;

  ChattingDevice(String label, Session session, String zone, String peerUserId, int toSend, int expectedIncoming,
      Duration pace, Duration limit) {
    this.label = label;
    this.session = session;
    this.zone = zone;
    this.peerUserId = peerUserId;
    this.toSend = toSend;
    this.expectedIncoming = expectedIncoming;
    this.pace = pace;
    this.limit = limit;
  }

  synchronized int acceptedCount() {
    return accepted.size();
  }

  synchronized boolean complete() {
    return accepted.size() == toSend && received.size() >= expectedIncoming;
  }

  /** A line on what happened to this device: edges, close codes, resends and their causes. */
  synchronized String story() {
    synchronized (edgesUsed) {
      return String.format("%s: edges %s, closes %s, accepted %d, received %d, still unaccepted %s, "
              + "send errors %s, resends after a silence %d, repeated frames %d",
          label, edgesUsed, closeReasons, accepted.size(), received.size(), unaccepted.keySet(), sendErrors,
          timeoutResends, repeatedFrames);
    }
  }

  String lastEdge() {
    synchronized (edgesUsed) {
      return edgesUsed.isEmpty() ? null : edgesUsed.get(edgesUsed.size() - 1);
    }
  }

  @Override
  public void run() {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      connect(deadline);
      int next = 1;
      long nextSendAt = System.nanoTime();
      while (!complete() && System.nanoTime() < deadline) {
        if (socket.closed().isDone()) {
          ChatConnection.CloseReason closed = socket.closed().getNow(null);
          closeCodes.add(closed.code());
          closeReasons.add(closed.code() + " " + closed.reason());
          if (firstDisconnectAt == 0) {
            firstDisconnectAt = System.nanoTime();
          }
          connect(deadline);
          if (firstReconnectAt == 0) {
            firstReconnectAt = System.nanoTime();
          }
          for (String clientMessageId : unacceptedIds()) {
            resend(clientMessageId, RESEND_AFTER);
          }
        }
        for (String clientMessageId : unacceptedIds()) {
          if (resendDue(clientMessageId)) {
            timeoutResends++;
            // waiting longer each time, as clients do: a router that is behind is not buried under repeats
            int silences = silencesOf.merge(clientMessageId, 1, Integer::sum);
            resend(clientMessageId, RESEND_AFTER.multipliedBy(1L << Math.min(silences, 3)));
          }
        }
        if (next <= toSend && System.nanoTime() >= nextSendAt) {
          SendFrame frame = new SendFrame(label + "-" + next, peerUserId, null, label + " says " + next);
          sent.put(frame.clientMessageId(), frame);
          synchronized (this) {
            unaccepted.put(frame.clientMessageId(), System.nanoTime() + RESEND_AFTER.toNanos());
          }
          trySend(frame);
          next++;
          nextSendAt = System.nanoTime() + pace.toNanos();
        }
        ServerFrame frame = socket.poll(POLL);
        if (frame != null) {
          handle(frame);
        }
      }
    } catch (Throwable e) {
      failure = e;
    } finally {
      finished = true;
      if (socket != null) {
        socket.close();
      }
    }
  }

  private void handle(ServerFrame frame) {
    if (frame instanceof AcceptedFrame accept) {
      acceptedAs(accept.clientMessageId(), accept.seq());
      ack(accept.conversationId(), accept.seq());
    } else if (frame instanceof MessageFrame message) {
      var m = message.message();
      if (session.deviceId().equals(m.senderDeviceId())) {
        acceptedAs(m.clientMessageId(), m.seq()); // its own message, brought by the backlog after a reconnect
      } else {
        synchronized (this) {
          if (received.putIfAbsent(m.seq(), m.body()) != null) {
            repeatedFrames++;
          }
        }
      }
      ack(m.conversationId(), m.seq());
    } else if (frame instanceof ErrorFrame error && error.ref() != null && sent.containsKey(error.ref())) {
      sendErrors.merge(error.code(), 1, Integer::sum);
      if (ErrorCode.NOT_ACCEPTED.wireName().equals(error.code())
          || ErrorCode.INTERNAL.wireName().equals(error.code())) {
        synchronized (this) {
          unaccepted.computeIfPresent(error.ref(), (id, at) -> System.nanoTime() + RESEND_BACKOFF.toNanos());
        }
      }
    }
  }

  private synchronized List<String> unacceptedIds() {
    return List.copyOf(unaccepted.keySet());
  }

  private synchronized boolean resendDue(String clientMessageId) {
    Long at = unaccepted.get(clientMessageId);
    return at != null && System.nanoTime() >= at;
  }

  /** Sends the message again now, and again after {@code next} if it is still not accepted by then. */
  private void resend(String clientMessageId, Duration next) {
    synchronized (this) {
      if (unaccepted.replace(clientMessageId, System.nanoTime() + next.toNanos()) == null) {
        return;
      }
    }
    trySend(sent.get(clientMessageId));
  }

  private synchronized void acceptedAs(String clientMessageId, long seq) {
    Long before = accepted.putIfAbsent(clientMessageId, seq);
    if (before != null) {
      repeatedFrames++;
      if (before != seq) {
        doubledSends++;
      }
    }
    unaccepted.remove(clientMessageId);
  }

  private void ack(String conversationId, long seq) {
    try {
      socket.send(new AckFrame(conversationId, seq));
    } catch (SwitchboardClientException closed) {
      // the socket is going; the next connection's backlog starts at the last ack that got through
    }
  }

  private void trySend(SendFrame frame) {
    try {
      socket.send(frame);
    } catch (SwitchboardClientException closed) {
      // resent after the reconnect
    }
  }

  /** Discovery, then the socket; again until it works (an edge that just died may still be named). */
  private void connect(long deadline) {
    while (true) {
      try {
        EdgeAddress edge = session.discoverEdge(zone);
        socket = session.connectTo(edge.url());
        synchronized (edgesUsed) {
          edgesUsed.add(edge.edgeId());
        }
        return;
      } catch (SwitchboardClientException | HandshakeRefusedException refusedOrUnreachable) {
        if (System.nanoTime() > deadline) {
          throw refusedOrUnreachable;
        }
        try {
          Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw refusedOrUnreachable;
        }
      }
    }
  }
}
