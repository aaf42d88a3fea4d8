package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.frame.TypingFrame;
import io.switchboard.protocol.frame.TypingNoticeFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The header says "online", "typing…" (and lets it fade), then "last seen"; the list shows an online dot. */
class PresenceInTheBrowserTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theHeaderFollowsThePartnersPresenceAndTyping() {
    String aliceName = environment.uniqueUsername("alice");
    String bobName = environment.uniqueUsername("bob");
    Session bob = environment.register(bobName, "Bob Marley");
    ChatPage alice = environment.openBrowser("alice");
    alice.signUp(aliceName, "Alice Liddell", PASSWORD);
    String aliceId = environment.userIdOf(bob, aliceName);

    try (ChatConnection bobSocket = bob.connect()) {
      bobSocket.await(SyncedFrame.class, WAIT);
      bobSocket.send(new SendFrame("presence-1", aliceId, null, "Are you there?"));
      bobSocket.await(AcceptedFrame.class, WAIT);

      alice.openConversation("Bob Marley").waitForMessage("Are you there?");
      alice.waitForHeaderSubtitle("online", "online"::equals);
      alice.waitUntil("the online dot on Bob's row", page -> alice.showsOnlineDot("Bob Marley"));
      alice.screenshot("20-presence-online");

      bobSocket.send(new TypingFrame(ConversationIds.direct(aliceId, bob.userId())));
      alice.waitForHeaderSubtitle("typing…", "typing…"::equals);
      alice.screenshot("21-presence-typing");
      // nobody says "stopped": the page lets it fade after 6 s
      alice.waitForHeaderSubtitle("online again", "online"::equals);

      // Alice types: Bob hears of it
      alice.typeWithoutSending("Yes, just");
      assertThat(bobSocket.await(TypingNoticeFrame.class, WAIT).userId()).isEqualTo(aliceId);
    }
    alice.waitForHeaderSubtitle("last seen", subtitle -> subtitle != null && subtitle.startsWith("last seen today at"));
    assertThat(alice.showsOnlineDot("Bob Marley")).isFalse();
    alice.screenshot("22-presence-last-seen");
  }
}
