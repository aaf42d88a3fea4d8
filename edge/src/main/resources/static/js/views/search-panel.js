import { ApiError } from '../api.js';
import { h, icon, reconcile, replaceChildren } from '../dom.js';
import { listTime } from '../format.js';
import { conversationTitle } from './conversation-list.js';

/** Typing pauses this long before the search goes out (Enter searches at once). */
const SEARCH_AFTER_MILLIS = 350;

/**
 * The search box over the conversation list, and its hits in place of the list while there is a query.
 * Each hit names the conversation, who wrote it and when, with the matched words marked; choosing one opens
 * the conversation around that message (app.jumpTo). Escape clears the search and gives the list back.
 */
export class SearchPanel {
  #app;
  #timer = null;
  #asked = 0;
  #state = { query: '', status: 'idle', hits: [], error: null };
  #onChange;

  constructor(app, { onChange }) {
    this.#app = app;
    this.#onChange = onChange;
    this.input = h('input', {
      id: 'search-input', class: 'search-input', type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'Search messages', 'aria-controls': 'search-results', enterkeyhint: 'search',
      'aria-keyshortcuts': '/', title: 'Search messages (/)',
    });
    const label = h('label', { for: 'search-input', class: 'visually-hidden' }, 'Search messages');
    this.form = h('form', { class: 'search-form', role: 'search' }, label, icon('search'), this.input);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#search();
    });
    this.input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      if (this.input.value.trim() === '') {
        this.clear({ keepFocus: true });
      } else {
        this.#timer = setTimeout(() => this.#search(), SEARCH_AFTER_MILLIS);
      }
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.input.value !== '') {
        event.preventDefault();
        this.clear({ keepFocus: true });
      } else if (event.key === 'ArrowDown') {
        // from the box straight into the hits
        event.preventDefault();
        this.results.querySelector('button')?.focus();
      }
    });
    this.status = h('p', { class: 'search-status', role: 'status' });
    this.results = h('ul', { class: 'search-results', id: 'search-results', 'aria-label': 'Search results' });
    this.results.addEventListener('keydown', (event) => this.#moveThroughHits(event));
    this.element = h('div', { class: 'search-panel', hidden: true }, this.status, this.results);
  }

  /** True while hits (or "searching…") take the list's place. */
  get active() {
    return this.#state.query !== '';
  }

  clear({ keepFocus = false } = {}) {
    clearTimeout(this.#timer);
    this.#asked++;
    this.input.value = '';
    this.#state = { query: '', status: 'idle', hits: [], error: null };
    if (keepFocus) {
      this.input.focus();
    }
    this.#onChange();
  }

  render(session) {
    const { query, status, hits, error } = this.#state;
    this.element.hidden = !this.active;
    if (!this.active) {
      return;
    }
    const words = status === 'searching' && hits.length === 0 ? 'Searching…'
      : status === 'error' ? error
      : hits.length === 0 ? `No messages found for “${query}”.`
      : hits.length === 1 ? '1 message found' : `${hits.length} messages found`;
    if (this.status.textContent !== words) {
      this.status.textContent = words;
    }
    this.status.dataset.state = status;
    reconcile(this.results, hits, {
      key: (hit) => `${hit.conversationId}/${hit.seq}`,
      create: (hit) => this.#createHit(hit),
      update: (element, hit) => this.#updateHit(element, hit, session),
    });
  }

  async #search() {
    clearTimeout(this.#timer);
    const session = this.#app.activeSession;
    const query = this.input.value.trim();
    if (!session || query === '') {
      return;
    }
    const asked = ++this.#asked;
    const previous = this.#state.query === query ? this.#state.hits : [];
    this.#state = { query, status: 'searching', hits: previous, error: null };
    this.#onChange();
    try {
      const answer = await session.search(query);
      if (asked === this.#asked) {
        this.#state = { query, status: 'done', hits: answer.hits, error: null };
      }
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      if (asked === this.#asked) {
        const words = error.status === 503 ? 'Search is not available right now. Try again in a moment.' : error.message;
        this.#state = { query, status: 'error', hits: [], error: words };
      }
    }
    this.#onChange();
  }

  #createHit(hit) {
    const button = h('button', { type: 'button', class: 'search-hit' },
      h('span', { class: 'row-top' }, h('span', { class: 'row-name' }), h('time', { class: 'row-time' })),
      h('span', { class: 'hit-text' }));
    button.addEventListener('click', () => this.#app.jumpTo(hit.conversationId, hit.seq));
    return h('li', { dataset: { conversationId: hit.conversationId, seq: String(hit.seq) } }, button);
  }

  #updateHit(element, hit, session) {
    const button = element.firstElementChild;
    const conversation = session.conversations.get(hit.conversationId);
    const where = conversation ? conversationTitle(conversation, session) : 'A conversation';
    const who = hit.senderId === session.userId ? 'You' : session.users.nameOf(hit.senderId);
    const title = conversation?.kind === 'group' ? `${who} in ${where}` : where;
    setText(button.querySelector('.row-name'), title);
    const time = button.querySelector('.row-time');
    setText(time, listTime(hit.sentAt));
    time.setAttribute('datetime', hit.sentAt);
    const text = button.querySelector('.hit-text');
    const highlight = hit.highlight ?? escapeHtml(hit.body);
    if (text.dataset.highlight !== highlight) {
      text.dataset.highlight = highlight;
      replaceChildren(text, ...markedText(highlight));
    }
  }

  /** Up and down move between hits; Escape goes back to the box. */
  #moveThroughHits(event) {
    const buttons = [...this.results.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && at >= 0 && at < buttons.length - 1) {
      event.preventDefault();
      buttons[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at > 0 ? buttons[at - 1] : this.input).focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.input.focus();
    }
  }
}

/**
 * The server's highlight (HTML-escaped text with <em> around matches) as text nodes and <mark> elements:
 * only the <em> tags are honoured, everything else stays text, so nothing in a message can become markup.
 */
export function markedText(highlight) {
  const parts = [];
  let marked = false;
  for (const piece of highlight.split(/(<\/?em>)/)) {
    if (piece === '<em>') {
      marked = true;
    } else if (piece === '</em>') {
      marked = false;
    } else if (piece !== '') {
      const text = unescapeHtml(piece);
      parts.push(marked ? h('mark', {}, text) : text);
    }
  }
  return parts;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0)};`);
}

function setText(element, text) {
  if (element.textContent !== text) {
    element.textContent = text;
  }
}
