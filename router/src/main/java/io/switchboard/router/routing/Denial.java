package io.switchboard.router.routing;

import io.switchboard.protocol.ErrorCode;

/** The sender may not write where it asked to; becomes a {@link RoutingOutcome.Rejected}. */
final class Denial extends RuntimeException {

  private final ErrorCode code;

  private Denial(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static Denial notAMember(String conversationId) {
    // the same answer whether the conversation exists or not: ids of others' conversations are not revealed
    return new Denial(ErrorCode.NOT_A_MEMBER, "you are not a member of conversation " + conversationId);
  }

  static Denial clientMessageIdReused(String clientMessageId) {
    return new Denial(ErrorCode.CLIENT_MESSAGE_ID_REUSED, "clientMessageId " + clientMessageId
        + " was already used by this account for another message; use a new id for each message");
  }

  static Denial unknownRecipient(String detail) {
    return new Denial(ErrorCode.UNKNOWN_RECIPIENT, detail);
  }

  ErrorCode code() {
    return code;
  }
}
