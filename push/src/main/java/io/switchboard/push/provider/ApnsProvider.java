package io.switchboard.push.provider;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.ApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.switchboard.push.PushProperties;
import io.switchboard.push.delivery.Notification;
import io.switchboard.push.target.ProviderKind;
import io.switchboard.push.target.PushTarget;
import java.io.File;
import java.time.Instant;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * APNs over HTTP/2 with token (JWT, ES256) auth, through Pushy: one multiplexed connection, the provider token
 * signed and renewed by the library. A message is an alert with the unread badge and the conversation as
 * thread and collapse id; a withdrawal is a background push the app uses to remove the conversation's
 * delivered notifications (APNs cannot recall one itself).
 */
final class ApnsProvider implements PushProvider, AutoCloseable {

  /** Reasons APNs gives for a token that will never work again (HTTP 400/410). */
  static final Set<String> DEAD_TOKEN_REASONS = Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic");

  private final ApnsClient client;
  private final String topic;

  ApnsProvider(PushProperties.Apns settings) throws Exception {
    ApnsClientBuilder builder = new ApnsClientBuilder()
        .setApnsServer(settings.host(), settings.port())
        .setSigningKey(ApnsSigningKey.loadFromPkcs8File(
            new File(settings.signingKeyFile()), settings.teamId(), settings.keyId()));
    if (settings.trustedCertificateFile() != null && !settings.trustedCertificateFile().isBlank()) {
      builder.setTrustedServerCertificateChain(new File(settings.trustedCertificateFile()));
    }
    this.client = builder.build();
    this.topic = settings.topic();
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.APNS;
  }

  @Override
  public Mono<ProviderAnswer> send(PushTarget target, Notification notification) {
    SimpleApnsPushNotification push = notification.withdraws()
        ? new SimpleApnsPushNotification(target.address(), topic, payload(notification), expiry(),
            DeliveryPriority.CONSERVE_POWER, PushType.BACKGROUND, notification.collapseKey())
        : new SimpleApnsPushNotification(target.address(), topic, payload(notification), expiry(),
            DeliveryPriority.IMMEDIATE, PushType.ALERT, notification.collapseKey());
    return Mono.fromFuture(() -> client.sendNotification(push)).map(ApnsProvider::answer);
  }

  private static String payload(Notification notification) {
    ApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder()
        .setBadgeNumber((int) Math.min(Integer.MAX_VALUE, notification.badge()))
        .setThreadId(notification.collapseKey());
    if (notification.withdraws()) {
      payload.setContentAvailable(true);
    } else {
      payload.setAlertTitle(notification.title()).setAlertBody(notification.text()).setSound("default");
    }
    notification.data().forEach(payload::addCustomProperty);
    return payload.build();
  }

  private static Instant expiry() {
    return Instant.now().plus(WebPushProvider.TIME_TO_LIVE);
  }

  private static ProviderAnswer answer(PushNotificationResponse<SimpleApnsPushNotification> response) {
    if (response.isAccepted()) {
      return ProviderAnswer.delivered();
    }
    String reason = response.getRejectionReason().orElse("");
    if (DEAD_TOKEN_REASONS.contains(reason) || response.getTokenInvalidationTimestamp().isPresent()) {
      return ProviderAnswer.unregistered(response.getStatusCode() + " " + reason);
    }
    return ProviderAnswer.ofStatus(response.getStatusCode(), reason);
  }

  @Override
  public void close() {
    client.close();
  }
}
