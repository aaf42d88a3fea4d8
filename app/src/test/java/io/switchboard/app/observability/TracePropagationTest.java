package io.switchboard.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.switchboard.app.e2e.TestCluster;
import io.switchboard.broker.tracing.TraceParent;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A message's trace travels through the broker in AMQP headers: the edge starts it with the send command, the
 * router carries it to the stored-message event and to every member's delivery. The test watches the real
 * exchanges through queues of its own, bound beside the services'.
 */
class TracePropagationTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void theSendCommandTheStoredMessageAndTheDeliveryCarryOneTrace() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(cluster.brokerUri());
    try (Connection connection = factory.newConnection("trace-watcher");
        Channel channel = connection.createChannel();
        ChatConnection aliceSocket = alice.connect();
        ChatConnection bobSocket = bob.connect()) {
      String commands = watch(channel, Topology.INBOUND_EXCHANGE, Topology.SEND_ROUTING_KEY);
      String stored = watch(channel, Topology.MESSAGES_EXCHANGE, Topology.MESSAGE_STORED_ROUTING_KEY);
      String deliveries = watch(channel, Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(bob.userId()));
      aliceSocket.await(SyncedFrame.class, WAIT);
      bobSocket.await(SyncedFrame.class, WAIT);
      String body = "traced " + UUID.randomUUID();

      aliceSocket.send(new SendFrame(UUID.randomUUID().toString(), bob.userId(), null, body));
      aliceSocket.await(AcceptedFrame.class, WAIT);
      bobSocket.await(MessageFrame.class, WAIT);

      TraceParent command = traceOf(channel, commands, body);
      TraceParent storedMessage = traceOf(channel, stored, body);
      TraceParent delivery = traceOf(channel, deliveries, body);
      assertThat(storedMessage.traceId()).isEqualTo(command.traceId());
      assertThat(delivery.traceId()).isEqualTo(command.traceId());
      assertThat(delivery.spanId()).as("each publish is a span of its own")
          .isNotEqualTo(command.spanId()).isNotEqualTo(storedMessage.spanId());
    }
  }

  /** A queue of the test's own that gets a copy of what the services publish to {@code exchange} with {@code key}. */
  private static String watch(Channel channel, String exchange, String routingKey) throws Exception {
    String queue = channel.queueDeclare("trace-watch-" + UUID.randomUUID(), false, true, true, null).getQueue();
    channel.queueBind(queue, exchange, routingKey);
    return queue;
  }

  /** The trace on the watched message whose body holds {@code body}. */
  private static TraceParent traceOf(Channel channel, String queue, String body) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      GetResponse response = channel.basicGet(queue, true);
      if (response == null) {
        Thread.sleep(20);
      } else if (new String(response.getBody(), StandardCharsets.UTF_8).contains(body)) {
        return TraceParent.fromHeaders(response.getProps().getHeaders())
            .orElseThrow(() -> new AssertionError("no traceparent header on the message in " + queue));
      }
    }
    throw new AssertionError("the message never reached " + queue);
  }
}
