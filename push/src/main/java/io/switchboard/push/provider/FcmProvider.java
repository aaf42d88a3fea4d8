package io.switchboard.push.provider;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.switchboard.push.PushProperties;
import io.switchboard.push.delivery.Notification;
import io.switchboard.push.target.ProviderKind;
import io.switchboard.push.target.PushTarget;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * FCM HTTP v1 ({@code POST /v1/projects/<project>/messages:send}), authorized by an OAuth2 access token that
 * Google's auth library gets for the service account (a signed JWT exchanged at the account's
 * {@code token_uri}) and renews before it expires. The library fetches tokens with blocking I/O, so that runs
 * on the bounded elastic scheduler; the send itself is non-blocking. The conversation is the Android
 * {@code collapse_key} and notification tag, so a newer notification replaces the older one.
 */
final class FcmProvider implements PushProvider {

  static final String MESSAGING_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

  private final GoogleCredentials credentials;
  private final WebClient client;
  private final String sendUri;

  FcmProvider(PushProperties.Fcm settings, WebClient client) throws IOException {
    try (InputStream serviceAccount = new FileInputStream(settings.serviceAccountFile())) {
      this.credentials = ServiceAccountCredentials.fromStream(serviceAccount).createScoped(List.of(MESSAGING_SCOPE));
    }
    this.client = client;
    this.sendUri = settings.endpoint().replaceAll("/+$", "") + "/v1/projects/" + settings.projectId() + "/messages:send";
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.FCM;
  }

  @Override
  public Mono<ProviderAnswer> send(PushTarget target, Notification notification) {
    return accessToken().flatMap(token -> client.post()
        .uri(sendUri)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .bodyValue(Map.of("message", message(target, notification)))
        .exchangeToMono(response -> response.bodyToMono(String.class)
            .defaultIfEmpty("")
            .flatMap(body -> answer(response.statusCode().value(), body))));
  }

  private Mono<String> accessToken() {
    return Mono.fromCallable(() -> {
          credentials.refreshIfExpired();
          return credentials.getAccessToken().getTokenValue();
        })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static Map<String, Object> message(PushTarget target, Notification notification) {
    Map<String, Object> android = new LinkedHashMap<>();
    android.put("collapse_key", notification.collapseKey());
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("token", target.address());
    message.put("data", notification.data());
    if (notification.withdraws()) {
      android.put("priority", "normal");
    } else {
      android.put("priority", "high");
      message.put("notification", Map.of("title", notification.title(), "body", notification.text()));
      android.put("notification", Map.of(
          "tag", notification.collapseKey(), "notification_count", notification.messageCount()));
    }
    message.put("android", android);
    message.put("apns", Map.of(
        "headers", Map.of("apns-collapse-id", notification.collapseKey()),
        "payload", Map.of("aps", Map.of("badge", notification.badge()))));
    return message;
  }

  private Mono<ProviderAnswer> answer(int status, String body) {
    if (status == 404 || body.contains("\"UNREGISTERED\"")) {
      return Mono.just(ProviderAnswer.unregistered(status + " UNREGISTERED"));
    }
    if (status == 401) {
      // the token was revoked or the clock jumped: fetch a new one before the retry
      return Mono.fromRunnable(() -> {
            try {
              credentials.refresh();
            } catch (IOException unreachable) {
              // the retry will try again
            }
          })
          .subscribeOn(Schedulers.boundedElastic())
          .thenReturn(ProviderAnswer.transientFailure("401 access token refused"));
    }
    return Mono.just(ProviderAnswer.ofStatus(status, body.length() > 200 ? body.substring(0, 200) : body));
  }
}
