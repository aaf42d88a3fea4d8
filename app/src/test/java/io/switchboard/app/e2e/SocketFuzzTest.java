package io.switchboard.app.e2e;

import static io.switchboard.app.e2e.Frames.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.json.FrameCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile frames over a real socket: valid frames of every type aimed at the fuzzer's own conversations and at
 * others', then mutated. After each one the socket must answer a ping (still usable) or have closed with a
 * documented code and a reason; nothing that arrives may be undecodable, carry an unknown error code, or
 * speak of a conversation the fuzzer is not in. Fewer tries than the parser's properties (protocol module):
 * each one is a round trip through the edge, the broker and the router.
 */
class SocketFuzzTest {

  private static final Set<String> ERROR_CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).collect(Collectors.toSet());
  private static final Set<Integer> DOCUMENTED_CLOSE_CODES = Set.of(1000, 1009, 4001, 4029);
  private static final String VICTIM_SECRET = "victim secret " + Frames.newClientMessageId();

  private static TestCluster cluster;
  private static Session fuzzer;
  private static Session friend;
  private static String victimsConversation;
  private static String victimsFriendId;
  private static List<String> seeds;
  private static ChatConnection socket;
  private static final AtomicInteger nonces = new AtomicInteger();
  private static final FrameCodec codec = new FrameCodec();

  @BeforeContainer
  static void world() {
    cluster = TestCluster.shared();
    fuzzer = cluster.newUser("fuzzer");
    friend = cluster.newUser("friend");
    Session victim = cluster.newUser("victim");
    Session victimsFriend = cluster.newUser("victimsfriend");
    victimsFriendId = victimsFriend.userId();
    victimsConversation = ConversationIds.direct(victim.userId(), victimsFriendId);
    try (ChatConnection victimSocket = victim.connect()) {
      victimSocket.await(SyncedFrame.class, WAIT);
      var secret = Frames.to(victimsFriendId, VICTIM_SECRET);
      victimSocket.send(secret);
      victimSocket.await(AcceptedFrame.class, accepted -> accepted.clientMessageId().equals(secret.clientMessageId()), WAIT);
    }
    String group = GroupSupport.createGroup(fuzzer, "fuzz", friend);
    String direct = ConversationIds.direct(fuzzer.userId(), friend.userId());
    seeds = List.of(
        "{\"type\":\"send\",\"clientMessageId\":\"c-1\",\"to\":\"" + friend.userId() + "\",\"body\":\"hello\"}",
        "{\"type\":\"send\",\"clientMessageId\":\"c-2\",\"conversationId\":\"" + group + "\",\"body\":\"hi all\"}",
        "{\"type\":\"send\",\"clientMessageId\":\"c-3\",\"conversationId\":\"" + victimsConversation + "\",\"body\":\"x\"}",
        "{\"type\":\"ack\",\"conversationId\":\"" + direct + "\",\"seq\":1}",
        "{\"type\":\"ack\",\"conversationId\":\"" + victimsConversation + "\",\"seq\":1}",
        "{\"type\":\"read\",\"conversationId\":\"" + victimsConversation + "\",\"seq\":1}",
        "{\"type\":\"read\",\"conversationId\":\"" + group + "\",\"seq\":1}",
        "{\"type\":\"typing\",\"conversationId\":\"" + victimsConversation + "\"}",
        "{\"type\":\"typing\",\"conversationId\":\"" + direct + "\"}",
        "{\"type\":\"presence_query\",\"userIds\":[\"" + friend.userId() + "\",\"" + victimsFriendId + "\"]}",
        "{\"type\":\"ping\",\"nonce\":\"n\"}");
    socket = open();
  }

  @AfterContainer
  static void closeSocket() {
    if (socket != null) {
      socket.close();
    }
  }

  @Property(tries = 400)
  void anyFrameLeavesTheSocketUsableOrClosedWithAReasonAndLeaksNothing(@ForAll("hostileFrames") String frame) {
    socket.sendText(frame);
    String nonce = "fuzz-" + nonces.incrementAndGet();
    List<ServerFrame> arrived = new ArrayList<>();
    boolean answered = false;
    if (socket.isOpen()) {
      socket.send(new PingFrame(nonce));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!answered && System.nanoTime() < deadline) {
        ServerFrame next = socket.poll(java.time.Duration.ofMillis(200));
        if (next == null) {
          if (socket.closed().isDone()) {
            break;
          }
          continue;
        }
        arrived.add(next);
        answered = next instanceof PongFrame pong && nonce.equals(pong.nonce());
      }
    }

    assertThat(socket.closed()).as("every frame the server sent could be decoded").isNotCompletedExceptionally();
    if (answered) {
      Statistics.collect("usable");
    } else {
      ChatConnection.CloseReason closed = socket.closed().join();
      assertThat(DOCUMENTED_CLOSE_CODES).contains(closed.code());
      assertThat(closed.reason()).isNotBlank();
      Statistics.collect("closed " + closed.code());
      socket = open();
    }
    for (ServerFrame each : arrived) {
      String text = codec.encode(each);
      assertThat(text).doesNotContain(VICTIM_SECRET);
      if (each instanceof ErrorFrame error) {
        assertThat(ERROR_CODES).contains(error.code());
        Statistics.label("errors").collect(error.code());
      } else {
        // an error may repeat what was asked; nothing else may name the others' conversation or friend
        assertThat(text).doesNotContain(victimsConversation).doesNotContain(victimsFriendId);
      }
    }
  }

  @Provide
  Arbitrary<String> hostileFrames() {
    Arbitrary<String> seed = Arbitraries.of(seeds);
    Arbitrary<String> mutated = Combinators.combine(seed,
            Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
            Arbitraries.chars().with('{', '}', '"', ':', ',', '\\', '0', '-', 'x', '\u0000', '\u00e9'))
        .as((text, kind, where, character) -> {
          int at = (int) (where * text.length());
          int index = Math.min(at, text.length() - 1);
          switch (kind) {
            case 0:
              return text.substring(0, index) + text.substring(index + 1);
            case 1:
              return text.substring(0, at) + character + text.substring(at);
            case 2:
              return text.substring(0, index) + character + text.substring(index + 1);
            default:
              return text.substring(0, at);
          }
        });
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, seed),
            net.jqwik.api.Tuple.of(6, mutated),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)),
            // past the edge's frame limit (64 KiB), within the transport's: frame_too_large, socket stays
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(70_000)))
        // a text message is UTF-8 on the wire: a lone surrogate cannot be sent at all (the client refuses it)
        .map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static ChatConnection open() {
    ChatConnection opened = fuzzer.connect();
    opened.await(SyncedFrame.class, WAIT);
    return opened;
  }
}
