package io.switchboard.search.query;

import io.switchboard.protocol.json.SwitchboardJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.type.TypeReference;

/**
 * The opaque {@code after} cursor: the sort values of a page's last hit, as base64url JSON. Clients pass it back
 * unchanged; anything else they pass is a 400, never a failed query.
 */
final class SearchCursor {

  /** A cursor holds a few sort values; anything longer is not one of ours. */
  private static final int MAX_LENGTH = 1024;

  private SearchCursor() {}

  static String encode(List<Object> sortValues) {
    byte[] json = SwitchboardJson.mapper().writeValueAsBytes(sortValues);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  static List<Object> decode(String cursor) {
    if (cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor);
      List<Object> values = SwitchboardJson.mapper().readValue(
          new String(json, StandardCharsets.UTF_8), new TypeReference<List<Object>>() {});
      if (values.isEmpty() || !values.stream().allMatch(value -> value instanceof Number || value instanceof String)) {
        throw invalid();
      }
      return values;
    } catch (InvalidQueryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid();
    }
  }

  private static InvalidQueryException invalid() {
    return new InvalidQueryException("'after' is not a cursor this search returned");
  }
}
