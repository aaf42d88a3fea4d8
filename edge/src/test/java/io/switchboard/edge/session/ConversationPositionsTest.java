package io.switchboard.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a socket knows of a conversation: how far it has given, and who sent what it gave since the last report. */
class ConversationPositionsTest {

  private final ConversationPositions positions = new ConversationPositions();

  @Test
  void aReportNamesEachSenderOfTheMessagesItCoversWithTheirLatestSeqAndOnlyThose() {
    positions.startFrom(Map.of("g", 4L));
    positions.advance("g", 5, "bob");
    positions.advance("g", 6, "carol");
    positions.advance("g", 7, "bob");
    positions.advance("g", 8, "dave");

    ConversationPositions.Senders upToSeven = positions.takeSendersThrough("g", 7);
    assertThat(upToSeven.knownAfter()).isEqualTo(4);
    assertThat(upToSeven.latestSeqBySender()).isEqualTo(Map.of("bob", 7L, "carol", 6L));

    // the next report starts where this one ended, with the message given beyond it
    ConversationPositions.Senders upToEight = positions.takeSendersThrough("g", 8);
    assertThat(upToEight.knownAfter()).isEqualTo(7);
    assertThat(upToEight.latestSeqBySender()).isEqualTo(Map.of("dave", 8L));
    assertThat(positions.last("g")).isEqualTo(8);
  }

  @Test
  void nothingIsNamedWhereTheSocketDidNotGiveEveryMessageOfTheReport() {
    positions.startFrom(Map.of("g", 4L));
    positions.advance("g", 5, "bob");

    // at or below the cursor the device came with: those messages were never given here
    assertThat(positions.takeSendersThrough("g", 4)).isNull();
    // beyond what was given
    assertThat(positions.takeSendersThrough("g", 6)).isNull();
    // never heard of
    assertThat(positions.takeSendersThrough("other", 1)).isNull();
    // a cursor further on (a catch-up after the broker came back) forgets the senders below it
    positions.startFrom(Map.of("g", 9L));
    assertThat(positions.takeSendersThrough("g", 9)).isNull();
    positions.advance("g", 10, "carol");
    assertThat(positions.takeSendersThrough("g", 10).latestSeqBySender()).isEqualTo(Map.of("carol", 10L));
  }

  @Test
  void aConversationFirstGivenHereIsKnownFromItsFirstMessage() {
    positions.advance("new", 1, "alice");
    positions.advance("new", 2, "bob");

    ConversationPositions.Senders senders = positions.takeSendersThrough("new", 2);
    assertThat(senders.knownAfter()).isZero();
    assertThat(senders.latestSeqBySender()).isEqualTo(Map.of("alice", 1L, "bob", 2L));
  }

  @Test
  void aDeviceThatNeverReportsKeepsOnlyTheLatestSendersAndIsNamedFromThere() {
    int given = ConversationPositions.MAX_SENDERS_KEPT + 10;
    for (int seq = 1; seq <= given; seq++) {
      positions.advance("g", seq, "sender" + seq);
    }

    ConversationPositions.Senders senders = positions.takeSendersThrough("g", given);
    assertThat(senders.knownAfter()).isEqualTo(10);
    assertThat(senders.latestSeqBySender()).hasSize(ConversationPositions.MAX_SENDERS_KEPT)
        .containsEntry("sender11", 11L)
        .containsEntry("sender" + given, (long) given);
  }

  @Test
  void theUsersOwnMessagesMoveThePlaceButAreKeptForNobody() {
    positions.startFrom(Map.of("g", 4L));
    for (int seq = 5; seq <= 5 + ConversationPositions.MAX_SENDERS_KEPT; seq++) {
      positions.advance("g", seq, null);
    }
    int next = 6 + ConversationPositions.MAX_SENDERS_KEPT;
    positions.advance("g", next, "bob");

    // still known from the last report on: their own messages took no room
    ConversationPositions.Senders senders = positions.takeSendersThrough("g", next);
    assertThat(senders.knownAfter()).isEqualTo(4);
    assertThat(senders.latestSeqBySender()).isEqualTo(Map.of("bob", (long) next));
  }

  @Test
  void joiningAGroupPlacesTheSocketAtTheJoinSoItsEventIsKnownFromThere() {
    positions.advanceTo("g", 40);
    positions.advance("g", 41, "admin");

    ConversationPositions.Senders senders = positions.takeSendersThrough("g", 41);
    assertThat(senders.knownAfter()).isEqualTo(40);
    assertThat(senders.latestSeqBySender()).isEqualTo(Map.of("admin", 41L));
  }
}
