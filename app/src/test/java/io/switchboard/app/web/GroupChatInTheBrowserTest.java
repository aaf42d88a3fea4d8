package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group of three, each in a browser of their own: Alice creates it with Bob and Carol, all three write and
 * see each other's messages live, with "read by" ticks. Alice (the admin) adds and removes a fourth person
 * through the members dialog, makes Bob an admin, and Carol leaves: everyone sees each change as a line in
 * the conversation, and Carol can no longer write there.
 */
class GroupChatInTheBrowserTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aGroupOfThreeInThreeBrowsers() {
    String aliceName = environment.uniqueUsername("alice");
    String bobName = environment.uniqueUsername("bob");
    String carolName = environment.uniqueUsername("carol");
    String daveName = environment.uniqueUsername("dave");
    Session dave = environment.register(daveName, "Dave Brubeck");
    ChatPage alice = environment.openBrowser("alice");
    ChatPage bob = environment.openBrowser("bob");
    ChatPage carol = environment.openBrowser("carol");
    alice.signUp(aliceName, "Alice Liddell", PASSWORD);
    bob.signUp(bobName, "Bob Marley", PASSWORD);
    carol.signUp(carolName, "Carol King", PASSWORD);

    alice.createGroup("Climbing", bobName, carolName);
    alice.waitForEventLine("Alice Liddell created the group “Climbing”");
    alice.send("Saturday at the crag, 9 am?");
    alice.waitForMessageSent("Saturday at the crag, 9 am?");

    // both see the new group arrive live, with the message unread
    bob.waitForUnreadBadge("Climbing", 2);
    carol.waitForUnreadBadge("Climbing", 2);
    assertThat(bob.conversationPreview("Climbing")).isEqualTo("Alice Liddell: Saturday at the crag, 9 am?");

    bob.openConversation("Climbing").waitForMessage("Saturday at the crag, 9 am?");
    alice.waitUntil("\"read by 1 of 2\" under Alice's message",
        page -> "Read by 1 of 2".equals(alice.messageStatusText("Saturday at the crag, 9 am?")));
    carol.openConversation("Climbing").waitForMessage("Saturday at the crag, 9 am?");
    alice.waitForMessageStatus("Saturday at the crag, 9 am?", "read");

    bob.send("I'm in. I'll bring the rope.");
    alice.waitForMessage("I'm in. I'll bring the rope.");
    carol.waitForMessage("I'm in. I'll bring the rope.");
    carol.send("Me too! Can someone give me a lift?");
    alice.waitForMessage("Me too! Can someone give me a lift?");
    bob.waitForMessage("Me too! Can someone give me a lift?");
    assertThat(carol.messageBodies()).containsExactly(
        "Saturday at the crag, 9 am?", "I'm in. I'll bring the rope.", "Me too! Can someone give me a lift?");
    carol.screenshot("30-group-conversation");

    // Alice is the admin; she adds Dave, then takes him off again
    alice.openGroupInfo();
    assertThat(alice.groupMembers()).containsExactly(
        Map.entry(aliceName, true), Map.entry(bobName, false), Map.entry(carolName, false));
    try (ChatConnection daveSocket = dave.connect()) {
      daveSocket.await(SyncedFrame.class, WAIT);
      alice.addGroupMember(daveName);
      assertThat(daveSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("Alice Liddell added Dave Brubeck");
      alice.screenshot("31-group-members");
      alice.removeGroupMember(daveName, "Dave Brubeck");
      assertThat(daveSocket.await(MessageFrame.class, WAIT).message().body()).isEqualTo("Alice Liddell removed Dave Brubeck");
    }
    alice.makeGroupAdmin(bobName, "Bob Marley");
    alice.closeDialog();
    bob.waitForEventLine("Alice Liddell added Dave Brubeck").waitForEventLine("Alice Liddell removed Dave Brubeck")
        .waitForEventLine("Alice Liddell made Bob Marley an admin");

    // now an admin, Bob may add people; Carol is not, and sees the members without the controls
    bob.openGroupInfo();
    assertThat(bob.isShown("#group-add-member")).isTrue();
    bob.closeDialog();
    carol.openGroupInfo();
    assertThat(carol.groupMembers()).containsExactly(
        Map.entry(aliceName, true), Map.entry(bobName, true), Map.entry(carolName, false));
    assertThat(carol.isShown("#group-add-member")).isFalse();

    // Carol leaves: the others see it, and she can read but no longer write
    carol.leaveGroup();
    carol.waitUntil("the composer to give way", page -> !carol.canWrite());
    assertThat(carol.isShown(".left-notice")).isTrue();
    alice.waitForEventLine("Carol King left");
    bob.waitForEventLine("Carol King left");
    alice.openGroupInfo().waitForGroupMembers("Alice and Bob", members -> members.keySet().size() == 2);
    alice.closeDialog();

    alice.send("Carol, we'll miss you.");
    bob.waitForMessage("Carol, we'll miss you.");
    ChatPage.sleep(Duration.ofMillis(1500));
    assertThat(carol.messageBodies()).doesNotContain("Carol, we'll miss you.");
  }

  /**
   * More conversations than the list's first page holds (the client asks for 100): the oldest is left out until
   * the button below the list asks the server for the next page, and then nothing is left out or shown twice.
   */
  @Test
  void theOldestConversationsComeOnRequestBelowTheFirstPage() {
    String erinName = environment.uniqueUsername("erin");
    Session erin = environment.register(erinName, "Erin Hunt");
    List<String> teams = new ArrayList<>();
    for (int i = 1; i <= 101; i++) {
      teams.add("Team " + i);
      assertThat(erin.groups().create("Team " + i, List.of()).status()).isEqualTo(201);
    }

    ChatPage page = environment.openBrowser("erin");
    page.signIn(erinName, PASSWORD, "Erin Hunt");
    page.waitUntil("the first page of the list", driver -> page.conversationTitles().size() == 100);
    assertThat(teams).containsAll(page.conversationTitles());
    assertThat(page.isShown("#older-conversations")).isTrue();

    page.pressButton("older-conversations");
    page.waitUntil("the next page below the first", driver -> page.conversationTitles().size() == 101);
    assertThat(page.conversationTitles()).containsExactlyInAnyOrderElementsOf(teams);
    assertThat(page.isShown("#older-conversations")).as("the last page has nothing after it").isFalse();

    // a reconnect reads the first page again, but the pages below it are still here: nothing more to offer
    long refreshesBefore = listRefreshes(page);
    page.setNetworkDown(true).waitForConnectionState("reconnecting");
    page.setNetworkDown(false).waitForConnectionState("online");
    page.waitUntil("the first page read again", driver -> listRefreshes(page) > refreshesBefore);
    assertThat(page.debugAccounts().get(0).get("olderConversations")).as("offered again after a reconnect")
        .isEqualTo(false);
    assertThat(page.conversationTitles()).containsExactlyInAnyOrderElementsOf(teams);
    assertThat(page.isShown("#older-conversations")).as("the button after a reconnect").isFalse();
  }

  /** How often the page has read the list's first page (each sign-in and reconnect reads it once). */
  private static long listRefreshes(ChatPage page) {
    return ((Number) page.debugAccounts().get(0).get("listRefreshes")).longValue();
  }
}
