package io.switchboard.client;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The threads and client that many {@link ListeningConnection}s share: Reactor Netty on a small event loop, each
 * socket a connection of its own. For a process that holds thousands of sockets (the load generator, a bot
 * service). Measured on two cores shared with the server, 100 sockets opened at once by a warm JVM (twenty rounds,
 * the last five): the JDK's WebSocket client had them all open after 96–141 ms (p50 64–92 ms), this after
 * 33–68 ms (p50 28–56 ms), with about a quarter less CPU; a generator on the server's machine takes that from the
 * server.
 */
public final class SocketLoop implements AutoCloseable {

  private final LoopResources loop;
  private final HttpClient http;

  /** @param threads event-loop threads; the machine's cores is plenty, as nothing here blocks */
  public SocketLoop(int threads, Duration connectTimeout) {
    this.loop = LoopResources.create("switchboard-sockets", threads, true);
    this.http = HttpClient.create(ConnectionProvider.newConnection())
        .runOn(loop)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
  }

  /** One thread per core, 30 s to connect. */
  public SocketLoop() {
    this(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(30));
  }

  HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    loop.disposeLater().block(Duration.ofSeconds(10));
  }
}
