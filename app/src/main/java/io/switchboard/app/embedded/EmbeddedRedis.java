package io.switchboard.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server (6.2, bundled by embedded-redis) run as a child process, for a machine with none: presence
 * is all Switchboard keeps in Redis. Production and CI name a real Redis with {@code SWITCHBOARD_REDIS_URI}.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * @param dataDirectory where Redis snapshots presence (last seen, settings) when {@code persistent}; else
   *     nothing is written
   */
  public static EmbeddedRedis start(Path dataDirectory, boolean persistent) {
    int port = freePort();
    try {
      var builder = RedisServer.newRedisServer().bind(LOOPBACK).port(port);
      if (persistent) {
        Files.createDirectories(dataDirectory);
        builder.setting("dir " + dataDirectory.toAbsolutePath()).setting("save 60 1");
      } else {
        builder.setting("save \"\"").setting("appendonly no");
      }
      RedisServer server = builder.build();
      server.start();
      return new EmbeddedRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded redis-server did not start", e);
    }
  }

  public String uri() {
    return "redis://" + LOOPBACK + ":" + port;
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }

  /** redis-server cannot report a port it chose itself; the gap between choosing and binding is tiny. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded redis-server", e);
    }
  }
}
