package io.switchboard.router.routing;

import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.router.metrics.RouterMetrics;
import io.switchboard.router.metrics.RouterMetrics.Stage;
import io.switchboard.storage.conversation.ReadStateStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One send command from start to stored: who may write, where, with which sequence number. Publishing is the
 * caller's next step; a message only counts as sent when both are done.
 */
@Component
public class MessageRouter {

  private final ConversationAccess access;
  private final MessageSequencer sequencer;
  private final ReadStateStore readStates;
  private final RouterMetrics metrics;

  MessageRouter(ConversationAccess access, MessageSequencer sequencer, ReadStateStore readStates, RouterMetrics metrics) {
    this.access = access;
    this.sequencer = sequencer;
    this.readStates = readStates;
    this.metrics = metrics;
  }

  /** Once subscribed, runs to its end even if the subscriber cancels: see {@link RunToTheEnd}. */
  public Mono<RoutingOutcome> route(SendCommand command) {
    return RunToTheEnd.of(() -> routing(command));
  }

  private Mono<RoutingOutcome> routing(SendCommand command) {
    return Mono.defer(() -> {
      long started = System.nanoTime();
      return access
          .resolve(command)
          .flatMap(conversationId -> sequencer.store(conversationId, command))
          .doOnNext(stored -> timed(stored, Stage.STORED, started));
    })
        .flatMap(stored -> afterStore(stored)
            .thenReturn((RoutingOutcome) new RoutingOutcome.Routed(
                stored.message(), stored.members(), stored.duplicate())))
        .onErrorResume(Denial.class, denial -> Mono.just(new RoutingOutcome.Rejected(denial.code(), denial.getMessage())));
  }

  /**
   * The sender has read everything up to what they sent. (The conversation list's preview needs no write: it
   * is read from the messages with the list.)
   */
  private Mono<Void> afterStore(MessageSequencer.Stored stored) {
    var message = stored.message();
    return Mono.defer(() -> {
      long started = System.nanoTime();
      return readStates.markRead(message.senderId(), message.conversationId(), message.seq())
          .doOnSuccess(done -> timed(stored, Stage.SENDER_READ, started));
    });
  }

  /** Stages are timed for messages stored now; a resend's repeat says nothing about the path. */
  private void timed(MessageSequencer.Stored stored, Stage stage, long startedNanos) {
    if (!stored.duplicate()) {
      metrics.stage(stage, System.nanoTime() - startedNanos);
    }
  }
}
