package io.switchboard.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeChoiceTest {

  private final EdgeInstance busyInA = new EdgeInstance("a1", "ws://a1/ws", "a", 50);
  private final EdgeInstance quietInA = new EdgeInstance("a2", "ws://a2/ws", "a", 10);
  private final EdgeInstance idleInB = new EdgeInstance("b1", "ws://b1/ws", "b", 0);

  @Test
  void theClientsZoneComesBeforeLoad() {
    assertThat(EdgeChoice.best(List.of(busyInA, quietInA, idleInB), "a")).contains(quietInA);
  }

  @Test
  void withoutAZoneOrAnEdgeInItTheLeastLoadedWins() {
    assertThat(EdgeChoice.best(List.of(busyInA, quietInA, idleInB), null)).contains(idleInB);
    assertThat(EdgeChoice.best(List.of(busyInA, quietInA, idleInB), "c")).contains(idleInB);
  }

  @Test
  void equalLoadIsBrokenByIdAndNoEdgesMeansNone() {
    EdgeInstance twin = new EdgeInstance("a0", "ws://a0/ws", "a", 10);
    assertThat(EdgeChoice.best(List.of(quietInA, twin), "a")).contains(twin);
    assertThat(EdgeChoice.best(List.of(), "a")).isEmpty();
  }
}
