package io.switchboard.app.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.SwitchboardApplication;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Switchboard on real MongoDB and real RabbitMQ, each in a Testcontainers container, with real chat traffic
 * over sockets. Where there is no Docker engine the whole class is skipped, and the skip says why: the probe
 * answers in about a second when there is no daemon, so it costs a Docker-less build nothing.
 */
@EnabledIf(value = "dockerIsAvailable", disabledReason = RealServersContainerIntegrationTest.NO_DOCKER)
class RealServersContainerIntegrationTest {

  static final String NO_DOCKER =
      "No Docker engine here: the real MongoDB/RabbitMQ container tests are skipped";

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration QUIET = Duration.ofMillis(700);
  private static final String PASSWORD = "correct horse battery staple";

  private static MongoDBContainer mongo;
  private static RabbitMQContainer rabbit;
  private static ConfigurableApplicationContext switchboard;
  private static SwitchboardHttp http;

  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  /** Testcontainers' own probe; it catches its failures, so a machine without Docker gets false, not an error. */
  static boolean dockerIsAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @BeforeAll
  static void startRealServersThenSwitchboard() {
    mongo = new MongoDBContainer(DockerImageName.parse("mongo:7"));
    rabbit = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"));
    Startables.deepStart(mongo, rabbit).join();

    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    switchboard = new SpringApplicationBuilder(SwitchboardApplication.class).run(
        // guest/guest is the image's default user; no trailing slash, or the client asks for the vhost ""
        "--switchboard.broker.uri=amqp://" + rabbit.getAdminUsername() + ":" + rabbit.getAdminPassword()
            + "@" + rabbit.getHost() + ":" + rabbit.getAmqpPort(),
        "--switchboard.mongodb.uri=" + mongo.getConnectionString(),
        "--switchboard.mongodb.database=switchboard_containers",
        "--switchboard.security.token-secret=" + Base64.getUrlEncoder().encodeToString(secret),
        "--server.port=0",
        "--switchboard.limits.key-prefix=switchboard_test_" + java.util.UUID.randomUUID() + ":limits:",
        "--spring.main.banner-mode=off");
    int port = ((WebServerApplicationContext) switchboard).getWebServer().getPort();
    http = new SwitchboardHttp(URI.create("http://127.0.0.1:" + port));
  }

  @AfterAll
  static void stopSwitchboardThenServers() {
    if (switchboard != null) {
      switchboard.close();
    }
    if (rabbit != null) {
      rabbit.stop();
    }
    if (mongo != null) {
      mongo.stop();
    }
  }

  @Test
  void aliceAndBobConnectedGetLiveDeliveryAndAccepted() {
    Session alice = newUser("alice");
    Session bob = newUser("bob");
    try (ChatConnection aliceSocket = synced(alice); ChatConnection bobSocket = synced(bob)) {
      SendFrame hello = message(bob, "Hi Bob, from real RabbitMQ and MongoDB");
      aliceSocket.send(hello);

      AcceptedFrame accepted = aliceSocket.await(AcceptedFrame.class, WAIT);
      assertThat(accepted.clientMessageId()).isEqualTo(hello.clientMessageId());
      assertThat(accepted.seq()).isEqualTo(1);
      assertThat(accepted.conversationId()).isEqualTo(ConversationIds.direct(alice.userId(), bob.userId()));

      MessageFrame delivered = bobSocket.await(MessageFrame.class, WAIT);
      assertThat(delivered.message().body()).isEqualTo(hello.body());
      assertThat(delivered.message().senderId()).isEqualTo(alice.userId());
      assertThat(delivered.message().messageId()).isEqualTo(accepted.messageId());
    }
  }

  @Test
  void bobOfflineGetsFiftyMessagesInOrderWhenHeConnects() {
    Session alice = newUser("alice");
    Session bob = newUser("bob");
    List<String> sent = IntStream.rangeClosed(1, 50).mapToObj(i -> "offline " + i).toList();
    try (ChatConnection aliceSocket = synced(alice)) {
      sent.forEach(body -> aliceSocket.send(message(bob, body)));
      for (int i = 0; i < sent.size(); i++) {
        aliceSocket.await(AcceptedFrame.class, WAIT);
      }
    }

    try (ChatConnection bobSocket = bob.connect()) {
      List<MessageFrame> backlog = new ArrayList<>();
      ServerFrame frame;
      while (!((frame = bobSocket.poll(WAIT)) instanceof SyncedFrame)) {
        assertThat(frame).as("a frame before 'synced'").isNotNull();
        if (frame instanceof MessageFrame delivered) {
          backlog.add(delivered);
        }
      }
      assertThat(((SyncedFrame) frame).messages()).isEqualTo(sent.size());
      assertThat(backlog).extracting(delivered -> delivered.message().body()).containsExactlyElementsOf(sent);
      assertThat(backlog).extracting(delivered -> delivered.message().seq())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, sent.size()).boxed().toList());
      assertThat(bobSocket.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
    }
  }

  @Test
  void aResendOfTheSameClientMessageIdIsOneMessage() {
    Session alice = newUser("alice");
    Session bob = newUser("bob");
    try (ChatConnection aliceSocket = synced(alice); ChatConnection bobSocket = synced(bob)) {
      SendFrame once = message(bob, "just the once");
      aliceSocket.send(once);
      aliceSocket.send(once);

      AcceptedFrame first = aliceSocket.await(AcceptedFrame.class, WAIT);
      AcceptedFrame second = aliceSocket.await(AcceptedFrame.class, WAIT);
      assertThat(second.messageId()).isEqualTo(first.messageId());
      assertThat(second.seq()).isEqualTo(first.seq()).isEqualTo(1);

      bobSocket.await(MessageFrame.class, WAIT);
      assertThat(bobSocket.drain(QUIET)).noneMatch(MessageFrame.class::isInstance);
    }

    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    assertThat(bob.get("/api/conversations/" + conversationId + "/messages").body().get("messages")).hasSize(1);
  }

  private Session newUser(String name) {
    return http.register(name + "_" + runId, PASSWORD);
  }

  /** A socket past its backlog ("synced"), so what arrives next is live. */
  private static ChatConnection synced(Session session) {
    ChatConnection socket = session.connect();
    try {
      socket.await(SyncedFrame.class, WAIT);
      return socket;
    } catch (RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static SendFrame message(Session to, String body) {
    return new SendFrame(UUID.randomUUID().toString(), to.userId(), null, body);
  }
}
