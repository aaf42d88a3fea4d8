package io.switchboard.app.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.embedded.EmbeddedRabbitBroker;
import io.switchboard.app.embedded.RealRabbitMq;
import io.switchboard.broker.Broker;
import io.switchboard.broker.BrokerProperties;
import io.switchboard.broker.Envelope;
import io.switchboard.protocol.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * A bind the broker refuses (its queue is gone) is a channel error: the broker closes the channel it came on.
 * Binds go over a few kept channels, so a refused one must not leave its channel dead for every later bind of
 * the connection (an edge could then bind no more users until a reconnect). Against both brokers.
 */
class BindingChannelsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** More refusals than the link keeps binding channels (4), so every one of them has been closed once. */
  private static final int REFUSED_BINDS = 12;

  @TempDir Path workDirectory;

  @Test
  void bindsStillWorkAfterTheBrokerRefusedSomeOnQpid() {
    try (EmbeddedRabbitBroker qpid = EmbeddedRabbitBroker.start(0, workDirectory);
        Broker broker = connect(qpid.amqpUri())) {
      assertBindsWorkAfterRefusals(broker);
    }
  }

  @Test
  void bindsStillWorkAfterTheBrokerRefusedSomeOnRabbitMq() {
    try (Broker broker = connect(RealRabbitMq.uriOrSkip("this case is about RabbitMQ's channel closing"))) {
      assertBindsWorkAfterRefusals(broker);
    }
  }

  private static void assertBindsWorkAfterRefusals(Broker broker) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String queue = Topology.edgeQueue("binding-" + run);
    String userKey = Topology.userRoutingKey("alice-" + run);
    broker.declareSharedTopology().then(broker.declareEdgeQueue(queue)).block(WAIT);

    for (int i = 0; i < REFUSED_BINDS; i++) {
      StepVerifier.create(broker.bind(Topology.DELIVERY_EXCHANGE, userKey, Topology.edgeQueue("gone-" + run)))
          .as("a bind to a queue that does not exist is refused")
          .expectError()
          .verify(WAIT);
    }
    for (int i = 0; i < REFUSED_BINDS; i++) {
      broker.bind(Topology.DELIVERY_EXCHANGE, userKey, queue).block(WAIT);
    }

    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    broker.publishConfirmed(new Envelope(Topology.DELIVERY_EXCHANGE, userKey, body)).block(WAIT);
    StepVerifier.create(broker.consume(queue, 1).take(1))
        .assertNext(delivery -> {
          assertThat(delivery.getBody()).as("the binding made after the refusals routes").isEqualTo(body);
          delivery.ack();
        })
        .expectComplete()
        .verify(WAIT);
  }

  private static Broker connect(String uri) {
    Broker broker = Broker.connect(new BrokerProperties(uri, "binding-channels-test", true));
    broker.awaitConnection().block(WAIT);
    return broker;
  }
}
