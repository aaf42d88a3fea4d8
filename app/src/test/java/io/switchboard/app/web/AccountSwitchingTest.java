package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One browser signed in as two accounts at once: each is its own device with its own socket, so both
 * receive while either is in front, and the account switcher shows each one's unread count.
 */
class AccountSwitchingTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void oneBrowserTwoAccountsReceivesForBothAndSwitchesBetweenThem() {
    String hannaName = environment.uniqueUsername("hanna");
    String ivanName = environment.uniqueUsername("ivan");
    String ginaName = environment.uniqueUsername("gina");
    Session gina = environment.register(ginaName, "Gina Torres");

    ChatPage page = environment.openBrowser("hanna-and-ivan");
    page.signUp(hannaName, "Hanna", PASSWORD);
    page.addAccount().signUp(ivanName, "Ivan", PASSWORD);
    assertThat(page.accountsInSwitcher()).containsExactly(hannaName, ivanName);

    try (ChatConnection ginaSocket = gina.connect()) {
      ginaSocket.await(SyncedFrame.class, WAIT);
      send(ginaSocket, environment.userIdOf(gina, hannaName), "to-hanna", "Hanna, lunch on Friday?");
      send(ginaSocket, environment.userIdOf(gina, ivanName), "to-ivan", "Ivan, can you review my draft?");

      // Ivan is in front: his own conversation shows, and Hanna's unread count shows on her button
      page.waitForUnreadBadge("Gina Torres", 1);
      page.waitUntil("Hanna's unread count in the account switcher", driver -> page.accountUnread(hannaName) == 1);
      assertThat(page.accountUnread(ivanName)).isEqualTo(1);
      page.screenshot("10-two-accounts");

      page.openConversation("Gina Torres").waitForMessage("Ivan, can you review my draft?");
      page.waitUntil("Ivan's unread count to clear", driver -> page.accountUnread(ivanName) == 0);

      page.switchTo(hannaName, "Hanna");
      page.waitForUnreadBadge("Gina Torres", 1).openConversation("Gina Torres")
          .waitForMessage("Hanna, lunch on Friday?");
      page.send("Friday works. Noon?");
      MessageFrame answer = ginaSocket.await(MessageFrame.class,
          frame -> frame.message().body().equals("Friday works. Noon?"), WAIT);
      assertThat(answer.message().senderId()).isEqualTo(environment.userIdOf(gina, hannaName));
      page.waitUntil("Hanna's unread count to clear", driver -> page.accountUnread(hannaName) == 0);
    }

    // the two accounts of this browser talk to each other: what one sends, the other gets, both here
    page.startChatWith(ivanName, "Ivan").send("Ivan, it's Hanna. Coffee later?");
    page.waitUntil("Ivan's unread count to show the message from Hanna", driver -> page.accountUnread(ivanName) == 1);
    page.switchTo(ivanName, "Ivan").openConversation("Hanna")
        .waitForMessage("Ivan, it's Hanna. Coffee later?");

    // still both signed in, each online, after a reload
    page.reload();
    assertThat(page.accountsInSwitcher()).containsExactly(hannaName, ivanName);
    page.waitUntil("both accounts online again", driver -> page.debugAccounts().stream()
        .allMatch(account -> "online".equals(account.get("connection"))));
    assertThat(page.debugAccounts()).extracting(account -> (String) account.get("username"))
        .containsExactlyInAnyOrder(hannaName, ivanName);
    assertThat(page.debugAccounts()).extracting(account -> account.get("unread"))
        .allMatch(unread -> ((Number) unread).intValue() == 0);
  }

  @Test
  void notifiesAboutMessagesThatArriveWhileTheTabIsHidden() {
    String olgaName = environment.uniqueUsername("olga");
    String pavelName = environment.uniqueUsername("pavel");
    Session pavel = environment.register(pavelName, "Pavel");
    ChatPage page = environment.openBrowser("olga");
    page.signUp(olgaName, "Olga", PASSWORD);
    assertThat(page.isShown("#enable-notifications")).as("offered, never asked for on load").isTrue();

    page.allowNotifications().recordNotifications();
    String olgaTab = page.hideBehindAnotherTab();
    try (ChatConnection pavelSocket = pavel.connect()) {
      pavelSocket.await(SyncedFrame.class, WAIT);
      send(pavelSocket, environment.userIdOf(pavel, olgaName), "while-hidden", "Are you free at six?");
      ChatPage.sleep(Duration.ofSeconds(1));
    }
    page.comeBackTo(olgaTab);

    assertThat(page.shownNotifications())
        .containsExactly(Map.of("title", "Pavel", "body", "Are you free at six?", "pageWas", "hidden"));
    page.waitForUnreadBadge("Pavel", 1);
    assertThat(page.closedNotifications()).isEmpty();

    // reading the conversation withdraws its notification: it has nothing left to say
    page.openConversation("Pavel").waitForUnreadBadge("Pavel", 0);
    page.waitUntil("the notification to be withdrawn", driver -> page.closedNotifications().contains("Pavel"));
  }

  private static void send(ChatConnection socket, String recipientId, String clientMessageId, String body) {
    socket.send(new SendFrame(clientMessageId, recipientId, null, body));
    socket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(clientMessageId), WAIT);
  }
}
