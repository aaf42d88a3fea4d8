package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small helpers shared by the end-to-end tests. */
final class Frames {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofMillis(700);

  private Frames() {}

  static SendFrame to(String userId, String body) {
    return new SendFrame(newClientMessageId(), userId, null, body);
  }

  static SendFrame inConversation(String conversationId, String body) {
    return new SendFrame(newClientMessageId(), null, conversationId, body);
  }

  /** Sends each body to {@code userId} in order, then waits until every one is accepted (stored). */
  static void sendAllAccepted(ChatConnection socket, String userId, List<String> bodies) {
    bodies.forEach(body -> socket.send(to(userId, body)));
    for (int i = 0; i < bodies.size(); i++) {
      socket.await(AcceptedFrame.class, WAIT);
    }
  }

  /** The messages a socket gets before its 'synced': its backlog, and any live ones that overtook it. */
  static List<MessageFrame> backlog(ChatConnection socket) {
    List<MessageFrame> backlog = new ArrayList<>();
    ServerFrame frame;
    while (!((frame = socket.poll(WAIT)) instanceof SyncedFrame)) {
      assertThat(frame).as("frame before 'synced'").isNotNull();
      if (frame instanceof MessageFrame message) {
        backlog.add(message);
      }
    }
    return backlog;
  }

  static String newClientMessageId() {
    return UUID.randomUUID().toString();
  }
}
