package io.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.TypingFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The frame parser against hostile input: whatever text arrives, decoding gives a valid frame or a
 * {@link FrameException} with one of the parser's codes, never anything else (an exception of another kind
 * would reach the socket handler as a fault). Run fast and in their thousands: the socket-level properties
 * (app module) need far fewer because this one covers the parser's input space.
 */
class FrameCodecFuzzTest {

  private static final Set<ErrorCode> PARSER_CODES =
      Set.of(ErrorCode.MALFORMED_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_FRAME);

  /** One well-formed frame of every client type: the seeds the mutations start from. */
  private static final List<String> VALID = List.of(
      "{\"type\":\"send\",\"clientMessageId\":\"c-0001\",\"to\":\"6dd7f8b5bf0e4a389e7a15124aaa9be8\",\"body\":\"Hi Bob!\"}",
      "{\"type\":\"send\",\"clientMessageId\":\"c-0002\",\"conversationId\":\"g-8d1c1d7e3f1b4a0c9e2f6a5b4c3d2e1f\",\"body\":\"x\"}",
      "{\"type\":\"ack\",\"conversationId\":\"dm-1e4e9e55f46c44c58e7d3680f6f62a7d-6dd7f8b5bf0e4a389e7a15124aaa9be8\",\"seq\":2}",
      "{\"type\":\"read\",\"conversationId\":\"dm-1e4e9e55f46c44c58e7d3680f6f62a7d-6dd7f8b5bf0e4a389e7a15124aaa9be8\",\"seq\":2}",
      "{\"type\":\"ping\",\"nonce\":\"n-1\"}",
      "{\"type\":\"ping\"}",
      "{\"type\":\"typing\",\"conversationId\":\"g-8d1c1d7e3f1b4a0c9e2f6a5b4c3d2e1f\"}",
      "{\"type\":\"presence_query\",\"userIds\":[\"6dd7f8b5bf0e4a389e7a15124aaa9be8\",\"0c5e2d1f9a8b4c7d8e6f5a4b3c2d1e0f\"]}");

  private final FrameCodec codec = new FrameCodec();

  @Property(tries = 3000)
  void anyTextDecodesToAFrameOrAParserError(@ForAll("anyText") String text) {
    assertDecodesOrRefuses(text);
  }

  @Property(tries = 4000)
  void mutatedFramesDecodeToAFrameOrAParserError(@ForAll("mutatedFrames") String text) {
    assertDecodesOrRefuses(text);
  }

  @Property(tries = 3000)
  void framesOfKnownTypesWithMembersOfAnyShapeDecodeOrNameTheProblem(@ForAll("framesOfAnyShape") String text) {
    assertDecodesOrRefuses(text);
  }

  @Property(tries = 1000)
  void whatDecodesObeysTheFrameRulesAndSurvivesARoundTrip(@ForAll("mutatedFrames") String text) {
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(text);
    } catch (FrameException refused) {
      return;
    }
    if (frame instanceof SendFrame send) {
      assertThat(send.clientMessageId()).isNotBlank().hasSizeLessThanOrEqualTo(SendFrame.MAX_CLIENT_MESSAGE_ID_LENGTH);
      assertThat(send.to() == null).isNotEqualTo(send.conversationId() == null);
      assertThat(send.body()).isNotBlank();
    } else if (frame instanceof AckFrame ack) {
      assertThat(ack.seq()).isPositive();
      assertThat(ack.conversationId()).isNotBlank();
    } else if (frame instanceof ReadFrame read) {
      assertThat(read.seq()).isPositive();
      assertThat(read.conversationId()).isNotBlank();
    } else if (frame instanceof TypingFrame typing) {
      assertThat(typing.conversationId()).isNotBlank();
    } else if (frame instanceof PresenceQueryFrame query) {
      assertThat(query.userIds()).isNotEmpty().hasSizeLessThanOrEqualTo(100);
    }
    assertThat(codec.decodeClientFrame(codec.encode(frame))).isEqualTo(frame);
  }

  /** The outcomes are counted in the report, so a generator that only ever makes one kind of input shows. */
  private void assertDecodesOrRefuses(String text) {
    try {
      ClientFrame frame = codec.decodeClientFrame(text);
      assertThat(frame).isNotNull();
      Statistics.collect(frame.getClass().getSimpleName());
    } catch (FrameException refused) {
      assertThat(PARSER_CODES).contains(refused.code());
      assertThat(refused.getMessage()).isNotBlank();
      Statistics.collect(refused.code().wireName());
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtruefalsn \\u").ofMaxLength(120),
        Arbitraries.of(VALID));
  }

  /** A valid frame with a few random edits: characters deleted, inserted, replaced; cut short; doubled. */
  @Provide
  Arbitrary<String> mutatedFrames() {
    Arbitrary<Mutation> mutation = Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.chars().with('{', '}', '[', ']', '"', ':', ',', '\\', '0', '-', 'x', '\u0000', '\u00e9', '\ud83d')
                .injectDuplicates(0.1))
        .as(Mutation::new);
    return Combinators.combine(Arbitraries.of(VALID), mutation.list().ofMinSize(1).ofMaxSize(4))
        .as((seed, mutations) -> {
          String text = seed;
          for (Mutation each : mutations) {
            text = each.applyTo(text);
          }
          return text;
        });
  }

  record Mutation(int kind, double where, char character) {

    String applyTo(String text) {
      if (text.isEmpty()) {
        return String.valueOf(character);
      }
      int at = (int) (where * text.length());
      int index = Math.min(at, text.length() - 1);
      switch (kind) {
        case 0:
          return text.substring(0, index) + text.substring(index + 1);
        case 1:
          return text.substring(0, at) + character + text.substring(at);
        case 2:
          return text.substring(0, index) + character + text.substring(index + 1);
        case 3:
          return text.substring(0, at);
        case 4:
          return text.substring(0, at) + text.substring(index);
        default:
          return text + text.substring(at);
      }
    }
  }

  /** {"type": one of the real ones (or not), plus members of the right names with values of any JSON type}. */
  @Provide
  Arbitrary<String> framesOfAnyShape() {
    Arbitrary<String> type = Arbitraries.oneOf(
        Arbitraries.of("send", "ack", "read", "ping", "typing", "presence_query"),
        Arbitraries.of("SEND", "", "welcome", "error", "message"));
    Arbitrary<String> name = Arbitraries.of(
        "clientMessageId", "to", "conversationId", "body", "seq", "nonce", "userIds", "type", "extra");
    Arbitrary<Map<String, String>> members = Arbitraries.maps(name, jsonValue()).ofMaxSize(6);
    return Combinators.combine(type, members).as((frameType, values) -> {
      List<String> entries = new ArrayList<>();
      entries.add("\"type\":" + quote(frameType));
      values.forEach((key, value) -> entries.add(quote(key) + ":" + value));
      return "{" + String.join(",", entries) + "}";
    });
  }

  private static Arbitrary<String> jsonValue() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().ofLength(65),
        Arbitraries.of("", " ", "6dd7f8b5bf0e4a389e7a15124aaa9be8", "c-1"));
    return Arbitraries.oneOf(
        text.map(FrameCodecFuzzTest::quote),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of("0", "-1", "1", "1.5", "1e400", "-0", "9223372036854775808", "true", "false", "null",
            "{}", "[]", "[1,2]", "{\"a\":1}"),
        text.list().ofMaxSize(120).map(items -> "[" + String.join(",", items.stream().map(FrameCodecFuzzTest::quote)
            .toList()) + "]"));
  }

  private static String quote(String text) {
    return SwitchboardJson.mapper().writeValueAsString(text);
  }

}
