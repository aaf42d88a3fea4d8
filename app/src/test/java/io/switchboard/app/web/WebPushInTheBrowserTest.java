package io.switchboard.app.web;

import static io.switchboard.app.web.BrowserTestEnvironment.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ChatConnection;
import io.switchboard.client.Session;
import io.switchboard.protocol.ConversationIds;
import io.switchboard.protocol.frame.AcceptedFrame;
import io.switchboard.protocol.frame.SendFrame;
import io.switchboard.protocol.frame.SyncedFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Web Push: with push configured and notifications allowed, the page registers its service worker (sw.js,
 * scope "/") and this browser's subscription as a push target of the account, once, and deletes it on sign
 * out; with push not configured it registers nothing. A notification's click lands on
 * {@code /?conversation=<id>}, which opens that conversation.
 *
 * <p>Two parts are stood in for, in the page: the push service's HTTP endpoints ({@code /api/push/config},
 * {@code /api/push/targets}), answered by a wrapper around {@code fetch} that records what the page sent, and
 * the browser's push service (a headless Chromium cannot reach one), by a {@code PushManager} that hands out
 * a fixed subscription. The service worker itself is the real file, registered by the real browser.
 */
class WebPushInTheBrowserTest {

  @RegisterExtension static final BrowserTestEnvironment environment = new BrowserTestEnvironment();

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A P-256 public key, base64url, as a push service's configuration names it. */
  private static final String VAPID_KEY =
      "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";

  /** Runs before the page's own scripts: the stand-ins described above; push configured or not. */
  private static String standIns(boolean configured) {
    return """
        (() => {
          const configured = %s;
          const record = (entry) => {
            const calls = JSON.parse(sessionStorage.getItem('pushCalls') ?? '[]');
            calls.push(entry);
            sessionStorage.setItem('pushCalls', JSON.stringify(calls));
          };
          const json = (status, body) => new Response(body === null ? null : JSON.stringify(body),
              { status, headers: { 'Content-Type': 'application/json' } });
          const realFetch = window.fetch.bind(window);
          window.fetch = async (input, init = {}) => {
            const url = new URL(input instanceof Request ? input.url : input, location.href);
            const method = (init.method ?? 'GET').toUpperCase();
            if (url.pathname === '/api/push/config') {
              record({ method, path: url.pathname, authorization: init.headers?.Authorization ?? null });
              return json(200, { webPush: configured ? { vapidPublicKey: '%s' } : null });
            }
            if (url.pathname.startsWith('/api/push/targets')) {
              record({ method, path: url.pathname, body: init.body ? JSON.parse(init.body) : null });
              return method === 'POST' ? json(201, { targetId: 'target-1', provider: 'web_push', deviceId: 'd' }) : json(204, null);
            }
            return realFetch(input, init);
          };
          if (window.PushManager) {
            let subscription = null;
            PushManager.prototype.getSubscription = async () => subscription;
            PushManager.prototype.subscribe = async (options) => {
              subscription = {
                endpoint: 'https://push.example.org/send/abc123',
                options: { applicationServerKey: options.applicationServerKey.buffer ?? options.applicationServerKey },
                toJSON: () => ({ endpoint: 'https://push.example.org/send/abc123',
                    keys: { p256dh: 'BPk1hcGVfa2V5X2Zvcl90ZXN0cw', auth: 'YXV0aHNlY3JldA' } }),
                unsubscribe: async () => true,
              };
              record({ method: 'SUBSCRIBE', userVisibleOnly: options.userVisibleOnly });
              return subscription;
            };
          }
        })();
        """.formatted(configured, VAPID_KEY);
  }

  @Test
  void subscribesThroughTheServiceWorkerWhenPushIsConfiguredAndNotificationsAreAllowed() {
    String pamName = environment.uniqueUsername("pam");
    String quinnName = environment.uniqueUsername("quinn");
    Session quinn = environment.register(quinnName, "Quinn Fabray");
    ChatPage pam = environment.openBrowser("pam").allowNotifications().runBeforeEachLoad(standIns(true)).reload();
    pam.signUp(pamName, "Pam Grier", PASSWORD);

    pam.waitUntil("the subscription to be registered as a push target",
        page -> pushCalls(pam).stream().anyMatch(call -> "POST".equals(call.get("method"))));
    Map<String, Object> registered = pushCalls(pam).stream()
        .filter(call -> "POST".equals(call.get("method"))).findFirst().orElseThrow();
    assertThat(registered.get("path")).isEqualTo("/api/push/targets");
    // the body the push service reads (TargetRegistration): a subscription's own JSON shape
    assertThat(registered.get("body")).isEqualTo(Map.of(
        "provider", "web_push",
        "endpoint", "https://push.example.org/send/abc123",
        "keys", Map.of("p256dh", "BPk1hcGVfa2V5X2Zvcl90ZXN0cw", "auth", "YXV0aHNlY3JldA")));
    assertThat(pushCalls(pam)).anyMatch(call -> "SUBSCRIBE".equals(call.get("method"))
        && Boolean.TRUE.equals(call.get("userVisibleOnly")));
    Map<String, Object> worker = pam.asyncScript("""
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.ready.then(registration => done({
            scope: registration.scope, script: registration.active.scriptURL }));""");
    assertThat(worker.get("scope")).isEqualTo(pam.baseUri().resolve("/").toString());
    assertThat(worker.get("script")).isEqualTo(pam.baseUri().resolve("/sw.js").toString());

    // the service worker shows what the push service sends, and closes it again when it is withdrawn
    String tag = "dm-test-conversation";
    pam.deliverPushUntil("{\"type\":\"message\",\"conversationId\":\"" + tag + "\",\"title\":\"Quinn Fabray\","
        + "\"body\":\"Practice moved to 6\",\"unread\":2,\"tag\":\"" + tag + "\"}",
        "the pushed notification", page -> notificationsTagged(pam, tag).size() == 1);
    assertThat(notificationsTagged(pam, tag).get(0))
        .containsEntry("title", "Quinn Fabray").containsEntry("body", "Practice moved to 6\n(2 unread)");
    pam.deliverPushUntil("{\"type\":\"withdraw\",\"conversationId\":\"" + tag + "\",\"tag\":\"" + tag + "\"}",
        "the notification to be withdrawn", page -> notificationsTagged(pam, tag).isEmpty());

    // a reload finds the target registered already: no second one
    pam.reload();
    ChatPage.sleep(Duration.ofSeconds(2));
    assertThat(pushCalls(pam).stream().filter(call -> "POST".equals(call.get("method")))).hasSize(1);

    // where a notification's click lands: /?conversation=<id> opens that conversation
    String pamId = environment.userIdOf(quinn, pamName);
    try (ChatConnection quinnSocket = quinn.connect()) {
      quinnSocket.await(SyncedFrame.class, WAIT);
      quinnSocket.send(new SendFrame("push-1", pamId, null, "Are you coming to practice?"));
      quinnSocket.await(AcceptedFrame.class, WAIT);
    }
    pam.waitForConversation("Quinn Fabray");
    pam.openAt("/?conversation=" + ConversationIds.direct(pamId, quinn.userId()));
    pam.waitUntil("the conversation named in the address to open",
        page -> "Quinn Fabray".equals(pam.paneTitle()));
    pam.waitForMessage("Are you coming to practice?");

    // signing out of this browser stops the account's pushes to it
    pam.signOut();
    pam.waitUntil("the push target to be deleted",
        page -> pushCalls(pam).stream().anyMatch(call -> "DELETE".equals(call.get("method"))
            && "/api/push/targets/target-1".equals(call.get("path"))));
  }

  @Test
  void registersNothingWhenPushIsNotConfigured() {
    String rayName = environment.uniqueUsername("ray");
    ChatPage ray = environment.openBrowser("ray").allowNotifications().runBeforeEachLoad(standIns(false)).reload();
    ray.signUp(rayName, "Ray Charles", PASSWORD);

    ray.waitUntil("the page to ask whether push is configured",
        page -> pushCalls(ray).stream().anyMatch(call -> "/api/push/config".equals(call.get("path"))));
    assertThat(pushCalls(ray).get(0).get("authorization")).asString().startsWith("Bearer ");
    ChatPage.sleep(Duration.ofSeconds(1));
    assertThat(pushCalls(ray)).allMatch(call -> "/api/push/config".equals(call.get("path")));
    Object registrations = ray.asyncScript("""
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.getRegistrations().then(all => done(all.length));""");
    assertThat(registrations).isEqualTo(0L);
  }

  private static List<Map<String, Object>> notificationsTagged(ChatPage page, String tag) {
    return page.asyncScript("""
        const done = arguments[arguments.length - 1];
        navigator.serviceWorker.ready
            .then(registration => registration.getNotifications({ tag: arguments[0] }))
            .then(shown => done(shown.map(notification => ({ title: notification.title, body: notification.body }))));""",
        tag);
  }

  private static List<Map<String, Object>> pushCalls(ChatPage page) {
    return page.script("return JSON.parse(sessionStorage.getItem('pushCalls') ?? '[]');");
  }
}
