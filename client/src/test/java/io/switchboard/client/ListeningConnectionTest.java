package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.protocol.frame.AckFrame;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/** A socket of the load generator's kind against a plain WebSocket server that counts what reaches it. */
class ListeningConnectionTest {

  /** Far more than the transport buffers before it stops taking writes (64 KiB), so writes must wait their turn. */
  private static final int FRAMES = 50_000;

  private final SocketLoop loop = new SocketLoop(1, Duration.ofSeconds(5));
  private final CompletableFuture<Integer> framesBeforeTheClose = new CompletableFuture<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final DisposableServer server = HttpServer.create()
      .host("127.0.0.1")
      .port(0)
      .route(routes -> routes.ws("/socket", (inbound, outbound) -> {
        AtomicInteger frames = new AtomicInteger();
        inbound.receiveCloseStatus().subscribe(status -> closeCode.complete(status.code()));
        // the close frame ends the inbound stream: whatever arrived after it is never counted
        return inbound.receiveFrames()
            .ofType(TextWebSocketFrame.class)
            .doOnNext(frame -> frames.incrementAndGet())
            .doOnComplete(() -> framesBeforeTheClose.complete(frames.get()))
            .then();
      }, WebsocketServerSpec.builder().protocols(ProtocolVersion.SUBPROTOCOL).build())
          .ws("/hang-up", (inbound, outbound) -> outbound.sendClose(4000, "go away"),
              WebsocketServerSpec.builder().protocols(ProtocolVersion.SUBPROTOCOL).build()))
      .bindNow();

  @AfterEach
  void stop() {
    server.disposeNow();
    loop.close();
  }

  @Test
  void closingSendsEveryFrameQueuedBeforeItAndThenTheCloseFrame() throws Exception {
    ListeningConnection connection = ListeningConnection.open(loop, uri("/socket"), "token", Duration.ofSeconds(5),
        frame -> {}).get(5, TimeUnit.SECONDS);
    String longConversationId = "c".repeat(500);
    for (int seq = 1; seq <= FRAMES; seq++) {
      connection.send(new AckFrame(longConversationId, seq));
    }

    connection.close().get(10, TimeUnit.SECONDS);

    assertThat(framesBeforeTheClose.get(10, TimeUnit.SECONDS)).isEqualTo(FRAMES);
    assertThat(closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(connection.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(1000);
    assertThat(connection.send(new AckFrame("late", 1)))
        .as("a closed socket takes no more frames")
        .isCompletedExceptionally();
  }

  @Test
  void closingASocketTheServerAlreadyClosedIsNotAnError() throws Exception {
    ListeningConnection connection = ListeningConnection.open(loop, uri("/hang-up"), "token", Duration.ofSeconds(5),
        frame -> {}).get(5, TimeUnit.SECONDS);
    assertThat(connection.closed().get(10, TimeUnit.SECONDS).code()).isEqualTo(4000);

    // completes normally: a failed close frame on the gone connection is not the caller's error
    connection.close().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aHandshakeThatTakesTooLongFailsAndLeavesNoConnectionBehind() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<ListeningConnection> opening = ListeningConnection.open(loop,
          URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/socket"), "token", Duration.ofMillis(300),
          frame -> {});
      try (Socket accepted = silent.accept()) {
        assertThatThrownBy(() -> opening.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        // the attempt the caller gave up on is disposed: its connection closes instead of waiting for an answer,
        // so reading it (the upgrade request) reaches the end; a read timeout would fail the test
        accepted.setSoTimeout(5_000);
        assertThat(new String(accepted.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
            .startsWith("GET /socket");
      }
    }
  }

  private URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + server.port() + path);
  }
}
