package io.switchboard.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portable AMQP 0-9-1 subset the services rely on, through the plain RabbitMQ Java client. */
class EmbeddedRabbitBrokerTest {

  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);
  private static final long DELIVERY_TIMEOUT_SECONDS = 5;

  @TempDir static Path workDirectory;

  private static EmbeddedRabbitBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedRabbitBroker.start(0, workDirectory);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void portZeroBindsAFreeLoopbackPort() {
    assertThat(broker.port()).isPositive().isNotEqualTo(25672);
    assertThat(broker.amqpUri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + broker.port());
  }

  @Test
  void routesPersistentConfirmedMessagesToDurableAndServerNamedQueuesWithManualAck() throws Exception {
    String suffix = UUID.randomUUID().toString();
    String exchange = "test.direct." + suffix;
    String durableQueue = "test.durable." + suffix;
    String routingKey = "user." + suffix;

    try (Connection connection = connect(); Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(exchange, "direct", true);
      channel.queueDeclare(durableQueue, true, false, false, null);
      String serverNamedQueue = channel.queueDeclare("", false, true, true, null).getQueue();
      assertThat(serverNamedQueue).isNotBlank();
      channel.queueBind(durableQueue, exchange, routingKey);
      channel.queueBind(serverNamedQueue, exchange, routingKey);

      channel.confirmSelect();
      channel.basicPublish(exchange, routingKey, true, MessageProperties.PERSISTENT_BASIC, bytes("hello"));
      channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());

      assertThat(consumeOneAndAck(connection, durableQueue)).isEqualTo("hello");
      assertThat(consumeOneAndAck(connection, serverNamedQueue)).isEqualTo("hello");
      assertThat(channel.queueDeclarePassive(durableQueue).getMessageCount()).isZero();

      channel.queueUnbind(durableQueue, exchange, routingKey);
      channel.queueDelete(durableQueue);
      channel.exchangeDelete(exchange);
    }
  }

  @Test
  void answersTheDefaultVirtualHostSlash() throws Exception {
    ConnectionFactory factory = factory();
    factory.setVirtualHost("/");
    try (Connection connection = factory.newConnection()) {
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void closeReleasesThePort(@TempDir Path otherWorkDirectory) {
    EmbeddedRabbitBroker another = EmbeddedRabbitBroker.start(0, otherWorkDirectory);
    int port = another.port();
    another.close();

    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusesRabbitMqInterNodePort(@TempDir Path otherWorkDirectory) {
    assertThatThrownBy(() -> EmbeddedRabbitBroker.start(25672, otherWorkDirectory))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failsToStartWhenThePortIsTaken(@TempDir Path otherWorkDirectory) {
    assertThatThrownBy(() -> EmbeddedRabbitBroker.start(broker.port(), otherWorkDirectory))
        .isInstanceOf(IllegalStateException.class);
  }

  private static String consumeOneAndAck(Connection connection, String queue) throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    try (Channel channel = connection.createChannel()) {
      channel.basicQos(1);
      channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
          assertThat(properties.getDeliveryMode()).isEqualTo(2);
          getChannel().basicAck(envelope.getDeliveryTag(), false);
          received.add(new String(body, StandardCharsets.UTF_8));
        }
      });
      String message = received.poll(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).as("delivery from %s", queue).isNotNull();
      return message;
    }
  }

  private static Connection connect() throws Exception {
    return factory().newConnection("embedded-rabbit-broker-test");
  }

  private static ConnectionFactory factory() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(broker.amqpUri());
    return factory;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
