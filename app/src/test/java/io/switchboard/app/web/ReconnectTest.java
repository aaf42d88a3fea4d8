package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The connection goes away and comes back: the page says so honestly, reconnects by itself, catches up with
 * what was sent meanwhile, and sends what was typed while it was away exactly once, even across a reload.
 *
 * <p>The network is cut on the page's side ({@code window.switchboardDebug}): its sockets close as in a
 * network drop and, while "down", its attempts to reconnect fail. The server is not told anything.
 */
class ReconnectTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Long enough for a message to cross the broker twice had it been sent; short enough to keep tests quick. */
  private static final Duration NOTHING_ARRIVES = Duration.ofMillis(1500);

  @Test
  void showsReconnectingThenCatchesUpWithWhatWasSentMeanwhile() {
    String jonasName = environment.uniqueUsername("jonas");
    String kimName = environment.uniqueUsername("kim");
    Session kim = environment.register(kimName, "Kim Gordon");
    ChatPage jonas = environment.openBrowser("jonas");
    jonas.signUp(jonasName, "Jonas", PASSWORD);
    String jonasId = environment.userIdOf(kim, jonasName);

    try (ChatConnection kimSocket = kim.connect()) {
      kimSocket.await(SyncedFrame.class, WAIT);
      send(kimSocket, jonasId, "before", "Are you on the train yet?");
      jonas.openConversation("Kim Gordon").waitForMessage("Are you on the train yet?");

      jonas.setNetworkDown(true).waitForConnectionState("reconnecting");
      assertThat(jonas.connectionText()).isEqualTo("Reconnecting…");
      jonas.screenshot("11-reconnecting");

      send(kimSocket, jonasId, "meanwhile", "Tunnel? Call me when you are out.");
      ChatPage.sleep(NOTHING_ARRIVES);
      assertThat(jonas.messageBodies()).doesNotContain("Tunnel? Call me when you are out.");

      jonas.setNetworkDown(false).waitForConnectionState("online").waitForMessage("Tunnel? Call me when you are out.");
      assertThat(jonas.messageBodies()).containsOnlyOnce("Are you on the train yet?", "Tunnel? Call me when you are out.");

      // a plain drop: nobody holds the network down, the page comes back by itself
      dropAndWaitForTheReconnect(jonas);
      send(kimSocket, jonasId, "after-drop", "Out of the tunnel?");
      jonas.waitForMessage("Out of the tunnel?");
      assertThat(jonas.messageBodies()).doesNotHaveDuplicates();
    }
  }

  @Test
  void aMessageTypedWhileOfflineIsSentOnceWhenTheConnectionReturnsEvenAfterAReload() {
    String lenaName = environment.uniqueUsername("lena");
    String maxName = environment.uniqueUsername("max");
    Session max = environment.register(maxName, "Max Richter");
    ChatPage lena = environment.openBrowser("lena");
    lena.signUp(lenaName, "Lena", PASSWORD);
    String lenaId = environment.userIdOf(max, lenaName);

    try (ChatConnection maxSocket = max.connect()) {
      maxSocket.await(SyncedFrame.class, WAIT);
      send(maxSocket, lenaId, "hello", "Did you get the tickets?");
      lena.openConversation("Max Richter").waitForMessage("Did you get the tickets?");

      // typed while offline, sent when the connection returns
      lena.setNetworkDown(true).waitForConnectionState("reconnecting");
      lena.send("Yes, two of them. Row F.").waitForMessageStatus("Yes, two of them. Row F.", "sending");
      lena.screenshot("12-sending-while-offline");
      assertThat(maxSocket.drain(NOTHING_ARRIVES)).noneMatch(ReconnectTest::isMessage);
      lena.setNetworkDown(false).waitForMessageSent("Yes, two of them. Row F.");

      // typed while offline, then the page is reloaded before the connection returns: the outbox survives it
      lena.setNetworkDown(true).waitForConnectionState("reconnecting");
      lena.send("I will bring them on Saturday.").waitForMessageStatus("I will bring them on Saturday.", "sending");
      lena.reload().waitForMessage("I will bring them on Saturday.")
          .waitForMessageSent("I will bring them on Saturday.");

      // and once more through a drop and reconnect, to be sure nothing is resent twice
      dropAndWaitForTheReconnect(lena);

      List<String> receivedLive = maxSocket.drain(NOTHING_ARRIVES).stream()
          .filter(ReconnectTest::isMessage)
          .map(frame -> ((MessageFrame) frame).message().body())
          .toList();
      assertThat(receivedLive).containsExactly("Yes, two of them. Row F.", "I will bring them on Saturday.");
    }

    assertThat(lena.messageBodies()).containsOnlyOnce("Yes, two of them. Row F.", "I will bring them on Saturday.");
    JsonNode page = max.get("/api/conversations/" + directConversationId(max.userId(), lenaId) + "/messages").body();
    List<String> stored = StreamSupport.stream(page.get("messages").spliterator(), false)
        .map(message -> message.get("body").asString())
        .toList();
    assertThat(stored).containsExactly(
        "Did you get the tickets?", "Yes, two of them. Row F.", "I will bring them on Saturday.");
    assertThat(lena.debugAccounts().get(0).get("pending")).isEqualTo(0L);
  }

  private static boolean isMessage(ServerFrame frame) {
    return frame instanceof MessageFrame;
  }

  /** Drops the connection and waits for a new one to be caught up, having shown "reconnecting" in between. */
  private static void dropAndWaitForTheReconnect(ChatPage page) {
    long connectionsBefore = timesSynced(page);
    page.dropConnection();
    page.waitUntil("a reconnect after the drop",
        driver -> timesSynced(page) > connectionsBefore && "online".equals(page.connectionState()));
    List<String> states = recentStates(page);
    assertThat(states.subList(states.size() - 2, states.size())).containsExactly("reconnecting", "online");
  }

  private static long timesSynced(ChatPage page) {
    return (Long) page.debugAccounts().get(0).get("timesSynced");
  }

  @SuppressWarnings("unchecked")
  private static List<String> recentStates(ChatPage page) {
    return (List<String>) page.debugAccounts().get(0).get("recentStates");
  }

  private static void send(ChatConnection socket, String recipientId, String clientMessageId, String body) {
    socket.send(new SendFrame(clientMessageId, recipientId, null, body));
    socket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(clientMessageId), WAIT);
  }

  private static String directConversationId(String userA, String userB) {
    return io.switchboard.protocol.ConversationIds.direct(userA, userB);
  }
}
