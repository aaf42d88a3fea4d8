package io.switchboard.app.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client in one browser, driven the way a person uses it: through the labelled controls on the
 * screen. State the screen shows only as styling (connection state, unread counts) is read from the data
 * attributes the client sets for exactly that.
 */
final class ChatPage {

  /** Generous: a CI machine may be slow, and live delivery crosses the broker twice. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final String name;
  private final ChromeDriver driver;
  private final URI base;
  private final Path profileDirectory;
  private final WebDriverWait wait;

  ChatPage(String name, ChromeDriver driver, URI base, Path profileDirectory) {
    this.name = name;
    this.driver = driver;
    this.base = base;
    this.profileDirectory = profileDirectory;
    this.wait = new WebDriverWait(driver, WAIT);
    // views reuse their elements, but a row can still leave the list between finding and reading it
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  String name() {
    return name;
  }

  Path profileDirectory() {
    return profileDirectory;
  }

  /** Loads the page and waits for it to show either the sign-in form or the chat. */
  ChatPage open() {
    driver.get(base.resolve("/").toString());
    waitUntil("the page to start", page -> isShown(".signin-screen") || isShown(".shell"));
    return this;
  }

  ChatPage reload() {
    driver.navigate().refresh();
    waitUntil("the page to start again", page -> isShown(".signin-screen") || isShown(".shell"));
    return this;
  }

  // ---- accounts ----

  /** Creates the account through the form and waits until it is signed in and online. */
  ChatPage signUp(String username, String displayName, String password) {
    waitUntil("the sign-in form", page -> isShown(".signin-screen"));
    if (driver.findElements(By.id("signin-display-name")).isEmpty()) {
      driver.findElement(By.id("signin-switch-mode")).click();
    }
    type(By.id("signin-username"), username);
    type(By.id("signin-display-name"), displayName);
    type(By.id("signin-password"), password);
    driver.findElement(By.cssSelector(".signin-form button[type=submit]")).click();
    return waitUntilSignedInAs(displayName);
  }

  ChatPage signIn(String username, String password, String expectedDisplayName) {
    waitUntil("the sign-in form", page -> isShown(".signin-screen"));
    if (!driver.findElements(By.id("signin-display-name")).isEmpty()) {
      driver.findElement(By.id("signin-switch-mode")).click();
    }
    type(By.id("signin-username"), username);
    type(By.id("signin-password"), password);
    driver.findElement(By.id("signin-password")).sendKeys(Keys.ENTER);
    return waitUntilSignedInAs(expectedDisplayName);
  }

  private ChatPage waitUntilSignedInAs(String displayName) {
    waitUntil("to be signed in as " + displayName + " and online",
        page -> isShown(".shell") && displayName.equals(text("#sidebar-account-name"))
            && "online".equals(connectionState()));
    return this;
  }

  /** The "+" under the accounts: the sign-in form, for a second account. */
  ChatPage addAccount() {
    driver.findElement(By.id("add-account")).click();
    waitUntil("the sign-in form for another account", page -> isShown(".signin-screen"));
    return this;
  }

  ChatPage switchTo(String username, String displayName) {
    driver.findElement(By.cssSelector(".account-list li[data-account='" + username + "'] button")).click();
    waitUntil("to switch to " + displayName, page -> displayName.equals(text("#sidebar-account-name")));
    return this;
  }

  /** The unread total on an account's button in the account switcher. */
  int accountUnread(String username) {
    String unread = driver.findElement(By.cssSelector(".account-list li[data-account='" + username + "']"))
        .getDomAttribute("data-unread");
    return unread == null ? 0 : Integer.parseInt(unread);
  }

  List<String> accountsInSwitcher() {
    return script("return [...document.querySelectorAll('.account-list li')].map(li => li.dataset.account);");
  }

  // ---- conversations ----

  ChatPage startChatWith(String username, String expectedTitle) {
    driver.findElement(By.id("new-chat")).click();
    WebElement input = driver.findElement(By.id("new-chat-username"));
    input.sendKeys(username, Keys.ENTER);
    waitUntil("the chat with " + expectedTitle + " to open", page -> expectedTitle.equals(text("#pane-title")));
    return this;
  }

  ChatPage openConversation(String title) {
    waitForConversation(title);
    conversationRow(title).findElement(By.tagName("button")).click();
    waitUntil("the conversation with " + title + " to open", page -> title.equals(text("#pane-title")));
    return this;
  }

  /** Back to the list, as on a phone. */
  ChatPage goBackToList() {
    driver.findElement(By.cssSelector(".back-button")).click();
    waitUntil("the conversation list", page -> isShown(".sidebar"));
    return this;
  }

  ChatPage waitForConversation(String title) {
    waitUntil("a conversation with " + title + " in the list", page -> conversationRowOrNull(title) != null);
    return this;
  }

  /** The unread badge of a conversation in the list; 0 when no badge is shown. */
  int unreadBadge(String title) {
    WebElement badge = conversationRow(title).findElement(By.cssSelector(".unread-badge"));
    return badge.isDisplayed() ? Integer.parseInt(badge.getText().trim()) : 0;
  }

  String conversationPreview(String title) {
    return conversationRow(title).findElement(By.cssSelector(".row-preview")).getText();
  }

  ChatPage waitForUnreadBadge(String title, int count) {
    waitUntil(title + "'s unread badge to show " + count,
        page -> conversationRowOrNull(title) != null && unreadBadge(title) == count);
    return this;
  }

  /** The titles in the conversation list, top to bottom. */
  List<String> conversationTitles() {
    return driver.findElements(By.cssSelector(".conversation-list .row-name")).stream()
        .map(WebElement::getText).toList();
  }

  private WebElement conversationRow(String title) {
    WebElement row = conversationRowOrNull(title);
    if (row == null) {
      throw new AssertionError(name + ": no conversation with " + title + " in the list");
    }
    return row;
  }

  private WebElement conversationRowOrNull(String title) {
    return driver.findElements(By.cssSelector(".conversation-list li")).stream()
        .filter(row -> title.equals(row.findElement(By.cssSelector(".row-name")).getText()))
        .findFirst()
        .orElse(null);
  }

  // ---- messages ----

  /** Types the text into the message box and presses Enter; line breaks are typed as Shift+Enter. */
  ChatPage send(String text) {
    WebElement input = driver.findElement(By.id("composer-input"));
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
      }
      input.sendKeys(lines[i]);
    }
    input.sendKeys(Keys.ENTER);
    return this;
  }

  /** Types into the message box without pressing Enter. */
  ChatPage typeWithoutSending(String text) {
    driver.findElement(By.id("composer-input")).sendKeys(text);
    return this;
  }

  /** The bodies of the messages in the open conversation, top to bottom, exactly as sent. */
  List<String> messageBodies() {
    return script("return [...document.querySelectorAll('.messages .message .body')].map(body => body.textContent);");
  }

  ChatPage waitForMessage(String body) {
    waitUntil("the message \"" + body + "\"", page -> messageBodies().contains(body));
    return this;
  }

  /** sending | sent | delivered | read | failed, or null if there is no such message. */
  String messageStatus(String body) {
    return script("""
        const item = [...document.querySelectorAll('.messages .message')]
            .find(message => message.querySelector('.body').textContent === arguments[0]);
        return item ? item.dataset.status : null;""", body);
  }

  ChatPage waitForMessageStatus(String body, String status) {
    waitUntil("\"" + body + "\" to be " + status, page -> status.equals(messageStatus(body)));
    return this;
  }

  /** Accepted by the server: sent, and maybe delivered or read already. */
  ChatPage waitForMessageSent(String body) {
    waitUntil("\"" + body + "\" to be sent", page -> List.of("sent", "delivered", "read").contains(messageStatus(body)));
    return this;
  }

  /** The words under one of my messages: "Sent", "Delivered", "Read", "Read by 1 of 2". */
  String messageStatusText(String body) {
    return script("""
        const item = [...document.querySelectorAll('.messages .message')]
            .find(message => message.querySelector('.body').textContent === arguments[0]);
        return item ? item.querySelector('.status').textContent : null;""", body);
  }

  /** The membership events shown in the open conversation ("Alice added Dave"), top to bottom. */
  List<String> eventLines() {
    return script("return [...document.querySelectorAll('.messages .event-line')].map(line => line.textContent);");
  }

  ChatPage waitForEventLine(String text) {
    waitUntil("the event \"" + text + "\"", page -> eventLines().contains(text));
    return this;
  }

  /** The body of the highlighted message (a search hit jumped to), or null. */
  String highlightedMessage() {
    return script("""
        const item = document.querySelector('.messages .message.highlighted');
        return item ? item.querySelector('.body').textContent : null;""");
  }

  /** Whether the message is wholly inside the visible part of the conversation's scroller. */
  boolean messageInView(String body) {
    return script("""
        const item = [...document.querySelectorAll('.messages .message')]
            .find(message => message.querySelector('.body').textContent === arguments[0]);
        if (!item) return false;
        const box = item.querySelector('.bubble').getBoundingClientRect();
        const view = document.querySelector('.scroller').getBoundingClientRect();
        return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;""", body);
  }

  /** The body of the message that has keyboard focus, or null. */
  String focusedMessage() {
    return script("""
        const item = document.activeElement?.closest?.('.messages .message');
        return item ? item.querySelector('.body').textContent : null;""");
  }

  /** The "New messages" button under the conversation: back to the newest. */
  ChatPage backToLatest() {
    waitUntil("the button back to the newest messages", page -> isShown(".jump-to-latest"));
    driver.findElement(By.cssSelector(".jump-to-latest")).click();
    return this;
  }

  // ---- search ----

  /** Types the query into the search box and presses Enter. */
  ChatPage search(String query) {
    type(By.id("search-input"), query);
    driver.findElement(By.id("search-input")).sendKeys(Keys.ENTER);
    return this;
  }

  /** The hits' texts (with the highlight's marked words as plain text), top to bottom. */
  List<String> searchHits() {
    return script("return [...document.querySelectorAll('#search-results .hit-text')].map(hit => hit.textContent);");
  }

  /** The marked words of every hit. */
  List<String> markedWords() {
    return script("return [...document.querySelectorAll('#search-results mark')].map(mark => mark.textContent);");
  }

  /**
   * Searches until a hit containing the text shows: indexing lags about a second behind sending, so the
   * search is asked again (Enter) while it finds nothing.
   */
  ChatPage waitForSearchHit(String query, String containing) {
    search(query);
    waitUntil("a search hit for \"" + query + "\" containing \"" + containing + "\"", page -> {
      if (searchHits().stream().anyMatch(hit -> hit.contains(containing))) {
        return true;
      }
      if ("done".equals(driver.findElement(By.cssSelector(".search-status")).getDomAttribute("data-state"))) {
        sleep(Duration.ofMillis(300));
        driver.findElement(By.id("search-input")).sendKeys(Keys.ENTER);
      }
      return false;
    });
    return this;
  }

  /** Keyboard only: "/" to the search box, the query, Enter; then Down to the first hit and Enter opens it. */
  ChatPage searchWithTheKeyboard(String query) {
    script("document.activeElement?.blur(); return null;");
    driver.findElement(By.tagName("body")).sendKeys("/");
    waitUntil("the search box to have focus", page -> "search-input".equals(focusedId()));
    driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), query, Keys.ENTER);
    return this;
  }

  ChatPage openFirstSearchHitWithTheKeyboard() {
    driver.findElement(By.id("search-input")).sendKeys(Keys.ARROW_DOWN);
    waitUntil("the first hit to have focus", page -> Boolean.TRUE.equals(
        script("return document.activeElement?.classList.contains('search-hit') ?? false;")));
    driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    return this;
  }

  /** Clicks the button with this id. */
  ChatPage pressButton(String id) {
    driver.findElement(By.id(id)).click();
    return this;
  }

  /** Escape in the search box: the conversation list comes back. */
  ChatPage clearSearch() {
    driver.findElement(By.id("search-input")).sendKeys(Keys.ESCAPE);
    waitUntil("the conversation list instead of search hits", page -> isShown(".conversation-nav"));
    return this;
  }

  String focusedId() {
    return script("return document.activeElement?.id ?? null;");
  }

  ChatPage openSearchHit(String containing) {
    driver.findElements(By.cssSelector("#search-results .search-hit")).stream()
        .filter(hit -> hit.findElement(By.cssSelector(".hit-text")).getText().contains(containing))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no search hit containing " + containing))
        .click();
    return this;
  }

  // ---- groups ----

  /** "New group": a name and people by username, each added with Enter, then "Create group". */
  ChatPage createGroup(String groupName, String... usernames) {
    driver.findElement(By.id("new-group")).click();
    type(By.id("new-group-name"), groupName);
    for (String username : usernames) {
      WebElement member = driver.findElement(By.id("new-group-member"));
      member.sendKeys(username, Keys.ENTER);
      waitUntil(username + " to be on the new group's list", page -> !driver.findElements(
          By.cssSelector(".chosen-members li[data-username='" + username + "']")).isEmpty());
    }
    driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
    waitUntil("the group " + groupName + " to open", page -> groupName.equals(text("#pane-title")));
    return this;
  }

  /** Opens the open group's members dialog and waits for its member list. */
  ChatPage openGroupInfo() {
    driver.findElement(By.id("group-info")).click();
    waitUntil("the group's members", page -> !groupMembers().isEmpty());
    return this;
  }

  /** username -> admin, as the members dialog lists them (join order). */
  Map<String, Boolean> groupMembers() {
    List<Map<String, Object>> rows = script("""
        return [...document.querySelectorAll('dialog[open] .member-row')]
            .map(row => ({ username: row.dataset.username, admin: row.dataset.admin === 'true' }));""");
    Map<String, Boolean> members = new java.util.LinkedHashMap<>();
    rows.forEach(row -> members.put((String) row.get("username"), (Boolean) row.get("admin")));
    return members;
  }

  ChatPage waitForGroupMembers(String what, java.util.function.Predicate<Map<String, Boolean>> matching) {
    waitUntil("the group's members to be " + what, page -> matching.test(groupMembers()));
    return this;
  }

  ChatPage addGroupMember(String username) {
    type(By.id("group-add-member"), username);
    driver.findElement(By.id("group-add-member")).sendKeys(Keys.ENTER);
    return waitForGroupMembers("with " + username, members -> members.containsKey(username));
  }

  ChatPage removeGroupMember(String username, String displayName) {
    driver.findElement(By.cssSelector(
        "dialog[open] button[aria-label='Remove " + displayName + " from the group']")).click();
    return waitForGroupMembers("without " + username, members -> !members.containsKey(username));
  }

  ChatPage makeGroupAdmin(String username, String displayName) {
    driver.findElement(By.cssSelector("dialog[open] button[aria-label='Make admin: " + displayName + "']")).click();
    return waitForGroupMembers(username + " an admin", members -> Boolean.TRUE.equals(members.get(username)));
  }

  ChatPage leaveGroup() {
    driver.findElement(By.id("leave-group")).click();
    waitUntil("the members dialog to close", page -> driver.findElements(By.cssSelector("dialog[open]")).isEmpty());
    return this;
  }

  ChatPage closeDialog() {
    driver.findElement(By.cssSelector("dialog[open]")).sendKeys(Keys.ESCAPE);
    waitUntil("the dialog to close", page -> driver.findElements(By.cssSelector("dialog[open]")).isEmpty());
    return this;
  }

  /** Whether the composer is there (it is not in a group one has left). */
  boolean canWrite() {
    return isShown("#composer-input");
  }

  /** Loads the page at this address (path and query) of the same server. */
  ChatPage openAt(String pathAndQuery) {
    driver.get(base.resolve(pathAndQuery).toString());
    waitUntil("the page to start", page -> isShown(".signin-screen") || isShown(".shell"));
    return this;
  }

  /** Scrolls the open conversation to its top, which asks for the next older page. */
  ChatPage scrollHistoryToTop() {
    script("document.querySelector('.scroller').scrollTop = 0; return null;");
    return this;
  }

  /** The line under the open conversation's title: presence, "typing…", or the partner's @username. */
  String headerSubtitle() {
    return text(".pane-subtitle");
  }

  ChatPage waitForHeaderSubtitle(String what, java.util.function.Predicate<String> matching) {
    waitUntil("the header to say " + what, page -> matching.test(headerSubtitle()));
    return this;
  }

  /** Whether the conversation's row shows the online dot on its avatar. */
  boolean showsOnlineDot(String title) {
    return conversationRow(title).findElement(By.cssSelector(".avatar")).getDomAttribute("class").contains("is-online");
  }

  String historyEdgeState() {
    return driver.findElement(By.cssSelector(".history-edge")).getDomAttribute("data-state");
  }

  // ---- connection ----

  /** What the account in front shows: connecting | online | reconnecting | offline | signed-out. */
  String connectionState() {
    List<WebElement> status = driver.findElements(By.cssSelector(".sidebar .connection-status"));
    return status.isEmpty() ? null : status.get(0).getDomAttribute("data-state");
  }

  String connectionText() {
    return text(".sidebar .connection-status .status-text");
  }

  ChatPage waitForConnectionState(String state) {
    waitUntil("the connection to be " + state, page -> state.equals(connectionState()));
    return this;
  }

  /** Closes every socket the way a network drop would; the page reconnects by itself. */
  ChatPage dropConnection() {
    script("window.switchboardDebug.dropConnection(); return null;");
    return this;
  }

  /** Acts as if the network were gone (true) or back (false). */
  ChatPage setNetworkDown(boolean down) {
    script("window.switchboardDebug.setNetworkDown(arguments[0]); return null;", down);
    return this;
  }

  /** Per account: username, connection, unread, pending, recentStates. */
  List<Map<String, Object>> debugAccounts() {
    return script("return window.switchboardDebug.accounts();");
  }

  // ---- notifications ----

  /** As if the user had clicked "Allow" on the browser's prompt, which nothing can click in a headless browser. */
  ChatPage allowNotifications() {
    driver.executeCdpCommand("Browser.grantPermissions",
        Map.of("origin", base.toString(), "permissions", List.of("notifications")));
    return this;
  }

  /**
   * Keeps what the page hands to {@code new Notification(...)} in {@code window.shownNotifications}: a
   * headless browser has no desktop to show them on.
   */
  ChatPage recordNotifications() {
    script("""
        const Real = window.Notification;
        window.shownNotifications = [];
        window.closedNotifications = [];
        window.Notification = class extends EventTarget {
          static get permission() { return Real.permission; }
          static requestPermission() { return Real.requestPermission(); }
          constructor(title, options) {
            super();
            this.title = title;
            window.shownNotifications.push(
                { title, body: options?.body ?? '', pageWas: document.visibilityState });
          }
          close() {
            window.closedNotifications.push(this.title);
            this.dispatchEvent(new Event('close'));
          }
        };
        return null;""");
    return this;
  }

  /** The titles of the recorded notifications the page has closed (withdrawn), in order. */
  List<String> closedNotifications() {
    return script("return window.closedNotifications;");
  }

  /** Title, body and the page's visibility at the time, of every notification since {@link #recordNotifications()}. */
  List<Map<String, String>> shownNotifications() {
    return script("return window.shownNotifications;");
  }

  /** Opens another tab in front of this one, so the page is hidden; returns the handle to come back with. */
  String hideBehindAnotherTab() {
    String handle = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get("about:blank");
    return handle;
  }

  ChatPage comeBackTo(String handle) {
    driver.close();
    driver.switchTo().window(handle);
    return this;
  }

  // ---- looks ----

  /**
   * Gives the page a viewport of exactly this size (headless Chrome will not make a window narrower than
   * 500 pixels, and its window size includes space the page does not get). Narrow sizes also act as a
   * touch phone.
   */
  ChatPage resize(Dimension size) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", size.getWidth(),
        "height", size.getHeight(),
        "deviceScaleFactor", 1,
        "mobile", size.getWidth() < ChromeBrowsers.DESKTOP.getWidth() / 2));
    return this;
  }

  /** Renders with prefers-color-scheme: dark (or back to light), as a system in dark mode would. */
  ChatPage colorScheme(String scheme) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    return this;
  }

  /**
   * What axe-core (Deque's accessibility engine, the script of the com.deque.html.axe-core jar) finds wrong
   * with the page as it is now, against WCAG 2.1 A and AA: one line per rule broken, with the elements.
   */
  List<String> accessibilityViolations() {
    sleep(Duration.ofMillis(400)); // transitions (a colour scheme just switched) settle, or contrast is measured mid-way
    if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
      script(AXE_SCRIPT);
    }
    List<Map<String, Object>> violations = asyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
            .then(results => done(results.violations.map(violation => ({
                id: violation.id, help: violation.help,
                nodes: violation.nodes.map(node => node.target.join(' ') + ' ' + (node.failureSummary ?? '')) }))))
            .catch(error => done([{ id: 'axe-failed', help: String(error), nodes: [] }]));""");
    return violations.stream()
        .map(violation -> violation.get("id") + ": " + violation.get("help") + " " + violation.get("nodes"))
        .toList();
  }

  private static final String AXE_SCRIPT = readAxe();

  private static String readAxe() {
    try (var in = ChatPage.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path screenshot(String fileName) {
    // let transitions settle, so the picture shows the resting state
    sleep(Duration.ofMillis(300));
    return Screenshots.save(driver, fileName);
  }

  /**
   * Errors the page wrote to the console (and failed requests, which Chrome reports there too), except one:
   * a 404 from {@code GET /api/push/config}, which is how a server without the push service says "push is
   * not configured" (the page asks only once notifications are allowed). Chrome logs every 4xx answer,
   * however the page handles it.
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !PUSH_NOT_DEPLOYED.matcher(message).find())
        .toList();
  }

  private static final java.util.regex.Pattern PUSH_NOT_DEPLOYED =
      java.util.regex.Pattern.compile("/api/push/config - Failed to load resource: the server responded with a status of 404");

  void quit() {
    driver.quit();
  }

  // ---- helpers ----

  boolean isShown(String selector) {
    List<WebElement> found = driver.findElements(By.cssSelector(selector));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  private String text(String selector) {
    List<WebElement> found = driver.findElements(By.cssSelector(selector));
    return found.isEmpty() ? null : found.get(0).getText();
  }

  private void type(By field, String text) {
    WebElement input = driver.findElement(field);
    input.clear();
    input.sendKeys(text);
  }

  void waitUntil(String what, Function<WebDriver, Boolean> condition) {
    wait.withMessage(() -> name + " waited " + WAIT.toSeconds() + " s for " + what).until(condition);
  }

  /** A script that finishes by calling its last argument (a callback) with the result. */
  @SuppressWarnings("unchecked")
  <T> T asyncScript(String script, Object... arguments) {
    return (T) ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
  }

  /** Runs this script in every page loaded from now on, before the page's own scripts. */
  ChatPage runBeforeEachLoad(String source) {
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    return this;
  }

  /**
   * Hands a push message to the page's service worker, as the browser's push service would (DevTools'
   * ServiceWorker.deliverPushMessage), until the page shows what it should. This browser's profile is new
   * and holds one registration, the page's, and Chromium numbers registrations from 0. Chromium 156 drops
   * such a delivery now and then without a word (seen in CI and here: the first one lost, the same one a
   * second later shown), so it is handed over again every two seconds until {@code done} holds; the
   * payloads here carry a tag, so a repeat replaces the notification instead of adding one.
   */
  ChatPage deliverPushUntil(String json, String what, Function<WebDriver, Boolean> done) {
    driver.executeCdpCommand("ServiceWorker.enable", Map.of());
    long[] deliveredAt = {0};
    waitUntil(what, page -> {
      if (done.apply(page)) {
        return true;
      }
      if (System.nanoTime() - deliveredAt[0] > Duration.ofSeconds(2).toNanos()) {
        driver.executeCdpCommand("ServiceWorker.deliverPushMessage",
            Map.of("origin", base.toString(), "registrationId", "0", "data", json));
        deliveredAt[0] = System.nanoTime();
      }
      return false;
    });
    return this;
  }

  URI baseUri() {
    return base;
  }

  String paneTitle() {
    return text("#pane-title");
  }

  /** "Sign out" under the list: the account in front leaves this browser. */
  ChatPage signOut() {
    driver.findElement(By.id("sign-out")).click();
    return this;
  }

  @SuppressWarnings("unchecked")
  <T> T script(String script, Object... arguments) {
    return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
