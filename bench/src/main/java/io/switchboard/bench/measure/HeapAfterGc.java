package io.switchboard.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM on this machine still holds after a full collection: its live heap, asked with {@code jcmd}. The
 * resident size of a JVM says little about what connections cost, since the heap grows ahead of need and
 * rarely shrinks; the heap left after {@code GC.run} is what they actually keep. Needs {@code jcmd} (any JDK)
 * and the same user as the process; absent either, the report shows no figure.
 */
public final class HeapAfterGc {

  /** G1 and the other collectors print "… heap total 1048576K, used 123456K …" on the first line. */
  private static final Pattern USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

  private HeapAfterGc() {}

  public static OptionalLong liveKib(long pid) {
    if (pid <= 0 || run("jcmd", Long.toString(pid), "GC.run") == null) {
      return OptionalLong.empty();
    }
    String info = run("jcmd", Long.toString(pid), "GC.heap_info");
    Matcher matcher = info == null ? null : USED.matcher(info);
    return matcher != null && matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
