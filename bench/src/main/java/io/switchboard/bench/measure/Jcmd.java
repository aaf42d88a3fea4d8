package io.switchboard.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks a JVM on this machine something with {@code jcmd} (any JDK's, the same user as the process): the live
 * heap and the class histogram are read this way. Empty when {@code jcmd} is missing, cannot reach the process
 * or answers with an error.
 */
final class Jcmd {

  private Jcmd() {}

  static Optional<String> run(long pid, String command) {
    if (pid <= 0) {
      return Optional.empty();
    }
    try {
      Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(output)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
