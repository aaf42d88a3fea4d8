package io.switchboard.push;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Push workers' settings. A provider is on only when its credentials are set; with none set the workers still
 * consume (and drop) push events, and say so at start.
 *
 * @param collapseQuiet a conversation's notification waits until no new message came for this long...
 * @param collapseMaxDelay ...but never longer than this after the first message it covers
 * @param attempts tries per notification and target before it goes to the dead-letter queue
 * @param firstRetryDelay wait before the second try; doubles up to {@code maxRetryDelay}
 * @param providerTimeout one provider request, answer included
 * @param prefetch push events held unacknowledged (a collapsing burst is acknowledged once notified)
 * @param concurrency notifications being sent at once
 */
@Validated
@ConfigurationProperties("switchboard.push")
public record PushProperties(
    @DefaultValue("1s") Duration collapseQuiet,
    @DefaultValue("4s") Duration collapseMaxDelay,
    @DefaultValue("5") @Min(1) int attempts,
    @DefaultValue("200ms") Duration firstRetryDelay,
    @DefaultValue("5s") Duration maxRetryDelay,
    @DefaultValue("10s") Duration providerTimeout,
    @DefaultValue("1000") @Min(1) int prefetch,
    @DefaultValue("64") @Min(1) int concurrency,
    @DefaultValue Apns apns,
    @DefaultValue Fcm fcm,
    @DefaultValue WebPush webPush) {

  /**
   * APNs with token (JWT) auth.
   *
   * @param signingKeyFile the {@code .p8} key (PKCS#8 PEM) from the Apple developer account
   * @param topic the app's bundle id
   * @param trustedCertificateFile a PEM certificate chain to trust instead of the JDK's CAs (a local test server)
   */
  public record Apns(
      @DefaultValue("api.push.apple.com") String host,
      @DefaultValue("443") int port,
      String teamId,
      String keyId,
      String signingKeyFile,
      String topic,
      String trustedCertificateFile) {

    public boolean configured() {
      return present(teamId) && present(keyId) && present(signingKeyFile) && present(topic);
    }
  }

  /**
   * FCM HTTP v1 with service-account auth.
   *
   * @param serviceAccountFile the service account's JSON key; its {@code token_uri} is where tokens come from
   * @param endpoint the FCM API's base address
   */
  public record Fcm(
      String projectId,
      String serviceAccountFile,
      @DefaultValue("https://fcm.googleapis.com") String endpoint) {

    public boolean configured() {
      return present(projectId) && present(serviceAccountFile);
    }
  }

  /**
   * Web Push with VAPID. Keys are base64url: the public key as the uncompressed P-256 point (what browsers take as
   * {@code applicationServerKey}), the private key as the raw 32-byte scalar.
   *
   * @param subject a {@code mailto:} or {@code https:} contact for push services (RFC 8292)
   * @param endpointHosts the push services a subscription's endpoint may name: a host, or a suffix starting
   *     with a dot. The workers POST to whatever endpoint a user registers, so without this list anybody could
   *     point them at an address inside the network. The default covers the browsers' push services.
   */
  public record WebPush(
      String subject,
      String publicKey,
      String privateKey,
      @DefaultValue({".googleapis.com", ".mozilla.com", ".notify.windows.com", ".push.apple.com"})
          List<String> endpointHosts) {

    public boolean configured() {
      return present(subject) && present(publicKey) && present(privateKey);
    }

    /** Whether a subscription endpoint on this host may be registered. */
    public boolean allowsEndpointHost(String host) {
      String lowerCase = host.toLowerCase(java.util.Locale.ROOT);
      return endpointHosts.stream().map(allowed -> allowed.toLowerCase(java.util.Locale.ROOT)).anyMatch(allowed ->
          allowed.startsWith(".") ? lowerCase.endsWith(allowed) : lowerCase.equals(allowed));
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
