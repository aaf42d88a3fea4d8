import { h } from '../dom.js';
import { avatarHue, initials } from '../format.js';

/** A round avatar with initials in the person's colour. Decorative: the name is always written next to it. */
export function avatar(id, name, { size = 'medium' } = {}) {
  return h('span', {
    class: `avatar avatar-${size}`,
    style: `--avatar-hue: ${avatarHue(id)}`,
    'aria-hidden': 'true',
  }, initials(name));
}

/** Updates an avatar in place when the name arrives. */
export function updateAvatar(element, id, name) {
  element.style.setProperty('--avatar-hue', String(avatarHue(id)));
  const text = initials(name);
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
