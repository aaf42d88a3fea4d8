package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static io.switchboard.app.e2e.GroupSupport.awaitEvent;
import static io.switchboard.app.e2e.GroupSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.accounts.user.UserStore;
import io.switchboard.client.ChatConnection;
import io.switchboard.client.HttpAnswer;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationEvent.Type;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.SendFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A group of the configured maximum, 1,000 members: most are accounts with no device online (created straight
 * in the directory, to skip password hashing), a few hold sockets. Every message is published to all 1,000
 * routing keys; every online member must get it. The fan-out time — from the send to the last online member
 * receiving it — is printed for the record.
 */
class GroupFanOutTest {

  private static final int GROUP_SIZE = 1000;
  private static final int ONLINE_MEMBERS = 8;
  private static final int MESSAGES = 10;
  /** Directory-only users created at once. */
  private static final int USER_CREATION_CONCURRENCY = 16;

  private final TestCluster cluster = TestCluster.shared();
  private final List<ChatConnection> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(ChatConnection::close);
  }

  @Test
  void aMessageToAThousandMemberGroupReachesEveryOnlineMember() {
    List<Session> online = new ArrayList<>();
    for (int i = 0; i < ONLINE_MEMBERS; i++) {
      online.add(cluster.newUser("online"));
    }
    Session sender = online.get(0);
    List<String> offline = directoryUsers(GROUP_SIZE - ONLINE_MEMBERS);
    online.forEach(member -> sockets.add(connected(member)));

    List<String> memberIds = new ArrayList<>(online.subList(1, ONLINE_MEMBERS).stream().map(Session::userId).toList());
    memberIds.addAll(offline);
    long creating = System.nanoTime();
    HttpAnswer created = sender.groups().create("Everyone", memberIds);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String groupId = created.body().get("groupId").asString();
    assertThat(created.body().get("group").get("memberCount").asInt()).isEqualTo(GROUP_SIZE);
    for (ChatConnection socket : sockets) {
      awaitEvent(socket, groupId, Type.GROUP_CREATED);
    }
    System.out.printf("group of %d: created and announced to every online member in %d ms%n",
        GROUP_SIZE, millisSince(creating));

    ChatConnection senderSocket = sockets.get(0);
    List<Long> fanOutMillis = new ArrayList<>();
    for (int i = 1; i <= MESSAGES; i++) {
      SendFrame message = Frames.inConversation(groupId, "to everyone #" + i);
      long sent = System.nanoTime();
      senderSocket.send(message);
      senderSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(message.clientMessageId()),
          WAIT);
      long acceptedMillis = millisSince(sent);
      for (ChatConnection socket : sockets.subList(1, sockets.size())) {
        // a socket's frames wait in its queue: the last one taken marks when the last member had it
        socket.await(MessageFrame.class, frame -> frame.message().body().equals(message.body()), WAIT);
      }
      long lastReceived = millisSince(sent);
      fanOutMillis.add(lastReceived);
      System.out.printf("group of %d, message %d: accepted after %d ms, at the last of %d online members after %d ms%n",
          GROUP_SIZE, i, acceptedMillis, ONLINE_MEMBERS - 1, lastReceived);
    }
    List<Long> sorted = fanOutMillis.stream().sorted().toList();
    System.out.printf("group of %d: fan-out (send -> last online member) median %d ms, max %d ms over %d messages%n",
        GROUP_SIZE, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), MESSAGES);

    HttpAnswer oneTooMany = sender.groups().add(groupId, List.of(cluster.newUser("late").userId()));
    assertThat(oneTooMany.status()).isEqualTo(409);
    assertThat(oneTooMany.body().get("code").asString()).isEqualTo("group_full");
    assertThat(oneTooMany.body().get("maxMembers").asInt()).isEqualTo(GROUP_SIZE);
    assertThat(oneTooMany.body().get("detail").asString()).contains("1001").contains("1000");
  }

  /** Accounts that exist in the directory but never sign in: members with no device online. */
  private List<String> directoryUsers(int count) {
    UserStore users = cluster.frontBean(UserStore.class);
    String run = UUID.randomUUID().toString().substring(0, 6);
    return Flux.range(0, count)
        .flatMapSequential(i -> users.create("quiet_" + run + "_" + i, "Quiet " + i, "not-a-password-hash"),
            USER_CREATION_CONCURRENCY)
        .map(user -> user.userId())
        .collectList()
        .block(Duration.ofMinutes(2));
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
