import { Emitter } from './events.js';

/**
 * Names of the people in one account's conversations. The conversation list carries only user ids, so names
 * are looked up once each and cached; views show the id's placeholder until the name arrives (a 'change').
 */
export class UserDirectory extends Emitter {
  #api;
  #users = new Map();
  #pending = new Map();
  #failedAt = new Map();

  /** A failed lookup is not repeated on every render, only after this long. */
  static RETRY_FAILED_AFTER_MILLIS = 30_000;

  constructor(api) {
    super();
    this.#api = api;
  }

  /** The user if known now; otherwise null, and a lookup starts. */
  peek(userId) {
    const user = this.#users.get(userId);
    const failedAt = this.#failedAt.get(userId) ?? 0;
    if (!user && Date.now() - failedAt > UserDirectory.RETRY_FAILED_AFTER_MILLIS) {
      this.lookup(userId).catch(() => {});
    }
    return user ?? null;
  }

  async lookup(userId) {
    if (this.#users.has(userId)) {
      return this.#users.get(userId);
    }
    if (!this.#pending.has(userId)) {
      const pending = this.#api.user(userId)
        .then((user) => {
          this.remember(user);
          return user;
        })
        .catch((error) => {
          this.#failedAt.set(userId, Date.now());
          throw error;
        })
        .finally(() => this.#pending.delete(userId));
      this.#pending.set(userId, pending);
    }
    return this.#pending.get(userId);
  }

  remember(user) {
    this.#users.set(user.userId, user);
    this.emit('change');
  }

  /** What to call a user: their display name, or a neutral placeholder until it is known. */
  nameOf(userId) {
    return this.peek(userId)?.displayName ?? 'Loading…';
  }
}
