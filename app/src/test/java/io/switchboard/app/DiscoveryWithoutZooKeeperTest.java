package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.EdgeAddress;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.frame.SyncedFrame;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one launcher has no ZooKeeper: discovery names its own edge, at the address the client asked,
 * with its live number of sockets; readiness says discovery is off. Drained (POST /admin/drain from this
 * host), it closes its sockets with 4002, refuses new ones and reports itself not ready.
 */
class DiscoveryWithoutZooKeeperTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dataDirectory;

  @Test
  void discoveryNamesTheLaunchersOwnEdgeAndADrainSendsItsSocketsAway() throws Exception {
    try (LaunchedForTests launched = LaunchedForTests.start(dataDirectory)) {
      SwitchboardHttp http = new SwitchboardHttp(launched.baseUri());
      Session alice = http.register("alice_" + UUID.randomUUID().toString().substring(0, 8), "correct horse battery staple");

      EdgeAddress edge = alice.discoverEdge(null);
      assertThat(edge.url()).isEqualTo(URI.create("ws://" + launched.baseUri().getAuthority() + "/ws"));
      assertThat(edge.zone()).isEqualTo("default");
      assertThat(edge.connections()).isZero();
      assertThat(http.get("/api/discovery/edge", null).status()).isEqualTo(401);
      assertThat(alice.get("/api/discovery/edge?zone=no%20such%20zone!").status()).isEqualTo(400);
      assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);

      try (ChatConnection socket = alice.connectTo(edge.url())) {
        socket.await(SyncedFrame.class, WAIT);
        assertThat(alice.discoverEdge("any-zone").connections()).isEqualTo(1);

        var drained = http.post("/admin/drain", null, java.util.Map.of());
        assertThat(drained.status()).isEqualTo(200);
        assertThat(drained.body().get("socketsAtStart").asInt()).isEqualTo(1);
        assertThat(drained.body().get("socketsLeft").asInt()).isZero();
        assertThat(socket.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS).code()).isEqualTo(4002);
      }
      assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);
      assertThatThrownBy(() -> alice.connectTo(edge.url()))
          .isInstanceOfSatisfying(HandshakeRefusedException.class, refused -> assertThat(refused.status()).isEqualTo(503));
    }
  }
}
