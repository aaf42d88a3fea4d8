package io.switchboard.push.target;

import java.net.URI;
import java.util.Base64;

/**
 * The body of {@code POST /api/push/targets}: {@code provider} and either {@code token} (APNs, FCM) or
 * {@code endpoint} and {@code keys} (a browser's {@code PushSubscription.toJSON()}, Web Push).
 */
record TargetRegistration(String provider, String token, String endpoint, Keys keys) {

  record Keys(String p256dh, String auth) {}

  static final int MAX_TOKEN_LENGTH = 4096;

  /** The target this registers, or {@link IllegalArgumentException} saying what to fix. */
  PushTarget toTarget(String userId, String deviceId) {
    ProviderKind kind = ProviderKind.fromWireName(provider == null ? "" : provider)
        .orElseThrow(() -> new IllegalArgumentException("provider must be one of apns, fcm, web_push"));
    if (kind == ProviderKind.WEB_PUSH) {
      URI uri = endpoint == null ? null : URI.create(endpoint);
      if (uri == null || uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("endpoint must be the subscription's absolute URL");
      }
      if (keys == null || decodedLength(keys.p256dh()) != 65 || decodedLength(keys.auth()) != 16) {
        throw new IllegalArgumentException(
            "keys.p256dh (65-byte P-256 point) and keys.auth (16 bytes), base64url, are required");
      }
      return new PushTarget(PushTarget.idOf(kind, endpoint), userId, deviceId, kind, endpoint, keys.p256dh(), keys.auth());
    }
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token is required (at most " + MAX_TOKEN_LENGTH + " characters)");
    }
    if (kind == ProviderKind.APNS && !token.matches("[0-9a-fA-F]{16,400}")) {
      throw new IllegalArgumentException("an APNs device token is hexadecimal");
    }
    return new PushTarget(PushTarget.idOf(kind, token), userId, deviceId, kind, token, null, null);
  }

  private static int decodedLength(String base64url) {
    if (base64url == null) {
      return -1;
    }
    try {
      return Base64.getUrlDecoder().decode(base64url.replace("=", "")).length;
    } catch (IllegalArgumentException notBase64) {
      return -1;
    }
  }
}
