package io.switchboard.push.provider;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import io.switchboard.protocol.json.SwitchboardJson;
import io.switchboard.push.PushProperties;
import io.switchboard.push.delivery.Notification;
import io.switchboard.push.target.ProviderKind;
import io.switchboard.push.target.PushTarget;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Web Push (RFC 8030) to a browser's push service: the payload encrypted for the subscription (RFC 8291,
 * {@code aes128gcm}) and the request signed with our VAPID key (RFC 8292), both by the webpush library; the
 * request itself goes out on our non-blocking client. {@code Topic} is the conversation, so the push service
 * replaces a still-undelivered notification of it, and a withdrawal replaces the notification it withdraws.
 */
final class WebPushProvider implements PushProvider {

  /** How long a push service keeps a notification for a browser that is away. */
  static final Duration TIME_TO_LIVE = Duration.ofDays(1);

  private final WebPush webPush;
  private final WebClient client;

  WebPushProvider(PushProperties.WebPush settings, WebClient client) {
    this.webPush = new WebPush(settings.subject(),
        VapidKeys.fromUncompressedBytes(settings.publicKey(), settings.privateKey()));
    this.client = client;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.WEB_PUSH;
  }

  @Override
  public Mono<ProviderAnswer> send(PushTarget target, Notification notification) {
    return Mono.fromCallable(() -> request(target, notification))
        .flatMap(request -> client.post()
            .uri(target.address())
            .headers(headers -> request.headers().forEach(headers::set))
            .bodyValue(request.body())
            .exchangeToMono(response -> response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> answer(response.statusCode().value(), body))));
  }

  private Request request(PushTarget target, Notification notification) {
    Base64.Decoder base64 = Base64.getUrlDecoder();
    byte[] payload = SwitchboardJson.mapper().writeValueAsBytes(notification.data());
    byte[] body = webPush.getBody(payload, base64.decode(target.p256dh()), base64.decode(target.auth()));
    WebPush.Urgency urgency = notification.withdraws() ? WebPush.Urgency.Normal : WebPush.Urgency.High;
    Map<String, String> headers = webPush.getHeaders(
        target.address(), (int) TIME_TO_LIVE.toSeconds(), notification.collapseKey(), urgency);
    return new Request(headers, body);
  }

  private static ProviderAnswer answer(int status, String body) {
    if (status == 404 || status == 410) {
      return ProviderAnswer.unregistered(status + " subscription gone");
    }
    return ProviderAnswer.ofStatus(status, body.length() > 200 ? body.substring(0, 200) : body);
  }

  private record Request(Map<String, String> headers, byte[] body) {}
}
