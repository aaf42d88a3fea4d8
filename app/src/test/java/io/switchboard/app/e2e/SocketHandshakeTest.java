package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HandshakeRefusedException;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.WelcomeFrame;
import java.util.List;
import io.switchboard.protocol.ProtocolVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token and the page's origin are checked on the WebSocket handshake, before any upgrade. */
class SocketHandshakeTest {

  private final TestCluster cluster = TestCluster.shared();

  @Test
  void aHandshakeWithoutATokenIsRefusedWith401() {
    assertThatThrownBy(() -> connect(null).get(15, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(error -> assertThat(
            ((WebSocketHandshakeException) error).getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void aForgedTokenIsRefusedWith401() {
    Session alice = cluster.newUser("alice");
    String forged = alice.accessToken().substring(0, alice.accessToken().lastIndexOf('.') + 1)
        + "c2lnbmVkIGJ5IHNvbWVib2R5IGVsc2U";
    assertThatThrownBy(() -> connect("bearer." + forged).get(15, TimeUnit.SECONDS))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(error -> assertThat(
            ((WebSocketHandshakeException) error).getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void aBrowserMayCarryTheTokenAsASubprotocolEntry() throws Exception {
    Session alice = cluster.newUser("alice");
    CompletableFuture<String> firstFrame = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols(ProtocolVersion.SUBPROTOCOL, ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX + alice.accessToken())
        .buildAsync(webSocketUri(), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            firstFrame.complete(data.toString());
            return null;
          }
        })
        .get(15, TimeUnit.SECONDS);
    assertThat(socket.getSubprotocol()).isEqualTo(ProtocolVersion.SUBPROTOCOL);
    assertThat(firstFrame.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .contains("\"type\":\"welcome\"").contains(alice.userId());
    socket.abort();
  }

  @Test
  void aHandshakeThatDoesNotOfferTheProtocolIsRefusedWithTheReason() {
    Session alice = cluster.newUser("alice");
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
            .subprotocols(ProtocolVersion.BEARER_SUBPROTOCOL_PREFIX + alice.accessToken())
            .buildAsync(webSocketUri(), new WebSocket.Listener() {})
            .get(15, TimeUnit.SECONDS))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(error -> assertThat(
            ((WebSocketHandshakeException) error).getResponse().statusCode()).isEqualTo(400));
  }

  @Test
  void aPageOfTheEdgesOwnOriginMayOpenASocket() {
    Session alice = cluster.newUser("alice");
    try (ChatConnection socket = alice.connectFrom("http://" + cluster.http().base().getAuthority())) {
      assertThat(socket.await(WelcomeFrame.class, WAIT).userId()).isEqualTo(alice.userId());
    }
  }

  @Test
  void aPageOfAConfiguredOriginMayOpenASocket() {
    Session alice = cluster.newUser("alice");
    // TestCluster allows https://*.switchboard.example
    try (ChatConnection socket = alice.connectFrom("https://chat.switchboard.example")) {
      assertThat(socket.await(WelcomeFrame.class, WAIT).userId()).isEqualTo(alice.userId());
    }
  }

  @Test
  void aPageOfAnyOtherOriginIsRefusedWith403EvenWithAGoodToken() {
    Session alice = cluster.newUser("alice");
    for (String origin : List.of("https://evil.example", "http://127.0.0.1:1", "https://switchboard.example.evil.test",
        "null")) {
      assertThatThrownBy(() -> alice.connectFrom(origin))
          .isInstanceOf(HandshakeRefusedException.class)
          .satisfies(refused -> {
            assertThat(((HandshakeRefusedException) refused).status()).isEqualTo(403);
          });
    }
  }

  @Test
  void aTokenInTheQueryStringIsNeverAccepted() {
    // query strings end up in access logs and browser history: tokens travel in headers only
    Session alice = cluster.newUser("alice");
    assertThat(cluster.http().get("/api/users/me?access_token=" + alice.accessToken(), null).status())
        .isEqualTo(401);
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
            .subprotocols(ProtocolVersion.SUBPROTOCOL)
            .buildAsync(URI.create(webSocketUri() + "?access_token=" + alice.accessToken()),
                new WebSocket.Listener() {})
            .get(15, TimeUnit.SECONDS))
        .cause().isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(error -> assertThat(
            ((WebSocketHandshakeException) error).getResponse().statusCode()).isEqualTo(401));
  }

  private CompletableFuture<WebSocket> connect(String tokenSubprotocol) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (tokenSubprotocol != null) {
      builder.subprotocols(ProtocolVersion.SUBPROTOCOL, tokenSubprotocol);
    }
    return builder.buildAsync(webSocketUri(), new WebSocket.Listener() {});
  }

  private URI webSocketUri() {
    return URI.create("ws://" + cluster.http().base().getAuthority() + "/ws");
  }
}
