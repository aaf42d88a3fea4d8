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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames over a real socket: valid frames of every type aimed at the fuzzer's own conversations and at
 * others', then mutated. After each one the socket must answer a ping (still usable) or have closed with a
 * documented code and a reason; nothing that arrives may be undecodable, carry an unknown error code, or
 * speak of a conversation the fuzzer is not in. Fewer cases than the parser's properties (protocol module):
 * each one is a round trip through the edge, the broker and the router. Seeded random property tests of our own
 * ({@link FuzzInput}): a failure names the seed and the case that replay it.
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

  @BeforeAll
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

  @AfterAll
  static void closeSocket() {
    if (socket != null) {
      socket.close();
    }
  }

  @Test
  void anyFrameLeavesTheSocketUsableOrClosedWithAReasonAndLeaksNothing() {
    FuzzInput.check("SocketFuzzTest.hostileFrames", 400, SocketFuzzTest::hostileFrame, SocketFuzzTest::sendAndCheck);
  }

  private static void sendAndCheck(String frame, FuzzInput.Outcomes outcomes) {
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
      outcomes.collect("usable");
    } else {
      ChatConnection.CloseReason closed = socket.closed().join();
      assertThat(DOCUMENTED_CLOSE_CODES).contains(closed.code());
      assertThat(closed.reason()).isNotBlank();
      outcomes.collect("closed " + closed.code());
      socket = open();
    }
    for (ServerFrame each : arrived) {
      String text = codec.encode(each);
      assertThat(text).doesNotContain(VICTIM_SECRET);
      if (each instanceof ErrorFrame error) {
        assertThat(ERROR_CODES).contains(error.code());
        outcomes.collect("errors", error.code());
      } else {
        // an error may repeat what was asked; nothing else may name the others' conversation or friend
        assertThat(text).doesNotContain(victimsConversation).doesNotContain(victimsFriendId);
      }
    }
  }

  /** A valid frame (2 in 10), one with an edit (6), any text (1), or one past the edge's frame limit (1). */
  private static String hostileFrame(Random random) {
    int which = random.nextInt(10);
    String text;
    if (which < 2) {
      text = FuzzInput.pick(random, seeds);
    } else if (which < 8) {
      text = mutate(FuzzInput.pick(random, seeds), random.nextInt(4), FuzzInput.where(random),
          MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length())));
    } else if (which < 9) {
      text = FuzzInput.anyString(random, 100);
    } else {
      // past the edge's frame limit (64 KiB), within the transport's: frame_too_large, socket stays
      text = FuzzInput.stringOf(random, 'a', 'z', 70_000);
    }
    // a text message is UTF-8 on the wire: a lone surrogate cannot be sent at all (the client refuses it)
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static final String MUTATION_CHARS = "{}\":,\\0-x\u0000\u00e9";

  /** Deletes, inserts or replaces a character, or cuts the text short. */
  private static String mutate(String text, int kind, double where, char character) {
    int at = (int) (where * text.length());
    int index = Math.min(at, text.length() - 1);
    return switch (kind) {
      case 0 -> text.substring(0, index) + text.substring(index + 1);
      case 1 -> text.substring(0, at) + character + text.substring(at);
      case 2 -> text.substring(0, index) + character + text.substring(index + 1);
      default -> text.substring(0, at);
    };
  }

  private static ChatConnection open() {
    ChatConnection opened = fuzzer.connect();
    opened.await(SyncedFrame.class, WAIT);
    return opened;
  }
}
