import { AccountApi, ApiError } from './api.js';
import { Conversations, otherMember } from './conversations.js';
import { Emitter } from './events.js';
import { directConversationId, newClientMessageId } from './ids.js';
import { Outbox } from './outbox.js';
import { Presence } from './presence.js';
import { ChatSocket } from './socket.js';
import { UserDirectory } from './users.js';

/**
 * One signed-in account: its API client, its socket (each account is its own device with its own socket),
 * its conversations and its outbox. Views read its state and call its verbs; it emits:
 *   'change'     - connection state or anything shown changed
 *   'incoming'   - a new live message from someone else ({ message }); for notifications and read marking
 *   'signed-out' - the server refused the token; the account needs its password again
 *   'notice'     - something the user should hear about that belongs to no message ({ text })
 *   'read'       - the account has read a conversation to its end, here or on another device ({ conversationId })
 *   'group-changed' - a group's members or name changed, or this account left it ({ conversationId })
 */
export class AccountSession extends Emitter {
  /** Page size for history: a screenful or two. */
  static HISTORY_PAGE = 50;

  /** Rows asked for per page of the conversation list (the server allows up to 200). */
  static LIST_SIZE = 100;

  /** Acks are coalesced: one per conversation for a burst of messages, sent this long after the first. */
  static ACK_DELAY_MILLIS = 250;

  /** A send not accepted within this long while online is sent again (same clientMessageId). */
  static RESEND_AFTER_MILLIS = 10_000;
  static RESEND_CHECK_MILLIS = 3_000;

  /** Server error codes after which resending the same message can succeed. */
  static RETRYABLE_ERRORS = new Set(['not_accepted', 'internal', 'rate_limited']);

  #synced = false;
  #pendingAcks = new Map();
  #ackTimer = null;
  #unsentReads = new Map();
  #resendTimer = null;
  #signedOut = false;
  /** Settles when the first conversation list has been asked for: until then "not on the server" means "unknown". */
  #listLoaded = Promise.resolve();
  /** The server's cursor for the list's next page, null once every page is here. */
  #listNext = null;
  #olderPagesLoaded = false;
  #loadingOlder = null;
  /** How many times the list's first page has come back from the server (the browser tests wait on it). */
  listRefreshes = 0;

  constructor(account) {
    super();
    this.account = account;
    this.userId = account.userId;
    this.deviceId = account.deviceId;
    this.maxBodyLength = 16_000;
    this.api = new AccountApi(account.accessToken, () => this.#tokenRefused());
    this.users = new UserDirectory(this.api);
    this.users.remember({ userId: account.userId, username: account.username, displayName: account.displayName });
    this.conversations = new Conversations(account.userId);
    this.outbox = new Outbox(account.userId);
    this.presence = new Presence();
    this.socket = new ChatSocket({
      token: account.accessToken,
      onHandshakeRefused: () => this.#stillSignedIn(),
    });
    for (const source of [this.users, this.conversations, this.outbox, this.presence]) {
      source.on('change', () => this.emit('change'));
    }
    this.socket.on('state', (state) => {
      if (state !== 'online') {
        // whatever comes next on a new socket is backlog until its 'synced'; acks queued for the old
        // socket are dropped (the backlog repeats those messages), a new socket may not know their conversations yet
        this.#synced = false;
        this.#pendingAcks.clear();
      }
      this.emit('change');
    });
    this.socket.on('frame', (frame) => this.#onFrame(frame));
    this.socket.on('signed-out', () => this.#tokenRefused());
  }

  /** connecting | online | reconnecting | offline | signed-out */
  get connection() {
    return this.#signedOut ? 'signed-out' : this.socket.state;
  }

  get retryAt() {
    return this.socket.retryAt;
  }

  /** Settles once the first conversation list has been asked for (whether or not it came). */
  get listLoaded() {
    return this.#listLoaded;
  }

  get me() {
    return this.users.peek(this.userId);
  }

  start() {
    this.#listLoaded = this.refreshConversations();
    this.socket.start();
    this.#resendTimer = setInterval(() => this.#resendOverdue(), AccountSession.RESEND_CHECK_MILLIS);
  }

  stop() {
    clearInterval(this.#resendTimer);
    clearTimeout(this.#ackTimer);
    this.socket.stop();
  }

  /** The conversation list from the server: first load, and after each reconnect (other devices may have read). */
  async refreshConversations() {
    try {
      const page = await this.api.conversationPage({ limit: AccountSession.LIST_SIZE });
      // once older pages are here the list reaches below the first page, and goes on from where they ended
      // (conversations active since then are in this first page, not in between)
      if (!this.#olderPagesLoaded || page.next === null) {
        this.#listNext = page.next;
      }
      for (const summary of page.conversations) {
        const conversation = this.conversations.mergeSummary(summary);
        if (conversation.timeline.draft && !conversation.timeline.loading) {
          // taken for a new chat while the list was out of reach; it has history after all
          conversation.timeline.loaded = false;
          this.#loadLatest(conversation);
        }
      }
      this.listRefreshes++;
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      // unreachable: the socket's reconnect will bring us back here
    }
  }

  /** Whether the server holds conversations older than the pages loaded so far. */
  get hasOlderConversations() {
    return this.#listNext !== null;
  }

  /** The list's next page, added below what is shown; one request at a time however often it is asked. */
  loadOlderConversations() {
    if (this.#listNext === null) {
      return Promise.resolve();
    }
    this.#loadingOlder ??= this.api.conversationPage({ limit: AccountSession.LIST_SIZE, before: this.#listNext })
      .then((page) => {
        this.#listNext = page.next;
        this.#olderPagesLoaded = true;
        page.conversations.forEach((summary) => this.conversations.mergeSummary(summary));
        this.emit('change');
      }, (error) => {
        if (!(error instanceof ApiError)) {
          throw error;
        }
        this.emit('notice', { text: 'Older conversations could not be loaded. Try again in a moment.' });
      })
      .finally(() => {
        this.#loadingOlder = null;
      });
    return this.#loadingOlder;
  }

  /**
   * The conversation list as shown: the server's rows, plus chats whose only messages are still waiting to
   * be sent; each with its newest unsent message (or null), latest activity first.
   */
  listRows() {
    const newestPending = new Map();
    for (const entry of this.outbox.all()) {
      newestPending.set(entry.conversationId, entry);
    }
    const rows = this.conversations.list()
      .map((conversation) => ({ conversation, pending: newestPending.get(conversation.conversationId) ?? null }));
    for (const [conversationId, entry] of newestPending) {
      if (!rows.some((row) => row.conversation.conversationId === conversationId)) {
        rows.push({ conversation: this.conversations.ensureDirect(conversationId), pending: entry });
      }
    }
    return rows.sort((a, b) => lastActivity(b) - lastActivity(a));
  }

  /** Finds a user to chat with. Resolves to the conversation id; throws an Error with a message for people. */
  async startDirectChat(username) {
    const wanted = username.trim().replace(/^@/, '').toLowerCase();
    if (!wanted) {
      throw new Error('Type the username of the person you want to chat with.');
    }
    const user = await this.api.userByUsername(wanted);
    if (!user) {
      throw new Error(`Nobody is called “${wanted}” here. Check the spelling?`);
    }
    if (user.userId === this.userId) {
      throw new Error("That's you. Pick someone else to chat with.");
    }
    this.users.remember(user);
    const conversationId = directConversationId(this.userId, user.userId);
    this.conversations.ensureDirect(conversationId);
    return conversationId;
  }

  /** The user is looking at this conversation: from now on its messages are kept, and history is loaded. */
  async openConversation(conversationId) {
    const conversation = this.conversations.get(conversationId) ?? this.conversations.ensureDirect(conversationId);
    conversation.timeline.started = true;
    this.queryPresence(conversation.members ?? [otherMember(conversation, this.userId)]);
    if (!conversation.timeline.loaded && !conversation.timeline.loading) {
      conversation.timeline.loading = true; // now, not after the first await: a second call must not load again
      await this.#loadLatest(conversation);
    }
    this.#loadReceipts(conversation);
  }

  /**
   * Opens the conversation on the window around message seq (a search hit): older and newer pages load as
   * the user scrolls either way. Resolves when the window is there.
   */
  async jumpTo(conversationId, seq) {
    let conversation = this.conversations.get(conversationId);
    if (!conversation || !conversation.onServer) {
      // a hit in a conversation the list does not show (older than the list reaches, or a group since left)
      const summary = await this.api.conversation(conversationId).catch(() => null);
      conversation = summary ? this.conversations.mergeSummary(summary)
        : this.conversations.get(conversationId) ?? this.conversations.ensureDirect(conversationId);
      conversation.onServer = true;
    }
    conversation.timeline.started = true;
    this.queryPresence(conversation.members);
    if (conversation.timeline.messages.has(seq) && conversation.timeline.loaded) {
      return; // already on the screen's history: no need to load anything
    }
    const generation = ++conversation.timeline.generation;
    await this.#loading(conversation, async () => {
      const page = await this.api.messages(conversationId, { around: seq, limit: AccountSession.HISTORY_PAGE });
      this.conversations.applyPage(conversationId, page, { window: true, generation });
    });
    this.#loadReceipts(conversation);
  }

  /** The next newer page, when the user scrolls down through a window of older history. */
  async loadNewer(conversationId) {
    const conversation = this.conversations.get(conversationId);
    const timeline = conversation?.timeline;
    if (!timeline || !timeline.loaded || !timeline.hasNewer || timeline.loading) {
      return;
    }
    const newest = this.conversations.newestLoaded(conversationId);
    const generation = timeline.generation;
    await this.#loading(conversation, async () => {
      const page = await this.api.messages(conversationId, { after: newest, limit: AccountSession.HISTORY_PAGE });
      this.conversations.applyPage(conversationId, page, { newer: true, generation });
      if (!timeline.hasNewer && conversation.lastSeq > this.conversations.newestLoaded(conversationId)) {
        // a live message came while this page was on its way, and was not attached: one more page
        timeline.hasNewer = true;
      }
    });
  }

  /** Back to the newest messages from a window of older history ("latest"). */
  async showLatest(conversationId) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation?.timeline.hasNewer) {
      return;
    }
    const generation = ++conversation.timeline.generation;
    await this.#loading(conversation, async () => {
      const page = await this.api.messages(conversationId, { limit: AccountSession.HISTORY_PAGE });
      this.conversations.applyPage(conversationId, page, { window: true, generation });
    });
  }

  /** Full-text search across this account's conversations: { hits, next }. */
  search(query) {
    return this.api.search(query);
  }

  /**
   * Creates a group with these people (user ids), this account its first member and admin. Resolves to
   * the group's conversation id; throws an Error with a message for people.
   */
  async createGroup(name, memberIds) {
    if (!name.trim()) {
      throw new Error('Give the group a name.');
    }
    const result = await this.api.createGroup({ name: name.trim(), memberIds });
    await this.refreshGroup(result.groupId);
    return result.groupId;
  }

  /** A person by username, for adding to a chat or a group; throws an Error with a message for people. */
  async findUser(username) {
    const wanted = username.trim().replace(/^@/, '').toLowerCase();
    if (!wanted) {
      throw new Error('Type a username.');
    }
    const user = await this.api.userByUsername(wanted);
    if (!user) {
      throw new Error(`Nobody is called “${wanted}” here. Check the spelling?`);
    }
    this.users.remember(user);
    return user;
  }

  /** The group's row (members, name) from the server, after a change; emits 'group-changed'. */
  async refreshGroup(conversationId) {
    const summary = await this.api.conversation(conversationId).catch(() => null);
    if (summary) {
      this.conversations.mergeSummary(summary);
    }
    this.emit('group-changed', { conversationId });
  }

  async #loadReceipts(conversation) {
    if (!conversation.onServer) {
      return;
    }
    try {
      this.conversations.applyReceipts(conversation.conversationId, await this.api.receipts(conversation.conversationId));
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      // unreachable or no longer a member: the ticks stay as they are, and receipt frames still move them
    }
  }

  /** The next older page, when the user scrolls up to the top. */
  async loadOlder(conversationId) {
    const conversation = this.conversations.get(conversationId);
    const timeline = conversation?.timeline;
    if (!timeline || !timeline.loaded || !timeline.hasOlder || timeline.loading) {
      return;
    }
    const oldest = Math.min(...timeline.messages.keys());
    const generation = timeline.generation;
    await this.#loading(conversation, async () => {
      const page = await this.api.messages(conversationId, { before: oldest, limit: AccountSession.HISTORY_PAGE });
      this.conversations.applyPage(conversationId, page, { older: true, generation });
    });
  }

  /** Queues a message and sends it if the socket is up; it shows as "sending…" until accepted. */
  send(conversationId, body) {
    this.presence.sent(conversationId);
    const conversation = this.conversations.get(conversationId);
    const entry = {
      clientMessageId: newClientMessageId(),
      conversationId,
      // a direct chat is addressed to the person: that also creates the conversation on its first message
      to: conversation.kind === 'direct' ? otherMember(conversation, this.userId) : null,
      body,
      createdAt: new Date().toISOString(),
    };
    this.outbox.add(entry);
    this.#sendFromOutbox(entry);
  }

  retrySend(clientMessageId) {
    this.outbox.retry(clientMessageId);
    const entry = this.outbox.get(clientMessageId);
    if (entry) {
      this.#sendFromOutbox(entry);
    }
  }

  discardSend(clientMessageId) {
    this.outbox.remove(clientMessageId);
  }

  /** The user has seen everything in the conversation: tell the server, so the unread count drops everywhere. */
  markRead(conversationId) {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || !conversation.onServer || conversation.lastSeq <= conversation.readSeq) {
      return;
    }
    const seq = conversation.lastSeq;
    this.conversations.markRead(conversationId, seq);
    this.#sendRead(conversationId, seq);
  }

  #sendRead(conversationId, seq) {
    this.#unsentReads.set(conversationId, seq);
    this.api.markRead(conversationId, seq)
      .then(() => {
        if (this.#unsentReads.get(conversationId) === seq) {
          this.#unsentReads.delete(conversationId);
        }
      })
      .catch(() => {}); // kept in #unsentReads; sent again once the connection is back
  }

  #onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        this.maxBodyLength = frame.maxBodyLength ?? this.maxBodyLength;
        this.#flushOutbox();
        break;
      case 'message':
        this.#receive(frame.message);
        break;
      case 'accepted':
        this.#accepted(frame);
        break;
      case 'synced':
        this.#synced = true;
        this.refreshConversations().then(() => this.#queryPresenceOfEveryone());
        for (const [conversationId, seq] of this.#unsentReads) {
          this.#sendRead(conversationId, seq);
        }
        for (const conversation of this.conversations.opened()) {
          if (conversation.timeline.error && !conversation.timeline.loaded) {
            // its history could not be loaded while the connection was down: now it can
            this.openConversation(conversation.conversationId);
          } else {
            // receipts are not caught up over the socket: whatever moved while it was down, ask for it
            this.#loadReceipts(conversation);
          }
        }
        break;
      case 'error':
        this.#serverError(frame);
        break;
      case 'presence':
        this.presence.apply(frame);
        break;
      case 'typing':
        this.presence.typing(frame);
        break;
      case 'receipt':
        this.conversations.applyReceipt(frame);
        break;
      case 'read_state':
        // this account read the conversation on another device (or this one): the unread count follows
        this.conversations.markRead(frame.conversationId, frame.readSeq);
        if (frame.unreadCount === 0) {
          this.emit('read', { conversationId: frame.conversationId });
        }
        break;
      default:
        // a newer server may send frame types this page does not know yet (receipts, typing, presence)
        break;
    }
    this.emit('change');
  }

  /**
   * Asks for the presence of these users (at most 100 per frame, as the server allows); the server answers
   * only for those who share a conversation with this account. Changes of contacts then come live.
   */
  queryPresence(userIds) {
    const others = [...new Set(userIds)].filter((userId) => userId !== this.userId);
    for (let start = 0; start < others.length; start += 100) {
      this.socket.send({ type: 'presence_query', userIds: others.slice(start, start + 100) });
    }
  }

  #queryPresenceOfEveryone() {
    this.queryPresence(this.conversations.list().flatMap((conversation) => conversation.members ?? []));
  }

  /** The user typed in the conversation's composer; the other members hear of it, now and then. */
  typing(conversationId) {
    if (this.conversations.get(conversationId)?.onServer && this.presence.shouldSendTyping(conversationId)) {
      this.socket.send({ type: 'typing', conversationId });
    }
  }

  #receive(message) {
    this.presence.stopTyping(message.conversationId, message.senderId);
    if (message.clientMessageId && message.senderDeviceId === this.deviceId) {
      // our own message, back from the backlog: the server had it even if its 'accepted' never reached us
      this.outbox.remove(message.clientMessageId);
    }
    const known = this.conversations.get(message.conversationId)?.onServer;
    const isNew = this.conversations.applyMessage(message);
    if (!known && this.#synced) {
      this.queryPresence([message.senderId]); // a new contact: whether they are online now
    }
    if (message.event && this.#removesMe(message)) {
      this.conversations.markLeft(message.conversationId);
      this.emit('group-changed', { conversationId: message.conversationId });
    } else if ((!known || message.event) && !message.conversationId.startsWith('dm-')) {
      // a group we have not seen, or its members or name changed: that comes from the server
      this.refreshGroup(message.conversationId);
    }
    this.#queueAck(message.conversationId, message.seq);
    if (isNew && this.#synced && message.senderId !== this.userId) {
      this.emit('incoming', { message });
    }
  }

  /** A membership event that ends this account's membership (removed, or left from any of its devices). */
  #removesMe(message) {
    const type = message.event.type;
    return (type === 'member_removed' || type === 'member_left') && (message.event.userIds ?? []).includes(this.userId);
  }

  async #accepted(frame) {
    const entry = this.outbox.remove(frame.clientMessageId);
    let message = {
      messageId: frame.messageId,
      conversationId: frame.conversationId,
      seq: frame.seq,
      senderId: this.userId,
      senderDeviceId: this.deviceId,
      clientMessageId: frame.clientMessageId,
      body: entry?.body,
      sentAt: frame.sentAt,
    };
    if (message.body === undefined) {
      // another tab of this browser (the same device) wrote it; read it back to show it
      const page = await this.api.messages(frame.conversationId, { after: frame.seq - 1, limit: 1 }).catch(() => null);
      message = page?.messages?.[0] ?? { ...message, body: '' };
    }
    this.conversations.applyMessage(message);
    this.#queueAck(frame.conversationId, frame.seq);
  }

  #serverError(frame) {
    const entry = frame.ref ? this.outbox.get(frame.ref) : null;
    if (entry) {
      if (!AccountSession.RETRYABLE_ERRORS.has(frame.code)) {
        this.outbox.markFailed(entry.clientMessageId, { code: frame.code, message: frame.message });
      }
      return; // retryable: the resend timer sends it again with the same id
    }
    this.emit('notice', { text: frame.message ?? 'The server reported a problem.' });
  }

  #flushOutbox() {
    for (const entry of this.outbox.due()) {
      this.#sendFromOutbox(entry);
    }
  }

  #resendOverdue() {
    if (!this.#synced) {
      return;
    }
    for (const entry of this.outbox.due({ olderThanMillis: AccountSession.RESEND_AFTER_MILLIS })) {
      this.#sendFromOutbox(entry);
    }
  }

  #sendFromOutbox(entry) {
    const frame = { type: 'send', clientMessageId: entry.clientMessageId, body: entry.body };
    if (entry.to) {
      frame.to = entry.to;
    } else {
      frame.conversationId = entry.conversationId;
    }
    if (this.socket.send(frame)) {
      this.outbox.markSent(entry.clientMessageId);
    }
  }

  /** The device now holds the conversation up to seq: its cursor moves, so the next backlog starts after it. */
  #queueAck(conversationId, seq) {
    this.#pendingAcks.set(conversationId, Math.max(seq, this.#pendingAcks.get(conversationId) ?? 0));
    if (!this.#ackTimer) {
      this.#ackTimer = setTimeout(() => this.#flushAcks(), AccountSession.ACK_DELAY_MILLIS);
    }
  }

  #flushAcks() {
    this.#ackTimer = null;
    for (const [conversationId, seq] of this.#pendingAcks) {
      // if the socket is down the ack is simply lost: the backlog repeats those messages and they are deduplicated
      this.socket.send({ type: 'ack', conversationId, seq });
    }
    this.#pendingAcks.clear();
  }

  async #loadLatest(conversation) {
    await this.#loading(conversation, async () => {
      // a conversation opened from the address bar on reload is only known once the list has arrived
      await this.#listLoaded;
      if (!conversation.onServer && this.#listNext !== null) {
        // older than the list reaches: ask for it by name (a new chat is refused, which is fine)
        await this.api.conversation(conversation.conversationId)
          .then((summary) => this.conversations.mergeSummary(summary), () => {});
      }
      if (!conversation.onServer) {
        // a new chat: nothing to load until its first message, and asking for its messages would be refused
        conversation.timeline.loaded = true;
        conversation.timeline.draft = true;
        return;
      }
      conversation.timeline.draft = false;
      const generation = conversation.timeline.generation;
      const page = await this.api.messages(conversation.conversationId, { limit: AccountSession.HISTORY_PAGE });
      this.conversations.applyPage(conversation.conversationId, page, { generation });
    });
  }

  async #loading(conversation, work) {
    conversation.timeline.loading = true;
    conversation.timeline.error = null;
    this.conversations.touch();
    try {
      await work();
    } catch (error) {
      conversation.timeline.error = error instanceof ApiError ? error.message : 'Could not load messages.';
    } finally {
      conversation.timeline.loading = false;
      this.conversations.touch();
    }
  }

  /** After a refused handshake: is it the token (stop for good) or just the network (keep trying)? */
  async #stillSignedIn() {
    try {
      await this.api.me();
      return true;
    } catch (error) {
      return !(error instanceof ApiError && error.unauthorized);
    }
  }

  #tokenRefused() {
    if (this.#signedOut) {
      return;
    }
    this.#signedOut = true;
    this.stop();
    this.emit('signed-out');
    this.emit('change');
  }
}

function lastActivity({ conversation, pending }) {
  return Math.max(conversation.lastActivityAt, pending ? Date.parse(pending.createdAt) : 0);
}
