package io.switchboard.app.e2e;

import io.switchboard.protocol.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client at the TCP level that completes the handshake and then reads nothing at all, as a device
 * on a stalled network or a stuck client would: whatever the server sends piles up in the kernel's buffers and
 * then in the server's.
 */
final class RawSocket implements AutoCloseable {

  /** A small receive window, so the stall reaches the server after a few frames rather than megabytes. */
  private static final int RECEIVE_BUFFER_BYTES = 4096;

  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  /** Connects to {@code /ws} of the server at {@code base} with the token, and reads only the handshake answer. */
  static RawSocket openAndStopReading(URI base, String accessToken) {
    Socket socket = new Socket();
    try {
      socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      byte[] nonce = new byte[16];
      new java.security.SecureRandom().nextBytes(nonce);
      String request = "GET /ws HTTP/1.1\r\n"
          + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
          + "Sec-WebSocket-Protocol: " + ProtocolVersion.SUBPROTOCOL + "\r\n"
          + "Authorization: Bearer " + accessToken + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status = readHeaders(socket.getInputStream());
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IllegalStateException("handshake refused: " + status);
      }
      return new RawSocket(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts reading again, and reads everything until the server's end of the connection; true if it came
   * (end of stream or reset) within the limit.
   */
  boolean readsToTheEndWithin(int millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = socket.getInputStream();
      while (System.nanoTime() < deadline) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        if (in.read(buffer) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("connection closed during the handshake");
      }
      headers.write(next);
      matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
    }
    String text = headers.toString(StandardCharsets.US_ASCII);
    return text.substring(0, text.indexOf("\r\n"));
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // gone already
    }
  }
}
