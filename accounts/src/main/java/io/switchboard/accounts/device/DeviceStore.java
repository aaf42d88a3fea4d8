package io.switchboard.accounts.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.accounts.RandomIds;
import io.switchboard.storage.IndexedStore;
import io.switchboard.storage.StorageLimits;
import io.switchboard.storage.device.DeviceDirectory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code devices} collection:
 *
 * <pre>{@code
 * { _id: deviceId (32 hex, random), userId, name, platform, createdAt: ISODate, lastLoginAt: ISODate,
 *   signedOutAt?: ISODate }
 * }</pre>
 */
@Component
public class DeviceStore implements IndexedStore {

  public static final String DEVICES_COLLECTION = "devices";

  private static final String ID = "_id";
  private static final String USER_ID = "userId";
  private static final String NAME = "name";
  private static final String PLATFORM = "platform";
  private static final String CREATED_AT = "createdAt";
  private static final String LAST_LOGIN_AT = "lastLoginAt";
  /** Set when the account signs the device out; such a device's tokens are refused (see DeviceDirectory). */
  private static final String SIGNED_OUT_AT = DeviceDirectory.SIGNED_OUT_AT;

  private final MongoCollection<Document> devices;

  public DeviceStore(MongoDatabase database) {
    this.devices = database.getCollection(DEVICES_COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    return Mono.from(devices.createIndex(Indexes.ascending(USER_ID))).then();
  }

  /** A new device for a user, logged in now. */
  public Mono<Device> register(String userId, String name, String platform) {
    Instant now = now();
    Device device = new Device(RandomIds.newId(), userId, name, platform, now, now);
    return Mono.from(devices.insertOne(toDocument(device))).thenReturn(device);
  }

  /**
   * Marks a login on an existing device, only if it belongs to that user.
   *
   * @return the updated device, or empty when there is no such device of that user
   */
  public Mono<Device> recordLogin(String deviceId, String userId) {
    return Mono.from(
            devices.findOneAndUpdate(
                and(eq(ID, deviceId), eq(USER_ID, userId), exists(SIGNED_OUT_AT, false)),
                set(LAST_LOGIN_AT, Date.from(now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(DeviceStore::fromDocument);
  }

  /**
   * Signs the device out, if it is the user's and still signed in.
   *
   * @return the device, or empty when there is no such signed-in device of that user
   */
  public Mono<Device> signOut(String deviceId, String userId) {
    return Mono.from(
            devices.findOneAndUpdate(
                and(eq(ID, deviceId), eq(USER_ID, userId), exists(SIGNED_OUT_AT, false)),
                set(SIGNED_OUT_AT, Date.from(now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(DeviceStore::fromDocument);
  }

  /**
   * How many devices the user is signed in on. Counted from their ids rather than with {@code countDocuments}:
   * that is an aggregation, which the embedded stand-in answers by reading every device of every user (a scan per
   * login); a find by user is an index lookup on any MongoDB, and a user has few devices.
   */
  public Mono<Long> countSignedIn(String userId) {
    return Flux.from(devices.find(and(eq(USER_ID, userId), exists(SIGNED_OUT_AT, false))).projection(include(ID)))
        .count();
  }

  /**
   * A user's signed-in devices, most recently used first, at most {@link StorageLimits#MAX_PAGE_SIZE}.
   */
  public Flux<Device> findByUser(String userId) {
    return Flux.from(
            devices
                .find(and(eq(USER_ID, userId), exists(SIGNED_OUT_AT, false)))
                .sort(Sorts.descending(LAST_LOGIN_AT))
                .limit(StorageLimits.MAX_PAGE_SIZE))
        .map(DeviceStore::fromDocument);
  }

  /** Mongo keeps milliseconds; truncating here makes what we return equal what we stored. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Document toDocument(Device device) {
    return new Document(ID, device.deviceId())
        .append(USER_ID, device.userId())
        .append(NAME, device.name())
        .append(PLATFORM, device.platform())
        .append(CREATED_AT, Date.from(device.createdAt()))
        .append(LAST_LOGIN_AT, Date.from(device.lastLoginAt()));
  }

  private static Device fromDocument(Document document) {
    return new Device(
        document.getString(ID),
        document.getString(USER_ID),
        document.getString(NAME),
        document.getString(PLATFORM),
        document.getDate(CREATED_AT).toInstant(),
        document.getDate(LAST_LOGIN_AT).toInstant());
  }
}
