package io.switchboard.app.e2e;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded random property tests of our own, for the end-to-end fuzzers: a runner that checks a property on N
 * generated cases, and a few generators. A small copy of the protocol module's FuzzInput (its test classes are
 * not visible here); the frame parser's own generators stay there.
 *
 * <p>Every case has a {@link Random} of its own, seeded from the run's seed, the property's name and the case's
 * number, so a failing case can be replayed alone: the failure names the seed and the case, and
 * {@code -Dswitchboard.fuzz.seed=S -Dswitchboard.fuzz.case=N} runs just that one. The seed is fixed unless
 * given, so CI runs the same cases every time; give another to explore.
 */
final class FuzzInput {

  static final String SEED_PROPERTY = "switchboard.fuzz.seed";
  static final String CASE_PROPERTY = "switchboard.fuzz.case";
  static final long DEFAULT_SEED = 20_261_128L;
  private static final int SHOWN_INPUT = 4_000;

  private FuzzInput() {}

  /** What a property does with one input; outcomes it records are counted and printed with the case count. */
  interface Property<T> {
    void check(T input, Outcomes outcomes) throws Exception;
  }

  /** Counts of outcomes per label, for the report: a generator that only ever makes one kind of input shows. */
  static final class Outcomes {
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

    void collect(Object outcome) {
      collect("outcomes", outcome);
    }

    void collect(String label, Object outcome) {
      counts.computeIfAbsent(label, any -> new TreeMap<>()).merge(String.valueOf(outcome), 1, Integer::sum);
    }
  }

  /** Checks the property on {@code cases} inputs; the first failing one fails the test, naming how to replay it. */
  static <T> void check(String property, int cases, Function<Random, T> generator, Property<T> check) {
    long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    Integer only = Integer.getInteger(CASE_PROPERTY);
    Outcomes outcomes = new Outcomes();
    long started = System.nanoTime();
    int first = only == null ? 1 : only;
    int last = only == null ? cases : only;
    for (int n = first; n <= last; n++) {
      T input = generator.apply(new Random(caseSeed(seed, property, n)));
      try {
        check.check(input, outcomes);
      } catch (Throwable failure) {
        throw new AssertionError(String.format(
            "%s failed on case %d of %d (seed %d; replay it with -D%s=%d -D%s=%d)%ninput: %s%n%s", property, n, cases,
            seed, SEED_PROPERTY, seed, CASE_PROPERTY, n, shown(input), failure), failure);
      }
    }
    int ran = last - first + 1;
    StringBuilder report = new StringBuilder(String.format("%s: %d cases passed (seed %d) in %d ms%n", property, ran,
        seed, (System.nanoTime() - started) / 1_000_000));
    outcomes.counts.forEach((label, counts) -> {
      report.append("  ").append(label).append(':').append(System.lineSeparator());
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(each -> report.append(String.format("    %-24s %6d (%5.1f%%)%n", each.getKey(), each.getValue(),
              100.0 * each.getValue() / ran)));
    });
    System.out.print(report);
  }

  /** A different stream per property and per case, all fixed by the one seed. */
  static long caseSeed(long seed, String property, int caseNumber) {
    long mixed = seed * 0x9E3779B97F4A7C15L + property.hashCode();
    mixed = mixed * 0x9E3779B97F4A7C15L + caseNumber;
    return mixed ^ (mixed >>> 31);
  }

  /** The input as text that survives a log: control characters and surrogates escaped, cut short if huge. */
  static String shown(Object input) {
    String text = String.valueOf(input);
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < text.length() && i < SHOWN_INPUT; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        shown.append("\\\\");
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    shown.append('"');
    if (text.length() > SHOWN_INPUT) {
      shown.append(String.format("… (first %d of %d characters)", SHOWN_INPUT, text.length()));
    }
    return shown.toString();
  }

  // ---- generators -------------------------------------------------------------------------------------------

  static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** A length up to {@code max}, often short, sometimes exactly 0 or {@code max}. */
  static int length(Random random, int max) {
    return switch (random.nextInt(8)) {
      case 0 -> 0;
      case 1 -> max;
      case 2, 3, 4 -> random.nextInt(Math.min(max, 10) + 1);
      default -> random.nextInt(max + 1);
    };
  }

  private static final String ODD_CHARS = "\u007f\u0085\u00a0\u2028\ufeff\uffff\ufffd";

  /** Any UTF-16 unit, lone surrogates and controls included, with the ones that matter to JSON more often. */
  static char anyChar(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> (char) (0x20 + random.nextInt(0x5f)); // printable ASCII
      case 4 -> (char) random.nextInt(0x20); // controls
      case 5 -> "{}[]\":,\\".charAt(random.nextInt(8));
      case 6 -> (char) (0xd800 + random.nextInt(0x800)); // surrogates, paired or not
      case 7 -> ODD_CHARS.charAt(random.nextInt(ODD_CHARS.length()));
      default -> (char) random.nextInt(0x10000);
    };
  }

  /** Any text up to {@code maxLength} UTF-16 units. */
  static String anyString(Random random, int maxLength) {
    return anyStringOfLength(random, length(random, maxLength));
  }

  static String anyStringOfLength(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(anyChar(random));
    }
    return text.toString();
  }

  /** Text of characters from {@code first} to {@code last} only, exactly {@code length} long. */
  static String stringOf(Random random, char first, char last, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) (first + random.nextInt(last - first + 1)));
    }
    return text.toString();
  }

  /** A place in a text, as a fraction of its length: its very start and end come up often. */
  static double where(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> 0.0;
      case 1 -> 1.0;
      default -> random.nextDouble();
    };
  }
}
