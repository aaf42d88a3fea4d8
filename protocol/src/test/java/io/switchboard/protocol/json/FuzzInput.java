package io.switchboard.protocol.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded random property tests of our own: a runner that checks a property on N generated cases, and the
 * generators the frame parser's properties draw from.
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

  /** Text of the given characters only, up to {@code maxLength}. */
  static String stringOf(Random random, String chars, int maxLength) {
    int length = length(random, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(chars.charAt(random.nextInt(chars.length())));
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

  private static final List<Long> EDGE_LONGS =
      List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1);

  /** Any long, with the edges and small numbers often. */
  static long anyLong(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> pick(random, EDGE_LONGS);
      case 1, 2 -> random.nextInt(2001) - 1000;
      default -> random.nextLong();
    };
  }

  // ---- frames ---------------------------------------------------------------------------------------------

  private static final String MUTATION_CHARS = "{}[]\":,\\0-x\u0000\u00e9\ud83d";

  /** A valid frame with 1 to 4 random edits: characters deleted, inserted, replaced; cut short; doubled. */
  static String mutatedFrame(Random random, List<String> valid) {
    String text = pick(random, valid);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      char character = MUTATION_CHARS.charAt(random.nextInt(MUTATION_CHARS.length()));
      text = mutate(text, random.nextInt(6), where(random), character);
    }
    return text;
  }

  static String mutate(String text, int kind, double where, char character) {
    if (text.isEmpty()) {
      return String.valueOf(character);
    }
    int at = (int) (where * text.length());
    int index = Math.min(at, text.length() - 1);
    return switch (kind) {
      case 0 -> text.substring(0, index) + text.substring(index + 1);
      case 1 -> text.substring(0, at) + character + text.substring(at);
      case 2 -> text.substring(0, index) + character + text.substring(index + 1);
      case 3 -> text.substring(0, at);
      case 4 -> text.substring(0, at) + text.substring(index);
      default -> text + text.substring(at);
    };
  }

  private static final List<String> REAL_TYPES = List.of("send", "ack", "read", "ping", "typing", "presence_query");
  private static final List<String> OTHER_TYPES = List.of("SEND", "", "welcome", "error", "message");
  private static final List<String> MEMBER_NAMES =
      List.of("clientMessageId", "to", "conversationId", "body", "seq", "nonce", "userIds", "type", "extra");
  private static final List<String> TEXTS = List.of("", " ", "6dd7f8b5bf0e4a389e7a15124aaa9be8", "c-1");
  private static final List<String> LITERALS = List.of("0", "-1", "1", "1.5", "1e400", "-0", "9223372036854775808",
      "true", "false", "null", "{}", "[]", "[1,2]", "{\"a\":1}");

  /** {"type": a real one (or not), plus up to 6 members of the right names with values of any JSON type}. */
  static String frameOfAnyShape(Random random) {
    String type = random.nextBoolean() ? pick(random, REAL_TYPES) : pick(random, OTHER_TYPES);
    Map<String, String> members = new LinkedHashMap<>();
    int size = length(random, 6);
    while (members.size() < size) {
      members.put(pick(random, MEMBER_NAMES), jsonValue(random));
    }
    List<String> entries = new ArrayList<>();
    entries.add("\"type\":" + quote(type));
    members.forEach((key, value) -> entries.add(quote(key) + ":" + value));
    return "{" + String.join(",", entries) + "}";
  }

  /** A JSON value of any type: a string, a number, a literal or small structure, an array of strings. */
  static String jsonValue(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return quote(text(random));
      case 1:
        return String.valueOf(anyLong(random));
      case 2:
        return pick(random, LITERALS);
      default:
        int items = length(random, 120);
        List<String> quoted = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
          quoted.add(quote(text(random)));
        }
        return "[" + String.join(",", quoted) + "]";
    }
  }

  /** Any text up to 80, or 65 long (one past the longest clientMessageId), or one of a few that are near valid. */
  private static String text(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> anyString(random, 80);
      case 1 -> anyStringOfLength(random, 65);
      default -> pick(random, TEXTS);
    };
  }

  static String quote(String text) {
    return SwitchboardJson.mapper().writeValueAsString(text);
  }
}
