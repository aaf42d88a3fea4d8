package io.switchboard.storage.user;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Collection;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-only view of the {@value #USERS_COLLECTION} collection for services that only need to know whether a
 * user exists (the router, before it routes to one). The accounts service owns the collection and is the
 * only writer.
 *
 * <p>Shape of a user document:
 *
 * <pre>{@code
 * {
 *   _id:          "3f2a9c0d5e6b47a8b1c2d3e4f5a6b7c8",  // userId: 32 lower-case hex characters, random
 *   username:     "alice",      // unique index; stored lower-cased; 3 to 32 of [a-z0-9_.-]
 *   displayName:  "Alice Liddell",
 *   passwordHash: "$argon2id$v=19$m=16384,t=2,p=1$...",
 *   createdAt:    ISODate("2026-03-01T12:00:00Z")
 * }
 * }</pre>
 */
public class UserDirectory {

  public static final String USERS_COLLECTION = "users";

  private static final String ID_FIELD = "_id";

  private final MongoCollection<Document> users;

  public UserDirectory(MongoDatabase database) {
    this.users = database.getCollection(USERS_COLLECTION);
  }

  public Mono<Boolean> exists(String userId) {
    return Mono.from(users.find(eq(ID_FIELD, userId)).projection(include(ID_FIELD)).first()).hasElement();
  }

  /** userId → display name (the username if none is set), for the users that exist. */
  public Mono<Map<String, String>> displayNames(Collection<String> userIds) {
    if (userIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return Flux.from(users.find(in(ID_FIELD, userIds)).projection(include(ID_FIELD, "displayName", "username")))
        .collectMap(document -> document.getString(ID_FIELD), document -> {
          String displayName = document.getString("displayName");
          return displayName == null || displayName.isBlank() ? document.getString("username") : displayName;
        });
  }
}
