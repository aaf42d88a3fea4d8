package io.switchboard.bench.device;

import io.switchboard.client.SocketLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Connects many devices at once, with a bound on handshakes in flight so set-up does not turn into a storm. */
public final class Connector {

  private final SocketLoop sockets;

  public Connector(SocketLoop sockets) {
    this.sockets = sockets;
  }

  /** Connects every device, at most {@code inFlight} handshakes at a time; returns when all are synced. */
  public void connectAll(List<BenchDevice> devices, int inFlight) {
    Semaphore permits = new Semaphore(inFlight);
    List<CompletableFuture<Long>> connecting = new ArrayList<>(devices.size());
    try {
      for (BenchDevice device : devices) {
        permits.acquire();
        connecting.add(device.connect(sockets).whenComplete((synced, failure) -> permits.release()));
      }
      CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("could not connect " + devices.size() + " devices", e);
    }
  }

  /** Connects every device at the same moment; each future completes with its "synced" time. */
  public List<CompletableFuture<Long>> connectAllAtOnce(List<BenchDevice> devices) {
    List<CompletableFuture<Long>> connecting = new ArrayList<>(devices.size());
    for (BenchDevice device : devices) {
      connecting.add(device.connect(sockets));
    }
    return connecting;
  }

  /**
   * Connects as a real client does after losing its connection: a failed attempt (refused, reset, closed before
   * "synced") is tried again after a random 0.5 to 2 s, until the deadline ({@link System#nanoTime()}). Each
   * failure is handed to {@code onFailure} before the next attempt; the future completes with the synced time
   * of the attempt that made it, or with the last failure.
   */
  public CompletableFuture<Long> connectRetrying(BenchDevice device, long deadlineNanos, Consumer<Throwable> onFailure) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    attempt(device, deadlineNanos, onFailure, result);
    return result;
  }

  private void attempt(BenchDevice device, long deadlineNanos, Consumer<Throwable> onFailure,
      CompletableFuture<Long> result) {
    device.connect(sockets).whenComplete((synced, failure) -> {
      if (failure == null) {
        result.complete(synced);
        return;
      }
      onFailure.accept(failure);
      long pauseMillis = 500 + ThreadLocalRandom.current().nextLong(1_500);
      if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) >= deadlineNanos) {
        result.completeExceptionally(failure);
        return;
      }
      CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS)
          .execute(() -> attempt(device, deadlineNanos, onFailure, result));
    });
  }

  public void closeAll(List<BenchDevice> devices) {
    CompletableFuture.allOf(devices.stream().map(BenchDevice::close).toArray(CompletableFuture[]::new)).join();
  }
}
