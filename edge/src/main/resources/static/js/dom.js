/**
 * Building DOM without a framework. Text always goes in through textContent, never innerHTML, so nothing a
 * user sends can become markup.
 */

/** h('button', {class: 'x', onclick: f, 'aria-label': 'Send'}, 'text', child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/**
 * Makes `container`'s children match `items`, reusing the element of each key. Reuse is what keeps focus,
 * scroll position and running CSS transitions intact when a list changes under the user.
 */
export function reconcile(container, items, { key, create, update }) {
  const existing = new Map();
  for (const child of container.children) {
    if (child.dataset.key !== undefined) {
      existing.set(child.dataset.key, child);
    }
  }
  const wanted = new Set();
  let position = 0;
  for (const item of items) {
    const itemKey = String(key(item));
    wanted.add(itemKey);
    let element = existing.get(itemKey);
    if (!element) {
      element = create(item);
      element.dataset.key = itemKey;
    }
    update(element, item);
    const atPosition = container.children[position];
    if (atPosition !== element) {
      container.insertBefore(element, atPosition ?? null);
    }
    position++;
  }
  for (const [itemKey, element] of existing) {
    if (!wanted.has(itemKey)) {
      element.remove();
    }
  }
}

/** An inline SVG icon from the sprite in index.html; decorative, so hidden from assistive technology. */
export function icon(name) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
  use.setAttribute('href', `#icon-${name}`);
  svg.append(use);
  return svg;
}
