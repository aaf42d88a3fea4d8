package io.switchboard.router.membership;

import io.switchboard.protocol.ConversationEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event in words, for the message body: what a client that does not read events shows, and what the
 * conversation list previews. Names at most {@link #NAMED_USERS} people, then counts the rest.
 */
final class EventBodies {

  /** People named in one body; "and 997 others" covers the rest. */
  static final int NAMED_USERS = 3;

  private EventBodies() {}

  /** The users whose names the bodies need: each actor and the first few each event is about. */
  static List<String> namesNeeded(List<ConversationEvent> events) {
    List<String> needed = new ArrayList<>();
    for (ConversationEvent event : events) {
      if (event.actorId() != null) {
        needed.add(event.actorId());
      }
      event.userIds().stream().limit(NAMED_USERS).forEach(needed::add);
    }
    return needed.stream().distinct().toList();
  }

  static String describe(ConversationEvent event, Map<String, String> names) {
    String actor = event.actorId() == null ? "" : names.getOrDefault(event.actorId(), "Someone");
    String subjects = list(event.userIds(), names);
    switch (event.type()) {
      case GROUP_CREATED:
        return actor + " created the group \u201c" + event.name() + "\u201d";
      case MEMBER_ADDED:
        return actor + " added " + subjects;
      case MEMBER_REMOVED:
        return actor + " removed " + subjects;
      case MEMBER_LEFT:
        return subjects + " left";
      case RENAMED:
        return actor + " renamed the group to \u201c" + event.name() + "\u201d";
      case ADMIN_PROMOTED:
        return event.actorId() == null
            ? subjects + (event.userIds().size() == 1 ? " is now an admin" : " are now admins")
            : actor + " made " + subjects + " an admin";
      case ADMIN_DEMOTED:
        return actor + " removed " + subjects + " as admin";
      default:
        return "The group changed";
    }
  }

  private static String list(List<String> userIds, Map<String, String> names) {
    List<String> named = userIds.stream().limit(NAMED_USERS)
        .map(userId -> names.getOrDefault(userId, "someone")).toList();
    int others = userIds.size() - named.size();
    if (others > 0) {
      return String.join(", ", named) + " and " + others + (others == 1 ? " other" : " others");
    }
    if (named.size() <= 1) {
      return String.join("", named);
    }
    return String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
  }
}
