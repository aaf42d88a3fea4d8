package io.switchboard.client;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.json.FrameCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One device's socket that hands every frame to a listener the moment it arrives, on a {@link SocketLoop} the
 * caller shares between many sockets. Where {@link ChatConnection} suits a test that waits for one frame at a
 * time, this suits the load generator: thousands of sockets on a few event-loop threads, nothing blocking, and
 * the arrival time taken before any queueing.
 *
 * <p>The listener runs on the socket's event-loop thread, one frame at a time; it must be quick.
 */
public final class ListeningConnection {

  private static final FrameCodec CODEC = new FrameCodec();
  /** Larger than any frame the server sends (a page of the longest messages). */
  private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  private final Connection connection;
  private final WebsocketOutbound outbound;
  private final Sinks.Many<String> outgoing;
  /** Completes once {@code outgoing} has ended and everything it held is written (or the socket failed). */
  private final CompletableFuture<Void> written;
  private final CompletableFuture<ChatConnection.CloseReason> closed;
  private volatile boolean closing;

  private ListeningConnection(Connection connection, WebsocketOutbound outbound, Sinks.Many<String> outgoing,
      CompletableFuture<Void> written, CompletableFuture<ChatConnection.CloseReason> closed) {
    this.connection = connection;
    this.outbound = outbound;
    this.outgoing = outgoing;
    this.written = written;
    this.closed = closed;
  }

  /** Opens the socket of this session's device; completes when the handshake is done. */
  public static CompletableFuture<ListeningConnection> open(
      SocketLoop loop, Session session, Duration timeout, Consumer<ServerFrame> listener) {
    return open(loop, Session.webSocketUri(session.http().base()), session.accessToken(), timeout, listener);
  }

  public static CompletableFuture<ListeningConnection> open(
      SocketLoop loop, URI uri, String accessToken, Duration timeout, Consumer<ServerFrame> listener) {
    CompletableFuture<ListeningConnection> opened = new CompletableFuture<>();
    CompletableFuture<Void> written = new CompletableFuture<>();
    CompletableFuture<ChatConnection.CloseReason> closed = new CompletableFuture<>();
    Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    Disposable attempt = loop.http()
        .headers(headers -> headers.set("Authorization", "Bearer " + accessToken))
        .websocket(WebsocketClientSpec.builder()
            .protocols(ProtocolVersion.SUBPROTOCOL)
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .build())
        .uri(uri)
        .handle((inbound, outbound) -> talk(inbound, outbound, outgoing, written, opened, closed, listener))
        .subscribe(
            ignored -> {},
            failure -> {
              opened.completeExceptionally(failure);
              closed.complete(new ChatConnection.CloseReason(-1, String.valueOf(failure)));
            },
            () -> closed.complete(new ChatConnection.CloseReason(-1, "the connection ended without a close frame")));
    // a handshake that ends after the caller gave up must not leave a socket nobody holds, still feeding the listener
    return opened.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((open, failure) -> {
      if (failure instanceof TimeoutException) {
        attempt.dispose();
      }
    });
  }

  /** The open socket: frames in go to the listener, frames out come from {@code outgoing}. */
  private static Mono<Void> talk(WebsocketInbound inbound, WebsocketOutbound outbound, Sinks.Many<String> outgoing,
      CompletableFuture<Void> written, CompletableFuture<ListeningConnection> opened,
      CompletableFuture<ChatConnection.CloseReason> closed, Consumer<ServerFrame> listener) {
    inbound.withConnection(connection ->
        opened.complete(new ListeningConnection(connection, outbound, outgoing, written, closed)));
    inbound.receiveCloseStatus().subscribe(status -> closed.complete(
        new ChatConnection.CloseReason(status.code(), status.reasonText())));
    Mono<Void> reading = inbound.aggregateFrames(MAX_FRAME_BYTES).receiveFrames()
        .ofType(TextWebSocketFrame.class)
        .doOnNext(frame -> listener.accept(CODEC.decodeServerFrame(frame.text())))
        .then();
    // the frames end only when closing; the socket stays up (and read) until the close handshake ends it
    Mono<Void> writing = outbound.sendString(outgoing.asFlux()).then()
        .doFinally(signal -> written.complete(null))
        .then(Mono.never());
    return Mono.firstWithSignal(reading, writing);
  }

  /** Sends a frame; completes when it is queued for the transport. */
  public synchronized CompletableFuture<Void> send(ClientFrame frame) {
    Sinks.EmitResult result = outgoing.tryEmitNext(CODEC.encode(frame));
    return result.isSuccess()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(new SwitchboardClientException("socket not open: " + result));
  }

  public CompletableFuture<ChatConnection.CloseReason> closed() {
    return closed;
  }

  public boolean isOpen() {
    return !closing && !closed.isDone() && connection.channel().isActive();
  }

  /**
   * Drops the TCP connection without a closing handshake, as a lost network would; completes when it is closed
   * (its file descriptor free again: a process dropping thousands at once and reconnecting must wait for that).
   */
  public CompletableFuture<Void> abort() {
    closing = true;
    CompletableFuture<Void> dropped = new CompletableFuture<>();
    connection.channel().close().addListener(closed -> dropped.complete(null));
    return dropped;
  }

  /**
   * Sends what is queued, then the close frame; completes once that is written and the connection closed (Reactor
   * Netty's client closes it right behind its close frame, without waiting for the server's). The close frame
   * waits for the queued frames: an acknowledgement sent just before closing must arrive, and a close written
   * beside them overtook thousands once the transport's buffer was full. {@link #closed()} then holds this side's
   * code, 1000. Closing a socket that is already gone is not an error: there is nothing left to close.
   */
  public CompletableFuture<Void> close() {
    synchronized (this) {
      closing = true;
      outgoing.tryEmitComplete();
    }
    return written.thenCompose(ignored -> {
      // before the close frame: sending it ends the inbound side, which would otherwise read as a dropped connection
      closed.complete(new ChatConnection.CloseReason(1000, "bye"));
      return outbound.sendClose(1000, "bye").onErrorResume(alreadyGone -> Mono.empty()).toFuture();
    });
  }
}
