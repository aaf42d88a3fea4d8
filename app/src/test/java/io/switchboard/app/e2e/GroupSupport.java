package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the group tests: creating groups, waiting for events, reading a member's history. */
final class GroupSupport {

  private GroupSupport() {}

  /** A new group of {@code admin} and {@code members}; the change is applied before this returns. */
  static String createGroup(Session admin, String name, Session... members) {
    List<String> memberIds = Arrays.stream(members).map(Session::userId).toList();
    HttpAnswer created = admin.groups().create(name, memberIds);
    assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
    assertThat(created.body().get("status").asString()).isEqualTo("applied");
    return created.body().get("groupId").asString();
  }

  /** Asserts the change was applied and returns the sequence number of its (first) event. */
  static long applied(HttpAnswer answer) {
    assertThat(answer.status()).as("change: %s", answer.body()).isEqualTo(200);
    assertThat(answer.body().get("status").asString()).isEqualTo("applied");
    return answer.body().get("eventSeqs").get(0).asLong();
  }

  static ChatConnection connected(Session session) {
    ChatConnection socket = session.connect();
    socket.await(SyncedFrame.class, WAIT);
    return socket;
  }

  /** The next message frame of the group carrying an event of this type. */
  static ChatMessage awaitEvent(ChatConnection socket, String groupId, ConversationEvent.Type type) {
    return socket.await(MessageFrame.class, frame -> frame.message().conversationId().equals(groupId)
        && frame.message().event() != null && frame.message().event().type() == type, WAIT).message();
  }

  static ChatMessage awaitBody(ChatConnection socket, String body) {
    return socket.await(MessageFrame.class, frame -> frame.message().body().equals(body), WAIT).message();
  }

  /** The message frames among what arrives until the socket has been quiet for a while. */
  static List<ChatMessage> messagesArriving(ChatConnection socket) {
    List<ChatMessage> messages = new ArrayList<>();
    for (ServerFrame frame : socket.drain(Frames.QUIET)) {
      if (frame instanceof MessageFrame message) {
        messages.add(message.message());
      }
    }
    return messages;
  }

  /** What a socket that just connected gets before 'synced': its catch-up, and the count 'synced' gives. */
  static CatchUp catchUp(ChatConnection socket) {
    List<ChatMessage> messages = new ArrayList<>();
    while (true) {
      ServerFrame frame = socket.poll(WAIT);
      assertThat(frame).as("frame before 'synced'").isNotNull();
      if (frame instanceof MessageFrame message) {
        messages.add(message.message());
      } else if (frame instanceof SyncedFrame synced) {
        return new CatchUp(messages, synced.messages());
      }
    }
  }

  /** A socket's catch-up. */
  record CatchUp(List<ChatMessage> messages, long syncedCount) {

    List<Long> seqs() {
      return messages.stream().map(ChatMessage::seq).toList();
    }
  }

  /** The sequence numbers of one page of the member's history of the group (query as given). */
  static List<Long> historySeqs(Session session, String groupId, String query) {
    HttpAnswer page = session.get("/api/conversations/" + groupId + "/messages" + query);
    assertThat(page.status()).as("history: %s", page.body()).isEqualTo(200);
    List<Long> seqs = new ArrayList<>();
    for (JsonNode message : page.body().get("messages")) {
      seqs.add(message.get("seq").asLong());
    }
    return seqs;
  }
}
