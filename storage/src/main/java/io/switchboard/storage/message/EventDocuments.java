package io.switchboard.storage.message;

import io.switchboard.protocol.ConversationEvent;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * A message's {@link ConversationEvent} as a sub-document, {@code {type: "member_added", actorId, userIds,
 * name}}, the type in its wire spelling. Shared by the messages collection and the conversation's copy of
 * its last message.
 */
public final class EventDocuments {

  private EventDocuments() {}

  /** Null for an ordinary message. */
  public static Document toDocument(ConversationEvent event) {
    if (event == null) {
      return null;
    }
    return new Document("type", event.type().name().toLowerCase(Locale.ROOT))
        .append("actorId", event.actorId())
        .append("userIds", event.userIds())
        .append("name", event.name());
  }

  /** Null when the document has none; a type this version does not know reads as UNKNOWN. */
  public static ConversationEvent fromDocument(Document document) {
    if (document == null) {
      return null;
    }
    ConversationEvent.Type type;
    try {
      type = ConversationEvent.Type.valueOf(document.getString("type").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException unknown) {
      type = ConversationEvent.Type.UNKNOWN;
    }
    List<String> userIds = document.getList("userIds", String.class);
    return new ConversationEvent(type, document.getString("actorId"), userIds, document.getString("name"));
  }
}
