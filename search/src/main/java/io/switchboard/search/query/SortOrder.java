package io.switchboard.search.query;

import java.util.Locale;

/** How hits are ordered; both end with the same stable tiebreak, so pages never repeat or skip a hit. */
public enum SortOrder {
  NEWEST,
  RELEVANCE;

  public static SortOrder parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("'sort' must be 'newest' or 'relevance'");
    }
  }
}
