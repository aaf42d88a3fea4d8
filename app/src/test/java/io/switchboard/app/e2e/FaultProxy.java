package io.switchboard.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of one server (broker, Redis, MongoDB) that a test can cut and restore: cutting closes
 * every connection through it, on both sides, and refuses new ones (nothing listens on its port), as a server
 * that went away would; restoring listens again on the same port. Works the same for embedded and real servers,
 * and never touches the server itself.
 */
public final class FaultProxy implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile ServerSocket listener;
  private volatile boolean closed;

  private FaultProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    acceptOn(listener);
  }

  /** A proxy in front of the server a URI names ({@code amqp://…}, {@code redis://…}, {@code mongodb://…}). */
  public static FaultProxy inFrontOf(String uri) {
    URI parsed = URI.create(uri);
    return new FaultProxy(parsed.getHost(), parsed.getPort());
  }

  /** The same URI, through this proxy. */
  public String proxied(String uri) {
    URI parsed = URI.create(uri);
    try {
      return new URI(parsed.getScheme(), parsed.getUserInfo(), "127.0.0.1", port, parsed.getPath(),
          parsed.getQuery(), parsed.getFragment()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(uri, e);
    }
  }

  /** The server behind this proxy, as {@code host:port}: for a test that must reach it directly. */
  public String target() {
    return targetHost + ":" + targetPort;
  }

  /** Connections accepted so far: a reconnect shows up as one more. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** The server is gone: every connection is closed, new ones are refused. */
  public synchronized void cut() {
    ServerSocket current = listener;
    listener = null;
    closeQuietly(current);
    open.forEach(FaultProxy::closeQuietly);
    open.clear();
  }

  /** The server is back, on the same address. */
  public synchronized void restore() {
    if (listener == null && !closed) {
      listener = listen(port);
      acceptOn(listener);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    cut();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("proxy cannot listen on port " + port, e);
    }
  }

  private void acceptOn(ServerSocket socket) {
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          accepted.incrementAndGet();
          connect(client);
        } catch (IOException stopped) {
          return;
        }
      }
    }, "fault-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
    } catch (IOException unreachable) {
      closeQuietly(client);
      closeQuietly(server);
      return;
    }
    open.add(client);
    open.add(server);
    if (listener == null) {
      // cut while this connection was being made
      closeQuietly(client);
      closeQuietly(server);
      return;
    }
    pump(client, server);
    pump(server, client);
  }

  private void pump(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
        }
      } catch (IOException connectionGone) {
        // cut, or one side closed: close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "fault-proxy-pump-" + port);
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already closed
    }
  }
}
