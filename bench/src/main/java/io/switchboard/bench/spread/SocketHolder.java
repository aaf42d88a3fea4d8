package io.switchboard.bench.spread;

import io.switchboard.client.ListeningConnection;
import io.switchboard.client.SocketLoop;
import io.switchboard.protocol.frame.SyncedFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One generator process of {@link SpreadConnections}: a JVM here may hold ~19k sockets at most (20,000 open
 * files), so connections beyond that are held by several of these. It talks to the coordinator over its
 * standard streams: it reads {@code socketUrl accessToken} lines up to an empty line, connects each device
 * until the server says "synced" (at most {@link #IN_FLIGHT} handshakes at a time), prints
 * {@code held <n> failed <m>}, then keeps the sockets open until its standard input closes.
 */
public final class SocketHolder {

  static final String READY_PREFIX = "held ";
  private static final int IN_FLIGHT = 200;
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private SocketHolder() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    List<String[]> devices = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      devices.add(line.split(" ", 2));
    }
    SocketLoop sockets = new SocketLoop();
    List<ListeningConnection> open = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    Semaphore permits = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Void>> connecting = new ArrayList<>(devices.size());
    for (String[] device : devices) {
      permits.acquire();
      CompletableFuture<Void> synced = new CompletableFuture<>();
      connecting.add(ListeningConnection.open(sockets, URI.create(device[0]), device[1], SYNC_TIMEOUT, frame -> {
            if (frame instanceof SyncedFrame) {
              synced.complete(null);
            }
          })
          .thenCompose(connection -> {
            open.add(connection);
            return synced;
          })
          .orTimeout(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
          .whenComplete((done, failure) -> {
            permits.release();
            if (failure != null) {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, failure);
            }
          }));
    }
    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
    int held = devices.size() - failed.get();
    System.out.println(READY_PREFIX + held + " failed " + failed.get()
        + (firstFailure.get() == null ? "" : " first failure: " + firstFailure.get()));
    System.out.flush();
    // until the coordinator closes our standard input (or dies): the sockets stay open meanwhile
    while (in.readLine() != null) {
      // nothing else is said on it
    }
    List<CompletableFuture<?>> closing;
    synchronized (open) {
      closing = open.stream().<CompletableFuture<?>>map(ListeningConnection::close).toList();
    }
    CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 30, TimeUnit.SECONDS)
        .exceptionally(failure -> null)
        .join();
    System.exit(0);
  }
}
