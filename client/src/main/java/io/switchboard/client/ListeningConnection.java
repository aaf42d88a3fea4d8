package io.switchboard.client;

import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.json.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One device's socket that hands every frame to a listener the moment it arrives, over an {@link HttpClient}
 * the caller shares between many sockets. Where {@link ChatConnection} suits a test that waits for one frame at a
 * time, this suits the load generator: thousands of sockets on one selector thread, nothing blocking, and the
 * arrival time taken before any queueing.
 *
 * <p>The listener runs on the client's thread for this socket, one frame at a time; it must be quick.
 */
public final class ListeningConnection {

  private static final FrameCodec CODEC = new FrameCodec();

  private final WebSocket socket;
  private final CompletableFuture<ChatConnection.CloseReason> closed;

  private ListeningConnection(WebSocket socket, CompletableFuture<ChatConnection.CloseReason> closed) {
    this.socket = socket;
    this.closed = closed;
  }

  /** Opens the socket of this session's device; completes when the handshake is done. */
  public static CompletableFuture<ListeningConnection> open(
      HttpClient http, Session session, Duration timeout, Consumer<ServerFrame> listener) {
    return open(http, Session.webSocketUri(session.http().base()), session.accessToken(), timeout, listener);
  }

  public static CompletableFuture<ListeningConnection> open(
      HttpClient http, URI uri, String accessToken, Duration timeout, Consumer<ServerFrame> listener) {
    CompletableFuture<ChatConnection.CloseReason> closed = new CompletableFuture<>();
    return http.newWebSocketBuilder()
        .header("Authorization", "Bearer " + accessToken)
        .subprotocols(ProtocolVersion.SUBPROTOCOL)
        .connectTimeout(timeout)
        .buildAsync(uri, new FrameListener(listener, closed))
        .thenApply(socket -> new ListeningConnection(socket, closed));
  }

  /** Sends a frame; completes when it is handed to the transport. Calls must not overlap on one socket. */
  public CompletableFuture<WebSocket> send(ClientFrame frame) {
    return socket.sendText(CODEC.encode(frame), true);
  }

  public CompletableFuture<ChatConnection.CloseReason> closed() {
    return closed;
  }

  public boolean isOpen() {
    return !socket.isInputClosed() && !socket.isOutputClosed();
  }

  /** Drops the TCP connection without a closing handshake, as a lost network would. */
  public void abort() {
    socket.abort();
  }

  /** Starts the closing handshake; {@link #closed()} completes when the server answers. */
  public CompletableFuture<WebSocket> close() {
    return socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }

  private static final class FrameListener implements WebSocket.Listener {

    private final Consumer<ServerFrame> listener;
    private final CompletableFuture<ChatConnection.CloseReason> closed;
    private final StringBuilder partial = new StringBuilder();

    FrameListener(Consumer<ServerFrame> listener, CompletableFuture<ChatConnection.CloseReason> closed) {
      this.listener = listener;
      this.closed = closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (!last || partial.length() > 0) {
        partial.append(data);
      }
      if (last) {
        String text = partial.length() > 0 ? partial.toString() : data.toString();
        partial.setLength(0);
        listener.accept(CODEC.decodeServerFrame(text));
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new ChatConnection.CloseReason(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new ChatConnection.CloseReason(-1, String.valueOf(error)));
    }
  }
}
