package io.switchboard.app.web;

import io.switchboard.app.LaunchedForTests;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.client.SwitchboardHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;

/**
 * What every browser test class needs: the all-in-one Switchboard started in-process (once per class, on
 * any free port, with data in a temporary directory), and real Chromium browsers, each with a profile of
 * its own. Where Chromium is not installed every test is skipped, saying so, and no server is started.
 *
 * <p>After each test every browser is closed; before that its console is checked (the client must log no
 * errors), and if the test failed a screenshot of each browser is saved next to the others.
 */
final class BrowserTestEnvironment
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

  static final String PASSWORD = "correct horse battery staple";

  private final List<ChatPage> pages = new ArrayList<>();
  private final AtomicInteger nameCounter = new AtomicInteger();
  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  private Path dataDirectory;
  private LaunchedForTests server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (!ChromeBrowsers.installed()) {
      return; // each test is skipped, with the reason, in beforeEach
    }
    dataDirectory = Files.createTempDirectory("switchboard-web-test-");
    server = LaunchedForTests.start(dataDirectory);
  }

  /** Per test rather than per class, so that every skipped test is counted and shows why. */
  @Override
  public void beforeEach(ExtensionContext context) {
    Assumptions.assumeTrue(ChromeBrowsers.installed(), ChromeBrowsers::missingReason);
  }

  /** A new browser window (a new person: nothing shared with the other browsers), showing the page. */
  ChatPage openBrowser(String name) {
    return openBrowser(name, ChromeBrowsers.DESKTOP);
  }

  ChatPage openBrowser(String name, Dimension size) {
    Path profile = ChromeBrowsers.newProfileDirectory();
    ChatPage page = new ChatPage(name, ChromeBrowsers.start(profile, size), server.baseUri(), profile);
    pages.add(page);
    return page.resize(size).open();
  }

  /** The Java client, for a person who is not in a browser in this test. */
  SwitchboardHttp http() {
    return new SwitchboardHttp(server.baseUri());
  }

  /** An account made through the HTTP API, with a display name, signed in as a new device. */
  Session register(String username, String displayName) {
    HttpAnswer signedUp = http().post("/api/accounts/signup", null,
        Map.of("username", username, "password", PASSWORD, "displayName", displayName));
    if (signedUp.status() != 201) {
      throw new IllegalStateException("sign-up of " + username + " failed: " + signedUp);
    }
    return http().logIn(username, PASSWORD);
  }

  /** Finds a user's id the way a client does: by username. */
  String userIdOf(Session asker, String username) {
    return asker.get("/api/users?username=" + username).body().get("userId").asString();
  }

  /** A username no other test of this run has: tests never depend on each other's leftovers. */
  String uniqueUsername(String prefix) {
    return prefix + "_" + runId + nameCounter.incrementAndGet();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    String test = context.getRequiredTestMethod().getName();
    List<String> problems = new ArrayList<>();
    try {
      for (ChatPage page : pages) {
        if (context.getExecutionException().isPresent()) {
          page.screenshot("failed-" + test + "-" + page.name());
        }
        page.consoleErrors().forEach(error -> problems.add(page.name() + ": " + error));
      }
    } finally {
      pages.forEach(ChatPage::quit);
      pages.forEach(page -> deleteRecursively(page.profileDirectory()));
      pages.clear();
    }
    if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
      throw new AssertionError("the page logged errors to the console:\n  " + String.join("\n  ", problems));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    if (dataDirectory != null) {
      deleteRecursively(dataDirectory);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing a test over
    }
  }
}
