package io.switchboard.edge.socket;

import io.switchboard.edge.EdgeProperties;
import io.switchboard.edge.metrics.EdgeMetrics;
import io.switchboard.edge.presence.PresenceQueries;
import io.switchboard.edge.presence.TypingRelay;
import io.switchboard.edge.session.DeviceSession;
import io.switchboard.edge.session.RefusalWindow;
import io.switchboard.edge.session.SessionFrames;
import io.switchboard.broker.RouterCommands;
import io.switchboard.broker.tracing.TraceParent;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ReceiptKind;
import io.switchboard.protocol.broker.ReceiptCommand;
import io.switchboard.protocol.broker.SendCommand;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.PingFrame;
import io.switchboard.protocol.frame.PongFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.TypingFrame;
import io.switchboard.protocol.json.FrameCodec;
import io.switchboard.protocol.json.FrameException;
import io.switchboard.limits.RateLimiter;
import io.switchboard.limits.Verdict;
import io.switchboard.storage.cursor.DeviceCursorStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What the edge does with each frame a device sends. Every problem becomes an error frame on that socket and
 * the socket stays usable; nothing a device sends can break another device's session.
 */
@Component
class InboundFrames {

  private static final Logger log = LoggerFactory.getLogger(InboundFrames.class);

  private final FrameCodec codec;
  private final RouterCommands routerCommands;
  private final DeviceCursorStore cursors;
  private final EdgeProperties properties;
  private final TypingRelay typing;
  private final PresenceQueries presenceQueries;
  private final EdgeMetrics metrics;
  private final RateLimiter limiter;
  /** Per open socket; removed by {@link #closed}. */
  private final Map<DeviceSession, RefusalWindow> refusals = new ConcurrentHashMap<>();

  InboundFrames(FrameCodec codec, RouterCommands routerCommands, DeviceCursorStore cursors,
      EdgeProperties properties, TypingRelay typing, PresenceQueries presenceQueries, EdgeMetrics metrics,
      RateLimiter limiter) {
    this.codec = codec;
    this.routerCommands = routerCommands;
    this.cursors = cursors;
    this.properties = properties;
    this.typing = typing;
    this.presenceQueries = presenceQueries;
    this.metrics = metrics;
    this.limiter = limiter;
  }

  /** The socket is gone: forget what was counted for it. */
  void closed(DeviceSession session) {
    refusals.remove(session);
  }

  /** {@code byteLength} is the frame's size on the wire, checked before the text is even decoded. */
  Mono<Void> handle(DeviceSession session, SessionFrames frames, String text, int byteLength) {
    if (byteLength > properties.maxFrameBytes()) {
      session.reply(ErrorFrame.of(ErrorCode.FRAME_TOO_LARGE,
          "frame of " + byteLength + " bytes exceeds the limit of " + properties.maxFrameBytes()));
      return Mono.empty();
    }
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(text);
    } catch (FrameException invalid) {
      metrics.frameIn(null);
      session.reply(ErrorFrame.of(invalid.code(), invalid.getMessage(), invalid.ref()));
      return Mono.empty();
    }
    metrics.frameIn(frame);
    if (frame instanceof SendFrame send) {
      return send(session, send);
    }
    if (frame instanceof AckFrame requested) {
      // a device can only hold what it was given: an ack beyond that would skip messages still to come
      AckFrame ack = new AckFrame(requested.conversationId(),
          Math.min(requested.seq(), Math.max(1, frames.lastGiven(requested.conversationId()))));
      return whenKnown(session, frames, ack.conversationId(),
          cursors.advance(session.deviceId(), ack.conversationId(), ack.seq())
              .then(deliveredReceipt(session, frames, ack)));
    }
    if (frame instanceof ReadFrame read) {
      return whenKnown(session, frames, read.conversationId(), routerCommands.receipt(new ReceiptCommand(
          session.userId(), session.deviceId(), read.conversationId(), ReceiptKind.READ, read.seq())));
    }
    if (frame instanceof TypingFrame typingFrame) {
      return typing.relay(session, typingFrame);
    }
    if (frame instanceof PresenceQueryFrame query) {
      return presenceQueries.answer(session, query);
    }
    session.reply(new PongFrame(((PingFrame) frame).nonce()));
    return Mono.empty();
  }

  private Mono<Void> send(DeviceSession session, SendFrame send) {
    // characters as a person counts them: an emoji is one, not two UTF-16 units
    int characters = send.body().codePointCount(0, send.body().length());
    if (characters > properties.maxBodyLength()) {
      session.reply(ErrorFrame.of(ErrorCode.BODY_TOO_LONG,
          "body of " + characters + " characters exceeds the limit of " + properties.maxBodyLength(),
          send.clientMessageId()));
      return Mono.empty();
    }
    // the limit is checked after the frame's own checks (free) and before the broker (not free)
    return limiter.message(session.deviceId()).flatMap(verdict -> verdict.allowed()
        ? publish(session, send)
        : refuse(session, send, verdict));
  }

  /**
   * A refused send gets {@code rate_limited} with when to retry; a device that keeps sending regardless is
   * cut off, so one flooding client cannot keep an edge busy answering it.
   */
  private Mono<Void> refuse(DeviceSession session, SendFrame send, Verdict verdict) {
    session.reply(ErrorFrame.rateLimited("too many messages from this device; send again in "
        + verdict.retryAfter().toMillis() + " ms", send.clientMessageId(), verdict.retryAfter().toMillis()));
    RefusalWindow window = refusals.computeIfAbsent(session, ignored -> new RefusalWindow(
        limiter.properties().abuseRefusals(), limiter.properties().abuseWindow()));
    if (window.refuseAndCheckAbuse()) {
      log.info("closing the socket of device {}: it ignored {} rate-limit refusals within {}",
          session.deviceId(), limiter.properties().abuseRefusals(), limiter.properties().abuseWindow());
      session.abusive();
    }
    return Mono.empty();
  }

  private Mono<Void> publish(DeviceSession session, SendFrame send) {
    SendCommand command = new SendCommand(session.userId(), session.deviceId(), send.clientMessageId(),
        send.to(), send.conversationId(), send.body(), Instant.now());
    // the message's trace starts here; it travels with the command to the router and on to every delivery
    TraceParent trace = TraceParent.start();
    return routerCommands.send(command)
        .contextWrite(Context.of(TraceParent.class, trace))
        .onErrorResume(error -> {
          log.atWarn()
              .addKeyValue("clientMessageId", send.clientMessageId())
              .addKeyValue("deviceId", session.deviceId())
              .addKeyValue("traceId", trace.traceId())
              .log("send {} of device {} not handed to the router: {}",
                  send.clientMessageId(), session.deviceId(), error.toString());
          session.reply(ErrorFrame.of(ErrorCode.NOT_ACCEPTED,
              "the message could not be handed on; resend it with the same clientMessageId",
              send.clientMessageId()));
          return Mono.empty();
        });
  }

  /** "Delivered" for the senders, once per new high-water mark of this socket: repeats cost nothing. */
  private Mono<Void> deliveredReceipt(DeviceSession session, SessionFrames frames, AckFrame ack) {
    if (!frames.reportDelivered(ack.conversationId(), ack.seq())) {
      return Mono.empty();
    }
    return routerCommands.receipt(frames.deliveredReceipt(ack.conversationId(), ack.seq()));
  }

  /** Acks and reads only name conversations this device has been given something of. */
  private Mono<Void> whenKnown(DeviceSession session, SessionFrames frames, String conversationId, Mono<Void> write) {
    if (!frames.knowsConversation(conversationId)) {
      session.reply(ErrorFrame.of(ErrorCode.NOT_A_MEMBER,
          "you are not a member of conversation " + conversationId));
      return Mono.empty();
    }
    return write.onErrorResume(error -> {
      log.warn("could not record position in {} for device {}: {}",
          conversationId, session.deviceId(), error.toString());
      session.reply(ErrorFrame.of(ErrorCode.INTERNAL, "could not record that; send it again later"));
      return Mono.empty();
    });
  }
}
