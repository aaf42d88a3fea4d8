package io.switchboard.push.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where one device of a user is notified: an APNs device token, an FCM registration token, or a Web Push
 * subscription (endpoint and the browser's keys).
 *
 * @param address the token, or the subscription's endpoint URL
 * @param p256dh Web Push only: the subscription's public key (base64url, uncompressed P-256 point)
 * @param auth Web Push only: the subscription's authentication secret (base64url, 16 bytes)
 */
public record PushTarget(
    String targetId, String userId, String deviceId, ProviderKind provider, String address, String p256dh, String auth) {

  public PushTarget {
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(address, "address");
  }

  /**
   * One id per provider and address: registering the same token again (or from another account, after a
   * sign-in on the same phone) replaces the earlier record instead of notifying twice.
   */
  public static String idOf(ProviderKind provider, String address) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((provider.wireName() + "\n" + address).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
