package io.switchboard.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTextTest {

  @Test
  void splitsLooseWordsFromQuotedPhrases() {
    QueryText text = QueryText.parse("climbing \"next saturday\" rope \"bring it");

    assertThat(text.words()).isEqualTo("climbing rope");
    assertThat(text.phrases()).containsExactly("next saturday", "bring it");
  }

  @Test
  void queryOperatorsAreJustWords() {
    QueryText text = QueryText.parse("body:kiwi OR conversationId:* AND (");

    assertThat(text.words()).isEqualTo("body:kiwi OR conversationId:* AND (");
    assertThat(text.phrases()).isEmpty();
  }

  @Test
  void refusesNothingToSearchForAndTooLongInput() {
    for (String nothing : List.of("", "   ", "\"\"", "\" \"")) {
      assertThatThrownBy(() -> QueryText.parse(nothing)).isInstanceOf(InvalidQueryException.class);
    }
    assertThatThrownBy(() -> QueryText.parse(null)).isInstanceOf(InvalidQueryException.class);
    assertThat(QueryText.parse("a".repeat(QueryText.MAX_LENGTH)).words()).hasSize(QueryText.MAX_LENGTH);
    assertThatThrownBy(() -> QueryText.parse("a".repeat(QueryText.MAX_LENGTH + 1)))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("256");
  }
}
