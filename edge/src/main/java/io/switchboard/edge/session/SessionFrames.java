package io.switchboard.edge.session;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.DeviceSignedOut;
import io.switchboard.protocol.broker.MessageDelivery;
import io.switchboard.protocol.broker.PresenceDelivery;
import io.switchboard.protocol.broker.ReadStateDelivery;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.ReceiptDelivery;
import io.switchboard.protocol.broker.SendRejection;
import io.switchboard.protocol.broker.TypingDelivery;
import io.switchboard.protocol.broker.UserDelivery;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.frame.PresenceFrame;
import io.switchboard.protocol.frame.ReadStateFrame;
import io.switchboard.protocol.frame.ReceiptFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import io.switchboard.protocol.frame.TypingNoticeFrame;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.sync.Backlog;
import io.switchboard.storage.sync.BacklogReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * The data frames of one socket, in order: the catch-up backlog, a synced marker, then live deliveries.
 * Every message passes through {@link ConversationPositions}, so the device gets each sequence number of a
 * conversation once and in order, whichever path (backlog, live, gap fill) brought it.
 */
public final class SessionFrames {

  private final DeviceSession session;
  private final BacklogReader backlogReader;
  private final MessageStore messages;
  private final int pageSize;
  private final ConversationPositions positions = new ConversationPositions();
  /** Per conversation, the highest "delivered" this socket has passed on to the router. */
  private final Map<String, Long> reportedDelivered = new ConcurrentHashMap<>();

  public SessionFrames(DeviceSession session, BacklogReader backlogReader, MessageStore messages, int pageSize) {
    this.session = session;
    this.backlogReader = backlogReader;
    this.messages = messages;
    this.pageSize = pageSize;
  }

  /**
   * Must be subscribed after the session is registered and the user's routing key is bound, so that whatever
   * the backlog read misses is already waiting in the live buffer.
   */
  public Flux<ServerFrame> frames() {
    AtomicLong backlogCount = new AtomicLong();
    Flux<ServerFrame> backlog = backlogReader.open(session.userId(), session.deviceId())
        .flatMapMany(opened -> {
          positions.startFrom(opened.acknowledged());
          return backlogReader.messages(opened, pageSize);
        })
        .concatMap(message -> inOrder(message, false))
        .doOnNext(frame -> backlogCount.incrementAndGet());
    Flux<ServerFrame> synced = Flux.defer(() -> Flux.just(new SyncedFrame(backlogCount.get())));
    Flux<ServerFrame> live = session.liveEvents().concatMap(event -> event instanceof LiveEvent.Delivered delivered
        ? liveFrames(delivered.delivery())
        : catchUp(), 1); // one ahead: what waits for a slow socket waits in the session's bounded buffer
    return Flux.concat(backlog, synced, live);
  }

  /**
   * Everything stored that this socket has not been given yet, read again from the database: from the device's
   * acknowledged cursors as on connect, but past what this socket already has, which is dropped anyway.
   */
  private Flux<ServerFrame> catchUp() {
    return backlogReader.open(session.userId(), session.deviceId())
        .flatMapMany(opened -> {
          positions.startFrom(opened.acknowledged());
          List<Backlog.Position> behind = opened.behind().stream()
              .map(position -> new Backlog.Position(position.conversationId(),
                  Math.max(position.afterSeq(), positions.last(position.conversationId())), position.throughSeq()))
              .filter(position -> position.throughSeq() > position.afterSeq())
              .toList();
          return backlogReader.messages(new Backlog(opened.acknowledged(), behind), pageSize);
        })
        .concatMap(message -> inOrder(message, false));
  }

  /** The highest sequence number of the conversation this socket has been given (0 if none). */
  public long lastGiven(String conversationId) {
    return positions.last(conversationId);
  }

  /**
   * A "delivered" up to {@code seq} for the router, naming the senders of the messages it covers where this socket
   * gave the device every one of them since its last report (and forgetting them: they are reported now).
   */
  public ReceiptCommand deliveredReceipt(String conversationId, long seq) {
    ConversationPositions.Senders senders = positions.takeSendersThrough(conversationId, seq);
    return senders == null
        ? new ReceiptCommand(session.userId(), session.deviceId(), conversationId, ReceiptKind.DELIVERED, seq)
        : new ReceiptCommand(session.userId(), session.deviceId(), conversationId, ReceiptKind.DELIVERED, seq,
            senders.knownAfter(), senders.latestSeqBySender());
  }

  /** Whether the device may refer to this conversation (acks, reads): it has been given something of it. */
  public boolean knowsConversation(String conversationId) {
    return positions.knows(conversationId);
  }

  /**
   * Records that this socket reported "delivered" up to {@code seq}; false if it already reported as far,
   * so the same acknowledgement is not sent on twice.
   */
  public boolean reportDelivered(String conversationId, long seq) {
    long[] before = new long[1];
    reportedDelivered.compute(conversationId, (id, previous) -> {
      before[0] = previous == null ? 0L : previous;
      return Math.max(before[0], seq);
    });
    return seq > before[0];
  }

  private Flux<ServerFrame> liveFrames(UserDelivery delivery) {
    if (delivery instanceof MessageDelivery messageDelivery) {
      return inOrder(messageDelivery.message(), true);
    }
    if (delivery instanceof ReceiptDelivery receipt) {
      return Flux.just(new ReceiptFrame(receipt.conversationId(), receipt.memberId(), receipt.kind(), receipt.upToSeq()));
    }
    if (delivery instanceof ReadStateDelivery readState) {
      return Flux.just(new ReadStateFrame(readState.conversationId(), readState.readSeq(), readState.unreadCount()));
    }
    if (delivery instanceof PresenceDelivery presence) {
      return Flux.just(new PresenceFrame(presence.subjectId(), presence.status(), presence.lastSeenAt()));
    }
    if (delivery instanceof TypingDelivery typing) {
      return Flux.just(new TypingNoticeFrame(typing.conversationId(), typing.typingUserId()));
    }
    if (delivery instanceof DeviceSignedOut signedOut) {
      if (signedOut.deviceId().equals(session.deviceId())) {
        session.signOut();
      }
      return Flux.empty();
    }
    SendRejection rejection = (SendRejection) delivery;
    if (!rejection.deviceId().equals(session.deviceId())) {
      return Flux.empty();
    }
    return Flux.just(new ErrorFrame(rejection.code(), rejection.detail(), rejection.clientMessageId()));
  }

  private Flux<ServerFrame> inOrder(ChatMessage message, boolean live) {
    boolean sentByThisDevice = live && session.deviceId().equals(message.senderDeviceId());
    if (message.event() != null && message.event().admits(session.userId())) {
      // added to a group: what came before the addition is not theirs, so there is no gap to fill below it
      positions.advanceTo(message.conversationId(), message.seq() - 1);
    }
    long last = positions.last(message.conversationId());
    if (message.seq() <= last) {
      // already given; the sending device still hears "accepted" again, since it resends until it does
      return sentByThisDevice ? Flux.just(accepted(message)) : Flux.empty();
    }
    return fillGap(message.conversationId(), message.seq())
        .concatWith(Flux.defer(() -> {
          positions.advance(message.conversationId(), message.seq(), senderToTell(message));
          return Flux.just(sentByThisDevice ? accepted(message) : new MessageFrame(message));
        }));
  }

  /** What lies between the last given seq and {@code seq}, read from the database page by page. */
  private Flux<ServerFrame> fillGap(String conversationId, long seq) {
    return Flux.defer(() -> {
      long last = positions.last(conversationId);
      if (seq <= last + 1) {
        return Flux.empty();
      }
      return messages.between(conversationId, last, seq, pageSize).collectList()
          .flatMapMany(page -> {
            if (page.isEmpty()) {
              return Flux.empty(); // a hole: a number handed out whose message was never stored
            }
            Flux<ServerFrame> frames = Flux.fromIterable(page).map(gapMessage -> {
              positions.advance(conversationId, gapMessage.seq(), senderToTell(gapMessage));
              return (ServerFrame) new MessageFrame(gapMessage);
            });
            return page.size() < pageSize ? frames : frames.concatWith(fillGap(conversationId, seq));
          });
    });
  }

  /** Who is to hear that this device has the message: nobody, for the user's own. */
  private String senderToTell(ChatMessage message) {
    return message.senderId().equals(session.userId()) ? null : message.senderId();
  }

  private static AcceptedFrame accepted(ChatMessage message) {
    return new AcceptedFrame(message.clientMessageId(), message.messageId(), message.conversationId(),
        message.seq(), message.sentAt());
  }
}
