import { Emitter } from './events.js';
import { directParticipants } from './ids.js';

/**
 * One account's conversations as this page knows them: the list rows (last message, unread count) and, for
 * conversations that have been opened, the loaded stretch of their history. Pure state: no network here.
 *
 * Sequence numbers are the only order (the server's promise), and every message is filed under its seq, so a
 * message that arrives twice (backlog after a reconnect, an HTTP page overlapping a live frame) is one message.
 *
 * Unread count is lastSeq - readSeq, the server's own definition, so the two never drift apart.
 */
export class Conversations extends Emitter {
  #byId = new Map();
  #myUserId;
  #changeQueued = false;

  constructor(myUserId) {
    super();
    this.#myUserId = myUserId;
  }

  get(conversationId) {
    return this.#byId.get(conversationId) ?? null;
  }

  /** Conversations with something in them, latest activity first. */
  list() {
    return [...this.#byId.values()]
      .filter((conversation) => conversation.lastSeq > 0)
      .sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.lastSeq - a.lastSeq);
  }

  /** Conversations opened on this page (their history is being kept), in no particular order. */
  opened() {
    return [...this.#byId.values()].filter((conversation) => conversation.timeline.started);
  }

  totalUnread() {
    return this.list().reduce((sum, conversation) => sum + unreadCount(conversation), 0);
  }

  /** A row from GET /api/conversations. Only ever moves positions forward: the page may know more already. */
  mergeSummary(summary) {
    const conversation = this.#getOrCreate(summary.conversationId, summary.kind, summary.members);
    conversation.onServer = true;
    conversation.kind = summary.kind;
    conversation.members = summary.members;
    conversation.readSeq = Math.max(conversation.readSeq, summary.readSeq ?? 0);
    if (summary.lastSeq >= conversation.lastSeq) {
      conversation.lastSeq = summary.lastSeq;
      conversation.lastMessage = summary.lastMessage ?? conversation.lastMessage;
      conversation.lastActivityAt = Math.max(conversation.lastActivityAt, Date.parse(summary.lastActivityAt) || 0);
    }
    this.#changed();
    return conversation;
  }

  /** A direct chat opened before its first message: it exists on the page only until that message. */
  ensureDirect(conversationId) {
    return this.#getOrCreate(conversationId, 'direct', directParticipants(conversationId) ?? []);
  }

  /**
   * A message from the socket (live or backlog) or the sender's own accepted message. Returns true if it
   * was new to the page.
   */
  applyMessage(message) {
    const conversation = this.#getOrCreate(message.conversationId, null, null);
    conversation.onServer = true;
    const isNew = message.seq > conversation.lastSeq && !conversation.timeline.messages.has(message.seq);
    if (message.seq >= conversation.lastSeq) {
      conversation.lastSeq = message.seq;
      conversation.lastMessage = message;
      conversation.lastActivityAt = Math.max(conversation.lastActivityAt, Date.parse(message.sentAt) || Date.now());
    }
    if (message.senderId === this.#myUserId) {
      // sending marks the conversation read up to what was sent, on the server as here
      conversation.readSeq = Math.max(conversation.readSeq, message.seq);
    }
    if (conversation.timeline.started) {
      conversation.timeline.messages.set(message.seq, message);
    }
    this.#changed();
    return isNew;
  }

  /** A page of history: files each message under its seq. */
  applyPage(conversationId, page, { older }) {
    const conversation = this.get(conversationId);
    const timeline = conversation.timeline;
    for (const message of page.messages) {
      timeline.messages.set(message.seq, message);
      if (message.seq > conversation.lastSeq) {
        conversation.lastSeq = message.seq;
        conversation.lastMessage = message;
      }
    }
    if (older || !timeline.loaded) {
      timeline.hasOlder = page.hasOlder;
    }
    timeline.loaded = true;
    this.#changed();
  }

  /** Local read position; the caller tells the server. */
  markRead(conversationId, seq) {
    const conversation = this.get(conversationId);
    if (conversation && seq > conversation.readSeq) {
      conversation.readSeq = seq;
      this.#changed();
    }
  }

  /** Something about a conversation changed that is not a message (a name resolved, loading began). */
  touch() {
    this.#changed();
  }

  #getOrCreate(conversationId, kind, members) {
    let conversation = this.#byId.get(conversationId);
    if (!conversation) {
      const participants = directParticipants(conversationId);
      conversation = {
        conversationId,
        kind: kind ?? (participants ? 'direct' : 'group'),
        members: members ?? participants ?? [],
        lastSeq: 0,
        readSeq: 0,
        lastMessage: null,
        lastActivityAt: 0,
        onServer: false,
        timeline: {
          started: false, // set when the conversation is first opened; from then on every message is kept
          loaded: false,
          loading: false,
          hasOlder: false,
          messages: new Map(),
        },
      };
      this.#byId.set(conversationId, conversation);
    }
    return conversation;
  }

  /** Many changes in one task (a backlog of 100 messages) make one 'change' event. */
  #changed() {
    if (this.#changeQueued) {
      return;
    }
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      this.emit('change');
    });
  }
}

export function unreadCount(conversation) {
  return Math.max(0, conversation.lastSeq - conversation.readSeq);
}

/** Loaded messages, oldest first. */
export function sortedMessages(conversation) {
  return [...conversation.timeline.messages.values()].sort((a, b) => a.seq - b.seq);
}

/** The other person of a direct conversation. */
export function otherMember(conversation, myUserId) {
  return conversation.members.find((member) => member !== myUserId) ?? myUserId;
}
