import { ApiError } from '../api.js';
import { h, reconcile } from '../dom.js';
import { avatar } from './avatar.js';

/**
 * A group's members, admins marked. Admins add people by username, remove members and make or unmake
 * admins; everyone can leave. The list is read from the server when the dialog opens and after every change
 * (also changes made by others, which arrive as membership events). Refusals show the server's words.
 */
export class GroupInfoDialog {
  #app;
  #conversationId = null;
  #session = null;
  /** [{ userId, username, displayName, admin }] in join order. */
  #members = [];
  #unsubscribe = () => {};

  constructor(app) {
    this.#app = app;
    this.title = h('h2', { class: 'dialog-title', id: 'group-info-title' });
    this.summary = h('p', { class: 'dialog-lead' });
    this.list = h('ul', { class: 'member-list', 'aria-labelledby': 'group-info-title' });
    this.addInput = h('input', {
      id: 'group-add-member', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
      placeholder: 'Username', 'aria-describedby': 'group-info-error',
    });
    this.addRow = h('form', { class: 'field' },
      h('label', { for: 'group-add-member' }, 'Add someone'),
      h('div', { class: 'field-row' }, this.addInput,
        h('button', { type: 'submit', class: 'secondary-button', id: 'group-add-button' }, 'Add')));
    this.addRow.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#add();
    });
    this.error = h('p', { class: 'form-error', id: 'group-info-error', role: 'alert' });
    const leave = h('button', { type: 'button', class: 'danger-button', id: 'leave-group' }, 'Leave group');
    leave.addEventListener('click', () => this.#leave());
    const close = h('button', { type: 'button', class: 'secondary-button', onclick: () => this.close() }, 'Close');
    this.element = h('dialog', { class: 'dialog', 'aria-labelledby': 'group-info-title' },
      h('div', { class: 'dialog-form' },
        this.title, this.summary, this.list, this.addRow, this.error,
        h('div', { class: 'dialog-actions' }, leave, close)));
    this.element.addEventListener('close', () => this.#unsubscribe());
  }

  open(conversationId) {
    const session = this.#app.activeSession;
    if (!session) {
      return;
    }
    this.#session = session;
    this.#conversationId = conversationId;
    this.#members = [];
    this.error.textContent = '';
    this.addInput.value = '';
    this.#unsubscribe();
    this.#unsubscribe = session.on('group-changed', ({ conversationId: changed }) => {
      if (changed !== this.#conversationId) {
        return;
      }
      if (session.conversations.get(changed)?.left) {
        this.close(); // removed (or left on another device): there is nothing here to show any more
      } else {
        this.#load();
      }
    });
    this.#render();
    this.element.showModal();
    this.#load();
  }

  close() {
    this.element.close();
  }

  get #meIsAdmin() {
    return this.#members.some((member) => member.userId === this.#session.userId && member.admin);
  }

  async #load() {
    const session = this.#session;
    try {
      this.#members = await session.api.groupMembers(this.#conversationId);
      for (const member of this.#members) {
        session.users.remember(member);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) {
        throw error;
      }
      this.error.textContent = error.status === 403 ? 'You are no longer a member of this group.' : error.message;
      this.#members = [];
    }
    this.#render();
  }

  #render() {
    const session = this.#session;
    const conversation = session.conversations.get(this.#conversationId);
    this.title.textContent = conversation?.name ?? 'Group';
    const admins = this.#members.filter((member) => member.admin).length;
    this.summary.textContent = this.#members.length === 0 ? 'Loading members…'
      : `${this.#members.length} members, ${admins} ${admins === 1 ? 'admin' : 'admins'}`;
    const iAmAdmin = this.#meIsAdmin;
    this.addRow.hidden = !iAmAdmin;
    reconcile(this.list, this.#members, {
      key: (member) => `${member.userId}/${member.admin}/${iAmAdmin}`,
      create: (member) => this.#createRow(member, iAmAdmin),
      update: () => {},
    });
  }

  #createRow(member, iAmAdmin) {
    const me = member.userId === this.#session.userId;
    const name = me ? `${member.displayName} (you)` : member.displayName;
    const actions = [];
    if (iAmAdmin && !me) {
      actions.push(h('button', {
        type: 'button', class: 'link-button', 'aria-label': `${member.admin ? 'Remove admin' : 'Make admin'}: ${member.displayName}`,
        onclick: () => this.#change(() => this.#session.api.setGroupAdmin(this.#conversationId, member.userId, !member.admin)),
      }, member.admin ? 'Remove admin' : 'Make admin'));
      actions.push(h('button', {
        type: 'button', class: 'link-button danger', 'aria-label': `Remove ${member.displayName} from the group`,
        onclick: () => this.#change(() => this.#session.api.removeGroupMember(this.#conversationId, member.userId)),
      }, 'Remove'));
    }
    return h('li', { class: 'member-row', dataset: { username: member.username, admin: String(member.admin) } },
      avatar(member.userId, member.displayName, { size: 'small' }),
      h('span', { class: 'member-name' }, name, h('span', { class: 'member-username' }, `@${member.username}`)),
      member.admin ? h('span', { class: 'admin-badge' }, 'Admin') : null,
      h('span', { class: 'member-actions' }, actions));
  }

  async #add() {
    const session = this.#session;
    if (this.addInput.value.trim() === '') {
      return;
    }
    await this.#change(async () => {
      const user = await session.findUser(this.addInput.value);
      await session.api.addGroupMembers(this.#conversationId, [user.userId]);
      this.addInput.value = '';
    });
    this.addInput.focus();
  }

  async #leave() {
    const conversationId = this.#conversationId;
    this.error.textContent = '';
    try {
      await this.#session.api.leaveGroup(conversationId);
    } catch (error) {
      this.error.textContent = error.message || 'That did not work.';
      return;
    }
    this.#session.conversations.markLeft(conversationId);
    this.close();
  }

  /** One change; on success the list is read again, on refusal the server's words are shown. */
  async #change(call) {
    this.error.textContent = '';
    try {
      await call();
      await this.#session.refreshGroup(this.#conversationId);
    } catch (error) {
      this.error.textContent = error.message || 'That did not work.';
    }
  }
}
