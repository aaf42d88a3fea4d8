package io.switchboard.push.event;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.rabbitmq.AcknowledgableDelivery;

/**
 * One broker delivery shared by the bursts of every recipient it names: acknowledged when the last of them
 * is done, so a worker that stops before that leaves the whole event to another (whose repeat to the
 * recipients already notified the providers' collapse keys absorb).
 */
final class SharedAcknowledgement {

  private final AcknowledgableDelivery delivery;
  private final AtomicInteger outstanding;

  SharedAcknowledgement(AcknowledgableDelivery delivery, int parts) {
    this.delivery = delivery;
    this.outstanding = new AtomicInteger(parts);
  }

  void partDone() {
    if (outstanding.decrementAndGet() == 0 && delivery != null) {
      delivery.ack();
    }
  }
}
