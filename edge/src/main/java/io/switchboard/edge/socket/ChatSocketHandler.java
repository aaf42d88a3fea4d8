package io.switchboard.edge.socket;

import io.switchboard.edge.EdgeProperties;
import io.switchboard.edge.delivery.EdgeQueueListener;
import io.switchboard.edge.metrics.EdgeMetrics;
import io.switchboard.edge.presence.DeviceLeases;
import io.switchboard.edge.session.ClosingSockets;
import io.switchboard.edge.session.DeviceSession;
import io.switchboard.edge.session.DeviceSessions;
import io.switchboard.edge.session.ReceivedFrames;
import io.switchboard.edge.session.SessionFrames;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolVersion;
import io.switchboard.protocol.frame.ErrorFrame;
import io.switchboard.protocol.frame.ServerFrame;
import io.switchboard.protocol.frame.WelcomeFrame;
import io.switchboard.protocol.json.FrameCodec;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.message.MessageStore;
import io.switchboard.storage.sync.BacklogReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One device's socket, from handshake to close. The order of steps is what makes store-and-forward seamless:
 * register for live traffic, wait for the user's routing key to be bound, then read the backlog; live
 * deliveries wait in the session's buffer meanwhile and anything seen twice is dropped by sequence number.
 */
@Component
class ChatSocketHandler implements WebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

  /**
   * How long a socket the edge is closing (slow consumer, signed out) has to take what is queued for it and the
   * close frame; then its connection is dropped. Bounds what a device that stops reading can hold.
   */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /**
   * Frames taken ahead from each of a socket's two inboxes: small, so what waits for a slow socket waits in the
   * session's bounded buffers (where overflowing closes it) rather than in operator queues. Reactor Netty holds
   * up to 128 more frames that are written but not yet flushed to the kernel.
   */
  static final int OUTBOUND_PREFETCH = 8;

  /**
   * Frames taken off a socket ahead of their handling. Frames sent before the device closes are handled only if
   * they were taken (see {@link ReceivedFrames}); each may be up to max-frame-bytes, so this also bounds what
   * one socket's unread input can hold.
   */
  static final int INBOUND_LOOKAHEAD = 128;

  private final DeviceSessions sessions;
  private final EdgeQueueListener queueListener;
  private final InboundFrames inbound;
  private final FrameCodec codec;
  private final BacklogReader backlogReader;
  private final MessageStore messages;
  private final EdgeProperties properties;
  private final DeviceLeases leases;
  private final EdgeMetrics metrics;
  private final ClosingSockets closingSockets;

  ChatSocketHandler(
      DeviceSessions sessions,
      EdgeQueueListener queueListener,
      InboundFrames inbound,
      FrameCodec codec,
      BacklogReader backlogReader,
      MessageStore messages,
      EdgeProperties properties,
      DeviceLeases leases,
      EdgeMetrics metrics,
      ClosingSockets closingSockets) {
    this.sessions = sessions;
    this.queueListener = queueListener;
    this.inbound = inbound;
    this.codec = codec;
    this.backlogReader = backlogReader;
    this.messages = messages;
    this.properties = properties;
    this.leases = leases;
    this.metrics = metrics;
    this.closingSockets = closingSockets;
  }

  @Override
  public List<String> getSubProtocols() {
    return List.of(ProtocolVersion.SUBPROTOCOL);
  }

  /** Reached only if the upgrade bypassed {@link AuthenticatedWebSocketService}: refuse. */
  @Override
  public Mono<Void> handle(WebSocketSession socket) {
    return socket.close(CloseCodes.UNAUTHENTICATED);
  }

  /** {@code dropConnection} closes the TCP connection under the socket, for a device that stopped reading. */
  Mono<Void> handle(WebSocketSession socket, AuthenticatedDevice device, Runnable dropConnection) {
    DeviceSession session = new DeviceSession(device.userId(), device.deviceId(), properties.sessionBuffer());
    SessionFrames frames = new SessionFrames(session, backlogReader, messages, properties.syncPageSize());
    sessions.add(session);
    // presence goes out once the device can also receive its contacts' answers to it; on its own, so the
    // message path (bind, then backlog) never waits for Redis
    Mono<Void> bound = queueListener.bindings().attach(device.userId())
        .doOnSuccess(ignored -> leases.connected(session).subscribe());

    WelcomeFrame welcome = new WelcomeFrame(device.userId(), device.deviceId(), ProtocolVersion.VERSION,
        properties.maxFrameBytes(), properties.maxBodyLength());
    // the backlog is read from the cursors, so after whatever this device's previous socket still had to handle
    Flux<ServerFrame> dataFrames = Flux.concat(Mono.just(welcome),
        bound.then(closingSockets.handled(device.deviceId())).thenMany(frames.frames()));
    // the server ends a socket (slow consumer, signed out, flooding) by finishing its outgoing stream first and then
    // closing with the code, so the close frame is the last thing written and reaches the device
    AtomicReference<CloseStatus> closeWith = new AtomicReference<>();
    Mono<CloseStatus> closing = session.ending().map(ChatSocketHandler::closeStatus).doOnNext(closeWith::set);
    Flux<WebSocketMessage> outbound = Flux.merge(OUTBOUND_PREFETCH, dataFrames, session.replies())
        .takeUntilOther(closing)
        .doOnNext(metrics.socketCounter())
        .map(frame -> socket.textMessage(codec.encode(frame)))
        .onErrorResume(error -> {
          log.warn("socket of device {} failed: {}", device.deviceId(), error.toString());
          closeWith.set(CloseStatus.NORMAL);
          return Mono.just(socket.textMessage(codec.encode(
              ErrorFrame.of(ErrorCode.INTERNAL, "the server could not continue this connection; reconnect"))));
        });
    Mono<Void> output = socket.send(outbound)
        .then(Mono.defer(() -> closeWith.get() == null ? Mono.empty() : socket.close(closeWith.get())));
    // a device that does not read at all never takes what is queued for it, nor the close frame behind that:
    // once told to close, it has CLOSE_GRACE to take them, then its connection is dropped
    Mono<Void> outputOrDropped = Mono.firstWithSignal(output, closing
        .flatMap(status -> Mono.delay(CLOSE_GRACE))
        .then(Mono.fromRunnable(() -> drop(dropConnection, device))));

    ReceivedFrames<Incoming> received = new ReceivedFrames<>(INBOUND_LOOKAHEAD);
    CompletableFuture<Void> inputHandled = new CompletableFuture<>();
    Mono<Void> input = received.frames()
        .concatMap(frame -> Mono.defer(() -> receive(session, frames, frame))
            .onErrorResume(error -> {
              // one frame that could not be handled must not end the device's socket
              log.warn("frame of device {} not handled: {}", device.deviceId(), error.toString());
              session.reply(ErrorFrame.of(ErrorCode.INTERNAL, "that frame could not be handled; send it again later"));
              return Mono.empty();
            })
            .doFinally(signal -> received.handledOne()), 0)
        .then()
        // the device hung up and all it sent is handled: end the session so its outbound side completes too
        .doFinally(signal -> {
          session.end();
          inbound.closed(session);
          inputHandled.complete(null);
        });

    return Mono.defer(() -> {
      socket.receive()
          // the device is alive: its lease is renewed beside the frame's handling, never in its way
          .doOnNext(message -> leases.heard(session).subscribe())
          .mapNotNull(this::read)
          // the connection has ended, but what was taken off it may still be in hand (its last acks above all):
          // the device's next socket reads its backlog after that
          .doFinally(signal -> closingSockets.ended(device.deviceId(), inputHandled))
          .subscribe(received);
      return Mono.when(input, outputOrDropped);
    }).doFinally(signal -> {
      session.end();
      received.dispose();
      sessions.remove(session);
      queueListener.bindings().detach(device.userId());
      leases.disconnected(session).subscribe();
    });
  }

  private static CloseStatus closeStatus(DeviceSession.Ending ending) {
    return switch (ending) {
      case SLOW_CONSUMER -> CloseCodes.SLOW_CONSUMER;
      case SIGNED_OUT -> CloseCodes.SIGNED_OUT;
      case DRAINING -> CloseCodes.DRAINING;
      case RATE_LIMITED -> CloseCodes.RATE_LIMITED;
    };
  }

  /** Closes the connection under the socket at once, without a closing handshake. */
  private static void drop(Runnable dropConnection, AuthenticatedDevice device) {
    log.info("dropping the connection of device {}: it took nothing within {} of being closed",
        device.deviceId(), CLOSE_GRACE);
    dropConnection.run();
  }

  /**
   * A frame as read off the connection, its text copied out at once: the connection's buffer is released as
   * soon as the frame has been taken, long before a frame waiting behind others is handled.
   */
  private record Incoming(String text, int byteLength) {

    /** A binary frame: answered, never read. */
    static final Incoming BINARY = new Incoming(null, 0);
  }

  /** Null for control frames (ping, pong), which need no handling here. */
  private Incoming read(WebSocketMessage message) {
    return switch (message.getType()) {
      case TEXT -> {
        int byteLength = message.getPayload().readableByteCount();
        yield new Incoming(byteLength > properties.maxFrameBytes() ? "" : message.getPayloadAsText(), byteLength);
      }
      case BINARY -> Incoming.BINARY;
      default -> null;
    };
  }

  private Mono<Void> receive(DeviceSession session, SessionFrames frames, Incoming frame) {
    if (frame == Incoming.BINARY) {
      session.reply(ErrorFrame.of(ErrorCode.INVALID_FRAME, "frames are JSON text; binary frames are not read"));
      return Mono.empty();
    }
    return inbound.handle(session, frames, frame.text(), frame.byteLength());
  }
}
