package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rate limit on a front of its own with tight limits (the shared cluster's are generous): under the
 * limit works, over it gets the documented answer, and other callers are unaffected. Users are made at the
 * shared front, so making them spends nothing here. Each test that limits by address speaks from a loopback
 * address of its own (127.0.0.x), so the tests do not share address buckets.
 */
class RateLimitTest {

  /** Slow refills (one token per 12 s or more), so nothing comes back while a test runs. */
  private static final Map<String, String> TIGHT = Map.of(
      "switchboard.limits.key-prefix", TestCluster.limitsKeyPrefix(UUID.randomUUID().toString()),
      "switchboard.limits.messages", "5/1m",
      "switchboard.limits.abuse-refusals", "10",
      "switchboard.limits.abuse-window", "1m",
      "switchboard.limits.logins-per-account", "3/1m",
      "switchboard.limits.logins-per-address", "6/1m",
      "switchboard.limits.signups-per-address", "4/1m",
      "switchboard.limits.http-per-token", "8/1m");

  private static final String PASSWORD = "correct horse battery staple";

  private static final TestCluster cluster = TestCluster.shared();
  private static TestCluster.Front front;

  @BeforeAll
  static void startTightFront() {
    front = cluster.startFront(TIGHT);
  }

  @AfterAll
  static void stopTightFront() {
    front.close();
  }

  @Test
  void sendsOverTheLimitGetRateLimitedWithWhenToRetryAndTheSocketStaysUsable() {
    Session aliceAtTheSharedFront = cluster.newUser("alice");
    Session alice = front.as(aliceAtTheSharedFront);
    Session alicePhone = front.as(cluster.newDevice(aliceAtTheSharedFront));
    Session bob = front.as(cluster.newUser("bob"));
    try (ChatConnection socket = connected(alice); ChatConnection phone = connected(alicePhone);
        ChatConnection bobSocket = connected(bob)) {
      for (int i = 0; i < 5; i++) {
        SendFrame send = Frames.to(bob.userId(), "message " + i);
        socket.send(send);
        socket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(send.clientMessageId()), WAIT);
      }

      SendFrame sixth = Frames.to(bob.userId(), "one too many");
      socket.send(sixth);
      ErrorFrame refused = socket.await(ErrorFrame.class, WAIT);

      assertThat(refused.code()).isEqualTo("rate_limited");
      assertThat(refused.ref()).isEqualTo(sixth.clientMessageId());
      // 5 per minute: the next token is at most 12 s away
      assertThat(refused.retryAfterMs()).isBetween(1L, 12_000L);
      socket.send(new PingFrame("still-there"));
      assertThat(socket.await(PongFrame.class, WAIT).nonce()).isEqualTo("still-there");

      // the limit is per device: the same account's other device and another user still send
      SendFrame fromPhone = Frames.to(bob.userId(), "from the phone");
      phone.send(fromPhone);
      phone.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(fromPhone.clientMessageId()), WAIT);
      SendFrame fromBob = Frames.to(alice.userId(), "from bob");
      bobSocket.send(fromBob);
      bobSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(fromBob.clientMessageId()), WAIT);
    }
  }

  @Test
  void aDeviceThatKeepsSendingPastTheRefusalsIsClosedWith4029AndOthersGoOn() throws Exception {
    Session carol = front.as(cluster.newUser("carol"));
    Session dave = front.as(cluster.newUser("dave"));
    try (ChatConnection flood = connected(carol); ChatConnection calm = connected(dave)) {
      // 5 allowed, then 10 refusals are tolerated, the 11th closes
      for (int i = 0; i < 16; i++) {
        flood.send(Frames.to(dave.userId(), "flood " + i));
      }

      ChatConnection.CloseReason closed = flood.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(closed.code()).isEqualTo(4029);
      assertThat(closed.reason()).isEqualTo("rate limit exceeded: slow down");

      SendFrame fromDave = Frames.to(carol.userId(), "are you all right?");
      calm.send(fromDave);
      calm.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(fromDave.clientMessageId()), WAIT);
    }
  }

  @Test
  void httpCallsOverTheLimitPerTokenGet429WithRetryAfterAndAProblem() {
    Session erin = front.as(cluster.newUser("erin"));
    Session frank = front.as(cluster.newUser("frank"));
    for (int i = 0; i < 8; i++) {
      assertThat(erin.get("/api/users/me").status()).isEqualTo(200);
    }

    HttpAnswer refused = erin.get("/api/conversations");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().get("status").asInt()).isEqualTo(429);
    assertThat(refused.body().get("detail").asString()).startsWith("Too many requests with this access token");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 8L);
    // the socket's handshake counts too: the same device cannot get round the limit that way
    assertThat(erin.get("/api/users/me").status()).isEqualTo(429);
    assertThat(frank.get("/api/users/me").status()).isEqualTo(200);
  }

  @Test
  void loginsOverTheLimitPerAccountGet429AndOtherAccountsStillLogIn() {
    String grace = username(cluster.newUser("grace"));
    String heidi = username(cluster.newUser("heidi"));
    String from = "127.0.0.2";
    // right or wrong, every attempt counts
    assertThat(login(from, grace, PASSWORD).status()).isEqualTo(200);
    assertThat(login(from, grace, "not the password").status()).isEqualTo(401);
    assertThat(login(from, grace, PASSWORD).status()).isEqualTo(200);

    RawHttp.Answer refused = login(from, grace, PASSWORD);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body()).contains("Too many login attempts for this account");
    assertThat(login(from, heidi, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void loginsOverTheLimitPerAddressGet429AndOtherAddressesStillLogIn() {
    String ivan = username(cluster.newUser("ivan"));
    String judy = username(cluster.newUser("judy"));
    String kate = username(cluster.newUser("kate"));
    String leo = username(cluster.newUser("leo"));
    // three accounts, two attempts each: only the address bucket (6 per minute) is emptied
    for (String name : java.util.List.of(ivan, judy, kate)) {
      assertThat(login("127.0.0.3", name, PASSWORD).status()).isEqualTo(200);
      assertThat(login("127.0.0.3", name, "wrong password").status()).isEqualTo(401);
    }

    RawHttp.Answer refused = login("127.0.0.3", leo, PASSWORD);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("Too many login attempts from this address");
    // and a refusal by address spent none of leo's own attempts: all three are still there
    for (int i = 0; i < 3; i++) {
      assertThat(login("127.0.0.4", leo, PASSWORD).status()).isEqualTo(200);
    }
    assertThat(login("127.0.0.4", ivan, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void signupsOverTheLimitPerAddressGet429AndOtherAddressesStillSignUp() {
    for (int i = 0; i < 4; i++) {
      assertThat(signup("127.0.0.5").status()).isEqualTo(201);
    }

    RawHttp.Answer refused = signup("127.0.0.5");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.body()).contains("Too many sign-ups from this address");
    assertThat(signup("127.0.0.6").status()).isEqualTo(201);
  }

  private static RawHttp.Answer login(String from, String username, String password) {
    return RawHttp.postJson(front.port(), from, "/api/accounts/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  private static RawHttp.Answer signup(String from) {
    String username = "newcomer_" + UUID.randomUUID().toString().substring(0, 12);
    return RawHttp.postJson(front.port(), from, "/api/accounts/signup",
        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
  }

  private static String username(Session session) {
    return session.get("/api/users/me").body().get("username").asString();
  }

  private static ChatConnection connected(Session session) {
    ChatConnection socket = session.connect();
    socket.await(SyncedFrame.class, WAIT);
    return socket;
  }
}
