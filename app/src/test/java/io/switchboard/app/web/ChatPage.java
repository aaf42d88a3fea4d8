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

  /** sending | sent | failed, or null if there is no such message. */
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
        window.Notification = class extends EventTarget {
          static get permission() { return Real.permission; }
          static requestPermission() { return Real.requestPermission(); }
          constructor(title, options) {
            super();
            window.shownNotifications.push(
                { title, body: options?.body ?? '', pageWas: document.visibilityState });
          }
          close() {}
        };
        return null;""");
    return this;
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

  Path screenshot(String fileName) {
    // let transitions settle, so the picture shows the resting state
    sleep(Duration.ofMillis(300));
    return Screenshots.save(driver, fileName);
  }

  /** Errors the page wrote to the console (and failed requests, which Chrome reports there too). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

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
