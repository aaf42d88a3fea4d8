package io.switchboard.protocol;

/**
 * Every problem the socket reports, by its stable wire name. Clients switch on the wire name; the text
 * that travels with it is for people.
 */
public enum ErrorCode {
  MALFORMED_JSON("malformed_json"),
  UNKNOWN_TYPE("unknown_type"),
  INVALID_FRAME("invalid_frame"),
  FRAME_TOO_LARGE("frame_too_large"),
  BODY_TOO_LONG("body_too_long"),
  NOT_A_MEMBER("not_a_member"),
  UNKNOWN_RECIPIENT("unknown_recipient"),
  CLIENT_MESSAGE_ID_REUSED("client_message_id_reused"),
  NOT_ACCEPTED("not_accepted"),
  RATE_LIMITED("rate_limited"),
  INTERNAL("internal");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ErrorCode fromWireName(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(wireName)) {
        return code;
      }
    }
    throw new IllegalArgumentException("unknown error code " + wireName);
  }
}
