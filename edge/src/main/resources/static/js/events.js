/**
 * A minimal event emitter. Views subscribe to state objects through it, so state never needs to know
 * which views exist (and new features, such as presence, can add their own listeners).
 */
export class Emitter {
  #listeners = new Map();

  /** Subscribes; returns the function that unsubscribes. */
  on(event, listener) {
    if (!this.#listeners.has(event)) {
      this.#listeners.set(event, new Set());
    }
    this.#listeners.get(event).add(listener);
    return () => this.#listeners.get(event)?.delete(listener);
  }

  emit(event, detail) {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      listener(detail);
    }
  }
}
