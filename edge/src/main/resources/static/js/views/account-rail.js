import { h, icon, reconcile } from '../dom.js';
import { badgeText, unreadLabel } from '../format.js';
import { avatar, updateAvatar } from './avatar.js';

const STATE_WORDS = {
  online: 'online',
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  offline: 'offline',
  'signed-out': 'signed out',
};

/**
 * The account switcher: every account on this browser, each with its unread total and connection state, so
 * a message to another account is noticed without switching to it.
 */
export class AccountRail {
  #app;

  constructor(app) {
    this.#app = app;
    this.list = h('ul', { class: 'account-list' });
    this.addButton = h('button', {
      type: 'button', class: 'rail-add', id: 'add-account', 'aria-label': 'Add another account',
      title: 'Add another account', onclick: () => this.#app.showAddAccount(),
    }, icon('plus'));
    this.element = h('nav', { class: 'rail', 'aria-label': 'Accounts' }, this.list, this.addButton);
  }

  render() {
    const accounts = this.#app.accounts();
    reconcile(this.list, accounts, {
      key: (account) => account.userId,
      create: (account) => {
        const button = h('button', { type: 'button', class: 'account-button' },
          avatar(account.userId, account.displayName),
          h('span', { class: 'account-badge', 'aria-hidden': 'true' }),
          h('span', { class: 'account-state', 'aria-hidden': 'true' }));
        button.addEventListener('click', () => this.#app.switchTo(account.userId));
        return h('li', { dataset: { account: account.username } }, button);
      },
      update: (element, account) => this.#update(element, account),
    });
  }

  #update(element, account) {
    const session = this.#app.sessions.get(account.userId);
    const unread = session?.conversations.totalUnread() ?? 0;
    const state = session?.connection ?? 'signed-out';
    const active = account.userId === this.#app.activeUserId && !this.#app.addingAccount;
    const button = element.firstElementChild;
    const name = session?.me?.displayName ?? account.displayName;
    updateAvatar(button.querySelector('.avatar'), account.userId, name);
    const badge = button.querySelector('.account-badge');
    badge.hidden = unread === 0;
    badge.textContent = badgeText(unread);
    button.querySelector('.account-state').dataset.state = state;
    const words = [name, `@${account.username}`, unread > 0 ? unreadLabel(unread) : null, STATE_WORDS[state]];
    button.setAttribute('aria-label', words.filter(Boolean).join(', '));
    button.title = `${name} (@${account.username})`;
    element.dataset.unread = String(unread);
    if (active) {
      button.setAttribute('aria-current', 'true');
    } else {
      button.removeAttribute('aria-current');
    }
  }
}
