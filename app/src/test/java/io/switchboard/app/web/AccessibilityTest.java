package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every main screen, light and dark, wide and phone-sized, checked by axe-core against WCAG 2.1 A and AA:
 * names and labels, roles, contrast, focusable dialogs. One list of everything found, screen by screen.
 */
class AccessibilityTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<String> found = new ArrayList<>();

  @Test
  void theMainScreensMeetWcagAA() {
    String sallyName = environment.uniqueUsername("sally");
    String tomName = environment.uniqueUsername("tom");
    Session tom = environment.register(tomName, "Tom Waits");
    ChatPage sally = environment.openBrowser("sally");
    check(sally, "sign-in");
    sally.signUp(sallyName, "Sally Ride", PASSWORD);
    check(sally, "no conversations yet");

    String sallyId = environment.userIdOf(tom, sallyName);
    try (ChatConnection tomSocket = tom.connect()) {
      tomSocket.await(SyncedFrame.class, WAIT);
      tomSocket.send(new SendFrame("a11y-1", sallyId, null, "Did the launch go well?"));
      tomSocket.await(AcceptedFrame.class, WAIT);
      sally.waitForUnreadBadge("Tom Waits", 1);
      check(sally, "list with an unread conversation");
      sally.openConversation("Tom Waits").waitForMessage("Did the launch go well?");
      sally.send("Perfectly. Orbit reached!").waitForMessageSent("Perfectly. Orbit reached!");
      check(sally, "conversation");
    }

    sally.createGroup("Launch crew", tomName).waitForEventLine("Sally Ride created the group “Launch crew”");
    check(sally, "group conversation");
    sally.openGroupInfo();
    check(sally, "group members dialog");
    sally.closeDialog();

    sally.pressButton("new-group");
    check(sally, "new group dialog");
    sally.closeDialog();
    sally.pressButton("new-chat");
    check(sally, "new chat dialog");
    sally.closeDialog();

    sally.waitForSearchHit("orbit", "Orbit");
    check(sally, "search hits");
    sally.openSearchHit("Orbit");
    sally.waitUntil("the hit highlighted", page -> "Perfectly. Orbit reached!".equals(sally.highlightedMessage()));
    check(sally, "a search hit opened");
    sally.clearSearch();

    sally.colorScheme("dark");
    check(sally, "dark conversation");
    sally.resize(ChromeBrowsers.PHONE);
    check(sally, "dark phone conversation");
    sally.goBackToList();
    check(sally, "dark phone list");
    sally.colorScheme("light");
    check(sally, "phone list");

    assertThat(found).as("accessibility problems, by screen").isEmpty();
  }

  private void check(ChatPage page, String screen) {
    page.accessibilityViolations().forEach(violation -> found.add(screen + ": " + violation));
  }
}
