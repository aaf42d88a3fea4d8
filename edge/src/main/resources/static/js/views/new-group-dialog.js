import { h, icon, reconcile } from '../dom.js';

/**
 * "New group": a name and the people in it, found by username one at a time (Enter or "Add" puts each on
 * the list, where it can be taken off again). The creator is the group's first member and its admin.
 */
export class NewGroupDialog {
  #app;
  #onOpened;
  /** [{ userId, username, displayName }] chosen so far. */
  #members = [];

  constructor(app, { onOpened }) {
    this.#app = app;
    this.#onOpened = onOpened;
    this.name = h('input', {
      id: 'new-group-name', name: 'name', required: true, maxlength: '100', autocomplete: 'off',
      placeholder: 'e.g. Climbing on Saturday',
    });
    this.member = h('input', {
      id: 'new-group-member', name: 'member', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
      placeholder: 'Username, then Enter', 'aria-describedby': 'new-group-error',
    });
    const add = h('button', { type: 'button', class: 'secondary-button', id: 'new-group-add' }, 'Add');
    this.chosen = h('ul', { class: 'chosen-members', 'aria-label': 'People in the new group' });
    this.error = h('p', { class: 'form-error', id: 'new-group-error', role: 'alert' });
    this.submit = h('button', { type: 'submit', class: 'primary-button' }, 'Create group');
    const cancel = h('button', { type: 'button', class: 'secondary-button', onclick: () => this.close() }, 'Cancel');
    const form = h('form', { class: 'dialog-form' },
      h('h2', { class: 'dialog-title', id: 'new-group-title' }, 'New group'),
      h('div', { class: 'field' }, h('label', { for: 'new-group-name' }, 'Group name'), this.name),
      h('div', { class: 'field' }, h('label', { for: 'new-group-member' }, 'Add people'),
        h('div', { class: 'field-row' }, this.member, add)),
      this.chosen,
      this.error,
      h('div', { class: 'dialog-actions' }, cancel, this.submit));
    add.addEventListener('click', () => this.#addMember());
    this.member.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault(); // Enter here adds a person; it does not create the group yet
        this.#addMember();
      }
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#create();
    });
    this.element = h('dialog', { class: 'dialog', 'aria-labelledby': 'new-group-title' }, form);
  }

  open() {
    this.#members = [];
    this.name.value = '';
    this.member.value = '';
    this.error.textContent = '';
    this.#renderMembers();
    this.element.showModal();
    this.name.focus();
  }

  close() {
    this.element.close();
  }

  async #addMember() {
    const session = this.#app.activeSession;
    if (!session || this.member.value.trim() === '') {
      return;
    }
    this.error.textContent = '';
    try {
      const user = await session.findUser(this.member.value);
      if (user.userId === session.userId) {
        throw new Error('You are in the group already: you are creating it.');
      }
      if (!this.#members.some((member) => member.userId === user.userId)) {
        this.#members.push(user);
      }
      this.member.value = '';
      this.#renderMembers();
    } catch (error) {
      this.error.textContent = error.message;
    }
    this.member.focus();
  }

  #renderMembers() {
    reconcile(this.chosen, this.#members, {
      key: (member) => member.userId,
      create: (member) => h('li', { class: 'chosen-member', dataset: { username: member.username } },
        h('span', {}, member.displayName),
        h('button', {
          type: 'button', class: 'icon-button small', 'aria-label': `Remove ${member.displayName}`,
          onclick: () => {
            this.#members = this.#members.filter((chosen) => chosen.userId !== member.userId);
            this.#renderMembers();
            this.member.focus();
          },
        }, icon('close'))),
      update: () => {},
    });
  }

  async #create() {
    const session = this.#app.activeSession;
    if (!session) {
      return;
    }
    if (this.member.value.trim() !== '') {
      await this.#addMember(); // typed but not added yet: surely meant to be in it
    }
    this.submit.disabled = true;
    this.error.textContent = '';
    try {
      const groupId = await session.createGroup(this.name.value, this.#members.map((member) => member.userId));
      this.close();
      this.#app.openConversation(groupId);
      this.#onOpened?.();
    } catch (error) {
      this.error.textContent = error.message;
    } finally {
      this.submit.disabled = false;
    }
  }
}
