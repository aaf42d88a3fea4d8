package io.switchboard.broker.tracing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import reactor.util.context.ContextView;

/**
 * A W3C Trace Context {@code traceparent} (version 00): the trace a message belongs to and the span that
 * published it. The edge starts a trace for every send; it travels as an AMQP header through the router to
 * every delivery, so one message can be followed across services in logs (and by any tracing system that
 * reads the header).
 *
 * <p>It rides in the Reactor context of a publish: {@link io.switchboard.broker.Broker#publishConfirmed} puts the
 * context's trace on every message it publishes, so code between a consumer and its publishes never passes it on
 * by hand.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a>
 */
public record TraceParent(String traceId, String spanId) {

  /** The AMQP header (and Reactor context key) it travels under, named as in W3C Trace Context. */
  public static final String HEADER = "traceparent";

  private static final Pattern WELL_FORMED = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
  private static final String INVALID_TRACE = "0".repeat(32);
  private static final String INVALID_SPAN = "0".repeat(16);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** A new trace, as where a message enters the system. */
  public static TraceParent start() {
    return new TraceParent(randomHex(16), randomHex(8));
  }

  /** The same trace, a new span: what a service publishes while handling something it received. */
  public TraceParent child() {
    return new TraceParent(traceId, randomHex(8));
  }

  /** The header value; sampled flag set, since nothing here drops traces. */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  public static Optional<TraceParent> parse(Object header) {
    if (header == null) {
      return Optional.empty();
    }
    // amqp-client hands string headers back as LongString; its toString is the text
    var matcher = WELL_FORMED.matcher(header.toString());
    if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE) || matcher.group(2).equals(INVALID_SPAN)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(matcher.group(1), matcher.group(2)));
  }

  /** The trace in a received message's headers, if it has a well-formed one. */
  public static Optional<TraceParent> fromHeaders(Map<String, Object> headers) {
    return headers == null ? Optional.empty() : parse(headers.get(HEADER));
  }

  /** The trace a publish runs under, if any. */
  public static Optional<TraceParent> current(ContextView context) {
    return context.getOrEmpty(TraceParent.class);
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HEX.formatHex(random);
  }
}
