import { h, icon, reconcile, replaceChildren } from '../dom.js';
import { dayKey, dayLabel, lastSeen } from '../format.js';
import { deliveryOf, otherMember, sortedMessages } from '../conversations.js';
import { avatar, updateAvatar } from './avatar.js';
import { conversationTitle } from './conversation-list.js';
import { createMessageItem, updateMessageItem } from './message-item.js';

/** Messages from one sender this close together share one bubble group and one timestamp. */
const GROUP_WITHIN_MILLIS = 5 * 60 * 1000;

/** Closer than this to the top, the next older page is fetched; closer than this to the bottom counts as "at the bottom". */
const LOAD_OLDER_WITHIN_PIXELS = 240;
const AT_BOTTOM_WITHIN_PIXELS = 48;

/**
 * The open conversation: its history (older pages load as you scroll up), new messages as they arrive, and
 * the composer (Enter sends, Shift+Enter is a new line). What the user typed but did not send is kept per
 * conversation while the page is open.
 */
export class ConversationView {
  #app;
  #shownKey = undefined; // nothing rendered yet: the first render always builds
  #drafts = new Map();
  #pinToBottom = false;
  #lastItemKey = null;
  #parts = null;
  #onGroupInfo;
  /** The highlighted message still to be scrolled into view (app.highlight), and the jump last done. */
  #scrollTarget = null;

  constructor(app, { onGroupInfo } = {}) {
    this.#app = app;
    this.#onGroupInfo = onGroupInfo;
    this.element = h('main', { class: 'pane', id: 'main', tabindex: '-1' });
  }

  render() {
    const session = this.#app.activeSession;
    const conversationId = this.#app.openConversationId;
    const key = session && conversationId ? `${session.userId}/${conversationId}` : null;
    if (key !== this.#shownKey) {
      this.#saveDraft();
      this.#shownKey = key;
      if (key) {
        this.#build(session, conversationId);
      } else {
        this.#buildNothingOpen();
      }
    }
    if (!key) {
      return;
    }
    const highlight = this.#app.highlight;
    if (highlight && `${highlight.userId}/${highlight.conversationId}` === key
        && highlight.jump !== this.#scrollTarget?.jump && highlight.jump !== this.#scrolledTo) {
      this.#scrollTarget = highlight;
      this.#pinToBottom = false;
    }
    const conversation = session.conversations.get(conversationId);
    if (conversation) {
      this.#update(session, conversation);
    }
  }

  #scrolledTo = null;

  /** Puts the cursor in the composer (after opening a conversation from the keyboard or a click). */
  focusComposer() {
    this.#parts?.input.focus();
  }

  #buildNothingOpen() {
    this.#parts = null;
    replaceChildren(this.element,
      h('div', { class: 'pane-empty' },
        icon('chat'),
        h('p', { class: 'pane-empty-title' }, 'Your messages'),
        h('p', {}, 'Pick a conversation, or start a new one.')));
  }

  #build(session, conversationId) {
    const back = h('button', {
      type: 'button', class: 'icon-button back-button', 'aria-label': 'Back to conversations',
      onclick: () => this.#app.closeConversation(),
    }, icon('back'));
    const title = h('h2', { class: 'pane-title', id: 'pane-title' });
    // presence ("online", "last seen …") and "typing…"; falls back to the partner's @username
    const subtitle = h('p', { class: 'pane-subtitle', 'aria-live': 'polite' });
    const headerAvatar = avatar(conversationId, '');
    const groupInfo = h('button', {
      type: 'button', class: 'icon-button', id: 'group-info', 'aria-label': 'Group members and settings',
      title: 'Group members', hidden: true, onclick: () => this.#onGroupInfo?.(conversationId),
    }, icon('group'));
    const leftNotice = h('p', { class: 'left-notice', hidden: true }, 'You are no longer a member of this group.');
    const historyEdge = h('div', { class: 'history-edge' });
    // the log is the scroller (a list inside it stays a list): new messages are read out as they come
    const messages = h('ol', { class: 'messages', 'aria-labelledby': 'pane-title' });
    const scroller = h('div', {
      class: 'scroller', role: 'log', 'aria-labelledby': 'pane-title', 'aria-live': 'polite', tabindex: '0',
    }, historyEdge, messages);
    const jump = h('button', { type: 'button', class: 'jump-to-latest', hidden: true },
      icon('down'), h('span', {}, 'New messages'));
    const input = h('textarea', {
      id: 'composer-input', class: 'composer-input', rows: '1', 'aria-describedby': 'composer-hint',
      autocomplete: 'off', enterkeyhint: 'send',
    });
    const label = h('label', { for: 'composer-input', class: 'visually-hidden' });
    const error = h('p', { class: 'composer-error', role: 'alert' });
    const send = h('button', { type: 'submit', class: 'send-button', 'aria-label': 'Send' }, icon('send'));
    const composer = h('form', { class: 'composer' },
      label,
      h('div', { class: 'composer-row' }, input, send),
      h('p', { class: 'composer-hint', id: 'composer-hint' }, 'Enter to send, Shift+Enter for a new line'),
      error);

    scroller.addEventListener('scroll', () => {
      if (scroller.scrollTop < LOAD_OLDER_WITHIN_PIXELS) {
        session.loadOlder(conversationId);
      }
      if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < LOAD_OLDER_WITHIN_PIXELS) {
        session.loadNewer(conversationId); // only does something in a window of older history (a search jump)
      }
      if (this.#atBottom() && !session.conversations.get(conversationId)?.timeline.hasNewer) {
        jump.hidden = true;
      }
    }, { passive: true });
    jump.addEventListener('click', () => {
      jump.hidden = true;
      this.#pinToBottom = true;
      scroller.scrollTop = scroller.scrollHeight;
      session.showLatest(conversationId); // from a window of older history: the newest page instead
      input.focus();
    });
    input.addEventListener('keydown', (event) => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese...) is not "send"
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    input.addEventListener('input', () => {
      this.#resizeInput();
      error.textContent = '';
      if (input.value.trim() !== '') {
        session.typing(conversationId);
      }
    });
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send(session, conversationId);
    });

    this.#parts = {
      title, subtitle, headerAvatar, historyEdge, messages, scroller, jump, input, label, error, groupInfo, composer,
      leftNotice,
    };
    this.#pinToBottom = true;
    this.#scrollTarget = null;
    this.#scrolledTo = null;
    this.#lastItemKey = null;
    input.value = this.#drafts.get(this.#shownKey) ?? '';

    replaceChildren(this.element,
      h('header', { class: 'pane-header' }, back, headerAvatar, h('div', { class: 'pane-heading' }, title, subtitle),
        groupInfo),
      scroller,
      jump,
      leftNotice,
      composer);
    queueMicrotask(() => this.#resizeInput());
  }

  #update(session, conversation) {
    const parts = this.#parts;
    const name = conversationTitle(conversation, session);
    setText(parts.title, name);
    const partnerId = conversation.kind === 'direct' ? otherMember(conversation, session.userId) : conversation.conversationId;
    updateAvatar(parts.headerAvatar, partnerId, name);
    setText(parts.subtitle, subtitleOf(session, conversation, partnerId));
    setText(parts.label, `Message ${name}`);
    parts.input.placeholder = `Message ${name}`;
    parts.input.maxLength = session.maxBodyLength;
    parts.groupInfo.hidden = conversation.kind !== 'group' || conversation.left;
    parts.leftNotice.hidden = !conversation.left;
    parts.composer.hidden = Boolean(conversation.left);

    this.#updateHistoryEdge(conversation, name, session);
    this.#updateMessages(session, conversation);
  }

  #updateHistoryEdge(conversation, name, session) {
    const edge = this.#parts.historyEdge;
    const timeline = conversation.timeline;
    let state;
    let text;
    if (timeline.error) {
      state = 'error';
      text = timeline.error;
    } else if (timeline.loading || !timeline.loaded) {
      state = 'loading';
      text = 'Loading messages…';
    } else if (timeline.hasOlder) {
      state = 'more';
      text = 'Scroll up for earlier messages';
    } else if (conversation.kind === 'group') {
      state = 'start';
      text = `This is the beginning of ${name} for you.`;
    } else {
      state = 'start';
      text = `This is the beginning of your conversation with ${name}.`;
    }
    if (edge.dataset.state !== state || edge.textContent !== text) {
      edge.dataset.state = state;
      replaceChildren(edge, text, state === 'error'
        ? h('button', { type: 'button', class: 'link-button', onclick: () => this.#retryLoad(session, conversation) }, 'Try again')
        : null);
    }
  }

  #retryLoad(session, conversation) {
    conversation.timeline.error = null;
    if (conversation.timeline.loaded) {
      session.loadOlder(conversation.conversationId);
    } else {
      session.openConversation(conversation.conversationId);
    }
  }

  #updateMessages(session, conversation) {
    const { scroller, messages, jump } = this.#parts;
    const items = this.#items(session, conversation);
    const wasAtBottom = this.#atBottom();
    // keep what the user is looking at in place when older messages are added above it
    const anchor = [...messages.children].find((child) => child.offsetTop + child.offsetHeight > scroller.scrollTop);
    const anchorOffset = anchor ? anchor.offsetTop - scroller.scrollTop : 0;

    reconcile(messages, items, {
      key: (item) => item.key,
      create: (item) => (item.type === 'message'
        ? createMessageItem({
          onRetry: (clientMessageId) => session.retrySend(clientMessageId),
          onDiscard: (clientMessageId) => session.discardSend(clientMessageId),
        })
        : item.type === 'event'
          ? h('li', { class: 'event-line' }, h('span', {}))
          // a plain list item with its label ("Today", "New"): a list may hold nothing else
          : h('li', { class: item.type === 'day' ? 'day-separator' : 'unread-separator' }, h('span', {}))),
      update: (element, item) => {
        if (item.type === 'message') {
          updateMessageItem(element, item);
        } else {
          setText(element.firstElementChild, item.label);
          if (item.seq) {
            element.dataset.seq = String(item.seq);
          }
        }
      },
    });

    const lastKey = items.at(-1)?.key ?? null;
    const grewAtEnd = lastKey !== this.#lastItemKey;
    const lastIsMine = items.at(-1)?.mine;
    this.#lastItemKey = lastKey;
    const target = this.#scrollTarget
      ? messages.querySelector(`.message[data-seq="${this.#scrollTarget.seq}"]`) : null;
    if (target) {
      // a search hit: into the middle of the screen, with what was said around it, and focus for the keyboard
      target.scrollIntoView({ block: 'center' });
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
      this.#scrolledTo = this.#scrollTarget.jump;
      this.#scrollTarget = null;
    } else if (this.#scrollTarget) {
      // the window around it is still loading: hold still
    } else if (this.#pinToBottom || (grewAtEnd && !conversation.timeline.hasNewer && (wasAtBottom || lastIsMine))) {
      scroller.scrollTop = scroller.scrollHeight;
      if (conversation.timeline.loaded) {
        this.#pinToBottom = false;
      }
    } else if (anchor?.isConnected) {
      scroller.scrollTop = anchor.offsetTop - anchorOffset;
      if (grewAtEnd && !wasAtBottom) {
        jump.hidden = false;
      }
    }
    if (conversation.timeline.hasNewer) {
      jump.hidden = false; // a window of older history: the way back to the newest
    }
    setText(jump.lastElementChild, conversation.timeline.hasNewer ? 'Latest messages' : 'New messages');
    // a short first page does not fill the screen, so no scroll can ever ask for more: ask now
    if (conversation.timeline.loaded && conversation.timeline.hasOlder && scroller.scrollHeight <= scroller.clientHeight) {
      session.loadOlder(conversation.conversationId);
    }
  }

  /** Day separators, the "new" marker, server messages in seq order, then what is still being sent. */
  #items(session, conversation) {
    const items = [];
    const me = session.userId;
    const unreadFrom = this.#app.unreadMarkerSeq;
    const highlight = this.#app.highlight;
    const highlightedSeq = highlight && highlight.userId === me && highlight.conversationId === conversation.conversationId
      ? highlight.seq : null;
    let previous = null;
    let lastDay = null;
    let markerPlaced = false;
    const add = (message, status, failure) => {
      const day = dayKey(message.sentAt);
      if (day !== lastDay) {
        items.push({ type: 'day', key: `day-${day}`, label: dayLabel(message.sentAt) });
        lastDay = day;
        previous = null;
      }
      if (message.event) {
        // a membership change ("Alice added Dave"): a line across the conversation, not a bubble
        items.push({ type: 'event', key: `m-${message.seq}`, label: message.body, seq: message.seq });
        previous = null;
        return;
      }
      const mine = message.senderId === me;
      if (!markerPlaced && unreadFrom && !mine && message.seq >= unreadFrom) {
        markerPlaced = true;
        // only worth a line if something older is above it; when everything is new it says nothing
        if (items.some((item) => item.type === 'message')) {
          items.push({ type: 'unread', key: 'unread', label: 'New' });
          previous = null;
        }
      }
      const grouped = previous !== null && previous.message.senderId === message.senderId
        && Date.parse(message.sentAt) - Date.parse(previous.message.sentAt) < GROUP_WITHIN_MILLIS;
      if (previous && grouped) {
        previous.lastInGroup = false;
      }
      const delivery = mine && status === 'sent' ? deliveryOf(conversation, message.seq, me) : null;
      const item = {
        type: 'message',
        // keyed by the client's id where there is one, so "sending" turns into "sent" in the same element
        key: message.clientMessageId && mine ? `c-${message.clientMessageId}` : `m-${message.seq}`,
        message,
        mine,
        status: delivery?.status ?? status,
        readBy: conversation.kind === 'group' ? delivery?.readBy ?? 0 : 0,
        of: delivery?.of ?? 0,
        highlighted: message.seq !== undefined && message.seq === highlightedSeq,
        failure,
        senderName: mine ? 'You' : session.users.nameOf(message.senderId),
        showSender: !mine && conversation.kind !== 'direct' && !grouped,
        groupedWithPrevious: grouped,
        lastInGroup: true,
      };
      items.push(item);
      previous = item;
    };
    const delivered = sortedMessages(conversation);
    const deliveredIds = new Set(delivered.map((message) => message.clientMessageId).filter(Boolean));
    for (const message of delivered) {
      add(message, 'sent');
    }
    for (const entry of session.outbox.forConversation(conversation.conversationId)) {
      if (deliveredIds.has(entry.clientMessageId)) {
        continue;
      }
      add({ clientMessageId: entry.clientMessageId, senderId: me, body: entry.body, sentAt: entry.createdAt },
        entry.failure ? 'failed' : 'sending', entry.failure);
    }
    return items;
  }

  #send(session, conversationId) {
    const { input, error } = this.#parts;
    const body = input.value;
    if (!body.trim()) {
      return;
    }
    if (body.length > session.maxBodyLength) {
      error.textContent = `That is too long to send: at most ${session.maxBodyLength} characters.`;
      return;
    }
    session.send(conversationId, body);
    input.value = '';
    this.#drafts.delete(this.#shownKey);
    this.#resizeInput();
    this.#pinToBottom = true;
    input.focus();
  }

  #saveDraft() {
    if (this.#parts && this.#shownKey) {
      const text = this.#parts.input.value;
      if (text) {
        this.#drafts.set(this.#shownKey, text);
      } else {
        this.#drafts.delete(this.#shownKey);
      }
    }
  }

  #atBottom() {
    const scroller = this.#parts?.scroller;
    return !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_BOTTOM_WITHIN_PIXELS;
  }

  /** The composer grows with what is typed, up to a limit set in CSS, then scrolls. */
  #resizeInput() {
    const input = this.#parts?.input;
    if (!input) {
      return;
    }
    input.style.height = 'auto';
    // scrollHeight leaves out the border; without it the box is always a little short and shows a scrollbar
    const border = input.offsetHeight - input.clientHeight;
    input.style.height = `${input.scrollHeight + border}px`;
  }
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** Who is typing, else the partner's presence, else their @username (groups: only who is typing). */
function subtitleOf(session, conversation, partnerId) {
  const typers = session.presence.typersIn(conversation.conversationId).filter((userId) => userId !== session.userId);
  if (typers.length > 0) {
    return conversation.kind === 'direct' ? 'typing…'
      : typers.length === 1 ? `${session.users.nameOf(typers[0])} is typing…` : 'several people are typing…';
  }
  if (conversation.kind !== 'direct') {
    return '';
  }
  const presence = session.presence.of(partnerId);
  if (presence?.status === 'online') {
    return 'online';
  }
  if (presence?.lastSeenAt) {
    return lastSeen(presence.lastSeenAt);
  }
  const partner = session.users.peek(partnerId);
  return partner ? `@${partner.username}` : '';
}
