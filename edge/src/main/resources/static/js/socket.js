import { Emitter } from './events.js';

/**
 * One account's WebSocket: connects, reconnects with backoff, keeps the connection honest with pings, and
 * says which state it is in. It knows nothing about chats; it hands every frame on as a 'frame' event.
 *
 * States, as the user sees them:
 *   connecting   - first connection since the page loaded, not caught up yet
 *   online       - caught up ("synced") and live
 *   reconnecting - was lost (or never got through) and is trying again; retryAt says when
 *   offline      - the browser says there is no network; waits for it to return
 *   stopped      - signed out, or the token was refused; nothing more will happen
 */
export class ChatSocket extends Emitter {
  /** Browsers cannot set headers on a WebSocket, so the token travels as a second subprotocol entry. */
  static SUBPROTOCOL = 'switchboard.v1';
  static BEARER_PREFIX = 'bearer.';

  /** Backoff: first retry after about half a second, doubling to at most half a minute, with jitter. */
  static FIRST_RETRY_MILLIS = 500;
  static MAX_RETRY_MILLIS = 30_000;

  /** A ping this often; a pong must come back within the timeout or the connection is treated as dead. */
  static PING_INTERVAL_MILLIS = 25_000;
  static PONG_TIMEOUT_MILLIS = 10_000;

  /** Our own close code for a connection we gave up on (4000-4999 is for applications). */
  static CLOSE_NOT_ANSWERING = 4000;

  /** The server's close code for a device that was signed out (from another device): do not come back. */
  static CLOSE_SIGNED_OUT = 4003;

  /**
   * Set by the test hook (debug.js) to act as if the network were gone: live sockets are dropped and new
   * attempts fail, exactly like a cable pulled out, without touching the server.
   */
  static networkDown = false;

  #token;
  #onHandshakeRefused;
  #socket = null;
  #state = null;
  #everOnline = false;
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #pongTimer = null;
  #stopped = false;
  #retryAt = null;
  #removeWindowListeners = () => {};
  #recentStates = [];
  #timesSynced = 0;

  /** How many past states are remembered for recentStates (debugging and the browser tests). */
  static STATES_REMEMBERED = 20;

  /**
   * onHandshakeRefused runs when a connection closes before it ever opened; it resolves to false if the
   * account can no longer connect (its token was refused), which stops the socket for good.
   */
  constructor({ token, onHandshakeRefused }) {
    super();
    this.#token = token;
    this.#onHandshakeRefused = onHandshakeRefused;
  }

  get state() {
    return this.#state ?? 'connecting';
  }

  /** When the next attempt is due (epoch millis) while reconnecting, else null. */
  get retryAt() {
    return this.#retryAt;
  }

  /** The last few states, oldest first: proof that "reconnecting" happened even if it lasted a blink. */
  get recentStates() {
    return [...this.#recentStates];
  }

  /** How many connections reached "synced" since the page loaded: grows by one with each reconnect. */
  get timesSynced() {
    return this.#timesSynced;
  }

  get isOpen() {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  start() {
    const online = () => this.reconnectNow();
    const offline = () => {
      this.#dropSocket();
      this.#setState('offline');
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.#removeWindowListeners = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
    this.#connect();
  }

  /** For good: signed out. */
  stop() {
    this.#stopped = true;
    this.#removeWindowListeners();
    clearTimeout(this.#retryTimer);
    this.#dropSocket(1000, 'signed out');
    this.#setState('stopped');
  }

  /** Sends a frame if the socket is open; false if it is not (the caller keeps it for later). */
  send(frame) {
    if (!this.isOpen || ChatSocket.networkDown) {
      return false;
    }
    this.#socket.send(JSON.stringify(frame));
    return true;
  }

  /** Closes the connection as a network drop would: it is unexpected, so the socket reconnects. */
  drop() {
    if (this.#socket) {
      this.#dropSocket(ChatSocket.CLOSE_NOT_ANSWERING, 'connection dropped');
      this.#scheduleRetry();
    }
  }

  /** Skips the wait: the network is back, or the user asked. */
  reconnectNow() {
    if (this.#stopped || this.isOpen || this.#socket?.readyState === WebSocket.CONNECTING) {
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  #connect() {
    if (this.#stopped) {
      return;
    }
    this.#retryAt = null;
    if (!navigator.onLine) {
      this.#setState('offline');
      return;
    }
    this.#setState(this.#everOnline ? 'reconnecting' : 'connecting');
    if (ChatSocket.networkDown) {
      this.#scheduleRetry();
      return;
    }
    const url = new URL('/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, [ChatSocket.SUBPROTOCOL, ChatSocket.BEARER_PREFIX + this.#token]);
    let opened = false;
    this.#socket = socket;
    socket.addEventListener('open', () => {
      opened = true;
      this.#startKeepalive();
    });
    socket.addEventListener('message', (event) => this.#receive(event.data));
    socket.addEventListener('close', async (event) => {
      if (this.#socket !== socket) {
        return; // an old socket we already gave up on
      }
      this.#socket = null;
      this.#stopKeepalive();
      if (this.#stopped) {
        return;
      }
      if (event.code === ChatSocket.CLOSE_SIGNED_OUT) {
        this.emit('signed-out');
        this.stop();
        return;
      }
      if (!opened && this.#onHandshakeRefused && !(await this.#onHandshakeRefused())) {
        this.stop();
        return;
      }
      this.#scheduleRetry();
    });
    // 'error' is always followed by 'close', where the retry is decided; nothing to do here
    socket.addEventListener('error', () => {});
  }

  #receive(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      console.warn('Switchboard: ignored a frame that is not JSON');
      return;
    }
    if (frame.type === 'pong') {
      clearTimeout(this.#pongTimer);
      return;
    }
    if (frame.type === 'synced') {
      this.#everOnline = true;
      this.#attempt = 0;
      this.#timesSynced++;
      this.#setState('online');
    }
    this.emit('frame', frame);
  }

  #scheduleRetry() {
    if (this.#stopped) {
      return;
    }
    const ceiling = Math.min(ChatSocket.MAX_RETRY_MILLIS, ChatSocket.FIRST_RETRY_MILLIS * 2 ** this.#attempt);
    // jitter, so a restarted server is not hit by every client in the same millisecond
    const delay = Math.round(ceiling * (0.5 + Math.random() * 0.5));
    this.#attempt++;
    this.#retryAt = Date.now() + delay;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
    this.#setState(navigator.onLine ? 'reconnecting' : 'offline');
  }

  #startKeepalive() {
    this.#stopKeepalive();
    this.#pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping', nonce: String(Date.now()) })) {
        return;
      }
      clearTimeout(this.#pongTimer);
      this.#pongTimer = setTimeout(() => this.drop(), ChatSocket.PONG_TIMEOUT_MILLIS);
    }, ChatSocket.PING_INTERVAL_MILLIS);
  }

  #stopKeepalive() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }

  #dropSocket(code = ChatSocket.CLOSE_NOT_ANSWERING, reason = '') {
    const socket = this.#socket;
    this.#socket = null;
    this.#stopKeepalive();
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(code, reason);
    }
  }

  #setState(state) {
    if (this.#state !== state) {
      this.#recentStates = [...this.#recentStates, state].slice(-ChatSocket.STATES_REMEMBERED);
    }
    if (this.#state !== state || state === 'reconnecting') {
      this.#state = state;
      this.emit('state', state);
    }
  }
}
