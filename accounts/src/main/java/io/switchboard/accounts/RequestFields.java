package io.switchboard.accounts;

/**
 * Checks on the text fields of a request body. Each failure is an {@link InvalidRequestException} naming the
 * field; handlers call these inside {@code map}, so a failure becomes the pipeline's error.
 */
public final class RequestFields {

  private RequestFields() {}

  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw InvalidRequestException.field(field, "is required");
    }
    return value;
  }

  /** Free text a client may leave out: trimmed; absent or blank gives {@code fallback}. */
  public static String optional(String field, String value, int maxLength, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String trimmed = value.strip();
    if (lengthOf(trimmed) > maxLength) {
      throw InvalidRequestException.field(field, "must be at most " + maxLength + " characters");
    }
    return trimmed;
  }

  /** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
  public static int lengthOf(String text) {
    return text.codePointCount(0, text.length());
  }
}
