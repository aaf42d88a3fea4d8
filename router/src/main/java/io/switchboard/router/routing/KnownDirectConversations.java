package io.switchboard.router.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Direct conversations this router has seen exist. A direct conversation is never deleted, so once seen it
 * needs no second look: a send to a known one skips the database read that would otherwise start every
 * message. Bounded, the least recently used forgotten first; forgetting costs only that read.
 */
final class KnownDirectConversations {

  /** Access-ordered: a lookup makes the entry the most recently used. Guarded by itself (lanes run in parallel). */
  private final LinkedHashMap<String, Boolean> known;

  KnownDirectConversations(int capacity) {
    this.known = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True if the conversation was seen before; a hit makes it the most recently used. */
  boolean contains(String conversationId) {
    synchronized (known) {
      // get, not containsKey: only get moves the entry in an access-ordered map
      return known.get(conversationId) != null;
    }
  }

  void add(String conversationId) {
    synchronized (known) {
      known.put(conversationId, Boolean.TRUE);
    }
  }
}
