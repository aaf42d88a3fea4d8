package io.switchboard.push.delivery;

import io.switchboard.protocol.broker.ConversationRead;
import io.switchboard.protocol.broker.OfflineMessage;
import io.switchboard.push.settings.PushSettingsStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a closed burst into a notification, honouring the user's settings (a muted conversation is dropped,
 * hidden content shows neither sender nor text) with the unread badge; and a read into the withdrawal of what
 * was shown for that conversation.
 */
@Component
public class NotificationDispatch {

  private final PushSettingsStore settings;
  private final UnreadBadge badge;
  private final NotificationSender sender;
  private final ShownNotifications shown;

  NotificationDispatch(
      PushSettingsStore settings, UnreadBadge badge, NotificationSender sender, ShownNotifications shown) {
    this.settings = settings;
    this.badge = badge;
    this.sender = sender;
    this.shown = shown;
  }

  public Mono<Void> notify(String userId, OfflineMessage latest, int messageCount) {
    return sender.reachableTargets(userId)
        .filter(targets -> !targets.isEmpty())
        .flatMap(targets -> settings.of(userId)
            .filter(choices -> !choices.mutes(latest.conversationId()))
            .flatMap(choices -> badge.of(userId)
                .map(unread -> Notification.of(userId, latest, messageCount, unread, choices.hideContent())))
            .flatMap(notification -> sender.send(notification, targets)
                .then(shown.record(userId, latest.conversationId(), latest.seq()))));
  }

  /** Withdraws the conversation's notification if one was shown up to what the user has now read. */
  public Mono<Void> withdraw(ConversationRead read) {
    return shown.takeCoveredBy(read.userId(), read.conversationId(), read.readSeq())
        .filter(Boolean::booleanValue)
        .flatMap(wasShown -> sender.reachableTargets(read.userId()))
        .filter(targets -> !targets.isEmpty())
        .flatMap(targets -> badge.of(read.userId()).flatMap(unread -> sender.send(
            Notification.withdrawal(read.userId(), read.conversationId(), read.readSeq(), unread), targets)));
  }
}
