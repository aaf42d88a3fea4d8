import { accountStore, deviceName, tokenExpired } from './accounts.js';
import { publicApi } from './api.js';
import { unreadCount } from './conversations.js';
import { Emitter } from './events.js';
import { notify, withdrawNotification } from './notifications.js';
import { disableWebPush, enableWebPush } from './push.js';
import { AccountSession } from './session.js';

/**
 * The whole page's state: which accounts are signed in (one AccountSession each), which one is in front,
 * which conversation is open. Also the few rules that span accounts: read marking, notifications, the
 * address bar (#/<userId>/<conversationId>, so Back and reload work) and the tab title.
 */
export class App extends Emitter {
  /** userId -> AccountSession, for every account with a usable token. */
  sessions = new Map();
  activeUserId = null;
  /** userId -> open conversation id; each account remembers where it was. */
  #openConversation = new Map();
  /** userId -> seq of the first unread message when the open conversation was opened: where "New" goes. */
  #unreadMarker = new Map();
  /** True while the sign-in form is shown for adding another account. */
  addingAccount = false;
  /** The message a search hit jumped to: { userId, conversationId, seq }, shown highlighted until another opens. */
  highlight = null;
  #jumps = 0;
  #changeQueued = false;

  start() {
    for (const account of accountStore.all()) {
      if (!tokenExpired(account)) {
        this.#startSession(account);
      }
    }
    const remembered = accountStore.activeUserId();
    const accounts = accountStore.all();
    this.activeUserId = accounts.some((account) => account.userId === remembered)
      ? remembered
      : accounts[0]?.userId ?? null;
    window.addEventListener('hashchange', () => this.#followAddress());
    document.addEventListener('visibilitychange', () => this.#changed());
    this.#followAddress();
    this.#openFromQuery();
    this.#changed();
  }

  /**
   * /?conversation=<id> (where a push notification's click lands): opens that conversation in the account
   * that has it, the one in front first, once the conversation lists are in.
   */
  async #openFromQuery() {
    const params = new URLSearchParams(location.search);
    const conversationId = params.get('conversation');
    if (!conversationId) {
      return;
    }
    history.replaceState(null, '', `${location.pathname}${location.hash}`);
    const sessions = [...this.sessions.values()]
      .sort((a, b) => Number(b.userId === this.activeUserId) - Number(a.userId === this.activeUserId));
    for (const session of sessions) {
      await session.listLoaded;
      if (session.conversations.get(conversationId)?.onServer) {
        this.switchTo(session.userId);
        this.openConversation(conversationId);
        return;
      }
    }
  }

  /** Every account on this browser, signed in or waiting for its password: the account switcher's rows. */
  accounts() {
    return accountStore.all();
  }

  get activeSession() {
    return this.sessions.get(this.activeUserId) ?? null;
  }

  get activeAccount() {
    return accountStore.all().find((account) => account.userId === this.activeUserId) ?? null;
  }

  get openConversationId() {
    return this.#openConversation.get(this.activeUserId) ?? null;
  }

  get unreadMarkerSeq() {
    return this.#unreadMarker.get(this.activeUserId) ?? null;
  }

  /** True when the sign-in form is what the user should see. */
  get showingSignIn() {
    return this.addingAccount || !this.activeSession;
  }

  async signUp({ username, password, displayName }) {
    await publicApi.signUp({ username, password, displayName: displayName || undefined });
    return this.signIn({ username, password });
  }

  async signIn({ username, password }) {
    const normalized = username.trim().toLowerCase();
    const login = await publicApi.logIn({
      username: normalized,
      password,
      deviceId: accountStore.deviceIdFor(normalized),
      deviceName: deviceName(),
      platform: 'web',
    });
    const existing = this.sessions.get(login.userId);
    existing?.stop();
    this.sessions.delete(login.userId);
    const account = {
      userId: login.userId,
      username: normalized,
      displayName: normalized,
      deviceId: login.deviceId,
      accessToken: login.accessToken,
      expiresAt: login.expiresAt,
    };
    const session = this.#startSession(account);
    const me = await session.api.me().catch(() => null);
    if (me) {
      account.displayName = me.displayName;
      session.users.remember(me);
    }
    accountStore.save(account);
    this.addingAccount = false;
    this.switchTo(account.userId);
    return account;
  }

  switchTo(userId) {
    this.activeUserId = userId;
    this.addingAccount = false;
    accountStore.setActive(userId);
    this.#writeAddress();
    this.#changed();
  }

  showAddAccount() {
    this.addingAccount = true;
    this.#changed();
  }

  cancelAddAccount() {
    this.addingAccount = false;
    this.#changed();
  }

  /** Signs the account out of this browser. Its unsent messages stay queued for when it signs in again. */
  signOut(userId) {
    const session = this.sessions.get(userId);
    if (session) {
      disableWebPush(session);
    }
    session?.stop();
    this.sessions.delete(userId);
    this.#openConversation.delete(userId);
    accountStore.remove(userId);
    if (this.activeUserId === userId) {
      this.activeUserId = accountStore.all()[0]?.userId ?? null;
      if (this.activeUserId) {
        accountStore.setActive(this.activeUserId);
      }
    }
    this.#writeAddress();
    this.#changed();
  }

  openConversation(conversationId) {
    const session = this.activeSession;
    if (!session) {
      return;
    }
    this.#open(session, conversationId);
    this.#writeAddress();
    this.#changed();
  }

  /** A search hit: open its conversation on the window around the message, and highlight it. */
  async jumpTo(conversationId, seq) {
    const session = this.activeSession;
    if (!session) {
      return;
    }
    this.highlight = { userId: session.userId, conversationId, seq, jump: ++this.#jumps };
    this.#unreadMarker.set(session.userId, null);
    this.#openConversation.set(session.userId, conversationId);
    this.#writeAddress();
    this.#changed();
    await session.jumpTo(conversationId, seq);
    this.#changed();
  }

  closeConversation() {
    this.#openConversation.delete(this.activeUserId);
    this.#writeAddress();
    this.#changed();
  }

  /** Total unread across accounts: for the tab title. */
  totalUnread() {
    let total = 0;
    for (const session of this.sessions.values()) {
      total += session.conversations.totalUnread();
    }
    return total;
  }

  #open(session, conversationId) {
    if (this.highlight?.conversationId !== conversationId) {
      this.highlight = null;
      // opened from the list while a search hit's window of older history is loaded: show the newest
      session.showLatest(conversationId);
    }
    // noted before anything is marked read, so the view can still show where the new messages begin
    const conversation = session.conversations.get(conversationId);
    this.#unreadMarker.set(session.userId,
      conversation && unreadCount(conversation) > 0 ? conversation.readSeq + 1 : null);
    this.#openConversation.set(session.userId, conversationId);
    session.openConversation(conversationId);
  }

  #startSession(account) {
    const session = new AccountSession(account);
    this.sessions.set(account.userId, session);
    session.on('change', () => this.#changed());
    session.on('incoming', ({ message }) => this.#notifyIncoming(session, message));
    session.on('notice', (notice) => this.emit('notice', notice));
    session.on('read', ({ conversationId }) => withdrawNotification(`${session.userId}/${conversationId}`));
    session.on('signed-out', () => {
      accountStore.forgetToken(account.userId);
      this.sessions.delete(account.userId);
      this.#changed();
    });
    session.start();
    session.listLoaded.then(() => enableWebPush(session));
    return session;
  }

  /** The user has just allowed notifications: every account gets Web Push too, where the server offers it. */
  enableWebPush() {
    for (const session of this.sessions.values()) {
      enableWebPush(session);
    }
  }

  async #notifyIncoming(session, message) {
    // the first message from someone new arrives before their name does: wait for it, the title is the point
    const sender = (await session.users.lookup(message.senderId).catch(() => null))?.displayName ?? 'New message';
    const conversation = session.conversations.get(message.conversationId);
    const where = conversation?.kind === 'group' ? `${sender} in ${conversation.name ?? 'a group'}` : sender;
    const severalAccounts = this.sessions.size > 1;
    notify({
      title: severalAccounts ? `${where} → ${session.account.displayName}` : where,
      body: message.body,
      tag: `${session.userId}/${message.conversationId}`,
      onClick: () => {
        this.switchTo(session.userId);
        this.openConversation(message.conversationId);
      },
    });
  }

  /** Reading is automatic: the open conversation of the account in front, while the tab is visible. */
  #markVisibleRead() {
    const session = this.activeSession;
    const conversationId = this.openConversationId;
    if (!session || !conversationId || this.addingAccount || document.visibilityState !== 'visible') {
      return;
    }
    const conversation = session.conversations.get(conversationId);
    if (conversation && unreadCount(conversation) > 0) {
      session.markRead(conversationId);
    }
  }

  #writeAddress() {
    const conversationId = this.openConversationId;
    const address = this.activeUserId
      ? `#/${this.activeUserId}${conversationId ? `/${conversationId}` : ''}`
      : '#/';
    if (location.hash !== address) {
      history.pushState(null, '', address);
    }
  }

  /** The address bar changed (Back, a pasted link, a reload): show what it names. */
  #followAddress() {
    const [userId, conversationId] = location.hash.replace(/^#\/?/, '').split('/');
    if (userId && this.sessions.has(userId)) {
      this.activeUserId = userId;
      accountStore.setActive(userId);
      if (conversationId && conversationId !== this.#openConversation.get(userId)) {
        this.#open(this.sessions.get(userId), conversationId);
      } else if (!conversationId) {
        this.#openConversation.delete(userId);
      }
    }
    this.#changed();
  }

  /** Many changes in one task make one render. */
  #changed() {
    if (this.#changeQueued) {
      return;
    }
    this.#changeQueued = true;
    queueMicrotask(() => {
      this.#changeQueued = false;
      this.#markVisibleRead();
      const unread = this.totalUnread();
      document.title = unread > 0 ? `(${unread}) Switchboard` : 'Switchboard';
      this.emit('change');
    });
  }
}
