import { h } from '../dom.js';

/** The words a user sees for each state: what is happening, not a protocol term. */
const LABELS = {
  online: 'Online',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: waiting for the network',
  'signed-out': 'Signed out',
};

/**
 * The connection state of one account, stated honestly: "Online" only once the backlog has been caught up.
 * The label is a live region, so a screen reader hears the connection drop and return; the countdown to the
 * next attempt is visual only, or it would be read out every second.
 */
export class ConnectionStatus {
  constructor() {
    this.label = h('span', { class: 'status-text', role: 'status' });
    this.countdown = h('span', { class: 'status-countdown', 'aria-hidden': 'true' });
    this.retry = h('button', {
      type: 'button', class: 'link-button status-retry', hidden: true, 'aria-label': 'Reconnect now',
    }, 'Retry');
    this.element = h('div', { class: 'connection-status' },
      h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.label, this.countdown, this.retry);
    this.retry.addEventListener('click', () => this.session?.socket.reconnectNow());
  }

  render(session) {
    this.session = session;
    const state = session.connection;
    this.element.dataset.state = state;
    setText(this.label, LABELS[state] ?? state);
    const seconds = state === 'reconnecting' && session.retryAt
      ? Math.ceil((session.retryAt - Date.now()) / 1000)
      : 0;
    setText(this.countdown, seconds > 0 ? `${seconds} s` : '');
    this.retry.hidden = state !== 'reconnecting';
  }
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
