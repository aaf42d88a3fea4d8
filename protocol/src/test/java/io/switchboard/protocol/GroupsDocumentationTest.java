package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.broker.MembershipRefusal;
import io.switchboard.protocol.frame.MessageFrame;
import io.switchboard.protocol.json.FrameCodec;
import io.switchboard.protocol.json.SwitchboardJson;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/groups.md true: its event examples decode and encode back to the same JSON, and every event type
 * and every refusal code is documented there.
 */
class GroupsDocumentationTest {

  private static final Path GROUPS_DOC = Path.of("docs", "groups.md");

  private final FrameCodec codec = new FrameCodec();
  private final String doc = ProtocolDocumentationTest.read(GROUPS_DOC);

  @Test
  void everyEventExampleDecodesAndRoundTrips() {
    List<String> examples = ProtocolDocumentationTest.fencedBlocks(doc, ProtocolDocumentationTest.SERVER_FRAME_FENCE);
    assertThat(examples).isNotEmpty();
    for (String example : examples) {
      MessageFrame frame = (MessageFrame) codec.decodeServerFrame(example);
      assertThat(frame.message().event()).as("an event example: %s", example).isNotNull();
      assertThat(SwitchboardJson.mapper().readTree(codec.encode(frame)))
          .as("decoded and encoded again").isEqualTo(SwitchboardJson.mapper().readTree(example));
    }
  }

  @Test
  void everyEventTypeAndRefusalIsDocumented() {
    Arrays.stream(ConversationEvent.Type.values())
        .filter(type -> type != ConversationEvent.Type.UNKNOWN)
        .map(type -> "`" + type.name().toLowerCase(Locale.ROOT) + "`")
        .forEach(name -> assertThat(doc).as("event type %s in %s", name, GROUPS_DOC).contains(name));
    Arrays.stream(MembershipRefusal.values())
        .map(refusal -> "`" + refusal.wireName() + "`")
        .forEach(code -> assertThat(doc).as("refusal %s in %s", code, GROUPS_DOC).contains(code));
  }
}
