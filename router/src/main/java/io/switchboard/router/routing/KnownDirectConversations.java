package io.switchboard.router.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Direct conversations this router has seen exist. A direct conversation is never deleted, so once seen it
 * needs no second look: a send to a known one skips the database read that would otherwise start every
 * message. Bounded, the least recently used forgotten first; forgetting costs only that read.
 */
final class KnownDirectConversations {

  private final Set<String> known;

  KnownDirectConversations(int capacity) {
    this.known = Collections.newSetFromMap(Collections.synchronizedMap(
        new LinkedHashMap<String, Boolean>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        }));
  }

  /** True if the conversation was seen before; marks it seen (most recently used) either way. */
  boolean contains(String conversationId) {
    return known.contains(conversationId);
  }

  void add(String conversationId) {
    known.add(conversationId);
  }
}
