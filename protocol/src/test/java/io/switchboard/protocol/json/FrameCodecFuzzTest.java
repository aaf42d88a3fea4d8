package io.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.frame.AckFrame;
import io.switchboard.protocol.frame.ClientFrame;
import io.switchboard.protocol.frame.PresenceQueryFrame;
import io.switchboard.protocol.frame.ReadFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.TypingFrame;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The frame parser against hostile input: whatever text arrives, decoding gives a valid frame or a
 * {@link FrameException} with one of the parser's codes, never anything else (an exception of another kind
 * would reach the socket handler as a fault). Run fast and in their thousands: the socket-level properties
 * (app module) need far fewer because this one covers the parser's input space. Seeded random property tests
 * of our own ({@link FuzzInput}): a failure names the seed and the case that replay it.
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

  @Test
  void anyTextDecodesToAFrameOrAParserError() {
    FuzzInput.check("FrameCodecFuzzTest.anyText", 3000, FrameCodecFuzzTest::anyText,
        this::assertDecodesOrRefuses);
  }

  @Test
  void mutatedFramesDecodeToAFrameOrAParserError() {
    FuzzInput.check("FrameCodecFuzzTest.mutatedFrames", 4000, random -> FuzzInput.mutatedFrame(random, VALID),
        this::assertDecodesOrRefuses);
  }

  @Test
  void framesOfKnownTypesWithMembersOfAnyShapeDecodeOrNameTheProblem() {
    FuzzInput.check("FrameCodecFuzzTest.framesOfAnyShape", 3000, FuzzInput::frameOfAnyShape,
        this::assertDecodesOrRefuses);
  }

  @Test
  void whatDecodesObeysTheFrameRulesAndSurvivesARoundTrip() {
    FuzzInput.check("FrameCodecFuzzTest.roundTrip", 1000, random -> FuzzInput.mutatedFrame(random, VALID),
        this::assertObeysTheRulesAndRoundTrips);
  }

  private void assertObeysTheRulesAndRoundTrips(String text, FuzzInput.Outcomes outcomes) {
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(text);
    } catch (FrameException refused) {
      outcomes.collect("refused");
      return;
    }
    outcomes.collect(frame.getClass().getSimpleName());
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
  private void assertDecodesOrRefuses(String text, FuzzInput.Outcomes outcomes) {
    try {
      ClientFrame frame = codec.decodeClientFrame(text);
      assertThat(frame).isNotNull();
      outcomes.collect(frame.getClass().getSimpleName());
    } catch (FrameException refused) {
      assertThat(PARSER_CODES).contains(refused.code());
      assertThat(refused.getMessage()).isNotBlank();
      outcomes.collect(refused.code().wireName());
    }
  }

  /** Any text at all; text of JSON's own characters; or a valid frame as it is. */
  private static String anyText(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> FuzzInput.anyString(random, 200);
      case 1 -> FuzzInput.stringOf(random, "{}[]\":,0123456789.-+eEtruefalsn \\u", 120);
      default -> FuzzInput.pick(random, VALID);
    };
  }
}
