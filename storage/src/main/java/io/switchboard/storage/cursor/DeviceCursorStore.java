package io.switchboard.storage.cursor;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.batching.CommandCoalescer;
import io.switchboard.storage.batching.KeyedReads;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
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

  /** Cursors written in one command at most; a few hundred small upserts are one modest message. */
  private static final int MAX_BATCH = 256;
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private final MongoCollection<Document> cursors;
  private final CommandCoalescer<Advance, Void> advances;
  /** Every connecting device reads its cursors: those connecting at once share one query. */
  private final KeyedReads<Long> byId;

  public DeviceCursorStore(MongoDatabase database) {
    this.cursors = database.getCollection(COLLECTION);
    this.advances = new CommandCoalescer<>(this::advanceAll, this::advanceOne, MAX_BATCH, 1);
    this.byId = new KeyedReads<>(cursorIds -> Flux.from(cursors.find(Filters.in("_id", cursorIds)))
        .map(document -> Map.entry(document.getString("_id"), document.get("seq", Number.class).longValue())));
  }

  /**
   * Moves the cursor forward only: acknowledgements may arrive late or twice. There is one per message and
   * recipient device, so the writes of all devices go to the database together (see {@link CommandCoalescer}).
   */
  public Mono<Void> advance(String deviceId, String conversationId, long seq) {
    return advances.submit(new Advance(deviceId, conversationId, seq)).then();
  }

  /** Several advances in one command; of two for the same cursor only the higher is written. */
  private Mono<List<Void>> advanceAll(List<Advance> batch) {
    Map<String, Advance> highest = new LinkedHashMap<>();
    for (Advance advance : batch) {
      highest.merge(advance.cursorId(), advance, (one, other) -> one.seq() >= other.seq() ? one : other);
    }
    List<UpdateOneModel<Document>> writes = highest.values().stream()
        .map(advance -> new UpdateOneModel<Document>(
            Filters.eq("_id", advance.cursorId()), advance.update(), UPSERT))
        .toList();
    return Mono.from(cursors.bulkWrite(writes, new BulkWriteOptions().ordered(false)))
        .thenReturn(Collections.nCopies(batch.size(), null));
  }

  private Mono<Void> advanceOne(Advance advance) {
    return Mono.from(cursors.updateOne(Filters.eq("_id", advance.cursorId()), advance.update(), UPSERT)).then();
  }

  private record Advance(String deviceId, String conversationId, long seq) {
    String cursorId() {
      return deviceId + "|" + conversationId;
    }

    Bson update() {
      return Updates.combine(
          Updates.max("seq", seq),
          Updates.setOnInsert("deviceId", deviceId),
          Updates.setOnInsert("conversationId", conversationId));
    }
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
        .map(position -> new Advance(deviceId, position.getKey(), position.getValue()))
        .map(advance -> new UpdateOneModel<Document>(
            Filters.eq("_id", advance.cursorId()), advance.update(), UPSERT))
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
    return byId.read(conversationIds.stream().map(conversationId -> deviceId + "|" + conversationId).toList())
        .map(found -> {
          Map<String, Long> acknowledged = new HashMap<>();
          found.forEach((cursorId, seq) -> acknowledged.put(cursorId.substring(deviceId.length() + 1), seq));
          return acknowledged;
        });
  }
}
