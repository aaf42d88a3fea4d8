package io.switchboard.protocol.broker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Router to push workers, on {@code switchboard.push}: what a user with no device online should be told
 * ({@link OfflineMessage}), and what withdraws it ({@link ConversationRead}). Carries what a notification
 * shows, so a worker needs no database read to build one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OfflineMessage.class, name = "offline_message"),
  @JsonSubTypes.Type(value = ConversationRead.class, name = "conversation_read")
})
public sealed interface PushEvent permits OfflineMessage, ConversationRead {

  String conversationId();
}
