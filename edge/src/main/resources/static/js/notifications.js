/**
 * Browser notifications for messages that arrive while the tab is hidden. Permission is only ever asked from
 * a click (browsers ignore or penalise a prompt on page load, and it is rude).
 */

export function notificationsSupported() {
  return 'Notification' in window;
}

/** default (not asked yet) | granted | denied | unsupported */
export function notificationPermission() {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

/** Call from a click handler only. */
export async function askNotificationPermission() {
  if (!notificationsSupported()) {
    return 'unsupported';
  }
  return Notification.requestPermission();
}

/**
 * Shows one notification per conversation (a newer one replaces the older: tag), if allowed and the page is
 * hidden. onClick runs when the user clicks it, after the tab is focused.
 */
export function notify({ title, body, tag, onClick }) {
  if (notificationPermission() !== 'granted' || document.visibilityState === 'visible') {
    return;
  }
  try {
    const notification = new Notification(title, { body: truncate(body, 140), tag });
    shown.set(tag, notification);
    notification.addEventListener('click', () => {
      window.focus();
      onClick?.();
      notification.close();
    });
    notification.addEventListener('close', () => {
      if (shown.get(tag) === notification) {
        shown.delete(tag);
      }
    });
  } catch {
    // some mobile browsers allow notifications only from a service worker; Web Push will cover them
  }
}

/** The notification shown for each tag (one per account and conversation), until it is closed. */
const shown = new Map();

/** The conversation was read (here or on another device): its notification has nothing left to say. */
export function withdrawNotification(tag) {
  shown.get(tag)?.close();
  shown.delete(tag);
}

function truncate(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
