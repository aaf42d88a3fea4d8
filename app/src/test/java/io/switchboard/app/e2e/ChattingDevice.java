package io.switchboard.app.e2e;

import io.switchboard.client.ChatConnection;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device in a fault test, on a thread of its own (its socket is only ever used from that thread): sends its
 * messages at a steady pace, resends any that got {@code not_accepted} or no {@code accepted} in time (with the
 * same clientMessageId, as a client must), acknowledges what it receives, and records every seq it is given —
 * {@code message} frames, and the first {@code accepted} of each of its own messages — in arrival order.
 */
final class ChattingDevice {

  /** A message not accepted within this long is sent again; the router drops the repeat if it was stored. */
  static final Duration RESEND_AFTER = Duration.ofSeconds(4);

  /** Wait after a {@code not_accepted} before sending again, so an outage is not hammered. */
  static final Duration RESEND_BACKOFF = Duration.ofMillis(300);

  private final ChatConnection socket;
  private final List<SendFrame> toSend;
  private final Duration pace;
  private final int expectedSeqs;
  private final List<Long> givenSeqs = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> messageSeqs = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger notAccepted = new AtomicInteger();
  private final AtomicInteger resends = new AtomicInteger();

  /**
   * @param toSend this device's messages, sent in this order
   * @param expectedSeqs how many seqs of the conversation this device must end up with (every message of it)
   */
  ChattingDevice(ChatConnection socket, List<SendFrame> toSend, Duration pace, int expectedSeqs) {
    this.socket = socket;
    this.toSend = List.copyOf(toSend);
    this.pace = pace;
    this.expectedSeqs = expectedSeqs;
  }

  CompletableFuture<Void> run(Duration limit) {
    return CompletableFuture.runAsync(() -> loop(limit));
  }

  private void loop(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, Pending> unaccepted = new LinkedHashMap<>();
    int next = 0;
    long nextSendAt = System.nanoTime();
    while (System.nanoTime() < deadline
        && (next < toSend.size() || !unaccepted.isEmpty() || givenSeqs.size() < expectedSeqs)) {
      long now = System.nanoTime();
      if (next < toSend.size() && now >= nextSendAt) {
        SendFrame frame = toSend.get(next++);
        socket.send(frame);
        unaccepted.put(frame.clientMessageId(), new Pending(frame, now + RESEND_AFTER.toNanos()));
        nextSendAt = now + pace.toNanos();
      }
      for (Map.Entry<String, Pending> entry : unaccepted.entrySet()) {
        if (now >= entry.getValue().resendAt()) {
          socket.send(entry.getValue().frame());
          resends.incrementAndGet();
          entry.setValue(new Pending(entry.getValue().frame(), now + RESEND_AFTER.toNanos()));
        }
      }
      ServerFrame frame = socket.poll(Duration.ofMillis(10));
      if (frame instanceof MessageFrame message) {
        givenSeqs.add(message.message().seq());
        messageSeqs.add(message.message().seq());
        bodies.add(message.message().body());
        // one of its own, caught up from the database as a message rather than an accepted: it is stored
        unaccepted.remove(message.message().clientMessageId());
        socket.send(new AckFrame(message.message().conversationId(), message.message().seq()));
      } else if (frame instanceof AcceptedFrame accepted) {
        Pending pending = unaccepted.remove(accepted.clientMessageId());
        if (pending != null) {
          givenSeqs.add(accepted.seq());
          bodies.add(pending.frame().body());
        }
      } else if (frame instanceof ErrorFrame error && error.ref() != null && unaccepted.containsKey(error.ref())) {
        if (ErrorCode.NOT_ACCEPTED.wireName().equals(error.code())) {
          notAccepted.incrementAndGet();
        }
        Pending pending = unaccepted.get(error.ref());
        unaccepted.put(error.ref(), new Pending(pending.frame(), System.nanoTime() + RESEND_BACKOFF.toNanos()));
      }
    }
  }

  /** Every seq this device was given, in arrival order: message frames and its own first accepted. */
  List<Long> givenSeqs() {
    return List.copyOf(givenSeqs);
  }

  /** Seqs of the {@code message} frames only: each may come once. */
  List<Long> messageSeqs() {
    return List.copyOf(messageSeqs);
  }

  List<String> bodies() {
    return List.copyOf(bodies);
  }

  int notAcceptedCount() {
    return notAccepted.get();
  }

  int resendCount() {
    return resends.get();
  }

  ChatConnection socket() {
    return socket;
  }

  private record Pending(SendFrame frame, long resendAt) {}
}
