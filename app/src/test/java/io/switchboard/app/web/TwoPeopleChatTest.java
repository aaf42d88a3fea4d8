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
 * Two people, two browsers: sign up, start a chat by username, see it arrive live with an unread badge,
 * read it, answer; the sender's ticks go sent, delivered, read; typing shows and clears. Also: history
 * that loads as you scroll up, and how the page looks on a phone and in the
 * dark. Saves the screenshots of the main screens.
 */
class TwoPeopleChatTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Long enough for a receipt to cross the broker twice had there been one to send. */
  private static final Duration NOTHING_ARRIVES = Duration.ofMillis(1500);

  @Test
  void aliceStartsAChatBobSeesItLiveReadsItAndAnswers() {
    String aliceName = environment.uniqueUsername("alice");
    String bobName = environment.uniqueUsername("bob");
    ChatPage alice = environment.openBrowser("alice");
    ChatPage bob = environment.openBrowser("bob");
    alice.screenshot("01-sign-in");

    alice.signUp(aliceName, "Alice Liddell", PASSWORD);
    bob.signUp(bobName, "Bob Marley", PASSWORD);
    bob.screenshot("02-no-conversations-yet");

    // Bob's browser is cut off: Alice's first message is sent (stored), but no device of Bob's has it
    bob.setNetworkDown(true).waitForConnectionState("reconnecting");
    alice.startChatWith(bobName, "Bob Marley");
    alice.send("Hi Bob! Are you around this afternoon?");
    alice.waitForMessageStatus("Hi Bob! Are you around this afternoon?", "sent");
    ChatPage.sleep(NOTHING_ARRIVES);
    assertThat(alice.messageStatus("Hi Bob! Are you around this afternoon?")).isEqualTo("sent");
    assertThat(alice.messageStatusText("Hi Bob! Are you around this afternoon?")).isEqualTo("Sent");

    // his browser is back: it catches up, and Alice sees "delivered" (not read: Bob has not opened it)
    bob.setNetworkDown(false).waitForConnectionState("online");
    bob.waitForConversation("Alice Liddell").waitForUnreadBadge("Alice Liddell", 1);
    alice.waitForMessageStatus("Hi Bob! Are you around this afternoon?", "delivered");
    assertThat(alice.messageStatusText("Hi Bob! Are you around this afternoon?")).isEqualTo("Delivered");
    assertThat(bob.conversationPreview("Alice Liddell")).isEqualTo("Hi Bob! Are you around this afternoon?");
    assertThat(bob.accountUnread(bobName)).isEqualTo(1);

    // live: the badge counts up while Bob looks at his list
    alice.send("I found that record shop you told me about.");
    bob.waitForUnreadBadge("Alice Liddell", 2);
    alice.waitForMessageStatus("I found that record shop you told me about.", "delivered");
    assertThat(alice.messageStatus("Hi Bob! Are you around this afternoon?")).isEqualTo("delivered");
    bob.screenshot("03-unread-badge");

    // Bob opens the chat: Alice sees both read
    bob.openConversation("Alice Liddell")
        .waitForMessage("Hi Bob! Are you around this afternoon?")
        .waitForMessage("I found that record shop you told me about.")
        .waitForUnreadBadge("Alice Liddell", 0);
    alice.waitForMessageStatus("I found that record shop you told me about.", "read")
        .waitForMessageStatus("Hi Bob! Are you around this afternoon?", "read");
    assertThat(alice.messageStatusText("I found that record shop you told me about.")).isEqualTo("Read");

    // Alice types: Bob sees "typing…"; her message ends it at once (not after the 6 s a notice lasts)
    assertThat(bob.headerSubtitle()).isNotEqualTo("typing…");
    alice.typeWithoutSending("It is on Bank Street");
    bob.waitForHeaderSubtitle("typing…", "typing…"::equals);
    bob.screenshot("03b-typing");
    alice.send(", come along!");
    bob.waitForMessage("It is on Bank Street, come along!");
    assertThat(bob.headerSubtitle()).isNotEqualTo("typing…");

    // Shift+Enter is a new line, Enter sends
    bob.send("Yes! After four.\nSend me the address?");
    alice.waitForMessage("Yes! After four.\nSend me the address?");
    alice.send("Corner of Bank Street and 3rd, next to the bakery. https://example.com/map");
    bob.waitForMessage("Corner of Bank Street and 3rd, next to the bakery. https://example.com/map");
    bob.send("Perfect, see you there!");
    alice.waitForMessage("Perfect, see you there!")
        .waitForMessageStatus("Corner of Bank Street and 3rd, next to the bakery. https://example.com/map", "read");
    alice.screenshot("04-conversation");
    bob.screenshot("05-conversation-other-side");

    // what Bob read was recorded on the server, not just on his page; and the ticks come back after a reload
    bob.reload().waitForConversation("Alice Liddell");
    assertThat(bob.unreadBadge("Alice Liddell")).isZero();
    assertThat(alice.unreadBadge("Bob Marley")).isZero();
    alice.reload().openConversation("Bob Marley")
        .waitForMessageStatus("Corner of Bank Street and 3rd, next to the bakery. https://example.com/map", "read");
  }

  @Test
  void olderHistoryLoadsAsYouScrollUp() {
    String carolName = environment.uniqueUsername("carol");
    String daveName = environment.uniqueUsername("dave");
    Session carol = environment.http().register(carolName, PASSWORD);
    Session dave = environment.http().register(daveName, PASSWORD);
    int total = 90;
    try (ChatConnection daveSocket = dave.connect()) {
      daveSocket.await(SyncedFrame.class, WAIT);
      for (int i = 1; i <= total; i++) {
        String clientMessageId = "history-" + i;
        daveSocket.send(new SendFrame(clientMessageId, carol.userId(), null, "Message number " + i));
        daveSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(clientMessageId), WAIT);
      }
    }

    ChatPage page = environment.openBrowser("carol");
    page.signIn(carolName, PASSWORD, carolName);
    page.waitForUnreadBadge(daveName, total);
    page.openConversation(daveName).waitForMessage("Message number " + total);
    assertThat(page.messageBodies()).hasSizeLessThan(total).doesNotContain("Message number 1");

    page.waitUntil("every older page to load as the history is scrolled up", driver -> {
      page.scrollHistoryToTop();
      return page.messageBodies().contains("Message number 1");
    });
    page.waitUntil("the start of the conversation", driver -> "start".equals(page.historyEdgeState()));
    assertThat(page.messageBodies()).hasSize(total).doesNotHaveDuplicates()
        .startsWith("Message number 1", "Message number 2").endsWith("Message number " + total);
  }

  @Test
  void fitsAPhoneAndFollowsTheDarkScheme() {
    String erinName = environment.uniqueUsername("erin");
    String frankName = environment.uniqueUsername("frank");
    Session frank = environment.register(frankName, "Frank Ocean");
    ChatPage erin = environment.openBrowser("erin-phone", ChromeBrowsers.PHONE);
    erin.colorScheme("dark");
    erin.screenshot("06-phone-dark-sign-in");
    erin.signUp(erinName, "Erin", PASSWORD);
    String erinId = environment.userIdOf(frank, erinName);

    try (ChatConnection frankSocket = frank.connect()) {
      frankSocket.await(SyncedFrame.class, WAIT);
      for (String body : new String[] {"Morning! Did the parcel arrive?", "It should say \"fragile\" on the side."}) {
        String clientMessageId = "phone-" + body.hashCode();
        frankSocket.send(new SendFrame(clientMessageId, erinId, null, body));
        frankSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(clientMessageId), WAIT);
      }
      erin.waitForUnreadBadge("Frank Ocean", 2);
      erin.screenshot("07-phone-dark-list");

      erin.openConversation("Frank Ocean").waitForMessage("It should say \"fragile\" on the side.");
      assertThat(erin.isShown(".sidebar")).as("on a phone the conversation takes the whole screen").isFalse();
      erin.send("It did, all in one piece. Thank you!");
      erin.waitForMessageSent("It did, all in one piece. Thank you!");
      erin.screenshot("08-phone-dark-conversation");

      erin.goBackToList();
      assertThat(erin.unreadBadge("Frank Ocean")).isZero();
      assertThat(erin.conversationPreview("Frank Ocean")).isEqualTo("You: It did, all in one piece. Thank you!");

      // search on a phone: the hits fill the list's place, a hit opens the conversation full screen
      erin.waitForSearchHit("fragile", "fragile");
      erin.screenshot("10-phone-dark-search");
      erin.openSearchHit("fragile");
      erin.waitUntil("the hit to be highlighted",
          page -> "It should say \"fragile\" on the side.".equals(erin.highlightedMessage()));
      assertThat(erin.isShown(".sidebar")).isFalse();
      erin.goBackToList().clearSearch();

      erin.resize(ChromeBrowsers.DESKTOP).openConversation("Frank Ocean");
      erin.screenshot("09-desktop-dark-conversation");
    }
  }
}
