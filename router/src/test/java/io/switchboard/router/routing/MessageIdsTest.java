package io.switchboard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Message ids stay opaque 32-hex-character strings; what changed is that later ones sort after earlier ones. */
class MessageIdsTest {

  @Test
  void idsAreThirtyTwoHexCharactersUniqueInABurstAndGrowFromOneMillisecondToTheNext() throws InterruptedException {
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      burst.add(MessageIds.next());
    }
    assertThat(burst).allMatch(id -> id.matches("[0-9a-f]{32}"));
    assertThat(new HashSet<>(burst)).hasSize(burst.size());

    String before = MessageIds.next();
    Thread.sleep(2);
    String after = MessageIds.next();
    assertThat(after).isGreaterThan(before);
    assertThat(Long.parseLong(after.substring(0, 12), 16)).isCloseTo(System.currentTimeMillis(),
        Offset.offset(5_000L));
  }
}
