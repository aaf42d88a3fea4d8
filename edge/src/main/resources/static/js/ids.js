/** Identifiers the client makes up or derives. */

/**
 * The id of the direct conversation of two users, exactly as the server derives it
 * (io.switchboard.protocol.ConversationIds#direct): "dm-" and the two user ids in order. Knowing it lets a
 * chat be opened before its first message exists.
 */
export function directConversationId(userA, userB) {
  return userA < userB ? `dm-${userA}-${userB}` : `dm-${userB}-${userA}`;
}

/** The two user ids of a direct conversation id, or null for any other kind. */
export function directParticipants(conversationId) {
  const match = /^dm-([^-]+)-([^-]+)$/.exec(conversationId ?? '');
  return match ? [match[1], match[2]] : null;
}

/**
 * A fresh client message id. It is chosen once, when the user presses Enter, and kept with the message until
 * the server accepts it: every resend carries the same id, which is how the router drops duplicates.
 */
export function newClientMessageId() {
  // getRandomValues rather than randomUUID: the latter exists only on https or localhost, and a newcomer may
  // well open the page by the machine's LAN address
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
