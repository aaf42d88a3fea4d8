package io.switchboard.bench.device;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's message bodies carry the moment each send was scheduled (this JVM's nanoTime), so the
 * receiving device in the same process can measure latency without a clock shared between machines.
 */
public final class BenchMessages {

  private static final String BODY_PREFIX = "bench ";
  private static final String ID_PREFIX = "bench-";
  private static final AtomicLong NEXT_ID = new AtomicLong();
  /** Makes a body about as long as a typical chat line (~60 characters) rather than a few bytes. */
  private static final String FILLER = " the quick brown fox jumps over the lazy dog";

  private BenchMessages() {}

  public static String body(long scheduledNanos) {
    return BODY_PREFIX + scheduledNanos + FILLER;
  }

  public static String newClientMessageId() {
    return ID_PREFIX + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet();
  }

  public static boolean isBench(String clientMessageId) {
    return clientMessageId != null && clientMessageId.startsWith(ID_PREFIX);
  }

  public static OptionalLong scheduledNanos(String body) {
    if (!body.startsWith(BODY_PREFIX)) {
      return OptionalLong.empty();
    }
    int end = body.indexOf(' ', BODY_PREFIX.length());
    try {
      return OptionalLong.of(Long.parseLong(body.substring(BODY_PREFIX.length(), end < 0 ? body.length() : end)));
    } catch (NumberFormatException notOurs) {
      return OptionalLong.empty();
    }
  }
}
