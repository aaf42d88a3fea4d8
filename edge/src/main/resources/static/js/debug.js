import { ChatSocket } from './socket.js';

/**
 * Hooks for the browser tests (and for anyone curious in the console), on window.switchboardDebug. They act
 * on the client's side only, like a flaky network would; they cannot do anything the user could not.
 */
export function installDebugHooks(app) {
  window.switchboardDebug = {
    /** Closes every account's socket as a network drop would; each reconnects by itself with backoff. */
    dropConnection() {
      for (const session of app.sessions.values()) {
        session.socket.drop();
      }
    },

    /**
     * true: as if the network were gone (sockets drop, reconnect attempts fail) until set back to false,
     * which, like the browser's 'online' event, reconnects at once.
     */
    setNetworkDown(down) {
      ChatSocket.networkDown = down;
      for (const session of app.sessions.values()) {
        if (down) {
          session.socket.drop();
        } else {
          session.socket.reconnectNow();
        }
      }
    },

    /** What the page believes, per account: for assertions that should not depend on the markup. */
    accounts() {
      return [...app.sessions.values()].map((session) => ({
        username: session.account.username,
        connection: session.connection,
        unread: session.conversations.totalUnread(),
        pending: session.outbox.all().length,
        recentStates: session.socket.recentStates,
        timesSynced: session.socket.timesSynced,
        listRefreshes: session.listRefreshes,
        olderConversations: session.hasOlderConversations,
      }));
    },
  };
}
