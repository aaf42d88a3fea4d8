package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A change to a group, stored in the conversation as a message with its own sequence number, so every device
 * learns of it in order with the messages around it. Clients that do not know events still show the
 * message's body, which says the same in words.
 *
 * @param actorId who made the change; absent when the service made it (the oldest member promoted when the
 *     last admin leaves)
 * @param userIds whom the change is about (added, removed, left, promoted, demoted); empty otherwise — a
 *     group_created event does not list the members, the group's member list does
 * @param name the group's name, on group_created and renamed
 */
public record ConversationEvent(
    @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE) Type type,
    String actorId,
    List<String> userIds,
    String name) {

  public ConversationEvent {
    Objects.requireNonNull(type, "type");
    userIds = userIds == null ? List.of() : List.copyOf(userIds);
  }

  /** What happened, by its wire name. A type this client does not know yet reads as {@link #UNKNOWN}. */
  public enum Type {
    @JsonProperty("group_created") GROUP_CREATED,
    @JsonProperty("member_added") MEMBER_ADDED,
    @JsonProperty("member_removed") MEMBER_REMOVED,
    @JsonProperty("member_left") MEMBER_LEFT,
    @JsonProperty("renamed") RENAMED,
    @JsonProperty("admin_promoted") ADMIN_PROMOTED,
    @JsonProperty("admin_demoted") ADMIN_DEMOTED,
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
  }

  /** Whether this event makes {@code userId} a member: from here on the conversation is theirs to read. */
  public boolean admits(String userId) {
    return type == Type.MEMBER_ADDED && userIds.contains(userId);
  }

  /** Whether this event ends memberships: its subjects receive it and nothing after it. */
  public boolean endsMemberships() {
    return type == Type.MEMBER_REMOVED || type == Type.MEMBER_LEFT;
  }
}
