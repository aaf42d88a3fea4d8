package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The limits on what one request may ask for that no other test reaches (frame size, body length, group size
 * and devices per account are in BadSocketInputTest, GroupFanOutTest and MultiDeviceTest): at the limit works,
 * one more gets the documented error.
 */
class RequestLimitsTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aFrameOverTheTransportLimitClosesTheSocketWith1009AndOthersStay() throws Exception {
    Session alice = cluster.newUser("alice");
    Session bob = cluster.newUser("bob");
    try (ChatConnection huge = GroupSupport.connected(alice); ChatConnection other = GroupSupport.connected(bob)) {
      huge.sendText("{\"type\":\"ping\",\"nonce\":\"" + "x".repeat(1_100_000) + "\"}");

      ChatConnection.CloseReason closed = huge.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      // 1009 for one oversized frame; the JDK's client is answered 1002 "Protocol error" (docs/protocol.md)
      assertThat(closed.code()).as("%s", closed).isIn(1009, 1002);
      assertThat(closed.reason()).isNotBlank();
      other.send(new PingFrame("fine"));
      assertThat(other.await(PongFrame.class, WAIT).nonce()).isEqualTo("fine");
    }
  }

  @Test
  void aPresenceQueryAsksAboutAtMostOneHundredUsers() {
    Session alice = cluster.newUser("alice");
    List<String> hundred = new ArrayList<>(ids(99));
    hundred.add(alice.userId());
    try (ChatConnection socket = GroupSupport.connected(alice)) {
      socket.send(new PresenceQueryFrame(hundred));
      assertThat(socket.await(PresenceFrame.class, WAIT).userId()).isEqualTo(alice.userId());

      List<String> hundredAndOne = new ArrayList<>(hundred);
      hundredAndOne.add(ids(1).get(0));
      socket.sendText("{\"type\":\"presence_query\",\"userIds\":[\"" + String.join("\",\"", hundredAndOne) + "\"]}");
      ErrorFrame refused = socket.await(ErrorFrame.class, WAIT);
      assertThat(refused.code()).isEqualTo("invalid_frame");
      assertThat(refused.message()).contains("100");
    }
    assertThat(alice.get("/api/presence?userIds=" + String.join(",", hundred)).status()).isEqualTo(200);
    HttpAnswer tooMany = alice.get("/api/presence?userIds=" + String.join(",", hundred) + "," + ids(1).get(0));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.contentType()).startsWith("application/problem+json");
  }

  @Test
  void aGroupChangeNamesAtMostOneHundredUsers() {
    Session alice = cluster.newUser("alice");
    String group = GroupSupport.createGroup(alice, "limits");

    HttpAnswer tooMany = alice.groups().add(group, ids(101));

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body().get("field").asString()).isEqualTo("userIds");
    assertThat(tooMany.body().get("detail").asString()).contains("100");
  }

  @Test
  void aPageHoldsAtMostTwoHundredRows() {
    Session alice = cluster.newUser("alice");
    assertThat(alice.get("/api/conversations?limit=200").status()).isEqualTo(200);
    assertThat(alice.get("/api/sync?limit=200").status()).isEqualTo(200);

    for (String path : List.of("/api/conversations?limit=201", "/api/sync?limit=201")) {
      HttpAnswer refused = alice.get(path);
      assertThat(refused.status()).as(path).isEqualTo(400);
      assertThat(refused.body().get("detail").asString()).contains("between 1 and 200");
    }
  }

  /** Well-formed ids of nobody. */
  private static List<String> ids(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> java.util.UUID.randomUUID().toString().replace("-", ""))
        .toList();
  }
}
