package io.switchboard.storage.cursor;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Per device and conversation, the highest sequence number the device has acknowledged. A device that
 * reconnects is sent everything above its cursors; each device has its own, so one device catching up never
 * affects another. No index beyond {@code _id}: every read and write names cursors by id
 * ("deviceId|conversationId").
 */
@Component
public class DeviceCursorStore {

  static final String COLLECTION = "device_cursors";

  private final MongoCollection<Document> cursors;

  public DeviceCursorStore(MongoDatabase database) {
    this.cursors = database.getCollection(COLLECTION);
  }


  /** Moves the cursor forward only: acknowledgements may arrive late or twice. */
  public Mono<Void> advance(String deviceId, String conversationId, long seq) {
    return Mono.from(cursors.updateOne(
            Filters.eq("_id", deviceId + "|" + conversationId),
            Updates.combine(
                Updates.max("seq", seq),
                Updates.setOnInsert("deviceId", deviceId),
                Updates.setOnInsert("conversationId", conversationId)),
            new UpdateOptions().upsert(true)))
        .then();
  }

  /**
   * Starts a new device at the given positions: what was sent before the device existed is history (read
   * over HTTP), not a backlog to push over its socket. Positions only move forward, as with acks.
   */
  public Mono<Void> startAt(String deviceId, Map<String, Long> positions) {
    if (positions.isEmpty()) {
      return Mono.empty();
    }
    List<UpdateOneModel<Document>> writes = positions.entrySet().stream()
        .map(position -> new UpdateOneModel<Document>(
            Filters.eq("_id", deviceId + "|" + position.getKey()),
            Updates.combine(
                Updates.max("seq", position.getValue()),
                Updates.setOnInsert("deviceId", deviceId),
                Updates.setOnInsert("conversationId", position.getKey())),
            new UpdateOptions().upsert(true)))
        .toList();
    return Mono.from(cursors.bulkWrite(writes, new BulkWriteOptions().ordered(false))).then();
  }

  /**
   * conversationId → acknowledged seq, for those of the given conversations the device has acknowledged
   * anything in. Asked by the cursors' ids, not by device: the embedded MongoDB stand-in answers only
   * {@code _id} (and other unique keys) from an index and would scan every device's cursors to find one's.
   */
  public Mono<Map<String, Long>> cursorsOf(String deviceId, Collection<String> conversationIds) {
    if (conversationIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return Flux.from(cursors.find(Filters.in("_id",
            conversationIds.stream().map(conversationId -> deviceId + "|" + conversationId).toList())))
        .collectMap(
            document -> document.getString("conversationId"),
            document -> document.get("seq", Number.class).longValue());
  }
}
