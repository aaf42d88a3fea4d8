package io.switchboard.protocol;

/**
 * How far a member has got with a conversation's messages: a device of theirs holds them (delivered), or
 * they have read them (read). Read implies delivered.
 */
public enum ReceiptKind {
  DELIVERED("delivered"),
  READ("read");

  private final String wireName;

  ReceiptKind(String wireName) {
    this.wireName = wireName;
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String wireName() {
    return wireName;
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static ReceiptKind fromWireName(String wireName) {
    for (ReceiptKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown receipt kind " + wireName);
  }
}
