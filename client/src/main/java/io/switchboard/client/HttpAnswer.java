package io.switchboard.client;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An HTTP answer: status, content type, the JSON body (null when empty) and every header. */
public record HttpAnswer(int status, String contentType, JsonNode body, Map<String, List<String>> headers) {

  public HttpAnswer(int status, String contentType, JsonNode body) {
    this(status, contentType, body, Map.of());
  }

  /** The first value of a header (names are case-insensitive), or null. */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty())
        .map(entry -> entry.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  @Override
  public String toString() {
    return "HttpAnswer[status=" + status + ", contentType=" + contentType + ", body=" + body + "]";
  }
}
