package io.switchboard.protocol.frame;

/** Field checks shared by frame constructors; each failure names the field, which becomes the error text. */
final class FrameRules {

  private FrameRules() {}

  static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
  }

  static void requirePositive(long value, String field) {
    if (value < 1) {
      throw new IllegalArgumentException("'" + field + "' must be a positive number");
    }
  }
}
