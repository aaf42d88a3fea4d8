package io.switchboard.search.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user typed, split into loose words and "quoted phrases". It is only ever used as the text of match
 * and match_phrase queries, never parsed as query syntax, so nothing typed can break or widen a query. A quote
 * left open runs to the end of the input.
 *
 * @param words the words outside quotes, space separated; every one must match (empty when there are none)
 * @param phrases each quoted phrase, to match as written
 */
public record QueryText(String words, List<String> phrases) {

  /** Longest {@code q} accepted; a search box needs far less, and it bounds the work one query can ask for. */
  public static final int MAX_LENGTH = 256;

  private static final Pattern PHRASE_OR_WORD = Pattern.compile("\"([^\"]*)(?:\"|$)|([^\\s\"]+)");

  /** Parses {@code q}; fails with {@link InvalidQueryException} when it is missing, blank, too long or only quotes. */
  public static QueryText parse(String q) {
    if (q == null || q.isBlank()) {
      throw new InvalidQueryException("'q' must name something to search for");
    }
    if (q.length() > MAX_LENGTH) {
      throw new InvalidQueryException("'q' must be at most " + MAX_LENGTH + " characters");
    }
    List<String> words = new ArrayList<>();
    List<String> phrases = new ArrayList<>();
    Matcher matcher = PHRASE_OR_WORD.matcher(q);
    while (matcher.find()) {
      if (matcher.group(2) != null) {
        words.add(matcher.group(2));
      } else if (!matcher.group(1).isBlank()) {
        phrases.add(matcher.group(1).strip());
      }
    }
    if (words.isEmpty() && phrases.isEmpty()) {
      throw new InvalidQueryException("'q' must name something to search for");
    }
    return new QueryText(String.join(" ", words), List.copyOf(phrases));
  }
}
