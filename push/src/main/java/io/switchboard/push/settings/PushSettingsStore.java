package io.switchboard.push.settings;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.HashSet;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Push settings in MongoDB ({@code push_settings}), one document per user; none means the defaults. */
@Component
public class PushSettingsStore {

  static final String COLLECTION = "push_settings";
  private static final String HIDE_CONTENT = "hideContent";
  private static final String MUTED = "muted";

  private final MongoCollection<Document> settings;

  PushSettingsStore(MongoDatabase database) {
    this.settings = database.getCollection(COLLECTION);
  }

  public Mono<PushSettings> of(String userId) {
    return Mono.from(settings.find(Filters.eq("_id", userId)).first())
        .map(document -> new PushSettings(
            Boolean.TRUE.equals(document.getBoolean(HIDE_CONTENT)),
            new HashSet<>(document.getList(MUTED, String.class, List.of()))))
        .defaultIfEmpty(PushSettings.DEFAULT);
  }

  public Mono<Void> setHideContent(String userId, boolean hide) {
    return Mono.from(settings.updateOne(Filters.eq("_id", userId), Updates.set(HIDE_CONTENT, hide),
        new UpdateOptions().upsert(true))).then();
  }

  public Mono<Void> mute(String userId, String conversationId) {
    return Mono.from(settings.updateOne(Filters.eq("_id", userId), Updates.addToSet(MUTED, conversationId),
        new UpdateOptions().upsert(true))).then();
  }

  public Mono<Void> unmute(String userId, String conversationId) {
    return Mono.from(settings.updateOne(Filters.eq("_id", userId), Updates.pull(MUTED, conversationId))).then();
  }
}
