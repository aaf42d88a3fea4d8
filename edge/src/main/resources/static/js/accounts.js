/**
 * The accounts signed in on this browser, kept in localStorage so a reload keeps them signed in.
 *
 * The access token is stored (the page cannot work without it after a reload); the password never is. When
 * a token expires the account stays listed, marked as needing its password again.
 *
 * Device ids are kept by username and outlive sign-out: signing in again with the same deviceId makes the
 * server treat this browser as the same device, so it keeps its sync cursor instead of becoming a new one.
 */

const ACCOUNTS_KEY = 'switchboard.accounts.v1';
const ACTIVE_KEY = 'switchboard.activeAccount.v1';
const DEVICES_KEY = 'switchboard.devices.v1';

function read(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key, value) {
  localStorage.setItem(key, JSON.stringify(value));
}

export const accountStore = {
  /** [{ userId, username, displayName, deviceId, accessToken, expiresAt }] in the order they were added. */
  all() {
    return read(ACCOUNTS_KEY, []);
  },

  /** Adds the account, or refreshes it if it is already here (signed in again). */
  save(account) {
    const accounts = this.all().filter((existing) => existing.userId !== account.userId);
    const position = this.all().findIndex((existing) => existing.userId === account.userId);
    accounts.splice(position < 0 ? accounts.length : position, 0, account);
    write(ACCOUNTS_KEY, accounts);
    this.rememberDevice(account.username, account.deviceId);
  },

  remove(userId) {
    write(ACCOUNTS_KEY, this.all().filter((account) => account.userId !== userId));
    if (this.activeUserId() === userId) {
      localStorage.removeItem(ACTIVE_KEY);
    }
  },

  /** Drops the token but keeps the account listed, so it can be signed in again with its password. */
  forgetToken(userId) {
    write(ACCOUNTS_KEY, this.all().map((account) =>
      account.userId === userId ? { ...account, accessToken: null, expiresAt: null } : account));
  },

  activeUserId() {
    return localStorage.getItem(ACTIVE_KEY);
  },

  setActive(userId) {
    localStorage.setItem(ACTIVE_KEY, userId);
  },

  deviceIdFor(username) {
    return read(DEVICES_KEY, {})[username.toLowerCase()] ?? null;
  },

  rememberDevice(username, deviceId) {
    write(DEVICES_KEY, { ...read(DEVICES_KEY, {}), [username.toLowerCase()]: deviceId });
  },
};

/** A token that will not be accepted any more (with a minute's margin for clock differences). */
export function tokenExpired(account) {
  return !account.accessToken || (account.expiresAt && Date.parse(account.expiresAt) - 60_000 < Date.now());
}

/** A name for this browser in the account's device list: "Chrome on Linux". */
export function deviceName() {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent) ? 'Edge'
    : /Firefox\//.test(agent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(agent) ? 'Chrome'
    : /Safari\//.test(agent) ? 'Safari'
    : 'Browser';
  const system = /Android/.test(agent) ? 'Android'
    : /iPhone|iPad/.test(agent) ? 'iOS'
    : /Mac OS X/.test(agent) ? 'macOS'
    : /Windows/.test(agent) ? 'Windows'
    : /Linux/.test(agent) ? 'Linux'
    : 'the web';
  return `${browser} on ${system}`;
}
