package io.switchboard.edge.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sockets whose connection has ended while frames their device sent before hanging up are still being handled
 * (its last acks, above all). The same device's next socket on this edge reads its backlog only once those are
 * done, so messages the device acknowledged just before reconnecting do not come again. A device that
 * reconnects through another edge may still get them again, as the protocol allows; it keeps them by sequence
 * number.
 */
@Component
public class ClosingSockets {

  /** Bounds how long a new socket's backlog waits for its predecessor; past it, some messages may come again. */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

  /** Only sockets still handling frames after their end are here: one entry per device, gone once handled. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> byDevice = new ConcurrentHashMap<>();

  /**
   * The socket of {@code deviceId} has ended; {@code inputHandled} completes, in any way, once every frame it
   * received has been handled. Only the device's latest ended socket is waited for.
   */
  public void ended(String deviceId, CompletableFuture<Void> inputHandled) {
    if (inputHandled.isDone()) {
      return;
    }
    byDevice.put(deviceId, inputHandled);
    inputHandled.whenComplete((ignored, error) -> byDevice.remove(deviceId, inputHandled));
  }

  /** Completes once the device's ended socket has handled what it received (at once if there is none). */
  public Mono<Void> handled(String deviceId) {
    return Mono.defer(() -> {
      CompletableFuture<Void> pending = byDevice.get(deviceId);
      if (pending == null) {
        return Mono.empty();
      }
      // the new socket ending first must not cancel the old socket's handling
      return Mono.fromFuture(pending, true).onErrorComplete().timeout(LONGEST_WAIT, Mono.empty());
    });
  }

  int closing() {
    return byDevice.size();
  }
}
