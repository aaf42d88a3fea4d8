/** How times, names and avatars look. One place, so every view says "yesterday" the same way. */

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

function startOfDay(date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

const DAY_MILLIS = 24 * 60 * 60 * 1000;

/** For the conversation list: "14:05" today, "Tue" this week, "Mar 3" before. */
export function listTime(instant, now = new Date()) {
  if (!instant) {
    return '';
  }
  const date = new Date(instant);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MILLIS);
  if (days <= 0) {
    return timeOfDay.format(date);
  }
  if (days < 7) {
    return weekday.format(date);
  }
  return shortDate.format(date);
}

/** A header's "last seen today at 14:05" / "last seen Monday" / "last seen 3 Mar". */
export function lastSeen(instant, now = new Date()) {
  const days = Math.round((startOfDay(now) - startOfDay(new Date(instant))) / DAY_MILLIS);
  if (days <= 0) {
    return `last seen today at ${timeOfDay.format(new Date(instant))}`;
  }
  return days === 1 ? 'last seen yesterday' : `last seen ${listTime(instant, now)}`;
}

/** Under a message bubble. */
export function messageTime(instant) {
  return timeOfDay.format(new Date(instant));
}

/** The tooltip and datetime text of a message. */
export function fullTime(instant) {
  return fullDate.format(new Date(instant));
}

/** Separators between days in a conversation: "Today", "Yesterday", "Monday, March 3". */
export function dayLabel(instant, now = new Date()) {
  const days = Math.round((startOfDay(now) - startOfDay(new Date(instant))) / DAY_MILLIS);
  if (days === 0) {
    return 'Today';
  }
  if (days === 1) {
    return 'Yesterday';
  }
  return longDate.format(new Date(instant));
}

export function dayKey(instant) {
  const date = new Date(instant);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** Up to two letters for an avatar. */
export function initials(name) {
  const words = String(name ?? '?').trim().split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A stable hue per user, so a person keeps their colour everywhere. */
export function avatarHue(id) {
  let hash = 0;
  for (const character of String(id)) {
    hash = (hash * 31 + character.codePointAt(0)) >>> 0;
  }
  return hash % 360;
}

/** "1 unread message" / "3 unread messages": badges show a number, screen readers get words. */
export function unreadLabel(count) {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}

/** What a badge shows: big numbers are noise. */
export function badgeText(count) {
  return count > 99 ? '99+' : String(count);
}
