package io.switchboard.bench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the servers beside the edge, read through their own tools: RabbitMQ's total as it accounts it
 * ({@code rabbitmqctl status}) and Redis's {@code used_memory}. Either may be absent (embedded servers, another
 * host); then the report says "not measured" rather than guessing.
 */
public final class ServerMemory {

  private static final Pattern RABBIT_TOTAL = Pattern.compile("\"total\"\\s*:\\s*\\{\\s*\"erlang\"\\s*:\\s*(\\d+)");
  private static final Pattern REDIS_USED = Pattern.compile("(?m)^used_memory:(\\d+)");

  private ServerMemory() {}

  public static OptionalLong rabbitMqBytes() {
    return firstNumber(RABBIT_TOTAL, "rabbitmqctl", "status", "--formatter", "json");
  }

  public static OptionalLong redisBytes(String host, int port) {
    return firstNumber(REDIS_USED, "redis-cli", "-h", host, "-p", Integer.toString(port), "info", "memory");
  }

  private static OptionalLong firstNumber(Pattern pattern, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return OptionalLong.empty();
      }
      Matcher matcher = pattern.matcher(output);
      return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }
}
