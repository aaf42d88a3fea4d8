package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownDirectConversationsTest {

  @Test
  void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
    KnownDirectConversations known = new KnownDirectConversations(2);
    known.add("a");
    known.add("b");
    assertThat(known.contains("a")).isTrue(); // "a" is now the most recently used
    known.add("c");

    assertThat(known.contains("b")).as("least recently used, forgotten").isFalse();
    assertThat(known.contains("a")).isTrue();
    assertThat(known.contains("c")).isTrue();
    assertThat(known.contains("never-seen")).isFalse();
  }
}
