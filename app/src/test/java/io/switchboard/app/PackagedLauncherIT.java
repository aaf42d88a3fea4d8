package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged all-in-one jar, run the way README says, as its own process: it prints the address to open,
 * serves it, two people chat through it, and it stops cleanly on SIGTERM.
 */
class PackagedLauncherIT {

  private static final Pattern BANNER = Pattern.compile("Switchboard is running: open http://localhost:(\\d+)/");
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dataDirectory;

  @Test
  void theJarStartsEverythingAndTwoPeopleChat() throws Exception {
    String jar = System.getProperty("switchboard.packagedJar");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
        "--server.port=0", "--switchboard.data-dir=" + dataDirectory,
        "--switchboard.limits.key-prefix=switchboard_test_" + java.util.UUID.randomUUID() + ":limits:")
        .redirectErrorStream(true);
    builder.environment().put("SWITCHBOARD_EMBEDDED_RABBITMQ_PORT", "0");
    // the packaged defaults: embedded servers, whatever this machine's environment names
    builder.environment().remove("SWITCHBOARD_RABBITMQ_URI");
    builder.environment().remove("SWITCHBOARD_MONGODB_URI");
    Process process = builder.start();
    try {
      int port = awaitBanner(process).get(90, TimeUnit.SECONDS);
      SwitchboardHttp http = new SwitchboardHttp(URI.create("http://127.0.0.1:" + port));
      assertThat(http.get("/actuator/health", null).body().get("status").asString()).isEqualTo("UP");

      String suffix = UUID.randomUUID().toString().substring(0, 8);
      Session alice = http.register("alice_" + suffix, "correct horse battery staple");
      Session bob = http.register("bob_" + suffix, "correct horse battery staple");
      try (ChatConnection aliceSocket = alice.connect(); ChatConnection bobSocket = bob.connect()) {
        aliceSocket.await(SyncedFrame.class, WAIT);
        bobSocket.await(SyncedFrame.class, WAIT);
        aliceSocket.send(new SendFrame("hello-1", bob.userId(), null, "Hello from the packaged jar"));
        assertThat(aliceSocket.await(AcceptedFrame.class, WAIT).seq()).isEqualTo(1);
        assertThat(bobSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("Hello from the packaged jar");
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s of SIGTERM").isTrue();
    }
  }

  /** Completes with the port from the banner line; echoes the process's output for the test report. */
  private static CompletableFuture<Integer> awaitBanner(Process process) {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("[launcher] " + line);
          Matcher banner = BANNER.matcher(line);
          if (banner.find()) {
            port.complete(Integer.parseInt(banner.group(1)));
          }
        }
        port.completeExceptionally(new IllegalStateException("the launcher exited without its banner"));
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
    }, "launcher-output");
    reader.setDaemon(true);
    reader.start();
    return port;
  }
}
