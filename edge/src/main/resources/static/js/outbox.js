import { Emitter } from './events.js';

/**
 * Messages written but not yet accepted by the server, per account, in localStorage: a message typed while
 * offline survives a reload and goes out when the connection returns.
 *
 * Each entry keeps the clientMessageId chosen when it was written. It is resent with that same id after every
 * reconnect (and after a quiet timeout) until an 'accepted' frame, or the message itself coming back from the
 * backlog, says the server has it; the router drops the duplicates, so it is sent exactly once.
 *
 * Entries: { clientMessageId, conversationId, to, body, createdAt, lastSentAt, failure }. `to` is the other
 * user's id for a direct chat (which creates the conversation on its first message); failure is set when the
 * server refused the message for good ({ code, message }), and such an entry is not resent.
 */
export class Outbox extends Emitter {
  #key;

  constructor(userId) {
    super();
    this.#key = `switchboard.outbox.v1.${userId}`;
    // another tab of this browser may change the outbox too
    window.addEventListener('storage', (event) => {
      if (event.key === this.#key) {
        this.emit('change');
      }
    });
  }

  all() {
    try {
      return JSON.parse(localStorage.getItem(this.#key)) ?? [];
    } catch {
      return [];
    }
  }

  forConversation(conversationId) {
    return this.all().filter((entry) => entry.conversationId === conversationId);
  }

  get(clientMessageId) {
    return this.all().find((entry) => entry.clientMessageId === clientMessageId) ?? null;
  }

  /** Entries to (re)send now, oldest first. */
  due({ olderThanMillis = 0 } = {}) {
    const now = Date.now();
    return this.all().filter((entry) => !entry.failure && (!entry.lastSentAt || now - entry.lastSentAt >= olderThanMillis));
  }

  add(entry) {
    this.#write([...this.all(), { ...entry, lastSentAt: null, failure: null }]);
  }

  markSent(clientMessageId) {
    this.#update(clientMessageId, { lastSentAt: Date.now() });
  }

  markFailed(clientMessageId, failure) {
    this.#update(clientMessageId, { failure });
  }

  /** "Try again" on a failed message: it goes back in line, with its original id. */
  retry(clientMessageId) {
    this.#update(clientMessageId, { failure: null, lastSentAt: null });
  }

  /** The server has it (or the user gave up on it). Returns the entry, or null if it was not here. */
  remove(clientMessageId) {
    const entries = this.all();
    const entry = entries.find((candidate) => candidate.clientMessageId === clientMessageId) ?? null;
    if (entry) {
      this.#write(entries.filter((candidate) => candidate !== entry));
    }
    return entry;
  }

  #update(clientMessageId, changes) {
    this.#write(this.all().map((entry) => (entry.clientMessageId === clientMessageId ? { ...entry, ...changes } : entry)));
  }

  #write(entries) {
    if (entries.length === 0) {
      localStorage.removeItem(this.#key);
    } else {
      localStorage.setItem(this.#key, JSON.stringify(entries));
    }
    this.emit('change');
  }
}
