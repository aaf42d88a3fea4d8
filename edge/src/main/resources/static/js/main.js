import { App } from './app.js';
import { installDebugHooks } from './debug.js';
import { h } from './dom.js';
import { AccountRail } from './views/account-rail.js';
import { ConversationList } from './views/conversation-list.js';
import { ConversationView } from './views/conversation-view.js';
import { GroupInfoDialog } from './views/group-info-dialog.js';
import { NewChatDialog } from './views/new-chat-dialog.js';
import { NewGroupDialog } from './views/new-group-dialog.js';
import { SignInView } from './views/signin-view.js';
import { Toasts } from './views/toasts.js';

/**
 * Wires state to views and puts them on the page. Every view re-renders from state on each change; views
 * reuse their elements (see dom.js reconcile), so a re-render costs little and never steals focus.
 */
const WIDE_LAYOUT = window.matchMedia('(min-width: 721px)');

const app = new App();
const rail = new AccountRail(app);
const groupInfo = new GroupInfoDialog(app);
const conversationView = new ConversationView(app, { onGroupInfo: (conversationId) => groupInfo.open(conversationId) });
const focusComposerIfWide = () => {
  // on a phone, focusing would throw the keyboard up over the messages the user came to read
  if (WIDE_LAYOUT.matches) {
    setTimeout(() => conversationView.focusComposer());
  }
};
const newChat = new NewChatDialog(app, { onOpened: focusComposerIfWide });
const newGroup = new NewGroupDialog(app, { onOpened: focusComposerIfWide });
const list = new ConversationList(app, {
  onNewChat: () => newChat.open(), onNewGroup: () => newGroup.open(), onOpened: focusComposerIfWide,
});
const signIn = new SignInView(app);
const toasts = new Toasts();

const shell = h('div', { class: 'shell' }, rail.element, list.element, conversationView.element);
const root = document.getElementById('app');
const skipLink = h('a', { class: 'skip-link', href: '#main' }, 'Skip to conversation');
skipLink.addEventListener('click', (event) => {
  // the address bar belongs to the router (#/<account>/<conversation>), so move focus by hand
  event.preventDefault();
  (document.getElementById('composer-input') ?? conversationView.element).focus();
});
root.replaceChildren(
  skipLink,
  shell, signIn.element, newChat.element, newGroup.element, groupInfo.element, toasts.element);

function render() {
  const signingIn = app.showingSignIn;
  shell.hidden = signingIn;
  signIn.element.hidden = !signingIn;
  if (signingIn) {
    signIn.render();
    return;
  }
  // narrow screens show the list or the conversation, not both
  shell.dataset.layout = app.openConversationId ? 'conversation' : 'list';
  rail.render();
  list.render();
  conversationView.render();
}

// "/" anywhere outside a text field goes to the search box, as in most web apps
document.addEventListener('keydown', (event) => {
  const typing = event.target.closest?.('input, textarea, select, [contenteditable="true"], dialog');
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && !app.showingSignIn) {
    event.preventDefault();
    list.search.input.focus();
  }
});

app.on('change', render);
app.on('notice', ({ text }) => toasts.show(text));

// the countdown to the next reconnect attempt ticks even when nothing else changes
setInterval(() => {
  if ([...app.sessions.values()].some((session) => session.connection === 'reconnecting')) {
    render();
  }
}, 1000);

installDebugHooks(app);
app.start();
render();
