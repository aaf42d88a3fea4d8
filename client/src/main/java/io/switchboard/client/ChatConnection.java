package io.switchboard.client;

import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.json.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One device's socket over the JDK's WebSocket client. Frames arrive in a queue the caller reads with a
 * timeout; a frame split by the transport is joined before it is decoded.
 */
public final class ChatConnection implements AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  private final FrameCodec codec = new FrameCodec();
  private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private ChatConnection(URI uri, String accessToken, String origin) {
    Listener listener = new Listener();
    try {
      WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
      if (origin != null) {
        // as a browser would send it: the page the socket is opened from
        builder.header("Origin", origin);
      }
      this.socket = builder
          .header("Authorization", "Bearer " + accessToken)
          .subprotocols(ProtocolVersion.SUBPROTOCOL)
          .connectTimeout(CONNECT_TIMEOUT)
          .buildAsync(uri, listener)
          .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException handshake) {
        throw new HandshakeRefusedException(handshake.getResponse().statusCode(),
            String.valueOf(handshake.getResponse().body()));
      }
      throw new SwitchboardClientException("could not connect to " + uri, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchboardClientException("interrupted connecting to " + uri, e);
    } catch (TimeoutException e) {
      throw new SwitchboardClientException("timed out connecting to " + uri, e);
    }
  }

  static ChatConnection open(URI uri, String accessToken) {
    return new ChatConnection(uri, accessToken, null);
  }

  static ChatConnection open(URI uri, String accessToken, String origin) {
    return new ChatConnection(uri, accessToken, origin);
  }

  public void send(ClientFrame frame) {
    sendText(codec.encode(frame));
  }

  /** Sends text exactly as given: for tests of malformed input. */
  public void sendText(String text) {
    try {
      socket.sendText(text, true).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new SwitchboardClientException("could not send a frame", e);
    }
  }

  /** The next frame, or null if none arrives in time. */
  public ServerFrame poll(Duration timeout) {
    try {
      return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The next frame of the given kind, skipping others; fails if none arrives in time. */
  public <T extends ServerFrame> T await(Class<T> type, Duration timeout) {
    return await(type, frame -> true, timeout);
  }

  public <T extends ServerFrame> T await(Class<T> type, Predicate<T> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      ServerFrame frame = left > 0 ? poll(Duration.ofNanos(left)) : null;
      if (frame == null) {
        throw new SwitchboardClientException("no " + type.getSimpleName() + " frame within " + timeout
            + (closed.isDone() ? "; the socket closed: " + closeDescription() : ""));
      }
      if (type.isInstance(frame) && matching.test(type.cast(frame))) {
        return type.cast(frame);
      }
    }
  }

  /** Every frame that arrives within the quiet period after the last one. */
  public List<ServerFrame> drain(Duration quiet) {
    List<ServerFrame> drained = new ArrayList<>();
    ServerFrame frame;
    while ((frame = poll(quiet)) != null) {
      drained.add(frame);
    }
    return drained;
  }

  private String closeDescription() {
    try {
      return String.valueOf(closed.getNow(null));
    } catch (CompletionException failed) {
      return String.valueOf(failed.getCause());
    }
  }

  /** Completes when the server closes the socket (or the client does). */
  public CompletableFuture<CloseReason> closed() {
    return closed;
  }

  public boolean isOpen() {
    return !socket.isInputClosed() && !socket.isOutputClosed();
  }

  /** Drops the TCP connection without a closing handshake, as a lost network would. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
    try {
      closed.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  /** Why the socket closed. */
  public record CloseReason(int code, String reason) {}

  private final class Listener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          frames.add(codec.decodeServerFrame(text));
        } catch (RuntimeException undecodable) {
          closed.completeExceptionally(new CompletionException("undecodable frame: " + text, undecodable));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new CloseReason(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new CloseReason(-1, String.valueOf(error)));
    }
  }
}
