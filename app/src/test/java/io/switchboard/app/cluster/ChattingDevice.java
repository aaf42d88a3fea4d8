package io.switchboard.app.cluster;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.EdgeAddress;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardClientException;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A device that behaves as a Switchboard client should: it asks discovery for an edge before connecting and
 * after every disconnect, sends its messages at a steady pace, acknowledges what it gets, and after a
 * reconnect resends (same clientMessageId) every message it has no "accepted" for. One thread drives it;
 * others read what it counted once it is done.
 */
final class ChattingDevice implements Runnable {

  private static final Duration POLL = Duration.ofMillis(5);
  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

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
  final List<String> edgesUsed = new ArrayList<>();
  /** When the device lost its socket for the first time, and when it had a new one (nanoTime; 0 if never). */
  long firstDisconnectAt;
  long firstReconnectAt;
  volatile Throwable failure;
  volatile boolean finished;

  private final Set<String> unaccepted = new LinkedHashSet<>();
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
          closeCodes.add(socket.closed().getNow(null).code());
          if (firstDisconnectAt == 0) {
            firstDisconnectAt = System.nanoTime();
          }
          connect(deadline);
          if (firstReconnectAt == 0) {
            firstReconnectAt = System.nanoTime();
          }
          for (String clientMessageId : List.copyOf(unaccepted)) {
            trySend(sent.get(clientMessageId));
          }
        }
        if (next <= toSend && System.nanoTime() >= nextSendAt) {
          SendFrame frame = new SendFrame(label + "-" + next, peerUserId, null, label + " says " + next);
          sent.put(frame.clientMessageId(), frame);
          synchronized (this) {
            unaccepted.add(frame.clientMessageId());
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
    }
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
