package io.switchboard.history.sync;

import io.switchboard.history.RequestParameters;
import io.switchboard.history.conversation.MembershipCheck;
import io.switchboard.protocol.ChatMessage;
import io.switchboard.security.AuthenticatedDevice;
import io.switchboard.storage.StorageLimits;
import io.switchboard.storage.cursor.DeviceCursorStore;
import io.switchboard.storage.sync.BacklogReader;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Store-and-forward over HTTP, for clients that fetch in the background instead of holding a socket: the
 * calling device's backlog after its cursors, and moving a cursor. The socket does the same on connect.
 */
@Component
public class SyncHandler {

  private static final int DEFAULT_SYNC_SIZE = 100;

  private final BacklogReader backlogReader;
  private final DeviceCursorStore cursors;
  private final MembershipCheck membership;

  SyncHandler(BacklogReader backlogReader, DeviceCursorStore cursors, MembershipCheck membership) {
    this.backlogReader = backlogReader;
    this.cursors = cursors;
    this.membership = membership;
  }

  /** GET /api/sync?limit=N — up to N missing messages; {@code complete} is false while more remain. */
  public Mono<ServerResponse> backlog(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    int limit = RequestParameters.limit(request, DEFAULT_SYNC_SIZE);
    return backlogReader.open(caller.userId(), caller.deviceId())
        .flatMapMany(backlog -> backlogReader.messages(backlog, Math.min(limit + 1, StorageLimits.MAX_PAGE_SIZE)))
        .take(limit + 1L)
        .collectList()
        .map(found -> new SyncPage(found.subList(0, Math.min(limit, found.size())), found.size() <= limit))
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  /** POST /api/sync/cursor {"conversationId": "...", "seq": N} — this device holds everything up to N. */
  public Mono<ServerResponse> advanceCursor(ServerRequest request) {
    AuthenticatedDevice caller = AuthenticatedDevice.require(request.exchange());
    return RequestParameters.body(request, CursorBody.class)
        .flatMap(body -> {
          if (body.conversationId() == null || body.conversationId().isBlank() || body.seq() < 1) {
            return Mono.error(RequestParameters.badRequest("'conversationId' and a positive 'seq' are required"));
          }
          // a former group member still moves past the event that removed them, and no further
          return membership.requireReader(body.conversationId(), caller)
              .flatMap(readable -> cursors.advance(caller.deviceId(), body.conversationId(),
                  Math.min(body.seq(), readable.lastSeq())));
        })
        .then(ServerResponse.noContent().build());
  }

  /** The sync answer: messages in per-conversation sequence order. */
  public record SyncPage(List<ChatMessage> messages, boolean complete) {}

  /** The cursor body. */
  public record CursorBody(String conversationId, long seq) {}
}
