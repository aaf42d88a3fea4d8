package io.switchboard.edge.session;

import java.time.Duration;

/**
 * Counts a socket's rate-limit refusals in fixed windows. One refusal is an ordinary answer (the client waits
 * {@code retryAfterMs} and goes on); many within one window mean the client ignores them, which is abuse.
 */
public final class RefusalWindow {

  private final int most;
  private final long windowNanos;
  private long windowStart = System.nanoTime();
  private int refusals;

  public RefusalWindow(int most, Duration window) {
    this.most = most;
    this.windowNanos = window.toNanos();
  }

  /** Records one refusal; true once more than {@code most} fell within the current window. */
  public synchronized boolean refuseAndCheckAbuse() {
    long now = System.nanoTime();
    if (now - windowStart > windowNanos) {
      windowStart = now;
      refusals = 0;
    }
    refusals++;
    return refusals > most;
  }
}
