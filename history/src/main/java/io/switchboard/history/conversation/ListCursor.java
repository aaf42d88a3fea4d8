package io.switchboard.history.conversation;

import io.switchboard.history.RequestParameters;
import io.switchboard.storage.conversation.ConversationStore.ListPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The conversation list's {@code next} / {@code before}: a row's place in the list, written so clients pass it
 * back unread (base64url of "millis:conversationId"); what it holds may change without notice.
 */
final class ListCursor {

  private ListCursor() {}

  static String encode(ListPosition position) {
    String plain = position.lastActivityAt().toEpochMilli() + ":" + position.conversationId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The place a cursor names; a 400 naming {@code before} for anything this server did not write. */
  static ListPosition decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon > 0 && colon < plain.length() - 1) {
        return new ListPosition(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
            plain.substring(colon + 1));
      }
    } catch (IllegalArgumentException notOurs) {
      // base64 and number errors alike: answered below
    }
    throw RequestParameters.badRequest("'before' must be the 'next' of an earlier page of the list");
  }
}
