import { h, icon, reconcile } from '../dom.js';
import { badgeText, listTime, unreadLabel } from '../format.js';
import { otherMember, unreadCount } from '../conversations.js';
import { askNotificationPermission, notificationPermission } from '../notifications.js';
import { avatar, updateAvatar } from './avatar.js';
import { ConnectionStatus } from './connection-status.js';
import { SearchPanel } from './search-panel.js';

/**
 * The left column for the account in front: who you are and how connected, your conversations with their
 * last message, time and unread count, and the way to start a new chat.
 */
export class ConversationList {
  #app;
  #onNewChat;
  #onOpened;

  constructor(app, { onNewChat, onNewGroup, onOpened }) {
    this.#app = app;
    this.#onNewChat = onNewChat;
    this.#onOpened = onOpened;
    this.search = new SearchPanel(app, { onChange: () => this.render() });
    this.status = new ConnectionStatus();
    this.accountName = h('h1', { class: 'account-name' });
    this.accountAvatar = avatar('', '', { size: 'small' });
    this.list = h('ul', { class: 'conversation-list' });
    this.empty = h('div', { class: 'list-empty', hidden: true },
      h('p', { class: 'list-empty-title' }, 'No conversations yet'),
      h('p', {}, 'Start one with someone’s username.'),
      h('button', { type: 'button', class: 'secondary-button', onclick: () => this.#onNewChat() }, 'Start a chat'));
    this.olderButton = h('button', {
      type: 'button', class: 'secondary-button older-conversations', id: 'older-conversations', hidden: true,
      onclick: () => this.#app.activeSession?.loadOlderConversations(),
    }, 'Show older conversations');
    this.notificationsButton = h('button', { type: 'button', class: 'footer-button', id: 'enable-notifications' },
      icon('bell'), h('span', {}, 'Turn on notifications'));
    this.notificationsButton.addEventListener('click', async () => {
      if (await askNotificationPermission() === 'granted') {
        this.#app.enableWebPush();
      }
      this.render();
    });
    this.signOutButton = h('button', { type: 'button', class: 'footer-button', id: 'sign-out' },
      icon('logout'), h('span', {}, 'Sign out'));
    this.signOutButton.addEventListener('click', () => this.#app.signOut(this.#app.activeUserId));

    this.element = h('section', { class: 'sidebar', 'aria-labelledby': 'sidebar-account-name' },
      h('header', { class: 'sidebar-header' },
        this.accountAvatar,
        h('div', { class: 'sidebar-who' }, this.accountName, this.status.element),
        h('button', {
          type: 'button', class: 'icon-button', id: 'new-chat', 'aria-label': 'New chat', title: 'New chat',
          onclick: () => this.#onNewChat(),
        }, icon('compose')),
        h('button', {
          type: 'button', class: 'icon-button', id: 'new-group', 'aria-label': 'New group', title: 'New group',
          onclick: () => onNewGroup(),
        }, icon('group'))),
      this.search.form,
      this.search.element,
      h('nav', { class: 'conversation-nav', 'aria-label': 'Conversations' }, this.list, this.olderButton, this.empty),
      h('footer', { class: 'sidebar-footer' }, this.notificationsButton, this.signOutButton));
    this.accountName.id = 'sidebar-account-name';
  }

  render() {
    const session = this.#app.activeSession;
    if (!session) {
      return;
    }
    const me = session.me ?? session.account;
    setText(this.accountName, me.displayName);
    updateAvatar(this.accountAvatar, session.userId, me.displayName);
    this.status.render(session);
    this.notificationsButton.hidden = notificationPermission() !== 'default';
    this.signOutButton.setAttribute('aria-label', `Sign out ${me.displayName}`);

    this.search.render(session);
    this.list.parentElement.hidden = this.search.active;
    const rows = session.listRows();
    this.empty.hidden = rows.length > 0;
    this.olderButton.hidden = !session.hasOlderConversations;
    const openId = this.#app.openConversationId;
    reconcile(this.list, rows, {
      key: (row) => row.conversation.conversationId,
      create: (row) => this.#createRow(row.conversation),
      update: (element, row) => this.#updateRow(element, row, session, openId),
    });
  }

  #createRow(conversation) {
    const button = h('button', { type: 'button', class: 'conversation-row' },
      avatar(conversation.conversationId, ''),
      h('span', { class: 'row-main' },
        h('span', { class: 'row-top' }, h('span', { class: 'row-name' }), h('time', { class: 'row-time' })),
        h('span', { class: 'row-bottom' },
          h('span', { class: 'row-preview' }),
          // the number is for eyes; screen readers get the words, as part of the button's name
          h('span', { class: 'unread-badge', 'aria-hidden': 'true' }),
          h('span', { class: 'visually-hidden row-unread' }))));
    button.addEventListener('click', () => {
      this.#app.openConversation(conversation.conversationId);
      this.#onOpened?.();
    });
    return h('li', { dataset: { conversationId: conversation.conversationId } }, button);
  }

  #updateRow(element, { conversation, pending }, session, openId) {
    const title = conversationTitle(conversation, session);
    const unread = unreadCount(conversation);
    const last = conversation.lastMessage;
    // what the user last wrote shows even before the server has it, as in every messenger
    const preview = pending && (!last || Date.parse(pending.createdAt) >= Date.parse(last.sentAt))
      ? `You: ${oneLine(pending.body)}`
      : last ? `${senderPrefix(last, conversation, session)}${oneLine(last.body)}` : '';
    const activity = Math.max(conversation.lastActivityAt, pending ? Date.parse(pending.createdAt) : 0);
    const button = element.firstElementChild;
    const partner = conversation.kind === 'direct' ? otherMember(conversation, session.userId) : conversation.conversationId;
    updateAvatar(button.querySelector('.avatar'), partner, title);
    const online = conversation.kind === 'direct' && session.presence.of(partner)?.status === 'online';
    button.querySelector('.avatar').classList.toggle('is-online', online);
    setText(button.querySelector('.row-name'), title);
    const time = button.querySelector('.row-time');
    setText(time, listTime(activity));
    if (activity) {
      time.setAttribute('datetime', new Date(activity).toISOString());
    }
    setText(button.querySelector('.row-preview'), preview);
    const badge = button.querySelector('.unread-badge');
    badge.hidden = unread === 0;
    setText(badge, badgeText(unread));
    setText(button.querySelector('.row-unread'), unread > 0 ? `, ${unreadLabel(unread)}` : '');
    element.classList.toggle('has-unread', unread > 0);
    if (conversation.conversationId === openId) {
      button.setAttribute('aria-current', 'true');
    } else {
      button.removeAttribute('aria-current');
    }
  }
}

/** What a conversation is called: the other person's name in a direct chat. */
export function conversationTitle(conversation, session) {
  if (conversation.kind === 'direct') {
    return session.users.nameOf(otherMember(conversation, session.userId));
  }
  return conversation.name ?? 'Group';
}

/** "You: " on what I wrote; in a group, the writer's name (events say who in their own words). */
function senderPrefix(message, conversation, session) {
  if (message.event) {
    return '';
  }
  if (message.senderId === session.userId) {
    return 'You: ';
  }
  return conversation.kind === 'group' ? `${session.users.nameOf(message.senderId)}: ` : '';
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
