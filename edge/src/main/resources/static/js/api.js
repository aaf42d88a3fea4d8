/**
 * The HTTP API (accounts and history). Every error becomes an ApiError carrying the server's RFC 9457 problem
 * detail, so views can show the server's own words ("Unknown username or wrong password").
 */

export class ApiError extends Error {
  /** status 0 means the server could not be reached at all. */
  constructor(status, detail, problem = null) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get unauthorized() {
    return this.status === 401;
  }
}

async function request(method, path, { token, body, query } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) {
      url.searchParams.set(name, String(value));
    }
  }
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "Can't reach the server. Check your connection and try again.");
  }
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) {
    const detail = json?.detail ?? json?.title ?? `The server answered ${response.status}`;
    throw new ApiError(response.status, detail, json);
  }
  return json;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Calls that need no account yet. */
export const publicApi = {
  signUp({ username, password, displayName }) {
    return request('POST', '/api/accounts/signup', { body: { username, password, displayName } });
  },

  /** Sending the deviceId from an earlier login keeps this browser one device of the account. */
  logIn({ username, password, deviceId, deviceName, platform }) {
    return request('POST', '/api/accounts/login', {
      body: { username, password, deviceId: deviceId ?? undefined, deviceName, platform },
    });
  },
};

/** Calls made as one signed-in account. */
export class AccountApi {
  #token;
  #onUnauthorized;

  /** onUnauthorized runs when the server refuses the token, e.g. once it has expired. */
  constructor(token, onUnauthorized) {
    this.#token = token;
    this.#onUnauthorized = onUnauthorized;
  }

  async #call(method, path, options = {}) {
    try {
      return await request(method, path, { ...options, token: this.#token });
    } catch (error) {
      if (error instanceof ApiError && error.unauthorized) {
        this.#onUnauthorized?.(error);
      }
      throw error;
    }
  }

  me() {
    return this.#call('GET', '/api/users/me');
  }

  user(userId) {
    return this.#call('GET', `/api/users/${encodeURIComponent(userId)}`);
  }

  /** The user with this username, or null if there is none. */
  async userByUsername(username) {
    try {
      return await this.#call('GET', '/api/users', { query: { username } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }
  }

  /** One page of the list, latest activity first: { conversations, next }; next (or null) is the page after's before. */
  conversationPage({ limit = 50, before } = {}) {
    return this.#call('GET', '/api/conversations', { query: { limit, before } });
  }

  conversation(conversationId) {
    return this.#call('GET', `/api/conversations/${encodeURIComponent(conversationId)}`);
  }

  /** One page, oldest first: { messages, hasOlder, hasNewer }. Give at most one of before, after, around. */
  messages(conversationId, { before, after, around, limit = 50 } = {}) {
    return this.#call('GET', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
      query: { before, after, around, limit },
    });
  }

  markRead(conversationId, seq) {
    return this.#call('POST', `/api/conversations/${encodeURIComponent(conversationId)}/read`, { body: { seq } });
  }

  /** Every member's watermarks: [{ userId, deliveredSeq, readSeq }]. */
  async receipts(conversationId) {
    return (await this.#call('GET', `/api/conversations/${encodeURIComponent(conversationId)}/receipts`)).members;
  }

  /** Full-text search over the caller's conversations: { hits, next }. */
  search(q, { limit = 20, after } = {}) {
    return this.#call('GET', '/api/search', { query: { q, limit, after } });
  }

  // ---- groups (docs/groups.md) ----

  /** Answers the change result: { status, groupId, eventSeqs, group }. */
  createGroup({ name, memberIds }) {
    return this.#call('POST', '/api/groups', { body: { name, memberIds } });
  }

  /** [{ userId, username, displayName, admin }] in join order. */
  async groupMembers(groupId) {
    return (await this.#call('GET', `/api/groups/${encodeURIComponent(groupId)}/members`)).members;
  }

  addGroupMembers(groupId, userIds) {
    return this.#call('POST', `/api/groups/${encodeURIComponent(groupId)}/members`, { body: { userIds } });
  }

  removeGroupMember(groupId, userId) {
    return this.#call('DELETE', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`);
  }

  leaveGroup(groupId) {
    return this.#call('POST', `/api/groups/${encodeURIComponent(groupId)}/leave`);
  }

  /** admin true promotes, false demotes. */
  setGroupAdmin(groupId, userId, admin) {
    return this.#call(admin ? 'PUT' : 'DELETE',
      `/api/groups/${encodeURIComponent(groupId)}/admins/${encodeURIComponent(userId)}`);
  }

  // ---- push (the push service; may be absent: then push is "not configured") ----

  /** The Web Push key ({ vapidPublicKey }) or null when push is not configured, or not there at all. */
  async webPushConfig() {
    try {
      return (await this.#call('GET', '/api/push/config'))?.webPush ?? null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return null;
      }
      throw error;
    }
  }

  /** Registers a Web Push subscription: { targetId, provider }. */
  addWebPushTarget({ endpoint, p256dh, auth }) {
    return this.#call('POST', '/api/push/targets', { body: { provider: 'web_push', endpoint, keys: { p256dh, auth } } });
  }

  removePushTarget(id) {
    return this.#call('DELETE', `/api/push/targets/${encodeURIComponent(id)}`);
  }
}
