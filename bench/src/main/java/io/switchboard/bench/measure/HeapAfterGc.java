package io.switchboard.bench.measure;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM on this machine still holds after a full collection: its live heap, asked with {@code jcmd}. The
 * resident size of a JVM says little about what connections cost, since the heap grows ahead of need and
 * rarely shrinks; the heap left after {@code GC.run} is what they actually keep. Needs {@code jcmd} (see
 * {@link Jcmd}); without it the report shows no figure.
 */
public final class HeapAfterGc {

  /** G1 and the other collectors print "… heap total 1048576K, used 123456K …" on the first line. */
  private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

  private HeapAfterGc() {}

  public static OptionalLong liveKib(long pid) {
    if (Jcmd.run(pid, "GC.run").isEmpty()) {
      return OptionalLong.empty();
    }
    Optional<Matcher> used = Jcmd.run(pid, "GC.heap_info").map(USED::matcher).filter(Matcher::find);
    return used.isPresent() ? OptionalLong.of(Long.parseLong(used.get().group(1))) : OptionalLong.empty();
  }
}
