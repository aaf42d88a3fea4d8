import { h } from '../dom.js';

/**
 * "New chat": find a person by username and open the chat with them. A native <dialog>, which gives focus
 * trapping, Escape to close and the right semantics for free.
 */
export class NewChatDialog {
  #app;
  #onOpened;

  constructor(app, { onOpened }) {
    this.#app = app;
    this.#onOpened = onOpened;
    this.input = h('input', {
      id: 'new-chat-username', name: 'username', required: true, autocomplete: 'off',
      autocapitalize: 'none', spellcheck: 'false', placeholder: 'e.g. bob', 'aria-describedby': 'new-chat-error',
    });
    this.error = h('p', { class: 'form-error', id: 'new-chat-error', role: 'alert' });
    this.submit = h('button', { type: 'submit', class: 'primary-button' }, 'Start chat');
    const cancel = h('button', { type: 'button', class: 'secondary-button', onclick: () => this.close() }, 'Cancel');
    const form = h('form', { class: 'dialog-form' },
      h('h2', { class: 'dialog-title', id: 'new-chat-title' }, 'New chat'),
      h('div', { class: 'field' }, h('label', { for: 'new-chat-username' }, 'Username'), this.input),
      this.error,
      h('div', { class: 'dialog-actions' }, cancel, this.submit));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#start();
    });
    this.element = h('dialog', { class: 'dialog', 'aria-labelledby': 'new-chat-title' }, form);
  }

  open() {
    this.input.value = '';
    this.error.textContent = '';
    this.element.showModal();
    this.input.focus();
  }

  close() {
    this.element.close();
  }

  async #start() {
    const session = this.#app.activeSession;
    if (!session) {
      return;
    }
    this.submit.disabled = true;
    this.error.textContent = '';
    try {
      const conversationId = await session.startDirectChat(this.input.value);
      this.close();
      this.#app.openConversation(conversationId);
      this.#onOpened?.();
    } catch (error) {
      this.error.textContent = error.message;
      this.input.focus();
    } finally {
      this.submit.disabled = false;
    }
  }
}
