package io.switchboard.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.bench.measure.ClassHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The idle scenario's split of the live heap by class: what jcmd prints, read right, and growth per device. */
class ClassHistogramTest {

  private static final String BEFORE = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          1000         160000  [B (java.base@17.0.15)
         2:           500          12000  java.lang.String (java.base@17.0.15)
         3:            10            640  io.switchboard.edge.session.ReceivedFrames
         4:             4            256  [[Ljava.lang.Object; (java.base@17.0.15)
      Total          1514         172896
      """;

  private static final String AFTER = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          3000         960000  [B (java.base@17.0.15)
         2:           700          16800  java.lang.String (java.base@17.0.15)
         3:           110           7040  io.switchboard.edge.session.ReceivedFrames
         4:             5            320  io.switchboard.edge.session.ReceivedFrames
         5:             4            256  [[Ljava.lang.Object; (java.base@17.0.15)
      Total          3819         984416
      """;

  @Test
  void readsEveryRowWithArraysNamedAsWrittenAndAClassListedTwiceSummed() {
    ClassHistogram after = ClassHistogram.parse(AFTER);

    assertThat(after.byClass()).containsOnlyKeys("byte[]", "java.lang.String",
        "io.switchboard.edge.session.ReceivedFrames", "java.lang.Object[][]");
    assertThat(after.byClass().get("io.switchboard.edge.session.ReceivedFrames"))
        .isEqualTo(new ClassHistogram.Usage(115, 7360));
    assertThat(after.totalBytes()).isEqualTo(984416);
  }

  @Test
  void growthIsPerDeviceAndTheClassesThatGrewMostComeFirst() {
    List<ClassHistogram.Growth> growth =
        ClassHistogram.parse(AFTER).growthSince(ClassHistogram.parse(BEFORE), 100, 2);

    assertThat(growth).extracting(ClassHistogram.Growth::className)
        .containsExactly("byte[]", "io.switchboard.edge.session.ReceivedFrames");
    assertThat(growth.get(0).bytesPerDevice()).isEqualTo(8000.0);
    assertThat(growth.get(0).instancesPerDevice()).isEqualTo(20.0);
    assertThat(growth.get(1).instancesPerDevice()).isEqualTo(1.05);
    assertThat(ClassHistogram.parse(AFTER).growthSince(ClassHistogram.parse(BEFORE), 0, 5)).isEmpty();
  }

  /** The real tool against this very JVM: objects made between two histograms show up, one per "device". */
  @Test
  void aLiveJvmsHistogramShowsWhatWasKeptBetweenTwoReadings() {
    long pid = ProcessHandle.current().pid();
    Optional<ClassHistogram> before = ClassHistogram.of(pid);
    List<Kept> kept = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      kept.add(new Kept(i));
    }
    Optional<ClassHistogram> after = ClassHistogram.of(pid);

    assertThat(before).isPresent();
    assertThat(after).isPresent();
    ClassHistogram.Growth keptGrowth = after.get().growthSince(before.get(), kept.size(), Integer.MAX_VALUE).stream()
        .filter(growth -> growth.className().equals(Kept.class.getName()))
        .findFirst().orElseThrow();
    assertThat(keptGrowth.instancesPerDevice()).isCloseTo(1.0, within(0.001));
    assertThat(keptGrowth.bytesPerDevice()).isGreaterThan(0);
    assertThat(kept).hasSize(10_000); // reachable until after the second reading
  }

  private record Kept(long value) {}
}
