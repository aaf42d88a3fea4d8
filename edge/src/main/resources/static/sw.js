/*
 * The Switchboard service worker: Web Push only (no caching; the page is served fresh every time).
 * Served from the root so that its scope is the whole site. The push service sends JSON payloads:
 *
 *   {"type":"message","conversationId":"…","title":"…","body":"…","unread":N,"tag":"<conversationId>"}
 *       show a notification; a newer one for the same conversation replaces the older (tag)
 *   {"type":"withdraw","conversationId":"…","tag":"…"}
 *       the messages were read elsewhere: close the notifications with that tag
 *
 * A click on a notification focuses an open Switchboard tab (or opens one) on /?conversation=<id>, and the
 * page opens that conversation.
 */

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  event.waitUntil(handlePush(readPayload(event)));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const conversationId = event.notification.data?.conversationId;
  event.waitUntil(openConversation(conversationId));
});

function readPayload(event) {
  try {
    return event.data ? event.data.json() : null;
  } catch {
    return null; // not JSON: nothing this worker knows how to show
  }
}

async function handlePush(payload) {
  if (!payload) {
    return;
  }
  if (payload.type === 'withdraw') {
    const shown = await self.registration.getNotifications({ tag: payload.tag ?? payload.conversationId });
    shown.forEach((notification) => notification.close());
    return;
  }
  if (payload.type === 'message') {
    const unread = Number(payload.unread) || 0;
    await self.registration.showNotification(payload.title || 'Switchboard', {
      body: unread > 1 ? `${payload.body ?? ''}\n(${unread} unread)` : payload.body ?? '',
      tag: payload.tag ?? payload.conversationId,
      renotify: true,
      icon: '/favicon.svg',
      data: { conversationId: payload.conversationId },
    });
  }
}

async function openConversation(conversationId) {
  const path = conversationId ? `/?conversation=${encodeURIComponent(conversationId)}` : '/';
  const url = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    return open.navigate(url).catch(() => self.clients.openWindow(url));
  }
  return self.clients.openWindow(url);
}
