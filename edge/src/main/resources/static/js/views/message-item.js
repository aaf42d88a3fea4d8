import { h, icon } from '../dom.js';
import { fullTime, messageTime } from '../format.js';

/**
 * One message in the conversation, with how far it has got when it is mine: sending (clock), sent (one
 * tick), delivered (two ticks), read (two ticks in colour); "Read by 2 of 5" in a group. data-status on the
 * element says the same for tests and styles.
 */
const STATUS_WORDS = { sending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' };
const STATUS_ICONS = { sending: 'clock', sent: 'check', delivered: 'check-double', read: 'check-double', failed: 'alert' };

export function createMessageItem({ onRetry, onDiscard }) {
  const body = h('span', { class: 'body' });
  const sender = h('span', { class: 'sender' });
  const time = h('time', { class: 'time' });
  const status = h('span', { class: 'status' });
  const retry = h('button', { type: 'button', class: 'link-button' }, 'Try again');
  const discard = h('button', { type: 'button', class: 'link-button' }, 'Discard');
  const failureText = h('span', { class: 'failure-text' });
  const element = h('li', { class: 'message' },
    sender,
    h('div', { class: 'bubble' }, h('span', { class: 'visually-hidden speaker' }), body),
    h('div', { class: 'meta' }, time, status),
    h('div', { class: 'failure', hidden: true }, failureText, retry, discard));
  retry.addEventListener('click', () => onRetry(element.dataset.clientMessageId));
  discard.addEventListener('click', () => onDiscard(element.dataset.clientMessageId));
  return element;
}

/** item: { message, mine, status, senderName, showSender, groupedWithPrevious, lastInGroup, failure } */
export function updateMessageItem(element, item) {
  const { message } = item;
  element.classList.toggle('mine', item.mine);
  element.classList.toggle('theirs', !item.mine);
  element.classList.toggle('grouped', item.groupedWithPrevious);
  element.classList.toggle('last-in-group', item.lastInGroup);
  element.dataset.status = item.status;
  if (message.seq) {
    element.dataset.seq = String(message.seq);
  }
  if (message.clientMessageId) {
    element.dataset.clientMessageId = message.clientMessageId;
  }

  const sender = element.querySelector('.sender');
  sender.hidden = !item.showSender;
  setText(sender, item.showSender ? item.senderName : '');
  setText(element.querySelector('.speaker'), item.mine ? 'You: ' : `${item.senderName}: `);

  const body = element.querySelector('.body');
  if (body.dataset.text !== message.body) {
    body.dataset.text = message.body;
    renderBody(body, message.body);
  }

  const time = element.querySelector('.time');
  setText(time, messageTime(message.sentAt));
  time.setAttribute('datetime', new Date(message.sentAt).toISOString());
  time.title = fullTime(message.sentAt);

  const status = element.querySelector('.status');
  status.hidden = !item.mine;
  const words = item.readBy > 0 && item.status !== 'read' ? `Read by ${item.readBy} of ${item.of}` : STATUS_WORDS[item.status];
  if (item.mine && (status.dataset.status !== item.status || status.textContent !== words)) {
    status.dataset.status = item.status;
    status.replaceChildren(icon(STATUS_ICONS[item.status]), h('span', {}, words));
  }
  element.classList.toggle('highlighted', Boolean(item.highlighted));

  const failure = element.querySelector('.failure');
  failure.hidden = item.status !== 'failed';
  if (item.failure) {
    setText(element.querySelector('.failure-text'), item.failure.message ?? 'The server refused this message.');
  }
}

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** Text with its web addresses as links; built from text nodes, never parsed as HTML. */
function renderBody(element, text) {
  element.replaceChildren();
  let position = 0;
  for (const match of text.matchAll(LINK)) {
    element.append(text.slice(position, match.index));
    element.append(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer' }, match[0]));
    position = match.index + match[0].length;
  }
  element.append(text.slice(position));
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
