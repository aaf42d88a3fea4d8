package io.switchboard.accounts.user;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.switchboard.accounts.RandomIds;
import io.switchboard.storage.DuplicateKeys;
import io.switchboard.storage.IndexedStore;
import io.switchboard.storage.user.UserDirectory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code users} collection; this service is its only writer. The document shape is documented on
 * {@link UserDirectory}, the read-only view other services use.
 */
@Component
public class UserStore implements IndexedStore {

  private static final String ID = "_id";
  private static final String USERNAME = "username";
  private static final String DISPLAY_NAME = "displayName";
  private static final String PASSWORD_HASH = "passwordHash";
  private static final String CREATED_AT = "createdAt";

  private final MongoCollection<Document> users;

  public UserStore(MongoDatabase database) {
    this.users = database.getCollection(UserDirectory.USERS_COLLECTION);
  }

  @Override
  public Mono<Void> ensureIndexes() {
    // the unique index, not a lookup before the insert, is what makes two sign-ups of one name impossible
    return Mono.from(users.createIndex(Indexes.ascending(USERNAME), new IndexOptions().unique(true))).then();
  }

  /**
   * Stores a new user under a fresh id.
   *
   * @param username already normalized and allowed ({@link Usernames})
   * @return the user; {@link UsernameTakenException} if the name is taken
   */
  public Mono<User> create(String username, String displayName, String passwordHash) {
    // Mongo keeps milliseconds; truncating here makes the returned user equal the stored one
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    User user = new User(RandomIds.newId(), username, displayName, passwordHash, now);
    return Mono.from(users.insertOne(toDocument(user)))
        .thenReturn(user)
        .onErrorMap(DuplicateKeys::isDuplicateKey, duplicate -> new UsernameTakenException(username));
  }

  public Mono<User> findById(String userId) {
    return Mono.from(users.find(eq(ID, userId)).first()).map(UserStore::fromDocument);
  }

  /** The users with these ids that exist, in no particular order. */
  public Flux<User> findByIds(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return Flux.empty();
    }
    return Flux.from(users.find(in(ID, userIds))).map(UserStore::fromDocument);
  }

  /** @param username normalized ({@link Usernames#normalize}) */
  public Mono<User> findByUsername(String username) {
    return Mono.from(users.find(eq(USERNAME, username)).first()).map(UserStore::fromDocument);
  }

  private static Document toDocument(User user) {
    return new Document(ID, user.userId())
        .append(USERNAME, user.username())
        .append(DISPLAY_NAME, user.displayName())
        .append(PASSWORD_HASH, user.passwordHash())
        .append(CREATED_AT, Date.from(user.createdAt()));
  }

  private static User fromDocument(Document document) {
    return new User(
        document.getString(ID),
        document.getString(USERNAME),
        document.getString(DISPLAY_NAME),
        document.getString(PASSWORD_HASH),
        document.getDate(CREATED_AT).toInstant());
  }
}
