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

  /**
   * Routing key of group membership commands on the inbound exchange. They land in the same queue as sends,
   * so a conversation's messages and membership changes are applied in one order.
   */
  public static final String MEMBERSHIP_ROUTING_KEY = "conversation.membership";

  /** Durable queue the routers share: competing consumers, persistent messages. */
  public static final String ROUTER_QUEUE = "switchboard.router.inbound";

  /** Routing key of receipt commands (delivered/read watermarks) on the inbound exchange. */
  public static final String RECEIPT_ROUTING_KEY = "receipt.update";

  /**
   * Durable queue of receipt commands, apart from the message queue: a flood of acknowledgements never
   * delays a message, and receipts need no ordering with messages.
   */
  public static final String ROUTER_RECEIPT_QUEUE = "switchboard.router.receipts";

  /** Direct exchange the router publishes per-user deliveries to, keyed by {@link #userRoutingKey}. */
  public static final String DELIVERY_EXCHANGE = "switchboard.deliveries";

  /** Direct exchange the router answers on, keyed by the asking instance's {@link #replyQueue}. */
  public static final String REPLY_EXCHANGE = "switchboard.replies";

  /**
   * Direct exchange the router publishes every stored message to (membership events included), keyed by
   * {@link #MESSAGE_STORED_ROUTING_KEY}: services that follow all messages, like search, bind their queue here.
   */
  public static final String MESSAGES_EXCHANGE = "switchboard.messages";

  /** Routing key of a {@code MessageStored} on {@link #MESSAGES_EXCHANGE}. */
  public static final String MESSAGE_STORED_ROUTING_KEY = "message.stored";

  /**
   * Durable queue the search indexers share: it holds every stored message until one is indexed, so an
   * Elasticsearch outage delays search and loses nothing.
   */
  public static final String SEARCH_INDEX_QUEUE = "switchboard.search.index";

  /**
   * Direct exchange the router publishes push events to: {@link #PUSH_OFFLINE_ROUTING_KEY} for a message to a
   * member with no device online, {@link #PUSH_READ_ROUTING_KEY} when a member reads. The router declares only
   * the exchange; the push workers declare and bind their queue, so a deployment without push keeps nothing.
   */
  public static final String PUSH_EXCHANGE = "switchboard.push";

  public static final String PUSH_OFFLINE_ROUTING_KEY = "push.offline";

  public static final String PUSH_READ_ROUTING_KEY = "push.read";

  /** Durable queue the push workers share (competing consumers), both kinds of push event. */
  public static final String PUSH_EVENTS_QUEUE = "switchboard.push.events";

  /** Routing key of a notification that failed for good, on {@link #PUSH_EXCHANGE}. */
  public static final String PUSH_DEAD_ROUTING_KEY = "push.dead";

  /** Durable queue of notifications no provider took after every retry, each with its reason. */
  public static final String PUSH_DEAD_LETTER_QUEUE = "switchboard.push.dead";

  private static final String USER_KEY_PREFIX = "user.";
  private static final String REPLY_QUEUE_PREFIX = "switchboard.replies.";
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

  /**
   * The queue where one service instance receives the router's answers (membership outcomes); also the routing
   * key on {@link #REPLY_EXCHANGE}. Exclusive and auto-deleted, like an edge queue: an answer to an instance
   * that is gone has nobody to tell.
   */
  public static String replyQueue(String instanceId) {
    return REPLY_QUEUE_PREFIX + instanceId;
  }
}
