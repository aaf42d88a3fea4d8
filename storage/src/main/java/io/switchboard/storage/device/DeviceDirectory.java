package io.switchboard.storage.device;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.storage.batching.KeyedReads;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-only view of the {@code devices} collection (written by the accounts service): whether a device may
 * still act for its account. A device that was signed out, or that no longer exists, may not.
 *
 * <pre>{@code
 * { _id: deviceId, userId, name, platform, createdAt, lastLoginAt, signedOutAt?: ISODate }
 * }</pre>
 */
@Component
public class DeviceDirectory {

  public static final String DEVICES_COLLECTION = "devices";
  public static final String SIGNED_OUT_AT = "signedOutAt";

  private final MongoCollection<Document> devices;
  /** Asked on every connect and authenticated request: those asking at once share one query. */
  private final KeyedReads<Document> byId;

  public DeviceDirectory(MongoDatabase database) {
    this.devices = database.getCollection(DEVICES_COLLECTION);
    this.byId = new KeyedReads<>(deviceIds -> Flux.from(devices.find(Filters.in("_id", deviceIds))
            .projection(Projections.include("userId", SIGNED_OUT_AT)))
        .map(device -> Map.entry(device.getString("_id"), device)));
  }

  public Mono<Boolean> isActive(String userId, String deviceId) {
    // by _id alone, the owner checked here: the embedded MongoDB stand-in would scan every device for _id + userId
    return byId.read(deviceId)
        .map(device -> userId.equals(device.getString("userId")) && !device.containsKey(SIGNED_OUT_AT))
        .defaultIfEmpty(false);
  }
}
