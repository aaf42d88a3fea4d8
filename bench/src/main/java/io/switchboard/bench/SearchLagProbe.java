package io.switchboard.bench;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * How far search trails the message path right after load: one message with a word nobody else wrote, timed
 * from its acceptance until search returns it.
 */
final class SearchLagProbe {

  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  private SearchLagProbe() {}

  static Optional<Duration> measure(Session sender, String recipientId) {
    String word = "probe" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (ChatConnection connection = sender.connect()) {
      connection.send(new SendFrame(UUID.randomUUID().toString(), recipientId, null, "search lag " + word));
      connection.await(AcceptedFrame.class, Duration.ofSeconds(30));
      long accepted = System.nanoTime();
      while (System.nanoTime() - accepted < GIVE_UP.toNanos()) {
        HttpAnswer answer = sender.get("/api/search?q=" + word);
        if (answer.status() == 200 && answer.body().get("hits").size() > 0) {
          return Optional.of(Duration.ofNanos(System.nanoTime() - accepted));
        }
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
      return Optional.empty();
    }
  }
}
