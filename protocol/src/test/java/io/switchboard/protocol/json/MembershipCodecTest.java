package io.switchboard.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ChatMessage;
import io.switchboard.protocol.ConversationEvent;
import io.switchboard.protocol.broker.MembershipCommand;
import io.switchboard.protocol.broker.MembershipOutcome;
import io.switchboard.protocol.broker.MembershipRefusal;
import io.switchboard.protocol.frame.MessageFrame;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group events inside message frames, and the membership payloads between accounts and router. */
class MembershipCodecTest {

  private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

  private final FrameCodec frames = new FrameCodec();
  private final BrokerCodec broker = new BrokerCodec();

  @Test
  void anEventTravelsInTheMessageWithItsWireNames() {
    ChatMessage added = new ChatMessage("m", "g-1", 4, "ann", null, "event-c-1", "Ann added Bob", AT,
        new ConversationEvent(ConversationEvent.Type.MEMBER_ADDED, "ann", List.of("bob"), null));
    String json = frames.encode(new MessageFrame(added));
    assertThat(json).contains("\"event\":{\"type\":\"member_added\",\"actorId\":\"ann\",\"userIds\":[\"bob\"]}");
    assertThat(frames.decodeServerFrame(json)).isEqualTo(new MessageFrame(added));
  }

  @Test
  void anOrdinaryMessageHasNoEventMemberSoOlderClientsSeeNoChange() {
    ChatMessage plain = new ChatMessage("m", "dm-a-b", 1, "a", "d", "c", "hi", AT);
    assertThat(frames.encode(new MessageFrame(plain))).doesNotContain("event");
  }

  @Test
  void anEventTypeThisVersionDoesNotKnowReadsAsUnknown() {
    String json = "{\"type\":\"message\",\"message\":{\"messageId\":\"m\",\"conversationId\":\"g-1\",\"seq\":9,"
        + "\"senderId\":\"ann\",\"body\":\"Ann pinned a message\",\"sentAt\":\"2026-11-28T10:00:00Z\","
        + "\"event\":{\"type\":\"message_pinned\",\"actorId\":\"ann\"}}}";
    MessageFrame frame = (MessageFrame) frames.decodeServerFrame(json);
    assertThat(frame.message().event().type()).isEqualTo(ConversationEvent.Type.UNKNOWN);
    assertThat(frame.message().body()).isEqualTo("Ann pinned a message");
  }

  @Test
  void membershipCommandsAndOutcomesRoundTrip() {
    MembershipCommand command = new MembershipCommand("c1", "g-1", "ann", MembershipCommand.Change.ADD,
        List.of("bob"), null, null, "switchboard.replies.x", AT);
    assertThat(broker.decodeMembershipCommand(broker.encode(command))).isEqualTo(command);
    MembershipOutcome refused = MembershipOutcome.refused(command, MembershipRefusal.GROUP_FULL, "full");
    assertThat(new String(broker.encode(refused))).contains("\"refusal\":\"group_full\"");
    assertThat(broker.decodeMembershipOutcome(broker.encode(refused))).isEqualTo(refused);
    assertThat(broker.decodeMembershipOutcome(broker.encode(MembershipOutcome.applied(command, List.of(5L))))
        .isApplied()).isTrue();
  }
}
