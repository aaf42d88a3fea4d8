import { h, icon, replaceChildren } from '../dom.js';

/**
 * Sign in, or create an account. Also how a second account is added, and how an account whose session ended
 * gets its password again. The server's own error text is shown as is: it already says what to fix.
 */
export class SignInView {
  #app;
  #mode = 'signin';
  #busy = false;
  #error = '';
  #renderedFor = null;

  constructor(app) {
    this.#app = app;
    this.element = h('div', { class: 'signin-screen' });
  }

  render() {
    const account = this.#app.addingAccount ? null : this.#app.activeAccount;
    // rebuild only when what the form is for changes, so typing is never interrupted by a render
    const renderKey = [this.#mode, account?.userId, this.#app.addingAccount, this.#app.accounts().length,
      this.#app.sessions.size].join('|');
    if (renderKey === this.#renderedFor) {
      return;
    }
    this.#renderedFor = renderKey;
    this.#build(account);
  }

  #build(expiredAccount) {
    const signingUp = this.#mode === 'signup';
    const canCancel = this.#app.addingAccount && this.#app.sessions.size > 0;
    const title = signingUp ? 'Create your account'
      : this.#app.addingAccount ? 'Add another account'
      : expiredAccount ? 'Welcome back'
      : 'Sign in to Switchboard';
    const lead = expiredAccount && !signingUp
      ? `Your session as @${expiredAccount.username} has ended. Enter your password to carry on.`
      : signingUp ? 'Pick a username people can find you by.'
      : 'Chat in real time, on every device.';

    const username = h('input', {
      id: 'signin-username', name: 'username', autocomplete: 'username', required: true,
      autocapitalize: 'none', spellcheck: 'false', minlength: 3, maxlength: 32,
      pattern: signingUp ? '[A-Za-z0-9_.\\-]{3,32}' : null,
      'aria-describedby': signingUp ? 'signin-username-hint' : null,
      value: expiredAccount && !signingUp ? expiredAccount.username : '',
    });
    const displayName = signingUp
      ? h('input', { id: 'signin-display-name', name: 'displayName', autocomplete: 'name', maxlength: 64 })
      : null;
    const password = h('input', {
      id: 'signin-password', name: 'password', type: 'password', required: true,
      autocomplete: signingUp ? 'new-password' : 'current-password',
      minlength: signingUp ? 8 : null, maxlength: 128,
      'aria-describedby': signingUp ? 'signin-password-hint' : null,
    });
    const error = h('p', { class: 'form-error', id: 'signin-error', role: 'alert' }, this.#error);
    const submit = h('button', { type: 'submit', class: 'primary-button', disabled: this.#busy },
      this.#busy ? (signingUp ? 'Creating account…' : 'Signing in…') : (signingUp ? 'Create account' : 'Sign in'));

    const form = h('form', { class: 'signin-form', novalidate: false, 'aria-describedby': 'signin-error' },
      field('Username', username,
        signingUp ? h('p', { class: 'field-hint', id: 'signin-username-hint' }, '3–32 characters: letters, digits, _ . -') : null),
      displayName ? field('Display name (optional)', displayName) : null,
      field('Password', password,
        signingUp ? h('p', { class: 'field-hint', id: 'signin-password-hint' }, 'At least 8 characters.') : null),
      error,
      submit);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit({
        username: username.value,
        password: password.value,
        displayName: displayName?.value,
      });
    });

    const switchMode = h('button', { type: 'button', class: 'link-button', id: 'signin-switch-mode' },
      signingUp ? 'I already have an account' : 'Create an account');
    switchMode.addEventListener('click', () => {
      this.#mode = signingUp ? 'signin' : 'signup';
      this.#error = '';
      this.#renderedFor = null;
      this.render();
      this.element.querySelector('input')?.focus();
    });
    const cancel = canCancel
      ? h('button', { type: 'button', class: 'link-button', onclick: () => this.#app.cancelAddAccount() }, 'Cancel')
      : null;
    // an account whose session ended must not trap the user: the others are still signed in
    const otherSession = !this.#app.addingAccount && expiredAccount
      ? [...this.#app.sessions.values()].find((session) => session.userId !== expiredAccount.userId)
      : null;
    const elsewhere = expiredAccount && !this.#app.addingAccount
      ? h('div', { class: 'signin-alternatives' },
        otherSession
          ? h('button', { type: 'button', class: 'link-button', onclick: () => this.#app.switchTo(otherSession.userId) },
            `Back to ${otherSession.account.displayName}`)
          : null,
        h('button', { type: 'button', class: 'link-button', onclick: () => this.#app.signOut(expiredAccount.userId) },
          `Remove @${expiredAccount.username} from this browser`))
      : null;

    replaceChildren(this.element,
      h('div', { class: 'signin-card' },
        h('div', { class: 'brand' }, icon('logo'), h('span', {}, 'Switchboard')),
        h('h1', { class: 'signin-title' }, title),
        h('p', { class: 'signin-lead' }, lead),
        form,
        h('div', { class: 'signin-alternatives' },
          h('span', {}, signingUp ? 'Have an account?' : 'New here?'), switchMode, cancel),
        elsewhere));
  }

  async #submit(values) {
    if (this.#busy) {
      return;
    }
    this.#busy = true;
    this.#error = '';
    this.#setBusy(true);
    try {
      if (this.#mode === 'signup') {
        await this.#app.signUp(values);
      } else {
        await this.#app.signIn(values);
      }
      this.#mode = 'signin';
      this.#renderedFor = null;
    } catch (error) {
      this.#error = error.message || 'Something went wrong. Try again.';
      const errorElement = this.element.querySelector('#signin-error');
      if (errorElement) {
        errorElement.textContent = this.#error;
      }
    } finally {
      this.#busy = false;
      this.#setBusy(false);
    }
  }

  #setBusy(busy) {
    const submit = this.element.querySelector('button[type="submit"]');
    if (!submit) {
      return;
    }
    const signingUp = this.#mode === 'signup';
    submit.disabled = busy;
    submit.textContent = busy
      ? (signingUp ? 'Creating account…' : 'Signing in…')
      : (signingUp ? 'Create account' : 'Sign in');
  }
}

function field(label, input, hint = null) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint);
}
