package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The search box finds an old message, one far older than the first page of history, and choosing the hit
 * opens the conversation around it: the page loads that window (the message was not on the page before),
 * scrolls it into view and highlights it, with the messages before and after it around it. "New messages"
 * then leads back to the newest.
 */
class SearchInTheBrowserTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final int MESSAGES = 90;
  private static final int OLD_ONE = 7;
  private static final String OLD_BODY = "The locker code is pineapple 4711, don't tell anyone";
  private static final int HOSTILE_ONE = 3;
  /** Markup in a message stays text, in a hit too: only the server's own highlight marks words. */
  private static final String HOSTILE_BODY = "<img src=x onerror=\"window.hacked=1\"> mango & <em>kiwi</em> &amp;";

  @Test
  void searchFindsAnOldMessageAndJumpsToIt() {
    String ninaName = environment.uniqueUsername("nina");
    String omarName = environment.uniqueUsername("omar");
    environment.register(ninaName, "Nina Simone");
    Session omar = environment.register(omarName, "Omar Sosa");
    String ninaId = environment.userIdOf(omar, ninaName);
    try (ChatConnection omarSocket = omar.connect()) {
      omarSocket.await(SyncedFrame.class, WAIT);
      for (int i = 1; i <= MESSAGES; i++) {
        String clientMessageId = "search-" + i;
        String body = i == OLD_ONE ? OLD_BODY : i == HOSTILE_ONE ? HOSTILE_BODY : "Message number " + i;
        omarSocket.send(new SendFrame(clientMessageId, ninaId, null, body));
        omarSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(clientMessageId), WAIT);
      }
    }

    ChatPage nina = environment.openBrowser("nina");
    nina.signIn(ninaName, PASSWORD, "Nina Simone");
    nina.openConversation("Omar Sosa").waitForMessage("Message number " + MESSAGES);
    assertThat(nina.messageBodies()).as("the first page is the newest messages only")
        .doesNotContain(OLD_BODY, "Message number " + (OLD_ONE - 1));

    // indexing lags about a second behind sending: the helper searches again until the hit is there
    nina.waitForSearchHit("pineapple locker", "pineapple");
    assertThat(nina.searchHits()).containsExactly(OLD_BODY);
    assertThat(nina.markedWords()).containsExactlyInAnyOrder("locker", "pineapple");
    nina.screenshot("40-search-hits");

    nina.waitForSearchHit("mango", "mango");
    assertThat(nina.searchHits()).containsExactly(HOSTILE_BODY);
    assertThat(nina.markedWords()).containsExactly("mango");
    assertThat((Object) nina.script("return document.querySelectorAll('#search-results img, #search-results em').length;"))
        .isEqualTo(0L);
    assertThat((Object) nina.script("return window.hacked ?? null;")).isNull();

    // the same again with the keyboard alone: "/" to search, Down to the hit, Enter to jump
    nina.searchWithTheKeyboard("pineapple locker");
    nina.waitUntil("the hit", page -> nina.searchHits().equals(java.util.List.of(OLD_BODY)));
    nina.openFirstSearchHitWithTheKeyboard();
    nina.waitUntil("the message to be highlighted", page -> OLD_BODY.equals(nina.highlightedMessage()));
    nina.waitUntil("the message to be scrolled into view", page -> nina.messageInView(OLD_BODY));
    assertThat(nina.messageBodies()).as("what was said around it")
        .contains("Message number " + (OLD_ONE - 1), "Message number " + (OLD_ONE + 1))
        .doesNotContain("Message number " + MESSAGES)
        .doesNotHaveDuplicates();
    assertThat(nina.focusedMessage()).as("keyboard focus follows the jump").isEqualTo(OLD_BODY);
    nina.screenshot("41-search-jump");

    // back to the newest, with nothing missing in between once scrolled through
    nina.backToLatest().waitForMessage("Message number " + MESSAGES);
    nina.waitUntil("every page to load as the history is scrolled up", driver -> {
      nina.scrollHistoryToTop();
      return nina.messageBodies().size() == MESSAGES;
    });
    assertThat(nina.messageBodies()).doesNotHaveDuplicates().startsWith("Message number 1")
        .endsWith("Message number " + MESSAGES);
  }
}
