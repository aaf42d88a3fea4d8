package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {

  @Test
  void bothSidesNameTheSameDirectConversation() {
    assertThat(ConversationIds.direct("bbb", "aaa")).isEqualTo(ConversationIds.direct("aaa", "bbb"));
    assertThat(ConversationIds.directParticipants(ConversationIds.direct("bbb", "aaa")))
        .contains(List.of("aaa", "bbb"));
  }

  @Test
  void nobodyHasADirectConversationWithThemselves() {
    assertThatThrownBy(() -> ConversationIds.direct("a", "a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedIdsAreNotDirect() {
    assertThat(ConversationIds.directParticipants("dm-b-a")).isEmpty();
    assertThat(ConversationIds.directParticipants("dm-a")).isEmpty();
    assertThat(ConversationIds.directParticipants("group-x")).isEmpty();
  }
}
