import { notificationPermission } from './notifications.js';

/**
 * Web Push: when the server has push configured (GET /api/push/config names a VAPID key) and the user has
 * allowed notifications, this browser's push subscription (one per browser, made through the service worker
 * sw.js) is registered as a push target of every account signed in here, so a message to an account with no
 * device online still reaches this browser. Nothing happens where push is not configured, or the push
 * service is not deployed at all (404), or the browser cannot do push.
 *
 * Each account's target id is kept in localStorage with the endpoint it was made for, so a reload does not
 * register it again, and signing out deletes it.
 */
const TARGETS_KEY = 'switchboard.pushTargets.v1';

export function webPushSupported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && window.isSecureContext;
}

/** For one account: registers this browser's subscription with the server if push is configured and allowed. */
export async function enableWebPush(session) {
  if (!webPushSupported() || notificationPermission() !== 'granted') {
    return false;
  }
  const config = await session.api.webPushConfig().catch(() => null);
  if (!config?.vapidPublicKey) {
    return false;
  }
  try {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const subscription = await subscriptionFor(registration, config.vapidPublicKey);
    const stored = readTargets()[session.userId];
    if (stored?.endpoint === subscription.endpoint) {
      return true;
    }
    const { keys } = subscription.toJSON();
    const target = await session.api.addWebPushTarget({ endpoint: subscription.endpoint, p256dh: keys.p256dh, auth: keys.auth });
    if (stored) {
      session.api.removePushTarget(stored.id).catch(() => {}); // the old subscription's target is of no use now
    }
    writeTarget(session.userId, { id: target.targetId, endpoint: subscription.endpoint });
    return true;
  } catch {
    // no push service reachable (or it refused): notifications still come while a tab is open
    return false;
  }
}

/** Signing out: this browser stops getting the account's pushes. */
export async function disableWebPush(session) {
  const stored = readTargets()[session.userId];
  if (!stored) {
    return;
  }
  writeTarget(session.userId, null);
  await session.api.removePushTarget(stored.id).catch(() => {});
}

async function subscriptionFor(registration, vapidPublicKey) {
  const key = base64UrlToBytes(vapidPublicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing && sameBytes(existing.options?.applicationServerKey, key)) {
    return existing;
  }
  // made for another server key (the server's key changed): it cannot carry this server's pushes
  await existing?.unsubscribe();
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
}

function sameBytes(buffer, bytes) {
  if (!buffer) {
    return false;
  }
  const other = new Uint8Array(buffer);
  return other.length === bytes.length && other.every((byte, index) => byte === bytes[index]);
}

function readTargets() {
  try {
    return JSON.parse(localStorage.getItem(TARGETS_KEY)) ?? {};
  } catch {
    return {};
  }
}

function writeTarget(userId, target) {
  const targets = readTargets();
  if (target) {
    targets[userId] = target;
  } else {
    delete targets[userId];
  }
  localStorage.setItem(TARGETS_KEY, JSON.stringify(targets));
}
