package io.switchboard.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryBuilderTest {

  private static SearchCriteria criteria(String q, SortOrder sort, List<Object> after) {
    return new SearchCriteria(QueryText.parse(q), null, null, null, null, sort, 20, after);
  }

  @Test
  void everyQueryIsFilteredToTheReadableWindows() {
    SearchRequest request = SearchQueryBuilder.build("messages", criteria("kiwi", SortOrder.NEWEST, List.of()),
        List.of(ReadableWindow.whole("dm-a-b"), new ReadableWindow("g-1", 12, 40L), new ReadableWindow("g-2", 3, null)));
    String json = JsonpUtils.toJsonString(request, new co.elastic.clients.json.jackson.JacksonJsonpMapper());

    assertThat(json)
        .contains("\"terms\":{\"conversationId\":[\"dm-a-b\"]}")
        .contains("\"term\":{\"conversationId\":{\"value\":\"g-1\"}}")
        .contains("\"gte\":12").contains("\"lte\":40")
        .contains("\"term\":{\"conversationId\":{\"value\":\"g-2\"}}")
        .contains("\"minimum_should_match\":\"1\"")
        .contains("\"match\":{\"body\":{\"operator\":\"and\",\"query\":\"kiwi\"}}");
  }

  @Test
  void aQueryWithoutReadableWindowsCannotBeBuilt() {
    assertThatThrownBy(() -> SearchQueryBuilder.build("messages", criteria("kiwi", SortOrder.NEWEST, List.of()),
        List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCursorOfAnotherSortIsRefused() {
    assertThatThrownBy(() -> SearchQueryBuilder.build("messages",
        criteria("kiwi", SortOrder.RELEVANCE, List.of(1L, "dm-a-b", 3L)), List.of(ReadableWindow.whole("dm-a-b"))))
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void cursorsRoundTripAndGarbageIsRefused() {
    List<Object> values = List.of(1764268844902L, "dm-a-b", 7);
    assertThat(SearchCursor.decode(SearchCursor.encode(values))).containsExactlyElementsOf(values);
    for (String garbage : List.of("", "not-a-cursor", "W10", "e30", "x".repeat(2000))) {
      assertThatThrownBy(() -> SearchCursor.decode(garbage)).isInstanceOf(InvalidQueryException.class);
    }
  }
}
