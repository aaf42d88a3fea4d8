import { h } from '../dom.js';

/** Short notes that belong to no message ("the server reported a problem"), read out politely, gone after a while. */
export class Toasts {
  static SHOW_MILLIS = 6000;

  constructor() {
    this.element = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
  }

  show(text) {
    const toast = h('p', { class: 'toast' }, text);
    this.element.append(toast);
    setTimeout(() => toast.remove(), Toasts.SHOW_MILLIS);
  }
}
