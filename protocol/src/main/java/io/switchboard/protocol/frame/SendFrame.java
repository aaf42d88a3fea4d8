package io.switchboard.protocol.frame;

/**
 * Send a message. Exactly one of {@code to} (a user id: the direct conversation with them) or
 * {@code conversationId} names where it goes. {@code clientMessageId} is chosen by the client and reused on
 * every resend of the same message, which is how the router knows a resend from a new message.
 */
public record SendFrame(String clientMessageId, String to, String conversationId, String body)
    implements ClientFrame {

  public static final String TYPE = "send";
  public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 64;

  public SendFrame {
    FrameRules.requireText(clientMessageId, "clientMessageId");
    if (clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
      throw new IllegalArgumentException(
          "clientMessageId is longer than " + MAX_CLIENT_MESSAGE_ID_LENGTH + " characters");
    }
    if ((to == null) == (conversationId == null)) {
      throw new IllegalArgumentException("exactly one of 'to' and 'conversationId' is required");
    }
    if (to != null) {
      FrameRules.requireText(to, "to");
    } else {
      FrameRules.requireText(conversationId, "conversationId");
    }
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("'body' is required and must not be blank");
    }
  }
}
