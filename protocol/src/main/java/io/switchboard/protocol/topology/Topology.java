package io.switchboard.protocol.topology;

/**
 * Every exchange, queue and routing key Switchboard uses, in one place. Only the portable AMQP 0-9-1 subset
 * is used (direct exchanges, durable and exclusive queues, run-time bindings), so the same topology runs on
 * RabbitMQ and on the embedded Qpid broker.
 */
public final class Topology {

  /** Direct exchange edges publish send commands to. */
  public static final String INBOUND_EXCHANGE = "switchboard.inbound";

  /** Routing key of send commands on the inbound exchange. */
  public static final String SEND_ROUTING_KEY = "message.send";

  /** Durable queue the routers share: competing consumers, persistent messages. */
  public static final String ROUTER_QUEUE = "switchboard.router.inbound";

  /** Direct exchange the router publishes per-user deliveries to, keyed by {@link #userRoutingKey}. */
  public static final String DELIVERY_EXCHANGE = "switchboard.deliveries";

  private static final String USER_KEY_PREFIX = "user.";
  private static final String EDGE_QUEUE_PREFIX = "switchboard.edge.";

  private Topology() {}

  /** The routing key that reaches every edge holding a device of this user. */
  public static String userRoutingKey(String userId) {
    return USER_KEY_PREFIX + userId;
  }

  /**
   * The one queue an edge owns. Exclusive and auto-deleted: what it held is also in MongoDB, so a dead edge's
   * devices reconnect elsewhere and catch up from their cursors.
   */
  public static String edgeQueue(String edgeId) {
    return EDGE_QUEUE_PREFIX + edgeId;
  }
}
