package io.switchboard.search.query;

import java.util.List;

/** One page of hits; {@code next} is the {@code after} cursor of the following page, null on the last one. */
public record SearchPage(List<SearchHit> hits, String next) {

  static final SearchPage EMPTY = new SearchPage(List.of(), null);
}
