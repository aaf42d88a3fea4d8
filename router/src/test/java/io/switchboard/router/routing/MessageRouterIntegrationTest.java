package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.storage.TestDatabase;
import io.switchboard.storage.conversation.ConversationStore;
import io.switchboard.storage.conversation.ReadStateStore;
import io.switchboard.storage.group.MembershipStore;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Routing against a MongoDB wire-protocol server, where a router's work is cut short: the router's broker
 * connection dropping cancels whatever its lanes were doing, and the broker hands those commands to it again.
 */
class MessageRouterIntegrationTest {

  private static final int MESSAGES = 50;
  private static final Duration REDELIVERED_AFTER = Duration.ofMillis(100);

  private static TestDatabase testDatabase;
  private static MongoDatabase database;

  private final ConversationStore conversations = new ConversationStore(database);
  private final MessageStore messages = new MessageStore(database);
  private final MessageRouter router = new MessageRouter(
      new ConversationAccess(conversations, new UserDirectory(database)),
      new MessageSequencer(conversations, messages, new ResendRecipients(new MembershipStore(database))),
      new ReadStateStore(database),
      new RouterMetrics(new SimpleMeterRegistry()));

  @BeforeAll
  static void startDatabase() {
    testDatabase = TestDatabase.start("router");
    database = testDatabase.database();
    new MessageStore(database).ensureIndexes().block();
    new ConversationStore(database).ensureIndexes().block();
  }

  @AfterAll
  static void stopDatabase() {
    testDatabase.close();
  }

  /**
   * Each send's routing is cancelled at some moment of its way (as a lost broker connection cancels it), then
   * the same command is routed again to the end (the broker's redelivery): every message is stored once, and
   * the conversation's numbers run 1, 2, 3… without a hole, whichever moment the cancel came at. A number taken
   * and never used would be a message the devices skip for good.
   */
  @Test
  void routingCutShortAndRepeatedLeavesNoHoleInTheSequence() {
    String conversationId = ConversationIds.direct("ann", "bob");
    conversations.ensureDirect(conversationId, List.of("ann", "bob"), Instant.now()).block();
    // warm: the first route of a cold JVM takes far longer than any later one
    router.route(new SendCommand("bob", "bob-phone", "warm", "ann", null, "hi", Instant.now())).block();

    for (int i = 2; i <= MESSAGES; i++) {
      SendCommand send = new SendCommand("ann", "ann-phone", "m-" + i, "bob", null, "hello " + i, Instant.now());
      Disposable cutShort = router.route(send).subscribe();
      // somewhere between before the first read and after the last write (a route takes ~1–3 ms here)
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(3)));
      cutShort.dispose();
      // the broker hands the command back only after the connection is replaced: a second or more later
      LockSupport.parkNanos(REDELIVERED_AFTER.toNanos());
      RoutingOutcome again = router.route(send).block(Duration.ofSeconds(10));
      assertThat(again).isInstanceOf(RoutingOutcome.Routed.class);
    }

    List<ChatMessage> stored = messages.after(conversationId, 0, 2 * MESSAGES).collectList().block();
    assertThat(stored).extracting(ChatMessage::seq).as("numbered without a hole")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
    assertThat(stored).extracting(ChatMessage::clientMessageId).as("each stored once").doesNotHaveDuplicates();
  }
}
