package io.switchboard.app.e2e.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.e2e.TestCluster;
import io.switchboard.broker.Broker;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.DeadNotification;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.json.BrokerCodec;
import io.switchboard.protocol.topology.Topology;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * Push notifications end to end: real users on real sockets, the router deciding from presence who is offline,
 * the push workers as their own service, and provider servers of our own that check each request the way
 * APNs, FCM and a browser's push service do (JWTs verified, the Web Push payload decrypted).
 */
class PushNotificationTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  /** Longer than the collapse window (quiet 1 s) plus a provider round trip: nothing more will come. */
  static final Duration SETTLE = Duration.ofSeconds(3);

  private static final TestCluster cluster = TestCluster.shared();
  private static WebPushTestServer webPush;
  private static ApnsTestServer apns;
  private static FcmTestServer fcm;
  private static TestCluster.PushService push;
  private static final List<DeadNotification> deadLetters = new CopyOnWriteArrayList<>();
  private static Disposable deadLetterReading;

  @BeforeAll
  static void startPushWithProviderServers() {
    webPush = new WebPushTestServer();
    apns = new ApnsTestServer();
    fcm = new FcmTestServer();
    push = cluster.startPush(Map.ofEntries(
        Map.entry("switchboard.push.collapse-quiet", "1s"),
        Map.entry("switchboard.push.collapse-max-delay", "4s"),
        Map.entry("switchboard.push.attempts", "5"),
        Map.entry("switchboard.push.first-retry-delay", "300ms"),
        Map.entry("switchboard.push.max-retry-delay", "1s"),
        Map.entry("switchboard.push.web-push.subject", "mailto:push-test@switchboard.invalid"),
        Map.entry("switchboard.push.web-push.public-key", webPush.vapidPublicKey()),
        Map.entry("switchboard.push.web-push.private-key", webPush.vapidPrivateKey()),
        Map.entry("switchboard.push.web-push.endpoint-hosts", "127.0.0.1"),
        Map.entry("switchboard.push.apns.host", "127.0.0.1"),
        Map.entry("switchboard.push.apns.port", Integer.toString(apns.port())),
        Map.entry("switchboard.push.apns.team-id", ApnsTestServer.TEAM_ID),
        Map.entry("switchboard.push.apns.key-id", ApnsTestServer.KEY_ID),
        Map.entry("switchboard.push.apns.signing-key-file", apns.signingKeyFile().toString()),
        Map.entry("switchboard.push.apns.topic", ApnsTestServer.TOPIC),
        Map.entry("switchboard.push.apns.trusted-certificate-file", apns.certificateFile().toString()),
        Map.entry("switchboard.push.fcm.project-id", FcmTestServer.PROJECT_ID),
        Map.entry("switchboard.push.fcm.service-account-file", fcm.serviceAccountFile().toString()),
        Map.entry("switchboard.push.fcm.endpoint", fcm.endpoint())));
    BrokerCodec codec = new BrokerCodec();
    deadLetterReading = push.context().getBean(Broker.class)
        .consume(Topology.PUSH_DEAD_LETTER_QUEUE, 16)
        .subscribe(delivery -> {
          deadLetters.add(codec.decodeDeadNotification(delivery.getBody()));
          delivery.ack();
        });
  }

  @AfterAll
  static void stop() {
    deadLetterReading.dispose();
    push.close();
    webPush.close();
    apns.close();
    fcm.close();
  }

  @Test
  void offlineBobGetsAnEncryptedWebPushAndValidApnsAndFcmRequests() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    WebPushTestServer.Subscription browser = webPush.newSubscription();
    String iphone = apnsToken();
    String android = "fcm-" + UUID.randomUUID();
    register(bob, browser.registration());
    register(bob, Map.of("provider", "apns", "token", iphone));
    register(bob, Map.of("provider", "fcm", "token", android));

    send(alice, bob, "Are you coming tonight?");

    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());
    String aliceName = username(alice);
    await().atMost(WAIT).until(() -> webPush.receivedBy(browser).size() == 1
        && apns.receivedBy(iphone).size() == 1 && fcm.receivedBy(android).size() == 1);

    Received web = webPush.receivedBy(browser).get(0);
    JsonNode decrypted = web.payload();
    assertThat(decrypted.path("type").asString()).isEqualTo("message");
    assertThat(decrypted.path("conversationId").asString()).isEqualTo(conversationId);
    assertThat(decrypted.path("senderId").asString()).isEqualTo(alice.userId());
    assertThat(decrypted.path("senderName").asString()).isEqualTo(aliceName);
    assertThat(decrypted.path("body").asString()).isEqualTo("Are you coming tonight?");
    assertThat(decrypted.path("seq").asString()).isEqualTo("1");
    assertThat(decrypted.path("badge").asString()).as("Bob's unread messages").isEqualTo("1");
    assertThat(web.headers().get("topic")).hasSize(32);
    assertThat(web.headers().get("urgency")).isEqualTo("high");

    Received apple = apns.receivedBy(iphone).get(0);
    assertThat(apple.headers().get("apns-push-type")).isEqualTo("alert");
    assertThat(apple.headers().get("apns-collapse-id")).isEqualTo(web.headers().get("topic"));
    assertThat(apple.payload().path("aps").path("alert").path("title").asString()).isEqualTo(aliceName);
    assertThat(apple.payload().path("aps").path("alert").path("body").asString()).isEqualTo("Are you coming tonight?");
    assertThat(apple.payload().path("aps").path("badge").asInt()).isEqualTo(1);
    assertThat(apple.payload().path("conversationId").asString()).isEqualTo(conversationId);

    JsonNode google = fcm.receivedBy(android).get(0).payload();
    assertThat(google.path("notification").path("title").asString()).isEqualTo(aliceName);
    assertThat(google.path("data").path("conversationId").asString()).isEqualTo(conversationId);
    assertThat(google.path("data").path("senderId").asString()).isEqualTo(alice.userId());
    assertThat(google.path("android").path("collapse_key").asString()).isEqualTo(web.headers().get("topic"));
    assertThat(fcm.tokensIssued()).as("access tokens are reused until they expire").isEqualTo(1);
  }

  @Test
  void bobOnlineOnAnyDeviceGetsNoPushAndIsPushedOnceHisLastDeviceLeaves() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bobLaptop = cluster.newUser("bob");
    Session bobPhone = cluster.newDevice(bobLaptop);
    WebPushTestServer.Subscription phoneBrowser = webPush.newSubscription();
    register(bobPhone, phoneBrowser.registration());

    try (ChatConnection laptop = bobLaptop.connect()) {
      laptop.await(SyncedFrame.class, WAIT);
      send(alice, bobLaptop, "You there?");
      assertThat(laptop.await(MessageFrame.class, WAIT).message().body()).isEqualTo("You there?");
      Thread.sleep(SETTLE.toMillis());
      assertThat(webPush.receivedBy(phoneBrowser)).as("no push while a device of Bob's is online").isEmpty();
    }
    await().atMost(WAIT).until(() -> bobLaptop.get("/api/presence?userIds=" + bobLaptop.userId())
        .body().path("presence").path(0).path("status").asString().equals("offline"));

    send(alice, bobLaptop, "Gone already?");
    await().atMost(WAIT).until(() -> webPush.receivedBy(phoneBrowser).size() == 1);
    assertThat(webPush.receivedBy(phoneBrowser).get(0).payload().path("body").asString()).isEqualTo("Gone already?");
  }

  @Test
  void inAGroupEveryOfflineMemberIsNotifiedAndTheOnlineOneIsNot() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    Session dave = cluster.newUser("dave");
    WebPushTestServer.Subscription bobs = webPush.newSubscription();
    WebPushTestServer.Subscription carols = webPush.newSubscription();
    WebPushTestServer.Subscription daves = webPush.newSubscription();
    register(bob, bobs.registration());
    register(carol, carols.registration());
    register(dave, daves.registration());
    HttpAnswer created = alice.groups().create("Climbing", List.of(bob.userId(), carol.userId(), dave.userId()));
    assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
    String groupId = created.body().path("groupId").asString();

    try (ChatConnection daveOnline = dave.connect(); ChatConnection aliceSocket = alice.connect()) {
      daveOnline.await(SyncedFrame.class, WAIT);
      aliceSocket.await(SyncedFrame.class, WAIT);
      aliceSocket.send(new SendFrame(UUID.randomUUID().toString(), null, groupId, "Rope or no rope?"));
      aliceSocket.await(AcceptedFrame.class, WAIT);
      await().atMost(WAIT).until(() -> webPush.receivedBy(bobs).size() == 1 && webPush.receivedBy(carols).size() == 1);
      Thread.sleep(SETTLE.toMillis());
      assertThat(webPush.receivedBy(daves)).as("Dave is online").isEmpty();
    }
    JsonNode toCarol = webPush.receivedBy(carols).get(0).payload();
    assertThat(toCarol.path("conversationId").asString()).isEqualTo(groupId);
    assertThat(toCarol.path("title").asString()).isEqualTo(username(alice) + " (group)");
    assertThat(toCarol.path("body").asString()).isEqualTo("Rope or no rope?");
    assertThat(webPush.receivedBy(bobs)).hasSize(1);
  }

  @Test
  void twentyMessagesInTwoSecondsCollapseIntoOneNotificationWithTheCount() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    WebPushTestServer.Subscription browser = webPush.newSubscription();
    register(bob, browser.registration());

    try (ChatConnection socket = alice.connect()) {
      socket.await(SyncedFrame.class, WAIT);
      for (int i = 1; i <= 20; i++) {
        socket.send(new SendFrame(UUID.randomUUID().toString(), bob.userId(), null, "burst " + i));
        Thread.sleep(100);
      }
      for (int i = 1; i <= 20; i++) {
        socket.await(AcceptedFrame.class, WAIT);
      }
    }

    await().atMost(WAIT).until(() -> webPush.receivedBy(browser).stream()
        .anyMatch(one -> one.payload().path("seq").asString().equals("20")));
    Thread.sleep(SETTLE.toMillis());
    List<Received> notifications = webPush.receivedBy(browser);
    // one, unless the router paused longer than the quiet period mid-burst (documented: then a few)
    assertThat(notifications).hasSizeBetween(1, 2);
    assertThat(notifications.stream().mapToInt(one -> Integer.parseInt(one.payload().path("count").asString())).sum())
        .isEqualTo(20);
    JsonNode last = notifications.get(notifications.size() - 1).payload();
    assertThat(last.path("body").asString()).startsWith("burst 20");
    assertThat(last.path("badge").asString()).isEqualTo("20");
  }

  @Test
  void aTargetTheProviderReportsGoneIsRemovedAndNotUsedAgain() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    WebPushTestServer.Subscription browser = webPush.newSubscription();
    String iphone = apnsToken();
    String android = "fcm-" + UUID.randomUUID();
    webPush.answers.script(browser.endpoint(), Answers.Script.GONE);
    apns.answers.script(iphone, Answers.Script.GONE);
    fcm.answers.script(android, Answers.Script.GONE);
    register(bob, browser.registration());
    register(bob, Map.of("provider", "apns", "token", iphone));
    register(bob, Map.of("provider", "fcm", "token", android));

    send(alice, bob, "first");
    await().atMost(WAIT).until(() -> push.as(bob).get("/api/push/targets").body().path("targets").isEmpty());
    assertThat(webPush.answers.requests(browser.endpoint())).isEqualTo(1);
    assertThat(apns.answers.requests(iphone)).isEqualTo(1);
    assertThat(fcm.answers.requests(android)).isEqualTo(1);

    send(alice, bob, "second");
    Thread.sleep(SETTLE.toMillis());
    assertThat(webPush.answers.requests(browser.endpoint())).isEqualTo(1);
    assertThat(apns.answers.requests(iphone)).isEqualTo(1);
    assertThat(fcm.answers.requests(android)).isEqualTo(1);
  }

  @Test
  void failuresAreRetriedAndWhatAlwaysFailsIsDeadLetteredWhileOthersFlow() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    Session carol = cluster.newUser("carol");
    Session dave = cluster.newUser("dave");
    WebPushTestServer.Subscription flaky = webPush.newSubscription();
    WebPushTestServer.Subscription broken = webPush.newSubscription();
    WebPushTestServer.Subscription healthy = webPush.newSubscription();
    webPush.answers.script(flaky.endpoint(), Answers.Script.FAIL_THREE_TIMES);
    webPush.answers.script(broken.endpoint(), Answers.Script.FAIL_ALWAYS);
    register(bob, flaky.registration());
    register(carol, broken.registration());
    register(dave, healthy.registration());
    double deadBefore = pushMeter("switchboard.push.dead_lettered", "provider", "web_push");
    double failuresBefore = pushMeter("switchboard.push.answers", "outcome", "transient_failure");

    send(alice, carol, "this will never arrive");
    send(alice, bob, "third time lucky");
    send(alice, dave, "meanwhile");

    await().atMost(WAIT).until(() -> webPush.receivedBy(healthy).size() == 1);
    await().atMost(WAIT).until(() -> webPush.receivedBy(flaky).size() == 1);
    assertThat(webPush.answers.requests(flaky.endpoint())).as("three failures, then accepted").isEqualTo(4);
    assertThat(webPush.receivedBy(flaky).get(0).payload().path("body").asString()).isEqualTo("third time lucky");

    await().atMost(WAIT).until(() -> deadLettersOf(carol).size() == 1);
    DeadNotification dead = deadLettersOf(carol).get(0);
    assertThat(dead.provider()).isEqualTo("web_push");
    assertThat(dead.reason()).startsWith("503");
    assertThat(dead.attempts()).isEqualTo(5);
    assertThat(dead.conversationId()).isEqualTo(ConversationIds.direct(alice.userId(), carol.userId()));
    assertThat(webPush.answers.requests(broken.endpoint())).isEqualTo(5);
    // what operators see: 3 + 5 failed attempts, one dead letter
    assertThat(pushMeter("switchboard.push.answers", "outcome", "transient_failure") - failuresBefore).isEqualTo(8);
    assertThat(pushMeter("switchboard.push.dead_lettered", "provider", "web_push") - deadBefore).isEqualTo(1);

    send(alice, dave, "and later too");
    await().atMost(WAIT).until(() -> webPush.receivedBy(healthy).size() == 2);
  }

  @Test
  void mutedConversationsStaySilentAndHiddenContentShowsNeitherSenderNorText() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    WebPushTestServer.Subscription browser = webPush.newSubscription();
    register(bob, browser.registration());
    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());

    assertThat(push.as(bob).put("/api/push/muted/" + conversationId, Map.of()).status()).isEqualTo(204);
    send(alice, bob, "muted");
    Thread.sleep(SETTLE.toMillis());
    assertThat(webPush.receivedBy(browser)).isEmpty();

    assertThat(push.as(bob).delete("/api/push/muted/" + conversationId).status()).isEqualTo(204);
    HttpAnswer hidden = push.as(bob).put("/api/push/settings", Map.of("hideContent", true));
    assertThat(hidden.status()).isEqualTo(200);
    assertThat(hidden.body().path("hideContent").asBoolean()).isTrue();
    send(alice, bob, "a secret");
    await().atMost(WAIT).until(() -> webPush.receivedBy(browser).size() == 1);
    JsonNode shown = webPush.receivedBy(browser).get(0).payload();
    assertThat(shown.path("title").asString()).isEqualTo("Switchboard");
    assertThat(shown.path("body").asString()).isEqualTo("New message");
    assertThat(shown.has("senderName")).isFalse();
    assertThat(shown.toString()).doesNotContain("a secret");
    assertThat(shown.path("conversationId").asString()).as("a tap still opens the conversation").isEqualTo(conversationId);
    assertThat(shown.path("badge").asString()).as("both messages are unread").isEqualTo("2");
  }

  @Test
  void readingOnAnotherDeviceWithdrawsTheNotification() {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    WebPushTestServer.Subscription browser = webPush.newSubscription();
    register(bob, browser.registration());
    String conversationId = ConversationIds.direct(alice.userId(), bob.userId());

    send(alice, bob, "read me");
    await().atMost(WAIT).until(() -> webPush.receivedBy(browser).size() == 1);

    try (ChatConnection laptop = cluster.newDevice(bob).connect()) {
      laptop.await(SyncedFrame.class, WAIT);
      laptop.send(new ReadFrame(conversationId, 1));
      await().atMost(WAIT).until(() -> webPush.receivedBy(browser).size() == 2);
    }
    Received shown = webPush.receivedBy(browser).get(0);
    Received withdrawal = webPush.receivedBy(browser).get(1);
    assertThat(withdrawal.payload().path("type").asString()).isEqualTo("withdraw");
    assertThat(withdrawal.payload().path("conversationId").asString()).isEqualTo(conversationId);
    assertThat(withdrawal.payload().path("badge").asString()).isEqualTo("0");
    assertThat(withdrawal.headers().get("topic")).as("replaces the pending one at the push service")
        .isEqualTo(shown.headers().get("topic"));
  }

  @Test
  void aSignedOutDevicesTargetIsNotNotifiedAndIsRemoved() throws InterruptedException {
    Session alice = cluster.newUser("alice");
    Session bobPhone = cluster.newUser("bob");
    Session bobOldPhone = cluster.newDevice(bobPhone);
    WebPushTestServer.Subscription current = webPush.newSubscription();
    WebPushTestServer.Subscription handedOn = webPush.newSubscription();
    register(bobPhone, current.registration());
    register(bobOldPhone, handedOn.registration());
    assertThat(bobPhone.delete("/api/devices/" + bobOldPhone.deviceId()).status()).isEqualTo(204);

    send(alice, bobPhone, "only on my phone");
    await().atMost(WAIT).until(() -> webPush.receivedBy(current).size() == 1);
    Thread.sleep(SETTLE.toMillis());
    assertThat(webPush.answers.requests(handedOn.endpoint())).isZero();
    assertThat(push.as(bobPhone).get("/api/push/targets").body().path("targets")).hasSize(1);
  }

  @Test
  void registrationChecksWhatItIsGiven() {
    Session bob = cluster.newUser("bob");
    assertThat(push.as(bob).post("/api/push/targets", Map.of("provider", "carrier_pigeon", "token", "x")).status())
        .isEqualTo(400);
    assertThat(push.as(bob).post("/api/push/targets", Map.of("provider", "apns", "token", "not hex")).status())
        .isEqualTo(400);
    assertThat(push.as(bob).post("/api/push/targets",
        Map.of("provider", "web_push", "endpoint", "https://push.example/x", "keys", Map.of("p256dh", "AAAA", "auth", "AAAA")))
        .status()).isEqualTo(400);
    Map<String, Object> internal = new java.util.HashMap<>(webPush.newSubscription().registration());
    internal.put("endpoint", "http://10.0.0.7:8080/admin/shutdown");
    HttpAnswer refused = push.as(bob).post("/api/push/targets", internal);
    assertThat(refused.status()).as("only known push services' hosts").isEqualTo(400);
    assertThat(refused.body().path("detail").asString()).isEqualTo("endpoint is not on a known push service");
    HttpAnswer registered = push.as(bob).post("/api/push/targets", Map.of("provider", "fcm", "token", "tok-" + UUID.randomUUID()));
    String targetId = registered.body().path("targetId").asString();
    assertThat(push.as(cluster.newUser("mallory")).delete("/api/push/targets/" + targetId).status())
        .as("only the owner unregisters").isEqualTo(404);
    assertThat(push.as(bob).delete("/api/push/targets/" + targetId).status()).isEqualTo(204);
    assertThat(push.as(bob).get("/api/push/targets").body().path("targets").isEmpty()).isTrue();
  }

  @Test
  void aBrowserLearnsTheVapidKeyToSubscribeWith() {
    Session bob = cluster.newUser("bob");

    HttpAnswer config = push.as(bob).get("/api/push/config");

    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body().path("webPush").path("vapidPublicKey").asString()).isEqualTo(webPush.vapidPublicKey());
    assertThat(push.http().get("/api/push/config", null).status()).as("signed-in callers only").isEqualTo(401);
  }

  /** The sum of a push worker meter over the series with the given tag (other tests may add to it). */
  private static double pushMeter(String name, String tag, String value) {
    return push.context().getBean(io.micrometer.core.instrument.MeterRegistry.class)
        .get(name).tag(tag, value).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private static void register(Session user, Map<String, Object> target) {
    HttpAnswer answer = push.as(user).post("/api/push/targets", target);
    assertThat(answer.status()).as("registering %s: %s", target.get("provider"), answer.body()).isEqualTo(201);
  }

  private static void send(Session from, Session to, String body) {
    try (ChatConnection socket = from.connect()) {
      socket.await(SyncedFrame.class, WAIT);
      socket.send(new SendFrame(UUID.randomUUID().toString(), to.userId(), null, body));
      socket.await(AcceptedFrame.class, WAIT);
    }
  }

  private static String username(Session session) {
    return session.get("/api/users/me").body().get("username").asString();
  }

  private static String apnsToken() {
    return HexFormat.of().formatHex((UUID.randomUUID().toString() + UUID.randomUUID()).getBytes()).substring(0, 64);
  }

  private static List<DeadNotification> deadLettersOf(Session user) {
    return deadLetters.stream().filter(dead -> dead.userId().equals(user.userId())).toList();
  }
}
