import { Emitter } from './events.js';

/** A typing notice is shown this long unless another one renews it (docs/protocol.md, "typing"). */
const TYPING_SHOWN_MILLIS = 6_000;

/** While the user types, the server is told at most this often per conversation (it passes on one a second). */
const TYPING_SEND_EVERY_MILLIS = 3_000;

/**
 * Who is online and who is typing, as this account's socket hears it. Contacts' changes arrive live; the
 * state of anyone else is asked for (presence_query) when it is needed. Emits 'change'.
 */
export class Presence extends Emitter {
  #byUser = new Map();
  /** conversationId -> Map(userId -> timer that ends the notice) */
  #typing = new Map();
  #lastTypingSent = new Map();

  /** A 'presence' frame: { userId, status, lastSeenAt? }. */
  apply(frame) {
    this.#byUser.set(frame.userId, { status: frame.status, lastSeenAt: frame.lastSeenAt ?? null });
    if (frame.status === 'offline') {
      for (const conversationId of this.#typing.keys()) {
        this.stopTyping(conversationId, frame.userId);
      }
    }
    this.emit('change');
  }

  /** { status: 'online' | 'offline', lastSeenAt } or undefined when not known. */
  of(userId) {
    return this.#byUser.get(userId);
  }

  /** A 'typing' frame: shown for a few seconds unless renewed. */
  typing({ conversationId, userId }) {
    const typers = this.#typing.get(conversationId) ?? new Map();
    this.#typing.set(conversationId, typers);
    clearTimeout(typers.get(userId));
    typers.set(userId, setTimeout(() => this.stopTyping(conversationId, userId), TYPING_SHOWN_MILLIS));
    this.emit('change');
  }

  /** Their message arrived (or they went offline): the notice ends now. */
  stopTyping(conversationId, userId) {
    const typers = this.#typing.get(conversationId);
    if (typers?.has(userId)) {
      clearTimeout(typers.get(userId));
      typers.delete(userId);
      this.emit('change');
    }
  }

  /** Who is typing in the conversation now. */
  typersIn(conversationId) {
    return [...(this.#typing.get(conversationId)?.keys() ?? [])];
  }

  /** Whether this keystroke should tell the server (at most once per few seconds per conversation). */
  shouldSendTyping(conversationId, now = Date.now()) {
    if (now - (this.#lastTypingSent.get(conversationId) ?? 0) < TYPING_SEND_EVERY_MILLIS) {
      return false;
    }
    this.#lastTypingSent.set(conversationId, now);
    return true;
  }

  /** The user sent the message: the next keystroke starts a new "typing". */
  sent(conversationId) {
    this.#lastTypingSent.delete(conversationId);
  }
}
