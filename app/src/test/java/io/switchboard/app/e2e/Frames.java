package io.switchboard.app.e2e;

import io.switchboard.protocol.frame.SendFrame;
import java.time.Duration;
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

  static String newClientMessageId() {
    return UUID.randomUUID().toString();
  }
}
