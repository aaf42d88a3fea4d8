package io.switchboard.bench.measure;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's live heap holds, class by class, asked with {@code jcmd <pid> GC.class_histogram} (which collects
 * first, so only what is still reachable counts). Two of them, taken before and after the idle devices connected,
 * say where the devices' share of the live heap went: into the edge's own objects for each socket, or into what
 * grew beside them meanwhile (the stand-in's page cache, for one), which the live heap alone cannot tell apart.
 */
public record ClassHistogram(Map<String, Usage> byClass) {

  /** Instances of one class and the bytes they take (shallow: a class's arrays count under the array's class). */
  public record Usage(long instances, long bytes) {}

  /** One class's growth between two histograms, per device. */
  public record Growth(String className, double instancesPerDevice, double bytesPerDevice) {}

  /** "   1:        123456       12345678  [B (java.base@17.0.15)": rank, instances, bytes, class, module. */
  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

  /** The histogram of process {@code pid}, or empty when {@code jcmd} is missing or cannot reach it. */
  public static Optional<ClassHistogram> of(long pid) {
    return Jcmd.run(pid, "GC.class_histogram").map(ClassHistogram::parse)
        .filter(histogram -> !histogram.byClass().isEmpty());
  }

  /** Reads {@code jcmd}'s table; a class listed twice (one per class loader) is counted once, summed. */
  public static ClassHistogram parse(String jcmdOutput) {
    Map<String, Usage> byClass = new HashMap<>();
    Matcher row = ROW.matcher(jcmdOutput);
    while (row.find()) {
      Usage usage = new Usage(Long.parseLong(row.group(1)), Long.parseLong(row.group(2)));
      byClass.merge(readable(row.group(3)), usage,
          (a, b) -> new Usage(a.instances() + b.instances(), a.bytes() + b.bytes()));
    }
    return new ClassHistogram(Map.copyOf(byClass));
  }

  /**
   * The {@code top} classes that grew most in bytes since {@code before}, divided by {@code devices}: per device,
   * how many more instances and how many more bytes. A class that one socket needs once shows 1.0 instances.
   */
  public List<Growth> growthSince(ClassHistogram before, int devices, int top) {
    if (devices <= 0) {
      return List.of();
    }
    Set<String> classes = new HashSet<>(byClass.keySet());
    classes.addAll(before.byClass().keySet());
    Usage none = new Usage(0, 0);
    return classes.stream()
        .map(name -> {
          Usage now = byClass.getOrDefault(name, none);
          Usage then = before.byClass().getOrDefault(name, none);
          return new Growth(name, (now.instances() - then.instances()) / (double) devices,
              (now.bytes() - then.bytes()) / (double) devices);
        })
        .sorted(Comparator.comparingDouble(Growth::bytesPerDevice).reversed())
        .limit(top)
        .toList();
  }

  /** All bytes, every class. */
  public long totalBytes() {
    return byClass.values().stream().mapToLong(Usage::bytes).sum();
  }

  /** The JVM's names for arrays ("[B", "[Ljava.lang.Object;") as a reader writes them. */
  static String readable(String jvmName) {
    int dimensions = 0;
    while (dimensions < jvmName.length() && jvmName.charAt(dimensions) == '[') {
      dimensions++;
    }
    if (dimensions == 0) {
      return jvmName;
    }
    String element = jvmName.substring(dimensions);
    String type = switch (element) {
      case "B" -> "byte";
      case "C" -> "char";
      case "I" -> "int";
      case "J" -> "long";
      case "S" -> "short";
      case "Z" -> "boolean";
      case "F" -> "float";
      case "D" -> "double";
      default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1)
          : element;
    };
    return type + "[]".repeat(dimensions);
  }
}
