package io.switchboard.app;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The all-in-one launcher, started in-process for tests in other packages ({@link SwitchboardApplication#launch}
 * is package-private on purpose: production starts through main). Any free HTTP port, any free broker port,
 * data in the given directory.
 */
public final class LaunchedForTests implements AutoCloseable {

  private final SwitchboardApplication.Launched launched;

  private LaunchedForTests(SwitchboardApplication.Launched launched) {
    this.launched = launched;
  }

  public static LaunchedForTests start(Path dataDirectory) {
    String[] args = {
      "--server.port=0", "--switchboard.data-dir=" + dataDirectory, "--spring.main.banner-mode=off",
      // buckets of its own in a shared Redis, and limits the browser tests never reach: their sign-ups all
      // come from 127.0.0.1, and one test sends 90 messages in a burst (RateLimitTest covers the limits)
      "--switchboard.limits.key-prefix=switchboard_test_" + java.util.UUID.randomUUID() + ":limits:",
      "--switchboard.limits.messages=100000/1s",
      "--switchboard.limits.signups-per-address=100000/1s",
      "--switchboard.limits.logins-per-address=100000/1s",
      "--switchboard.limits.logins-per-account=100000/1s",
      "--switchboard.limits.http-per-token=100000/1s"
    };
    return new LaunchedForTests(SwitchboardApplication.launch(args, 0));
  }

  /** Where a browser reaches it, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    int port = ((WebServerApplicationContext) launched.context()).getWebServer().getPort();
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    launched.close();
  }
}
