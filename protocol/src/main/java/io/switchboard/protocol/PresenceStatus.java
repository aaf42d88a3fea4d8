package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a user has at least one device connected, by its wire name. */
public enum PresenceStatus {
  ONLINE("online"),
  OFFLINE("offline");

  private final String wireName;

  PresenceStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static PresenceStatus fromWireName(String wireName) {
    for (PresenceStatus status : values()) {
      if (status.wireName.equals(wireName)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown presence status " + wireName);
  }
}
