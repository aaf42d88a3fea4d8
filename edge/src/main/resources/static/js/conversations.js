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
    if (summary.kind === 'group') {
      conversation.name = summary.name ?? conversation.name;
      conversation.avatarUrl = summary.avatarUrl ?? null;
      conversation.left = false;
    }
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
    if (conversation.timeline.started && !conversation.timeline.hasNewer) {
      // while a window of older history is shown (after a search jump), the newest messages are not
      // attached to it: scrolling down (or "latest") loads them, so the window never has a hole
      conversation.timeline.messages.set(message.seq, message);
    }
    this.#changed();
    return isNew;
  }

  /**
   * A page of history: files each message under its seq. older: a page before what is loaded; newer: a page
   * after it; window: the page around a message, which replaces what was loaded (it may not touch it).
   */
  applyPage(conversationId, page, { older = false, newer = false, window = false, generation }) {
    const conversation = this.get(conversationId);
    const timeline = conversation.timeline;
    if (generation !== undefined && generation !== timeline.generation) {
      return; // asked for before a jump replaced the loaded stretch: it would leave a hole
    }
    if (window) {
      timeline.messages.clear();
      timeline.hasOlder = page.hasOlder;
      timeline.hasNewer = page.hasNewer;
    }
    for (const message of page.messages) {
      timeline.messages.set(message.seq, message);
      if (message.seq > conversation.lastSeq) {
        conversation.lastSeq = message.seq;
        conversation.lastMessage = message;
      }
    }
    if (older || (!timeline.loaded && !window)) {
      timeline.hasOlder = page.hasOlder;
    }
    if (newer) {
      timeline.hasNewer = page.hasNewer;
    }
    if (!older && !newer && !window) {
      timeline.hasNewer = false; // the newest page
    }
    timeline.loaded = true;
    this.#changed();
  }

  /** The newest seq loaded in the conversation's timeline (0 if none). */
  newestLoaded(conversationId) {
    const messages = this.get(conversationId)?.timeline.messages;
    return messages && messages.size > 0 ? Math.max(...messages.keys()) : 0;
  }

  /** The members' watermarks from GET .../receipts: [{ userId, deliveredSeq, readSeq }]. */
  applyReceipts(conversationId, members) {
    for (const member of members) {
      this.applyReceipt({ conversationId, userId: member.userId, kind: 'delivered', upToSeq: member.deliveredSeq });
      this.applyReceipt({ conversationId, userId: member.userId, kind: 'read', upToSeq: member.readSeq });
    }
  }

  /** A 'receipt' frame. Watermarks only move forward; read implies delivered. */
  applyReceipt({ conversationId, userId, kind, upToSeq }) {
    const conversation = this.get(conversationId);
    if (!conversation || !upToSeq) {
      return;
    }
    const watermark = conversation.receipts.get(userId) ?? { deliveredSeq: 0, readSeq: 0 };
    const delivered = Math.max(watermark.deliveredSeq, upToSeq);
    const read = kind === 'read' ? Math.max(watermark.readSeq, upToSeq) : watermark.readSeq;
    if (delivered !== watermark.deliveredSeq || read !== watermark.readSeq) {
      conversation.receipts.set(userId, { deliveredSeq: delivered, readSeq: read });
      this.#changed();
    }
  }

  /** The member left or was removed: its composer closes, and its row says so. */
  markLeft(conversationId) {
    const conversation = this.get(conversationId);
    if (conversation && !conversation.left) {
      conversation.left = true;
      this.#changed();
    }
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
        name: null, // a group's
        avatarUrl: null,
        left: false, // this account is no longer a member of the group
        /** userId -> { deliveredSeq, readSeq }: how far each other member has got (receipts) */
        receipts: new Map(),
        timeline: {
          started: false, // set when the conversation is first opened; from then on every message is kept
          loaded: false,
          loading: false,
          hasOlder: false,
          hasNewer: false, // a window of older history is shown (after a search jump)
          generation: 0, // moves on when a jump replaces the loaded stretch; pages asked for before are dropped
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

/**
 * How far one of my messages has got: read (every other member has read it), delivered (it reached a device
 * of every other member) or sent; with how many of the others have read it, for groups.
 */
export function deliveryOf(conversation, seq, myUserId) {
  const others = conversation.members.filter((member) => member !== myUserId);
  if (others.length === 0) {
    return { status: 'sent', readBy: 0, of: 0 };
  }
  let readBy = 0;
  let deliveredTo = 0;
  for (const member of others) {
    const watermark = conversation.receipts.get(member);
    if (watermark && watermark.readSeq >= seq) {
      readBy++;
    }
    if (watermark && Math.max(watermark.deliveredSeq, watermark.readSeq) >= seq) {
      deliveredTo++;
    }
  }
  const status = readBy === others.length ? 'read' : deliveredTo === others.length ? 'delivered' : 'sent';
  return { status, readBy, of: others.length };
}
