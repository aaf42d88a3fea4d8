package io.switchboard.push.event;

import io.switchboard.protocol.broker.OfflineMessage;
import java.util.ArrayList;
import java.util.List;
import reactor.core.Disposable;

/**
 * The offline messages of one conversation for one user that have not been notified yet, with the broker
 * deliveries that brought them: acknowledged only once the one notification covering them is sent, so a
 * worker that stops mid-burst leaves them to another.
 */
final class Burst {

  final BurstKey key;
  final long startedNanos;
  final List<SharedAcknowledgement> deliveries = new ArrayList<>();
  OfflineMessage latest;
  int messageCount;
  Disposable timer;

  Burst(BurstKey key, long startedNanos) {
    this.key = key;
    this.startedNanos = startedNanos;
  }

  /** A repeated event (a router that restarted mid-publish sends it again) is acknowledged but not counted. */
  void add(OfflineMessage message, SharedAcknowledgement delivery) {
    deliveries.add(delivery);
    if (latest == null || message.seq() > latest.seq()) {
      latest = message;
      messageCount++;
    }
  }

  void acknowledge() {
    deliveries.forEach(SharedAcknowledgement::partDone);
  }

  record BurstKey(String userId, String conversationId) {}
}
