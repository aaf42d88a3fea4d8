package io.switchboard.push.target;

import java.util.Arrays;
import java.util.Optional;

/** The push services a target belongs to, by their wire names. */
public enum ProviderKind {
  APNS("apns"),
  FCM("fcm"),
  WEB_PUSH("web_push");

  private final String wireName;

  ProviderKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ProviderKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
  }
}
