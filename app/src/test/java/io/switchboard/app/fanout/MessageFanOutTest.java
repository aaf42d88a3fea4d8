package io.switchboard.app.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.embedded.EmbeddedRabbitBroker;
import io.switchboard.app.embedded.RealRabbitMq;
import io.switchboard.broker.Broker;
import io.switchboard.broker.BrokerProperties;
import io.switchboard.broker.BrokerUnavailableException;
import io.switchboard.broker.Envelope;
import io.switchboard.broker.UserDeliveries;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/**
 * A stored message's fan-out through {@link UserDeliveries#publishMessage}, against both brokers: on RabbitMQ one
 * publish names every member of a group (BCC), so an edge queue bound for several members gets the message once,
 * naming them; on Qpid (which ignores BCC), with the option off, or for the two people of a direct conversation,
 * every member gets a copy of their own. Either way every member with a binding gets it. A receipt for several
 * senders ({@link UserDeliveries#publishToAll}) goes the same way.
 */
class MessageFanOutTest {

  private static final Duration GATHER = Duration.ofSeconds(2);
  private static final BrokerCodec CODEC = new BrokerCodec();

  @TempDir Path workDirectory;

  @Test
  void onRabbitMqAnEdgeHoldingSeveralMembersGetsTheMessageOnceNamingThemAll() {
    String uri = realRabbitMq();
    try (Broker broker = connect(uri, true)) {
      assertThat(broker.routesBcc()).isTrue();
      Edges edges = Edges.declare(broker);

      deliveries(broker).publishMessage(edges.message, edges.members()).block(GATHER);

      List<MessageDelivery> first = edges.gather(broker, edges.first);
      assertThat(first).hasSize(1);
      assertThat(first.get(0).message()).isEqualTo(edges.message);
      assertThat(first.get(0).userId()).isEqualTo(edges.alice);
      assertThat(first.get(0).alsoFor()).containsExactly(edges.bob, edges.carol, edges.dave);
      assertThat(edges.gather(broker, edges.second)).hasSize(1);
    }
  }

  @Test
  void onRabbitMqAReceiptForSeveralSendersReachesAnEdgeHoldingThemOnce() {
    try (Broker broker = connect(realRabbitMq(), true)) {
      Edges edges = Edges.declare(broker);
      receiptForAliceBobAndCarol(broker, edges);

      List<UserDelivery> first = edges.gatherAny(broker, edges.first);
      assertThat(first).containsExactly(
          new ReceiptDelivery(edges.alice, "group-1", edges.dave, ReceiptKind.DELIVERED, 3, List.of(edges.bob, edges.carol)));
      assertThat(edges.gatherAny(broker, edges.second)).hasSize(1);
    }
  }

  @Test
  void onQpidAReceiptForSeveralSendersGoesToEachOnItsOwn() {
    try (EmbeddedRabbitBroker qpid = EmbeddedRabbitBroker.start(0, workDirectory);
        Broker broker = connect(qpid.amqpUri(), true)) {
      Edges edges = Edges.declare(broker);
      receiptForAliceBobAndCarol(broker, edges);

      assertThat(edges.gatherAny(broker, edges.first)).containsExactlyInAnyOrder(
          new ReceiptDelivery(edges.alice, "group-1", edges.dave, ReceiptKind.DELIVERED, 3),
          new ReceiptDelivery(edges.bob, "group-1", edges.dave, ReceiptKind.DELIVERED, 3));
      assertThat(edges.gatherAny(broker, edges.second)).containsExactly(
          new ReceiptDelivery(edges.carol, "group-1", edges.dave, ReceiptKind.DELIVERED, 3));
    }
  }

  @Test
  void theTwoMembersOfADirectConversationGetAPublishEachOnRabbitMqToo() {
    try (Broker broker = connect(realRabbitMq(), true)) {
      Edges edges = Edges.declare(broker);

      deliveries(broker).publishMessage(edges.message, List.of(edges.alice, edges.bob)).block(GATHER);

      assertThat(edges.gather(broker, edges.first)).extracting(MessageDelivery::userId)
          .containsExactlyInAnyOrder(edges.alice, edges.bob);
    }
  }

  @Test
  void withTheOptionOffEveryMemberGetsTheirOwnPublishOnRabbitMq() {
    try (Broker broker = connect(realRabbitMq(), false)) {
      assertThat(broker.routesBcc()).isFalse();
      assertEveryMemberGetsTheirOwn(broker);
    }
  }

  @Test
  void onQpidWhichIgnoresBccEveryMemberGetsTheirOwnPublish() {
    try (EmbeddedRabbitBroker qpid = EmbeddedRabbitBroker.start(0, workDirectory);
        Broker broker = connect(qpid.amqpUri(), true)) {
      assertThat(broker.routesBcc()).isFalse();
      assertEveryMemberGetsTheirOwn(broker);
    }
  }

  /**
   * A publish naming more keys reaches a broker that ignores them only if the connection changed broker between
   * the publisher asking {@link Broker#routesBcc()} and the publish (a reconnect elsewhere): it is refused, so
   * the lane tries again and asks again, rather than reaching the first key only.
   */
  @Test
  void onQpidAPublishNamingMoreKeysIsRefusedAndReachesNobody() {
    try (EmbeddedRabbitBroker qpid = EmbeddedRabbitBroker.start(0, workDirectory);
        Broker broker = connect(qpid.amqpUri(), true)) {
      Edges edges = Edges.declare(broker);
      Envelope namingMore = new Envelope(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(edges.alice),
          CODEC.encode(new MessageDelivery(edges.alice, edges.message, List.of(edges.carol))),
          List.of(Topology.userRoutingKey(edges.carol)));

      StepVerifier.create(broker.publishConfirmed(namingMore))
          .expectError(BrokerUnavailableException.class)
          .verify(GATHER);
      assertThat(edges.gather(broker, edges.first)).isEmpty();
      assertThat(edges.gather(broker, edges.second)).isEmpty();
    }
  }

  private static void assertEveryMemberGetsTheirOwn(Broker broker) {
    Edges edges = Edges.declare(broker);

    deliveries(broker).publishMessage(edges.message, edges.members()).block(GATHER);

    List<MessageDelivery> first = edges.gather(broker, edges.first);
    assertThat(first).extracting(MessageDelivery::userId).containsExactlyInAnyOrder(edges.alice, edges.bob);
    assertThat(first).allSatisfy(delivery -> {
      assertThat(delivery.alsoFor()).isEmpty();
      assertThat(delivery.message()).isEqualTo(edges.message);
    });
    assertThat(edges.gather(broker, edges.second)).extracting(MessageDelivery::userId).containsExactly(edges.carol);
  }

  /**
   * Two edge queues: the first bound for alice and bob, the second for carol; dave is a member with no device
   * online (bound nowhere).
   */
  private record Edges(String first, String second, String alice, String bob, String carol, String dave,
      ChatMessage message) {

    static Edges declare(Broker broker) {
      String run = UUID.randomUUID().toString().substring(0, 8);
      Edges edges = new Edges(Topology.edgeQueue("fanout-a-" + run), Topology.edgeQueue("fanout-b-" + run),
          "alice-" + run, "bob-" + run, "carol-" + run, "dave-" + run,
          new ChatMessage("m-" + run, "group-" + run, 1, "alice-" + run, "d1", "c1", "hello",
              Instant.parse("2026-12-06T19:00:00Z")));
      broker.declareSharedTopology()
          .then(broker.declareEdgeQueue(edges.first))
          .then(broker.declareEdgeQueue(edges.second))
          .then(broker.bind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(edges.alice), edges.first))
          .then(broker.bind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(edges.bob), edges.first))
          .then(broker.bind(Topology.DELIVERY_EXCHANGE, Topology.userRoutingKey(edges.carol), edges.second))
          .block(GATHER);
      return edges;
    }

    List<String> members() {
      return List.of(alice, bob, carol, dave);
    }

    /** The message deliveries the queue holds within a moment. */
    List<MessageDelivery> gather(Broker broker, String queue) {
      return gatherAny(broker, queue).stream().map(MessageDelivery.class::cast).toList();
    }

    /** Everything the queue holds within a moment (the publish was confirmed, so it is there). */
    List<UserDelivery> gatherAny(Broker broker, String queue) {
      return broker.consume(queue, 16)
          .take(GATHER)
          .map(delivery -> {
            delivery.ack();
            return CODEC.decodeDelivery(delivery.getBody());
          })
          .collectList()
          .block();
    }
  }

  /** Dave's "delivered" up to seq 3, for the three senders alice, bob and carol. */
  private static void receiptForAliceBobAndCarol(Broker broker, Edges edges) {
    deliveries(broker).publishToAll(List.of(edges.alice, edges.bob, edges.carol),
            (sender, others) -> new ReceiptDelivery(sender, "group-1", edges.dave, ReceiptKind.DELIVERED, 3, others))
        .block(GATHER);
  }

  private static UserDeliveries deliveries(Broker broker) {
    return new UserDeliveries(broker, CODEC);
  }

  private static Broker connect(String uri, boolean bccFanOut) {
    Broker broker = Broker.connect(new BrokerProperties(uri, "fanout-test", bccFanOut));
    broker.awaitConnection().block(GATHER);
    return broker;
  }

  /** RabbitMQ itself, named as the tests name it (CI does); BCC is RabbitMQ's, so these need it. */
  private static String realRabbitMq() {
    return RealRabbitMq.uriOrSkip("BCC is RabbitMQ's");
  }
}
